package plots

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barWidth is the width of a bar in x units (one unit between x values).
const barWidth = 0.62

// panelCols returns how many of k panels stand side by side: up to four
// in a row, more only when there are over 16.
func panelCols(k int) int {
	return min(k, max(4, int(math.Ceil(math.Sqrt(float64(k))))))
}

// decompositionChart builds the stacked bar chart of the mean send,
// receive and process delays at every x value. With several groups (series
// values) each group gets its own panel, titled with its value, and all
// panels share the y scale, so that heights compare across panels. With
// replications, an error bar on each stack shows the 95% interval of
// delay.mean, which the stack's height equals.
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
	groups, keys, err := f.groups(s.X, s.Series, m)
	if err != nil {
		return nil, err
	}

	// complete reports whether row r has all parts, with a finite sum.
	complete := func(r int) bool {
		total := 0.0
		for _, c := range parts {
			if !c.ok[r] {
				return false
			}
			total += math.Max(c.v[r], 0)
		}
		return xa.ok[r] && !math.IsInf(total, 0)
	}
	maxSec := 0.0
	for r := range f.rows {
		if !complete(r) {
			continue
		}
		total := 0.0
		for _, c := range parts {
			total += math.Max(c.v[r], 0)
		}
		maxSec = math.Max(maxSec, total)
		if ci && hi.ok[r] {
			maxSec = math.Max(maxSec, hi.v[r])
		}
	}
	u := timeUnit(maxSec)
	ylabel := "mean delay (" + u.name + ")"

	// One panel per group, bars and error bars in display units.
	type panel struct {
		bars rects
		errs errorBars
	}
	panels := make([]panel, len(groups))
	var ys span
	ys.add(0)
	for gi, g := range groups {
		for _, r := range g.rows {
			if !complete(r) {
				continue
			}
			x, y := xa.pos[r], 0.0
			for i, c := range parts {
				v := math.Max(c.v[r], 0) * u.scale
				panels[gi].bars = append(panels[gi].bars, rect{x - barWidth/2, x + barWidth/2, y, y + v, partColors[i]})
				y += v
			}
			ys.add(y)
			if ci && lo.ok[r] && hi.ok[r] && !math.IsInf(hi.v[r]-lo.v[r], 0) {
				l, h := lo.v[r]*u.scale, hi.v[r]*u.scale
				panels[gi].errs = append(panels[gi].errs, errorBar{x, y, math.Max(y-l, 0), math.Max(h-y, 0)})
				ys.add(h)
			}
		}
	}
	empty, anyErrs := true, false
	for _, pn := range panels {
		empty = empty && len(pn.bars) == 0
		anyErrs = anyErrs || len(pn.errs) > 0
	}
	if empty {
		return nil, fmt.Errorf("no point has all of send.mean, receive.mean and process.mean to plot")
	}

	cols := panelCols(len(groups))
	rows := (len(groups) + cols - 1) / cols
	cells := make([][]*plot.Plot, rows)
	for i := range cells {
		cells[i] = make([]*plot.Plot, cols)
	}
	space := dataWidth(cols) / vg.Length(max(len(xa.cats), 3))
	for gi, pn := range panels {
		p := newPlot()
		p.Y.Padding = 0
		p.Add(&grid{ticker: linearTicks{}})
		p.Add(pn.bars)
		if len(pn.errs) > 0 {
			e, err := plotter.NewYErrorBars(pn.errs)
			if err != nil {
				return nil, err
			}
			e.LineStyle = draw.LineStyle{Color: noteColor, Width: errWidth}
			e.CapWidth = errCap
			p.Add(e)
		}
		setY(p, ys, kindDuration, false, false)
		// At least three bars' room, so that one or two bars stay slim.
		setCategoryX(p, xa.cats, 0.5+math.Max(0, 3-float64(len(xa.cats)))/2)
		p.X.Tick.Length = 0
		fitCategoryLabels(&p.X, xa.cats, space)
		if gi%cols != 0 {
			p.Y.Tick.Marker = unlabelled{p.Y.Tick.Marker}
		}
		if len(groups) > 1 {
			p.Title.TextStyle.Font = sans(labelSize-1, false)
			p.Title.Text = wrapText(p.Title.TextStyle, groups[gi].label, dataWidth(cols)+yTickRoom)
			p.Title.Padding = vg.Length(3)
		} else {
			p.X.Label.Text = xa.label
			p.Y.Label.Text = ylabel
		}
		cells[gi/cols][gi%cols] = p
	}

	lg := newLegend("")
	for i, dp := range decompositionParts {
		lg.add(dp.name, swatch{partColors[i]})
	}
	fg := &figure{
		title:    titleOf(s, "Delay = Send + Receive + Process"),
		subtitle: subtitle(m, ifAny(anyErrs, "error bars: 95% CI of delay.mean")),
		legend:   lg,
		panels:   cells,
	}
	if len(groups) > 1 {
		fg.xlabel, fg.ylabel = xa.label, ylabel
		fg.subtitle = joinNote(fg.subtitle, "one panel per "+strings.Join(keys, " and "))
	}
	return fg, nil
}

// unlabelled is a plot.Ticker that keeps another ticker's tick marks but
// drops their labels, for panels that share the y axis of their row's first
// panel.
type unlabelled struct{ plot.Ticker }

func (u unlabelled) Ticks(min, max float64) []plot.Tick {
	ticks := u.Ticker.Ticks(min, max)
	for i := range ticks {
		ticks[i].Label = ""
	}
	return ticks
}
