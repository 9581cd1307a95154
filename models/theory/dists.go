package theory

import (
	"math"

	"github.com/asyncsim/asyncsim/distributions"
)

// meanOf returns the mean of d in seconds, 0 for a nil (absent) delay.
func meanOf(d distributions.Dist) float64 {
	if d == nil {
		return 0
	}
	return d.Mean()
}

// isZero reports whether d always samples 0; an absent (nil) delay is zero.
func isZero(d distributions.Dist) bool {
	return d == nil || distributions.IsZero(d)
}

// exponentialMean returns the mean of d and true when d is an exponential
// distribution with a positive, finite mean. Only the Exponential type
// counts: another law with the same first two moments is not memoryless.
func exponentialMean(d distributions.Dist) (float64, bool) {
	var m float64
	switch v := d.(type) {
	case distributions.Exponential:
		m = v.Scale
	case *distributions.Exponential:
		if v == nil {
			return 0, false
		}
		m = v.Scale
	default:
		return 0, false
	}
	return m, m > 0 && !math.IsInf(m, 1)
}

// isConstant reports whether d is the Constant distribution.
func isConstant(d distributions.Dist) bool {
	switch v := d.(type) {
	case distributions.Constant:
		return true
	case *distributions.Constant:
		return v != nil
	}
	return false
}

// name returns how d is written in a reason, "none" when absent.
func name(d distributions.Dist) string {
	if d == nil {
		return "none"
	}
	return d.String()
}
