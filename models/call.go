package models

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// Calls: attempts, the network, replies, timeouts and retries, the same
// for the clients' call of the entry service and a service's call of
// another. Every attempt ends in attemptEnded, every call in callEnded.

// startAttempt sends the next attempt of call c.
func (m *model) startAttempt(c *call) {
	if m.deadlines && m.noTimeLeft(c) {
		return
	}
	if c.attempt == 0 && c.h.entry && c.r.waiting {
		m.gotSlot(c.r)
	}
	if c.h.guarded && !m.guardsAllow(c) {
		return
	}
	c.attempt++
	h := c.h
	m.countHop(c, &h.stats.attempts, cAttempts)
	j := m.newJob(c)
	c.cur = j
	if t := h.timeout; t > 0 {
		c.timer.Reset(t)
	}
	if m.deadlines {
		m.carryDeadline(c, j)
	}
	if c.hg != nil {
		m.hedgeStart(c, j)
	}
	if m.tracing {
		m.trace("r%d%s attempt %d sent", c.r.id, h.label, c.attempt)
	}
	if m.messageLost(j, "request") {
		m.releaseJob(j)
		return
	}
	if h.zeroSend {
		if b := h.to.broker; b != nil { // atCallee, inlined
			b.publish(j)
		} else {
			m.atServer(j)
		}
		return
	}
	m.env.Schedule(h.net.Send.Sample(h.rngSend), m.evAtServer, j)
}

// atCallee delivers an attempt to an instance of the callee or to its
// broker.
func (m *model) atCallee(j *job) {
	if b := j.h.to.broker; b != nil {
		b.publish(j)
		return
	}
	m.atServer(j)
}

// messageLost draws whether one message of attempt j (its request or its
// reply leg) is lost on the network, and if so counts and handles the loss.
// The caller then drops its reference to the message.
func (m *model) messageLost(j *job, leg string) bool {
	h := j.h
	if !bernoulli(h.net.Loss, h.rngLoss) {
		return false
	}
	m.count(j.root(), cLost)
	if m.tracing {
		m.trace("r%d%s attempt %d %s lost", j.root().id, h.label, j.attempt, leg)
	}
	m.jobLost(j)
	return true
}

// count increments counter k of the run when the request is of the
// window, and of the time series (every request) when they are recorded.
func (m *model) count(r *request, k counter) {
	if r.counted {
		m.rec.n[k]++
	}
	if m.series != nil {
		m.series.n[k]++
	}
	if m.ev != nil {
		m.noteCause(&r.call, k)
	}
}

// countHop increments a per-hop counter of the request's window and, for
// the clients' hop, the run's counter k too (noCounter: none).
func (m *model) countHop(c *call, hopN *int64, k counter) {
	if m.ev != nil {
		m.noteCause(c, k)
	}
	if c.h.entry && k != noCounter {
		m.count(c.r, k)
	}
	if c.r.counted {
		*hopN++
	}
}

// countEvery increments a per-hop counter of the request's window and the
// run's counter k, whichever hop c is of: the resilience counters count
// what every hop does.
func (m *model) countEvery(c *call, hopN *int64, k counter) {
	if m.ev != nil {
		m.noteCause(c, k)
	}
	m.count(c.r, k)
	if c.r.counted {
		*hopN++
	}
}

// jobLost handles an attempt whose message vanished (lost, crashed,
// dead-lettered). With a timeout, the caller will notice when it fires.
// Without one a client's request fails now, though the client never
// learns of it, so its thread or in-flight slot stays blocked; a service
// that waits on the call never learns of it either and waits on.
func (m *model) jobLost(j *job) {
	m.alive(j.dead, "attempt")
	c := j.c
	if c.hg != nil {
		m.hedgeLost(j)
		return
	}
	if c.cur != j || c.finished {
		return
	}
	m.breakerLost(c)
	if c.h.timeout > 0 || !c.h.entry {
		return
	}
	c.cur = nil
	m.finish(c.r, false, false)
}

// sendReply sends a service's reply (or error) for j back to the caller;
// nothing goes back when nobody waits.
func (m *model) sendReply(j *job) {
	if m.ev != nil {
		m.attemptServed(j)
	}
	h := j.h
	if h.to.eject != nil { // the instance's answer counts toward its ejection
		m.replied(j)
	}
	if !h.reply {
		m.releaseJob(j)
		return
	}
	if m.messageLost(j, "reply") {
		m.releaseJob(j)
		return
	}
	if h.zeroRepl {
		m.onReply(j)
		return
	}
	m.env.Schedule(h.net.Reply.Sample(h.rngReply), m.evReply, j)
}

// onReply handles a reply reaching the caller.
func (m *model) onReply(j *job) {
	m.alive(j.dead, "attempt")
	c := j.c
	h := c.h
	first := !j.replied
	j.replied = true
	if c.hg != nil {
		m.hedgeReply(c, j, first)
		return
	}
	if c.cur != j || c.finished {
		m.discardReply(c, j, first)
		return
	}
	c.timer.Stop()
	c.cur = nil
	if j.failed {
		if m.tracing {
			m.trace("r%d%s attempt %d error reply", c.r.id, h.label, j.attempt)
		}
		m.releaseJob(j)
		m.attemptEnded(c, false)
		return
	}
	if h.entry {
		c.r.t1, c.r.t2 = j.t1, m.env.Now()
	}
	if m.tracing {
		m.trace("r%d%s reply received", c.r.id, h.label)
	}
	m.releaseJob(j)
	m.attemptEnded(c, true)
}

