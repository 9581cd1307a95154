package experiments

import (
	"math"
	"slices"
)

// bimodalMinGap is the smallest difference between the means of the two
// groups of a bimodal split, as a share of the larger mean in absolute
// value: a split of runs at 600 and 610 requests per second is not a
// collapse, however tight each group is.
const bimodalMinGap = 0.2

// bimodalThresholds holds, for n replications (the first entry of each
// pair), the 0.999 quantile of the gap statistic of split for n draws of
// a normal distribution (200,000 to 400,000 samples each, by Monte Carlo):
// a unimodal point exceeds it once in a thousand, at most. For an n
// between two entries the threshold of the smaller n applies, which is
// larger, so the rate stays below 0.001.
var bimodalThresholds = [][2]float64{
	{4, 52.3}, {5, 26.0}, {6, 16.3}, {7, 12.7}, {8, 10.5}, {9, 9.3},
	{10, 8.2}, {12, 7.1}, {15, 6.2}, {20, 5.3}, {25, 4.9}, {30, 4.7},
	{40, 4.3}, {50, 4.2}, {70, 4.1}, {100, 4.0},
}

// bimodalThreshold returns the threshold of the gap statistic for n
// values (n >= 4).
func bimodalThreshold(n int) float64 {
	t := bimodalThresholds[0][1]
	for _, e := range bimodalThresholds {
		if float64(n) >= e[0] {
			t = e[1]
		}
	}
	return t
}

// split is the two groups of a bimodal set of replications.
type split struct {
	low, high   []int   // the replications of each group, in order
	lowMean     float64 // the means of each group
	highMean    float64
	ratio       float64 // the gap statistic: (highMean-lowMean) / pooled within-group sd
	significant bool
}

// bimodal looks for two groups of replications in vs, the values of one
// metric by replication (NaN values are left out). It sorts the values
// and splits them at the largest gap between consecutive values that
// leaves at least two in each group; the statistic is the distance
// between the two groups' means over their pooled within-group standard
// deviation (a two-sample t statistic without the √n). The split is
// significant when the statistic exceeds bimodalThreshold(n), which a
// unimodal normal sample does once in a thousand, and the groups' means
// differ by at least bimodalMinGap of the larger (one group collapsed).
// Identical values within each group (deterministic runs) give an
// infinite statistic. With fewer than four values there is no split.
func bimodal(vs []float64) split {
	type rv struct {
		v float64
		r int
	}
	var xs []rv
	for r, v := range vs {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			xs = append(xs, rv{v, r})
		}
	}
	n := len(xs)
	if n < 4 {
		return split{}
	}
	slices.SortStableFunc(xs, func(a, b rv) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	k, gap := 0, -1.0
	for i := 2; i <= n-2; i++ {
		if g := xs[i].v - xs[i-1].v; g > gap {
			k, gap = i, g
		}
	}
	var s split
	meanSS := func(g []rv) (mean, ss float64) {
		for _, x := range g {
			mean += x.v
		}
		mean /= float64(len(g))
		for _, x := range g {
			ss += (x.v - mean) * (x.v - mean)
		}
		return mean, ss
	}
	lm, lss := meanSS(xs[:k])
	hm, hss := meanSS(xs[k:])
	s.lowMean, s.highMean = lm, hm
	for _, x := range xs[:k] {
		s.low = append(s.low, x.r)
	}
	for _, x := range xs[k:] {
		s.high = append(s.high, x.r)
	}
	slices.Sort(s.low)
	slices.Sort(s.high)
	d := hm - lm
	sd := math.Sqrt((lss + hss) / float64(n-2))
	switch {
	case d <= 0:
		s.ratio = 0
	case sd == 0:
		s.ratio = math.Inf(1)
	default:
		s.ratio = d / sd
	}
	s.significant = s.ratio > bimodalThreshold(n) && d >= bimodalMinGap*math.Max(math.Abs(lm), math.Abs(hm))
	return s
}
