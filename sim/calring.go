package sim

import (
	"math"
	"math/bits"
)

// calRingMin is the number of pending calls from which a calendar keeps
// them in a ring of buckets rather than in one heap; a variable so that
// tests can lower it.
var calRingMin = 1 << 14

// calChunkLen is the number of calls in a chunk of a bucket.
const calChunkLen = 8

// calRing is a calendar queue (Brown 1988): a ring of buckets of calls,
// bucket b holding the calls at times in [b<<shift, (b+1)<<shift), for
// the buckets after cur up to a whole turn of the ring; the calls of
// bucket cur and before are in the calendar's near heap, those beyond the
// turn in far, which goes into the ring when cur reaches farLo. A bucket
// is a list of chunks of calls in order of arrival, so adding a call
// writes one cache line, and the bucket goes to the near heap, where its
// calls are ordered, when cur reaches it.
type calRing struct {
	on     bool
	shift  uint    // a bucket spans 1<<shift nanoseconds
	mask   int64   // len(buckets)-1
	cur    int64   // the number of the last bucket in the near heap
	heads  []int32 // the first chunk of each bucket, or -1
	tails  []int32 // the last chunk of each bucket <<4 | its calls, or -1
	chunks []calChunk
	free   int32 // the first free chunk, or -1
	inRing int   // calls in the buckets
	far    []calEntry
	farLo  int64 // the least bucket number of the calls in far
	built  int   // calls when the ring was built
	pops   int   // calls run since then
	steps  int   // buckets passed since then
}

// calChunk holds calls of a bucket and the index of the next chunk, or -1.
type calChunk struct {
	next int32
	e    [calChunkLen]calEntry
}

// insert adds x to the near heap, the ring or far.
func (c *Calendar) insert(x calEntry) {
	r := &c.ring
	b := int64(x.when) >> r.shift
	switch {
	case b <= r.cur:
		c.near = heapPush(c.near, x)
	case b-r.cur <= r.mask:
		r.add(b, x)
	default:
		r.far = append(r.far, x)
		r.farLo = min(r.farLo, b)
	}
}

// add appends x to bucket b.
func (r *calRing) add(b int64, x calEntry) {
	i := b & r.mask
	t := r.tails[i]
	if t < 0 {
		k := r.alloc()
		r.heads[i] = k
		t = k << 4
	} else if t&15 == calChunkLen {
		k := r.alloc()
		r.chunks[t>>4].next = k
		t = k << 4
	}
	r.chunks[t>>4].e[t&15] = x
	r.tails[i] = t + 1
	r.inRing++
}

// alloc returns the index of a free chunk.
func (r *calRing) alloc() int32 {
	if k := r.free; k >= 0 {
		r.free = r.chunks[k].next
		r.chunks[k].next = -1
		return k
	}
	r.chunks = append(r.chunks, calChunk{next: -1})
	return int32(len(r.chunks) - 1)
}

// refill moves the next calls to the empty near heap; there must be some.
func (c *Calendar) refill() {
	r := &c.ring
	for len(c.near) == 0 {
		if r.inRing == 0 {
			r.cur = max(r.cur, r.farLo-1)
		}
		r.cur++
		r.steps++
		if r.cur >= r.farLo {
			r.spread()
		}
		c.near = r.drain(r.cur, c.near)
	}
	heapify(c.near)
}

// spread moves the calls of far that fall within a turn of the ring after
// cur to the ring.
func (r *calRing) spread() {
	far := r.far
	r.far, r.farLo = far[:0], math.MaxInt64
	for _, x := range far {
		b := int64(x.when) >> r.shift
		if b-r.cur <= r.mask {
			r.add(b, x)
		} else {
			r.far = append(r.far, x)
			r.farLo = min(r.farLo, b)
		}
	}
}

// drain appends the calls of bucket b to h and empties the bucket.
func (r *calRing) drain(b int64, h []calEntry) []calEntry {
	i := b & r.mask
	t := r.tails[i]
	if t < 0 {
		return h
	}
	for k := r.heads[i]; k >= 0; {
		ch := &r.chunks[k]
		n := calChunkLen
		if k == t>>4 {
			n = int(t & 15)
		}
		h = append(h, ch.e[:n]...)
		r.inRing -= n
		next := ch.next
		ch.next = r.free
		r.free = k
		k = next
	}
	r.tails[i] = -1
	return h
}

// rebuild puts all the calls in a heap, if there are few, or in a ring
// sized for them (or for the calendar's capacity, if more, when the ring
// is first built), whose buckets span about 6 times the mean delay of the
// calls over a 128th as many buckets as calls.
func (c *Calendar) rebuild() {
	r := &c.ring
	all := make([]calEntry, 0, c.n)
	all = append(all, c.near...)
	if r.on {
		for b := range r.tails {
			all = r.drain(int64(b), all)
		}
		all = append(all, r.far...)
	}
	c.near = c.near[:0]
	if len(all) < calRingMin/2 {
		*r = calRing{}
		c.near = append(c.near, all...)
		heapify(c.near)
		return
	}
	size := len(all)
	if !r.on {
		size = max(size, c.size) // growing from the heap: room for the capacity asked for
	}
	now := c.env.now
	sum := 0.0
	for i := range all {
		sum += float64(all[i].when - now)
	}
	nb := 1 << bits.Len(uint(size/128))
	w := uint64(6*sum/float64(len(all))) / uint64(nb)
	if !r.on {
		c.near = make([]calEntry, 0, 1024) // a bucket's calls, not all
	}
	r.on = true
	r.shift = uint(bits.Len64(w))
	r.mask = int64(nb - 1)
	r.cur = int64(now) >> r.shift
	if len(r.tails) != nb {
		r.heads, r.tails = make([]int32, nb), make([]int32, nb)
	}
	for i := range r.tails {
		r.tails[i] = -1
	}
	if want := nb + size/calChunkLen; cap(r.chunks) < want {
		r.chunks = make([]calChunk, 0, want)
	}
	r.chunks = r.chunks[:0]
	r.free = -1
	r.inRing = 0
	r.far = nil
	r.farLo = math.MaxInt64
	r.built = size
	r.pops, r.steps = 0, 0
	for _, x := range all {
		c.insert(x)
	}
	if len(c.near) == 0 {
		c.refill()
	}
}

// checkRing rebuilds the ring if the calls have become four times fewer
// than when it was built, or if the calls run since then passed more than
// four empty buckets each: the buckets are then too narrow.
func (c *Calendar) checkRing() {
	r := &c.ring
	if c.n*4 < r.built || r.steps > 4*r.pops {
		c.rebuild()
		return
	}
	r.pops, r.steps = 0, 0
}
