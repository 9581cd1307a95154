package theory

import (
	"errors"
	"math"
	"testing"
)

// near reports whether got is within rel relative (or absolute, near zero)
// error of want.
func near(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(1, math.Abs(want))
}

func TestErlangB(t *testing.T) {
	cases := []struct {
		c    int
		a    float64
		want float64
	}{
		{1, 1, 0.5},
		{2, 1.5, 0.9 / 2.9},
		{10, 5, 0.018384}, // standard Erlang B table
		{5, 0, 0},
	}
	for _, tc := range cases {
		if got := ErlangB(tc.c, tc.a); !near(got, tc.want, 1e-5) {
			t.Errorf("ErlangB(%d, %g) = %g, want %g", tc.c, tc.a, got, tc.want)
		}
	}
	for _, bad := range []struct {
		c int
		a float64
	}{{0, 1}, {1, -1}, {1, math.NaN()}, {1, math.Inf(1)}} {
		if got := ErlangB(bad.c, bad.a); !math.IsNaN(got) {
			t.Errorf("ErlangB(%d, %g) = %g, want NaN", bad.c, bad.a, got)
		}
	}
}

func TestErlangCPublished(t *testing.T) {
	// c = 2, lambda = 1.5, mu = 1: P(wait) = 9/14, Wq = 9/7.
	if got := ErlangC(2, 1.5, 1); !near(got, 0.642857, 1e-5) {
		t.Errorf("ErlangC = %g, want 0.6429", got)
	}
	if got := MMcWait(2, 1.5, 1); !near(got, 1.285714, 1e-5) {
		t.Errorf("Wq = %g, want 1.2857", got)
	}
	if got := MMcSojourn(2, 1.5, 1); !near(got, 2.285714, 1e-5) {
		t.Errorf("W = %g, want 2.2857", got)
	}
}

func TestErlangCOneServerIsRho(t *testing.T) {
	for _, rho := range []float64{0, 0.1, 0.5, 0.9, 0.999} {
		if got := ErlangC(1, rho*3, 3); !near(got, rho, 1e-12) {
			t.Errorf("ErlangC(1) at rho %g = %g", rho, got)
		}
	}
}

// erlangCLog is a direct, log-space evaluation of Erlang C used to check the
// recursion at large c.
func erlangCLog(c int, a float64) float64 {
	lg := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
	rho := a / float64(c)
	tail := float64(c)*math.Log(a) - lg(float64(c)+1) - math.Log(1-rho)
	var terms []float64
	for k := 0; k < c; k++ {
		terms = append(terms, float64(k)*math.Log(a)-lg(float64(k)+1))
	}
	terms = append(terms, tail)
	m := math.Inf(-1)
	for _, x := range terms {
		m = math.Max(m, x)
	}
	var s float64
	for _, x := range terms {
		s += math.Exp(x - m)
	}
	return math.Exp(tail - m - math.Log(s))
}

func TestErlangCLargeC(t *testing.T) {
	for _, tc := range []struct {
		c int
		a float64
	}{{50, 45}, {1000, 950}, {1000, 999}, {1000, 10}} {
		got := ErlangC(tc.c, tc.a, 1)
		want := erlangCLog(tc.c, tc.a)
		if math.IsNaN(got) || !near(got, want, 1e-9) {
			t.Errorf("ErlangC(%d, a=%g) = %g, want %g", tc.c, tc.a, got, want)
		}
	}
}

func TestMM1(t *testing.T) {
	// rho = 0.9: W = 1/(mu - lambda) = 10/mu.
	if got := MM1Sojourn(1.8, 2); !near(got, 5, 1e-12) {
		t.Errorf("M/M/1 W = %g, want 5", got)
	}
	if got := MM1Sojourn(0.9, 1); !near(got, 10, 1e-12) {
		t.Errorf("M/M/1 W = %g, want 10", got)
	}
}

