package plots

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// panelWidth estimates the width of each of cols panels side by side
// across the figure, axes included.
func panelWidth(cols int) vg.Length {
	w := figWidth - 2*margin - 4 - 2*labelSize - vg.Length(cols-1)*panelGap
	return w / vg.Length(cols)
}

// Category labels: the smallest font they shrink to, the room left
// between neighbours, and the longest vertical label in runes.
const (
	minTickSize   = 7.5
	labelGap      = vg.Length(4)
	maxVertical   = 16
	verticalAngle = math.Pi / 2
)

// fitCategoryLabels makes the labels of a categorical x axis, whose
// neighbours stand space apart, fit without overlapping: it shrinks them
// down to 7.5 points; if they still collide, it labels only every k-th
// category when the labels are numbers (the others keep their place and
// the order tells their values), and otherwise turns the labels vertical,
// shortening long ones with an ellipsis in the middle, and thins them out
// too if even vertical labels are too close.
func fitCategoryLabels(a *plot.Axis, labels []string, space vg.Length) {
	sty := &a.Tick.Label
	widest := func() vg.Length {
		w := vg.Length(0)
		for _, l := range labels {
			w = max(w, sty.Width(l))
		}
		return w
	}
	for size := vg.Length(tickSize); size >= minTickSize; size -= 0.5 {
		sty.Font.Size = size
		if widest()+labelGap <= space {
			a.Tick.Marker = categoryTicks(labels, 1)
			return
		}
	}
	if numeric(labels) {
		// Label as many categories as the smallest font allows, in the
		// largest font that labels as many.
		k := stride(widest()+labelGap, space)
		for size := vg.Length(tickSize); size >= minTickSize; size -= 0.5 {
			sty.Font.Size = size
			if stride(widest()+labelGap, space) == k {
				break
			}
		}
		a.Tick.Marker = categoryTicks(labels, k)
		return
	}
	sty.Font.Size = tickSize - 0.5
	short := make([]string, len(labels))
	for i, l := range labels {
		// The trailing spaces keep the label's end off the tick mark,
		// which plot.Axis would let it touch.
		short[i] = ellipsize(l, maxVertical) + "  "
	}
	sty.Rotation = verticalAngle
	sty.XAlign, sty.YAlign = draw.XRight, draw.YCenter
	a.Tick.Marker = categoryTicks(short, stride(sty.Height("0")+labelGap/2, space))
}

// stride returns the smallest k such that labels need room of at most k
// times space: k = 1 labels every category, 2 every other one.
func stride(room, space vg.Length) int {
	if space <= 0 {
		return 1
	}
	return max(1, int(math.Ceil(float64(room/space)-1e-9)))
}

// numeric reports whether every label is a number.
func numeric(labels []string) bool {
	for _, l := range labels {
		if _, err := strconv.ParseFloat(l, 64); err != nil {
			return false
		}
	}
	return len(labels) > 0
}

// ellipsize shortens s to at most n runes by replacing its middle with
// "…", keeping both ends: names often differ only at the end
// ("variant-10", "variant-11").
func ellipsize(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	tail := (n - 1) / 2
	head := n - 1 - tail
	return strings.TrimSpace(string(r[:head])) + "…" + strings.TrimSpace(string(r[len(r)-tail:]))
}

// noteSep separates the notes of a subtitle.
const noteSep = " · "

// wrapText breaks txt into lines no wider than width in style sty, so that
// long titles and notes stay inside the figure: between notes (at " · ")
// where that is enough, else at spaces. A word longer than width gets a
// line of its own.
func wrapText(sty text.Style, txt string, width vg.Length) string {
	if sty.Width(txt) <= width {
		return txt
	}
	if notes := strings.Split(txt, noteSep); len(notes) > 1 {
		var lines []string
		line := ""
		for _, n := range notes {
			if line != "" && sty.Width(line+noteSep+n) > width {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += noteSep
			}
			line += n
		}
		lines = append(lines, line)
		fits := true
		for _, l := range lines {
			fits = fits && sty.Width(l) <= width
		}
		if fits {
			return strings.Join(lines, "\n")
		}
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
