package sim_test

import (
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

func TestTallyMatchesTwoPassFormulas(t *testing.T) {
	xs := []float64{1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16} // large offset: naive sums of squares lose it
	var ta sim.Tally
	if !math.IsNaN(ta.Mean()) || !math.IsNaN(ta.Variance()) || !math.IsNaN(ta.Min()) {
		t.Fatal("empty tally must report NaN")
	}
	for _, x := range xs {
		ta.Add(x)
	}
	if ta.Count() != 4 || ta.Mean() != 1e9+10 || ta.Min() != 1e9+4 || ta.Max() != 1e9+16 {
		t.Errorf("count %d mean %v min %v max %v", ta.Count(), ta.Mean(), ta.Min(), ta.Max())
	}
	if v := ta.Variance(); math.Abs(v-30) > 1e-6 { // (36+9+9+36)/3
		t.Errorf("variance %v, want 30", v)
	}
}

func TestTimeAverageWindow(t *testing.T) {
	var a sim.TimeAverage
	a.Start(sim.Time(10 * sim.Second))
	a.Set(sim.Time(2*sim.Second), 5) // before the window: only sets the value
	a.Set(sim.Time(12*sim.Second), 1)
	a.Set(sim.Time(16*sim.Second), 3)
	// [10,12): 5, [12,16): 1, [16,20): 3 → (10 + 4 + 12) / 10
	if got := a.Mean(sim.Time(20 * sim.Second)); math.Abs(got-2.6) > 1e-12 {
		t.Errorf("mean %v, want 2.6", got)
	}
	if got := a.Mean(sim.Time(10 * sim.Second)); got != 0 {
		t.Errorf("empty window mean %v, want 0", got)
	}
}
