package distributions

import (
	"strconv"
	"strings"
)

// parseNumber parses a plain decimal number such as "2", "-1.5", ".5" or
// "1e-3". Unlike strconv.ParseFloat it rejects hexadecimal, underscores,
// "inf" and "nan", so every accepted spelling means what it looks like.
// The result may still be ±Inf when the exponent overflows.
func parseNumber(s string) (float64, bool) {
	if !isDecimal(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true // ±Inf or 0; callers reject them by range
		}
		return 0, false
	}
	return f, true
}

// isDecimal reports whether s matches [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && isDigit(s[i]) {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// looksNonFinite reports whether s spells an infinity or NaN, as YAML
// (".inf", ".nan") or Go ("Inf", "NaN") would.
func looksNonFinite(s string) bool {
	l := strings.ToLower(strings.TrimLeft(s, "+-."))
	return l == "inf" || l == "infinity" || l == "nan"
}
