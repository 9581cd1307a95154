package sim

// entry is one scheduled call. Entries are stored by value in a binary
// min-heap ordered by (when, key); key packs the priority above the
// scheduling sequence number, so equal times run by priority, then in
// scheduling order. A timer's entry has a nil fn and the *Timer as arg, so
// that the timer's index can follow the entry's moves; keeping entries at
// 40 bytes measurably speeds up the heap.
type entry struct {
	when Time
	key  uint64
	fn   func(any)
	arg  any
}

func (a *entry) less(b *entry) bool {
	return a.when < b.when || (a.when == b.when && a.key < b.key)
}

// eventHeap is a binary min-heap specialised for entry; it avoids the
// interface calls of container/heap on the hot path. Sifts carry the moving
// entry in a register-friendly local and write it once, which avoids the
// store-to-load stalls of the textbook append-then-sift-up.
type eventHeap []entry

func (h *eventHeap) push(when Time, key uint64, fn func(any), arg any) {
	s := append(*h, entry{})
	j := len(s) - 1
	for j > 0 {
		i := (j - 1) / 2
		p := &s[i]
		if when > p.when || (when == p.when && key > p.key) {
			break
		}
		s[j] = *p
		s.setIndex(j)
		j = i
	}
	p := &s[j]
	p.when, p.key, p.fn, p.arg = when, key, fn, arg
	s.setIndex(j)
	*h = s
}

// put stores e at index i field by field: a whole-struct copy from a
// spilled local is done with 16-byte moves that defeat store forwarding.
func (h eventHeap) put(i int, e *entry) {
	p := &h[i]
	p.when, p.key, p.fn, p.arg = e.when, e.key, e.fn, e.arg
}

// popRoot deletes the minimum entry. The heap must not be empty.
func (h *eventHeap) popRoot() {
	s := *h
	n := len(s) - 1
	last := s[n]
	s[n] = entry{} // drop references for the garbage collector
	s = s[:n]
	*h = s
	if n > 0 {
		s.siftDown(0, last)
	}
}

// replaceRoot puts e in place of the minimum entry.
func (h eventHeap) replaceRoot(e entry) { h.siftDown(0, e) }

// removeAt deletes the entry at index i.
func (h *eventHeap) removeAt(i int) {
	s := *h
	n := len(s) - 1
	last := s[n]
	s[n] = entry{} // drop references for the garbage collector
	s = s[:n]
	*h = s
	if i == n {
		return
	}
	if i > 0 && last.less(&s[(i-1)/2]) {
		s.siftUp(i, last)
		return
	}
	s.siftDown(i, last)
}

func (h eventHeap) setIndex(i int) {
	if h[i].fn == nil {
		h[i].arg.(*Timer).index = i + 1
	}
}

// siftUp places e, which belongs at hole j or above it.
func (h eventHeap) siftUp(j int, e entry) {
	for j > 0 {
		i := (j - 1) / 2
		if !e.less(&h[i]) {
			break
		}
		h[j] = h[i]
		h.setIndex(j)
		j = i
	}
	h.put(j, &e)
	h.setIndex(j)
}

// siftDown places e, which belongs at hole i or below it.
func (h eventHeap) siftDown(i int, e entry) {
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		j := l
		if r := l + 1; r < n && h[r].less(&h[l]) {
			j = r
		}
		if !h[j].less(&e) {
			break
		}
		h[i] = h[j]
		h.setIndex(i)
		i = j
	}
	h.put(i, &e)
	h.setIndex(i)
}
