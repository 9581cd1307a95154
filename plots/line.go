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
	thinWidth   = vg.Length(0.9) // measured lines under theory lines
	theoryWidth = vg.Length(1.6)
	markerSize  = vg.Length(3.2) // radius
	errWidth    = vg.Length(0.9)
	errCap      = vg.Length(4.5)
	dodgeStep   = 0.09 // x units between the series at one category
)

// seriesStyle is how one group is drawn.
type seriesStyle struct {
	color  color.Color
	marker marker
	dashes []vg.Length
}

// styleOf returns the style of group i; solid drops the dash pattern.
func styleOf(i int, solid bool) seriesStyle {
	st := seriesStyle{palette[i%len(palette)], markers[i%len(markers)], dashes[i%len(dashes)]}
	if solid {
		st.dashes = nil
	}
	return st
}

// interval is one drawn point with the ends of its confidence interval;
// lo is NaN when the interval reaches below what a log axis shows, and
// open is set when hi lies beyond the top of a nines axis.
type interval struct {
	x, y, lo, hi float64
	open         bool
}

// lineBuilder collects the plotters of a line chart, layer by layer.
type lineBuilder struct {
	s      Spec
	d      *lineData
	tx, ty func(float64) float64

	xs, ys               span
	lines, theory, marks []plot.Plotter
	intervals            [][]interval // per group
	spreads              [][]ciBar    // per group: min to max of bimodal points
	legend               *legend
	theoryEntries        []legendEntry
	categorical          bool
	groups               int
}

// lineChart builds the figure of a line chart: one line per group with
// markers, 95% error bars with replications, theory as dashed lines over the
// measured ones. On a categorical x the points are not joined (the order of
// names means nothing) and the series are dodged sideways so that they do
// not hide each other.
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
	b := &lineBuilder{s: s, d: d, legend: newLegend(s.Series), categorical: d.x.categorical(), groups: len(groups)}
	b.tx, b.ty = d.transform(s, u)
	for gi, g := range groups {
		b.addGroup(gi, g)
	}
	if b.ys.n == 0 {
		why := ""
		if s.LogX || s.LogY {
			why = " (log axes leave out values that are not positive)"
		}
		return nil, fmt.Errorf("no values of %q to plot%s", s.Y, why)
	}
	b.legend.entries = append(b.legend.entries, b.theoryEntries...)

	p := newPlot()
	p.X.Label.Text = d.x.label
	p.Y.Label.Text = yLabel(s.Y, u, s.Nines)
	p.Add(&grid{vertical: !b.categorical})
	setY(p, b.ys, metricKind(s.Y), s.LogY, s.Nines)
	errs := b.errorBars(p.Y.Min)
	spreads := b.spreadBars(p.Y.Min)
	for _, layer := range [][]plot.Plotter{errs, spreads, b.lines, b.theory, b.marks} {
		p.Add(layer...)
	}
	// Set the ranges last: Add widens them to the plotters' data.
	setY(p, b.ys, metricKind(s.Y), s.LogY, s.Nines)
	fg := &figure{
		title: titleOf(s, defaultTitle(s)),
		subtitle: joinNote(valueSubtitle(m, s.Y, ifAny(len(errs) > 0, "error bars: 95% CI"+ifAny(b.anyOpen(), " (↑: CI reaches reliability 1)"))),
			ifAny(len(spreads) > 0, "dotted: min–max of the replications where they split (bimodal)")),
		legend: b.legend,
		panels: single(p),
	}
	if b.categorical {
		setCategoryX(p, d.x.cats, 0.4)
		fg.fitX = func(w vg.Length) {
			fitCategoryLabels(&p.X, d.x.cats, w/vg.Length(p.X.Max-p.X.Min))
		}
	} else {
		setNumericX(p, b.xs, s.LogX)
	}
	return fg, nil
}

