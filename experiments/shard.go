package experiments

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard selects the sweep points one process runs: with Count N and Index
// I (1 <= I <= N), the points whose 0-based index mod N is I-1. The zero
// Shard is the whole sweep, like 1/1.
type Shard struct {
	Index, Count int
}

// ParseShard parses "I/N".
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	a, err1 := strconv.Atoi(strings.TrimSpace(i))
	b, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || b < 1 || a < 1 || a > b {
		return Shard{}, fmt.Errorf("invalid shard %q: want I/N with 1 <= I <= N, e.g. 2/8", s)
	}
	return Shard{Index: a, Count: b}, nil
}

// norm returns s with the zero Shard made 1/1.
func (s Shard) norm() Shard {
	if s.Count == 0 {
		return Shard{1, 1}
	}
	return s
}

// String returns "I/N".
func (s Shard) String() string {
	s = s.norm()
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Has reports whether point p belongs to s.
func (s Shard) Has(p int) bool {
	s = s.norm()
	return p%s.Count == s.Index-1
}

// points returns the points of s among n, in order.
func (s Shard) points(n int) []int {
	var out []int
	for p := range n {
		if s.Has(p) {
			out = append(out, p)
		}
	}
	return out
}

// valid reports whether s is the zero Shard or 1 <= Index <= Count.
func (s Shard) valid() bool {
	return s == Shard{} || s.Count >= 1 && s.Index >= 1 && s.Index <= s.Count
}
