package distributions

import (
	"strconv"
	"strings"
	"unicode"
)

// maxShown is how many characters of a value messages repeat.
const maxShown = 40

// quote quotes s for a message, shortening it when long.
func quote(s string) string {
	if r := []rune(s); len(r) > maxShown {
		s = string(r[:maxShown]) + "…"
	}
	return strconv.Quote(s)
}

// show returns s as written when it is a short plain word, else quoted.
func show(s string) string {
	if s == "" || len([]rune(s)) > maxShown || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || !unicode.IsPrint(r) || r == '"' || r == ','
	}) {
		return quote(s)
	}
	return s
}
