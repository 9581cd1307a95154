package plots

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
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
// receive and process delays at every x value, leaving out a part that is
// 0 at every point (the subtitle says so). With several groups (series
// values) each group gets its own panel, titled with its value, with its own
// y scale, so that small delays stay readable beside large ones; a panel
// whose delays are far below the largest also gets its own unit. With
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
	shown := shownParts(parts)
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

	// total returns the height of the stack of row r in seconds, and
	// whether row r has all parts, with a finite sum.
	total := func(r int) (float64, bool) {
		sum := 0.0
		for _, c := range parts {
			if !c.ok[r] {
				return 0, false
			}
			sum += math.Max(c.v[r], 0)
		}
		return sum, xa.ok[r] && !math.IsInf(sum, 0)
	}
	// interval returns the clipped 95% interval of delay.mean of row r.
	interval := func(r int) (l, h float64, ok bool) {
		if !ci || !lo.ok[r] || !hi.ok[r] || math.IsInf(hi.v[r]-lo.v[r], 0) {
			return 0, 0, false
		}
		l, h = clipInterval(kindDuration, lo.v[r], hi.v[r])
		return l, h, true
	}
	maxSec := make([]float64, len(groups))
	for gi, g := range groups {
		for _, r := range g.rows {
			if t, ok := total(r); ok {
				maxSec[gi] = math.Max(maxSec[gi], t)
				if _, h, ok := interval(r); ok {
					maxSec[gi] = math.Max(maxSec[gi], h)
				}
			}
		}
	}
	units := panelUnits(maxSec)

	// One panel per group, bars and error bars in the panel's unit.
	type panel struct {
		bars rects
		errs []ciBar
		ys   span
	}
	panels := make([]panel, len(groups))
	empty, anyErrs := true, false
	for gi, g := range groups {
		pn := &panels[gi]
		scale := units[gi].scale
		pn.ys.add(0)
		for _, r := range g.rows {
			if _, ok := total(r); !ok {
				continue
			}
			x, y := xa.pos[r], 0.0
			for i, c := range parts {
				if !shown[i] {
					continue
				}
				v := math.Max(c.v[r], 0) * scale
				pn.bars = append(pn.bars, rect{x - barWidth/2, x + barWidth/2, y, y + v, partColors[i]})
				y += v
			}
			pn.ys.add(y)
			if l, h, ok := interval(r); ok {
				l, h = math.Min(l*scale, y), math.Max(h*scale, y)
				pn.errs = append(pn.errs, ciBar{x: x, y: y, lo: l, hi: h})
				pn.ys.add(h)
			}
		}
		empty = empty && len(pn.bars) == 0
		anyErrs = anyErrs || len(pn.errs) > 0
	}
	if empty {
		return nil, fmt.Errorf("no point has all of send.mean, receive.mean and process.mean to plot")
	}
	shared := true
	for _, u := range units {
		shared = shared && u == units[0]
	}

	cols := panelCols(len(groups))
	rows := (len(groups) + cols - 1) / cols
	cells := make([][]*plot.Plot, rows)
	for i := range cells {
		cells[i] = make([]*plot.Plot, cols)
	}
	var plots []*plot.Plot
	for gi, pn := range panels {
		p := newPlot()
		p.Y.Padding = 0
		p.Add(&grid{ticker: linearTicks{}})
		p.Add(pn.bars)
		if len(pn.errs) > 0 {
			p.Add(&ciBars{bars: pn.errs, line: draw.LineStyle{Color: noteColor, Width: errWidth}, cap: errCap, maxCap: barWidth * 0.7})
		}
		setY(p, pn.ys, kindDuration, false, false)
		// At least three bars' room, so that one or two bars stay slim.
		setCategoryX(p, xa.cats, 0.5+math.Max(0, 3-float64(len(xa.cats)))/2)
		p.X.Tick.Length = 0
		switch {
		case len(groups) == 1:
			p.X.Label.Text = xa.label
			p.Y.Label.Text = "mean delay (" + units[gi].name + ")"
		case !shared:
			// Units differ between panels: each tick names its own.
			p.Y.Tick.Marker = unitTicks{p.Y.Tick.Marker, units[gi].name}
		}
		if len(groups) > 1 {
			p.Title.TextStyle.Font = sans(labelSize-1, false)
			p.Title.Text = wrapText(p.Title.TextStyle, groups[gi].title, panelWidth(cols))
			p.Title.Padding = vg.Length(3)
		}
		cells[gi/cols][gi%cols] = p
		plots = append(plots, p)
	}

	lg := newLegend("")
	var zero []string
	for i, dp := range decompositionParts {
		if shown[i] {
			lg.add(dp.name, swatch{partColors[i]})
		} else {
			zero = append(zero, dp.name)
		}
	}
	fg := &figure{
		title:    titleOf(s, "Delay = Send + Receive + Process"),
		subtitle: joinNote(subtitle(m, ifAny(anyErrs, "error bars: 95% CI of delay.mean")), zeroNote(zero)),
		legend:   lg,
		panels:   cells,
		fitX: func(w vg.Length) {
			for _, p := range plots {
				fitCategoryLabels(&p.X, xa.cats, w/vg.Length(p.X.Max-p.X.Min))
			}
		},
	}
	if len(groups) > 1 {
		fg.xlabel = xa.label
		fg.ylabel = "mean delay"
		if shared {
			fg.ylabel += " (" + units[0].name + ")"
		}
		fg.subtitle = joinNote(fg.subtitle, "each panel has its own y scale")
	}
	return fg, nil
}

// shownParts reports which parts of the decomposition are drawn: those
// that are above 0 at some point. A part that is 0 (or missing)
// everywhere, such as the process delay of a model whose clients take no
// time to process a reply, would only add a legend entry for nothing.
// When every part is 0 everywhere, all are shown.
func shownParts(parts []column) []bool {
	shown := make([]bool, len(parts))
	some := false
	for i, c := range parts {
		for r, ok := range c.ok {
			if ok && c.v[r] > 0 {
				shown[i], some = true, true
				break
			}
		}
	}
	if !some {
		for i := range shown {
			shown[i] = true
		}
	}
	return shown
}

// zeroNote says which parts are left out for being 0 everywhere:
// "process: 0 at every point".
func zeroNote(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " and ") + ": 0 at every point"
}

// panelUnits returns the display unit of each panel whose largest delay is
// maxSec[i] seconds: the unit of the largest delay of all panels, except
// for panels whose delays stay below a tenth of it, which get the smaller
// unit that suits them (ms beside a panel in s).
func panelUnits(maxSec []float64) []unit {
	top := 0.0
	for _, v := range maxSec {
		top = math.Max(top, v)
	}
	common := timeUnit(top)
	units := make([]unit, len(maxSec))
	for i, v := range maxSec {
		units[i] = common
		if u := timeUnit(v); v > 0 && v < top/10 && u.scale > common.scale {
			units[i] = u
		}
	}
	return units
}
