package experiments

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// TestPooledPercentiles: the delay percentiles of a summary row are those
// of the merged histograms of the point's replications, whatever
// --parallel, and their interval is centred on them with the half-width
// of the t-interval over the replications' own percentiles (sectioning),
// so it always holds the pooled value.
func TestPooledPercentiles(t *testing.T) {
	exp, err := parse(t, pctExperiment("percentiles: [50, 99, 99.9]")+"sweep: {model.server.service.mean: [5ms, 15ms]}\n")
	if err != nil {
		t.Fatal(err)
	}
	exp.Replications = 5
	one := mustRun(t, exp, Options{NoCharts: true, Parallel: 1})
	three := mustRun(t, exp, Options{NoCharts: true, Parallel: 3, Dir: filepath.Join(t.TempDir(), "out")})
	sameOutputs(t, one, three)
	summary, err := readTable(one, SummaryFile)
	if err != nil {
		t.Fatal(err)
	}
	for p := range exp.Points {
		pool := models.NewDelays()
		per := make([]float64, exp.Replications)
		for r := range exp.Replications {
			m, err := simulate(context.Background(), &exp, p, r)
			if err != nil {
				t.Fatal(err)
			}
			pool.Merge(m.Delays)
			per[r] = m.DelayPercentiles[1]
		}
		cell := func(c string) string { return summary.Rows[p][slices.Index(summary.Columns, c)] }
		m, lo, hi := interval(per)
		pooled := pool.Percentile(99)
		if got, want := cell("delay.p99"), formatFloat(pooled); got != want {
			t.Errorf("point %d: delay.p99 %s, the merged histogram's %s", p, got, want)
		}
		lo, hi = pooled-(m-lo), pooled+(hi-m)
		if !(lo < pooled && pooled < hi) {
			t.Fatalf("point %d: no spread between the replications' p99s: %v", p, per)
		}
		if cell("delay.p99.lo") != formatFloat(lo) || cell("delay.p99.hi") != formatFloat(hi) {
			t.Errorf("point %d: delay.p99 interval [%s, %s], want the pooled p99 %v ± the t half-width, [%v, %v]", p, cell("delay.p99.lo"), cell("delay.p99.hi"), pooled, lo, hi)
		}
		if got, want := cell("delay.p99_9"), formatFloat(pool.Percentile(99.9)); got != want {
			t.Errorf("point %d: delay.p99_9 %s, want %s", p, got, want)
		}
		mean := 0.0
		for _, v := range per {
			mean += v / float64(len(per))
		}
		if cell("delay.p99") == formatFloat(mean) {
			t.Errorf("point %d: delay.p99 is the mean of the replications' p99s", p)
		}
	}
}
