package plots

import (
	"math"

	"gonum.org/v1/plot"
)

// span is the range of the values seen so far; it is empty until the first.
type span struct {
	min, max float64
	n        int
}

// add widens the span to include v.
func (s *span) add(v float64) {
	if s.n == 0 || v < s.min {
		s.min = v
	}
	if s.n == 0 || v > s.max {
		s.max = v
	}
	s.n++
}

// setNumericX sets a numeric x axis on the span of the data. With log set,
// the data are log10 of the values, and the ticks are labelled with the
// values.
func setNumericX(p *plot.Plot, s span, log bool) {
	lo, hi := s.min, s.max
	if log {
		if lo == hi {
			lo, hi = lo-0.3, hi+0.3
		}
		p.X.Tick.Marker = log10Ticks{}
	} else {
		if lo == hi {
			lo, hi = lo-1, hi+1
		}
		p.X.Tick.Marker = linearTicks{}
	}
	p.X.Min, p.X.Max = lo, hi
}

// setCategoryX sets an x axis of n named positions 0 .. n-1, with room of
// pad on both sides.
func setCategoryX(p *plot.Plot, labels []string, pad float64) {
	p.X.Tick.Marker = categoryTicks(labels, 1)
	p.X.Min, p.X.Max = -pad, float64(len(labels)-1)+pad
}

// headroom is the fraction of the y range added above the data, so that
// the top error bar caps stay clear of the legend.
const headroom = 0.03

// setY sets the y axis for metric kind k on the span of the drawn values,
// which are log10 of the values with log set. Linear axes start at zero
// when the data are not negative and not far from zero, except for
// reliability, whose interesting part is near 1; a fraction that never
// changes gets a range of 0.1 around it within [0, 1]; nines axes run
// between whole nines.
func setY(p *plot.Plot, s span, k kind, log, nines bool) {
	lo, hi := s.min, s.max
	switch {
	case nines:
		lo, hi = math.Floor(lo+1e-9), math.Ceil(hi-1e-9)
		if hi <= lo {
			hi = lo + 1
		}
		if hi > MaxNines {
			lo, hi = lo-(hi-MaxNines), MaxNines
		}
		lo = math.Max(lo, 0)
		p.Y.Tick.Marker = ninesTicks{}
	case log:
		if lo == hi {
			lo, hi = lo-0.3, hi+0.3
		}
		hi += (hi - lo) * headroom
		p.Y.Tick.Marker = log10Ticks{}
	default:
		if k != kindReliability && lo >= 0 && (lo <= hi/2 || lo == hi) {
			lo = 0
		}
		if lo == hi && (k == kindFraction || k == kindReliability) && lo >= 0 && lo <= 1 {
			// One value of a fraction: a range of 0.1 around it within [0, 1].
			lo, hi = math.Max(lo-0.1, 0), math.Min(hi+0.1, 1)
		}
		if lo == hi {
			lo, hi = lo-math.Max(1, math.Abs(lo)/10), hi+math.Max(1, math.Abs(hi)/10)
		}
		hi += (hi - lo) * headroom
		p.Y.Tick.Marker = linearTicks{}
	}
	p.Y.Min, p.Y.Max = lo, hi
}
