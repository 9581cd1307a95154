package sim

// Calendar holds the pending calls of one function for many ids (the next
// arrival of each of a million clients, say) outside the event heap, which
// keeps a single entry for the earliest of them. Each call keeps the
// sequence number Schedule would have given it, so the events run in
// exactly the order, and with the Steps and Pending counts, they would
// have as Schedule(d, fn, id) calls; only the cost changes: a small event
// heap, and calls stored without pointers, which the garbage collector does
// not scan. A few thousand calls are kept in a 4-ary heap; more are kept
// in a calendar queue (calring.go), whose operations touch a constant
// number of cache lines however many calls there are.
type Calendar struct {
	env   *Env
	fn    func(id int)
	timer Timer // the earliest call's entry in the event heap
	n     int   // pending calls
	size  int   // the capacity asked for
	// near is a 4-ary heap of the calls of the ring's current bucket and
	// those before it: all the calls, without a ring. It is not empty
	// when n > 0, so near[0] is the earliest call.
	near []calEntry
	ring calRing
}

// calEntry is a call of the calendar's function for id at (when, key), as
// the event heap orders them.
type calEntry struct {
	when Time
	key  uint64
	id   int
}

func (a *calEntry) less(b *calEntry) bool {
	return a.when < b.when || (a.when == b.when && a.key < b.key)
}

// NewCalendar returns an empty calendar of calls of fn, with room for
// capacity pending calls before it grows.
func (e *Env) NewCalendar(capacity int, fn func(id int)) *Calendar {
	c := &Calendar{env: e, fn: fn, size: capacity, near: make([]calEntry, 0, min(capacity, calRingMin))}
	c.timer.Init(e, c.fire, nil)
	e.calendars = append(e.calendars, c)
	return c
}

// Len returns the number of pending calls.
func (c *Calendar) Len() int { return c.n }

// Schedule schedules fn(id) after delay d, which must not be negative, in
// the order Env.Schedule would give it.
func (c *Calendar) Schedule(d Duration, id int) {
	if d < 0 {
		panic("sim: negative calendar delay")
	}
	e := c.env
	e.seq++
	x := calEntry{when: e.now + Time(d), key: normalKey | e.seq, id: id}
	c.n++
	if c.ring.on || c.n >= calRingMin {
		c.add(x)
	} else {
		c.near = heapPush(c.near, x)
	}
	if top := &c.near[0]; top.id == id && top.key == x.key {
		c.arm()
	}
}

// add adds x to the ring, building it if there is none.
func (c *Calendar) add(x calEntry) {
	if !c.ring.on {
		c.near = heapPush(c.near, x)
		c.rebuild()
		return
	}
	c.insert(x)
	if len(c.near) == 0 {
		c.refill()
	}
	if c.n >= 2*c.ring.built {
		c.rebuild()
	}
}

// arm (re)places the timer's entry in the event heap at the earliest call.
func (c *Calendar) arm() {
	t := &c.timer
	t.Stop()
	top := &c.near[0]
	c.env.push(top.when, top.key, nil, t)
}

// fire runs the earliest call, after putting the next one in the event
// heap.
func (c *Calendar) fire(any) {
	h := c.near
	id := h[0].id
	n := len(h) - 1
	x := h[n]
	c.near = h[:n]
	if n > 0 {
		siftDown(h[:n], 0, x)
	}
	c.n--
	if c.ring.on {
		c.ring.pops++
		if len(c.near) == 0 && c.n > 0 {
			c.refill()
		}
		if c.ring.pops >= c.ring.built {
			c.checkRing()
		}
	}
	if c.n > 0 {
		c.arm()
	}
	c.fn(id)
}

// pending returns the calls not represented in the event heap.
func (c *Calendar) pending() int {
	if c.timer.Pending() {
		return c.n - 1
	}
	return c.n
}
