package models

import (
	"math"
	"math/bits"

	"github.com/asyncsim/asyncsim/sim"
)

// winHist is the delay histogram of one time-series window: the buckets
// of the run's HdrHistograms (1 ns units, 2 significant digits: unit
// buckets below 256 ns, then 128 sub-buckets per power of two), so its
// percentiles are theirs exactly, but recording is a few shifts and
// emptying it at the end of a window clears only the buckets it used.
// HdrHistogram's Reset clears all ~6,000 buckets and its RecordValue
// costs about twice as much, which made time series cost 12% of a run
// instead of the 10% allowed.
type winHist struct {
	counts   [winBuckets]int32
	lo, hi   int // range of buckets used, hi < lo when empty
	total    int64
	maxValue sim.Duration
}

const winBuckets = 256 + 56*128

// winIndex returns the bucket of v >= 0.
func winIndex(v int64) int {
	if v < 256 {
		return int(v)
	}
	e := 63 - bits.LeadingZeros64(uint64(v)) // 2^e <= v < 2^(e+1), e >= 8
	return 256 + (e-8)*128 + int(v>>(e-7))&127
}

// winUpper returns the largest value of bucket i.
func winUpper(i int) int64 {
	if i < 256 {
		return int64(i)
	}
	e := (i-256)/128 + 8
	sub := int64((i - 256) % 128)
	return (128+sub+1)<<(e-7) - 1
}

func (h *winHist) record(d sim.Duration) {
	v := min(int64(d), maxTracked)
	i := winIndex(v)
	if h.total == 0 {
		h.lo, h.hi = i, i
	} else {
		h.lo, h.hi = min(h.lo, i), max(h.hi, i)
	}
	h.counts[i]++
	h.total++
	h.maxValue = max(h.maxValue, d)
}

// quantile returns the q-th percentile in seconds as the run's quantile
// does (HdrHistogram's ValueAtQuantile, clamped to the largest value),
// NaN when empty.
func (h *winHist) quantile(q float64) float64 {
	if h.total == 0 {
		return math.NaN()
	}
	rank := max(int64(q/100*float64(h.total)+0.5), 1)
	var seen int64
	for i := h.lo; i <= h.hi; i++ {
		seen += int64(h.counts[i])
		if seen >= rank {
			return float64(min(winUpper(i), int64(h.maxValue))) / 1e9
		}
	}
	return float64(h.maxValue) / 1e9
}

// reset empties the histogram, clearing only the buckets it used.
func (h *winHist) reset() {
	if h.total > 0 {
		clear(h.counts[h.lo : h.hi+1])
	}
	h.total, h.maxValue = 0, 0
}
