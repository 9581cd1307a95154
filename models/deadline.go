package models

import "github.com/asyncsim/asyncsim/sim"

// Deadlines, as gRPC's: an attempt of a hop with deadline: true carries
// the instant its caller stops waiting for it (sent + timeout), capped by
// the deadline of the work that makes the call; a service's calls inherit
// the deadline of the attempt whose work makes them, whatever their hop
// says. A call bounds its attempts' waits by the time left, and fails
// without an attempt once none is left; an instance, or a broker's
// consumer, drops unserved an attempt whose deadline passed before it
// could start. All of it runs only when m.deadlines is set.

// inheritDeadline returns the deadline a call made by task tk carries:
// that of the attempt it serves; none for the clients' call and for calls
// nobody waits for (tk nil).
func inheritDeadline(tk *task) sim.Time {
	if tk == nil {
		return 0
	}
	return tk.j.deadline
}

// noTimeLeft reports whether call c, made by work whose deadline has
// passed, fails instead of sending its next attempt; if so the call has
// ended (expired).
func (m *model) noTimeLeft(c *call) bool {
	if c.deadline == 0 || m.env.Now() < c.deadline {
		return false
	}
	m.count(c.r, cExpired)
	if m.tracing {
		m.trace("r%d%s deadline passed: no attempt %d sent (expired)", c.r.id, c.h.label, c.attempt+1)
	}
	m.callEnded(c, false)
	return true
}

// carryDeadline gives attempt j of call c its deadline, and bounds the
// call's timer by the time left before the deadline c inherited.
func (m *model) carryDeadline(c *call, j *job) {
	now := m.env.Now()
	d := c.deadline
	if c.h.deadline {
		if own := now.Add(c.h.timeout); d == 0 || own < d {
			d = own
		}
	}
	j.deadline = d
	if c.deadline == 0 {
		return
	}
	if left := c.deadline.Sub(now); c.h.timeout == 0 || left < c.h.timeout {
		c.timer.Reset(left)
	}
}

// expiredAtStart reports whether attempt j, about to start on a worker of
// s, has passed its deadline; if so it is dropped unserved (nobody is
// told: its caller's timer fires at the deadline) and the worker goes on
// to the next.
func (m *model) expiredAtStart(s *server, j *job) bool {
	if m.env.Now() < j.deadline {
		return false
	}
	j.ackTimer.Stop() // queue_timeout, if armed
	s.answered()
	m.countStation(j, cExpired)
	if m.tracing {
		m.trace("r%d%s attempt %d dropped by %s %d: deadline passed (expired)", j.root().id, j.h.label, j.attempt, m.serverWord(s), s.idx)
	}
	m.serviceOutcome(j, false)
	m.releaseJob(j)
	s.drops.next(s.q)
	return true
}

// expiredAtDelivery reports whether message j, about to be delivered,
// has passed its deadline; if so it is removed from the broker, as an
// ack would (never redelivered), unserved, and the consumer goes on to
// the next message. The queue's reference to j is dropped.
func (b *broker) expiredAtDelivery(j *job) bool {
	m := b.m
	if m.env.Now() < j.deadline {
		return false
	}
	m.countStation(j, cExpired)
	if m.tracing {
		m.trace("r%d%s attempt %d dropped at delivery: deadline passed (expired)", j.root().id, j.h.label, j.attempt)
	}
	b.discardAtDelivery(j)
	return true
}

// skipper lets the server of a sim.Queue whose start hook dropped its item
// go on to the next one. Done, called from within the hook, would start
// the next item from within this one, so a long run of dropped items would
// nest as deep: a nested call only counts, and the outermost one frees the
// servers in a loop.
type skipper struct {
	active  bool
	pending int
}

// next frees one server of q, which has just dropped the item it started.
func (k *skipper) next(q *sim.Queue[*job]) {
	if k.active {
		k.pending++
		return
	}
	k.active = true
	q.Done()
	for k.pending > 0 {
		k.pending--
		q.Done()
	}
	k.active = false
}
