package distributions

import (
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

// noErr returns d, panicking if a constructor unexpectedly failed.
func noErr[D any](d D, err error) D {
	if err != nil {
		panic(err)
	}
	return d
}

// close reports whether got is within relative tolerance tol of want
// (absolute when want is 0); infinities must match exactly.
func close(got, want, tol float64) bool {
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestMoments(t *testing.T) {
	halfNormalMean := math.Sqrt(2 / math.Pi)
	tests := []struct {
		d          Dist
		mean, m2   float64
		finite2    bool
		name, text string
	}{
		{Constant{Value: 10 * sim.Millisecond}, 0.01, 1e-4, true, "constant", "constant(value=10ms)"},
		{Exponential{Scale: 2}, 2, 8, true, "exponential", "exponential(mean=2s)"},
		{Uniform{Min: 1, Max: 3}, 2, 13.0 / 3, true, "uniform", "uniform(min=1s, max=3s)"},
		{Normal{Mu: 0, Sigma: 1}, halfNormalMean, 1, true, "normal", "normal(mean=0s, stddev=1s)"},
		{Normal{Mu: 1, Sigma: 0}, 1, 1, true, "normal", "normal(mean=1s, stddev=0s)"},
		{Normal{Mu: 10, Sigma: 1}, 10, 101, true, "normal", "normal(mean=10s, stddev=1s)"},
		// mu=sigma=1: alpha=-1, lambda = phi(1)/Phi(1).
		{Normal{Mu: 1, Sigma: 1}, 1 + 0.24197072451914337/0.8413447460685429,
			2 + 0.24197072451914337/0.8413447460685429, true, "normal", "normal(mean=1s, stddev=1s)"},
		{LogNormal{Mu: 0, Sigma: 1}, math.Exp(0.5), math.Exp(2), true, "lognormal", "lognormal(mu=0, sigma=1)"},
		{Gamma{Shape: 2, Scale: 3}, 6, 54, true, "gamma", "gamma(shape=2, scale=3s)"},
		{Erlang{K: 3, Scale: 2}, 6, 48, true, "erlang", "erlang(k=3, mean=6s)"},
		{Weibull{Shape: 1, Scale: 2}, 2, 8, true, "weibull", "weibull(shape=1, scale=2s)"},
		{Weibull{Shape: 2, Scale: 1}, math.Sqrt(math.Pi) / 2, 1, true, "weibull", "weibull(shape=2, scale=1s)"},
		{Pareto{Shape: 3, Min: 1}, 1.5, 3, true, "pareto", "pareto(shape=3, min=1s)"},
		{Pareto{Shape: 2, Min: 1}, 2, math.Inf(1), false, "pareto", "pareto(shape=2, min=1s)"},
		{Pareto{Shape: 1, Min: 1}, math.Inf(1), math.Inf(1), false, "pareto", "pareto(shape=1, min=1s)"},
		{HyperExponential{Means: []float64{1, 3}, Probs: []float64{0.5, 0.5}}, 2, 10, true,
			"hyperexponential", "hyperexponential(means=[1s 3s], probs=[0.5 0.5])"},
		{Empirical{Values: []sim.Duration{sim.Second, 2 * sim.Second, 3 * sim.Second}}, 2, 14.0 / 3, true,
			"empirical", "empirical(values=[1s 2s 3s])"},
		{Empirical{Values: []sim.Duration{1, 1, 1, 1, 1, 1}}, 1e-9, 1e-18, true,
			"empirical", "empirical(n=6, mean=1ns)"},
	}
	for _, tt := range tests {
		if got := tt.d.Mean(); !close(got, tt.mean, 1e-12) {
			t.Errorf("%v: Mean = %v, want %v", tt.d, got, tt.mean)
		}
		m2, ok := tt.d.Moment2()
		if ok != tt.finite2 || !close(m2, tt.m2, 1e-12) {
			t.Errorf("%v: Moment2 = %v, %v, want %v, %v", tt.d, m2, ok, tt.m2, tt.finite2)
		}
		if got := tt.d.Name(); got != tt.name {
			t.Errorf("%v: Name = %q, want %q", tt.d, got, tt.name)
		}
		if got := tt.d.String(); got != tt.text {
			t.Errorf("String = %q, want %q", got, tt.text)
		}
	}
}

func TestConstructorsParameterise(t *testing.T) {
	ln := noErr(NewLogNormalMeanCV(0.01, 0.5))
	if c2, _ := CV2(ln); !close(ln.Mean(), 0.01, 1e-12) || !close(c2, 0.25, 1e-12) {
		t.Errorf("NewLogNormalMeanCV(10ms, 0.5): mean %v, cv2 %v", ln.Mean(), c2)
	}
	g := noErr(NewGammaMeanCV(0.01, 0.5))
	if !close(g.Shape, 4, 1e-12) || !close(g.Scale, 0.0025, 1e-12) {
		t.Errorf("NewGammaMeanCV(10ms, 0.5) = %+v, want shape 4, scale 2.5ms", g)
	}
	e := noErr(NewExponentialRate(4))
	if e.Scale != 0.25 || e.Rate() != 4 {
		t.Errorf("NewExponentialRate(4) = %+v", e)
	}
	er := noErr(NewErlang(4, 0.02))
	if er.K != 4 || !close(er.Mean(), 0.02, 1e-15) {
		t.Errorf("NewErlang(4, 20ms) = %+v", er)
	}
	h := noErr(NewHyperExponential([]float64{1, 2}, []float64{0.25, 0.75}))
	in := []float64{1, 2}
	h2 := noErr(NewHyperExponential(in, []float64{0.5, 0.5}))
	in[0] = 99
	if h2.Means[0] != 1 || h.Mean() != 1.75 {
		t.Errorf("NewHyperExponential did not copy its input or has the wrong mean: %v, %v", h2, h.Mean())
	}
}

func TestConstructorErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		err  error
		want string
	}{
		{second(NewConstant(-1)), "constant: value must be >= 0, got -1ns"},
		{second(NewExponential(0)), "exponential: mean must be > 0, got 0s"},
		{second(NewExponential(nan)), "exponential: mean must be finite, got NaN"},
		{second(NewExponentialRate(-2)), "exponential: rate must be > 0, got -2"},
		{second(NewExponentialRate(5e-324)), "exponential: rate is too small, got 5e-324"},
		{second(NewUniform(0.003, 0.001)), "uniform: max must be >= min (3ms), got 1ms"},
		{second(NewUniform(-1, inf)), "uniform: min must be >= 0, got -1s\nuniform: max must be finite, got +Inf"},
		{second(NewNormal(-1, -1)), "normal: mean must be >= 0, got -1s\nnormal: stddev must be >= 0, got -1s"},
		{second(NewLogNormal(inf, 0)), "lognormal: mu must be finite, got +Inf\nlognormal: sigma must be > 0, got 0"},
		{second(NewLogNormalMeanCV(0.01, -1)), "lognormal: cv must be > 0, got -1"},
		{second(NewLogNormalMeanCV(0.01, 1e200)), "lognormal: cv is out of range, got 1e+200"},
		{second(NewGamma(0, 1)), "gamma: shape must be > 0, got 0"},
		{second(NewGammaMeanCV(0.01, 1e-200)), "gamma: cv is out of range, got 1e-200"},
		{second(NewErlang(0, 0)), "erlang: k must be >= 1, got 0\nerlang: mean must be > 0, got 0s"},
		{second(NewWeibull(-1, 1)), "weibull: shape must be > 0, got -1"},
		{second(NewPareto(2, 0)), "pareto: min must be > 0, got 0s"},
		{second(NewHyperExponential(nil, nil)), "hyperexponential: means must not be empty"},
		{second(NewHyperExponential([]float64{1, 0}, []float64{0.5, 1.5})),
			"hyperexponential: means[1] must be > 0, got 0s\nhyperexponential: probs[1] must be in [0, 1], got 1.5\nhyperexponential: probs must sum to 1, got 2"},
		{second(NewHyperExponential([]float64{1}, []float64{0.5, 0.5})),
			"hyperexponential: probs must have as many elements as means (1), got 2"},
		{second(NewEmpirical(nil)), "empirical: values must not be empty"},
		{second(NewEmpirical([]sim.Duration{1, -1})), "empirical: values[1] must be >= 0, got -1ns"},
	}
	for _, tt := range tests {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("got error %v\nwant %s", tt.err, tt.want)
		}
	}
}

