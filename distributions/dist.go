package distributions

import (
	"math"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
)

// Dist is a distribution of non-negative durations.
type Dist interface {
	// Sample draws one duration from r (which must not be nil). It is never
	// negative, is rounded to the nanosecond, is at most MaxSample and never
	// panics.
	Sample(r *rand.Rand) sim.Duration
	// Mean is the expected value in seconds; +Inf when infinite.
	Mean() float64
	// Moment2 is E[X^2] in seconds^2 and whether it is finite.
	Moment2() (float64, bool)
	// Name is the distribution's name as written after dist:, e.g.
	// "exponential".
	Name() string
	// String describes the distribution and its parameters, e.g.
	// "exponential(mean=10ms)".
	String() string
}

// zeroer is implemented by distributions that can tell exactly whether every
// sample is 0.
type zeroer interface {
	alwaysZero() bool
}

// IsZero reports whether d always samples 0.
func IsZero(d Dist) bool {
	if d == nil {
		return false
	}
	if z, ok := d.(zeroer); ok {
		return z.alwaysZero()
	}
	return d.Mean() == 0
}

// CV2 returns the squared coefficient of variation Var[X]/E[X]^2 of d and
// whether it is finite. A distribution with mean 0 has CV2 0.
func CV2(d Dist) (float64, bool) {
	if d == nil {
		return math.NaN(), false
	}
	m := d.Mean()
	m2, ok := d.Moment2()
	if !ok || math.IsInf(m, 0) || math.IsNaN(m) || math.IsNaN(m2) {
		return math.Inf(1), false
	}
	if m == 0 {
		return 0, true
	}
	v := m2 - m*m
	if v < 0 {
		v = 0 // rounding
	}
	c := v / (m * m)
	return c, !math.IsInf(c, 0)
}
