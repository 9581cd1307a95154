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

// popRoot deletes the minimum entry. The heap must not be empty.
func (h *eventHeap) popRoot() {
	s := *h
	n := len(s) - 1
	last := &s[n]
	when, key, fn, arg := last.when, last.key, last.fn, last.arg
	*last = entry{} // drop references for the garbage collector
	s = s[:n]
	*h = s
	if n > 0 {
		s.siftDown(0, when, key, fn, arg)
	}
}

// replaceRoot puts the entry (when, key, fn, arg) in place of the minimum
// entry.
func (h eventHeap) replaceRoot(when Time, key uint64, fn func(any), arg any) {
	h.siftDown(0, when, key, fn, arg)
}

// removeAt deletes the entry at index i.
func (h *eventHeap) removeAt(i int) {
	s := *h
	n := len(s) - 1
	last := &s[n]
	when, key, fn, arg := last.when, last.key, last.fn, last.arg
	*last = entry{} // drop references for the garbage collector
	s = s[:n]
	*h = s
	if i == n {
		return
	}
	if p := &s[(i-1)/2]; i > 0 && (when < p.when || (when == p.when && key < p.key)) {
		s.siftUp(i, when, key, fn, arg)
		return
	}
	s.siftDown(i, when, key, fn, arg)
}

func (h eventHeap) setIndex(i int) {
	if h[i].fn == nil {
		h[i].arg.(*Timer).index = i + 1
	}
}

// siftUp places the entry (when, key, fn, arg), which belongs at hole j
// or above it.
func (h eventHeap) siftUp(j int, when Time, key uint64, fn func(any), arg any) {
	for j > 0 {
		i := (j - 1) / 2
		p := &h[i]
		if !(when < p.when || (when == p.when && key < p.key)) {
			break
		}
		h[j] = *p
		h.setIndex(j)
		j = i
	}
	p := &h[j]
	p.when, p.key, p.fn, p.arg = when, key, fn, arg
	h.setIndex(j)
}

// siftDown places the entry (when, key, fn, arg), which belongs at hole i
// or below it. The entry travels as four values, not as an entry: a copy
// of a 40-byte struct through the stack is done with 16-byte moves that
// wait for the 8-byte stores before them (no store forwarding).
func (h eventHeap) siftDown(i int, when Time, key uint64, fn func(any), arg any) {
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
		c := &h[j]
		if !(c.when < when || (c.when == when && c.key < key)) {
			break
		}
		h[i] = *c
		h.setIndex(i)
		i = j
	}
	p := &h[i]
	p.when, p.key, p.fn, p.arg = when, key, fn, arg
	h.setIndex(i)
}
