package experiments

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// wilson returns the bounds of the two-sided 95% Wilson score interval of
// a proportion from successes out of trials (Wilson 1927):
//
//	(p + z²/2n ∓ z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)
//
// with p = successes/trials, n = trials and z the standard normal
// quantile. Unlike the Wald or Student-t interval it is never zero-width
// and stays within [0, 1]: with no failure in n trials it is
// [n/(n+z²), 1]. Without trials both bounds are NaN.
func wilson(successes, trials float64) (lo, hi float64) {
	if !(trials > 0) {
		return math.NaN(), math.NaN()
	}
	z := distuv.UnitNormal.Quantile(1 - (1-confidence)/2)
	n, p, z2 := trials, successes/trials, z*z
	centre := (p + z2/(2*n)) / (1 + z2/n)
	half := z / (1 + z2/n) * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	return max(centre-half, 0), min(centre+half, 1)
}

// proportionInterval returns the interval of a proportion metric whose
// per-replication values are vs and whose per-replication trials are ns
// (the count metric it is a proportion of), given the Student-t bounds
// lo, hi over the replications: the union of those with the Wilson
// interval of the counts pooled over the replications where the metric is
// defined (successes = Σ round(v·n), trials = Σ n). The Wilson interval
// gives a width where the t-interval has none (a rare failure that no
// replication saw reads [1, 1] otherwise); the t-interval keeps the
// spread between replications when that is larger than binomial chance
// allows (failures that come in bursts, a run that collapsed), which
// pooled counts, taken as independent trials, would hide. The union
// always contains the mean over the replications.
func proportionInterval(vs, ns []float64, lo, hi float64) (float64, float64) {
	var s, n float64
	for r, v := range vs {
		if math.IsNaN(v) || math.IsNaN(ns[r]) {
			continue
		}
		s += math.Round(v * ns[r])
		n += ns[r]
	}
	wlo, whi := wilson(s, n)
	if math.IsNaN(wlo) {
		return lo, hi
	}
	return math.Min(lo, wlo), math.Max(hi, whi)
}

// proportions maps each proportion metric to the count metric it is a
// proportion of: their summary interval uses the counts pooled over
// replications (proportionInterval). reliability is succeeded / requests,
// slo.attainment successes within the slo / requests.
var proportions = map[string]string{"reliability": "requests", "slo.attainment": "requests"}

// trialsColumn returns the index in names of the count metric that metric
// name is a proportion of, or -1 when it is none.
func trialsColumn(name string, names []string) int {
	of, ok := proportions[name]
	if !ok {
		return -1
	}
	return slices.Index(names, of)
}
