package experiments

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// TestIntervalCoversTheTruth checks that the 95% interval of reliability
// is honest in a loss case. Each message is lost with probability p and a
// lost message fails its request at once, so every request succeeds with
// probability (1-p)² independently of the others, and the expected
// reliability of a run is exactly (1-p)² (service takes 1µs, so requests
// still in flight at the horizon are too few to matter). Across 1,000
// independent master seeds of 10 replications each, the interval of
// summary.csv (the union of the t-interval and Wilson's) must cover it
// 93–97% of the time (docs/validation.md, Interval honesty); under -race
// 200 seeds, 90–99%.
func TestIntervalCoversTheTruth(t *testing.T) {
	exp, err := parse(t, `
name: coverage
replications: 10
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
	trials, least, most := 1000, 930, 970
	if underRace {
		trials, least, most = 200, 180, 198
	}
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
	if covered < least || covered > most {
		t.Errorf("coverage %d/%d, want %d–%d", covered, trials, least, most)
	}
}
