package experiments

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// graphExp is a small service graph swept over two points.
const graphExp = `name: g
horizon: 2s
replications: 2
model:
  clients: {arrival: {dist: exponential, mean: 10ms}, calls: web}
  services:
    web: {service: 1ms, calls: [{to: db, timeout: 50ms}]}
    db: {service: {dist: exponential, mean: 2ms}}
sweep:
  model.services.web.calls.0.policy: [sync, callback]
`

// graphColumns are the columns of the services and calls of graphExp.
var graphColumns = []string{
	"call.clients.web.attempts", "call.clients.web.budget_exhausted", "call.clients.web.fallbacks", "call.clients.web.hedges", "call.clients.web.late", "call.clients.web.retries", "call.clients.web.short_circuited", "call.clients.web.timeouts",
	"call.web.db.attempts", "call.web.db.budget_exhausted", "call.web.db.fallbacks", "call.web.db.hedges", "call.web.db.late", "call.web.db.retries", "call.web.db.short_circuited", "call.web.db.timeouts",
	"service.db.delay.mean", "service.db.delay.p99", "service.db.ejections", "service.db.errors", "service.db.expired", "service.db.failed", "service.db.queue.mean", "service.db.rate_limited", "service.db.rejected", "service.db.requests", "service.db.shed", "service.db.succeeded", "service.db.utilization",
	"service.web.delay.mean", "service.web.delay.p99", "service.web.ejections", "service.web.errors", "service.web.expired", "service.web.failed", "service.web.queue.mean", "service.web.rate_limited", "service.web.rejected", "service.web.requests", "service.web.shed", "service.web.succeeded", "service.web.utilization",
}

