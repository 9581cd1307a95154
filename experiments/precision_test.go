package experiments

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// precisionFile has a precision target, replications: {min: 4, max: 16,
// until: {metric: delay.mean, relative: 0.05}}, over three loads of an
// M/M/1 queue (0.1, 0.625, 0.91).
const precisionFile = "testdata/precision.yaml"

// TestPrecisionCounts runs the points of precisionFile in batches of 4
// until the half-width of delay.mean is within 5% of it: the light load
// stops at 8, the moderate one at 12, the heavy one, whose runs disagree
// most, reaches the max of 16. Each count is where the rule first holds
// on the point's own runs (checked from runs.csv at every batch), and the
// summary's replications column and runs.csv agree.
func TestPrecisionCounts(t *testing.T) {
	exp := mustLoad(t, precisionFile)
	if pt := exp.Precision; pt == nil || *pt != (Precision{Min: 4, Max: 16, Metric: "delay.mean", Relative: 0.05}) || exp.Replications != 4 {
		t.Fatalf("Precision %+v, Replications %d", exp.Precision, exp.Replications)
	}
	dir := mustRun(t, exp, Options{Parallel: 2, NoCharts: true})
	want := []int{8, 12, 16}
	summary := readCSV(t, filepath.Join(dir, SummaryFile))
	c := slices.Index(summary[0], replicationsColumn)
	// Only the point stopped at the max with its interval still too wide
	// is flagged imprecise (after short: its window is 20 s).
	flags := []string{"", "", "short+imprecise"}
	for p, n := range want {
		if got := summary[1+p][c]; got != strconv.Itoa(n) {
			t.Errorf("point %d: replications %s, want %d", p, got, n)
		}
		if got := summary[1+p][c-1]; got != flags[p] {
			t.Errorf("point %d: flags %q, want %q", p, got, flags[p])
		}
	}
	runs := readCSV(t, filepath.Join(dir, RunsFile))
	col := slices.Index(runs[0], "delay.mean")
	byPoint := map[int][]float64{}
	for _, row := range runs[1:] {
		p, _ := strconv.Atoi(row[0])
		r, _ := strconv.Atoi(row[1])
		if r != len(byPoint[p]) {
			t.Fatalf("runs.csv: point %d replication %d out of order", p, r)
		}
		v, _ := strconv.ParseFloat(row[col], 64)
		byPoint[p] = append(byPoint[p], v)
	}
	for p, n := range want {
		vs := byPoint[p]
		if len(vs) != n {
			t.Errorf("point %d: %d rows in runs.csv, want %d", p, len(vs), n)
			continue
		}
		for k := 4; k <= n; k += 4 {
			mean, lo, hi := interval(vs[:k])
			lo, hi = clip("delay.mean", lo, hi)
			met := (hi-lo)/2 <= 0.05*math.Abs(mean)
			if stop := k == n; met != stop && !(stop && k == 16) {
				t.Errorf("point %d after %d replications: half-width %.3g of %.3g (%.1f%%); stopped %v", p, k, (hi-lo)/2, mean, 100*(hi-lo)/2/mean, stop)
			}
		}
	}
	var sj struct {
		Experiment struct {
			Replications json.RawMessage `json:"replications"`
		} `json:"experiment"`
		Rows []map[string]any `json:"rows"`
	}
	data, err := os.ReadFile(filepath.Join(dir, SummaryJSONFile))
	if err != nil || json.Unmarshal(data, &sj) != nil {
		t.Fatalf("summary.json: %v", err)
	}
	var compact bytes.Buffer
	json.Compact(&compact, sj.Experiment.Replications)
	if got := compact.String(); got != `{"min":4,"max":16,"batch":4,"until":{"metric":"delay.mean","relative":0.05}}` {
		t.Errorf("summary.json experiment.replications %s", got)
	}
	for p, n := range want {
		if got := sj.Rows[p]["replications"]; got != float64(n) {
			t.Errorf("summary.json point %d replications %v, want %d", p, got, n)
		}
	}
	m, err := readManifest(dir)
	if err != nil || len(m.Runs) != 8+12+16 {
		t.Errorf("manifest lists %d runs, want 36 (%v)", len(m.Runs), err)
	}
}

// TestPrecisionSameRunsAsFixed checks that replication r of a point is
// the same run with a precision target as with a fixed count: the rows of
// runs.csv are a prefix of those of replications: 16, point by point.
func TestPrecisionSameRunsAsFixed(t *testing.T) {
	adaptive := readCSV(t, filepath.Join(mustRun(t, mustLoad(t, precisionFile), Options{Parallel: 2, NoCharts: true}), RunsFile))
	fixed, err := parse(t, strings.Replace(readFile(t, precisionFile), "replications: {min: 4, max: 16, until: {metric: delay.mean, relative: 0.05}}", "replications: 16", 1))
	if err != nil {
		t.Fatal(err)
	}
	all := readCSV(t, filepath.Join(mustRun(t, fixed, Options{Parallel: 2, NoCharts: true}), RunsFile))
	if len(adaptive) != 1+36 || len(all) != 1+48 {
		t.Fatalf("%d and %d rows", len(adaptive)-1, len(all)-1)
	}
	i := 1
	for _, row := range all[1:] {
		if i < len(adaptive) && row[0] == adaptive[i][0] && row[1] == adaptive[i][1] {
			if !slices.Equal(row, adaptive[i]) {
				t.Errorf("point %s replication %s differs:\n%v\n%v", row[0], row[1], row, adaptive[i])
			}
			i++
		}
	}
	if i != len(adaptive) {
		t.Errorf("%d rows of the adaptive run matched, want %d", i-1, len(adaptive)-1)
	}
}

