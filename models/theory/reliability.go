package theory

import "math"

// RetryReliability returns 1 - (1-s)^k, the probability that at least one of
// k independent attempts succeeds when each succeeds with probability s. It
// is computed as -expm1(k·log1p(-s)) so that small s keeps its precision. It
// returns NaN when s is outside [0, 1] or k < 1.
func RetryReliability(s float64, k int) float64 {
	if !(s >= 0 && s <= 1) || k < 1 {
		return math.NaN()
	}
	return -math.Expm1(float64(k) * math.Log1p(-s))
}
