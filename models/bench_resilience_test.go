package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// fanout3Guarded is fanout3 with every resilience mechanism on, set as a
// careful operator would (they watch every request and act rarely at
// this load): the clients retry within a budget, behind a circuit breaker
// and with deadlines; every call has a breaker and a deadline, auth's
// call hedges, the others retry with jittered backoff under a budget;
// every service has CoDel, a queue timeout, a rate limit and outlier
// ejection.
func fanout3Guarded() models.Config {
	cfg := fanout3Timeouts()
	breaker := func() *models.Breaker {
		return &models.Breaker{FailureRate: 0.5, Window: 100, MinCalls: 20, OpenFor: 10 * sim.Second, HalfOpenCalls: 5}
	}
	budget := func() *models.Budget { return &models.Budget{Percent: 20, MinPerSecond: 10, TTL: 10 * sim.Second} }
	cl := &cfg.Clients
	cl.Deadline, cl.Breaker, cl.Retry.Budget = true, breaker(), budget()
	for i := range cfg.Services {
		s := &cfg.Services[i]
		s.Queue, s.QueueTimeout = models.CoDel, 20*sim.Second
		s.Codel = &models.Codel{Target: 5 * sim.Second, Interval: 100 * sim.Second}
		s.RateLimit = &models.RateLimit{Rate: 1000, Burst: 100}
		s.Eject = &models.Eject{ConsecutiveErrors: 5, For: 30 * sim.Second, MaxPercent: 50}
		for k := range s.Calls {
			for x := range s.Calls[k].Hops {
				h := &s.Calls[k].Hops[x]
				h.Deadline, h.Breaker = true, breaker()
				if h.To == "auth" {
					h.Retry.Attempts = 1
					h.Hedge = &models.Hedge{After: 2 * sim.Second, Max: 2}
				} else {
					h.Retry.Budget = budget()
				}
			}
		}
	}
	return cfg
}

// fanout3Timeouts is fanout3 with the timeouts and jittered retries of
// fanout3Guarded and none of its other mechanisms: what they add is the
// difference between the two.
func fanout3Timeouts() models.Config {
	cfg := fanout3()
	retry := func(r *models.Retry) {
		r.Attempts, r.Multiplier, r.Jitter = 3, 2, models.FullJitter
		r.Backoff = distributions.Constant{Value: 100 * sim.Millisecond}
		r.MaxBackoff = sim.Second
	}
	cfg.Clients.Timeout = 30 * sim.Second
	retry(&cfg.Clients.Retry)
	for i := range cfg.Services {
		s := &cfg.Services[i]
		for k := range s.Calls {
			for x := range s.Calls[k].Hops {
				h := &s.Calls[k].Hops[x]
				h.Timeout = 20 * sim.Second
				retry(&h.Retry)
			}
		}
	}
	return cfg
}

// BenchmarkFanout3Guarded simulates about b.N requests of fanout3Guarded
// and reports the wall time per request and per hop; set side by side
// with BenchmarkFanout3Timeouts it is the cost of the mechanisms.
func BenchmarkFanout3Guarded(b *testing.B) { benchGuarded(b, fanout3Guarded()) }

// BenchmarkFanout3Timeouts is the same for fanout3Timeouts.
func BenchmarkFanout3Timeouts(b *testing.B) { benchGuarded(b, fanout3Timeouts()) }

func benchGuarded(b *testing.B, cfg models.Config) {
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	horizon := sim.Time(b.N) * sim.Time(sim.Second)
	b.ReportAllocs()
	b.ResetTimer()
	m, err := models.Run(cfg, distributions.NewStreams(1, 0), horizon+sim.Time(sim.Second), 0)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if m.Requests >= 1000 && m.Reliability < 0.99 {
		b.Fatalf("reliability %v: the benchmark model is overloaded", m.Reliability)
	}
	ns := float64(b.Elapsed().Nanoseconds()) / m.Requests
	b.ReportMetric(ns, "ns/request")
	b.ReportMetric(ns/5, "ns/hop")
}