// TestPrecisionByteIdentical checks that a precision target gives the
// same outputs with --parallel 1 and 3, as shards merged, and resumed
// after an interruption.
func TestPrecisionByteIdentical(t *testing.T) {
	exp := mustLoad(t, precisionFile)
	one := mustRun(t, exp, Options{Parallel: 1})
	sameOutputs(t, one, mustRun(t, exp, Options{Parallel: 3}))

	var shards []string
	for i := 1; i <= 2; i++ {
		shards = append(shards, mustRun(t, exp, Options{Parallel: 2, Shard: Shard{i, 2}}))
	}
	merged := filepath.Join(t.TempDir(), "merged")
	res, err := Merge(context.Background(), merged, shards, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Points != 3 || res.Runs != 36 {
		t.Errorf("merge: %d points, %d runs; want 3, 36", res.Points, res.Runs)
	}
	sameOutputs(t, one, merged)

	ctx, cancel := context.WithCancel(context.Background())
	dir := filepath.Join(t.TempDir(), "out")
	var runs []int
	_, err = Run(ctx, exp, Options{Dir: dir, Parallel: 2, Progress: func(p Progress) {
		runs = append(runs, p.Runs)
		if p.PointsDone == 1 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v, want context.Canceled", err)
	}
	if runs[0] != 12 || !slices.IsSorted(runs) {
		t.Errorf("Progress.Runs %v: want 12 (3 points × min 4) first, growing by batches", runs)
	}
	runs = nil
	res, err = Run(context.Background(), exp, Options{Dir: dir, Resume: true, Parallel: 3, Progress: func(p Progress) {
		runs = append(runs, p.Runs)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Resumed < 1 || res.Resumed > 2 || res.Runs != 36 || runs[len(runs)-1] != 36 {
		t.Errorf("resumed %d points, %d runs (progress ended at %d); want 1 or 2 (cancelled after the first), 36, 36", res.Resumed, res.Runs, runs[len(runs)-1])
	}
	sameOutputs(t, one, dir)
}

// TestPrecisionNext checks the batches: Min at a time, the last one cut
// at Max, none once Max is reached or the target met.
func TestPrecisionNext(t *testing.T) {
	exp := mustLoad(t, precisionFile)
	pt := &Precision{Min: 4, Max: 10, Metric: "delay.mean", Relative: 1e-9}
	var runs []models.Metrics
	for r := range 10 {
		m, err := simulate(context.Background(), &exp, 0, r)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, m)
	}
	for _, c := range []struct{ n, want int }{{4, 4}, {8, 2}, {10, 0}} {
		if got := pt.next(&exp, runs[:c.n], nil); got != c.want {
			t.Errorf("after %d of min 4 max 10 (never precise): next %d, want %d", c.n, got, c.want)
		}
	}
	loose := &Precision{Min: 4, Max: 10, Metric: "delay.mean", Relative: 100}
	if got := loose.next(&exp, runs[:4], nil); got != 0 {
		t.Errorf("a target of 100×: next %d, want 0", got)
	}
	for _, c := range []struct {
		n    int
		want bool
	}{{4, true}, {6, false}, {8, true}, {9, false}, {10, true}, {11, false}, {3, false}} {
		if got := (resolvedReplications{4, pt}).allows(c.n); got != c.want {
			t.Errorf("min 4 max 10 allows(%d) = %v", c.n, got)
		}
	}
}

// TestPrecisionLoadErrors checks that a bad replications: is refused at
// its file:line:col, naming the key.
func TestPrecisionLoadErrors(t *testing.T) {
	const head = "name: p\nhorizon: 1s\n"
	const model = "model:\n  clients: {arrival: 10ms}\n  server: {service: 5ms}\n"
	for _, c := range []struct {
		reps, extra string
		want        string
	}{
		{"{min: 1, max: 9, until: {metric: delay.mean, relative: 0.1}}", "", "exp.yaml:3:16: replications.min: must be >= 2 (an interval needs 2 replications), got 1"},
		{"{min: 5, max: 4, until: {metric: delay.mean, relative: 0.1}}", "", "exp.yaml:3:24: replications.max: must be at least min (5), got 4"},
		{"{min: 5, max: 9, until: {metric: delay.mean, relative: 0}}", "", "exp.yaml:3:60: replications.until.relative: must be > 0 (the half-width of the 95% interval as a fraction of the value, e.g. 0.02), got 0"},
		{"{min: 5, max: 9, until: {metric: delay.mean, relative: -1}}", "", "exp.yaml:3:60: replications.until.relative: must be > 0"},
		{"{min: 5, max: 9, until: {metric: delay.maen, relative: 0.1}}", "", `exp.yaml:3:48: replications.until.metric: unknown metric delay.maen; did you mean "delay.mean"?`},
		{"{min: 5, max: 9, until: {metric: delay.p99_9, relative: 0.1}}", "", "exp.yaml:3:48: replications.until.metric: delay.p99_9 is not a column of this experiment (its percentiles: delay.p50, delay.p90, delay.p95, delay.p99); add it to percentiles:"},
		{"{min: 5, max: 9, until: {metric: slo.attainment, relative: 0.1}}", "", "exp.yaml:3:48: replications.until.metric: slo.attainment is a column only of an experiment with slo:"},
		{"{min: 5, max: 9, until: {metric: service.db.utilization, relative: 0.1}}", "", "exp.yaml:3:48: replications.until.metric: service.db.utilization is a metric of a service or call, but the model has no services:"},
		{"{min: 5, max: 9}", "", "exp.yaml:3:1: replications.until: missing"},
		{"{min: 5, max: 9, until: delay.mean}", "", "exp.yaml:3:32: replications.until: must be a mapping {metric: M, relative: r}"},
		{"{min: 5, max: 9, until: {metric: delay.mean}}", "", "exp.yaml:3:32: replications.until.relative: missing"},
		{"{min: 5, max: 9, until: {metric: delay.mean, relative: 0.1, within: 2}}", "", "exp.yaml:3:75: replications.until.within: unknown key (accepted: metric, relative)"},
		{"{min: 5, most: 9, until: {metric: delay.mean, relative: 0.1}}", "", "exp.yaml:3:24: replications.most: unknown key (accepted: min, max, until)"},
		{"[5, 9]", "", "exp.yaml:3:1: replications: must be a whole number from 1 to 100000, or a precision target"},
		{"{min: 5, max: 100001, until: {metric: delay.mean, relative: 0.1}}", "", "exp.yaml:3:24: replications.max: must be <= 100000, got 100001"},
		{"{min: 2, max: 100000, until: {metric: delay.mean, relative: 0.1}}", "sweep: {model.server.workers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}\n", "exp.yaml:7:9: sweep: too many runs: at most 100000 sweep points and 1000000 runs"},
	} {
		_, err := parse(t, head+"replications: "+c.reps+"\n"+model+c.extra)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("replications: %s\n got %v\nwant %s", c.reps, err, c.want)
		}
	}
	exp, err := parse(t, head+"replications: {min: 2, max: 3, until: {metric: service.db.delay.p99, relative: 0.1}}\n"+
		"model:\n  clients: {arrival: 10ms, calls: db}\n  services:\n    db: {service: 5ms}\n")
	if err != nil || exp.Precision == nil || exp.Precision.Metric != "service.db.delay.p99" {
		t.Errorf("a service's metric: %v, %+v", err, exp.Precision)
	}
	_, err = parse(t, head+"replications: {min: 2, max: 3, until: {metric: service.web.requests, relative: 0.1}}\n"+
		"model:\n  clients: {arrival: 10ms, calls: db}\n  services:\n    db: {service: 5ms}\n")
	if want := "exp.yaml:3:48: replications.until.metric: service.web.requests is not a column of this model (services: db; calls: clients.db)"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a metric of no service: %v, want %s", err, want)
	}
}

// TestPrecisionBaselinePairsCommonReplications checks the paired
// differences of points with different counts: the light load (8
// replications) is the baseline of the heavy one (16), which is compared
// on replications 0 to 7, those both have.
func TestPrecisionBaselinePairsCommonReplications(t *testing.T) {
	exp, err := parse(t, readFile(t, precisionFile)+"baseline: {model.clients.arrival.mean: 50ms}\n")
	if err != nil {
		t.Fatal(err)
	}
	dir := mustRun(t, exp, Options{Parallel: 2, NoCharts: true})
	runs := readCSV(t, filepath.Join(dir, RunsFile))
	col := slices.Index(runs[0], "delay.mean")
	values := map[string][]float64{}
	for _, row := range runs[1:] {
		v, _ := strconv.ParseFloat(row[col], 64)
		values[row[0]] = append(values[row[0]], v)
	}
	if len(values["0"]) != 8 || len(values["2"]) != 16 {
		t.Fatalf("%d and %d replications, want 8 and 16", len(values["0"]), len(values["2"]))
	}
	d := make([]float64, 8)
	for r := range d {
		d[r] = values["2"][r] - values["0"][r]
	}
	mean, lo, hi := interval(d)
	summary := readCSV(t, filepath.Join(dir, SummaryFile))
	c := slices.Index(summary[0], "delay.mean.diff")
	if got, want := summary[3][c:c+3], []string{formatFloat(mean), formatFloat(lo), formatFloat(hi)}; !slices.Equal(got, want) {
		t.Errorf("point 2 delay.mean.diff %v, want %v (replications 0 to 7)", got, want)
	}
}
