package distributions

import "errors"

// ParseNumber parses a plain decimal number such as "2", "-1.5", ".5" or
// "1e-3", rejecting hexadecimal, underscores, "inf" and "nan". The result
// may be ±Inf when the exponent overflows.
func ParseNumber(s string) (float64, bool) { return parseNumber(s) }

// DurationProblem returns what is wrong with the text that ParseDuration
// refused with err, reading after the name of what was parsed ("must be
// >= 0"), and whether err is such a refusal.
func DurationProblem(err error) (string, bool) {
	var de *durationError
	if errors.As(err, &de) {
		return de.msg, true
	}
	return "", false
}

// Key returns the 64-bit key every stream of the run derives from; it
// depends on the master seed and the replication only.
func (s Streams) Key() uint64 { return s.base }
