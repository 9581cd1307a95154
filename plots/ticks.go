package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// linearTicks is a plot.Ticker for linear axes. It labels about six ticks
// at steps of 1, 2, 2.5 or 5 times a power of ten, all with the same number
// of decimals, enough to tell neighbouring labels apart (so 0.9990 and
// 0.9998 stay distinct), and adds unlabelled minor ticks between them.
// Millions and billions are written with the suffixes M and G ("2.5M").
type linearTicks struct{}

func (linearTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return []plot.Tick{{Value: min, Label: formatNum(min)}}
	}
	step, mant := niceStep((max - min) / 6)
	scale, suffix := 1.0, ""
	switch big := math.Max(math.Abs(min), math.Abs(max)); {
	case big >= 1e9:
		scale, suffix = 1e9, "G"
	case big >= 1e6:
		scale, suffix = 1e6, "M"
	}
	decimals := max0(-int(math.Floor(math.Log10(step/scale) + 1e-9)))
	if mant == 2.5 {
		decimals++
	}
	label := func(v float64) string {
		if v == 0 {
			return "0"
		}
		return strconv.FormatFloat(v/scale, 'f', decimals, 64) + suffix
	}
	minor := step / 5
	if mant == 2 {
		minor = step / 4
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

// niceStep returns the smallest step of 1, 2, 2.5 or 5 times a power of ten
// that is at least raw, and its mantissa.
func niceStep(raw float64) (step, mant float64) {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			if m == 10 {
				return 10 * p, 1
			}
			return m * p, m
		}
	}
	return 10 * p, 1
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// logTicks is a plot.Ticker for log axes (min > 0). It labels the powers of
// ten, adds labels at 2 and 5 when the range spans less than two decades,
// and at every multiple when it spans less than one, so that at least two
// labels fall inside the range.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) {
		return []plot.Tick{{Value: min, Label: formatNum(min)}}
	}
	decades := math.Log10(max / min)
	labelled := map[int]bool{1: true}
	switch {
	case decades < 0.7:
		for m := 2; m <= 9; m++ {
			labelled[m] = true
		}
	case decades < 2:
		labelled[2], labelled[5] = true, true
	}
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
			if labelled[m] {
				t.Label = formatNum(v)
				inside++
			}
			ticks = append(ticks, t)
		}
	}
	if inside < 2 {
		// Less than a tenth of a decade: linear ticks read better.
		return linearTicks{}.Ticks(min, max)
	}
	return ticks
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

// categoryTicks returns one labelled tick at each position 0, 1, ... .
func categoryTicks(labels []string) plot.ConstantTicks {
	ticks := make(plot.ConstantTicks, len(labels))
	for i, l := range labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: l}
	}
	return ticks
}
