package models_test

import (
	"fmt"
	"github.com/asyncsim/asyncsim/sim"
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// TestValidationRateLimit: a token bucket of burst 1 and rate r in front
// of Poisson arrivals of rate λ. After each accepted arrival the bucket is
// empty and the next token comes exactly 1/r later; the next arrival after
// that is accepted, so an accepted arrival is followed by 1/r plus an
// exponential wait of mean 1/λ: the accepted rate is 1/(1/r + 1/λ) =
// λ/(1 + λ/r), the accepted share 1/(1 + λ/r).
func TestValidationRateLimit(t *testing.T) {
	t.Parallel()
	const lambda = 1.0
	for _, x := range []float64{0.25, 1, 4} { // λ/r
		name := fmt.Sprintf("rate-limit-burst1-lambda/r=%g", x)
		cfg := validationOpen(models.Callback, lambda, ms(0))
		cfg.Server.RateLimit = &models.RateLimit{Rate: lambda / x, Burst: 1}
		ms := validationRun{name, cfg, 41, 10, 20000, 100}.run(t)
		validationCheck(t, name, "accepted / requests", 1/(1+x), ms, func(m *models.Metrics) float64 {
			return 1 - m.RateLimited/m.Requests
		})
		validationCheck(t, name, "throughput", lambda/(1+x), ms, nil)
	}
}

// TestValidationQueueDisciplines: the M/M/1 at load 0.7 under fifo, lifo
// and adaptive-lifo, on the same streams. Every one of them is
// work-conserving and picks the next request without looking at service
// times, so the mean sojourn is 1/(μ − λ) for all (Kleinrock's
// conservation law). FIFO's sojourn is exponential with rate μ − λ, so its
// p99 is ln(100)/(μ − λ); LIFO's tail is longer (a request that arrives
// into a backlog waits for the whole busy period the newer ones make), and
// adaptive LIFO (target one mean service time, interval 10) lies between.
func TestValidationQueueDisciplines(t *testing.T) {
	t.Parallel()
	const rho = 0.7
	fifoP99 := math.Log(100) / (1 - rho)
	p99 := map[models.Discipline][]float64{}
	for _, d := range []models.Discipline{models.FIFO, models.LIFO, models.AdaptiveLIFO} {
		name := "M/M/1-rho0.7-" + string(d)
		cfg := validationOpen(models.Callback, rho, validationExp(1))
		cfg.Server.Queue = d
		if d == models.AdaptiveLIFO {
			cfg.Server.Codel = &models.Codel{Target: sim.Second, Interval: 10 * sim.Second}
		}
		ms := validationRun{name, cfg, 12, 20, 200000, 500}.run(t)
		validationCheck(t, name, "delay.mean", 1/(1-rho), ms, nil)
		if d == models.FIFO {
			validationCheckTol(t, name, "delay.p99", fifoP99, ms, nil, 0.01)
		}
		for _, m := range ms {
			p99[d] = append(p99[d], m.DelayP99)
		}
	}
	diff := func(a, b models.Discipline) (mean, lo, hi float64) {
		xs := make([]float64, len(p99[a]))
		for i := range xs {
			xs[i] = p99[a][i] - p99[b][i]
		}
		return validationCI(xs, validationConfidence)
	}
	for _, c := range [][2]models.Discipline{{models.LIFO, models.FIFO}, {models.AdaptiveLIFO, models.FIFO}, {models.LIFO, models.AdaptiveLIFO}} {
		mean, lo, hi := diff(c[0], c[1])
		t.Logf("VALIDATION case=p99(%s)-p99(%s) metric=delay.p99 estimate=%.6g lo=%.6g hi=%.6g", c[0], c[1], mean, lo, hi)
		if lo <= 0 {
			t.Errorf("p99 of %s not above %s's: difference %v [%v, %v]", c[0], c[1], mean, lo, hi)
		}
	}
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	t.Logf("VALIDATION p99 fifo=%.4g lifo=%.4g adaptive-lifo=%.4g fifo_theory=%.4g", mean(p99[models.FIFO]), mean(p99[models.LIFO]), mean(p99[models.AdaptiveLIFO]), fifoP99)
}
