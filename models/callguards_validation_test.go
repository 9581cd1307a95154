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
