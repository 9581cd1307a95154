package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// spreadBars draws the spread of the replications of points flagged
// bimodal, from the smallest value to the largest, beside each point's
// error bar: a dotted line with a short tick at each end. The mean of such
// a point is a value no run produced; the spread shows where the runs
// were. bars hold min and max in lo and hi. It implements plot.Plotter,
// plot.DataRanger and plot.GlyphBoxer.
type spreadBars struct {
	bars []ciBar
	line draw.LineStyle
}

// Spread marks: how far right of its point a spread is drawn, so that it
// does not hide the error bar, and the length of the ticks at its ends.
const (
	spreadOffset = vg.Length(5)
	spreadTick   = vg.Length(3)
)

// spreadDashes is the dotted pattern of a spread line.
var spreadDashes = []vg.Length{vg.Points(1.2), vg.Points(1.6)}

func (s *spreadBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, b := range s.bars {
		x := trX(b.x) + spreadOffset
		lo, hi := trY(b.lo), trY(b.hi)
		c.StrokeLine2(s.line, x, lo, x, hi)
		solid := s.line
		solid.Dashes = nil
		for _, y := range []vg.Length{lo, hi} {
			c.StrokeLine2(solid, x-spreadTick/2, y, x+spreadTick/2, y)
		}
	}
}

func (s *spreadBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	var xs, ys span
	for _, b := range s.bars {
		xs.add(b.x)
		ys.add(b.lo)
		ys.add(b.hi)
	}
	return xs.min, xs.max, ys.min, ys.max
}

func (s *spreadBars) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	r := vg.Rectangle{Min: vg.Point{X: spreadOffset - spreadTick/2}, Max: vg.Point{X: spreadOffset + spreadTick/2}}
	for _, b := range s.bars {
		for _, y := range []float64{b.lo, b.hi} {
			boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(b.x), Y: p.Y.Norm(y), Rectangle: r})
		}
	}
	return boxes
}

// spreadOf returns the spread of row r of d drawn with ty, from the
// smallest value of its replications to the largest within what metric
// kind k can take, and whether the row has one to draw: it is flagged
// bimodal and has both. A smallest value a log axis cannot show is NaN.
func (d *lineData) spreadOf(r int, k kind, ty func(float64) float64) (lo, hi float64, ok bool) {
	if !d.spread || !d.bimodal[r] || !d.min.ok[r] || !d.max.ok[r] {
		return 0, 0, false
	}
	lo, hi = clipInterval(k, d.min.v[r], d.max.v[r])
	lo, hi = ty(lo), ty(hi)
	if math.IsNaN(hi) {
		return 0, 0, false
	}
	return lo, hi, true
}
