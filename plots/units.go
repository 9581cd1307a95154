package plots

import (
	"math"
	"strconv"
)

// unit is a display unit for seconds: a value in the unit is seconds*scale.
// The zero unit (scale 0) is replaced by noUnit, which leaves values alone.
type unit struct {
	name  string
	scale float64
}

// noUnit leaves values as they are; its name is empty.
var noUnit = unit{scale: 1}

// timeUnit returns the unit in which durations up to maxAbs seconds read
// best: the largest of s, ms, µs and ns in which maxAbs is at least 1.
func timeUnit(maxAbs float64) unit {
	switch {
	case maxAbs == 0 || math.IsNaN(maxAbs) || maxAbs >= 1:
		return unit{"s", 1}
	case maxAbs >= 1e-3:
		return unit{"ms", 1e3}
	case maxAbs >= 1e-6:
		return unit{"µs", 1e6}
	default:
		return unit{"ns", 1e9}
	}
}

// formatNum formats v compactly: no trailing zeros, no float noise
// (0.30000000000000004 prints as 0.3), exponent form only when v is very
// large or very small.
func formatNum(v float64) string {
	if v == 0 {
		return "0"
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
	if a := math.Abs(r); a >= 1e-4 && a < 1e7 {
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	return strconv.FormatFloat(r, 'g', -1, 64)
}

// formatCompact is formatNum with the suffixes k, M and G for values from
// ten thousand up that they write exactly: 20000 is "20k", 1.5e6 "1.5M".
func formatCompact(v float64) string {
	for _, s := range []struct {
		scale  float64
		suffix string
	}{{1e9, "G"}, {1e6, "M"}, {1e3, "k"}} {
		if a := math.Abs(v); a >= s.scale && a >= 1e4 && a < 1e15 {
			if q := v / s.scale; decimalsOf(q) <= 1 {
				return formatNum(q) + s.suffix
			}
		}
	}
	return formatNum(v)
}
