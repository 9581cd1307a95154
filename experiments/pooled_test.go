package experiments

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
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

// TestPooledParts: every percentile column of a summary row is pooled,
// not only the delay's: send.p99, receive.p99, process.p99 and each
// service's delay.p99 are those of the point's merged histograms. Over one
// replication the pooled value is the run's own (which pins which
// histogram each column comes from); over four it is the merged
// histograms', and not the mean of the runs'.
func TestPooledParts(t *testing.T) {
	const text = `name: parts
seed: 3
horizon: 5s
model:
  policy: callback
  clients:
    calls: web
    arrival: {dist: exponential, rate: 100}
  network: {send: {dist: exponential, mean: 1ms}, reply: {dist: exponential, mean: 2ms}}
  handler: {time: {dist: exponential, mean: 1ms}}
  services:
    web:
      workers: 2
      service: {dist: exponential, mean: 2ms}
      calls: [{to: db, policy: sync}]
    db:
      workers: 1
      service: {dist: exponential, mean: 5ms}
`
	columns := []string{"delay.p99", "send.p99", "receive.p99", "process.p99", "service.web.delay.p99", "service.db.delay.p99"}
	for _, reps := range []int{1, 4} {
		exp, err := parse(t, text+"replications: "+strconv.Itoa(reps)+"\n")
		if err != nil {
			t.Fatal(err)
		}
		dir := mustRun(t, exp, Options{NoCharts: true})
		summary, err := readTable(dir, SummaryFile)
		if err != nil {
			t.Fatal(err)
		}
		runs, err := readTable(dir, RunsFile)
		if err != nil {
			t.Fatal(err)
		}
		pool := models.NewDelays()
		for r := range reps {
			m, err := simulate(context.Background(), &exp, 0, r)
			if err != nil {
				t.Fatal(err)
			}
			pool.Merge(m.Delays)
		}
		for _, c := range columns {
			got := summary.Rows[0][slices.Index(summary.Columns, c)]
			want, ok := pool.Column(c)
			if !ok {
				t.Fatalf("the delays of a run have no %s", c)
			}
			if got != formatFloat(want) {
				t.Errorf("%d replications: %s %s, the merged histograms' %s", reps, c, got, formatFloat(want))
			}
			mean := 0.0
			for r := range reps {
				v, err := strconv.ParseFloat(runs.Rows[r][slices.Index(runs.Columns, c)], 64)
				if err != nil {
					t.Fatal(err)
				}
				mean += v / float64(reps)
			}
			if same := got == formatFloat(mean); same != (reps == 1) {
				t.Errorf("%d replications: %s %s, the runs' mean %s", reps, c, got, formatFloat(mean))
			}
		}
	}
}
