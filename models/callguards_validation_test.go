package models_test

// Validation of the caller-side guards (retry budget, circuit breaker)
// against long-run figures derived by hand. Each check logs one line
//
//	GUARD case=... metric=... theory=... estimate=... lo=... hi=...
//
// with a 95% Student-t interval over the replications (go test -run
// ValidationGuard -v ./models | grep GUARD), pasted into docs/validation.md.

import (
	"fmt"
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// guardCheck asserts that the 95% interval of the mean of value over the
// replications ms meets [lo, hi], the theory's range (lo = hi for an
// exact figure), and logs the GUARD line.
func guardCheck(t *testing.T, name, metric string, lo, hi float64, ms []models.Metrics, value func(*models.Metrics) float64) {
	t.Helper()
	xs := make([]float64, len(ms))
	for i := range ms {
		xs[i] = value(&ms[i])
	}
	est, elo, ehi := validationCI(xs, 0.95)
	t.Logf("GUARD case=%s metric=%s theory=[%.6g, %.6g] estimate=%.6g lo=%.6g hi=%.6g", name, metric, lo, hi, est, elo, ehi)
	if ehi < lo || elo > hi {
		t.Errorf("%s: %s: the 95%% interval [%.6g, %.6g] (estimate %.6g, %d replications) misses the theory's [%.6g, %.6g]",
			name, metric, elo, ehi, est, len(ms), lo, hi)
	}
}

// TestValidationGuardBudget: against a server that always answers with an
// error, every call would retry up to 100 times, so the budget alone
// decides. Let s_k be the slack percent/100 × calls + reserve − retries of
// the window at the end of slice k. Each slice is in ten windows, so over
// a long run retries = (1/10) Σ_k (percent/100 × calls_k + reserve − s_k)
// and calls = (1/10) Σ_k calls_k, where calls_k, the window's calls, is
// λ·ttl on average:
//
//	retries/calls = percent/100 + min_per_second/λ − mean(s)/(λ·ttl).
//
// A call retries until refused, which leaves the window with 0 <= s < 1;
// the slices leaving the window move s a little either way. So the ratio
// is percent/100 + min_per_second/λ less a granularity of whole retries of
// about 1/(λ·ttl) at most, which vanishes as λ·ttl grows (the last case).
func TestValidationGuardBudget(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		rate, percent, perSecond float64
		ttl                      sim.Duration
	}{
		{10, 20, 0, 10 * sim.Second}, {10, 50, 0, 10 * sim.Second}, {10, 5, 0, 10 * sim.Second},
		{10, 100, 0, 10 * sim.Second}, {10, 20, 1, 10 * sim.Second}, {10, 0, 2, 10 * sim.Second},
		{100, 20, 0, 60 * sim.Second},
	} {
		name := fmt.Sprintf("budget-rate%g-p%g-min%g-ttl%v", c.rate, c.percent, c.perSecond, c.ttl)
		cfg := validationOpen(models.Callback, c.rate, distributions.Constant{Value: sim.Millisecond})
		cfg.Server.Error = 1
		cfg.Clients.Retry.Attempts = 100
		cfg.Clients.Retry.Backoff = distributions.Constant{Value: sim.Millisecond}
		cfg.Clients.Retry.Budget = &models.Budget{Percent: c.percent, MinPerSecond: c.perSecond, TTL: c.ttl}
		ms := validationRun{name, cfg, 31, 20, 2000, 100}.run(t)
		hi := c.percent/100 + c.perSecond/c.rate
		lo := hi - 1/(c.rate*c.ttl.Seconds())
		guardCheck(t, name, "retries/requests", lo, hi, ms,
			func(m *models.Metrics) float64 { return m.Retries / m.Requests })
	}
}

// breakerClosedCalls returns the expected number of outcomes a closed
// breaker records from an empty ring until it opens, when each fails with
// probability p, summed over the ring's first window outcomes, and the
// probability that it is still closed after them, whose further outcomes
// the sum leaves out.
func breakerClosedCalls(p, rate float64, window, minCalls int) (mean, closedAtWindow float64) {
	dist := []float64{1} // dist[f]: still closed after n outcomes, f failed
	for n := 1; n <= window; n++ {
		for _, x := range dist {
			mean += x // P(N > n-1)
		}
		next := make([]float64, n+1)
		for f, x := range dist {
			next[f] += x * (1 - p)
			next[f+1] += x * p
		}
		if n >= minCalls {
			for f := range next {
				if float64(f)/float64(n) >= rate {
					next[f] = 0
				}
			}
		}
		dist = next
	}
	for _, x := range dist {
		closedAtWindow += x
	}
	return mean, closedAtWindow
}

// TestValidationGuardBreaker: Poisson calls of rate λ, each failing with
// probability 0.9 at once (no service or network time, so an outcome is
// known before the next call). The breaker goes through cycles: closed
// from an empty ring for N_c calls until it opens (E[N_c] from the
// ring's binomial law, breakerClosedCalls); open for open_for T, refusing
// the calls of that time, λT on average (Poisson); then the first call
// after T is the first trial of half_open_calls k, and the trial ends at
// the first failure or after k successes, E[H] = Σ_{i<k} 0.1^i calls. It
// closes with probability q = 0.1^k, otherwise opens again. With a
// geometric number of open periods of mean 1/q per cycle (Wald's identity
// for the trials), the long-run share of calls refused is
//
//	short_circuited/calls = (λT/q) / (E[N_c] + (λT + E[H])/q).
func TestValidationGuardBreaker(t *testing.T) {
	t.Parallel()
	const fail = 0.9
	for _, c := range []struct {
		rate                float64
		window, minCalls, k int
		openFor             sim.Duration
	}{
		{10, 20, 10, 1, sim.Second},
		{10, 20, 10, 1, 5 * sim.Second},
		{10, 20, 10, 2, sim.Second},
		{2, 20, 10, 1, sim.Second},
		{10, 100, 20, 5, 10 * sim.Second}, // SPEC §10's example
	} {
		name := fmt.Sprintf("breaker-rate%g-window%d-min%d-open%v-half%d", c.rate, c.window, c.minCalls, c.openFor, c.k)
		cfg := validationOpen(models.Callback, c.rate, distributions.Constant{})
		cfg.Server.Error = fail
		cfg.Clients.Breaker = &models.Breaker{FailureRate: 0.5, Window: c.window, MinCalls: c.minCalls, OpenFor: c.openFor, HalfOpenCalls: c.k}
		nc, rest := breakerClosedCalls(fail, 0.5, c.window, c.minCalls)
		// Past a full ring the breaker opens within a few calls; the
		// calls left out weigh far less than the interval's width.
		if rest > 1e-6 {
			t.Fatalf("%s: closed after a whole window with probability %g", name, rest)
		}
		q := math.Pow(1-fail, float64(c.k))
		var trial float64
		for i := range c.k {
			trial += math.Pow(1-fail, float64(i))
		}
		refused := c.rate * c.openFor.Seconds()
		want := (refused / q) / (nc + (refused+trial)/q)
		ms := validationRun{name, cfg, 37, 20, 2000, 100}.run(t)
		guardCheck(t, name, "short_circuited/requests", want, want, ms,
			func(m *models.Metrics) float64 { return m.ShortCircuited / m.Requests })
		t.Logf("GUARD case=%s E[N_c]=%.6g P(closed after the window)=%.2g", name, nc, rest)
	}
}
