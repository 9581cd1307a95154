package models_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestValidationDeadline checks the share of requests an M/M/1 server
// drops for their deadline. With no network, a request's deadline is its
// arrival plus the timeout T, and FIFO starts it after the work V found on
// arrival (dropped requests take no time): it is dropped exactly when
// V >= T. The workload V is then that of an M/M/1 whose arrivals join only
// while V < T; level crossing gives its density, p0 λ e^{-(μ-λ)v} below T
// and p0 λ e^{-(μ-λ)T} e^{-μ(v-T)} above, so (PASTA)
//
//	P(drop) = P(V >= T) = p0 λ e^{-(μ-λ)T} / μ,
//	1/p0    = 1 + λ (1 − e^{-(μ-λ)T}) / (μ − λ) + λ e^{-(μ-λ)T} / μ.
//
// The lines DEADLINE ... are the table of docs/validation.md (go test -run
// ValidationDeadline -v ./models | grep DEADLINE).
func TestValidationDeadline(t *testing.T) {
	graphSkipRace(t)
	const mean = 0.1 // seconds; μ = 10/s
	mu := 1 / mean
	for _, c := range []struct{ rate, timeout float64 }{
		{9, 0.2}, {9, 0.5}, {9, 1}, {12, 0.5}, {5, 0.2},
	} {
		name := fmt.Sprintf("mm1-rate%g-timeout%gs", c.rate, c.timeout)
		cfg := validationOpen(models.Callback, c.rate, validationExp(mean))
		cfg.Clients.Timeout = sim.Seconds(c.timeout)
		cfg.Clients.Deadline = true
		ms := validationRun{name, cfg, 43, 20, 2000, 100}.run(t)
		l, T := c.rate, c.timeout
		e := math.Exp(-(mu - l) * T)
		p0 := 1 / (1 + l*(1-e)/(mu-l) + l*e/mu)
		want := p0 * l * e / mu
		for _, x := range []struct {
			metric string
			want   float64
			value  func(*models.Metrics) float64
		}{
			{"expired/requests", want, func(m *models.Metrics) float64 { return m.Expired / m.Requests }},
			// Only the requests served take the server's time.
			{"server.utilization", l * (1 - want) / mu, func(m *models.Metrics) float64 { return m.ServerUtilization }},
		} {
			xs := make([]float64, len(ms))
			for i := range ms {
				xs[i] = x.value(&ms[i])
			}
			est, lo, hi := validationCI(xs, 0.95)
			t.Logf("DEADLINE case=%s metric=%s theory=%.6f estimate=%.6f lo=%.6f hi=%.6f", name, x.metric, x.want, est, lo, hi)
			if x.want < lo || x.want > hi {
				t.Errorf("%s: %s %.6f, the 95%% interval [%.6f, %.6f] misses it", name, x.metric, x.want, lo, hi)
			}
		}
	}
}
