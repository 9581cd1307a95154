package plots

import (
	"math"
	"strings"

	"gonum.org/v1/plot"
)

// MaxNines caps the nines axis: a reliability of 1 (no failure observed),
// or anything above 1 - 10^-MaxNines, is drawn at MaxNines nines, and that
// tick is labelled "≥0.999999".
const MaxNines = 6

// nines returns -log10(1-r), the number of nines of reliability r, within
// [0, MaxNines].
func nines(r float64) float64 {
	if r >= 1-math.Pow(10, -MaxNines) {
		return MaxNines
	}
	if r <= 0 {
		return 0
	}
	return -math.Log10(1 - r)
}

// ninesTicks is a plot.Ticker for a nines axis: it labels whole nines as
// the reliability they stand for (0.9, 0.99, ...) and puts minor ticks at
// the halves (0.95, 0.995, ...).
type ninesTicks struct{}

func (ninesTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for n := math.Floor(min); n <= math.Ceil(max) && n <= MaxNines; n++ {
		if n >= min-1e-9 && n <= max+1e-9 {
			ticks = append(ticks, plot.Tick{Value: n, Label: ninesLabel(int(n))})
		}
		if h := n + math.Log10(2); n < MaxNines && h >= min && h <= max {
			ticks = append(ticks, plot.Tick{Value: h})
		}
	}
	return ticks
}

// ninesLabel returns the reliability with n nines: "0", "0.9", "0.99", ...
func ninesLabel(n int) string {
	switch {
	case n <= 0:
		return "0"
	case n >= MaxNines:
		return "≥0." + strings.Repeat("9", MaxNines)
	default:
		return "0." + strings.Repeat("9", n)
	}
}
