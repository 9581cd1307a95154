package distributions

import "strings"

// suggest returns the candidate closest to s by edit distance when it is
// close enough to be a likely typo (or has s as a prefix), else "".
func suggest(s string, candidates []string) string {
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
