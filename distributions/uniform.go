package distributions

import (
	"errors"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
)

// Uniform is the continuous uniform distribution on [Min, Max) seconds.
type Uniform struct {
	Min, Max float64
}

// NewUniform returns the uniform distribution on [min, max) seconds, with
// 0 <= min <= max.
func NewUniform(min, max float64) (Uniform, error) {
	var errs []error
	errs = append(errs, nonNegative("uniform", "min", min, fmtSeconds))
	errs = append(errs, nonNegative("uniform", "max", max, fmtSeconds))
	if min > max {
		errs = append(errs, &paramError{dist: "uniform", param: "max", index: -1, also: []string{"min"},
			msg: "must be >= min (" + fmtSeconds(min) + "), got " + fmtSeconds(max)})
	}
	if err := errors.Join(errs...); err != nil {
		return Uniform{}, err
	}
	return Uniform{Min: min, Max: max}, nil
}

// Sample draws Min + (Max-Min)*U with U uniform on [0, 1). It does not
// allocate.
func (u Uniform) Sample(r *rand.Rand) sim.Duration {
	return fromSeconds(u.Min + (u.Max-u.Min)*r.Float64())
}

// Mean returns (Min+Max)/2.
func (u Uniform) Mean() float64 { return (u.Min + u.Max) / 2 }

// Moment2 returns (Min^2 + Min*Max + Max^2)/3.
func (u Uniform) Moment2() (float64, bool) {
	m2 := (u.Min*u.Min + u.Min*u.Max + u.Max*u.Max) / 3
	return m2, finite(m2)
}

// Name returns "uniform".
func (Uniform) Name() string { return "uniform" }

// String returns e.g. "uniform(min=1ms, max=3ms)".
func (u Uniform) String() string {
	return "uniform(min=" + fmtSeconds(u.Min) + ", max=" + fmtSeconds(u.Max) + ")"
}

// alwaysZero reports whether every sample is 0.
func (u Uniform) alwaysZero() bool { return !(u.Max > 0) && !(u.Min > 0) }
