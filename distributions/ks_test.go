package distributions

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// ksCritical is the critical value of the two-sample Kolmogorov–Smirnov
// statistic at significance alpha for sample sizes n and m (asymptotic
// formula c(alpha)*sqrt((n+m)/(n*m)), c(alpha) = sqrt(-ln(alpha/2)/2)).
func ksCritical(alpha float64, n, m int) float64 {
	c := math.Sqrt(-math.Log(alpha/2) / 2)
	return c * math.Sqrt(float64(n+m)/float64(n*m))
}

// TestKolmogorovSmirnov compares Sample against samples built independently
// of it, from a differently seeded stream: the closed-form constructions
// exp(mu + sigma*Z) for the lognormal, sums of exponentials and halved
// squared normals for the gamma, the inverse CDF for Weibull, Pareto, the
// truncated normal, and Ahrens and Dieter's GS rejection method for a
// small-shape gamma. Both are rounded to the
// nanosecond as Sample is. The KS statistic must stay below the critical
// value at alpha = 0.001; the seeds are fixed, so the test is deterministic.
func TestKolmogorovSmirnov(t *testing.T) {
	const n = 20_000
	crit := ksCritical(0.001, n, n)
	exp := func(r *rand.Rand) float64 { return r.ExpFloat64() }
	halfChi2 := func(r *rand.Rand) float64 { z := r.NormFloat64(); return z * z / 2 } // gamma(1/2, 1)
	tests := []struct {
		d   Dist
		ref func(r *rand.Rand) float64 // independent draw, seconds
	}{
		{LogNormal{Mu: -4.6, Sigma: 0.8}, func(r *rand.Rand) float64 { return math.Exp(-4.6 + 0.8*r.NormFloat64()) }},
		{Gamma{Shape: 3, Scale: 0.004}, func(r *rand.Rand) float64 { return 0.004 * (exp(r) + exp(r) + exp(r)) }},
		{Gamma{Shape: 2.5, Scale: 0.004}, func(r *rand.Rand) float64 { return 0.004 * (exp(r) + exp(r) + halfChi2(r)) }},
		{Gamma{Shape: 0.5, Scale: 0.004}, func(r *rand.Rand) float64 { return 0.004 * halfChi2(r) }},
		{Gamma{Shape: 0.15, Scale: 0.01}, func(r *rand.Rand) float64 { return 0.01 * gammaGS(r, 0.15) }},
		{Erlang{K: 100, Scale: 0.0001}, func(r *rand.Rand) float64 {
			s := 0.0
			for range 100 {
				s += exp(r)
			}
			return 0.0001 * s
		}},
		{Weibull{Shape: 1.5, Scale: 0.01}, func(r *rand.Rand) float64 {
			return 0.01 * math.Pow(-math.Log1p(-r.Float64()), 1/1.5)
		}},
		{Weibull{Shape: 0.6, Scale: 0.01}, func(r *rand.Rand) float64 {
			return 0.01 * math.Pow(-math.Log1p(-r.Float64()), 1/0.6)
		}},
		{Pareto{Shape: 2.5, Min: 0.001}, func(r *rand.Rand) float64 {
			return 0.001 * math.Pow(1-r.Float64(), -1/2.5)
		}},
		{Pareto{Shape: 1.2, Min: 0.001}, func(r *rand.Rand) float64 {
			return 0.001 * math.Pow(1-r.Float64(), -1/1.2)
		}},
		{Normal{Mu: 0.005, Sigma: 0.005}, func(r *rand.Rand) float64 {
			// Inverse CDF of N(5ms, 5ms) restricted to [0, inf).
			nd := distuv.Normal{Mu: 0.005, Sigma: 0.005}
			lo := nd.CDF(0)
			return nd.Quantile(lo + (1-lo)*r.Float64())
		}},
	}
	for i, tt := range tests {
		ours := sampleSeconds(tt.d, n, uint64(200+i))
		r := rand.New(rand.NewPCG(uint64(900+i), 0xbeef))
		ref := make([]float64, n)
		for j := range ref {
			ref[j] = fromSeconds(tt.ref(r)).Seconds()
		}
		slices.Sort(ours)
		slices.Sort(ref)
		ks := stat.KolmogorovSmirnov(ours, nil, ref, nil)
		t.Logf("%v: KS %.4f (critical %.4f)", tt.d, ks, crit)
		if ks > crit {
			t.Errorf("%v: KS statistic %.4f > critical %.4f", tt.d, ks, crit)
		}
	}
}

// TestKolmogorovSmirnovDetects checks that the test above has power: the
// same comparison rejects a gamma sample of shape 2.5 against shape 2.3.
func TestKolmogorovSmirnovDetects(t *testing.T) {
	const n = 20_000
	ours := sampleSeconds(Gamma{Shape: 2.5, Scale: 0.004}, n, 1)
	other := sampleSeconds(Gamma{Shape: 2.3, Scale: 0.004}, n, 2)
	slices.Sort(ours)
	slices.Sort(other)
	if ks := stat.KolmogorovSmirnov(ours, nil, other, nil); ks <= ksCritical(0.001, n, n) {
		t.Errorf("KS statistic %.4f does not reject different shapes", ks)
	}
}

// gammaGS draws a gamma(a, 1) variate for 0 < a < 1 by Ahrens and Dieter's
// (1974) GS rejection algorithm, a construction unrelated to gonum's.
func gammaGS(r *rand.Rand, a float64) float64 {
	b := (math.E + a) / math.E
	for {
		p := b * r.Float64()
		if p <= 1 {
			x := math.Pow(p, 1/a)
			if r.Float64() <= math.Exp(-x) {
				return x
			}
			continue
		}
		x := -math.Log((b - p) / a)
		if r.Float64() <= math.Pow(x, a-1) {
			return x
		}
	}
}
