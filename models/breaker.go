package models

import "github.com/asyncsim/asyncsim/sim"

// breakerState is the state of a circuit breaker.
type breakerState uint8

// The states of a circuit breaker.
const (
	breakerClosed breakerState = iota
	breakerOpen
	breakerHalfOpen
)

var breakerStateNames = [...]string{"closed", "open", "half-open"}

// breaker is a hop's circuit breaker (Breaker), after Resilience4j's
// count-based CircuitBreakerStateMachine. It guards each attempt.
//
// Closed, it lets every attempt through and keeps the outcomes of the last
// Window of them in a ring; after an outcome, once at least MinCalls are
// in the ring and the share that failed is at least FailureRate, it opens.
// Open, it refuses every attempt until the first attempt at or after
// OpenFor has passed, which moves it to half-open (nothing happens at the
// instant OpenFor ends, as in Resilience4j by default). Half-open, it lets
// the first HalfOpenCalls attempts through and refuses the others; the
// first failure opens it again, HalfOpenCalls successes close it with an
// empty ring.
//
// Every change of state starts a new generation; the outcome of an
// attempt let through in an earlier generation is ignored, as Resilience4j
// ignores calls that were not permitted in its current state. Every
// operation is O(1) and allocates nothing.
type breaker struct {
	cfg      Breaker
	name     string // "clients>api", "api>auth" in trace lines
	state    breakerState
	gen      uint32
	ring     []bool // closed: the outcomes, true for a failure
	pos      int    // the ring's next slot
	n        int    // outcomes in the ring
	failed   int    // failures in the ring
	openedAt sim.Time
	trials   int       // half-open: attempts let through and not given back
	passed   int       // half-open: trials that succeeded
	evEnd    func(any) // ends a refused call at the same instant (onShortCircuited)
}

// newBreaker returns a closed breaker with settings b.
func newBreaker(b *Breaker, name string) *breaker {
	return &breaker{cfg: *b, name: name, ring: make([]bool, b.Window)}
}

// allow reports whether an attempt at now may go; an open breaker whose
// OpenFor has passed turns half-open first.
func (b *breaker) allow(now sim.Time) bool {
	switch b.state {
	case breakerOpen:
		if now < b.openedAt.Add(b.cfg.OpenFor) {
			return false
		}
		b.enter(breakerHalfOpen, now)
		fallthrough
	case breakerHalfOpen:
		if b.trials >= b.cfg.HalfOpenCalls {
			return false
		}
		b.trials++
	}
	return true
}

// record takes the outcome of an attempt let through in generation gen.
func (b *breaker) record(gen uint32, ok bool, now sim.Time) {
	if gen != b.gen {
		return
	}
	switch b.state {
	case breakerClosed:
		if b.n == len(b.ring) {
			if b.ring[b.pos] {
				b.failed--
			}
		} else {
			b.n++
		}
		b.ring[b.pos] = !ok
		if !ok {
			b.failed++
		}
		b.pos++
		if b.pos == len(b.ring) {
			b.pos = 0
		}
		if b.n >= b.cfg.MinCalls && float64(b.failed)/float64(b.n) >= b.cfg.FailureRate {
			b.enter(breakerOpen, now)
		}
	case breakerHalfOpen:
		if !ok {
			b.enter(breakerOpen, now)
			return
		}
		b.passed++
		if b.passed == b.cfg.HalfOpenCalls {
			b.enter(breakerClosed, now)
		}
	}
}

// release gives back the permission of an attempt let through in
// generation gen whose outcome will never come (abandoned, or lost with no
// timeout to notice): half-open, another attempt may take its place.
func (b *breaker) release(gen uint32) {
	if gen == b.gen && b.state == breakerHalfOpen {
		b.trials--
	}
}

// enter moves the breaker to state s at now, in a new generation.
func (b *breaker) enter(s breakerState, now sim.Time) {
	b.state = s
	b.gen++
	switch s {
	case breakerOpen:
		b.openedAt = now
	case breakerHalfOpen:
		b.trials, b.passed = 0, 0
	case breakerClosed:
		b.pos, b.n, b.failed = 0, 0, 0
	}
}

// breakerAllows reports whether the next attempt of c may go through its
// hop's breaker. A refused attempt is not sent and not counted in
// attempts: it counts short_circuited and the call fails at once.
func (m *model) breakerAllows(c *call) bool {
	b := c.h.breaker
	was := b.state
	ok := b.allow(m.env.Now())
	if b.state != was && m.tracing {
		m.trace("circuit breaker %s %s", b.name, breakerStateNames[b.state])
	}
	if ok {
		c.breakerGen, c.permit = b.gen, true
		return true
	}
	m.countEvery(c, &c.h.stats.shortCircuited, cShortCircuited)
	if m.tracing {
		m.trace("r%d%s attempt %d short-circuited", c.r.id, c.h.label, c.attempt+1)
	}
	if m.nested >= maxNested {
		// A refusal ends the call at once, which can start the next
		// request of a client's line, refused in its turn: past a few
		// nested ends the rest go at the same instant, as retries do.
		m.holdCall(c)
		m.env.Schedule(0, b.evEnd, c)
		return false
	}
	m.nested++
	m.callEnded(c, false)
	m.nested--
	return false
}

// onShortCircuited ends a refused call, unless it was abandoned meanwhile.
func (m *model) onShortCircuited(a any) {
	c := a.(*call)
	if !c.finished {
		m.callEnded(c, false)
	}
	m.releaseCall(c)
}

// breakerRecord hands the outcome of c's attempt to its hop's breaker.
func (m *model) breakerRecord(c *call, ok bool) {
	b := c.h.breaker
	was := b.state
	c.permit = false
	b.record(c.breakerGen, ok, m.env.Now())
	if b.state != was && m.tracing {
		m.trace("circuit breaker %s %s", b.name, breakerStateNames[b.state])
	}
}

// breakerRelease gives back the permission of c's attempt, whose outcome
// will never come; once only, and not after its outcome came.
func (m *model) breakerRelease(c *call) {
	if c.permit {
		c.permit = false
		c.h.breaker.release(c.breakerGen)
	}
}

// breakerLost gives back the permission of c's attempt, lost on its way,
// when no timer of the call will notice it: its outcome will never come.
func (m *model) breakerLost(c *call) {
	if c.h.breaker != nil && !c.timer.Pending() {
		m.breakerRelease(c)
	}
}
