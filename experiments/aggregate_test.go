package experiments

import (
	"math"
	"testing"
)

func TestInterval(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name         string
		in           []float64
		mean, lo, hi float64
	}{
		{"one value", []float64{3}, 3, 3, 3},
		{"two values", []float64{1, 3}, 2, 2 - 12.706204736174707, 2 + 12.706204736174707},
		// mean 2, s = 1, t(0.975, 2) = 4.302652729749464
		{"three values", []float64{1, 2, 3}, 2, 2 - 4.302652729749464/math.Sqrt(3), 2 + 4.302652729749464/math.Sqrt(3)},
		{"equal values", []float64{5, 5, 5}, 5, 5, 5},
		{"NaN skipped", []float64{nan, 4, nan}, 4, 4, 4},
		{"all NaN", []float64{nan, nan}, nan, nan, nan},
		{"none", nil, nan, nan, nan},
	} {
		mean, lo, hi := interval(c.in)
		if !near(mean, c.mean) || !near(lo, c.lo) || !near(hi, c.hi) {
			t.Errorf("%s: interval(%v) = %v, %v, %v; want %v, %v, %v", c.name, c.in, mean, lo, hi, c.mean, c.lo, c.hi)
		}
	}
}

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}
