package plots

import (
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
)

// linearTicks is a plot.Ticker for linear axes. It labels about six ticks
// at steps of 1, 2, 2.5 or 5 times a power of ten, all with the same number
// of decimals, just enough to write every step exactly (so 0.9990 and
// 0.9998 stay distinct, and 90000 never becomes 90000.0), and adds
// unlabelled minor ticks between them. From ten thousand up, values are
// written with the suffixes k, M and G ("90k", "2.5M"), and from a million
// G on in exponent notation ("2e+20"); a step of 2.5 is only taken when it
// needs no more decimals than its neighbours 2 and 5.
type linearTicks struct{}

func (linearTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return []plot.Tick{{Value: min, Label: formatNum(min)}}
	}
	big := math.Max(math.Abs(min), math.Abs(max))
	raw := (max - min) / 6
	scale, suffix := siScale(big, raw)
	step, mant := niceStep(raw, scale)
	decimals := decimalsOf(step / scale)
	label := func(v float64) string {
		switch {
		case v == 0:
			return "0"
		case big/scale >= 1e6:
			// Beyond the suffixes: "2e+20", not twenty-one digits.
			return formatNum(v)
		}
		return strconv.FormatFloat(v/scale, 'f', decimals, 64) + suffix
	}
	minor := step / 5
	if mant == 2 {
		minor = step / 4
	}
	if big/minor > 1<<50 {
		// A range of a few ulps (a metric equal at every point but for
		// rounding): counting such minor steps in a float would pass
		// 2^53, where i++ no longer moves i. One tick shows the value.
		return []plot.Tick{{Value: min, Label: formatNum(min)}}
	}
	var ticks []plot.Tick
	first := math.Ceil(min/minor - 1e-9)
	for i := first; i*minor <= max+minor*1e-9; i++ {
		v := i * minor
		if math.Abs(v/step-math.Round(v/step)) < 1e-6 {
			v = math.Round(v/step) * step
			ticks = append(ticks, plot.Tick{Value: v, Label: label(v)})
		} else {
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// siScale returns the scale and suffix of labels of values up to big in
// steps of about raw: G from a billion and M from a million, when the
// steps need at most two decimals in them, and k from ten thousand, when
// the steps are whole thousands (so that 77 500 is not written 77.5k).
func siScale(big, raw float64) (scale float64, suffix string) {
	switch {
	case big >= 1e9 && raw >= 1e7:
		return 1e9, "G"
	case big >= 1e6 && raw >= 1e4:
		return 1e6, "M"
	case big >= 1e4 && raw > 500:
		return 1e3, "k"
	}
	return 1, ""
}

// decimalsOf returns the number of decimals that write v exactly (up to
// float noise): 0 for 25, 1 for 2.5, 2 for 0.25.
func decimalsOf(v float64) int {
	v = math.Abs(v)
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	for d := 0; d < 15; d++ {
		p := v * math.Pow(10, float64(d))
		if p >= 0.5 && math.Abs(p-math.Round(p)) <= 1e-6*p {
			return d
		}
	}
	return 15
}

// niceStep returns the smallest step of 1, 2, 2.5 or 5 times a power of ten
// that is at least raw, and its mantissa. A step of 2.5 that would write
// labels in unit scale with a decimal more than 2 or 5 do (2.5 or 0.25, not
// 25) is replaced by the step of 2 just below it.
func niceStep(raw, scale float64) (step, mant float64) {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			switch {
			case m == 10:
				return 10 * p, 1
			case m == 2.5 && p/scale < 10*(1-1e-9):
				return 2 * p, 2
			}
			return m * p, m
		}
	}
	return 10 * p, 1
}

// logTicks is a plot.Ticker for log axes (min > 0). It labels the powers of
// ten, adds labels at 2 and 5 when the range spans less than three decades,
// and at every multiple when it spans less than 0.7, and then labels more
// (the powers of ten and 3 times them, then 2 and 5 times them, then every
// multiple) until at least minLogLabels labels fall inside the range. A
// range too narrow for that even with every multiple gets linear ticks.
// Labels from ten thousand up use the suffixes k, M and G.
type logTicks struct{}

// minLogLabels is the fewest labels of a log axis: with two or three, a
// reader cannot tell a log axis from a linear one, nor read values
// between the labels.
const minLogLabels = 4

// logLabelSets are the multiples of each power of ten labelled on a log
// axis, sparsest first; every multiple gets a tick.
var logLabelSets = [][]int{{1}, {1, 3}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) {
		return []plot.Tick{{Value: min, Label: formatNum(min)}}
	}
	decades := math.Log10(max / min)
	level := 0
	switch {
	case decades < 0.7:
		level = 3
	case decades < 3:
		level = 2
	}
	for ; level < len(logLabelSets); level++ {
		if ticks, n := logTicksWith(min, max, logLabelSets[level]); n >= minLogLabels {
			return ticks
		}
	}
	// Less than about half a decade: linear ticks read better.
	return linearTicks{}.Ticks(min, max)
}

// logTicksWith returns a tick at every multiple 1..9 of every power of ten
// in [min, max], labelled at the multiples in labelled, and the number of
// labels.
func logTicksWith(min, max float64, labelled []int) ([]plot.Tick, int) {
	lo := int(math.Floor(math.Log10(min) + 1e-9))
	hi := int(math.Ceil(math.Log10(max) - 1e-9))
	var ticks []plot.Tick
	inside := 0
	for e := lo; e <= hi; e++ {
		p := math.Pow(10, float64(e))
		for m := 1; m <= 9; m++ {
			v := float64(m) * p
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if slices.Contains(labelled, m) {
				t.Label = formatCompact(v)
				inside++
			}
			ticks = append(ticks, t)
		}
	}
	return ticks, inside
}

// log10Ticks is a plot.Ticker for an axis of log10 values: it places the
// ticks of logTicks at the logarithms of their values, keeping the values as
// labels. Drawing logarithms on a linear axis, rather than using
// plot.LogScale, keeps the axis labels centred on the axis.
type log10Ticks struct{}

func (log10Ticks) Ticks(min, max float64) []plot.Tick {
	ticks := logTicks{}.Ticks(math.Pow(10, min), math.Pow(10, max))
	for i := range ticks {
		ticks[i].Value = math.Log10(ticks[i].Value)
	}
	return ticks
}

// categoryTicks returns a tick at each position 0, 1, ..., labelled with
// labels[i] at every k-th position from the first; the others are minor.
func categoryTicks(labels []string, k int) plot.ConstantTicks {
	ticks := make(plot.ConstantTicks, len(labels))
	for i, l := range labels {
		ticks[i] = plot.Tick{Value: float64(i)}
		if i%max(k, 1) == 0 {
			ticks[i].Label = l
		}
	}
	return ticks
}

// unitTicks is a plot.Ticker that writes a unit after every label of
// another ticker's ticks ("250 ms"), for axes whose unit is named nowhere
// else.
type unitTicks struct {
	plot.Ticker
	unit string
}

func (u unitTicks) Ticks(min, max float64) []plot.Tick {
	ticks := u.Ticker.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label += " " + u.unit
		}
	}
	return ticks
}