// discardReply discards a reply of an attempt the call no longer waits
// for: the first reply of an attempt given up is late.
func (m *model) discardReply(c *call, j *job, first bool) {
	h := c.h
	if j.gaveUp && first {
		m.countHop(c, &h.stats.late, cLate)
		if m.tracing {
			m.trace("r%d%s attempt %d late reply discarded", c.r.id, h.label, j.attempt)
		}
	} else if m.tracing {
		m.trace("r%d%s attempt %d extra reply discarded", c.r.id, h.label, j.attempt)
	}
	m.releaseJob(j)
}

func (m *model) onTimeout(a any) {
	c := a.(*call)
	m.aliveCall(c)
	if c.attempt == 0 && c.h.entry && c.r.waiting {
		m.gaveUpWaiting(c.r)
		return
	}
	m.countHop(c, &c.h.stats.timeouts, cTimeouts)
	if m.tracing {
		m.trace("r%d%s attempt %d timed out", c.r.id, c.h.label, c.attempt)
	}
	if c.cur != nil {
		m.alive(c.cur.dead, "attempt")
		c.cur.gaveUp = true
		c.cur = nil
	}
	if c.hg != nil {
		m.giveUpCopies(c)
	}
	m.attemptEnded(c, false)
}

// aliveCall is alive for a call, which the request embeds for its
// clients' call.
func (m *model) aliveCall(c *call) {
	if c == &c.r.call {
		m.alive(c.r.dead, "request")
		return
	}
	m.alive(c.dead, "call")
}

// attemptEnded is where every attempt ends, whatever ended it (a reply, an
// error reply, a timeout): a success ends the call; a failure is retried
// while attempts remain, after the backoff, and otherwise ends the call.
// It is small enough to inline; retries are in retry.
func (m *model) attemptEnded(c *call, ok bool) {
	if c.h.breaker != nil {
		m.breakerRecord(c, ok)
	}
	if ok || c.attempt >= c.h.retry.Attempts {
		m.callEnded(c, ok)
		return
	}
	m.retry(c)
}

// retry starts the next attempt of c after its backoff.
func (m *model) retry(c *call) {
	if c.h.budget != nil && !m.budgetAllows(c) {
		m.callEnded(c, false)
		return
	}
	m.countHop(c, &c.h.stats.retries, cRetries)
	// Retries count toward the periodic look as arrivals do: a million
	// retries of one request would otherwise run between two looks, past
	// the event budget and the context.
	m.checkBacklog()
	if c.h.zeroBack {
		// A retry with no delay anywhere would call the next attempt from
		// within this one, without bound: past a few nested attempts it
		// is scheduled for the same instant instead.
		if m.nested >= maxNested {
			m.holdCall(c)
			m.env.Schedule(0, m.evRetry, c)
			return
		}
		m.nested++
		m.startAttempt(c)
		m.nested--
		return
	}
	d := m.backoff(c)
	if m.tracing {
		m.trace("r%d%s backoff %v", c.r.id, c.h.label, d)
	}
	m.holdCall(c) // the retry event's, should the call be abandoned meanwhile
	m.env.Schedule(d, m.evRetry, c)
}

// onRetry starts the next attempt after the backoff, unless the call was
// abandoned meanwhile.
func (m *model) onRetry(a any) {
	c := a.(*call)
	if !c.finished {
		m.startAttempt(c)
	}
	m.releaseCall(c)
}

// callEnded is where every call ends: the clients' call goes on to the
// reply's processing or fails the request; a service's call reports to
// its task.
func (m *model) callEnded(c *call, ok bool) {
	switch {
	case !c.h.entry:
		m.serviceCallEnded(c, ok)
	case ok:
		m.process(c.r)
	default:
		m.finish(c.r, false, true)
	}
}

// serviceCallEnded hands a service's call's outcome to its task.
func (m *model) serviceCallEnded(c *call, ok bool) {
	c.finished = true
	if m.ev != nil {
		m.callFinished(c, ok, false)
	}
	m.childEnded(c, ok)
	m.releaseCall(c)
}

// backoff draws the wait before the next attempt of c: the backoff
// distribution, scaled by the multiplier, capped, then jittered (see
// Jitter); every draw comes from the hop's backoff stream.
func (m *model) backoff(c *call) sim.Duration {
	rt := &c.h.retry
	rng := c.h.rngBackoff
	base := rt.Backoff.Sample(rng)
	d := base
	if rt.Multiplier != 1 && rt.Jitter != DecorrelatedJitter {
		d = scale(d, pow(rt.Multiplier, c.attempt-1))
	}
	capped := func(d sim.Duration) sim.Duration {
		if rt.MaxBackoff > 0 && d > rt.MaxBackoff {
			return rt.MaxBackoff
		}
		return d
	}
	uniform := func(lo, hi sim.Duration) sim.Duration {
		return lo + sim.Duration(math.Round(float64(hi-lo)*rng.Float64()))
	}
	d = capped(d)
	switch rt.Jitter {
	case FullJitter:
		d = uniform(0, d)
	case EqualJitter:
		d = d/2 + uniform(0, d-d/2)
	case DecorrelatedJitter:
		prev := c.lastBackoff
		if prev == 0 {
			prev = base
		}
		d = capped(uniform(base, max(base, 3*prev)))
		c.lastBackoff = d
	}
	return d
}
