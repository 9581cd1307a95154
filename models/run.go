package models

import (
	"context"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// DefaultMaxBacklog is the default limit on pending events plus waiting
// requests of one run. A model whose backlog passes it (offered load far
// above capacity with unbounded queues, say) stops with ErrBacklog instead
// of exhausting memory.
const DefaultMaxBacklog = 2_000_000

// Options are optional settings of a run.
type Options struct {
	// MaxBacklog overrides DefaultMaxBacklog when > 0.
	MaxBacklog int
	// Trace, when not nil, receives a line for every step of every request
	// (scenario tests, debugging). It slows the run down.
	Trace func(t sim.Time, what string)
	// Done, when not nil, receives every request that finishes.
	Done func(Record)
	// Events, when not nil, receives the steps of every request's life
	// (traces): its creation and outcome, the replies of instances and the
	// outcomes of services' calls (see TraceEvent). It slows the run down.
	Events func(TraceEvent)
	// Context, when not nil, interrupts the run soon after it is cancelled
	// (it is polled with the backlog, every 1024 requests or more with many
	// clients); the run then returns its error.
	Context context.Context
	// PoisonReleased, for tests, never reuses a released request, attempt
	// or delivery and panics on any later use of one, so that a pointer
	// kept past its release shows up instead of silently touching the
	// object's next user. Results are the same either way.
	PoisonReleased bool
	// MaxEvents, when > 0, stops the run with ErrEventBudget once it has
	// run about that many events (it is checked with the backlog).
	MaxEvents uint64
	// MaxStepsPerInstant overrides DefaultMaxStepsPerInstant when > 0.
	MaxStepsPerInstant uint64
	// Drain is how long the run goes on after the horizon, with no new
	// requests, for the requests of the window to get their outcome: 0
	// not at all, DrainAuto until they all have it (at most the horizon
	// again), or at most this long.
	Drain sim.Duration
	// Window, when > 0, records time series: Metrics.Series gets one row
	// per window of this length from time 0 to the end of the drain.
	Window sim.Duration
	// Percentiles, when not nil, are the delay percentiles of
	// Metrics.DelayPercentiles, each in (0, 100) (see
	// metrics.ValidPercentile); nil leaves it nil (the fixed delay.p50 …
	// delay.p99 are always computed).
	Percentiles []float64
	// SLO, when > 0, is the delay within which a request must succeed to
	// count in Metrics.SLOAttainment.
	SLO sim.Duration
	// Reuse, when not nil, provides the run's histograms and gets them
	// back at its end, all but that of Metrics.Delays, which its
	// Release gives back.
	Reuse *Reuse
}

// Record is the life of one finished request.
type Record struct {
	ID             int64
	Client         int
	OK             bool
	Attempts       int
	T0, T1, T2, T3 sim.Time // created, reached the server side, reply received, processed
}

// Run simulates cfg from time 0 to horizon on a fresh engine, with random
// streams from streams, and returns the metrics of the window [warmup,
// horizon]. It is safe to call from many goroutines at once.
func Run(cfg Config, streams distributions.Streams, horizon, warmup sim.Time) (Metrics, error) {
	return RunWith(cfg, streams, horizon, warmup, Options{})
}
