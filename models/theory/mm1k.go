package theory

import (
	"fmt"
	"math"
)

// MM1KResult holds the steady-state figures of an M/M/1/K queue.
type MM1KResult struct {
	Blocking     float64 // probability that an arrival finds K in system and is rejected
	Throughput   float64 // accepted customers per second, lambda·(1 - Blocking)
	MeanInSystem float64 // time-average number in system, L
	Sojourn      float64 // mean time in system of accepted customers, L / Throughput (Little)
}

// MM1K returns the figures of an M/M/1/K queue with arrival rate lambda,
// service rate mu and room for k customers in total (one in service plus
// k-1 waiting). The stationary law P(n) ∝ rho^n, n = 0..k, is summed
// directly (from the heavy end when rho > 1), so every rho including
// rho = 1, where P(n) = 1/(k+1), is handled without cancellation. It returns
// an error wrapping ErrInvalid unless lambda > 0, mu > 0, both finite, and
// k >= 1.
func MM1K(lambda, mu float64, k int) (MM1KResult, error) {
	if !(lambda > 0) || !(mu > 0) || math.IsInf(lambda, 1) || math.IsInf(mu, 1) || k < 1 {
		return MM1KResult{}, fmt.Errorf("%w: M/M/1/K needs lambda > 0, mu > 0, k >= 1; got lambda=%g mu=%g k=%d",
			ErrInvalid, lambda, mu, k)
	}
	rho := lambda / mu
	// w(n) is proportional to P(n); it is at most 1 and, once it
	// underflows to 0, every later term does too.
	var sum, sumN, top float64
	if rho <= 1 {
		w := 1.0
		for n := 0; n <= k && w > 0; n++ {
			sum += w
			sumN += float64(n) * w
			if n == k {
				top = w
			}
			w *= rho
		}
	} else {
		r, w := 1/rho, 1.0
		top = 1
		for m := 0; m <= k && w > 0; m++ {
			sum += w
			sumN += float64(k-m) * w
			w *= r
		}
	}
	res := MM1KResult{Blocking: top / sum, MeanInSystem: sumN / sum}
	res.Throughput = lambda * (1 - res.Blocking)
	res.Sojourn = res.MeanInSystem / res.Throughput
	return res, nil
}
