package models

import (
	"math/rand/v2"
	"testing"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/asyncsim/asyncsim/sim"
)

// TestWinHistMatchesHdr: on random samples of many scales, winHist gives
// the same percentiles as the run's HdrHistogram, value for value, and is
// empty again after reset.
func TestWinHistMatchesHdr(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var w winHist
	for trial := range 300 {
		hdr := hdrhistogram.New(1, maxTracked, 2)
		var maxV sim.Duration
		n := 1 + r.IntN(500)
		scale := []float64{1, 300, 1e4, 1e6, 1e9, 1e12}[trial%6]
		for range n {
			v := sim.Duration(r.ExpFloat64() * scale)
			w.record(v)
			_ = hdr.RecordValue(min(int64(v), maxTracked))
			maxV = max(maxV, v)
		}
		for _, q := range []float64{0.1, 1, 50, 90, 99, 99.9, 100} {
			if got, want := w.quantile(q), hdrQuantile(hdr, q, maxV); got != want {
				t.Fatalf("trial %d (%d values, scale %g): p%v %v, HdrHistogram %v", trial, n, scale, q, got, want)
			}
		}
		w.reset()
		if w.total != 0 || w.counts != [winBuckets]int32{} {
			t.Fatal("not empty after reset")
		}
	}
	if winIndex(maxTracked) >= winBuckets {
		t.Fatalf("bucket of the largest value %d >= %d", winIndex(maxTracked), winBuckets)
	}
}
