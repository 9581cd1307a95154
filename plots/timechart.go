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

// TimeX is the x of a chart over time (x: time): it draws a time series
// table, whose column t is the start of each window in seconds, with a
// line per sweep point (or per value of Series) and a band for the 95%
// interval; each window's value is drawn at its middle (Meta.Window).
const TimeX = "time"

// TimeColumn is the column of a time series table that holds the start
// of each window, in seconds.
const TimeColumn = "t"

// bandAlpha is the opacity of an interval band.
const bandAlpha = 0x38

// timeChart builds the figure of a chart over time: one line per group,
// the 95% interval as a band when there are replications, and a dashed
// vertical line at each instant of m.Marks (where the load changes).
func timeChart(f *frame, s Spec, m Meta) (*figure, error) {
	fg, _, err := timeChartLayers(f, s, m)
	return fg, err
}

// timeLayers are what a chart over time draws, for tests.
type timeLayers struct {
	bands, lines []plot.Plotter
	marks        []float64
}

// timeChartLayers is timeChart, also returning its layers.
func timeChartLayers(f *frame, s Spec, m Meta) (*figure, *timeLayers, error) {
	t, tok, err := f.numbers(TimeColumn)
	if err != nil {
		return nil, nil, err
	}
	d := &lineData{ci: m.Replications > 1 && !isRatio(s.Y)}
	if d.y.v, d.y.ok, err = f.numbers(s.Y); err != nil {
		return nil, nil, err
	}
	if d.ci {
		if d.lo.v, d.lo.ok, err = f.numbers(s.Y + ".lo"); err != nil {
			return nil, nil, err
		}
		if d.hi.v, d.hi.ok, err = f.numbers(s.Y + ".hi"); err != nil {
			return nil, nil, err
		}
	}
	groups, err := f.groups(TimeColumn, s.Series, m)
	if err != nil {
		return nil, nil, err
	}
	u := d.unit(s.Y)
	ty := func(v float64) float64 { return v * u.scale }
	if s.LogY {
		ty = func(v float64) float64 {
			if v <= 0 {
				return math.NaN()
			}
			return v * u.scale
		}
	}
	half := 0.0
	if m.Window > 0 && !math.IsInf(m.Window, 0) {
		half = m.Window / 2
	}
	tmax := 0.0
	for r := range t {
		if tok[r] {
			tmax = math.Max(tmax, t[r]+2*half)
		}
	}
	xu := timeUnit(tmax)
	if tmax >= 3*3600 {
		xu = unit{"h", 1.0 / 3600}
	} else if tmax >= 3*60 {
		xu = unit{"min", 1.0 / 60}
	}
	x := func(r int) float64 { return (t[r] + half) * xu.scale }

	var xs, ys span
	var bands, lines []plot.Plotter
	lg := newLegend(s.Series)
	for gi, g := range groups {
		rows := slices.DeleteFunc(slices.Clone(g.rows), func(r int) bool { return !tok[r] })
		slices.SortStableFunc(rows, func(a, c int) int { return cmpFloat(t[a], t[c]) })
		st := styleOf(gi, true)
		ls := draw.LineStyle{Color: st.color, Width: lineWidth}
		value := func(r int) (float64, bool) {
			if !d.y.ok[r] {
				return 0, false
			}
			v := ty(d.y.v[r])
			return v, !math.IsNaN(v)
		}
		for _, seg := range segments(rows, x, value) {
			for _, p := range seg {
				xs.add(p.X)
				ys.add(p.Y)
			}
			if len(seg) == 1 { // a lone window: a dot
				sc := mustScatter(seg)
				sc.GlyphStyle = draw.GlyphStyle{Color: st.color, Radius: markerSize / 2, Shape: draw.CircleGlyph{}}
				lines = append(lines, sc)
				continue
			}
			l := mustLine(seg)
			l.LineStyle = ls
			lines = append(lines, l)
		}
		if d.ci {
			band := func(r int) (lo, hi float64, ok bool) {
				if !d.lo.ok[r] || !d.hi.ok[r] || !d.y.ok[r] {
					return 0, 0, false
				}
				lo, hi = clipInterval(metricKind(s.Y), d.lo.v[r], d.hi.v[r])
				lo, hi = ty(lo), ty(hi)
				if math.IsNaN(lo) || math.IsNaN(hi) {
					return 0, 0, false
				}
				return lo, hi, true
			}
			for _, b := range bandPolygons(rows, x, band, st.color) {
				bands = append(bands, b)
			}
			for _, r := range rows {
				if lo, hi, ok := band(r); ok {
					ys.add(lo)
					ys.add(hi)
				}
			}
		}
		thumb := mustLine(nil)
		thumb.LineStyle = ls
		label := g.label
		if label == "" {
			label = s.Y
		}
		lg.entries = append(lg.entries, legendEntry{text: label, thumbs: []plot.Thumbnailer{thumb}})
	}
	if ys.n == 0 {
		return nil, nil, fmt.Errorf("no values of %q to plot", s.Y)
	}
	// The time axis spans the windows, not only their middles.
	lo, hi := xs.min-half*xu.scale, xs.max+half*xu.scale
	xs.add(lo)
	xs.add(hi)
	if len(groups) == 1 && groups[0].label == "" {
		lg.entries = nil // one line: the title names it
	}
	var marks []float64
	for _, at := range m.Marks {
		if v := at * xu.scale; xs.n > 0 && v > xs.min && v < xs.max {
			marks = append(marks, v)
		}
	}

	p := newPlot()
	p.X.Label.Text = "time (" + xu.name + ")"
	p.Y.Label.Text = yLabel(s.Y, u, s.Nines)
	if metricKind(s.Y) == kindCount {
		p.Y.Label.Text = s.Y + " (per window)" // counts of each window, not of a run
	}
	p.Add(&grid{vertical: true})
	p.Add(bands...)
	if len(marks) > 0 {
		p.Add(&vlines{xs: marks, style: draw.LineStyle{Color: color.Gray{Y: 0x70}, Width: thinWidth, Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}})
	}
	p.Add(lines...)
	setY(p, ys, metricKind(s.Y), s.LogY, s.Nines)
	setNumericX(p, xs, false)
	what := ""
	if d.ci {
		what = "bands: 95% CI"
	}
	if len(marks) > 0 {
		what += ifAny(what != "", "; ") + "dashed: the load changes"
	}
	return &figure{
		title:    titleOf(s, defaultTitle(s)),
		subtitle: subtitle(m, what),
		legend:   lg,
		panels:   single(p),
	}, &timeLayers{bands: bands, lines: lines, marks: marks}, nil
}

