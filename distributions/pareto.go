package distributions

import (
	"errors"
	"math"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// Pareto is the Pareto (type I) distribution with shape alpha = Shape and
// minimum x_m = Min seconds: P(X > x) = (x_m/x)^alpha for x >= x_m. Its
// mean is infinite for Shape <= 1 and its second moment for Shape <= 2.
type Pareto struct {
	Shape, Min float64
}

// NewPareto returns the Pareto distribution of shape > 0 and minimum
// min > 0 seconds.
func NewPareto(shape, min float64) (Pareto, error) {
	err := errors.Join(
		positive("pareto", "shape", shape, fmtNum),
		positive("pareto", "min", min, fmtSeconds),
	)
	if err != nil {
		return Pareto{}, err
	}
	return Pareto{Shape: shape, Min: min}, nil
}

// Sample draws from gonum's distuv.Pareto with r as source.
func (p Pareto) Sample(r *rand.Rand) sim.Duration {
	return fromSeconds(distuv.Pareto{Xm: p.Min, Alpha: p.Shape, Src: r}.Rand())
}

// Mean returns Shape*Min/(Shape-1), or +Inf when Shape <= 1.
func (p Pareto) Mean() float64 {
	if !(p.Shape > 1) {
		return math.Inf(1)
	}
	return p.Shape * p.Min / (p.Shape - 1)
}

// Moment2 returns Shape*Min^2/(Shape-2), or +Inf and false when Shape <= 2.
func (p Pareto) Moment2() (float64, bool) {
	if !(p.Shape > 2) {
		return math.Inf(1), false
	}
	m2 := p.Shape * p.Min * p.Min / (p.Shape - 2)
	return m2, finite(m2)
}

// Name returns "pareto".
func (Pareto) Name() string { return "pareto" }

// String returns e.g. "pareto(shape=2.5, min=1ms)".
func (p Pareto) String() string {
	return "pareto(shape=" + fmtNum(p.Shape) + ", min=" + fmtSeconds(p.Min) + ")"
}
