package models_test

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestValidationHedge checks the delay tail of a hedged request against
// its closed form. Two instances with so many workers that nothing ever
// waits, no network and no handler time: a request's delay is the sooner
// of its first copy's service S1 and its second copy's, sent a later,
// a + S2, with S1 and S2 independent of law S. So
//
//	P(D > t) = P(S > t)                  for t <= a,
//	P(D > t) = P(S > t) · P(S > t − a)   for t > a.
//
// Each replication estimates P(D > t) as the share of the window's
// requests slower than t; the 95% Student-t interval over the
// replications must hold the theory. The lines
//
//	HEDGE case=... t=... theory=... estimate=... lo=... hi=...
//
// are the table of docs/validation.md (go test -run ValidationHedge -v
// ./models | grep HEDGE).
func TestValidationHedge(t *testing.T) {
	graphSkipRace(t)
	mean := 0.1
	logn, err := distributions.NewLogNormalMeanCV(mean, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		service  distributions.Dist
		survival func(t float64) float64
		after    float64   // seconds
		at       []float64 // seconds
	}{
		{"exponential-mean100ms-after100ms", validationExp(mean), func(t float64) float64 { return math.Exp(-t / mean) },
			0.1, []float64{0.05, 0.1, 0.15, 0.2, 0.3, 0.4}},
		{"lognormal-mean100ms-cv2-after150ms", logn, distuv.LogNormal{Mu: logn.Mu, Sigma: logn.Sigma}.Survival,
			0.15, []float64{0.1, 0.15, 0.2, 0.3, 0.5, 1}},
	} {
		cfg := validationOpen(models.Callback, 10, c.service)
		cfg.Server.Count = 2
		cfg.Server.Workers = 100
		cfg.Clients.Hedge = &models.Hedge{After: sim.Seconds(c.after), Max: 2}
		shares := hedgeTailShares(t, cfg, 20, 2000, 100, c.at)
		for i, at := range c.at {
			want := c.survival(at)
			if at > c.after {
				want *= c.survival(at - c.after)
			}
			est, lo, hi := validationCI(shares[i], 0.95)
			t.Logf("HEDGE case=%s t=%v unhedged=%.6f theory=%.6f estimate=%.6f lo=%.6f hi=%.6f", c.name, at, c.survival(at), want, est, lo, hi)
			if want < lo || want > hi {
				t.Errorf("%s: P(D > %vs) = %.6f, the 95%% interval [%.6f, %.6f] misses it", c.name, at, want, lo, hi)
			}
		}
	}
}

// hedgeTailShares runs reps replications of cfg (seconds of horizon and
// warm-up) and returns, for each threshold of at (seconds), each
// replication's share of the window's requests whose delay exceeds it.
func hedgeTailShares(t *testing.T, cfg models.Config, reps int, horizon, warmup float64, at []float64) [][]float64 {
	t.Helper()
	out := make([][]float64, len(at))
	for i := range out {
		out[i] = make([]float64, reps)
	}
	errs := make([]error, reps)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	w := sim.Time(warmup * float64(sim.Second))
	for r := range reps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			over := make([]int, len(at))
			n := 0
			_, errs[r] = models.RunWith(cfg, distributions.NewStreams(41, r), sim.Time(horizon*float64(sim.Second)), w, models.Options{
				Done: func(rec models.Record) {
					if rec.T0 < w {
						return
					}
					if !rec.OK {
						errs[r] = fmt.Errorf("request %d failed", rec.ID)
					}
					n++
					d := rec.T3.Sub(rec.T0).Seconds()
					for i, x := range at {
						if d > x {
							over[i]++
						}
					}
				},
			})
			for i := range at {
				out[i][r] = float64(over[i]) / float64(n)
			}
		}()
	}
	wg.Wait()
	for r, err := range errs {
		if err != nil {
			t.Fatalf("replication %d: %v", r, err)
		}
	}
	return out
}
