package models

import "github.com/asyncsim/asyncsim/sim"

// Client side: request creation, admission and completion.

// onArrive is the arrival event of a client with a profile.
func (m *model) onArrive(a any) { m.arrive(a.(*client)) }

// onArriveID is the arrival of open-loop client id, from m.arrivals.
func (m *model) onArriveID(id int) { m.arrive(&m.clientArr[id]) }

// arrive creates a request of open-loop client c and schedules its next
// arrival.
func (m *model) arrive(c *client) {
	if m.draining {
		return
	}
	r := m.newRequest(c)
	if c.prof != nil {
		m.profileNext(c)
	} else {
		m.arrivals.Schedule(m.cfg.Clients.Arrival.Sample(m.clientRNG(&c.arrivals)), c.idx)
	}
	if m.tracing {
		m.trace("r%d created by client %d", r.id, c.idx)
	}
	m.admit(r)
	m.checkBacklog()
}

// onThink starts the request of one closed-loop user after its think time.
func (m *model) onThink(a any) {
	if m.draining {
		return
	}
	c := a.(*client)
	if m.retired(c) {
		return
	}
	r := m.newRequest(c)
	if m.tracing {
		m.trace("r%d created by client %d after thinking", r.id, c.idx)
	}
	m.admit(r)
	m.checkBacklog()
}

// admit takes the request through the client's thread pool or in-flight
// limit, if any; startAttempt runs when it gets a thread or slot.
func (m *model) admit(r *request) {
	r.demand = m.entryService.Sample(m.clientRNG(&r.c.service))
	if r.c.slots != nil {
		r.c.slots.Arrive(&r.call)
		if w := m.cfg.Clients.MaxWait; w > 0 && r.attempt == 0 && !r.finished {
			// It waits for a thread or slot: for at most max_wait. The
			// line holds a reference until it reaches the request.
			r.waiting = true
			r.refs++
			r.timer.Reset(w)
		}
		return
	}
	m.startAttempt(&r.call)
}

// gotSlot ends the wait of a request that had max_wait armed, when it
// gets its thread or slot.
func (m *model) gotSlot(r *request) {
	r.waiting = false
	r.timer.Stop()
	m.releaseRequest(r) // the line's reference
}

// gaveUpWaiting rejects a request whose max_wait ran out before it got a
// thread or slot: it leaves the line (its place is dropped when the line
// reaches it) and fails; the client learns of it at once.
func (m *model) gaveUpWaiting(r *request) {
	r.waiting, r.withdrawn = false, true
	r.c.slots.Withdraw()
	m.count(r, cRejected)
	if m.tracing {
		m.trace("r%d gave up waiting for a thread or slot", r.id)
	}
	m.finish(r, false, false)
	m.thinkAgain(r.c)
}

// dropWithdrawn takes a request that gave up off its client's line.
func (m *model) dropWithdrawn(c *call) { m.releaseRequest(c.r) }

// finish ends a request. release tells whether the client learned of the
// outcome and so frees the thread or in-flight slot it held.
func (m *model) finish(r *request, ok, release bool) {
	m.alive(r.dead, "request")
	r.finished = true
	r.timer.Stop()
	now := m.env.Now()
	if ok {
		r.t3 = now
		if now >= m.warmup && now < m.horizon {
			m.rec.completions++
		}
		if r.counted {
			m.rec.success(r)
		}
		if m.tracing {
			m.trace("r%d succeeded", r.id)
		}
	} else {
		if r.counted {
			m.rec.failed++
		}
		if m.tracing {
			m.trace("r%d failed", r.id)
		}
	}
	if r.counted {
		m.undecided--
		if m.undecided == 0 && m.draining {
			m.env.Stop() // every request of the window has its outcome
		}
	}
	if m.series != nil {
		m.series.finished(ok, now.Sub(r.t0))
	}
	if m.ev != nil {
		m.requestFinished(r, ok)
	}
	if m.opts.Done != nil {
		m.opts.Done(Record{ID: r.id, Client: r.c.idx, OK: ok, Attempts: r.attempt, T0: r.t0, T1: r.t1, T2: r.t2, T3: r.t3})
	}
	c := r.c
	if release {
		if c.slots != nil {
			c.slots.Done()
		}
		m.thinkAgain(c)
	}
	m.releaseRequest(r)
}

// retired reports whether a user of c, at the end of a cycle, stops
// because the users profile lowered the number of active users.
func (m *model) retired(c *client) bool {
	pr := c.prof
	if pr == nil || pr.retire == 0 {
		return false
	}
	pr.retire--
	pr.users--
	return true
}

// usersChange applies the next change of a users profile to c: new users
// start thinking, surplus ones stop at the end of their cycle; then it
// schedules the change after it.
func (m *model) usersChange(cl *client) {
	p := &m.cfg.Clients.Profile
	c := cl.prof
	want := int(p.Points[c.change].Value)
	active := c.users - c.retire
	switch {
	case want > active:
		// Users that were to stop stay first, then new ones start.
		keep := min(c.retire, want-active)
		c.retire -= keep
		for range want - active - keep {
			c.users++
			m.env.Schedule(m.sample(m.cfg.Clients.Think, m.clientRNG(&cl.arrivals)), m.evThink, cl)
		}
	case want < active:
		c.retire += active - want
	}
	c.change++
	if c.change == len(p.Points) {
		if p.Repeat <= 0 {
			return
		}
		c.change = 0
		c.cycle++
	}
	at := sim.Time(p.Points[c.change].At) + sim.Time(c.cycle)*sim.Time(p.Repeat)
	m.env.Schedule(at.Sub(m.env.Now()), m.evUsers, cl)
}

// thinkAgain starts the next think time of a closed-loop user of c that
// learned its request's outcome, unless the user retires.
func (m *model) thinkAgain(c *client) {
	if m.cfg.Clients.Think != nil && !m.retired(c) {
		m.env.Schedule(m.cfg.Clients.Think.Sample(m.clientRNG(&c.arrivals)), m.evThink, c)
	}
}
