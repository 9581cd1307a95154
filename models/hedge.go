package models

import "github.com/asyncsim/asyncsim/sim"

// Hedging, as gRPC's hedging policy (gRFC A6): an attempt of a hedged hop
// is sent as up to Max copies. The first copy is the attempt as any other
// (its demand, its balance pick); each next one goes After the last copy
// was sent while no reply has come, or at once when a copy fails while
// copies remain, with a fresh service demand, to an instance not holding
// a copy already. The first successful reply ends the attempt and the
// other copies are given up (their replies are late); the attempt fails
// when every copy sent has failed and none remains to send. The call's
// timeout covers the whole attempt. Copies count hedges, not attempts.

// hedging is the hedge state of one call: the copies of its current
// attempt still out. It is pooled with the calls (a request keeps its
// own): out is reused, so a hedged request allocates nothing.
type hedging struct {
	c        *call
	timer    sim.Timer // sends the next copy
	out      []*job    // copies sent, neither answered, lost nor given up; each holds a reference
	sent     int       // copies of the current attempt sent
	deadline sim.Time  // the current attempt's, carried by every copy
}

// newHedging returns the hedge state of call c.
func (m *model) newHedging(c *call) *hedging {
	var hg *hedging
	if n := len(m.freeHedge); n > 0 {
		hg, m.freeHedge = m.freeHedge[n-1], m.freeHedge[:n-1]
	} else {
		hg = &hedging{}
		hg.timer.Init(m.env, m.evHedge, hg)
	}
	hg.c, hg.sent = c, 0
	return hg
}

// releaseHedging returns a released call's hedge state to the pool.
func (m *model) releaseHedging(c *call) {
	hg := c.hg
	hg.timer.Stop()
	hg.c = nil
	c.hg = nil
	m.freeHedge = append(m.freeHedge, hg)
}

// hedgeStart makes attempt j, just created, the first copy of c's attempt.
func (m *model) hedgeStart(c *call, j *job) {
	hg := c.hg
	hg.sent = 1
	hg.deadline = j.deadline
	j.copy = 1
	j.refs++
	hg.out = append(hg.out, j)
	if c.h.hedge.Max > 1 {
		hg.timer.Reset(c.h.hedge.After)
	}
}

// onHedge sends the next copy when the hedge delay has passed without a
// reply.
func (m *model) onHedge(a any) {
	hg := a.(*hedging)
	m.aliveCall(hg.c)
	m.sendCopy(hg.c)
}

// sendCopy sends the next copy of c's current attempt.
func (m *model) sendCopy(c *call) {
	hg, h := c.hg, c.h
	hg.sent++
	m.countEvery(c, &h.stats.hedges, cHedges)
	j := m.newJob(c)
	j.copy = hg.sent
	j.deadline = hg.deadline
	j.refs++
	hg.out = append(hg.out, j)
	if hg.sent < h.hedge.Max {
		hg.timer.Reset(h.hedge.After)
	} else {
		hg.timer.Stop()
	}
	if m.tracing {
		m.trace("r%d%s hedge: copy %d of attempt %d sent", c.r.id, h.label, j.copy, j.attempt)
	}
	if m.messageLost(j, "request") {
		m.releaseJob(j)
		return
	}
	if h.zeroSend {
		m.atCallee(j)
		return
	}
	m.env.Schedule(h.net.Send.Sample(h.rngSend), m.evAtServer, j)
}

// takeCopy reports whether j is one of the copies out, and if so drops
// it from them (and their reference).
func (m *model) takeCopy(hg *hedging, j *job) bool {
	for i, x := range hg.out {
		if x == j {
			copy(hg.out[i:], hg.out[i+1:])
			hg.out[len(hg.out)-1] = nil
			hg.out = hg.out[:len(hg.out)-1]
			m.releaseJob(j)
			return true
		}
	}
	return false
}

// giveUpCopies gives up every copy still out (a timeout, a winner, an
// abandoned call): their replies will be late.
func (m *model) giveUpCopies(c *call) {
	hg := c.hg
	hg.timer.Stop()
	for i, j := range hg.out {
		j.gaveUp = true
		hg.out[i] = nil
		m.releaseJob(j)
	}
	hg.out = hg.out[:0]
}

// hedgeReply handles a reply reaching a hedged call (first: the copy's
// first reply): the first success wins, an error waits for the other
// copies or sends the next one at once; a reply to a copy no longer out
// is discarded.
func (m *model) hedgeReply(c *call, j *job, first bool) {
	hg, h := c.hg, c.h
	if !m.takeCopy(hg, j) || c.finished {
		m.discardReply(c, j, first)
		return
	}
	if j.failed {
		if m.tracing {
			m.trace("r%d%s attempt %d copy %d error reply", c.r.id, h.label, j.attempt, j.copy)
		}
		m.releaseJob(j)
		switch {
		case hg.sent < h.hedge.Max:
			m.sendCopy(c)
		case len(hg.out) == 0:
			c.timer.Stop()
			c.cur = nil
			m.attemptEnded(c, false)
		}
		return
	}
	c.timer.Stop()
	c.cur = nil
	m.giveUpCopies(c)
	if h.entry {
		c.r.t1, c.r.t2 = j.t1, m.env.Now()
	}
	if m.tracing {
		m.trace("r%d%s reply received from copy %d", c.r.id, h.label, j.copy)
	}
	m.releaseJob(j)
	m.attemptEnded(c, true)
}

// hedgeLost handles a copy of a hedged call lost on its way (the network,
// a crash, a dead letter): the call does not learn of it, and the next
// copy still goes when its delay passes. When it was the last copy the
// call could hear from, the clients' call without a timeout fails now, as
// an unhedged one does.
func (m *model) hedgeLost(j *job) {
	c := j.c
	hg := c.hg
	if !m.takeCopy(hg, j) || c.finished {
		return
	}
	if len(hg.out) > 0 || hg.sent < c.h.hedge.Max {
		return
	}
	m.breakerLost(c)
	if c.h.timeout > 0 || !c.h.entry {
		return
	}
	c.cur = nil
	m.finish(c.r, false, false)
}

// copyInstance returns the instance a copy goes to: s, the balance's
// pick, unless s holds a copy of the same attempt; then the next instance
// in order that holds none and that the balance would not skip as
// ejected (s if there is none).
func (m *model) copyInstance(j *job, s *server) *server {
	st := s.st
	n := len(st.servers)
	e := st.eject
	ejecting := e != nil && e.out > 0 && e.out < n
	for k := range n {
		x := st.servers[(s.idx+k)%n]
		if ejecting && x.ej.ejected {
			continue
		}
		if !holdsCopy(j.c.hg, x) {
			return x
		}
	}
	return s
}

// holdsCopy reports whether instance s holds a copy out of hg's attempt.
func holdsCopy(hg *hedging, s *server) bool {
	for _, j := range hg.out {
		if j.s == s {
			return true
		}
	}
	return false
}

// copyDemand draws a copy's own service demand, from its hop's stream.
func (m *model) copyDemand(j *job) sim.Duration {
	return j.h.to.cfg.Service.Sample(j.h.rngHedge)
}
