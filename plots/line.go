package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Line chart styles.
const (
	lineWidth   = vg.Length(1.4)
	theoryWidth = vg.Length(1.3)
	markerSize  = vg.Length(3.2) // radius
	errWidth    = vg.Length(0.9)
	errCap      = vg.Length(4.5)
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
}

// readLineData reads the columns of a line chart of s: x, y, y's interval
// when there are replications, and theory.<y> when it has any value.
func readLineData(f *frame, s Spec, m Meta) (*lineData, error) {
	d := &lineData{ci: m.Replications > 1}
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
	if metricKinds[y] != kindDuration {
		return noUnit
	}
	m := 0.0
	for _, c := range []column{d.y, d.lo, d.hi, d.thy} {
		for i, ok := range c.ok {
			if ok {
				m = math.Max(m, math.Abs(c.v[i]))
			}
		}
	}
	return timeUnit(m)
}

// seriesStyle is how one group is drawn.
type seriesStyle struct {
	color  color.Color
	marker marker
	dashes []vg.Length
}

func styleOf(i int, solid bool) seriesStyle {
	st := seriesStyle{palette[i%len(palette)], markers[i%len(markers)], dashes[i%len(dashes)]}
	if solid {
		st.dashes = nil
	}
	return st
}

// lineChart builds the figure of a line chart.
func lineChart(f *frame, s Spec, m Meta) (*figure, error) {
	d, err := readLineData(f, s, m)
	if err != nil {
		return nil, err
	}
	groups, err := f.groups(s.X, s.Series, m)
	if err != nil {
		return nil, err
	}
	u := d.unit(s.Y)
	ty := func(v float64) float64 {
		v *= u.scale
		if s.Nines {
			v = nines(v)
		}
		return v
	}
	usable := func(v float64) bool { return !s.LogY || v > 0 }

	p := newPlot()
	p.X.Label.Text = d.x.label
	p.Y.Label.Text = yLabel(s.Y, u, s.Nines)
	addGrid(p, !d.x.categorical(), true)
	lg := newLegend(s.Series)

	var xs, ys span
	var theoryLayer, errLayer, lineLayer, markLayer []plot.Plotter
	var theoryEntries []legendEntry
	type bar struct{ x, y, lo, hi float64 }
	var bars [][]bar
	for gi, g := range groups {
		rows := slices.Clone(g.rows)
		rows = slices.DeleteFunc(rows, func(r int) bool {
			return !d.x.ok[r] || s.LogX && d.x.pos[r] <= 0
		})
		slices.SortStableFunc(rows, func(a, b int) int {
			return cmpFloat(d.x.pos[a], d.x.pos[b])
		})
		st := styleOf(gi, d.theory)

		// Measured values: a line broken where a value is missing.
		var pts plotter.XYs
		var gbars []bar
		segs := segments(rows, d.x.pos, func(r int) (float64, bool) {
			if !d.y.ok[r] || !usable(ty(d.y.v[r])) {
				return 0, false
			}
			return ty(d.y.v[r]), true
		})
		for _, seg := range segs {
			pts = append(pts, seg...)
			if len(seg) > 1 {
				l := mustLine(seg)
				l.LineStyle = draw.LineStyle{Color: st.color, Width: lineWidth, Dashes: st.dashes}
				lineLayer = append(lineLayer, l)
			}
		}
		for _, r := range rows {
			if !d.y.ok[r] || !usable(ty(d.y.v[r])) {
				continue
			}
			y := ty(d.y.v[r])
			xs.add(d.x.pos[r])
			ys.add(y)
			if d.ci && d.lo.ok[r] && d.hi.ok[r] {
				b := bar{d.x.pos[r], y, math.Min(ty(d.lo.v[r]), y), math.Max(ty(d.hi.v[r]), y)}
				if usable(b.lo) {
					ys.add(b.lo)
				}
				ys.add(b.hi)
				gbars = append(gbars, b)
			}
		}
		bars = append(bars, gbars)
		sc := mustScatter(pts)
		sc.GlyphStyle = draw.GlyphStyle{Color: st.color, Radius: markerSize, Shape: st.marker}
		if len(pts) > 0 {
			markLayer = append(markLayer, sc)
		}
		thumb := mustLine(nil)
		thumb.LineStyle = draw.LineStyle{Color: st.color, Width: lineWidth, Dashes: st.dashes}
		label := g.label
		if label == "" && d.theory {
			label = "simulation"
		}
		if label != "" {
			lg.add(label, thumb, sc)
		}

		// Theory: dashed, in the series colour, broken where undefined.
		if !d.theory {
			continue
		}
		tsegs := segments(rows, d.x.pos, func(r int) (float64, bool) {
			if !d.thy.ok[r] || !usable(ty(d.thy.v[r])) {
				return 0, false
			}
			return ty(d.thy.v[r]), true
		})
		tstyle := draw.LineStyle{Color: st.color, Width: theoryWidth, Dashes: theoryDash}
		for _, seg := range tsegs {
			for _, q := range seg {
				xs.add(q.X)
				ys.add(q.Y)
			}
			if len(seg) == 1 {
				// A lone value has no line: mark it with a short dash.
				theoryLayer = append(theoryLayer, &lonePoint{seg[0], tstyle})
				continue
			}
			l := mustLine(seg)
			l.LineStyle = tstyle
			theoryLayer = append(theoryLayer, l)
		}
		tthumb := mustLine(nil)
		tthumb.LineStyle = tstyle
		tlabel := "theory"
		if g.label != "" {
			tlabel = "theory (" + g.label + ")"
		}
		theoryEntries = append(theoryEntries, legendEntry{tlabel, []plot.Thumbnailer{tthumb}})
	}
	if ys.n == 0 {
		why := ""
		if s.LogX || s.LogY {
			why = " (log axes leave out values that are not positive)"
		}
		return nil, fmt.Errorf("no values of %q to plot%s", s.Y, why)
	}
	lg.entries = append(lg.entries, theoryEntries...)

	setY(p, ys, metricKinds[s.Y], s.LogY, s.Nines)
	for gi, gbars := range bars {
		if len(gbars) == 0 {
			continue
		}
		var eb errorBars
		for _, b := range gbars {
			lo := b.lo
			if !usable(lo) || lo < p.Y.Min {
				lo = p.Y.Min
			}
			eb = append(eb, errorBar{b.x, b.y, b.y - lo, b.hi - b.y})
		}
		e, err := plotter.NewYErrorBars(eb)
		if err != nil {
			return nil, err
		}
		e.LineStyle = draw.LineStyle{Color: styleOf(gi, false).color, Width: errWidth}
		e.CapWidth = errCap
		errLayer = append(errLayer, e)
	}
	for _, layer := range [][]plot.Plotter{theoryLayer, errLayer, lineLayer, markLayer} {
		p.Add(layer...)
	}
	// Set the ranges last: Add widens them to the plotters' data.
	setY(p, ys, metricKinds[s.Y], s.LogY, s.Nines)
	if d.x.categorical() {
		setCategoryX(p, d.x.cats, 0.3)
	} else {
		setNumericX(p, xs, s.LogX)
	}
	return &figure{
		title:    titleOf(s, s.Y+" vs "+s.X),
		subtitle: subtitle(m, "error bars: 95% CI"),
		legend:   lg,
		plot:     p,
	}, nil
}

