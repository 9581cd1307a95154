package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
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

// setNumericX sets a numeric x axis on the span of the data: log scale and
// ticks when log is set, linear otherwise.
func setNumericX(p *plot.Plot, s span, log bool) {
	lo, hi := s.min, s.max
	if log {
		if lo == hi {
			lo, hi = lo/2, hi*2
		}
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, logTicks{}
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
	p.X.Tick.Marker = categoryTicks(labels)
	p.X.Min, p.X.Max = -pad, float64(len(labels)-1)+pad
}

// setY sets the y axis for metric kind k on the span of the drawn values.
// Linear axes start at zero when the data are not negative and not far
// from zero, except for reliability, whose interesting part is near 1;
// nines axes run between whole nines.
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
			lo, hi = lo/2, hi*2
		}
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{}
	default:
		if k != kindReliability && lo >= 0 && (lo <= hi/2 || lo == hi) {
			lo = 0
		}
		if lo == hi {
			lo, hi = lo-math.Max(1, math.Abs(lo)/10), hi+math.Max(1, math.Abs(hi)/10)
		}
		p.Y.Tick.Marker = linearTicks{}
	}
	p.Y.Min, p.Y.Max = lo, hi
}

// addGrid adds light grid lines at the major ticks of the axes that ask
// for them; it must be added before the data so it stays behind.
func addGrid(p *plot.Plot, vertical, horizontal bool) {
	g := plotter.NewGrid()
	g.Vertical, g.Horizontal = gridStyle(), gridStyle()
	if !vertical {
		g.Vertical.Color = nil
	}
	if !horizontal {
		g.Horizontal.Color = nil
	}
	p.Add(g)
}
