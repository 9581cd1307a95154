package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// figure is a whole chart: a title, a subtitle, a legend above the data
// area, and one plot or a grid of panels (rows of plots, nil for an empty
// cell) sharing the x label drawn under them and the y label drawn to
// their left.
type figure struct {
	title    string
	subtitle string
	legend   *legend
	panels   [][]*plot.Plot
	xlabel   string
	ylabel   string
	// fitX, when set, is called with the width of the panels' data areas
	// once the figure is laid out, before the panels are drawn, to fit
	// the x tick labels to it.
	fitX func(width vg.Length)
}

// single returns the panels of a figure of one plot.
func single(p *plot.Plot) [][]*plot.Plot { return [][]*plot.Plot{{p}} }

// Spacing: margin surrounds the figure, gap separates its parts, panelGap
// separates panels.
const (
	margin   = vg.Length(6)
	gap      = vg.Length(5)
	panelGap = vg.Length(10)
)

// png draws the figure at dpi dots per inch and returns it encoded as PNG.
func (fg *figure) png(dpi int) ([]byte, error) {
	img := newCanvas(figWidth, figHeight, dpi)
	c := draw.Crop(draw.New(img), margin, -margin-4, margin, -margin)
	if fg.title != "" {
		sty := textStyle(titleSize, true, nil)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		title := wrapText(sty, fg.title, c.Size().X)
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, title)
		c.Max.Y -= sty.Height(title) + 2
	}
	if fg.subtitle != "" {
		sty := textStyle(subtitleSize, false, noteColor)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		sub := wrapText(sty, fg.subtitle, c.Size().X)
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, sub)
		c.Max.Y -= sty.Height(sub)
	}
	if fg.title != "" || fg.subtitle != "" {
		c.Max.Y -= gap
	}
	if fg.legend != nil {
		if h := fg.legend.height(c.Size().X); h > 0 {
			fg.legend.draw(c)
			c.Max.Y -= h + 1.6*gap
		}
	}
	if fg.xlabel != "" {
		sty := textStyle(labelSize, false, nil)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		label := wrapText(sty, fg.xlabel, c.Size().X)
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Min.Y}, label)
		c.Min.Y += sty.Height(label) + 2
	}
	if fg.ylabel != "" {
		sty := textStyle(labelSize, false, nil)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		sty.Rotation = math.Pi / 2
		c.FillText(sty, vg.Point{X: c.Min.X, Y: c.Center().Y}, fg.ylabel)
		c.Min.X += sty.Height(fg.ylabel) + 2
	}
	if fg.fitX != nil {
		fg.fitX(fg.dataWidth(c))
	}
	canvases := fg.layout(c)
	for i, row := range fg.panels {
		for j, p := range row {
			if p != nil {
				drawPanel(row, canvases[i], j)
			}
		}
	}
	defer img.release()
	return encodePNG(img.img)
}

// layout returns the canvas of each panel in c.
func (fg *figure) layout(c draw.Canvas) [][]draw.Canvas {
	if len(fg.panels) == 1 && len(fg.panels[0]) == 1 {
		return [][]draw.Canvas{{c}}
	}
	tiles := draw.Tiles{Rows: len(fg.panels), Cols: len(fg.panels[0]), PadX: panelGap, PadY: panelGap}
	return plot.Align(fg.panels, tiles, c)
}

// dataWidth returns the width of the data area of the first panel laid
// out in c; plot.Align gives all panels the same.
func (fg *figure) dataWidth(c draw.Canvas) vg.Length {
	canvases := fg.layout(c)
	for i, row := range fg.panels {
		for j, p := range row {
			if p != nil {
				return p.DataCanvas(canvases[i][j]).Size().X
			}
		}
	}
	return c.Size().X
}

// drawPanel draws panel j of row, laid out in canvases. A panel's title
// is centred over its data area, and the titles of a row share one height:
// plot.Plot would put each at the top of its own canvas, which depends on
// how far the panel's top y tick label sticks out.
func drawPanel(row []*plot.Plot, canvases []draw.Canvas, j int) {
	p := row[j]
	if p.Title.Text == "" {
		p.Draw(canvases[j])
		return
	}
	top := canvases[j].Max.Y
	for k, q := range row {
		if q != nil {
			top = min(top, canvases[k].Max.Y)
		}
	}
	sty := p.Title.TextStyle
	p.Title.TextStyle.Color = color.Transparent // keeps the title's room
	p.Draw(canvases[j])
	p.Title.TextStyle = sty
	dc := p.DataCanvas(canvases[j])
	descent := sty.FontExtents().Descent
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	canvases[j].FillText(sty, vg.Point{X: dc.Center().X, Y: top + descent}, p.Title.Text)
}
