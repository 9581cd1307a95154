package experiments

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// runBaseline runs the experiment text and returns its summary and runs
// tables.
func runBaseline(t *testing.T, text string) (summary, runs *Table) {
	t.Helper()
	exp, err := parse(t, text)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	res, err := Run(context.Background(), exp, Options{Dir: dir, NoCharts: true, Parallel: 2})
	if err != nil {
		t.Fatal(err)
	}
	runs, err = readTable(dir, RunsFile)
	if err != nil {
		t.Fatal(err)
	}
	file, err := ReadSummary(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(file.Columns, res.Summary.Columns) || !slices.EqualFunc(file.Rows, res.Summary.Rows, slices.Equal) {
		t.Error("summary.csv differs from Result.Summary")
	}
	return file, runs
}

// TestBaselineExact checks the diff columns on a deterministic model:
// constant arrivals and service, so every replication has the same
// delays; the 3ms point's delay.mean is 2ms above the baseline's, with no
// spread, and the baseline's own diffs are 0.
func TestBaselineExact(t *testing.T) {
	summary, _ := runBaseline(t, `
name: baseline
horizon: 1s
replications: 3
model:
  clients: {arrival: 10ms}
  server: {service: {dist: constant, value: 1ms}}
sweep:
  model.server.service.value: [3ms, 1ms]
baseline: {model.server.service.value: 1ms}
`)
	for row, want := range []struct{ diff, requests string }{{"0.002", "0"}, {"0", "0"}} {
		got, ok := summary.Float(row, "delay.mean.diff")
		if !ok || math.Abs(got-0.002*float64(1-row)) > 1e-15 {
			t.Errorf("row %d: delay.mean.diff = %q, want %s", row, summary.Cell(row, "delay.mean.diff"), want.diff)
		}
		for _, c := range []string{"delay.mean.diff.lo", "delay.mean.diff.hi"} {
			if summary.Cell(row, c) != summary.Cell(row, "delay.mean.diff") {
				t.Errorf("row %d: %s = %s, want delay.mean.diff (no spread)", row, c, summary.Cell(row, c))
			}
		}
		if c := summary.Cell(row, "requests.diff"); c != want.requests {
			t.Errorf("row %d: requests.diff = %q, want %s", row, c, want.requests)
		}
	}
	if c := summary.Cell(1, "delay.p99.diff.hi"); c != "0" {
		t.Errorf("baseline row: delay.p99.diff.hi = %q, want 0", c)
	}
	i := summary.Column("theory.reliability")
	if i < 0 || summary.Columns[i+1] != "requests.diff" {
		t.Fatalf("diff columns not after the theory columns: %v", summary.Columns[i:])
	}
	var metrics []string
	for _, c := range summary.Columns[:i] {
		if m, ok := strings.CutSuffix(c, ".lo"); ok {
			metrics = append(metrics, m)
		}
	}
	if want := diffHeader(metrics); !slices.Equal(summary.Columns[i+1:], want) {
		t.Errorf("diff columns %v, want %v", summary.Columns[i+1:], want)
	}
}

// TestBaselinePaired checks that differences pair the same replication
// (common random numbers): on an M/M/1 at load 0.2 under sync and
// callback, which see the same arrivals and services, the interval of
// the paired difference of delay.mean is a small fraction of the
// unpaired one, and its cells are the mean and t-interval of the
// per-replication differences of runs.csv.
func TestBaselinePaired(t *testing.T) {
	summary, runs := runBaseline(t, `
name: paired
horizon: 20s
replications: 8
model:
  clients: {arrival: {dist: exponential, mean: 10ms}, threads: 50, loops: 1}
  server: {service: {dist: exponential, mean: 2ms}}
  handler: {time: {dist: exponential, mean: 2ms}}
sweep:
  model.policy: [sync, callback]
baseline: {model.policy: sync}
`)
	per := func(p int) []float64 {
		var out []float64
		for r := range runs.Rows {
			if runs.Cell(r, "point") == strconv.Itoa(p) {
				v, _ := runs.Float(r, "delay.mean")
				out = append(out, v)
			}
		}
		return out
	}
	sync, callback := per(0), per(1)
	d := make([]float64, len(sync))
	for r := range d {
		d[r] = callback[r] - sync[r]
	}
	mean, lo, hi := interval(d)
	for col, want := range map[string]float64{"delay.mean.diff": mean, "delay.mean.diff.lo": lo, "delay.mean.diff.hi": hi} {
		if got := summary.Cell(1, col); got != formatFloat(want) {
			t.Errorf("%s = %s, want %s", col, got, formatFloat(want))
		}
	}
	// The unpaired interval of the same difference: Welch's half-width
	// with the t quantile of the smaller sample.
	_, slo, shi := interval(sync)
	_, clo, chi := interval(callback)
	unpaired := math.Hypot((shi-slo)/2, (chi-clo)/2)
	paired := (hi - lo) / 2
	t.Logf("delay.mean callback − sync: %.3g, paired half-width %.3g, unpaired %.3g (%.0fx)", mean, paired, unpaired, unpaired/paired)
	if !(paired*4 < unpaired) {
		t.Errorf("paired half-width %v not under a quarter of the unpaired %v", paired, unpaired)
	}
}

// TestBaselineErrors checks the load errors of baseline:, with their
// positions.
func TestBaselineErrors(t *testing.T) {
	head := `
name: e
horizon: 1s
model:
  clients: {arrival: 10ms}
  server: {service: 1ms}
sweep:
  model.policy: [sync, callback]
`
	for _, c := range []struct{ baseline, want string }{
		{"baseline: {model.polcy: sync}", `:9:12: baseline.model.polcy: model.polcy is not swept (swept: model.policy; did you mean "model.policy"?)`},
		{"baseline: {model.policy: mq}", `:9:26: baseline.model.policy: mq is not a value of model.policy (its values: sync, callback)`},
		{"baseline: {case: x}", `:9:12: baseline.case: case is not swept (swept: model.policy)`},
		{"baseline: sync", `:9:11: baseline: must be a mapping`},
		{"baseline:", `:9:1: baseline: needs a value`},
		// A chart of a difference needs a baseline to differ from.
		{"charts: [{x: model.policy, y: delay.p99.diff}]", `:9:28: charts[0].y: delay.p99.diff is a paired difference to a baseline point, which this experiment has not`},
	} {
		_, err := parse(t, head+c.baseline+"\n")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %s", c.baseline, err, c.want)
		}
	}
}

