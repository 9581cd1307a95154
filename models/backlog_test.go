package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestCancelledTimeoutsLeaveTheQueue runs 50k requests whose long timeouts
// are all cancelled by their replies. Were stopped timers left in the event
// queue, about 5000 would be pending at any time and the run would pass the
// small backlog limit.
func TestCancelledTimeoutsLeaveTheQueue(t *testing.T) {
	cfg := mm1(models.Callback, 0.5)
	cfg.Clients.Timeout = 10000 * sim.Second
	m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(100000*sim.Second), 0,
		models.Options{MaxBacklog: 1000})
	if err != nil {
		t.Fatalf("backlog grew: %v", err)
	}
	if m.Timeouts != 0 || m.Requests < 45000 {
		t.Fatalf("timeouts %v requests %v", m.Timeouts, m.Requests)
	}
}

// TestBacklogLimitStopsAnOverloadedRun checks that offered load above
// capacity with unbounded queues ends in ErrBacklog, not in exhausted
// memory.
func TestBacklogLimitStopsAnOverloadedRun(t *testing.T) {
	for _, p := range models.Policies {
		cfg := mm1(p, 2)
		_, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(1e6*float64(sim.Second)), 0,
			models.Options{MaxBacklog: 10000})
		if !errors.Is(err, models.ErrBacklog) {
			t.Errorf("%s: got %v, want ErrBacklog", p, err)
		}
	}
}

// TestCancelledContextStopsTheRun checks that a cancelled context ends a
// long run early with the context's error.
func TestCancelledContextStopsTheRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, cfg := range []models.Config{mm1(models.MQ, 0.5), closedLoop()} {
		_, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(1e9*float64(sim.Second)), 0,
			models.Options{Context: ctx})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: got %v, want context.Canceled", cfg.Policy, err)
		}
	}
}

func closedLoop() models.Config {
	cfg := models.DefaultConfig()
	cfg.Policy = models.Sync
	cfg.Clients.Think = distributions.Exponential{Scale: 1}
	cfg.Clients.Threads = 4
	cfg.Server.Service = distributions.Exponential{Scale: 0.5}
	return cfg
}
