package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Timeline is the data of a timeline chart: named rows, top to bottom,
// with bars on them, each of a class named in the legend.
type Timeline struct {
	Title, Subtitle string
	Rows            []string // row labels, top to bottom
	Classes         []string // legend entries; a bar's Class indexes them
	// Colors, when set, colours class i with Colors[i]; otherwise the
	// palette's colours in order.
	Colors []color.Color
	Bars   []TimelineBar
	// Min and Max are the time range drawn, in seconds; bars are clipped
	// to it. Max <= Min: the range of the bars.
	Min, Max float64
}

// TimelineBar is one bar of a timeline: from Start to End (seconds) on
// row Row, in lane Lane of the row (bars that overlap in time take
// different lanes; lanes share the row's height).
type TimelineBar struct {
	Row, Lane  int
	Start, End float64
	Class      int
}

// TimelineLanes is the most lanes a row is divided into; bars of further
// lanes are drawn over those of lane Lane mod TimelineLanes.
const TimelineLanes = 12

// ErrNoBars reports a timeline with nothing to draw.
var ErrNoBars = errors.New("plots: the timeline has no bars")

// TimelinePNG draws t as a PNG image: 16 cm wide, and tall enough for
// its rows.
func TimelinePNG(t Timeline) ([]byte, error) {
	if len(t.Bars) == 0 || len(t.Rows) == 0 {
		return nil, ErrNoBars
	}
	for _, b := range t.Bars {
		if b.Row < 0 || b.Row >= len(t.Rows) || b.Class < 0 || b.Class >= len(t.Classes) || b.Lane < 0 {
			return nil, fmt.Errorf("plots: timeline bar %+v: row or class out of range", b)
		}
	}
	lo, hi := t.Min, t.Max
	if hi <= lo {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, b := range t.Bars {
			lo, hi = min(lo, b.Start), max(hi, b.End)
		}
		if hi <= lo {
			hi = lo + 1e-3
		}
	}
	u := timeUnit(max(math.Abs(lo), math.Abs(hi)))
	lanes := make([]int, len(t.Rows))
	for _, b := range t.Bars {
		lanes[b.Row] = max(lanes[b.Row], min(b.Lane+1, TimelineLanes))
	}
	colors := t.Colors
	if len(colors) < len(t.Classes) {
		colors = palette
	}

	p := newPlot()
	n := len(t.Rows)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	var ticks []plot.Tick
	for i, r := range t.Rows {
		ticks = append(ticks, plot.Tick{Value: float64(n - 1 - i), Label: r})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.X.Min, p.X.Max = lo*u.scale, hi*u.scale
	p.X.Tick.Marker = linearTicks{}
	p.X.Label.Text = "time (" + u.name + ")"
	p.Add(&grid{vertical: true, ticker: plot.ConstantTicks(nil)})
	var rs rects
	for _, b := range t.Bars {
		s, e := max(b.Start, lo), min(b.End, hi)
		if e < s || b.End < lo || b.Start > hi {
			continue
		}
		k := lanes[b.Row]
		l := b.Lane % TimelineLanes
		// Lane l of k from the top of the row, with a gap between rows.
		top := float64(n-1-b.Row) + 0.4
		h := 0.8 / float64(k)
		y1 := top - float64(l)*h
		rs = append(rs, rect{x0: s * u.scale, x1: e * u.scale, y0: y1 - h*0.85, y1: y1, fill: colors[b.Class%len(colors)]})
	}
	p.Add(timelineBars(rs))

	leg := newLegend("")
	for i, c := range t.Classes {
		leg.add(c, swatch{fill: colors[i%len(colors)]})
	}

	height := max(figHeight, vg.Length(n)*0.55*vg.Centimeter+4*vg.Centimeter)
	img := newCanvas(figWidth, height, figDPI)
	c := draw.Crop(draw.New(img), margin, -margin-4, margin, -margin)
	for _, line := range []struct {
		txt  string
		size vg.Length
		bold bool
		col  color.Color
	}{{t.Title, titleSize, true, nil}, {t.Subtitle, subtitleSize, false, noteColor}} {
		if line.txt == "" {
			continue
		}
		sty := textStyle(line.size, line.bold, line.col)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		txt := wrapText(sty, line.txt, c.Size().X)
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, txt)
		c.Max.Y -= sty.Height(txt) + 2
	}
	c.Max.Y -= gap
	if h := leg.height(c.Size().X); h > 0 {
		leg.draw(c)
		c.Max.Y -= h + 1.6*gap
	}
	p.Draw(c)
	defer img.release()
	return encodePNG(img.img)
}

// timelineBars draws bars without the white edge of rects when they are
// too narrow for it, so short bars keep their colour.
type timelineBars rects

func (tb timelineBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range tb {
		x0, x1, y0, y1 := trX(r.x0), trX(r.x1), trY(r.y0), trY(r.y1)
		if x1-x0 < 0.6 { // at least a hairline: a bar of a few µs stays visible
			x1 = x0 + 0.6
		}
		poly := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(r.fill, c.ClipPolygonXY(poly))
		if x1-x0 > 3 { // a white left edge parts bars that follow each other in a lane
			c.StrokeLines(barEdge, c.ClipLinesXY([]vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}})...)
		}
	}
}
