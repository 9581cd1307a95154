package distributions

import (
	"math"
	"strings"

	"github.com/asyncsim/asyncsim/sim"
)

// durationUnits maps each accepted unit to its length in nanoseconds, the
// two-letter units first so that "ms" is not read as "m".
var durationUnits = []struct {
	name string
	ns   float64
}{
	{"ns", 1}, {"us", 1e3}, {"µs", 1e3}, {"μs", 1e3}, {"ms", 1e6},
	{"s", 1e9}, {"m", 60e9}, {"h", 3600e9},
}

// msgNotDuration says how a duration is written.
const msgNotDuration = "must be a duration (a number with unit ns, us, ms, s, m or h, or bare seconds)"

// maxDuration is the largest sim.Duration.
const maxDuration = sim.Duration(math.MaxInt64)

// durationError is why a string is not a valid duration. Its msg reads
// after the name of what was being parsed: "mean must be >= 0".
type durationError struct {
	input string
	msg   string
}

// Error returns e.g. `invalid duration "-1s": must be >= 0`.
func (e *durationError) Error() string {
	return "invalid duration " + quote(e.input) + ": " + e.msg
}

// ParseDuration parses a non-negative duration: a decimal number followed by
// a unit ns, us (or µs), ms, s, m or h, as in "10ms", "1.5s" or "2m", or a
// bare number of seconds such as "0.5", "2" or "1e-3". Surrounding spaces and
// spaces between number and unit are allowed. The result is rounded to the
// nanosecond. Negative, non-finite and out-of-range values are errors.
func ParseDuration(s string) (sim.Duration, error) {
	t := strings.TrimSpace(s)
	num, unit := t, 1e9
	for _, u := range durationUnits {
		if strings.HasSuffix(t, u.name) {
			num, unit = strings.TrimSpace(strings.TrimSuffix(t, u.name)), u.ns
			break
		}
	}
	f, ok := parseNumber(num)
	switch {
	case !ok && looksNonFinite(num):
		return 0, &durationError{s, "must be finite"}
	case !ok:
		return 0, &durationError{s, msgNotDuration}
	case f < 0:
		return 0, &durationError{s, "must be >= 0"}
	}
	ns := f * unit
	if !(ns < float64(math.MaxInt64)) { // 2^63 as a float64
		return 0, &durationError{s, "must be at most " + maxDuration.String()}
	}
	return sim.Duration(math.Round(ns)), nil
}
