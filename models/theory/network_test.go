package theory

import (
	"math"
	"testing"
)

func TestForkJoin2Sojourn(t *testing.T) {
	// rho 0.5, mu 1: (12 - 0.5)/8 / 0.5 = 2.875; one M/M/1 alone is 2.
	if got := ForkJoin2Sojourn(0.5, 1); !near(got, 2.875, 1e-12) {
		t.Errorf("ForkJoin2Sojourn(0.5, 1) = %v, want 2.875", got)
	}
	// rho -> 0: the max of two exponentials, 1.5/mu.
	if got := ForkJoin2Sojourn(0, 2); !near(got, 0.75, 1e-12) {
		t.Errorf("ForkJoin2Sojourn(0, 2) = %v, want 0.75", got)
	}
	for _, bad := range [][2]float64{{1, 1}, {2, 1}, {-1, 1}, {0.5, 0}} {
		if got := ForkJoin2Sojourn(bad[0], bad[1]); !math.IsNaN(got) {
			t.Errorf("ForkJoin2Sojourn(%v, %v) = %v, want NaN", bad[0], bad[1], got)
		}
	}
}

func TestSumMoments(t *testing.T) {
	// Two exponentials of mean 1 and 2: E = 3, E[X²] = 2 + 2·1·2 + 8 = 14.
	m, s := SumMoments(1, 2, 2, 8)
	if m != 3 || s != 14 {
		t.Errorf("SumMoments = %v, %v; want 3, 14", m, s)
	}
	// Behind an M/G/1 at rate 0.2: Wq = 0.2·14/(2·0.4) = 3.5, W = 6.5.
	if got := MG1Sojourn(0.2, m, s); !near(got, 6.5, 1e-12) {
		t.Errorf("MG1Sojourn of the sum = %v, want 6.5", got)
	}
}

func TestRoundRobinSojourn(t *testing.T) {
	// n = 1 is M/M/1.
	if got, want := RoundRobinSojourn(1, 0.7, 1), 1/0.3; !near(got, want, 1e-9) {
		t.Errorf("n=1: %v, want %v", got, want)
	}
	// n = 2, lambda = mu = 1: σ(2 − σ)² = 1, σ = (3 − √5)/2, W = 1/(1 − σ).
	sigma := (3 - math.Sqrt(5)) / 2
	if got, want := RoundRobinSojourn(2, 1, 1), 1/(1-sigma); !near(got, want, 1e-9) {
		t.Errorf("n=2: %v, want %v", got, want)
	}
	// Large n tends to D/M/1: rho 0.5 gives σ = exp(−2(1 − σ)) ≈ 0.2031878.
	if got, want := RoundRobinSojourn(2000, 1000, 1), 1/(1-0.2031878); !near(got, want, 1e-3) {
		t.Errorf("n=2000: %v, want about %v", got, want)
	}
	// Round-robin beats random splitting.
	if rr, rnd := RoundRobinSojourn(4, 3, 1), RandomSplitSojourn(4, 3, 1); !(rr < rnd) || rnd != 4 {
		t.Errorf("round-robin %v, random %v (want < 4 and 4)", rr, rnd)
	}
	for _, bad := range []struct {
		n          int
		lambda, mu float64
	}{{0, 1, 1}, {2, 2, 1}, {2, 0, 1}, {2, 1, 0}} {
		if got := RoundRobinSojourn(bad.n, bad.lambda, bad.mu); !math.IsNaN(got) {
			t.Errorf("RoundRobinSojourn(%v) = %v, want NaN", bad, got)
		}
	}
}

func TestSupermarketSojourn(t *testing.T) {
	// d = 2: 1 + ρ² + ρ⁶ + ρ¹⁴ + ...
	rho := 0.9
	want := 0.0
	for _, e := range []float64{0, 2, 6, 14, 30, 62, 126, 254, 510, 1022} {
		want += math.Pow(rho, e)
	}
	if got := SupermarketSojourn(2, rho); !near(got, want, 1e-12) {
		t.Errorf("d=2 rho=0.9: %v, want %v", got, want)
	}
	// d = 3: exponents (3^i − 3)/2 = 0, 3, 12, 39, ...
	if got, want := SupermarketSojourn(3, 0.5), 1+0.125+math.Pow(0.5, 12)+math.Pow(0.5, 39); !near(got, want, 1e-12) {
		t.Errorf("d=3 rho=0.5: %v, want %v", got, want)
	}
	// Two choices beat one (M/M/1 is 1/(1 − ρ) = 10).
	if got := SupermarketSojourn(2, 0.9); !(got < 10) {
		t.Errorf("two choices %v not below M/M/1's 10", got)
	}
	for _, bad := range []struct {
		d   int
		rho float64
	}{{1, 0.5}, {2, 1}, {2, -0.1}} {
		if got := SupermarketSojourn(bad.d, bad.rho); !math.IsNaN(got) {
			t.Errorf("SupermarketSojourn(%v) = %v, want NaN", bad, got)
		}
	}
}

func TestChainReliability(t *testing.T) {
	// Two hops with error 0.1 and 0.2, three and two attempts.
	got := ChainReliability(RetryReliability(0.9, 3), RetryReliability(0.8, 2))
	if want := 0.999 * 0.96; !near(got, want, 1e-12) {
		t.Errorf("ChainReliability = %v, want %v", got, want)
	}
	if ChainReliability() != 1 || !math.IsNaN(ChainReliability(0.5, 1.5)) {
		t.Error("empty chain must be 1, a probability above 1 NaN")
	}
}
