package distributions

import (
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
)

// Exponential is the exponential distribution with mean Scale seconds
// (rate 1/Scale): the memoryless delay of Markovian models. The field is
// not called Mean because the Dist method of that name returns it.
type Exponential struct {
	Scale float64
}

// NewExponential returns the exponential distribution of mean seconds,
// which must be > 0.
func NewExponential(mean float64) (Exponential, error) {
	if err := positive("exponential", "mean", mean, fmtSeconds); err != nil {
		return Exponential{}, err
	}
	return Exponential{Scale: mean}, nil
}

// NewExponentialRate returns the exponential distribution of rate events
// per second, which must be > 0.
func NewExponentialRate(rate float64) (Exponential, error) {
	if err := positive("exponential", "rate", rate, fmtNum); err != nil {
		return Exponential{}, err
	}
	mean := 1 / rate
	if !finite(mean) {
		return Exponential{}, perr("exponential", "rate", "is too small, got %s", fmtNum(rate))
	}
	return Exponential{Scale: mean}, nil
}

// Sample draws Scale times a standard exponential variate. It does not
// allocate.
func (e Exponential) Sample(r *rand.Rand) sim.Duration {
	return fromSeconds(r.ExpFloat64() * e.Scale)
}

// Mean returns Scale.
func (e Exponential) Mean() float64 { return e.Scale }

// Rate returns 1/Scale, in events per second.
func (e Exponential) Rate() float64 { return 1 / e.Scale }

// Moment2 returns 2*Scale^2.
func (e Exponential) Moment2() (float64, bool) {
	m2 := 2 * e.Scale * e.Scale
	return m2, finite(m2)
}

// Name returns "exponential".
func (Exponential) Name() string { return "exponential" }

// String returns e.g. "exponential(mean=10ms)".
func (e Exponential) String() string { return "exponential(mean=" + fmtSeconds(e.Scale) + ")" }

// alwaysZero reports whether every sample is 0.
func (e Exponential) alwaysZero() bool { return !(e.Scale > 0) }