// second returns the error of a constructor call.
func second[D any](_ D, err error) error { return err }

func TestIsZeroAndCV2(t *testing.T) {
	zero := []Dist{
		Constant{}, Uniform{}, Normal{}, Normal{Mu: -1}, Empirical{Values: []sim.Duration{0, 0}},
		Exponential{}, Erlang{}, HyperExponential{}, Empirical{},
	}
	for _, d := range zero {
		if !IsZero(d) {
			t.Errorf("IsZero(%v) = false", d)
		}
	}
	nonzero := []Dist{
		Constant{Value: 1}, Uniform{Max: 1e-3}, Normal{Sigma: 1}, Exponential{Scale: 1},
		Empirical{Values: []sim.Duration{0, 1}}, LogNormal{Mu: -10, Sigma: 1}, Gamma{Shape: 1, Scale: 1},
		Weibull{Shape: 1, Scale: 1}, Pareto{Shape: 1, Min: 1}, Erlang{K: 1, Scale: 1},
		HyperExponential{Means: []float64{1}, Probs: []float64{1}},
	}
	for _, d := range nonzero {
		if IsZero(d) {
			t.Errorf("IsZero(%v) = true", d)
		}
	}
	if IsZero(nil) {
		t.Error("IsZero(nil) = true")
	}

	cv2 := []struct {
		d    Dist
		want float64
		ok   bool
	}{
		{Constant{Value: sim.Second}, 0, true},
		{Constant{}, 0, true},
		{Exponential{Scale: 0.01}, 1, true},
		{Erlang{K: 4, Scale: 0.01}, 0.25, true},
		{Gamma{Shape: 0.5, Scale: 1}, 2, true},
		{Uniform{Min: 0, Max: 1}, 1.0 / 3, true},
		{Pareto{Shape: 2, Min: 1}, math.Inf(1), false},
		{Pareto{Shape: 3, Min: 1}, 1.0 / 3, true},
	}
	for _, tt := range cv2 {
		got, ok := CV2(tt.d)
		if ok != tt.ok || !close(got, tt.want, 1e-12) {
			t.Errorf("CV2(%v) = %v, %v, want %v, %v", tt.d, got, ok, tt.want, tt.ok)
		}
	}
	if got, _ := CV2(Exponential{Scale: 0.0123}); got != 1 {
		t.Errorf("CV2(exponential) = %v, want exactly 1", got)
	}
}
