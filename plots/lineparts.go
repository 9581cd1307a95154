package plots

import (
	"fmt"
	"strconv"

	"github.com/asyncsim/asyncsim/metrics"

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

// subtitle names the experiment and says what the values are (means over
// replications, or single runs), with what the error bars show when there
// are any.
func subtitle(m Meta, bars string) string {
	return valueSubtitle(m, "", bars)
}

// valueSubtitle is subtitle for a chart of y over a swept path, whose
// values need not be means: a delay percentile of the summary is pooled
// over the replications (their requests together), and a ratio of two
// metrics is the ratio of their sums. y "" stands for means.
func valueSubtitle(m Meta, y string, bars string) string {
	n := m.Replications
	count := strconv.Itoa(n)
	if m.fewest > 0 && m.fewest < n {
		// Points with different counts (a precision target): the range.
		count = strconv.Itoa(m.fewest) + "–" + count
	}
	var t string
	pct, pooled := pooledPercentile(y)
	num, den, ratio := RatioParts(y)
	switch {
	case n == 1:
		t = "1 replication"
	case n > 1 && pooled:
		t = fmt.Sprintf("pooled %s of %s replications", pct, count)
	case n > 1 && ratio:
		t = fmt.Sprintf("Σ %s / Σ %s over %s replications", num, den, count)
	case n > 1:
		t = fmt.Sprintf("mean of %s replications", count)
	}
	if bars != "" {
		t = joinClause(t, bars)
	}
	if m.Experiment != "" {
		t = joinNote(m.Experiment, t)
	}
	return t
}

// pooledPercentile returns the short name of the percentile column y of
// the summary, "p99.9" for delay.p99_9 and "p99" for send.p99 or
// service.db.delay.p99, and whether y is one: the percentile of a point's
// requests pooled over its replications.
func pooledPercentile(y string) (string, bool) {
	_, p, ok := metrics.ParsePercentileColumn(y)
	if !ok {
		return "", false
	}
	return "p" + strconv.FormatFloat(p, 'f', -1, 64), true
}

// joinClause joins two parts of one note with "; ".
func joinClause(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
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
