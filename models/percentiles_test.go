package models_test

import (
	"slices"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestPercentilesFromRecords checks every percentile metric against the
// exact order statistic of the successful requests of the window, taken
// from the Done records: the rank HdrHistogram uses, round(q·n) clamped to
// [1, n], and a value at most 1% above the exact one (docs/metrics.md,
// "Delays and percentiles"). p50, p90, p95 and p99 of an exponential
// delay differ by far more than that, so a percentile reporting another
// one fails.
func TestPercentilesFromRecords(t *testing.T) {
	t.Parallel()
	for _, p := range models.Policies {
		t.Run(string(p), func(t *testing.T) {
			cfg := models.DefaultConfig()
			cfg.Policy = p
			cfg.Clients.Arrival = distributions.Exponential{Scale: 0.02}
			cfg.Clients.Threads = 4
			cfg.Server.Service = distributions.Exponential{Scale: 0.01}
			cfg.Network.Send = distributions.Uniform{Min: 0.001, Max: 0.003}
			cfg.Network.Reply = distributions.Exponential{Scale: 0.002}
			cfg.Handler.Time = distributions.Exponential{Scale: 0.001}
			warmup := sim.Time(2 * sim.Second)
			var delay, send, recv, proc []sim.Duration
			m, err := models.RunWith(cfg, distributions.NewStreams(5, 0), sim.Time(30*sim.Second), warmup, models.Options{
				Done: func(r models.Record) {
					if r.OK && r.T0 >= warmup {
						delay = append(delay, r.T3.Sub(r.T0))
						send = append(send, r.T1.Sub(r.T0))
						recv = append(recv, r.T2.Sub(r.T1))
						proc = append(proc, r.T3.Sub(r.T2))
					}
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(delay) < 1000 || float64(len(delay)) != m.Succeeded {
				t.Fatalf("%d records, succeeded = %v", len(delay), m.Succeeded)
			}
			for _, c := range []struct {
				name string
				got  float64
				of   []sim.Duration
				q    float64
			}{
				{"delay.p50", m.DelayP50, delay, 50}, {"delay.p90", m.DelayP90, delay, 90},
				{"delay.p95", m.DelayP95, delay, 95}, {"delay.p99", m.DelayP99, delay, 99},
				{"send.p99", m.SendP99, send, 99}, {"receive.p99", m.ReceiveP99, recv, 99},
				{"process.p99", m.ProcessP99, proc, 99},
			} {
				want := orderStatistic(c.of, c.q)
				if got := c.got * 1e9; got < want-1 || got > want*1.01+1 {
					t.Errorf("%s = %v s, the records give %v", c.name, c.got, sim.Duration(want))
				}
			}
		})
	}
}

// orderStatistic returns, in nanoseconds, the value of rank round(q/100·n)
// (at least 1, at most n) of xs.
func orderStatistic(xs []sim.Duration, q float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := int(q/100*float64(len(s)) + 0.5)
	rank = min(max(rank, 1), len(s))
	return float64(s[rank-1])
}