func TestMMcUnstableAndInvalid(t *testing.T) {
	for _, tc := range []struct {
		c          int
		lambda, mu float64
	}{{1, 1, 1}, {2, 3, 1}, {0, 1, 1}, {1, -1, 1}, {1, 1, 0}, {1, math.NaN(), 1}} {
		if got := ErlangC(tc.c, tc.lambda, tc.mu); !math.IsNaN(got) {
			t.Errorf("ErlangC(%d, %g, %g) = %g, want NaN", tc.c, tc.lambda, tc.mu, got)
		}
		if got := MMcSojourn(tc.c, tc.lambda, tc.mu); !math.IsNaN(got) {
			t.Errorf("MMcSojourn(%d, %g, %g) = %g, want NaN", tc.c, tc.lambda, tc.mu, got)
		}
	}
}

func TestMG1(t *testing.T) {
	// Exponential service: E[S²] = 2/mu², P-K must equal M/M/1.
	for _, rho := range []float64{0.1, 0.5, 0.9} {
		mu := 4.0
		lambda := rho * mu
		pk := MG1Wait(lambda, 1/mu, 2/(mu*mu))
		if want := MMcWait(1, lambda, mu); !near(pk, want, 1e-12) {
			t.Errorf("rho %g: P-K exponential Wq = %g, M/M/1 %g", rho, pk, want)
		}
		if want := MM1Sojourn(lambda, mu); !near(MG1Sojourn(lambda, 1/mu, 2/(mu*mu)), want, 1e-12) {
			t.Errorf("rho %g: P-K sojourn differs from M/M/1", rho)
		}
		// M/D/1: Wq = rho / (2 mu (1-rho)), half of M/M/1.
		if got, want := MD1Wait(lambda, 1/mu), rho/(2*mu*(1-rho)); !near(got, want, 1e-12) {
			t.Errorf("rho %g: M/D/1 Wq = %g, want %g", rho, got, want)
		}
	}
	for _, bad := range [][3]float64{{1, 1, 1}, {-1, 1, 1}, {1, 0, 1}, {0.5, 1, -1}, {0.5, 1, math.Inf(1)}} {
		if got := MG1Wait(bad[0], bad[1], bad[2]); !math.IsNaN(got) {
			t.Errorf("MG1Wait(%v) = %g, want NaN", bad, got)
		}
	}
}

func TestMM1K(t *testing.T) {
	cases := []struct {
		lambda, mu  float64
		k           int
		block, l, w float64
	}{
		// rho = 0.5, K = 3: P0 = 8/15, P3 = 1/15, L = 11/15.
		{1, 2, 3, 1.0 / 15, 11.0 / 15, (11.0 / 15) / (14.0 / 15)},
		// rho = 2, K = 3: P3 = 8/15, L = 3 - 11/15.
		{2, 1, 3, 8.0 / 15, 34.0 / 15, (34.0 / 15) / (2 * 7.0 / 15)},
		// K = 1: pure loss, blocking rho/(1+rho).
		{1, 3, 1, 0.25, 0.25, 1.0 / 3},
	}
	for _, tc := range cases {
		r, err := MM1K(tc.lambda, tc.mu, tc.k)
		if err != nil {
			t.Fatal(err)
		}
		if !near(r.Blocking, tc.block, 1e-12) || !near(r.MeanInSystem, tc.l, 1e-12) || !near(r.Sojourn, tc.w, 1e-12) {
			t.Errorf("MM1K(%g, %g, %d) = %+v, want blocking %g L %g W %g", tc.lambda, tc.mu, tc.k, r, tc.block, tc.l, tc.w)
		}
		if !near(r.Throughput, tc.lambda*(1-tc.block), 1e-12) {
			t.Errorf("MM1K(%g, %g, %d) throughput %g", tc.lambda, tc.mu, tc.k, r.Throughput)
		}
	}
}

func TestMM1KRhoOne(t *testing.T) {
	for _, k := range []int{1, 2, 10, 1000} {
		r, err := MM1K(5, 5, k)
		if err != nil {
			t.Fatal(err)
		}
		if !near(r.Blocking, 1/float64(k+1), 1e-12) || !near(r.MeanInSystem, float64(k)/2, 1e-12) {
			t.Errorf("K=%d rho=1: %+v, want blocking %g L %g", k, r, 1/float64(k+1), float64(k)/2)
		}
	}
	// Just off rho = 1 the figures are continuous.
	a, _ := MM1K(1, 1+1e-9, 50)
	b, _ := MM1K(1, 1, 50)
	if !near(a.MeanInSystem, b.MeanInSystem, 1e-6) || !near(a.Blocking, b.Blocking, 1e-6) {
		t.Errorf("discontinuous at rho = 1: %+v vs %+v", a, b)
	}
}

