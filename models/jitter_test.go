package models_test

import (
	"strings"
	"testing"
	"time"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// backoffs returns the waits before each retry of the first request of a
// server that always fails: 6 attempts, backoff 10ms, multiplier 2, at
// most 50ms.
func backoffs(t *testing.T, jitter models.Jitter, seed uint64) []sim.Duration {
	t.Helper()
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10000)
	cfg.Server.Error = 1
	cfg.Clients.Retry = models.Retry{Attempts: 6, Backoff: ms(10), Multiplier: 2, MaxBackoff: 50 * sim.Millisecond, Jitter: jitter}
	var waits []sim.Duration
	_, err := models.RunWith(cfg, distributions.NewStreams(seed, 0), sim.Time(11*sim.Second), 0, models.Options{
		Trace: func(_ sim.Time, what string) {
			if w, ok := strings.CutPrefix(what, "r1 backoff "); ok {
				d, err := time.ParseDuration(w)
				if err != nil {
					t.Fatal(err)
				}
				waits = append(waits, sim.Duration(d))
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(waits) != 5 {
		t.Fatalf("%d backoffs, want 5", len(waits))
	}
	return waits
}

// TestBackoffCapAndJitter: without jitter the waits are 10, 20, 40, then
// the cap 50, 50 ms; full jitter draws each in [0, w], equal in
// [w/2, w], decorrelated in [10ms, 3 × the previous] (the first previous
// is the 10ms base) and at most the cap. Over 50 seeds every draw is in
// its range and the draws are not all the same.
func TestBackoffCapAndJitter(t *testing.T) {
	ms := func(n int) sim.Duration { return sim.Duration(n) * sim.Millisecond }
	exact := []sim.Duration{ms(10), ms(20), ms(40), ms(50), ms(50)}
	for i, w := range backoffs(t, models.NoJitter, 1) {
		if w != exact[i] {
			t.Errorf("no jitter: wait %d is %v, want %v", i, w, exact[i])
		}
	}
	distinct := map[models.Jitter]map[sim.Duration]bool{}
	for seed := uint64(1); seed <= 50; seed++ {
		for _, j := range []models.Jitter{models.FullJitter, models.EqualJitter, models.DecorrelatedJitter} {
			if distinct[j] == nil {
				distinct[j] = map[sim.Duration]bool{}
			}
			prev := ms(10)
			for i, w := range backoffs(t, j, seed) {
				lo, hi := sim.Duration(0), exact[i]
				switch j {
				case models.EqualJitter:
					lo = exact[i] / 2
				case models.DecorrelatedJitter:
					lo, hi = ms(10), min(3*prev, ms(50))
					prev = w
				}
				if w < lo || w > hi {
					t.Errorf("%s, seed %d: wait %d is %v, outside [%v, %v]", j, seed, i, w, lo, hi)
				}
				distinct[j][w] = true
			}
		}
	}
	// The first wait is uniform: its mean over the 50 seeds within 4
	// standard errors (w/√12/√50) of the middle of its range.
	for _, c := range []struct {
		j              models.Jitter
		mid, halfWidth float64 // ms
	}{{models.FullJitter, 5, 5}, {models.EqualJitter, 7.5, 2.5}, {models.DecorrelatedJitter, 20, 10}} {
		sum := 0.0
		for seed := uint64(1); seed <= 50; seed++ {
			sum += float64(backoffs(t, c.j, seed)[0]) / 1e6
		}
		se := 2 * c.halfWidth / 3.4641 / 7.0711
		if mean := sum / 50; mean < c.mid-4*se || mean > c.mid+4*se {
			t.Errorf("%s: first wait %.3f ms on average, want %v ± %.3f", c.j, mean, c.mid, 4*se)
		}
	}
	for j, ws := range distinct {
		if len(ws) < 100 {
			t.Errorf("%s: only %d distinct waits in 250 draws", j, len(ws))
		}
	}
}
