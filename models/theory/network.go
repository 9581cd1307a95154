package theory

import "math"

// Closed forms for service graphs: fork-join, calls held by a worker,
// balancing over instances, and reliability along a chain. Each returns
// NaN when its input is invalid or the system it describes is unstable.

// ForkJoin2Sojourn returns the exact mean response time (12 − ρ)/8 ·
// 1/(μ − λ) of a job split into two tasks served by two independent M/M/1
// queues of rate mu, Poisson arrivals of rate lambda, the job leaving when
// both tasks are done (Flatto and Hahn 1984; Nelson and Tantawi 1988).
func ForkJoin2Sojourn(lambda, mu float64) float64 {
	rho, ok := mmcLoad(1, lambda, mu)
	if !ok {
		return math.NaN()
	}
	return (12 - rho) / 8 / (mu - lambda)
}

// SumMoments returns the mean and second moment of X + Y for independent X
// and Y of means m1, m2 and second moments s1, s2: a worker that holds
// its own work and then a call behind it is busy for the sum (use it with
// MG1Sojourn).
func SumMoments(m1, s1, m2, s2 float64) (mean, moment2 float64) {
	return m1 + m2, s1 + 2*m1*m2 + s2
}

// RoundRobinSojourn returns the mean time in system of one of n
// single-worker instances of rate mu fed in turn from a Poisson stream of
// rate lambda: each sees Erlang-n gaps of stage rate lambda, an E_n/M/1
// queue whose G/M/1 root σ = A*(μ(1 − σ)), A*(s) = (λ/(λ + s))^n, gives the
// sojourn 1/(μ(1 − σ)). σ is found by fixed-point iteration from 0, which
// converges monotonically to the root in (0, 1) when λ < nμ.
func RoundRobinSojourn(n int, lambda, mu float64) float64 {
	if n < 1 {
		return math.NaN()
	}
	if _, ok := mmcLoad(n, lambda, mu); !ok || lambda == 0 {
		return math.NaN()
	}
	sigma := 0.0
	for range 100_000 {
		next := math.Pow(lambda/(lambda+mu*(1-sigma)), float64(n))
		if math.Abs(next-sigma) < 1e-15 {
			sigma = next
			break
		}
		sigma = next
	}
	return 1 / (mu * (1 - sigma))
}

// RandomSplitSojourn returns the mean time in system 1/(μ − λ/n) of n
// single-worker instances of rate mu, each request sent to one of them
// uniformly at random: n independent M/M/1 queues of rate lambda/n.
func RandomSplitSojourn(n int, lambda, mu float64) float64 {
	if n < 1 {
		return math.NaN()
	}
	return MM1Sojourn(lambda/float64(n), mu)
}

// SupermarketSojourn returns the mean time in system, in units of the mean
// service time, of the supermarket model with d choices: as the number of
// single-worker instances grows, each arrival joining the shorter of d
// sampled at random, the fraction of instances holding at least i requests
// tends to ρ^((d^i − 1)/(d − 1)), and the mean sojourn to
// Σ_{i≥1} ρ^((d^i − d)/(d − 1)) (Mitzenmacher 2001; Vvedenskaya et al.
// 1996). A finite system sits a little above it. It needs d >= 2 and
// 0 <= rho < 1.
func SupermarketSojourn(d int, rho float64) float64 {
	if d < 2 || !(rho >= 0 && rho < 1) {
		return math.NaN()
	}
	sum, exp := 0.0, 0.0 // exponent (d^i − d)/(d − 1) for i = 1, 2, ...
	step := 1.0          // d^(i−1), the increment from i to i+1
	for range 64 {
		term := math.Pow(rho, exp)
		sum += term
		if term < 1e-17 {
			break
		}
		step *= float64(d)
		exp += step
	}
	return sum
}

// ChainReliability returns the probability that a request succeeds when it
// must pass every hop of a chain, hop i succeeding with probability ps[i]
// (each already including its retries, see RetryReliability). It is 1 for
// no hop, NaN when a probability is outside [0, 1].
func ChainReliability(ps ...float64) float64 {
	r := 1.0
	for _, p := range ps {
		if !(p >= 0 && p <= 1) {
			return math.NaN()
		}
		r *= p
	}
	return r
}
