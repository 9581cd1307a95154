package plots

import (
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Rough widths of a y axis with its label and tick labels, and of one
// without labels (a panel sharing its row's axis).
const (
	yAxisRoom = vg.Length(55)
	yTickRoom = vg.Length(12)
)

// dataWidth estimates the width of the data area of each of cols panels
// side by side across the figure, only the first with y labels.
func dataWidth(cols int) vg.Length {
	w := figWidth - 2*margin - 4 - yAxisRoom - vg.Length(cols-1)*(panelGap+yTickRoom)
	return w / vg.Length(cols)
}

// fitCategoryLabels makes the labels of a categorical x axis fit the space
// between their positions, space wide: it shrinks them down to 7.5 points
// and, if they still collide, slants them by 30 degrees.
func fitCategoryLabels(a *plot.Axis, labels []string, space vg.Length) {
	for size := vg.Length(tickSize); size >= 7.5; size -= 0.5 {
		a.Tick.Label.Font.Size = size
		widest := vg.Length(0)
		for _, l := range labels {
			widest = max(widest, a.Tick.Label.Width(l))
		}
		if widest <= space*0.9 {
			return
		}
	}
	a.Tick.Label.Font.Size = tickSize - 0.5
	a.Tick.Label.Rotation = math.Pi / 6
	a.Tick.Label.XAlign = draw.XRight
	a.Tick.Label.YAlign = draw.YCenter
}

// wrapText breaks txt into lines no wider than width in style sty, at
// spaces, so that long titles and notes stay inside the figure. A word
// longer than width gets a line of its own.
func wrapText(sty text.Style, txt string, width vg.Length) string {
	if sty.Width(txt) <= width {
		return txt
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(txt) {
		if line != "" && sty.Width(line+" "+w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
