package plots

import (
	"bytes"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
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

// png draws the figure and returns it encoded as PNG.
func (fg *figure) png() ([]byte, error) {
	img := vgimg.NewWith(
		vgimg.UseWH(figWidth, figHeight),
		vgimg.UseDPI(figDPI),
		vgimg.UseBackgroundColor(color.White),
	)
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
	if len(fg.panels) == 1 && len(fg.panels[0]) == 1 {
		fg.panels[0][0].Draw(c)
	} else {
		tiles := draw.Tiles{Rows: len(fg.panels), Cols: len(fg.panels[0]), PadX: panelGap, PadY: panelGap}
		canvases := plot.Align(fg.panels, tiles, c)
		for i, row := range fg.panels {
			for j, p := range row {
				if p != nil {
					p.Draw(canvases[i][j])
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