// readCSV returns the rows of a CSV file, its header first.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The columns of the services and calls come after the fixed metrics,
// sorted by name: in runs.csv as values, in summary.csv as M, M.lo, M.hi
// before the theory columns; every row has a cell for each.
func TestGraphColumns(t *testing.T) {
	exp, err := parse(t, graphExp)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(exp.GraphMetrics, graphColumns) {
		t.Fatalf("GraphMetrics %v\nwant %v", exp.GraphMetrics, graphColumns)
	}
	dir := mustRun(t, exp, Options{Parallel: 2, NoCharts: true})

	runs := readCSV(t, filepath.Join(dir, RunsFile))
	want := append([]string{"point", "replication", "seed", "model.services.web.calls.0.policy"}, models.MetricNames...)
	want = append(want, graphColumns...)
	if !slices.Equal(runs[0], want) {
		t.Errorf("runs.csv header\n%v\nwant\n%v", runs[0], want)
	}
	col := slices.Index(runs[0], "call.web.db.attempts")
	req := slices.Index(runs[0], "service.db.requests")
	for _, row := range runs[1:] {
		if len(row) != len(want) {
			t.Fatalf("runs.csv row of %d cells, want %d", len(row), len(want))
		}
		// Every call of web reaches db once: no loss, no retry.
		if row[col] == "" || row[col] == "0" || row[col] != row[req] {
			t.Errorf("point %s replication %s: call.web.db.attempts %s, service.db.requests %s; want equal and > 0", row[0], row[1], row[col], row[req])
		}
	}

	summary := readCSV(t, filepath.Join(dir, SummaryFile))
	want = []string{"point", "model.services.web.calls.0.policy", "flags", "replications"}
	for _, m := range append(slices.Clip(models.MetricNames), graphColumns...) {
		want = append(want, m, m+".lo", m+".hi", m+".min", m+".max")
	}
	want = append(want, theoryColumns...)
	if !slices.Equal(summary[0], want) {
		t.Errorf("summary.csv header\n%v\nwant\n%v", summary[0], want)
	}
	for _, row := range summary[1:] {
		if len(row) != len(want) {
			t.Errorf("summary.csv row of %d cells, want %d", len(row), len(want))
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, SummaryJSONFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"graph_metrics": [`) || !strings.Contains(string(data), `"service.web.utilization.hi": `) {
		t.Error("summary.json lacks the graph's columns")
	}
}

// Shards of a graph merge into the tables of the unsharded run, byte for
// byte, and plot redraws the charts of its services from them.
func TestGraphShardsMergeAndPlot(t *testing.T) {
	exp, err := parse(t, graphExp)
	if err != nil {
		t.Fatal(err)
	}
	whole := mustRun(t, exp, Options{})
	base := t.TempDir()
	var shards []string
	for i := 1; i <= 2; i++ {
		shards = append(shards, mustRun(t, exp, Options{Dir: filepath.Join(base, "s"+string(rune('0'+i))), Shard: Shard{i, 2}}))
	}
	merged := filepath.Join(base, "merged")
	if _, err := Merge(context.Background(), merged, shards, nil); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, whole, merged)
	files, err := Plot(merged)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	want := []string{"delay_mean.png", "delay_p99.png", "throughput.png", "reliability.png", "decomposition.png",
		"service_web_delay_p99.png", "service_web_utilization.png", "service_db_delay_p99.png", "service_db_utilization.png"}
	if !slices.Equal(names, want) {
		t.Errorf("charts %v, want %v", names, want)
	}
}

// Merge refuses shards whose columns differ.
func TestMergeRefusesOtherColumns(t *testing.T) {
	exp, err := parse(t, graphExp)
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	a := mustRun(t, exp, Options{Dir: filepath.Join(base, "a"), Shard: Shard{1, 2}})
	b := mustRun(t, exp, Options{Dir: filepath.Join(base, "b"), Shard: Shard{2, 2}})
	m := filepath.Join(b, manifestFile)
	data, err := os.ReadFile(m)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	r := doc["experiment"].(map[string]any)
	r["graph_metrics"] = append(r["graph_metrics"].([]any), "service.web.more")
	edited, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(m, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Merge(context.Background(), filepath.Join(base, "m"), []string{a, b}, nil)
	want := a + " and " + b + " have different columns: the services and calls of their models differ"
	if !errors.Is(err, ErrIncompatible) || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Merge: %v, want ErrIncompatible ending %q", err, want)
	}
}

// A chart may draw the metrics of the model's services and calls, not of
// others; without charts: a graph gets two charts per service.
func TestGraphCharts(t *testing.T) {
	exp, err := parse(t, graphExp+`charts:
  - {x: model.services.web.calls.0.policy, y: call.web.db.timeouts}
  - {x: model.services.web.calls.0.policy, y: service.cache.delay.p99}
`)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("got %v, want one error", err)
	}
	list[0].File = "exp.yaml"
	if got, want := list[0].Error(), "exp.yaml:13:44: charts[1].y: service.cache.delay.p99 is not a column of this model (services: db, web; calls: clients.web, web.db)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	exp, err = parse(t, graphExp)
	if err != nil {
		t.Fatal(err)
	}
	var ys []string
	for _, s := range exp.Charts {
		ys = append(ys, s.Y)
	}
	want := []string{"delay.mean", "delay.p99", "throughput", "reliability", "decomposition",
		"service.web.delay.p99", "service.web.utilization", "service.db.delay.p99", "service.db.utilization"}
	if !slices.Equal(ys, want) {
		t.Errorf("default charts %v, want %v", ys, want)
	}
}

// A resumed graph run gives the tables of an uninterrupted one; a point
// record whose runs lack the graph's cells is refused.
func TestGraphResume(t *testing.T) {
	exp, err := parse(t, graphExp)
	if err != nil {
		t.Fatal(err)
	}
	whole := mustRun(t, exp, Options{})
	dir := mustRun(t, exp, Options{})
	removeRecord(t, dir, 1)
	for _, f := range outputs {
		os.Remove(filepath.Join(dir, f))
	}
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	m.Complete = false
	if err := m.write(dir); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), exp, Options{Dir: dir, Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Resumed != 1 {
		t.Errorf("resumed %d points, want 1", res.Resumed)
	}
	sameOutputs(t, whole, dir)

	// A record of point 0 whose runs lost their last cell, checksum
	// renewed: intact, but not of this experiment.
	rec, err := readRecord(dir, 0, m.recordID())
	if err != nil {
		t.Fatal(err)
	}
	for i := range rec.Runs {
		rec.Runs[i] = rec.Runs[i][:len(rec.Runs[i])-1]
	}
	writeRecord(t, dir, rec)
	_, err = readRecord(dir, 0, m.recordID())
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "its runs have a number of cells that is not this experiment's") {
		t.Errorf("readRecord: %v, want ErrIncompatible about the cells of its runs", err)
	}
}
