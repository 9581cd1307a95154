package experiments

import (
	"math"
	"testing"
)

func TestSpan(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name   string
		in     []float64
		lo, hi float64
	}{
		{"none", nil, nan, nan},
		{"all NaN", []float64{nan, nan}, nan, nan},
		{"one", []float64{2}, 2, 2},
		{"NaN first", []float64{nan, 3, -1, 2}, -1, 3},
		{"NaN between", []float64{5, nan, 7, nan}, 5, 7},
		{"largest last", []float64{1, 1, 9}, 1, 9},
	} {
		lo, hi := span(c.in)
		if !sameFloat(lo, c.lo) || !sameFloat(hi, c.hi) {
			t.Errorf("%s: span = %v, %v; want %v, %v", c.name, lo, hi, c.lo, c.hi)
		}
	}
}

// sameFloat reports whether a and b are equal or both NaN.
func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
