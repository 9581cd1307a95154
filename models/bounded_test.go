package models_test

import (
	"errors"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestZeroDelayRetriesDoNotRecurse: a million attempts against a server
// that rejects at once, with no delay anywhere, once overflowed the stack
// (each retry called the next attempt directly). Every attempt must still
// happen, at the same instant, in order.
func TestZeroDelayRetriesDoNotRecurse(t *testing.T) {
	for _, p := range []models.Policy{models.Sync, models.Callback, models.MQ} {
		cfg := models.DefaultConfig()
		cfg.Policy = p
		cfg.Clients.Arrival = distributions.Constant{Value: sim.Second}
		cfg.Clients.Retry.Attempts = 1_000_000
		cfg.Server.Service = distributions.Constant{Value: 500 * sim.Millisecond}
		cfg.Server.Capacity = 1
		cfg.Broker.Capacity = 1
		cfg.Server.Crash = &models.Crash{ // down from 0.5 s to 1.5 s: all rejected
			Uptime:   distributions.Constant{Value: 500 * sim.Millisecond},
			Downtime: distributions.Constant{Value: sim.Hour},
		}
		if p == models.MQ {
			// The broker holds the first message (its consumer is down):
			// the second request's publishes are all rejected.
			cfg.Server.Crash.Uptime = distributions.Constant{Value: 500 * sim.Millisecond}
		}
		met, err := models.Run(cfg, distributions.NewStreams(1, 0), sim.Time(2500*sim.Millisecond), 0)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if met.Requests != 2 || met.Failed < 1 || met.Attempts < 1_000_000 || met.Rejected < 999_999 {
			t.Errorf("%s: requests %v failed %v attempts %v rejected %v", p, met.Requests, met.Failed, met.Attempts, met.Rejected)
		}
	}
}

// TestClockThatCannotAdvanceStops: arrivals whose gaps round to 0 ns keep
// the clock at one instant (here a valid mean of about 1 µs, almost all of
// it from a one-in-a-billion gap of 1000 s); the run must stop with
// ErrStuck instead of spinning.
func TestClockThatCannotAdvanceStops(t *testing.T) {
	cfg := models.DefaultConfig()
	arrival, err := distributions.NewHyperExponential([]float64{1e-15, 1e3}, []float64{1 - 1e-9, 1e-9})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Clients.Arrival = arrival
	cfg.Server.Service = distributions.Constant{}
	cfg.Server.Capacity = 1
	_, err = models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(sim.Second), 0, models.Options{MaxStepsPerInstant: 1_000_000})
	if !errors.Is(err, models.ErrStuck) {
		t.Fatalf("err %v, want ErrStuck", err)
	}
}

// TestEventBudget: a run stops with ErrEventBudget soon after it has run
// MaxEvents events.
func TestEventBudget(t *testing.T) {
	cfg := models.DefaultConfig()
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.001}
	cfg.Server.Service = distributions.Exponential{Scale: 0.0005}
	_, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(100*sim.Second), 0, models.Options{MaxEvents: 10_000})
	if !errors.Is(err, models.ErrEventBudget) {
		t.Fatalf("err %v, want ErrEventBudget", err)
	}
	if _, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(sim.Second), 0, models.Options{MaxEvents: 10_000}); err != nil {
		t.Fatalf("a run within its budget: %v", err)
	}
}

// TestPercentilesNotAboveMax: a histogram percentile is its bucket's upper
// edge, which can lie above every recorded value; percentiles are clamped
// to the largest value recorded. One request, delay 1.001 s exactly.
func TestPercentilesNotAboveMax(t *testing.T) {
	cfg := models.DefaultConfig()
	cfg.Clients.Arrival = distributions.Constant{Value: sim.Second}
	cfg.Network.Send = distributions.Constant{Value: 1001 * sim.Millisecond}
	cfg.Server.Service = distributions.Constant{Value: 1001 * sim.Millisecond}
	cfg.Network.Reply = distributions.Constant{Value: 1001 * sim.Millisecond}
	cfg.Handler.Time = distributions.Constant{Value: 1001 * sim.Millisecond}
	met, err := models.Run(cfg, distributions.NewStreams(1, 0), sim.Time(5500*sim.Millisecond), 0)
	if err != nil {
		t.Fatal(err)
	}
	if met.Succeeded != 1 || met.DelayMax != 4.004 {
		t.Fatalf("succeeded %v, delay.max %v; want 1, 4.004", met.Succeeded, met.DelayMax)
	}
	for name, v := range map[string]float64{"delay.p50": met.DelayP50, "delay.p90": met.DelayP90,
		"delay.p95": met.DelayP95, "delay.p99": met.DelayP99} {
		if v != met.DelayMax {
			t.Errorf("%s = %v, want delay.max %v", name, v, met.DelayMax)
		}
	}
	for name, v := range map[string]float64{"send.p99": met.SendP99, "receive.p99": met.ReceiveP99, "process.p99": met.ProcessP99} {
		want := 1.001
		if name == "receive.p99" {
			want = 2.002
		}
		if v != want {
			t.Errorf("%s = %v, want %v", name, v, want)
		}
	}
}
