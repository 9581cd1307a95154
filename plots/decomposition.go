package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bar layout in x units: the bars of one x value share groupWidth, and each
// bar fills barFill of its share.
const (
	groupWidth = 0.8
	barFill    = 0.85
)

// decompositionChart builds the stacked bar chart of the mean send,
// receive and process delays at every x value; with several groups (series
// values) the bars of one x value stand side by side, each labelled with its
// series value above the x value. With replications, an error bar on each
// stack shows the 95% interval of delay.mean, which the stack's height
// equals.
func decompositionChart(f *frame, s Spec, m Meta) (*figure, error) {
	xa, err := f.axis(s.X, m, true)
	if err != nil {
		return nil, err
	}
	parts := make([]column, len(decompositionParts))
	for i, dp := range decompositionParts {
		if parts[i].v, parts[i].ok, err = f.numbers(dp.column); err != nil {
			return nil, err
		}
	}
	var lo, hi column
	ci := m.Replications > 1 && f.has("delay.mean.lo") && f.has("delay.mean.hi")
	if ci {
		if lo.v, lo.ok, err = f.numbers("delay.mean.lo"); err != nil {
			return nil, err
		}
		if hi.v, hi.ok, err = f.numbers("delay.mean.hi"); err != nil {
			return nil, err
		}
	}
	groups, err := f.groups(s.X, s.Series, m)
	if err != nil {
		return nil, err
	}

	complete := func(r int) bool {
		for _, c := range parts {
			if !c.ok[r] {
				return false
			}
		}
		return xa.ok[r]
	}
	maxSec := 0.0
	for r := range f.rows {
		if !complete(r) {
			continue
		}
		total := 0.0
		for _, c := range parts {
			total += c.v[r]
		}
		maxSec = math.Max(maxSec, total)
		if ci && hi.ok[r] {
			maxSec = math.Max(maxSec, hi.v[r])
		}
	}
	u := timeUnit(maxSec)

	k := len(groups)
	slot := groupWidth / float64(k)
	var bars rects
	var eb errorBars
	var ys span
	ys.add(0)
	for gi, g := range groups {
		for _, r := range g.rows {
			if !complete(r) {
				continue
			}
			x := xa.pos[r] - groupWidth/2 + slot*(float64(gi)+0.5)
			y := 0.0
			for i, c := range parts {
				v := math.Max(c.v[r], 0) * u.scale
				bars = append(bars, rect{x - slot*barFill/2, x + slot*barFill/2, y, y + v, partColors[i]})
				y += v
			}
			ys.add(y)
			if ci && lo.ok[r] && hi.ok[r] {
				l, h := lo.v[r]*u.scale, hi.v[r]*u.scale
				eb = append(eb, errorBar{x, y, math.Max(y-l, 0), math.Max(h-y, 0)})
				ys.add(h)
			}
		}
	}
	if len(bars) == 0 {
		return nil, fmt.Errorf("no point has all of send.mean, receive.mean and process.mean to plot")
	}

	p := newPlot()
	p.Y.Label.Text = "mean delay (" + u.name + ")"
	p.X.Label.Text = xa.label
	p.X.Tick.Length = 0
	p.Y.Padding = 0
	addGrid(p, false, true)
	p.Add(bars)
	if len(eb) > 0 {
		e, err := plotter.NewYErrorBars(eb)
		if err != nil {
			return nil, err
		}
		e.LineStyle = draw.LineStyle{Color: noteColor, Width: errWidth}
		e.CapWidth = errCap
		p.Add(e)
	}
	setY(p, ys, kindDuration, false, false)
	p.Y.Max *= 1.04
	p.X.Min, p.X.Max = -0.5, float64(len(xa.cats))-0.5
	if k == 1 {
		p.X.Tick.Marker = categoryTicks(xa.cats)
	} else {
		p.X.Tick.Marker = groupTicks(xa.cats, groups, slot)
		if s.Series != "" {
			p.X.Label.Text += " · bars: " + s.Series
		}
		fitTickLabels(p, float64(len(xa.cats))/slot)
	}

	lg := newLegend("")
	for i, dp := range decompositionParts {
		lg.add(dp.name, swatch{partColors[i]})
	}
	return &figure{
		title:    titleOf(s, "Delay = Send + Receive + Process"),
		subtitle: subtitle(m, "error bars: 95% CI of delay.mean"),
		legend:   lg,
		plot:     p,
	}, nil
}

// groupTicks labels every bar with its group and, on a second line under
// the middle of each x value's bars, the x value.
func groupTicks(cats []string, groups []group, slot float64) plot.ConstantTicks {
	var ticks plot.ConstantTicks
	k := len(groups)
	for ci, cat := range cats {
		for gi, g := range groups {
			x := float64(ci) - groupWidth/2 + slot*(float64(gi)+0.5)
			label := g.label
			if k%2 == 1 && gi == k/2 {
				label += "\n" + cat
			}
			ticks = append(ticks, plot.Tick{Value: x, Label: label})
		}
		if k%2 == 0 {
			ticks = append(ticks, plot.Tick{Value: float64(ci), Label: "\n" + cat})
		}
	}
	return ticks
}

// fitTickLabels shrinks the x tick labels, down to 7 points, until the
// widest fits the space between n evenly spread bars.
func fitTickLabels(p *plot.Plot, n float64) {
	space := (figWidth - 2*margin - 60) / vg.Length(n) // 60 pt for the y axis
	for size := vg.Length(tickSize); size >= 7; size -= 0.5 {
		p.X.Tick.Label.Font.Size = size
		widest := vg.Length(0)
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			// Only the bar labels on the first line share the space; the x
			// values below them spread over a whole group.
			first := p.X.Tick.Label.Handler.Lines(t.Label)[0]
			widest = max(widest, p.X.Tick.Label.Width(first))
		}
		if widest <= space*0.95 {
			return
		}
	}
}
