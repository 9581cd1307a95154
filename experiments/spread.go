package experiments

import "math"

// statColumns returns the summary columns of metric m, in order: its mean
// m, the bounds m.lo and m.hi of its 95% interval, and the smallest and
// largest value over the replications, m.min and m.max.
func statColumns(m string) []string {
	return []string{m, m + ".lo", m + ".hi", m + ".min", m + ".max"}
}

// span returns the smallest and the largest of the values that are not
// NaN, or two NaNs when there are none.
func span(vs []float64) (lo, hi float64) {
	lo, hi = math.NaN(), math.NaN()
	for _, v := range vs {
		if math.IsNaN(v) {
			continue
		}
		if !(v >= lo) { // also when lo is NaN
			lo = v
		}
		if !(v <= hi) {
			hi = v
		}
	}
	return lo, hi
}
