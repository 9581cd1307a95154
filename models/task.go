package models

// task is the calls phase of one piece of work at a service: after its own
// work, an attempt (direct) or a delivery (mq) makes the calls of its
// service step by step, then replies. Tasks are pooled: refs counts the
// task's own life and its calls not yet released.
type task struct {
	j         *job      // the attempt being served
	d         *delivery // the delivery being consumed (mq), or nil
	s         *server
	step      int     // index of the current step
	ok, bad   int     // outcomes of the current step's calls
	calls     []*call // the current step's calls still out
	holds     bool    // holds a worker of s
	launching bool    // the current step's calls are being sent
	result    bool    // the outcome of the step that waits for a worker
	over      bool    // its work has ended or was lost
	refs      int
	dead      bool
}

func (m *model) newTask(j *job, d *delivery, s *server) *task {
	var tk *task
	if n := len(m.freeTask); n > 0 {
		tk, m.freeTask = m.freeTask[n-1], m.freeTask[:n-1]
		tk.step, tk.ok, tk.bad, tk.over, tk.launching = 0, 0, 0, false, false
	} else {
		tk = &task{}
	}
	tk.j, tk.d, tk.s = j, d, s
	tk.holds = true
	tk.refs = 1
	if d != nil {
		d.tk = tk
	} else {
		j.tk = tk
	}
	return tk
}

func (m *model) releaseTask(tk *task) {
	m.alive(tk.dead, "task")
	tk.refs--
	if tk.refs == 0 {
		tk.j, tk.d, tk.s = nil, nil, nil
		if m.opts.PoisonReleased {
			tk.dead = true
			return
		}
		m.freeTask = append(m.freeTask, tk)
	}
}

// consumer reports whether the task runs on a broker's consumer, which
// holds its message, and so its worker, until it settles it.
func (tk *task) consumer() bool { return tk.d != nil }

// runStep sends the calls of the current step, or ends the work when no
// step is left. Calls that nobody waits for (reply: false) count as
// successes at once. The calls of a step all go out before any outcome is
// acted on: they are sent at the same instant.
func (m *model) runStep(tk *task) {
	st := tk.s.st
	for tk.step < len(st.steps) {
		hops := st.steps[tk.step]
		tk.ok, tk.bad = 0, 0
		tk.launching = true
		async := !tk.consumer()
		r := tk.j.root()
		for _, h := range hops {
			if !h.reply {
				m.fireAndForget(h, r)
				tk.ok++
				continue
			}
			if !h.async {
				async = false
			}
			c := m.newCall(h, r, tk)
			tk.calls = append(tk.calls, c)
			m.startAttempt(c)
		}
		tk.launching = false
		if tk.over { // lost while sending (cannot happen today: no crash is synchronous)
			return
		}
		if decided, ok := m.decided(tk); decided {
			m.abandon(tk)
			if !ok {
				m.finishTask(tk, false)
				return
			}
			tk.step++
			continue
		}
		if async && tk.holds {
			// The worker is free while the calls are out.
			tk.holds = false
			tk.s.q.Done()
		}
		return
	}
	m.finishTask(tk, true)
}

// decided reports whether the current step has its outcome, and which.
func (m *model) decided(tk *task) (decided, ok bool) {
	st := tk.s.st
	need, total := st.need[tk.step], len(st.steps[tk.step])
	switch {
	case tk.ok >= need:
		return true, true
	case tk.bad > total-need:
		return true, false
	}
	return false, false
}

// fireAndForget sends a call whose outcome nobody waits for.
func (m *model) fireAndForget(h *hop, r *request) {
	c := m.newCall(h, r, nil)
	m.startAttempt(c)
	c.finished = true
	m.releaseCall(c)
}

// childEnded takes the outcome of one of a task's calls.
func (m *model) childEnded(c *call, ok bool) {
	tk := c.parent
	m.alive(tk.dead, "task")
	for i, x := range tk.calls {
		if x == c {
			last := len(tk.calls) - 1
			tk.calls[i] = tk.calls[last]
			tk.calls[last] = nil
			tk.calls = tk.calls[:last]
			break
		}
	}
	switch {
	case ok:
		tk.ok++
	case c.h.onError == Ignore:
		m.countEvery(c, &c.h.stats.fallbacks, cFallbacks)
		if m.tracing {
			m.trace("r%d%s fallback", c.r.id, c.h.label)
		}
		tk.ok++
	default:
		tk.bad++
	}
	if tk.launching {
		return
	}
	decided, ok := m.decided(tk)
	if !decided {
		return
	}
	m.abandon(tk)
	if tk.holds {
		m.stepOver(tk, ok)
		return
	}
	// The continuation waits for a worker of the same instance, FIFO with
	// new requests; it is never rejected for capacity.
	tk.result = ok
	j := tk.j
	j.resumed = true
	j.refs++ // the waiting room's
	tk.s.q.Arrive(j)
}

// resume goes on with a task once its continuation has a worker.
func (m *model) resume(j *job) {
	tk := j.tk
	tk.holds = true
	m.releaseJob(j) // the waiting room's reference; the task's remains
	m.stepOver(tk, tk.result)
}

// stepOver acts on a step's outcome: the next step, or the end of the
// work with an error.
func (m *model) stepOver(tk *task, ok bool) {
	if !ok {
		m.finishTask(tk, false)
		return
	}
	tk.step++
	m.runStep(tk)
}

// abandon gives up the calls of the current step that are still out:
// their replies will be late.
func (m *model) abandon(tk *task) {
	for i, c := range tk.calls {
		c.finished = true
		c.timer.Stop()
		if c.h.breaker != nil {
			m.breakerRelease(c) // its attempt, if out (a hedged one may have no cur)
		}
		if c.cur != nil {
			c.cur.gaveUp = true
			c.cur = nil
		}
		if c.hg != nil {
			m.giveUpCopies(c)
		}
		if m.tracing {
			m.trace("r%d%s abandoned", c.r.id, c.h.label)
		}
		if m.ev != nil {
			m.callFinished(c, false, true)
		}
		tk.calls[i] = nil
		m.releaseCall(c)
	}
	tk.calls = tk.calls[:0]
}

// finishTask ends the work: the reply (or error) leaves.
func (m *model) finishTask(tk *task, ok bool) {
	tk.over = true
	if d := tk.d; d != nil {
		d.tk = nil
		m.consumed(d, ok)
	} else {
		j := tk.j
		j.tk = nil
		if !ok && m.tracing {
			m.trace("r%d%s attempt %d calls failed", j.root().id, j.h.label, j.attempt)
		}
		m.endWork(j, ok)
	}
	m.releaseTask(tk)
}

// dropTask ends a task lost in a crash: its calls are abandoned and the
// job or delivery it served is released.
func (m *model) dropTask(tk *task) {
	tk.over = true
	m.abandon(tk)
	if d := tk.d; d != nil {
		d.tk = nil
		m.releaseDelivery(d)
	} else {
		j := tk.j
		j.tk = nil
		m.releaseJob(j)
	}
	m.releaseTask(tk)
}
