package models

import (
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

// TestBreakerTable drives a breaker alone through a table of events: at
// time at (ms), "allow" asks for an attempt (the generation it gets is
// kept under the event's index), "ok"/"fail" records the outcome of the
// attempt of event of, "release" gives it back; want is the answer of
// allow and the state after the event.
func TestBreakerTable(t *testing.T) {
	type ev struct {
		at    int
		what  string
		of    int // for ok, fail, release: the index of the allow event
		allow bool
		state breakerState
	}
	const (
		C = breakerClosed
		O = breakerOpen
		H = breakerHalfOpen
	)
	// Window 4, min_calls 3, failure_rate 0.5, open_for 100ms, 2 trials.
	events := []ev{
		0:  {0, "allow", 0, true, C},
		1:  {0, "allow", 0, true, C},
		2:  {0, "allow", 0, true, C},
		3:  {0, "allow", 0, true, C},
		4:  {0, "allow", 0, true, C},
		5:  {1, "fail", 0, false, C},    // 1/1: below min_calls
		6:  {2, "fail", 1, false, C},    // 2/2: below min_calls
		7:  {3, "ok", 2, false, O},      // 2/3 >= 0.5: open
		8:  {4, "fail", 3, false, O},    // let through while closed: ignored
		9:  {50, "allow", 0, false, O},  // refused
		10: {103, "allow", 0, true, H},  // open_for over: half-open, trial 1
		11: {103, "allow", 0, true, H},  // trial 2
		12: {104, "allow", 0, false, H}, // no trial left
		13: {105, "ok", 4, false, H},    // of the closed state: ignored
		14: {106, "release", 11, false, H},
		15: {107, "allow", 0, true, H}, // trial 2 again
		16: {108, "ok", 10, false, H},
		17: {109, "ok", 15, false, C}, // both trials succeeded: closed, empty ring
		18: {110, "ok", 11, false, C}, // released trial: ignored
		19: {111, "allow", 0, true, C},
		20: {111, "allow", 0, true, C},
		21: {111, "allow", 0, true, C},
		22: {111, "allow", 0, true, C},
		23: {111, "allow", 0, true, C},
		24: {112, "fail", 19, false, C}, // 1/1: the ring was emptied
		25: {113, "ok", 20, false, C},   // 1/2
		26: {114, "ok", 21, false, C},   // 1/3
		27: {115, "fail", 22, false, O}, // 2/4: open
	}
	b := newBreaker(&Breaker{FailureRate: 0.5, Window: 4, MinCalls: 3, OpenFor: 100 * sim.Millisecond, HalfOpenCalls: 2}, "x")
	gens := make([]uint32, len(events))
	for i, e := range events {
		now := sim.Time(e.at) * sim.Time(sim.Millisecond)
		switch e.what {
		case "allow":
			if got := b.allow(now); got != e.allow {
				t.Fatalf("event %d: allow %v, want %v", i, got, e.allow)
			}
			gens[i] = b.gen
		case "ok", "fail":
			b.record(gens[e.of], e.what == "ok", now)
		case "release":
			b.release(gens[e.of])
		}
		if b.state != e.state {
			t.Fatalf("event %d (%s at %dms): state %s, want %s", i, e.what, e.at, breakerStateNames[b.state], breakerStateNames[e.state])
		}
	}
}

// TestBreakerRingSlides: in a full ring the oldest outcome leaves: 4
// successes, then failures one by one; the share reaches 0.5 at the second.
func TestBreakerRingSlides(t *testing.T) {
	b := newBreaker(&Breaker{FailureRate: 0.5, Window: 4, MinCalls: 4, OpenFor: sim.Second, HalfOpenCalls: 1}, "x")
	for range 4 {
		b.record(b.gen, true, 0)
	}
	b.record(b.gen, false, 0)
	if b.state != breakerClosed || b.failed != 1 || b.n != 4 {
		t.Fatalf("after 4 successes and a failure: state %s, %d failed of %d; want closed, 1 of 4", breakerStateNames[b.state], b.failed, b.n)
	}
	b.record(b.gen, false, 0)
	if b.state != breakerOpen {
		t.Fatalf("after 2 failures in the last 4: %s, want open", breakerStateNames[b.state])
	}
}
