package experiments

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// TestIntervalCoversTheTruth checks that the 95% intervals of summary
// tables are honest. Each message is lost with probability p and a lost
// message fails its request at once, so every request succeeds with
// probability (1-p)² independently of the others, and the expected
// reliability of a run is exactly (1-p)² (service takes 1µs, so requests
// still in flight at the horizon are too few to matter). Across 200
// independent master seeds, the interval of summary.csv must cover it
// 90–99% of the time.
func TestIntervalCoversTheTruth(t *testing.T) {
	exp, err := parse(t, `
name: coverage
replications: 5
horizon: 110ms
warmup: 10ms
model:
  clients: {arrival: {dist: exponential, mean: 1ms}}
  network: {loss: 0.1}
  server: {service: 1us}
`)
	if err != nil {
		t.Fatal(err)
	}
	const truth = 0.9 * 0.9
	header := summaryHeader(nil, models.MetricNames, nil)
	lo, hi := slices.Index(header, "reliability.lo"), slices.Index(header, "reliability.hi")
	const trials = 200
	covered := 0
	for seed := range uint64(trials) {
		exp.Seed = seed
		runs := make([]models.Metrics, exp.Replications)
		for r := range runs {
			if runs[r], err = simulate(context.Background(), &exp, 0, r); err != nil {
				t.Fatal(err)
			}
		}
		_, row := pointRows(&exp, &exp.Points[0], runs)
		l, err1 := strconv.ParseFloat(row[lo], 64)
		h, err2 := strconv.ParseFloat(row[hi], 64)
		if err1 != nil || err2 != nil || !(l < h) {
			t.Fatalf("seed %d: interval [%q, %q]", seed, row[lo], row[hi])
		}
		if l <= truth && truth <= h {
			covered++
		}
	}
	t.Logf("the 95%% interval covered the true reliability in %d of %d experiments", covered, trials)
	if covered < trials*90/100 || covered > trials*99/100 {
		t.Errorf("coverage %d/%d, want 90%%–99%%", covered, trials)
	}
}
