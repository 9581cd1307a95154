package models

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// scale multiplies a duration by f, saturating at about 100 years.
func scale(d sim.Duration, f float64) sim.Duration {
	x := float64(d) * f
	if x > float64(100*365*24*sim.Hour) {
		return 100 * 365 * 24 * sim.Hour
	}
	return sim.Duration(math.Round(x))
}

func pow(x float64, n int) float64 { return math.Pow(x, float64(n)) }
