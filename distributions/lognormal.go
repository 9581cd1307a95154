package distributions

import (
	"errors"
	"math"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// LogNormal is the distribution of exp(Mu + Sigma*Z), Z standard normal:
// Mu and Sigma are the mean and standard deviation of the logarithm of the
// delay in seconds.
type LogNormal struct {
	Mu, Sigma float64
}

// NewLogNormal returns the lognormal distribution of log-seconds mean mu and
// standard deviation sigma > 0.
func NewLogNormal(mu, sigma float64) (LogNormal, error) {
	err := errors.Join(
		isFinite("lognormal", "mu", mu, fmtNum),
		positive("lognormal", "sigma", sigma, fmtNum),
	)
	if err != nil {
		return LogNormal{}, err
	}
	return LogNormal{Mu: mu, Sigma: sigma}, nil
}

// NewLogNormalMeanCV returns the lognormal distribution with the given mean
// in seconds and coefficient of variation (stddev/mean), both > 0:
// sigma^2 = ln(1+cv^2), mu = ln(mean) - sigma^2/2.
func NewLogNormalMeanCV(mean, cv float64) (LogNormal, error) {
	err := errors.Join(
		positive("lognormal", "mean", mean, fmtSeconds),
		positive("lognormal", "cv", cv, fmtNum),
	)
	if err != nil {
		return LogNormal{}, err
	}
	s2 := math.Log1p(cv * cv)
	l := LogNormal{Mu: math.Log(mean) - s2/2, Sigma: math.Sqrt(s2)}
	if !finite(l.Mu) || !finite(l.Sigma) || !(l.Sigma > 0) {
		return LogNormal{}, perr("lognormal", "cv", "is out of range, got %s", fmtNum(cv))
	}
	return l, nil
}

// Sample draws from gonum's distuv.LogNormal with r as source.
func (l LogNormal) Sample(r *rand.Rand) sim.Duration {
	return fromSeconds(distuv.LogNormal{Mu: l.Mu, Sigma: l.Sigma, Src: r}.Rand())
}

// Mean returns exp(Mu + Sigma^2/2).
func (l LogNormal) Mean() float64 { return math.Exp(l.Mu + l.Sigma*l.Sigma/2) }

// Moment2 returns exp(2*Mu + 2*Sigma^2).
func (l LogNormal) Moment2() (float64, bool) {
	m2 := math.Exp(2*l.Mu + 2*l.Sigma*l.Sigma)
	return m2, finite(m2)
}

// Name returns "lognormal".
func (LogNormal) Name() string { return "lognormal" }

// String returns e.g. "lognormal(mu=-4.7, sigma=0.47)".
func (l LogNormal) String() string {
	return "lognormal(mu=" + fmtNum(l.Mu) + ", sigma=" + fmtNum(l.Sigma) + ")"
}