// bandPolygons returns the filled bands of the intervals of rows, one per
// run of consecutive rows that have one.
func bandPolygons(rows []int, x func(int) float64, band func(int) (lo, hi float64, ok bool), c color.Color) []*plotter.Polygon {
	var out []*plotter.Polygon
	var lo, hi plotter.XYs
	flush := func() {
		if len(lo) > 1 {
			ring := append(slices.Clone(lo), reversed(hi)...)
			if pg, err := plotter.NewPolygon(ring); err == nil {
				r, g, b, _ := c.RGBA()
				pg.Color = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), bandAlpha}
				pg.LineStyle.Width = 0
				out = append(out, pg)
			}
		}
		lo, hi = lo[:0], hi[:0]
	}
	for _, r := range rows {
		l, h, ok := band(r)
		if !ok {
			flush()
			continue
		}
		lo = append(lo, plotter.XY{X: x(r), Y: l})
		hi = append(hi, plotter.XY{X: x(r), Y: h})
	}
	flush()
	return out
}

func reversed(xys plotter.XYs) plotter.XYs {
	out := slices.Clone(xys)
	slices.Reverse(out)
	return out
}

// vlines draws a vertical line across the plot at each x.
type vlines struct {
	xs    []float64
	style draw.LineStyle
}

// Plot implements plot.Plotter.
func (v *vlines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, x := range v.xs {
		px := trX(x)
		c.StrokeLine2(v.style, px, c.Min.Y, px, c.Max.Y)
	}
}
