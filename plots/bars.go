package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rect is a filled rectangle in data coordinates.
type rect struct {
	x0, x1, y0, y1 float64
	fill           color.Color
}

// rects draws rectangles, such as the pieces of stacked bars, with a thin
// white edge that separates touching pieces, thinner on narrow bars so
// that it does not wash out their colour. It implements plot.Plotter and
// plot.DataRanger.
type rects []rect

var barEdge = draw.LineStyle{Color: color.White, Width: vg.Length(0.7)}

func (rs rects) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range rs {
		x0, x1, y0, y1 := trX(r.x0), trX(r.x1), trY(r.y0), trY(r.y1)
		poly := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(r.fill, c.ClipPolygonXY(poly))
		edge := barEdge
		edge.Width = min(edge.Width, (x1-x0)/12)
		c.StrokeLines(edge, c.ClipLinesXY(append(poly, poly[0]))...)
	}
}

func (rs rects) DataRange() (xmin, xmax, ymin, ymax float64) {
	var xs, ys span
	for _, r := range rs {
		xs.add(r.x0)
		xs.add(r.x1)
		ys.add(r.y0)
		ys.add(r.y1)
	}
	return xs.min, xs.max, ys.min, ys.max
}

// swatch is a legend thumbnail: a filled square.
type swatch struct{ fill color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	h := c.Size().Y * 0.8
	x := c.Center().X
	y := c.Center().Y
	c.FillPolygon(s.fill, []vg.Point{
		{X: x - h*0.9, Y: y - h/2}, {X: x + h*0.9, Y: y - h/2},
		{X: x + h*0.9, Y: y + h/2}, {X: x - h*0.9, Y: y + h/2},
	})
}
