package plots

import (
	"fmt"
	"math"
	"slices"
)

// column is a numeric column: values and whether each row has one.
type column struct {
	v  []float64
	ok []bool
}

// lineData are the columns a line chart draws.
type lineData struct {
	x              *axisValues
	y, lo, hi, thy column
	ci, theory     bool
	// min and max are the smallest and largest value of y over the
	// replications, read when some point is flagged bimodal (bimodal
	// holds which), so that its spread can be drawn.
	min, max column
	bimodal  []bool
	spread   bool
}

// readLineData reads the columns of a line chart of s: x, y, y's interval
// when there are replications, and theory.<y> when it has any value.
func readLineData(f *frame, s Spec, m Meta) (*lineData, error) {
	d := &lineData{ci: m.Replications > 1 && !isRatio(s.Y)}
	var err error
	if d.x, err = f.axis(s.X, m, false); err != nil {
		return nil, err
	}
	if s.LogX && d.x.categorical() {
		return nil, fmt.Errorf("log_x: %q holds names, not numbers, so it cannot have a log axis", s.X)
	}
	if d.y.v, d.y.ok, err = f.numbers(s.Y); err != nil {
		return nil, err
	}
	if d.ci {
		if d.lo.v, d.lo.ok, err = f.numbers(s.Y + ".lo"); err != nil {
			return nil, err
		}
		if d.hi.v, d.hi.ok, err = f.numbers(s.Y + ".hi"); err != nil {
			return nil, err
		}
	}
	if d.bimodal = f.flagged(FlagBimodal); m.Replications > 1 && !isRatio(s.Y) && slices.Contains(d.bimodal, true) &&
		f.has(s.Y+".min") && f.has(s.Y+".max") {
		d.spread = true
		if d.min.v, d.min.ok, err = f.numbers(s.Y + ".min"); err != nil {
			return nil, err
		}
		if d.max.v, d.max.ok, err = f.numbers(s.Y + ".max"); err != nil {
			return nil, err
		}
	}
	if f.has("theory." + s.Y) {
		if d.thy.v, d.thy.ok, err = f.numbers("theory." + s.Y); err != nil {
			return nil, err
		}
		d.theory = slices.Contains(d.thy.ok, true)
	}
	return d, nil
}

// unit returns the display unit of the y values: a time unit for
// durations, chosen by the largest value drawn.
func (d *lineData) unit(y string) unit {
	if metricKind(y) != kindDuration {
		return noUnit
	}
	m := 0.0
	for _, c := range []column{d.y, d.lo, d.hi, d.thy, d.min, d.max} {
		for i, ok := range c.ok {
			if ok {
				m = math.Max(m, math.Abs(c.v[i]))
			}
		}
	}
	return timeUnit(m)
}

// transform returns the functions that map x and y values to the drawn
// coordinates: y in its unit, then to nines or log10; x to log10 with LogX.
// A value a log cannot take maps to NaN and is left out.
func (d *lineData) transform(s Spec, u unit) (tx, ty func(float64) float64) {
	logOf := func(v float64) float64 {
		if v > 0 {
			return math.Log10(v)
		}
		return math.NaN()
	}
	tx = func(v float64) float64 {
		if s.LogX {
			return logOf(v)
		}
		return v
	}
	ty = func(v float64) float64 {
		v *= u.scale
		switch {
		case s.Nines:
			return nines(v)
		case s.LogY:
			return logOf(v)
		}
		return v
	}
	return tx, ty
}
