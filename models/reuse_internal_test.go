package models

import (
	"maps"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// TestReuseGivesBack: a run with a Reuse takes its four histograms from it
// and hands them all to its Metrics.Delays (the percentile columns of the
// summary pool them); Release gives them back, and the next run takes the
// same four again; releasing twice or delays of a run without Reuse does
// nothing.
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
	held := func(d *Delays) map[*hist]bool {
		set := map[*hist]bool{}
		for _, p := range d.parts {
			set[p.h] = true
		}
		return set
	}
	m := run()
	if len(u.free) != 0 || len(m.Delays.parts) != 4 {
		t.Fatalf("%d histograms kept after a run and %d in its delays, want 0 and 4", len(u.free), len(m.Delays.parts))
	}
	first := held(m.Delays)
	m.Delays.Release()
	m.Delays.Release()
	if len(u.free) != 4 {
		t.Fatalf("%d histograms kept after Release, want 4", len(u.free))
	}
	for _, h := range u.free {
		if !first[h] {
			t.Fatal("Release kept a histogram the delays did not hold")
		}
	}
	m = run()
	if len(u.free) != 0 || !maps.Equal(held(m.Delays), first) {
		t.Fatalf("%d histograms kept after another run, want 0, the delays' four reused", len(u.free))
	}
	fresh, err := RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(100*sim.Second), 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fresh.Delays.Release()
	if len(fresh.Delays.parts) != 4 || fresh.Delays.parts[0].h == nil || len(u.free) != 0 {
		t.Fatal("Release of the delays of a run without Reuse gave them away")
	}
}
