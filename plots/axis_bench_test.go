package plots

import (
	"strconv"
	"testing"
)

// benchCategoryAxis reads a numeric column of n distinct values, in
// descending order, as categories (the x axis of a decomposition chart).
// It took time quadratic in n (issue 11: charts of many points): compare
// the ns/op of n=1000 and n=16000, about 16-22 times apart when n log n,
// 256 when quadratic.
func benchCategoryAxis(b *testing.B, n int) {
	t := &memTable{cols: []string{"point", "model.server.workers", "delay.mean"}}
	for i := range n {
		t.rows = append(t.rows, []string{strconv.Itoa(i), strconv.Itoa(n - i), "0.01"})
	}
	f, err := newFrame(t)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		a, err := f.axis("model.server.workers", Meta{}, true)
		if err != nil || len(a.cats) != n || a.pos[0] != float64(n-1) || a.cats[0] != "1" {
			b.Fatalf("axis: %v, %d categories, row 0 at %v", err, len(a.cats), a.pos[0])
		}
	}
}

func BenchmarkCategoryAxis1000(b *testing.B)  { benchCategoryAxis(b, 1000) }
func BenchmarkCategoryAxis16000(b *testing.B) { benchCategoryAxis(b, 16000) }
