package models

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// The settings of the resilience mechanisms (docs/model.md has a section
// on each). Every one is off unless set: a nil pointer, a zero duration,
// false.

// Budget is a retry budget, as Finagle's RetryBudget: a retry is allowed
// while the retries of the last TTL stay within Percent % of the calls
// made in that time plus a reserve of MinPerSecond × TTL; a retry refused
// ends the call with its last attempt's failure (budget_exhausted).
type Budget struct {
	Percent      float64 // retries per 100 calls
	MinPerSecond float64 // retries per second allowed whatever the calls
	TTL          sim.Duration
}

// Breaker is a count-based circuit breaker, as Resilience4j's: closed, it
// records the outcome of the last Window attempts and opens when at least
// MinCalls were recorded and the share that failed reaches FailureRate;
// open, it refuses every attempt (short_circuited) for OpenFor; then,
// half-open, it lets HalfOpenCalls trial attempts through, refusing the
// rest, and closes when all of them succeed or opens again when one fails.
type Breaker struct {
	FailureRate   float64
	Window        int
	MinCalls      int
	OpenFor       sim.Duration
	HalfOpenCalls int
}

// Hedge is a hedging policy, as gRPC's: when an attempt has no reply
// After its last copy was sent, another copy goes to another instance, up
// to Max copies in all (1 = none); the first successful reply wins, and
// the replies of the other copies are late.
type Hedge struct {
	After sim.Duration
	Max   int
}

// Codel sets the CoDel queue discipline (RFC 8289) and adaptive LIFO: the
// queue is overloaded once the time requests wait has stayed above Target
// for Interval.
type Codel struct {
	Target, Interval sim.Duration
}

// DefaultCodel returns CoDel's settings of RFC 8289 scaled to services:
// a target of 5ms and an interval of 100ms.
func DefaultCodel() Codel { return Codel{Target: 5 * sim.Millisecond, Interval: 100 * sim.Millisecond} }

// RateLimit is a token bucket per instance: tokens accrue continuously at
// Rate per second up to Burst; an arriving request takes one or is refused
// (rate_limited).
type RateLimit struct {
	Rate  float64
	Burst float64
}

// Eject is outlier ejection, as Envoy's consecutive-errors detection: an
// instance that answers ConsecutiveErrors failures in a row gets no
// traffic for For, unless that would eject more than MaxPercent % of the
// service's instances.
type Eject struct {
	ConsecutiveErrors int
	For               sim.Duration
	MaxPercent        float64
}

// The queue disciplines beyond fifo and lifo.
const (
	AdaptiveLIFO Discipline = "adaptive-lifo" // fifo, lifo while CoDel sees the queue overloaded
	CoDel        Discipline = "codel"         // fifo, dropping (shed) as CoDel says
)

// validateGuards checks the caller-side mechanisms of the clients or of a
// call at field prefix p ("clients." or "services.api.calls.0.").
func validateGuards(bad badFunc, p string, b *Breaker, h *Hedge) {
	if b != nil {
		q := p + "circuit_breaker."
		if r := b.FailureRate; math.IsNaN(r) || r <= 0 || r > 1 {
			bad(q+"failure_rate", "must be in (0, 1], got %v", r)
		}
		bad.atLeast(q+"window", b.Window, 1)
		bad.atLeast(q+"min_calls", b.MinCalls, 1)
		if b.MinCalls > b.Window && b.Window >= 1 {
			bad(q+"min_calls", "must be at most window (%d), got %d", b.Window, b.MinCalls)
		}
		if b.OpenFor <= 0 {
			bad(q+"open_for", "must be > 0, got %v", b.OpenFor)
		}
		bad.atLeast(q+"half_open_calls", b.HalfOpenCalls, 1)
	}
	if h != nil {
		if h.After <= 0 {
			bad(p+"hedge.after", "must be > 0, got %v", h.After)
		}
		bad.atLeast(p+"hedge.max", h.Max, 1)
	}
}

// validateBudget checks a retry budget at field p (….retry.budget).
func validateBudget(bad badFunc, p string, b *Budget) {
	if b == nil {
		return
	}
	if v := b.Percent; math.IsNaN(v) || v < 0 || v > 1000 {
		bad(p+".percent", "must be in [0, 1000], got %v", v)
	}
	if v := b.MinPerSecond; math.IsNaN(v) || v < 0 || v > 1e9 {
		bad(p+".min_per_second", "must be in [0, 1e9], got %v", v)
	}
	if b.TTL < sim.Second || b.TTL > sim.Hour {
		bad(p+".ttl", "must be in [1s, 1h] (Finagle's bounds are 1s to 60s), got %v", b.TTL)
	}
}

// validateStationGuards checks the service-side mechanisms of a server
// or service at field prefix p ("server." or "services.api.").
func validateStationGuards(bad badFunc, p string, d Discipline, cd *Codel, queueTimeout sim.Duration, rl *RateLimit, ej *Eject) {
	switch d {
	case "", FIFO, LIFO, AdaptiveLIFO, CoDel:
	default:
		bad(p+"queue", "must be one of fifo, lifo, adaptive-lifo, codel, got %q", d)
	}
	if cd != nil {
		if cd.Target <= 0 {
			bad(p+"codel.target", "must be > 0, got %v", cd.Target)
		}
		if cd.Interval <= 0 {
			bad(p+"codel.interval", "must be > 0, got %v", cd.Interval)
		}
	}
	if queueTimeout < 0 {
		bad(p+"queue_timeout", "must be >= 0, got %v", queueTimeout)
	}
	if rl != nil {
		if v := rl.Rate; math.IsNaN(v) || v <= 0 || v > 1e9 {
			bad(p+"rate_limit.rate", "must be in (0, 1e9] requests per second, got %v", v)
		}
		if v := rl.Burst; math.IsNaN(v) || v < 1 || v > 1e9 {
			bad(p+"rate_limit.burst", "must be in [1, 1e9], got %v", v)
		}
	}
	if ej != nil {
		bad.atLeast(p+"eject.consecutive_errors", ej.ConsecutiveErrors, 1)
		if ej.For <= 0 {
			bad(p+"eject.for", "must be > 0, got %v", ej.For)
		}
		if v := ej.MaxPercent; math.IsNaN(v) || v < 0 || v > 100 {
			bad(p+"eject.max_percent", "must be in [0, 100], got %v", v)
		}
	}
}

// validateDeadline checks that a deadline has a timeout to start from.
func validateDeadline(bad badFunc, p string, deadline bool, timeout sim.Duration) {
	if deadline && timeout <= 0 {
		bad(p+"deadline", "needs %stimeout > 0: the deadline is the attempt's send time plus its timeout", p)
	}
}
