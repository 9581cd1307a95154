package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Figure size and resolution: 16 cm × 10 cm at 200 dpi (1260 × 787 px).
const (
	figWidth  = 16 * vg.Centimeter
	figHeight = 10 * vg.Centimeter
	figDPI    = 200
)

// Font sizes, readable when the figure is printed at its own size.
const (
	titleSize    = 12
	subtitleSize = 9
	labelSize    = 11
	tickSize     = 9
	legendSize   = 9.5
)

// palette is the Okabe–Ito palette, ordered so that neighbouring series
// also differ in lightness when printed in grey; yellow comes last because
// it is faint on white.
var palette = []color.Color{
	rgb(0x00, 0x72, 0xB2), // blue
	rgb(0xD5, 0x5E, 0x00), // vermillion
	rgb(0x00, 0x9E, 0x73), // bluish green
	rgb(0xCC, 0x79, 0xA7), // reddish purple
	rgb(0xE6, 0x9F, 0x00), // orange
	rgb(0x56, 0xB4, 0xE9), // sky blue
	rgb(0x00, 0x00, 0x00), // black
	rgb(0xF0, 0xE4, 0x42), // yellow
}

// partColors fill the stacked send, receive and process bars: dark, light
// and middle in grey.
var partColors = []color.Color{
	rgb(0x00, 0x72, 0xB2), // blue
	rgb(0xE6, 0x9F, 0x00), // orange
	rgb(0x00, 0x9E, 0x73), // bluish green
}

// dashes are the series' line patterns; the count is coprime with the
// palette's so colour and dash combinations repeat late.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(2.5)},
	{vg.Points(1.5), vg.Points(2)},
	{vg.Points(6), vg.Points(2), vg.Points(1.5), vg.Points(2)},
	{vg.Points(10), vg.Points(3)},
}

// theoryDash is the pattern of theory lines.
var theoryDash = []vg.Length{vg.Points(4), vg.Points(3)}

var (
	gridColor = color.Gray{Y: 0xE0}
	noteColor = color.Gray{Y: 0x50}
)

func rgb(r, g, b uint8) color.Color { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }

// weightBold is golang.org/x/image/font.WeightBold (CSS weight 700),
// written as a number so that plots imports only gonum and the standard
// library.
const weightBold = 3

// sans returns the figure font at size points.
func sans(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = weightBold
	}
	return f
}

// textStyle returns a black (or col) text style of the figure font.
func textStyle(size vg.Length, bold bool, col color.Color) text.Style {
	if col == nil {
		col = color.Black
	}
	return text.Style{
		Color:   col,
		Font:    sans(size, bold),
		Handler: plot.DefaultTextHandler,
	}
}

// newPlot returns a plot styled for the figure: figure fonts, thin axes,
// outward ticks of moderate length, no title (the figure draws it).
func newPlot() *plot.Plot {
	p := plot.New()
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(labelSize, false)
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = sans(tickSize, false)
		a.Tick.Length = vg.Points(4)
		a.Tick.Width = vg.Points(0.6)
		a.Width = vg.Points(0.8)
		a.Padding = vg.Points(4)
	}
	return p
}

// gridStyle is the style of the light grid lines.
func gridStyle() draw.LineStyle {
	return draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
}
