package plots

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// segments returns the points (x(r), value(r)) of rows in order, split
// where value reports no value, so that missing values leave gaps.
func segments(rows []int, x func(int) float64, value func(int) (float64, bool)) []plotter.XYs {
	var segs []plotter.XYs
	var cur plotter.XYs
	for _, r := range rows {
		y, ok := value(r)
		if !ok {
			if len(cur) > 0 {
				segs = append(segs, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, plotter.XY{X: x(r), Y: y})
	}
	if len(cur) > 0 {
		segs = append(segs, cur)
	}
	return segs
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// mustLine returns a line through points the caller knows to be finite.
func mustLine(xys plotter.XYs) *plotter.Line {
	if xys == nil {
		xys = plotter.XYs{}
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		panic(err)
	}
	return l
}

// mustScatter is mustLine for markers.
func mustScatter(xys plotter.XYs) *plotter.Scatter {
	if xys == nil {
		xys = plotter.XYs{}
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		panic(err)
	}
	return s
}

// titleOf returns the spec's title or def.
func titleOf(s Spec, def string) string {
	if s.Title != "" {
		return s.Title
	}
	return def
}

// subtitle names the experiment and says what the values are: means over
// replications, with what the error bars show when there are any, or
// single runs.
func subtitle(m Meta, bars string) string {
	var t string
	switch {
	case m.Replications > 1 && bars != "":
		t = fmt.Sprintf("mean of %d replications; %s", m.Replications, bars)
	case m.Replications > 1:
		t = fmt.Sprintf("mean of %d replications", m.Replications)
	case m.Replications == 1:
		t = "1 replication"
	}
	if m.Experiment != "" {
		t = joinNote(m.Experiment, t)
	}
	return t
}

// ifAny returns s when cond holds, else "".
func ifAny(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// joinNote appends note to a subtitle.
func joinNote(sub, note string) string {
	switch {
	case sub == "":
		return note
	case note == "":
		return sub
	}
	return sub + noteSep + note
}

// dash marks a single theory value, which has no neighbour to draw a line
// to, with a short solid horizontal stroke.
type dash struct {
	at    plotter.XY
	style draw.LineStyle
}

func (l *dash) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	x, y := trX(l.at.X), trY(l.at.Y)
	ls := l.style
	ls.Dashes = nil
	c.StrokeLine2(ls, x-7, y, x+7, y)
}

func (l *dash) DataRange() (xmin, xmax, ymin, ymax float64) {
	return l.at.X, l.at.X, l.at.Y, l.at.Y
}
