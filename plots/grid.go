package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// grid draws light horizontal lines at the major ticks of ticker, and
// vertical ones when vertical is set, at the major ticks of the x axis. It
// takes its own y ticker so that panels without y labels keep their grid.
type grid struct {
	ticker   plot.Ticker
	vertical bool
}

func (g *grid) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := gridStyle()
	if g.vertical {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if x := trX(t.Value); !t.IsMinor() && x >= c.Min.X && x <= c.Max.X {
				c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
			}
		}
	}
	ticker := g.ticker
	if ticker == nil {
		ticker = p.Y.Tick.Marker
	}
	for _, t := range ticker.Ticks(p.Y.Min, p.Y.Max) {
		if y := trY(t.Value); !t.IsMinor() && y >= c.Min.Y && y <= c.Max.Y {
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
}