func TestMM1KLimits(t *testing.T) {
	// Large K: M/M/1 when rho < 1, blocking 1 - 1/rho when rho > 1; no overflow.
	r, err := MM1K(0.5, 1, 5000)
	if err != nil || !near(r.Sojourn, MM1Sojourn(0.5, 1), 1e-9) || r.Blocking > 1e-300 {
		t.Errorf("rho 0.5, K 5000: %+v, %v", r, err)
	}
	r, err = MM1K(2, 1, 5000)
	if err != nil || !near(r.Blocking, 0.5, 1e-12) || !near(r.Throughput, 1, 1e-12) {
		t.Errorf("rho 2, K 5000: %+v, %v", r, err)
	}
	for _, bad := range []struct {
		lambda, mu float64
		k          int
	}{{0, 1, 1}, {1, 0, 1}, {1, 1, 0}, {math.NaN(), 1, 1}} {
		if _, err := MM1K(bad.lambda, bad.mu, bad.k); !errors.Is(err, ErrInvalid) {
			t.Errorf("MM1K(%v): err %v, want ErrInvalid", bad, err)
		}
	}
}

func TestMVA(t *testing.T) {
	// N = 1: no queueing, X = 1/(Z+S), R = S.
	r, err := MVA(1, 2, 0.5)
	if err != nil || !near(r.Throughput, 1/2.5, 1e-12) || !near(r.Response, 0.5, 1e-12) {
		t.Errorf("MVA N=1: %+v %v", r, err)
	}
	// N = 2, Z = S = 1 by hand: R = 1.5, X = 0.8, Q = 1.2.
	r, _ = MVA(2, 1, 1)
	if !near(r.Response, 1.5, 1e-12) || !near(r.Throughput, 0.8, 1e-12) || !near(r.QueueLength, 1.2, 1e-12) {
		t.Errorf("MVA N=2: %+v", r)
	}
	// Large N: the server saturates, X -> 1/S and R -> N·S - Z.
	r, _ = MVA(1000, 1, 0.01)
	if !near(r.Throughput, 100, 1e-9) || !near(r.Response, 1000*0.01-1, 1e-6) {
		t.Errorf("MVA N=1000: %+v", r)
	}
	// Z = 0: everyone is at the server, R = N·S.
	r, _ = MVA(7, 0, 0.1)
	if !near(r.Response, 0.7, 1e-12) || !near(r.Throughput, 10, 1e-12) {
		t.Errorf("MVA Z=0: %+v", r)
	}
	for _, bad := range [][3]float64{{0, 1, 1}, {1, -1, 1}, {1, 1, 0}} {
		if _, err := MVA(int(bad[0]), bad[1], bad[2]); !errors.Is(err, ErrInvalid) {
			t.Errorf("MVA(%v): err %v, want ErrInvalid", bad, err)
		}
	}
}

func TestRetryReliability(t *testing.T) {
	cases := []struct {
		s    float64
		k    int
		want float64
	}{
		{0.9, 1, 0.9},
		{0.9, 2, 0.99},
		{0.5, 3, 0.875},
		{0, 5, 0},
		{1, 5, 1},
		{1e-12, 3, 3e-12},
	}
	for _, tc := range cases {
		if got := RetryReliability(tc.s, tc.k); math.Abs(got-tc.want) > 1e-9*tc.want+1e-15 {
			t.Errorf("RetryReliability(%g, %d) = %g, want %g", tc.s, tc.k, got, tc.want)
		}
	}
	for _, bad := range []struct {
		s float64
		k int
	}{{-0.1, 1}, {1.1, 1}, {0.5, 0}, {math.NaN(), 1}} {
		if got := RetryReliability(bad.s, bad.k); !math.IsNaN(got) {
			t.Errorf("RetryReliability(%g, %d) = %g, want NaN", bad.s, bad.k, got)
		}
	}
}
