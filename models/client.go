package models

// Client side: request creation, attempts, timeouts, retries, completion.

func (m *model) onArrive(a any) {
	c := a.(*client)
	r := m.newRequest(c)
	m.env.Schedule(m.cfg.Clients.Arrival.Sample(c.arrivals), m.evArrive, c)
	if m.tracing {
		m.trace("r%d created by client %d", r.id, c.idx)
	}
	m.admit(r)
	m.checkBacklog()
}

// onThink starts the request of one closed-loop user after its think time.
func (m *model) onThink(a any) {
	c := a.(*client)
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
	r.demand = m.cfg.Server.Service.Sample(r.c.service)
	if r.c.slots != nil {
		r.c.slots.Arrive(r)
		return
	}
	m.startAttempt(r)
}

func (m *model) startAttempt(r *request) {
	r.attempt++
	if r.counted {
		m.rec.attempts++
	}
	j := m.newJob(r)
	r.cur = j
	if t := m.cfg.Clients.Timeout; t > 0 {
		r.timer.Reset(t)
	}
	if m.tracing {
		m.trace("r%d attempt %d sent", r.id, r.attempt)
	}
	if m.messageLost(j, "request") {
		m.releaseJob(j)
		return
	}
	if m.zeroSend {
		m.atServerSide(j)
		return
	}
	m.env.Schedule(m.cfg.Network.Send.Sample(m.rngSend), m.evAtServer, j)
}

// atServerSide delivers an attempt to a server or to the broker.
func (m *model) atServerSide(j *job) {
	if m.broker != nil {
		m.broker.publish(j)
		return
	}
	m.atServer(j)
}

// messageLost draws whether one message of attempt j (its request or its
// reply leg) is lost on the network, and if so counts and handles the loss.
// The caller then drops its reference to the message.
func (m *model) messageLost(j *job, leg string) bool {
	if !bernoulli(m.cfg.Network.Loss, m.rngLoss) {
		return false
	}
	m.count(j.r, &m.rec.lost)
	if m.tracing {
		m.trace("r%d attempt %d %s lost", j.r.id, j.attempt, leg)
	}
	m.jobLost(j)
	return true
}

// count increments a counter of the request's window.
func (m *model) count(r *request, n *int64) {
	if r.counted {
		*n++
	}
}

// jobLost handles an attempt whose message vanished (lost, crashed,
// dead-lettered). With a timeout, the client will notice when it fires;
// without one, the request fails now and the client never learns of it,
// so its thread or in-flight slot stays blocked.
func (m *model) jobLost(j *job) {
	m.alive(j.dead, "attempt")
	r := j.r
	if r.cur != j || r.finished {
		return
	}
	if m.cfg.Clients.Timeout > 0 {
		return
	}
	r.cur = nil
	m.finish(r, false, false)
}

// sendReply sends a server's reply (or error) for j back to the client.
func (m *model) sendReply(j *job) {
	if m.messageLost(j, "reply") {
		m.releaseJob(j)
		return
	}
	if m.zeroReply {
		m.onReply(j)
		return
	}
	m.env.Schedule(m.cfg.Network.Reply.Sample(m.rngReply), m.evReply, j)
}

// onReply handles a reply reaching the client.
func (m *model) onReply(j *job) {
	m.alive(j.dead, "attempt")
	r := j.r
	first := !j.replied
	j.replied = true
	if r.cur != j || r.finished {
		if j.timedOut && first {
			m.count(r, &m.rec.late)
			if m.tracing {
				m.trace("r%d attempt %d late reply discarded", r.id, j.attempt)
			}
		} else if m.tracing {
			m.trace("r%d attempt %d extra reply discarded", r.id, j.attempt)
		}
		m.releaseJob(j)
		return
	}
	r.timer.Stop()
	r.cur = nil
	if j.failed {
		if m.tracing {
			m.trace("r%d attempt %d error reply", r.id, j.attempt)
		}
		m.releaseJob(j)
		m.attemptFailed(r)
		return
	}
	r.t1, r.t2 = j.t1, m.env.Now()
	if m.tracing {
		m.trace("r%d reply received", r.id)
	}
	m.releaseJob(j)
	m.process(r)
}

func (m *model) onTimeout(a any) {
	r := a.(*request)
	m.alive(r.dead, "request")
	m.count(r, &m.rec.timeouts)
	if m.tracing {
		m.trace("r%d attempt %d timed out", r.id, r.attempt)
	}
	if r.cur != nil {
		m.alive(r.cur.dead, "attempt")
		r.cur.timedOut = true
		r.cur = nil
	}
	m.attemptFailed(r)
}

// attemptFailed retries while attempts remain, after the backoff;
// otherwise the request fails.
func (m *model) attemptFailed(r *request) {
	rt := &m.cfg.Clients.Retry
	if r.attempt >= rt.Attempts {
		m.finish(r, false, true)
		return
	}
	m.count(r, &m.rec.retries)
	// Retries count toward the periodic look as arrivals do: a million
	// retries of one request would otherwise run between two looks, past
	// the event budget and the context.
	m.checkBacklog()
	if m.zeroBackoff {
		// A retry with no delay anywhere would call the next attempt from
		// within this one, without bound: past a few nested attempts it
		// is scheduled for the same instant instead.
		if m.nested >= maxNested {
			m.env.Schedule(0, m.evRetry, r)
			return
		}
		m.nested++
		m.startAttempt(r)
		m.nested--
		return
	}
	d := rt.Backoff.Sample(m.rngBackoff)
	if rt.Multiplier != 1 {
		d = scale(d, pow(rt.Multiplier, r.attempt-1))
	}
	if m.tracing {
		m.trace("r%d backoff %v", r.id, d)
	}
	m.env.Schedule(d, m.evRetry, r)
}

// finish ends a request. release tells whether the client learned of the
// outcome and so frees the thread or in-flight slot it held.
func (m *model) finish(r *request, ok, release bool) {
	m.alive(r.dead, "request")
	r.finished = true
	r.timer.Stop()
	now := m.env.Now()
	if ok {
		r.t3 = now
		if now >= m.warmup && now <= m.horizon {
			m.rec.completions++
		}
		if r.counted {
			m.rec.success(r)
		}
		if m.tracing {
			m.trace("r%d succeeded", r.id)
		}
	} else {
		m.count(r, &m.rec.failed)
		if m.tracing {
			m.trace("r%d failed", r.id)
		}
	}
	if m.opts.Done != nil {
		m.opts.Done(Record{ID: r.id, Client: r.c.idx, OK: ok, Attempts: r.attempt, T0: r.t0, T1: r.t1, T2: r.t2, T3: r.t3})
	}
	c := r.c
	if release {
		if c.slots != nil {
			c.slots.Done()
		}
		if m.cfg.Clients.Think != nil {
			m.env.Schedule(m.cfg.Clients.Think.Sample(c.arrivals), m.evThink, c)
		}
	}
	m.releaseRequest(r)
}
