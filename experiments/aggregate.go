package experiments

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/asyncsim/asyncsim/metrics"
)

// confidence is the level of the intervals of summary tables.
const confidence = 0.95

// clip limits the interval [lo, hi] of metric name to the values the
// metric can take, as the table of package metrics says: [0, 1] for
// fractions, [0, ∞) for the others. The Student-t interval is symmetric
// around the mean, so near a bound (a reliability of 0.999, a rare count
// near 0) it can reach values that no run can produce; clipping keeps
// lo <= mean <= hi and changes nothing else. NaN stays NaN.
func clip(name string, lo, hi float64) (float64, float64) {
	m, ok := metrics.Lookup(name)
	if !ok {
		panic("experiments: no metric " + name)
	}
	return m.Clip(lo, hi)
}

// interval returns the mean of the values that are not NaN and the
// bounds of its two-sided 95% Student-t confidence interval,
// mean ± t(0.975, n-1)·s/√n with s the sample standard deviation. With one
// value lo = hi = mean; with none all three are NaN. Values are summed in
// order, so equal inputs give bit-identical outputs.
func interval(vs []float64) (mean, lo, hi float64) {
	n, sum := 0, 0.0
	for _, v := range vs {
		if !math.IsNaN(v) {
			n++
			sum += v
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	mean = sum / float64(n)
	if n == 1 {
		return mean, mean, mean
	}
	ss := 0.0
	for _, v := range vs {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	sd := math.Sqrt(ss / float64(n-1))
	if sd == 0 || math.IsNaN(sd) {
		return mean, mean, mean
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - (1-confidence)/2)
	half := t * sd / math.Sqrt(float64(n))
	return mean, mean - half, mean + half
}

// centredInterval returns the bounds of a 95% interval of an estimate
// centre computed from all of the replications together, as the pooled
// delay percentiles are: centre ± t(0.975, n-1)·s/√n, the half-width of
// the Student-t interval of vs, the same estimate made on each
// replication alone. This is sectioning (Asmussen and Glynn 2007, §III.5a;
// Nakayama 2014): the pooled estimate is less biased than the mean of the
// per-replication ones (a run's own p99 is biased low on short runs) and
// about as variable as their mean, so the interval holds it and covers
// the true value where the t-interval of vs, centred on their mean, does
// not. With one value (or no spread) lo = hi = centre; with no value, or
// a NaN centre, both are NaN.
func centredInterval(centre float64, vs []float64) (lo, hi float64) {
	mean, lo, hi := interval(vs)
	if math.IsNaN(mean) || math.IsNaN(centre) {
		return math.NaN(), math.NaN()
	}
	return centre - (mean - lo), centre + (hi - mean)
}
