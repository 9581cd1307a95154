package plots

import (
	"bytes"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// figure is a whole chart: a title, a subtitle, a legend above the data
// area, and the plot itself.
type figure struct {
	title    string
	subtitle string
	legend   *legend
	plot     *plot.Plot
}

// margin surrounds the figure; the space between its parts is gap.
const (
	margin = vg.Length(6)
	gap    = vg.Length(5)
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
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, fg.title)
		c.Max.Y -= sty.Height(fg.title) + 2
	}
	if fg.subtitle != "" {
		sty := textStyle(subtitleSize, false, noteColor)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, fg.subtitle)
		c.Max.Y -= sty.Height(fg.subtitle)
	}
	if fg.title != "" || fg.subtitle != "" {
		c.Max.Y -= gap
	}
	if fg.legend != nil {
		if h := fg.legend.height(c.Size().X); h > 0 {
			fg.legend.draw(c)
			c.Max.Y -= h + gap
		}
	}
	fg.plot.Title.Text = ""
	fg.plot.Draw(c)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