// segments returns the points (x of each row, value) of rows in order,
// split where value reports no value, so that missing values leave gaps.
func segments(rows []int, x []float64, value func(r int) (float64, bool)) []plotter.XYs {
	var segs []plotter.XYs
	var cur plotter.XYs
	for _, r := range rows {
		y, ok := value(r)
		if !ok {
			if len(cur) > 0 {
				segs = append(segs, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, plotter.XY{X: x[r], Y: y})
	}
	if len(cur) > 0 {
		segs = append(segs, cur)
	}
	return segs
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// mustLine returns a line through finite points; the caller guarantees
// that they are finite.
func mustLine(xys plotter.XYs) *plotter.Line {
	if xys == nil {
		xys = plotter.XYs{}
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		panic(err)
	}
	return l
}

// mustScatter is mustLine for markers.
func mustScatter(xys plotter.XYs) *plotter.Scatter {
	if xys == nil {
		xys = plotter.XYs{}
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		panic(err)
	}
	return s
}

// titleOf returns the spec's title or def.
func titleOf(s Spec, def string) string {
	if s.Title != "" {
		return s.Title
	}
	return def
}

// subtitle names the experiment and says what the values are: means over
// replications with their 95% confidence intervals, or single runs.
func subtitle(m Meta, bars string) string {
	var t string
	switch {
	case m.Replications > 1:
		t = fmt.Sprintf("mean of %d replications; %s", m.Replications, bars)
	case m.Replications == 1:
		t = "1 replication"
	}
	if m.Experiment != "" {
		if t != "" {
			t = m.Experiment + " · " + t
		} else {
			t = m.Experiment
		}
	}
	return t
}

// errorBar is one point with its distances to the interval's ends.
type errorBar struct{ x, y, low, high float64 }

// errorBars implements plotter.XYer and plotter.YErrorer.
type errorBars []errorBar

func (e errorBars) Len() int                        { return len(e) }
func (e errorBars) XY(i int) (float64, float64)     { return e[i].x, e[i].y }
func (e errorBars) YError(i int) (float64, float64) { return e[i].low, e[i].high }

// lonePoint marks a single theory value, which has no neighbour to draw a
// line to, with a short horizontal dash.
type lonePoint struct {
	at    plotter.XY
	style draw.LineStyle
}

func (l *lonePoint) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	x, y := trX(l.at.X), trY(l.at.Y)
	ls := l.style
	ls.Dashes = nil
	c.StrokeLine2(ls, x-6, y, x+6, y)
}

func (l *lonePoint) DataRange() (xmin, xmax, ymin, ymax float64) {
	return l.at.X, l.at.X, l.at.Y, l.at.Y
}
