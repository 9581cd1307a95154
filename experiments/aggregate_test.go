package experiments

import (
	"math"
	"slices"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

func TestInterval(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name         string
		in           []float64
		mean, lo, hi float64
	}{
		{"one value", []float64{3}, 3, 3, 3},
		{"two values", []float64{1, 3}, 2, 2 - 12.706204736174707, 2 + 12.706204736174707},
		// mean 2, s = 1, t(0.975, 2) = 4.302652729749464
		{"three values", []float64{1, 2, 3}, 2, 2 - 4.302652729749464/math.Sqrt(3), 2 + 4.302652729749464/math.Sqrt(3)},
		{"equal values", []float64{5, 5, 5}, 5, 5, 5},
		{"NaN skipped", []float64{nan, 4, nan}, 4, 4, 4},
		{"all NaN", []float64{nan, nan}, nan, nan, nan},
		{"none", nil, nan, nan, nan},
	} {
		mean, lo, hi := interval(c.in)
		if !near(mean, c.mean) || !near(lo, c.lo) || !near(hi, c.hi) {
			t.Errorf("%s: interval(%v) = %v, %v, %v; want %v, %v, %v", c.name, c.in, mean, lo, hi, c.mean, c.lo, c.hi)
		}
	}
}

func TestCentredInterval(t *testing.T) {
	nan := math.NaN()
	// t(0.975, 2) = 4.302652729749464; s = 1 for {1, 2, 3}
	half := 4.302652729749464 / math.Sqrt(3)
	for _, c := range []struct {
		name   string
		centre float64
		in     []float64
		lo, hi float64
	}{
		{"centre above the mean", 10, []float64{1, 2, 3}, 10 - half, 10 + half},
		{"centre below the mean", 0.5, []float64{1, 2, 3}, 0.5 - half, 0.5 + half},
		{"one value", 7, []float64{3}, 7, 7},
		{"no spread", 7, []float64{3, 3}, 7, 7},
		{"NaN skipped", 7, []float64{nan, 1, 2, 3}, 7 - half, 7 + half},
		{"no centre", nan, []float64{1, 2, 3}, nan, nan},
		{"no values", 7, []float64{nan}, nan, nan},
	} {
		lo, hi := centredInterval(c.centre, c.in)
		if !near(lo, c.lo) || !near(hi, c.hi) {
			t.Errorf("%s: centredInterval(%v, %v) = %v, %v; want %v, %v", c.name, c.centre, c.in, lo, hi, c.lo, c.hi)
		}
	}
}

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

func TestClip(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name           string
		lo, hi         float64
		wantLo, wantHi float64
	}{
		{"reliability", 0.98, 1.03, 0.98, 1},
		{"reliability", -0.2, 0.4, 0, 0.4},
		{"server.utilization", 0.9, 1.2, 0.9, 1},
		{"client.utilization", -0.1, 1.1, 0, 1},
		{"timeouts", -3, 7, 0, 7},
		{"delay.p99", -0.001, 0.5, 0, 0.5},
		{"throughput", 90, 110, 90, 110}, // not a fraction: hi stays
		{"server.queue.mean", -1, 2.5, 0, 2.5},
		{"reliability", nan, nan, nan, nan},
	} {
		lo, hi := clip(c.name, c.lo, c.hi)
		if !near(lo, c.wantLo) || !near(hi, c.wantHi) {
			t.Errorf("clip(%s, %v, %v) = %v, %v; want %v, %v", c.name, c.lo, c.hi, lo, hi, c.wantLo, c.wantHi)
		}
	}
}

// TestSummaryIntervalsInRange checks the intervals of summary rows: a
// reliability near 1 and a count near 0 over replications that differ
// would reach past 1 and below 0 unclipped.
func TestSummaryIntervalsInRange(t *testing.T) {
	exp, err := parse(t, `
name: clip
horizon: 1s
model:
  clients: {arrival: 10ms}
  server: {service: 1ms}
`)
	if err != nil {
		t.Fatal(err)
	}
	runs := make([]models.Metrics, 3)
	for i, rel := range []float64{1, 1, 0.9} {
		runs[i].Reliability, runs[i].Timeouts, runs[i].ServerUtilization = rel, float64(i/2), 0.99+float64(i)/200
	}
	_, row := pointRows(&exp, &exp.Points[0], runs)
	header := summaryHeader(nil, models.MetricNames, nil)
	cell := func(col string) string { return row[slices.Index(header, col)] }
	for col, want := range map[string]string{
		"reliability": "0.9666666666666667", "reliability.hi": "1",
		"timeouts.lo": "0", "server.utilization.hi": "1",
	} {
		if got := cell(col); got != want {
			t.Errorf("%s = %s, want %s", col, got, want)
		}
	}
	if lo := cell("reliability.lo"); lo == "" || lo[0] == '-' || lo == "0" {
		t.Errorf("reliability.lo = %s", lo)
	}
}
