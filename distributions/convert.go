package distributions

import (
	"math"
	"strconv"

	"github.com/asyncsim/asyncsim/sim"
)

// MaxSample is the largest duration Sample returns (100 Julian years);
// larger draws are clamped to it so that they cannot overflow the clock.
const MaxSample = 876600 * sim.Hour

// maxSampleSeconds is MaxSample in seconds.
const maxSampleSeconds = float64(MaxSample) / 1e9

// fromSeconds converts a draw in seconds to a duration: negative and NaN
// become 0, huge values MaxSample, the rest are rounded to the nanosecond.
func fromSeconds(x float64) sim.Duration {
	if !(x > 0) {
		return 0
	}
	if x >= maxSampleSeconds {
		return MaxSample
	}
	return sim.Duration(x*1e9 + 0.5)
}

// clamp limits d to [0, MaxSample].
func clamp(d sim.Duration) sim.Duration {
	return min(max(d, 0), MaxSample)
}

// fmtSeconds formats a time in seconds for messages and String, like a
// duration ("10ms") when it is representable and like a number otherwise.
func fmtSeconds(x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return fmtNum(x)
	}
	ns := math.Round(x * 1e9)
	if math.Abs(ns) >= 9.2e18 || (ns == 0 && x != 0) {
		return fmtNum(x) + "s"
	}
	return sim.Duration(ns).String()
}

// fmtNum formats a plain number as briefly as possible.
func fmtNum(x float64) string {
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// finite reports whether x is neither infinite nor NaN.
func finite(x float64) bool {
	return !math.IsInf(x, 0) && !math.IsNaN(x)
}
