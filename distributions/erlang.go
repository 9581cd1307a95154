package distributions

import (
	"errors"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
)

// Erlang is the Erlang distribution: the sum of K independent exponential
// phases, each with mean Scale seconds, so the mean is K*Scale. It is the
// gamma distribution with integer shape K.
type Erlang struct {
	K     int
	Scale float64
}

// erlangMaxPhases is the largest K sampled as a sum of exponentials; larger
// K are sampled as a gamma variate of shape K, which is faster.
const erlangMaxPhases = 64

// NewErlang returns the Erlang distribution of k >= 1 phases and total mean
// mean > 0 seconds.
func NewErlang(k int, mean float64) (Erlang, error) {
	var errs []error
	if k < 1 {
		errs = append(errs, perr("erlang", "k", "must be >= 1, got %d", k))
	}
	errs = append(errs, positive("erlang", "mean", mean, fmtSeconds))
	if err := errors.Join(errs...); err != nil {
		return Erlang{}, err
	}
	return Erlang{K: k, Scale: mean / float64(k)}, nil
}

// Sample sums K exponential phases, or draws a gamma variate of shape K
// when K > 64. It does not allocate.
func (e Erlang) Sample(r *rand.Rand) sim.Duration {
	if e.K < 1 {
		return 0
	}
	if e.K > erlangMaxPhases {
		return sampleGamma(r, float64(e.K), e.Scale)
	}
	var s float64
	for range e.K {
		s += r.ExpFloat64()
	}
	return fromSeconds(s * e.Scale)
}

// Mean returns K*Scale.
func (e Erlang) Mean() float64 { return float64(e.K) * e.Scale }

// Moment2 returns K*(K+1)*Scale^2.
func (e Erlang) Moment2() (float64, bool) {
	k := float64(e.K)
	m2 := k * (k + 1) * e.Scale * e.Scale
	return m2, finite(m2)
}

// Name returns "erlang".
func (Erlang) Name() string { return "erlang" }

// String returns e.g. "erlang(k=3, mean=30ms)".
func (e Erlang) String() string {
	return "erlang(k=" + fmtNum(float64(e.K)) + ", mean=" + fmtSeconds(e.Mean()) + ")"
}

// alwaysZero reports whether every sample is 0.
func (e Erlang) alwaysZero() bool { return e.K < 1 || !(e.Scale > 0) }
