package distributions

import (
	"errors"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// Gamma is the gamma distribution with shape k = Shape and scale
// theta = Scale seconds: mean k*theta, variance k*theta^2.
type Gamma struct {
	Shape, Scale float64
}

// NewGamma returns the gamma distribution of shape > 0 and scale > 0
// seconds.
func NewGamma(shape, scale float64) (Gamma, error) {
	err := errors.Join(
		positive("gamma", "shape", shape, fmtNum),
		positive("gamma", "scale", scale, fmtSeconds),
	)
	if err != nil {
		return Gamma{}, err
	}
	return Gamma{Shape: shape, Scale: scale}, nil
}

// NewGammaMeanCV returns the gamma distribution with the given mean in
// seconds and coefficient of variation, both > 0: shape = 1/cv^2,
// scale = mean*cv^2.
func NewGammaMeanCV(mean, cv float64) (Gamma, error) {
	err := errors.Join(
		positive("gamma", "mean", mean, fmtSeconds),
		positive("gamma", "cv", cv, fmtNum),
	)
	if err != nil {
		return Gamma{}, err
	}
	c2 := cv * cv
	g := Gamma{Shape: 1 / c2, Scale: mean * c2}
	if !finite(g.Shape) || !finite(g.Scale) || !(g.Shape > 0) || !(g.Scale > 0) {
		return Gamma{}, perr("gamma", "cv", "is out of range, got %s", fmtNum(cv))
	}
	return g, nil
}

// Sample draws from gonum's distuv.Gamma with r as source.
func (g Gamma) Sample(r *rand.Rand) sim.Duration {
	return sampleGamma(r, g.Shape, g.Scale)
}

// sampleGamma draws a gamma variate of the given shape and scale (seconds),
// returning 0 rather than panicking on invalid parameters.
func sampleGamma(r *rand.Rand, shape, scale float64) sim.Duration {
	if !(shape > 0) || !(scale > 0) || !finite(shape) || !finite(scale) {
		return 0
	}
	return fromSeconds(distuv.Gamma{Alpha: shape, Beta: 1, Src: r}.Rand() * scale)
}

// Mean returns Shape*Scale.
func (g Gamma) Mean() float64 { return g.Shape * g.Scale }

// Moment2 returns Shape*(Shape+1)*Scale^2.
func (g Gamma) Moment2() (float64, bool) {
	m2 := g.Shape * (g.Shape + 1) * g.Scale * g.Scale
	return m2, finite(m2)
}

// Name returns "gamma".
func (Gamma) Name() string { return "gamma" }

// String returns e.g. "gamma(shape=2, scale=5ms)".
func (g Gamma) String() string {
	return "gamma(shape=" + fmtNum(g.Shape) + ", scale=" + fmtSeconds(g.Scale) + ")"
}
