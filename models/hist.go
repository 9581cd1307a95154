package models

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// hist is a histogram of durations with the buckets of an HdrHistogram
// of 1 ns to maxTracked at 2 significant digits (those of winHist: unit
// buckets below 256 ns, then 128 sub-buckets per power of two), whose
// percentiles are exactly that HdrHistogram's. It keeps the range of
// buckets it used, so that merging one into another, which pooling the
// replications of a point does for every run, and emptying one for reuse
// cost the buckets used rather than all 7,424: HdrHistogram's Merge and
// Reset were 17% and 6% of the CPU of a sweep of short runs.
type hist struct {
	counts [winBuckets]int64
	lo, hi int // range of buckets used, meaningless while total is 0
	total  int64
}

// recordN records n values v, v clamped to maxTracked; a negative v or n
// is not recorded (as HdrHistogram refuses them).
func (h *hist) recordN(v, n int64) {
	if v < 0 || n <= 0 {
		return
	}
	i := winIndex(min(v, maxTracked))
	if h.total == 0 {
		h.lo, h.hi = i, i
	} else {
		h.lo, h.hi = min(h.lo, i), max(h.hi, i)
	}
	h.counts[i] += n
	h.total += n
}

// merge adds the values of o to h.
func (h *hist) merge(o *hist) {
	if o.total == 0 {
		return
	}
	if h.total == 0 {
		h.lo, h.hi = o.lo, o.hi
	} else {
		h.lo, h.hi = min(h.lo, o.lo), max(h.hi, o.hi)
	}
	for i := o.lo; i <= o.hi; i++ {
		h.counts[i] += o.counts[i]
	}
	h.total += o.total
}

// reset empties h, clearing only the buckets it used.
func (h *hist) reset() {
	if h.total > 0 {
		clear(h.counts[h.lo : h.hi+1])
	}
	h.total = 0
}

// quantile returns the q-th percentile of h in seconds as HdrHistogram's
// ValueAtQuantile gives it (the largest value of the bucket that holds
// the value of that rank), clamped to maxValue, the largest value
// recorded; NaN when h is empty.
func (h *hist) quantile(q float64, maxValue sim.Duration) float64 {
	if h.total == 0 {
		return math.NaN()
	}
	rank := q/100*float64(h.total) + 0.5 // HdrHistogram's percentileRank
	var target int64
	switch {
	case !(rank >= 1):
		target = 1
	case rank >= float64(h.total):
		target = h.total
	default:
		target = int64(rank)
	}
	var seen int64
	for i := h.lo; i <= h.hi; i++ {
		seen += h.counts[i]
		if seen >= target {
			return float64(min(winUpper(i), int64(maxValue))) / 1e9
		}
	}
	return float64(maxValue) / 1e9
}
