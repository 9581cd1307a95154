package theory

import "math"

// ErlangB returns the Erlang B probability that all c servers are busy when
// a erlangs (a = lambda/mu) are offered to them with no waiting room. It uses
// the recursion B(k) = a·B(k-1) / (k + a·B(k-1)), B(0) = 1, which stays
// accurate for thousands of servers. It returns NaN when c < 1 or a is
// negative or not finite.
func ErlangB(c int, a float64) float64 {
	if c < 1 || !(a >= 0) || math.IsInf(a, 1) {
		return math.NaN()
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// ErlangC returns the Erlang C probability that an arrival has to wait in an
// M/M/c queue with arrival rate lambda and service rate mu per server,
// computed from ErlangB as B / (1 - rho(1-B)). It returns NaN when the input
// is invalid (c < 1, lambda < 0, mu <= 0) or the queue is unstable
// (rho = lambda/(c·mu) >= 1).
func ErlangC(c int, lambda, mu float64) float64 {
	rho, ok := mmcLoad(c, lambda, mu)
	if !ok {
		return math.NaN()
	}
	b := ErlangB(c, lambda/mu)
	return b / (1 - rho*(1-b))
}

// MMcWait returns the mean time in queue Wq = C(c, a) / (c·mu - lambda) of an
// M/M/c queue, NaN when the input is invalid or rho >= 1.
func MMcWait(c int, lambda, mu float64) float64 {
	return ErlangC(c, lambda, mu) / (float64(c)*mu - lambda)
}

// MMcSojourn returns the mean time in system W = Wq + 1/mu of an M/M/c queue,
// NaN when the input is invalid or rho >= 1.
func MMcSojourn(c int, lambda, mu float64) float64 {
	return MMcWait(c, lambda, mu) + 1/mu
}

// MM1Sojourn returns the mean time in system 1/(mu - lambda) of an M/M/1
// queue, NaN when the input is invalid or rho >= 1.
func MM1Sojourn(lambda, mu float64) float64 {
	return MMcSojourn(1, lambda, mu)
}

// mmcLoad returns rho = lambda/(c·mu) and whether the M/M/c input is valid
// and stable.
func mmcLoad(c int, lambda, mu float64) (float64, bool) {
	if c < 1 || !(lambda >= 0) || !(mu > 0) || math.IsInf(lambda, 1) || math.IsInf(mu, 1) {
		return math.NaN(), false
	}
	rho := lambda / (float64(c) * mu)
	return rho, rho < 1
}
