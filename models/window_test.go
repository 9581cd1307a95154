package models_test

import (
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestWarmupEdges checks the window at its edges (docs/metrics.md, "The
// warm-up window"): a request created exactly at the warm-up time is in
// the statistics, and a completion exactly at the warm-up time counts in
// the throughput. One sync request, created at 100ms, succeeds at 116ms.
func TestWarmupEdges(t *testing.T) {
	for _, c := range []struct {
		name       string
		warmup     sim.Duration
		requests   float64
		throughput float64
	}{
		{"created at the warm-up", 100 * sim.Millisecond, 1, 1 / 0.05},
		{"completed at the warm-up", 116 * sim.Millisecond, 0, 1 / 0.034},
		{"completed just before the warm-up", 117 * sim.Millisecond, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := models.Run(scenario(models.Sync), distributions.NewStreams(1, 0),
				sim.Time(150*sim.Millisecond), sim.Time(c.warmup))
			if err != nil {
				t.Fatal(err)
			}
			checkCounts(t, m, counts{"requests": c.requests, "succeeded": c.requests, "attempts": c.requests})
			if math.Abs(m.Throughput-c.throughput) > 1e-9 {
				t.Errorf("throughput = %v, want %v", m.Throughput, c.throughput)
			}
		})
	}
}

// TestZeroDelayPercentiles checks the parts of the delay when every one
// is zero (no network, no service, no handler): each part's mean and 99th
// percentile is exactly 0, counted in its own histogram.
func TestZeroDelayPercentiles(t *testing.T) {
	for _, p := range models.Policies {
		t.Run(string(p), func(t *testing.T) {
			cfg := models.DefaultConfig()
			cfg.Policy = p
			cfg.Clients.Arrival = ms(10)
			cfg.Server.Service = ms(0)
			m, err := models.Run(cfg, distributions.NewStreams(1, 0), sim.Time(sim.Second), 0)
			if err != nil {
				t.Fatal(err)
			}
			if m.Succeeded != 99 {
				t.Errorf("succeeded = %v, want 99", m.Succeeded)
			}
			for _, name := range []string{"delay.mean", "delay.p50", "delay.p99", "delay.max", "send.mean", "receive.mean",
				"process.mean", "send.p99", "receive.p99", "process.p99"} {
				if v, _ := m.Value(name); v != 0 {
					t.Errorf("%s = %v, want 0", name, v)
				}
			}
		})
	}
}
