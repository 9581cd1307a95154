package distributions

import (
	"math/rand/v2"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

// TestSampleAllocs checks that no distribution allocates when sampling.
// Constant, Exponential, Uniform, Normal, Erlang (K <= 64),
// HyperExponential and Empirical are implemented directly; LogNormal, Gamma,
// Weibull, Pareto and large-K Erlang go through gonum's distuv, which wraps
// the source in a rand.Rand per draw that the compiler keeps on the stack
// (with gonum v0.17.0 and Go 1.26) — this test notices if that changes.
func TestSampleAllocs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	dists := []Dist{
		Constant{Value: 5 * sim.Millisecond},
		Exponential{Scale: 0.01},
		Uniform{Min: 0.001, Max: 0.003},
		Normal{Mu: 0.01, Sigma: 0.002},
		Erlang{K: 4, Scale: 0.0025},
		HyperExponential{Means: []float64{0.001, 0.01}, Probs: []float64{0.9, 0.1}},
		Empirical{Values: []sim.Duration{1, 2, 3}},
		LogNormal{Mu: -4.6, Sigma: 0.5},
		Gamma{Shape: 2.5, Scale: 0.004},
		Gamma{Shape: 0.1, Scale: 0.004},
		Weibull{Shape: 1.5, Scale: 0.01},
		Pareto{Shape: 2.5, Min: 0.001},
		Erlang{K: 100, Scale: 0.0001},
	}
	for _, d := range dists {
		if n := testing.AllocsPerRun(1000, func() { d.Sample(r) }); n != 0 {
			t.Errorf("%v: %v allocations per Sample, want 0", d, n)
		}
	}
}