// TestBaselineChart draws a chart of a paired difference.
func TestBaselineChart(t *testing.T) {
	exp, err := parse(t, `
name: diffchart
horizon: 2s
replications: 3
model:
  clients: {arrival: {dist: exponential, mean: 10ms}}
  server: {service: {dist: exponential, mean: 2ms}}
sweep:
  model.policy: [sync, callback]
  model.clients.arrival.mean: [10ms, 5ms]
baseline: {model.policy: sync}
charts:
  - {x: model.clients.arrival.mean, y: delay.p99.diff, series: model.policy}
`)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), exp, Options{Dir: t.TempDir(), Parallel: 2})
	if err != nil || res.ChartErr != nil {
		t.Fatalf("run: %v; charts: %v", err, res.ChartErr)
	}
	if len(res.Charts) != 1 || !strings.HasSuffix(res.Charts[0], "delay_p99_diff.png") {
		t.Errorf("charts %v, want delay_p99_diff.png", res.Charts)
	}
}

// TestBaselineCasesShards compares cases with a baseline case, and checks
// that shards merged give the summary of an unsharded run byte for byte:
// a shard lacks some baseline points, and merge fills their diffs.
func TestBaselineCasesShards(t *testing.T) {
	exp, err := parse(t, `
name: cases
horizon: 2s
replications: 3
model:
  clients: {arrival: {dist: exponential, mean: 10ms}, timeout: 15ms}
  server: {service: {dist: exponential, mean: 5ms}}
cases:
  - {name: no-retry}
  - {name: retries, model.clients.retry.attempts: 3}
sweep:
  model.server.service.mean: [5ms, 8ms, 10ms]
baseline: {case: no-retry}
charts: []
`)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	whole := t.TempDir()
	res, err := Run(ctx, exp, Options{Dir: whole})
	if err != nil {
		t.Fatal(err)
	}
	// Point 4 (retries, 8ms) against point 1 (no-retry, 8ms).
	if got := res.Summary.Cell(4, "attempts.diff"); got == "" || got[0] == '-' || got == "0" {
		t.Errorf("retries at 8ms: attempts.diff = %q, want > 0", got)
	}
	if got := res.Summary.Cell(1, "attempts.diff"); got != "0" {
		t.Errorf("baseline case: attempts.diff = %q, want 0", got)
	}
	var shards []string
	for i := 1; i <= 2; i++ {
		dir := t.TempDir()
		r, err := Run(ctx, exp, Options{Dir: dir, Shard: Shard{Index: i, Count: 2}})
		if err != nil {
			t.Fatal(err)
		}
		// Shard 1/2 holds points 0, 2 and 4, whose baseline point 1 is
		// in shard 2/2.
		if i == 1 && (r.Summary.Cell(2, "point") != "4" || r.Summary.Cell(2, "attempts.diff") != "" || r.Summary.Cell(1, "attempts.diff") != "0") {
			t.Errorf("shard 1/2: point %s attempts.diff %q (want empty: its baseline is in the other shard), point 2's %q (want 0)",
				r.Summary.Cell(2, "point"), r.Summary.Cell(2, "attempts.diff"), r.Summary.Cell(1, "attempts.diff"))
		}
		shards = append(shards, dir)
	}
	merged := t.TempDir()
	if _, err := Merge(ctx, merged, shards, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{SummaryFile, SummaryJSONFile} {
		a, _ := os.ReadFile(filepath.Join(whole, f))
		b, _ := os.ReadFile(filepath.Join(merged, f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s of the merged shards differs from the unsharded run's", f)
		}
	}
}
