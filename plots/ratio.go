package plots

import (
	"fmt"
	"strings"
)

// RatioParts returns the numerator and denominator of a y that is the
// ratio of two metrics, "attempts/requests", and whether y is one.
func RatioParts(y string) (num, den string, ok bool) {
	num, den, ok = strings.Cut(y, "/")
	if !ok || num == "" || den == "" || strings.Contains(den, "/") {
		return "", "", false
	}
	return num, den, true
}

// isRatio reports whether y is the ratio of two metrics.
func isRatio(y string) bool {
	_, _, ok := RatioParts(y)
	return ok
}

// ratioNumbers returns, row by row, the cells of column num divided by
// those of column den, present where both are and den is not 0: the
// ratio of the two means of the summary table (of a point's sums over its
// replications), without an interval.
func (f *frame) ratioNumbers(num, den string) ([]float64, []bool, error) {
	a, aok, err := f.numbers(num)
	if err != nil {
		return nil, nil, err
	}
	b, bok, err := f.numbers(den)
	if err != nil {
		return nil, nil, err
	}
	for r := range a {
		aok[r] = aok[r] && bok[r] && b[r] != 0
		if aok[r] {
			a[r] /= b[r]
		}
	}
	return a, aok, nil
}

// validateRatio checks a chart whose y is a ratio: two metrics, no nines.
func validateRatio(s Spec) error {
	num, den, _ := RatioParts(s.Y)
	for _, m := range []string{num, den} {
		if !isMetric(m) {
			return &SpecError{"y", fmt.Sprintf("%q in the ratio %q is not a metric (known: %s, the metrics of a service or call)", m, s.Y, strings.Join(metricNames(), ", "))}
		}
	}
	if s.Nines {
		return &SpecError{"nines", fmt.Sprintf("not for a ratio (%s)", s.Y)}
	}
	return nil
}
