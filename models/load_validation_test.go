package models_test

// Statistical validation of load over time (clients.profile and the time
// series of Options.Window) against the exact transient of the M(t)/M/∞
// queue, with the harness of validation_test.go: fixed seeds, independent
// replications, 99% Student-t intervals, VALIDATION log lines.

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// mtPiece is one piece of a piecewise-constant arrival rate: lambda from
// At (seconds) until the next piece.
type mtPiece struct{ at, lambda float64 }

// mtMInfWindowMean returns the exact mean of m(t), the mean number in an
// M(t)/M/∞ system that starts empty, averaged over [a, b]. On each piece
// m' = λ − μm, so m(t) = λ/μ + (m(t0) − λ/μ)e^{−μ(t−t0)}, whose integral
// over [u, v] is (v−u)λ/μ + (m(u) − λ/μ)(1 − e^{−μ(v−u)})/μ.
func mtMInfWindowMean(pieces []mtPiece, mu, a, b float64) float64 {
	m, t := 0.0, 0.0 // m(t)
	var integral float64
	for i, p := range pieces {
		end := math.Inf(1)
		if i+1 < len(pieces) {
			end = pieces[i+1].at
		}
		eq := p.lambda / mu
		// advance from t to u = max(t, a) without integrating, then
		// integrate over [u, v], v = min(end, b), then to end.
		at := func(s float64) float64 { return eq + (m-eq)*math.Exp(-mu*(s-t)) }
		if u, v := math.Max(t, a), math.Min(end, b); v > u {
			mu0 := at(u)
			integral += (v-u)*eq + (mu0-eq)*(1-math.Exp(-mu*(v-u)))/mu
		}
		if end >= b {
			break
		}
		m, t = at(end), end
	}
	return integral / (b - a)
}

// TestMtMInfIntegral checks mtMInfWindowMean against a midpoint rule.
func TestMtMInfIntegral(t *testing.T) {
	pieces := []mtPiece{{0, 5}, {10, 20}, {20, 5}}
	for _, w := range [][2]float64{{0, 1}, {9.5, 10.5}, {10, 11}, {19, 21}, {0, 40}, {33, 34}} {
		const n = 200000
		var s float64
		m, h := 0.0, (w[1])/n
		// Euler on m' = λ − μm from 0 with a fine step, averaging over w.
		var cnt int
		for k := range n {
			tt := (float64(k) + 0.5) * h
			lam := 5.0
			if tt >= 10 && tt < 20 {
				lam = 20
			}
			m += h * (lam - m)
			if tt >= w[0] {
				s += m
				cnt++
			}
		}
		got := mtMInfWindowMean(pieces, 1, w[0], w[1])
		if math.Abs(got-s/float64(cnt)) > 1e-3*math.Max(1, got) {
			t.Errorf("window %v: %v, numerically %v", w, got, s/float64(cnt))
		}
	}
}

// TestValidationMtMInf: Poisson arrivals whose rate steps 5 → 20 → 5 per
// second (at 10 s and 20 s), exponential service of rate μ = 1, 10,000
// workers (nobody ever waits: M(t)/M/∞), no network or handler time. The
// number in system at t is Poisson of mean m(t), the solution of
// m' = λ(t) − μm, m(0) = 0; busy workers = number in system, so each 1 s
// window's server.utilization × workers is the window's time-averaged
// number in system, whose mean is the window average of m(t). Every one of
// the 40 windows gets a 99% interval over 400 replications; about 0.4 of
// them should miss the exact value by chance: the test allows 2, and none
// beyond 4 standard errors.
func TestValidationMtMInf(t *testing.T) {
	if raceEnabled {
		t.Skip("statistical: too slow under -race")
	}
	t.Parallel()
	const (
		workers = 10000
		reps    = 400
		horizon = 40
		mu      = 1.0
		seed    = 71
	)
	pieces := []mtPiece{{0, 5}, {10, 20}, {20, 5}}
	cfg := models.DefaultConfig()
	cfg.Clients.Arrival = distributions.Exponential{Scale: 1} // base 1/s; the profile sets the rate
	for _, p := range pieces {
		cfg.Clients.Profile.Points = append(cfg.Clients.Profile.Points,
			models.ProfilePoint{At: sim.Duration(p.at * float64(sim.Second)), Value: p.lambda})
	}
	cfg.Server.Workers = workers
	cfg.Server.Service = distributions.Exponential{Scale: 1 / mu}

	series := make([][]map[string]float64, reps)
	errs := make([]error, reps)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for r := range reps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			m, err := models.RunWith(cfg, distributions.NewStreams(seed+validationSeedShift, r), sim.Time(horizon*sim.Second), 0,
				models.Options{Window: sim.Second})
			if err != nil {
				errs[r] = err
				return
			}
			series[r] = seriesRows(t, cfg, m)
		}()
	}
	wg.Wait()
	for r, err := range errs {
		if err != nil {
			t.Fatalf("replication %d: %v", r, err)
		}
	}
	var outside, far int
	for w := range horizon {
		xs := make([]float64, reps)
		for r := range reps {
			if len(series[r]) != horizon {
				t.Fatalf("replication %d: %d windows, want %d", r, len(series[r]), horizon)
			}
			row := series[r][w]
			if row["t"] != float64(w) {
				t.Fatalf("replication %d: window %d starts at %v", r, w, row["t"])
			}
			xs[r] = row["server.utilization"] * workers
		}
		want := mtMInfWindowMean(pieces, mu, float64(w), float64(w+1))
		est, lo, hi := validationCI(xs, validationConfidence)
		t.Logf("VALIDATION case=M(t)/M/inf-window%02d metric=in_system theory=%.6g estimate=%.6g lo=%.6g hi=%.6g", w, want, est, lo, hi)
		if want < lo || want > hi {
			outside++
		}
		// The standard error from the interval's half-width.
		var ss float64
		for _, x := range xs {
			ss += (x - est) * (x - est)
		}
		se := math.Sqrt(ss / float64(reps-1) / reps)
		if math.Abs(est-want) > 4*se {
			far++
			t.Errorf("window [%d, %d): %v in system, theory %v: %.1f standard errors off", w, w+1, est, want, math.Abs(est-want)/se)
		}
	}
	t.Logf("VALIDATION case=M(t)/M/inf summary=%s", fmt.Sprintf("%d of %d windows' 99%% intervals contain the theory", horizon-outside, horizon))
	if outside > 2 {
		t.Errorf("%d of %d windows' 99%% intervals miss the theory, want at most 2", outside, horizon)
	}
}
