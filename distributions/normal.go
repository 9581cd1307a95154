package distributions

import (
	"errors"
	"math"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
)

// Normal is the normal distribution with mean Mu and standard deviation
// Sigma (seconds), truncated at 0 by resampling: a draw below 0 is thrown
// away and drawn again, so the result is the normal conditioned on X >= 0,
// with no atom at 0. Mean and Moment2 are the moments of that truncated
// distribution, so Mean() exceeds Mu when Sigma > 0. Mu must be >= 0, which
// keeps the acceptance probability at least 1/2.
type Normal struct {
	Mu, Sigma float64
}

// normalMaxTries bounds the resampling loop; with Mu >= 0 it is exhausted
// with probability at most 2^-64.
const normalMaxTries = 64

// NewNormal returns the normal distribution of mean and stddev seconds
// (before truncation at 0), both >= 0.
func NewNormal(mean, stddev float64) (Normal, error) {
	err := errors.Join(
		nonNegative("normal", "mean", mean, fmtSeconds),
		nonNegative("normal", "stddev", stddev, fmtSeconds),
	)
	if err != nil {
		return Normal{}, err
	}
	return Normal{Mu: mean, Sigma: stddev}, nil
}

// Sample draws Mu + Sigma*Z with Z standard normal, again while negative.
// It does not allocate.
func (n Normal) Sample(r *rand.Rand) sim.Duration {
	for range normalMaxTries {
		x := n.Mu + n.Sigma*r.NormFloat64()
		if x >= 0 {
			return fromSeconds(x)
		}
	}
	return 0
}

// hazard returns alpha = -Mu/Sigma and lambda = phi(alpha)/(1-Phi(alpha)),
// the inverse Mills ratio of the truncation point.
func (n Normal) hazard() (alpha, lambda float64) {
	alpha = -n.Mu / n.Sigma
	phi := math.Exp(-alpha*alpha/2) / math.Sqrt(2*math.Pi)
	tail := 0.5 * math.Erfc(alpha/math.Sqrt2)
	return alpha, phi / tail
}

// Mean returns Mu + Sigma*lambda, the mean of the truncated normal.
func (n Normal) Mean() float64 {
	if n.Sigma == 0 {
		return math.Max(n.Mu, 0)
	}
	_, lambda := n.hazard()
	return n.Mu + n.Sigma*lambda
}

// Moment2 returns Mu^2 + Sigma^2 + Mu*Sigma*lambda, E[X^2] of the truncated
// normal.
func (n Normal) Moment2() (float64, bool) {
	if n.Sigma == 0 {
		m := math.Max(n.Mu, 0)
		return m * m, finite(m * m)
	}
	_, lambda := n.hazard()
	m2 := n.Mu*n.Mu + n.Sigma*n.Sigma + n.Mu*n.Sigma*lambda
	return m2, finite(m2)
}

// Name returns "normal".
func (Normal) Name() string { return "normal" }

// String returns e.g. "normal(mean=10ms, stddev=2ms)", giving the
// parameters before truncation.
func (n Normal) String() string {
	return "normal(mean=" + fmtSeconds(n.Mu) + ", stddev=" + fmtSeconds(n.Sigma) + ")"
}

// alwaysZero reports whether every sample is 0.
func (n Normal) alwaysZero() bool { return n.Sigma == 0 && !(n.Mu > 0) }
