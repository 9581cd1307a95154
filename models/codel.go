package models

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// CoDel (RFC 8289) on an instance's waiting room, and adaptive LIFO with
// CoDel as its congestion signal.
//
// RFC 8289 acts at each dequeue; here a dequeue is a worker starting an
// attempt (serverStart), the attempt's sojourn being the time since it
// reached the instance. An attempt that starts at once has a sojourn of 0,
// as a dequeue from an empty queue. RFC 8289 does not count a sojourn as
// above target when at most one packet's worth (MAXPACKET) is left in the
// queue; here, when no other attempt waits. Continuations (requests back
// from a callback call) are neither samples nor ever dropped.

// codel is the CoDel state of one instance.
type codel struct {
	target, interval sim.Duration
	firstAbove       sim.Time // when the sojourn will have been above target for interval; 0: below
	dropNext         sim.Time
	count, lastCount int
	dropping         bool
	phase            codelPhase
	adaptive         bool // adaptive LIFO: no drops, LIFO while overloaded
}

// codelPhase is where a dequeue stands in RFC 8289's dequeue(): the
// first item, the item after a drop of the dropping state (its while
// loop), or the item after the drop that entered the dropping state.
type codelPhase uint8

const (
	codelFirst codelPhase = iota
	codelAfterDrop
	codelAfterEnter
)

func newCodel(cfg *Codel, adaptive bool) *codel {
	c := DefaultCodel()
	if cfg != nil {
		c = *cfg
	}
	return &codel{target: c.Target, interval: c.Interval, adaptive: adaptive}
}

// overloaded is RFC 8289's dodequeue test: it takes one sojourn sample
// (alone: no other request waits) and reports whether the sojourn has
// stayed at or above target for at least interval (ok_to_drop).
func (c *codel) overloaded(now sim.Time, sojourn sim.Duration, alone bool) bool {
	if sojourn < c.target || alone {
		c.firstAbove = 0
		return false
	}
	if c.firstAbove == 0 {
		c.firstAbove = now.Add(c.interval)
		return false
	}
	return now >= c.firstAbove
}

// law is RFC 8289's control_law: the next drop, interval/√count after t.
func (c *codel) law(t sim.Time) sim.Time {
	return t.Add(sim.Duration(math.Round(float64(c.interval) / math.Sqrt(float64(c.count)))))
}

// drop reports whether the item dequeued at now, with the given sojourn,
// is dropped: RFC 8289's dequeue(), one item at a time.
func (c *codel) drop(now sim.Time, sojourn sim.Duration, alone bool) bool {
	ok := c.overloaded(now, sojourn, alone)
	switch c.phase {
	case codelAfterEnter: // the item after the first drop is delivered
		c.phase = codelFirst
		return false
	case codelAfterDrop:
		if !ok {
			c.dropping = false
			c.phase = codelFirst
			return false
		}
		c.dropNext = c.law(c.dropNext)
		if now >= c.dropNext {
			c.count++
			return true
		}
		c.phase = codelFirst
		return false
	}
	if c.dropping {
		switch {
		case !ok:
			c.dropping = false
		case now >= c.dropNext:
			c.count++
			c.phase = codelAfterDrop
			return true
		}
		return false
	}
	if !ok {
		return false
	}
	c.dropping = true
	delta := c.count - c.lastCount
	c.count = 1
	if delta > 1 && now.Sub(c.dropNext) < 16*c.interval {
		c.count = delta
	}
	c.dropNext = c.law(now)
	c.lastCount = c.count
	c.phase = codelAfterEnter
	return true
}

// codelStart applies the instance's CoDel to attempt j, about to start on
// a worker of s, and reports whether it dropped j (shed: an error reply
// goes back and the worker goes on to the next). Under adaptive LIFO it
// only sets the order of the next dequeues.
func (m *model) codelStart(s *server, j *job) bool {
	c := s.codel
	now := m.env.Now()
	alone := s.q.Len() == 0
	if c.adaptive {
		// The sample is the oldest waiting request's sojourn: under LIFO
		// the dequeued one is the newest, whose short wait says nothing.
		oldest := j.t1
		if h, ok := s.q.Head(); ok && !h.resumed && h.t1 < oldest {
			oldest = h.t1
		}
		s.q.SetLIFO(c.overloaded(now, now.Sub(oldest), alone))
		return false
	}
	if !c.drop(now, now.Sub(j.t1), alone) {
		return false
	}
	j.ackTimer.Stop() // queue_timeout, if armed
	s.answered()
	m.countStation(j, cShed)
	if m.tracing {
		m.trace("r%d%s attempt %d shed by codel on %s %d after waiting %v", j.root().id, j.h.label, j.attempt, m.serverWord(s), s.idx, now.Sub(j.t1))
	}
	j.failed = true
	m.serviceOutcome(j, false)
	m.sendReply(j)
	s.drops.next(s.q)
	return true
}
