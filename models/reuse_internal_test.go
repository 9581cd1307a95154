package models

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// TestReuseGivesBack: a run with a Reuse takes its four histograms from it
// and gives back three at its end; Release gives back the fourth, that of
// the delays, which the next run takes again; releasing twice or delays
// of a run without Reuse does nothing.
func TestReuseGivesBack(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Clients.Arrival = distributions.Exponential{Scale: 2}
	cfg.Server.Service = distributions.Exponential{Scale: 1}
	u := NewReuse()
	run := func() Metrics {
		m, err := RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(100*sim.Second), 0, Options{Reuse: u})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := run()
	if len(u.free) != 3 {
		t.Fatalf("%d histograms kept after a run, want 3", len(u.free))
	}
	h := m.Delays.h
	m.Delays.Release()
	m.Delays.Release()
	if len(u.free) != 4 || u.free[3] != h {
		t.Fatalf("%d histograms kept after Release, want 4, the delays' last", len(u.free))
	}
	m = run()
	if len(u.free) != 3 || m.Delays.h != h {
		t.Fatalf("%d histograms kept after another run, want 3, the delays' reused", len(u.free))
	}
	fresh, err := RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(100*sim.Second), 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fresh.Delays.Release()
	if fresh.Delays.h == nil || len(u.free) != 3 {
		t.Fatal("Release of the delays of a run without Reuse gave them away")
	}
}
