package yamlconf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// MaxShown is how many characters of a value messages repeat.
const MaxShown = 40

// Quote quotes s for a message, shortening it when long.
func Quote(s string) string {
	if r := []rune(s); len(r) > MaxShown {
		s = string(r[:MaxShown]) + "…"
	}
	return strconv.Quote(s)
}

// Show returns s as written when it is a short plain word, else quoted
// and shortened, for "got ..." in messages.
func Show(s string) string {
	if s == "" || len([]rune(s)) > MaxShown || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || !unicode.IsPrint(r) || r == '"' || r == ','
	}) {
		return Quote(s)
	}
	return s
}

// Escape returns s with every character that is not printable (control
// characters, escape sequences, bidirectional overrides) written as a Go
// escape, \x1b or \u202e, so that user text in a message cannot act on
// the terminal. Printable text is returned unchanged.
func Escape(s string) string {
	if !strings.ContainsFunc(s, notPrintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if notPrintable(r) {
			q := strconv.QuoteRune(r) // '\x1b'
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func notPrintable(r rune) bool { return r != ' ' && !unicode.IsPrint(r) }

// KeyName returns a key as written for the dotted key of a message: as
// is when it is a plain word, else quoted and shortened, as Show does.
func KeyName(name string) string { return Show(name) }

// DidYouMean returns "; did you mean "x"?" for the candidate closest to
// s, or "" when none is close.
func DidYouMean(s string, candidates []string) string {
	if c := Suggest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

// Suggest returns the candidate closest to s by edit distance when it is
// close enough to be a likely typo (or has s as a prefix), else "".
func Suggest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(ls, c)
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(1, len(best)/3)
	if len(best) >= 5 {
		limit = max(limit, 2)
	}
	if best != "" && bestDist <= limit {
		return best
	}
	if len(ls) >= 3 {
		for _, c := range candidates {
			if strings.HasPrefix(c, ls) {
				return c
			}
		}
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in bytes. Long
// inputs are cut to keep it cheap; they are never close to a short name.
func editDistance(a, b string) int {
	const limit = 64
	if len(a) > limit {
		a = a[:limit]
	}
	if len(b) > limit {
		b = b[:limit]
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
