package plots

import (
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// shape is the outline of a marker.
type shape int

const (
	circle shape = iota
	square
	triangleUp
	diamond
	triangleDown
	cross
)

// marker is a draw.GlyphDrawer for series markers. Hollow markers are not
// filled, so that a marker of another series at the same point still shows
// through, and are outlined with a stroke thick enough to see in print.
type marker struct {
	shape  shape
	hollow bool
}

// markers are the series' markers in palette order, alternating filled and
// hollow so that neighbouring series differ in greyscale too.
var markers = []marker{
	{circle, false},
	{square, true},
	{triangleUp, false},
	{diamond, true},
	{square, false},
	{circle, true},
	{triangleDown, false},
	{cross, false},
}

const markerStroke = vg.Length(1.2)

// DrawGlyph implements draw.GlyphDrawer.
func (m marker) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	if m.shape == cross {
		d := r * 0.8
		ls := draw.LineStyle{Color: sty.Color, Width: markerStroke * 1.3}
		c.StrokeLine2(ls, pt.X-d, pt.Y-d, pt.X+d, pt.Y+d)
		c.StrokeLine2(ls, pt.X-d, pt.Y+d, pt.X+d, pt.Y-d)
		return
	}
	p := m.path(pt, r)
	if m.hollow {
		c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: markerStroke})
		c.Stroke(p)
		return
	}
	c.SetColor(sty.Color)
	c.Fill(p)
}

// path returns the closed outline of the marker centred at pt. The shapes
// are scaled to cover about the same area as a circle of radius r.
func (m marker) path(pt vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	poly := func(pts ...[2]float64) {
		for i, q := range pts {
			v := vg.Point{X: pt.X + r*vg.Length(q[0]), Y: pt.Y + r*vg.Length(q[1])}
			if i == 0 {
				p.Move(v)
			} else {
				p.Line(v)
			}
		}
		p.Close()
	}
	switch m.shape {
	case square:
		const s = 0.89 // sqrt(pi)/2
		poly([2]float64{-s, -s}, [2]float64{s, -s}, [2]float64{s, s}, [2]float64{-s, s})
	case diamond:
		const s = 1.25
		poly([2]float64{0, -s}, [2]float64{s, 0}, [2]float64{0, s}, [2]float64{-s, 0})
	case triangleUp, triangleDown:
		s := 1.35
		if m.shape == triangleDown {
			s = -s
		}
		h := math.Sqrt(3) / 2
		poly([2]float64{0, s}, [2]float64{-h * math.Abs(s), -s / 2}, [2]float64{h * math.Abs(s), -s / 2})
	default:
		p.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		p.Arc(pt, r, 0, 2*math.Pi)
		p.Close()
	}
	return p
}
