package distributions

import (
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
)

// Constant is the distribution that always yields Value.
type Constant struct {
	Value sim.Duration
}

// NewConstant returns the constant distribution of value, which must be >= 0.
func NewConstant(value sim.Duration) (Constant, error) {
	if value < 0 {
		return Constant{}, perr("constant", "value", "must be >= 0, got %s", value)
	}
	return Constant{Value: value}, nil
}

// Sample returns Value, limited to [0, MaxSample].
func (c Constant) Sample(*rand.Rand) sim.Duration { return clamp(c.Value) }

// Mean returns Value in seconds.
func (c Constant) Mean() float64 { return c.Value.Seconds() }

// Moment2 returns Value^2 in seconds^2.
func (c Constant) Moment2() (float64, bool) {
	v := c.Value.Seconds()
	return v * v, true
}

// Name returns "constant".
func (Constant) Name() string { return "constant" }

// String returns e.g. "constant(value=10ms)".
func (c Constant) String() string { return "constant(value=" + c.Value.String() + ")" }

// alwaysZero reports whether every sample is 0.
func (c Constant) alwaysZero() bool { return c.Value <= 0 }
