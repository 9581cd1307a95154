package sim

// Calendar holds the pending calls of one function for many ids (the next
// arrival of each of a million clients, say) outside the event heap, which
// keeps a single entry for the earliest of them. Each call keeps the
// sequence number Schedule would have given it, so the events run in
// exactly the order, and with the Steps and Pending counts, they would
// have as Schedule(d, fn, id) calls; only the cost changes: a small event
// heap, and calls stored in a 4-ary heap of 24-byte entries without
// pointers, which the garbage collector does not scan.
type Calendar struct {
	env   *Env
	fn    func(id int)
	timer Timer // the earliest call's entry in the event heap
	h     []calEntry
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
	c := &Calendar{env: e, fn: fn, h: make([]calEntry, 0, capacity)}
	c.timer.Init(e, c.fire, nil)
	e.calendars = append(e.calendars, c)
	return c
}

// Len returns the number of pending calls.
func (c *Calendar) Len() int { return len(c.h) }

// Schedule schedules fn(id) after delay d, which must not be negative, in
// the order Env.Schedule would give it.
func (c *Calendar) Schedule(d Duration, id int) {
	if d < 0 {
		panic("sim: negative calendar delay")
	}
	e := c.env
	e.seq++
	c.push(calEntry{when: e.now + Time(d), key: normalKey | e.seq, id: id})
	if c.h[0].id == id && c.h[0].key == normalKey|e.seq {
		c.arm()
	}
}

// arm (re)places the timer's entry in the event heap at the earliest call.
func (c *Calendar) arm() {
	t := &c.timer
	t.Stop()
	top := &c.h[0]
	c.env.push(top.when, top.key, nil, t)
}

// fire runs the earliest call, after putting the next one in the event
// heap.
func (c *Calendar) fire(any) {
	id := c.h[0].id
	c.pop()
	if len(c.h) > 0 {
		c.arm()
	}
	c.fn(id)
}

// pending returns the calls not represented in the event heap.
func (c *Calendar) pending() int {
	if c.timer.Pending() {
		return len(c.h) - 1
	}
	return len(c.h)
}

func (c *Calendar) push(x calEntry) {
	h := append(c.h, calEntry{})
	j := len(h) - 1
	for j > 0 {
		i := (j - 1) / 4
		if !x.less(&h[i]) {
			break
		}
		h[j] = h[i]
		j = i
	}
	h[j] = x
	c.h = h
}

func (c *Calendar) pop() {
	h := c.h
	n := len(h) - 1
	x := h[n]
	h = h[:n]
	c.h = h
	if n == 0 {
		return
	}
	i := 0
	for {
		l := 4*i + 1
		if l >= n {
			break
		}
		j := l
		end := min(l+4, n)
		for k := l + 1; k < end; k++ {
			if h[k].less(&h[j]) {
				j = k
			}
		}
		if !h[j].less(&x) {
			break
		}
		h[i] = h[j]
		i = j
	}
	h[i] = x
}