// addGroup adds the measured values of group gi, and its theory values if
// any, with their legend entries.
func (b *lineBuilder) addGroup(gi int, g group) {
	d := b.d
	x := func(r int) float64 { return b.tx(d.x.pos[r]) }
	if b.categorical {
		off := (float64(gi) - float64(b.groups-1)/2) * dodgeStep
		x = func(r int) float64 { return d.x.pos[r] + off }
	}
	rows := slices.DeleteFunc(slices.Clone(g.rows), func(r int) bool {
		return !d.x.ok[r] || math.IsNaN(x(r))
	})
	slices.SortStableFunc(rows, func(a, c int) int { return cmpFloat(x(a), x(c)) })
	value := func(c column) func(r int) (float64, bool) {
		return func(r int) (float64, bool) {
			if !c.ok[r] {
				return 0, false
			}
			v := b.ty(c.v[r])
			return v, !math.IsNaN(v)
		}
	}

	st := styleOf(gi, d.theory)
	ls := draw.LineStyle{Color: st.color, Width: lineWidth, Dashes: st.dashes}
	if d.theory {
		// Theory is drawn over the measured line, which must not hide it.
		ls.Width = thinWidth
	}
	var pts plotter.XYs
	for _, seg := range segments(rows, x, value(d.y)) {
		pts = append(pts, seg...)
		if len(seg) > 1 && !b.categorical {
			l := mustLine(seg)
			l.LineStyle = ls
			b.lines = append(b.lines, l)
		}
	}
	var ivs []interval
	for _, r := range rows {
		y, ok := value(d.y)(r)
		if !ok {
			continue
		}
		b.xs.add(x(r))
		b.ys.add(y)
		if d.ci && d.lo.ok[r] && d.hi.ok[r] {
			lo, hi := clipInterval(metricKind(b.s.Y), d.lo.v[r], d.hi.v[r])
			iv := interval{x: x(r), y: y, lo: math.Min(b.ty(lo), y), hi: b.ty(hi)}
			if !math.IsNaN(iv.lo) {
				b.ys.add(iv.lo)
			}
			if math.IsNaN(iv.hi) || iv.hi < y {
				iv.hi = y
			}
			// On a nines axis an upper end at the cap stands for any
			// reliability up to 1: infinitely many nines.
			iv.open = b.s.Nines && iv.hi >= MaxNines && y < MaxNines-1e-9
			if !iv.open {
				b.ys.add(iv.hi)
			}
			ivs = append(ivs, iv)
		}
	}
	b.intervals = append(b.intervals, ivs)
	var spreads []ciBar
	for _, r := range rows {
		y, ok := value(d.y)(r)
		lo, hi, has := d.spreadOf(r, metricKind(b.s.Y), b.ty)
		if !ok || !has {
			continue
		}
		if !math.IsNaN(lo) {
			b.ys.add(lo)
		}
		b.ys.add(hi)
		spreads = append(spreads, ciBar{x: x(r), y: y, lo: lo, hi: hi})
	}
	b.spreads = append(b.spreads, spreads)
	sc := mustScatter(pts)
	sc.GlyphStyle = draw.GlyphStyle{Color: st.color, Radius: markerSize, Shape: st.marker}
	if len(pts) > 0 {
		b.marks = append(b.marks, sc)
	}
	thumbs := []plot.Thumbnailer{sc}
	if !b.categorical {
		thumb := mustLine(nil)
		thumb.LineStyle = ls
		thumb.LineStyle.Width = lineWidth
		thumbs = []plot.Thumbnailer{thumb, sc}
	}
	label := g.label
	if label == "" && d.theory {
		label = "simulation"
	}
	if label != "" {
		b.legend.entries = append(b.legend.entries, legendEntry{text: label, thumbs: thumbs, narrow: b.categorical})
	}
	if d.theory {
		b.addTheory(g, rows, x, value(d.thy), st.color)
	}
}

// addTheory adds the theory values of a group as a dashed line, broken
// where a value is missing; a lone value, or every value on a categorical
// x, gets a short dash. A group without theory values gets no legend entry.
func (b *lineBuilder) addTheory(g group, rows []int, x func(int) float64, value func(int) (float64, bool), col color.Color) {
	ls := draw.LineStyle{Color: col, Width: theoryWidth, Dashes: theoryDash}
	segs := segments(rows, x, value)
	if len(segs) == 0 {
		return
	}
	for _, seg := range segs {
		for _, q := range seg {
			b.xs.add(q.X)
			b.ys.add(q.Y)
		}
		if len(seg) == 1 || b.categorical {
			for _, q := range seg {
				b.theory = append(b.theory, &dash{q, ls})
			}
			continue
		}
		l := mustLine(seg)
		l.LineStyle = ls
		b.theory = append(b.theory, l)
	}
	thumb := mustLine(nil)
	thumb.LineStyle = ls
	label := "theory"
	if g.label != "" {
		label = "theory (" + g.label + ")"
	}
	b.theoryEntries = append(b.theoryEntries, legendEntry{text: label, thumbs: []plot.Thumbnailer{thumb}})
}

// errorBars returns the error bars of every group, in the group's colour;
// an interval without a lower end on a log axis runs down to floor.
func (b *lineBuilder) errorBars(floor float64) []plot.Plotter {
	var out []plot.Plotter
	for gi, ivs := range b.intervals {
		var bars []ciBar
		for _, iv := range ivs {
			lo := iv.lo
			if math.IsNaN(lo) || lo < floor {
				lo = floor
			}
			if math.IsInf(iv.y-lo, 0) || math.IsInf(iv.hi-iv.y, 0) {
				continue // beyond float range: nothing sensible to draw
			}
			bars = append(bars, ciBar{iv.x, iv.y, lo, iv.hi, iv.open})
		}
		if len(bars) == 0 {
			continue
		}
		out = append(out, &ciBars{
			bars: bars,
			line: draw.LineStyle{Color: styleOf(gi, false).color, Width: errWidth},
			cap:  errCap,
		})
	}
	return out
}

// spreadBars returns the spreads of the points flagged bimodal, in each
// group's colour; a spread without a lower end on a log axis runs down to
// floor.
func (b *lineBuilder) spreadBars(floor float64) []plot.Plotter {
	var out []plot.Plotter
	for gi, bars := range b.spreads {
		if len(bars) == 0 {
			continue
		}
		for i := range bars {
			if math.IsNaN(bars[i].lo) || bars[i].lo < floor {
				bars[i].lo = floor
			}
		}
		out = append(out, &spreadBars{
			bars: bars,
			line: draw.LineStyle{Color: styleOf(gi, false).color, Width: errWidth, Dashes: spreadDashes},
		})
	}
	return out
}

// anyOpen reports whether an error bar has an open upper end.
func (b *lineBuilder) anyOpen() bool {
	for _, ivs := range b.intervals {
		for _, iv := range ivs {
			if iv.open {
				return true
			}
		}
	}
	return false
}
