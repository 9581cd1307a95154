package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ciBar is the drawn confidence interval of one point, in data
// coordinates: from lo to hi through y. An open bar's upper end lies beyond
// the axis (an interval reaching a reliability of 1 on a nines axis, which
// has no finite number of nines): it is drawn as an arrow of fixed length
// pointing up, with no cap, instead of a bar running to the top.
type ciBar struct {
	x, y, lo, hi float64
	open         bool
}

// ciBars draws error bars with caps, and arrows for open upper ends. It
// implements plot.Plotter, plot.DataRanger and plot.GlyphBoxer, so that
// caps and arrows stay inside the data area.
type ciBars struct {
	bars []ciBar
	line draw.LineStyle
	cap  vg.Length
	// maxCap, when above 0, is the widest a cap may be in x units, so
	// that the caps of narrow bars do not run into each other.
	maxCap float64
}

// capWidth returns the width of the caps on canvas c of p.
func (e *ciBars) capWidth(c draw.Canvas, p *plot.Plot) vg.Length {
	if e.maxCap <= 0 {
		return e.cap
	}
	trX, _ := p.Transforms(&c)
	return min(e.cap, trX(e.maxCap)-trX(0))
}

// arrowLen is the length of the arrow of an open bar above its point, and
// arrowHead the size of its head.
const (
	arrowLen  = vg.Length(14)
	arrowHead = vg.Length(4)
)

// clipInterval returns the ends of the interval [lo, hi] of a value of
// metric kind k within the values k can take: [0, 1] for fractions, at
// least 0 for the others (delays, counts, rates). The experiments compute
// a symmetric Student-t interval, which can reach past those limits when
// there are few replications.
func clipInterval(k kind, lo, hi float64) (float64, float64) {
	lo, hi = math.Max(lo, 0), math.Max(hi, 0)
	if k == kindFraction || k == kindReliability {
		lo, hi = math.Min(lo, 1), math.Min(hi, 1)
	}
	return lo, hi
}

func (e *ciBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	half := e.capWidth(c, p) / 2
	for _, b := range e.bars {
		x, ylo := trX(b.x), trY(b.lo)
		yhi := trY(b.hi)
		if b.open {
			yhi = trY(b.y) + arrowLen
		}
		c.StrokeLine2(e.line, x, ylo, x, yhi)
		c.StrokeLine2(e.line, x-half, ylo, x+half, ylo)
		if !b.open {
			c.StrokeLine2(e.line, x-half, yhi, x+half, yhi)
			continue
		}
		// An open chevron, unlike the filled triangles of the markers.
		w := min(arrowHead*0.8, max(half, 1))
		head := e.line
		head.Width *= 1.2
		c.StrokeLines(head, []vg.Point{{X: x - w, Y: yhi - arrowHead}, {X: x, Y: yhi}, {X: x + w, Y: yhi - arrowHead}})
	}
}

func (e *ciBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	var xs, ys span
	for _, b := range e.bars {
		xs.add(b.x)
		ys.add(b.lo)
		if b.open {
			ys.add(b.y)
		} else {
			ys.add(b.hi)
		}
	}
	return xs.min, xs.max, ys.min, ys.max
}

func (e *ciBars) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	half := e.cap / 2
	for _, b := range e.bars {
		x := p.X.Norm(b.x)
		boxes = append(boxes, plot.GlyphBox{
			X: x, Y: p.Y.Norm(b.lo),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -half}, Max: vg.Point{X: half}},
		})
		top := vg.Rectangle{Min: vg.Point{X: -half}, Max: vg.Point{X: half}}
		y := b.hi
		if b.open {
			y = b.y
			top.Max.Y = arrowLen + 1
		}
		boxes = append(boxes, plot.GlyphBox{X: x, Y: p.Y.Norm(y), Rectangle: top})
	}
	return boxes
}
