package distributions

import (
	"errors"
	"math"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// Weibull is the Weibull distribution with shape k = Shape and scale
// lambda = Scale seconds: P(X > x) = exp(-(x/lambda)^k).
type Weibull struct {
	Shape, Scale float64
}

// NewWeibull returns the Weibull distribution of shape > 0 and scale > 0
// seconds.
func NewWeibull(shape, scale float64) (Weibull, error) {
	err := errors.Join(
		positive("weibull", "shape", shape, fmtNum),
		positive("weibull", "scale", scale, fmtSeconds),
	)
	if err != nil {
		return Weibull{}, err
	}
	return Weibull{Shape: shape, Scale: scale}, nil
}

// Sample draws from gonum's distuv.Weibull (inverse CDF) with r as source.
func (w Weibull) Sample(r *rand.Rand) sim.Duration {
	return fromSeconds(distuv.Weibull{K: w.Shape, Lambda: w.Scale, Src: r}.Rand())
}

// Mean returns Scale*Gamma(1 + 1/Shape).
func (w Weibull) Mean() float64 { return w.Scale * math.Gamma(1+1/w.Shape) }

// Moment2 returns Scale^2 * Gamma(1 + 2/Shape).
func (w Weibull) Moment2() (float64, bool) {
	m2 := w.Scale * w.Scale * math.Gamma(1+2/w.Shape)
	return m2, finite(m2)
}

// Name returns "weibull".
func (Weibull) Name() string { return "weibull" }

// String returns e.g. "weibull(shape=1.5, scale=10ms)".
func (w Weibull) String() string {
	return "weibull(shape=" + fmtNum(w.Shape) + ", scale=" + fmtSeconds(w.Scale) + ")"
}
