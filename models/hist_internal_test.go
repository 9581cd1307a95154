package models

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/asyncsim/asyncsim/sim"
)

// hdrQuantile is the percentile of an HdrHistogram as the recorder
// computed it before hist: ValueAtQuantile clamped to the largest value.
func hdrQuantile(h *hdrhistogram.Histogram, q float64, maxValue sim.Duration) float64 {
	if h.TotalCount() == 0 {
		return math.NaN()
	}
	return float64(min(h.ValueAtQuantile(q), int64(maxValue))) / 1e9
}

// TestHistMatchesHdr: on random values of many scales, recorded one at a
// time and in counts (zeros, values past maxTracked), merged and reset,
// hist gives the percentiles of HdrHistogram(1, maxTracked, 2), value for
// value, and the same total.
func TestHistMatchesHdr(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var a, b hist
	for trial := range 300 {
		ha, hb := hdrhistogram.New(1, maxTracked, 2), hdrhistogram.New(1, maxTracked, 2)
		var maxA, maxB sim.Duration
		scale := []float64{1, 300, 1e4, 1e6, 1e9, 1e12, 1e16}[trial%7]
		fill := func(h *hist, hdr *hdrhistogram.Histogram, maxV *sim.Duration) {
			for range 1 + r.IntN(300) {
				v := sim.Duration(r.ExpFloat64() * scale)
				n := int64(1)
				if r.IntN(10) == 0 {
					n = 1 + r.Int64N(1000)
				}
				if r.IntN(20) == 0 {
					v = 0
				}
				h.recordN(int64(v), n)
				_ = hdr.RecordValues(min(int64(v), maxTracked), n)
				*maxV = max(*maxV, v)
			}
		}
		fill(&a, ha, &maxA)
		if trial%3 > 0 { // b stays empty one trial in three
			fill(&b, hb, &maxB)
		}
		a.merge(&b)
		ha.Merge(hb)
		maxA = max(maxA, maxB)
		if a.total != ha.TotalCount() {
			t.Fatalf("trial %d: total %d, HdrHistogram %d", trial, a.total, ha.TotalCount())
		}
		for _, q := range []float64{0.1, 1, 10, 50, 90, 99, 99.9, 99.99, 100} {
			if got, want := a.quantile(q, maxA), hdrQuantile(ha, q, maxA); got != want {
				t.Fatalf("trial %d (scale %g): p%v %v, HdrHistogram %v", trial, scale, q, got, want)
			}
		}
		a.reset()
		b.reset()
		if a.total != 0 || a.counts != [winBuckets]int64{} || b.counts != [winBuckets]int64{} {
			t.Fatal("not empty after reset")
		}
		if !math.IsNaN(a.quantile(50, maxA)) {
			t.Fatal("the percentile of an empty histogram is not NaN")
		}
	}
	a.recordN(-1, 1)
	a.recordN(5, -2)
	if a.total != 0 {
		t.Fatal("a negative value or count was recorded")
	}
}
