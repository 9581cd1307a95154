package models_test

import (
	"fmt"
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
