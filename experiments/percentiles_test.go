package experiments

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pctExperiment is an M/M/1 with the given top-level lines.
func pctExperiment(top string) string {
	return `name: pct
replications: 2
horizon: 5s
` + top + `
model:
  server: {service: {dist: exponential, mean: 10ms}}
  clients: {arrival: {dist: exponential, mean: 20ms}}
`
}

// TestPercentilesAndSLOColumns: percentiles: replaces delay.p50 …
// delay.p99 by its own columns in runs.csv and summary.csv, slo: adds
// slo.attainment after reliability, summary.json records both, and a
// resumed run gives the same bytes.
func TestPercentilesAndSLOColumns(t *testing.T) {
	exp, err := parse(t, pctExperiment("percentiles: [50, 99.9]\nslo: 25ms"))
	if err != nil {
		t.Fatal(err)
	}
	dir := mustRun(t, exp, Options{NoCharts: true})
	runs, err := readTable(dir, RunsFile)
	if err != nil {
		t.Fatal(err)
	}
	want := "requests succeeded failed in_flight throughput reliability slo.attainment delay.mean delay.p50 delay.p99_9 delay.max"
	if got := strings.Join(runs.Columns[3:14], " "); got != want {
		t.Errorf("runs.csv columns %s, want %s", got, want)
	}
	summary, err := readTable(dir, SummaryFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"slo.attainment", "slo.attainment.lo", "delay.p99_9.hi"} {
		if !slices.Contains(summary.Columns, c) {
			t.Errorf("summary.csv has no %s: %v", c, summary.Columns)
		}
	}
	if slices.Contains(summary.Columns, "delay.p99") || slices.Contains(runs.Columns, "delay.p90") {
		t.Errorf("the default percentiles are still columns")
	}
	data, err := os.ReadFile(filepath.Join(dir, SummaryJSONFile))
	if err != nil {
		t.Fatal(err)
	}
	var js struct {
		Experiment struct {
			Percentiles []float64 `json:"percentiles"`
			SLO         float64   `json:"slo"`
		} `json:"experiment"`
	}
	if err := json.Unmarshal(data, &js); err != nil || !slices.Equal(js.Experiment.Percentiles, []float64{50, 99.9}) || js.Experiment.SLO != 0.025 {
		t.Errorf("summary.json experiment %+v (%v)", js.Experiment, err)
	}
	again := mustRun(t, exp, Options{NoCharts: true, Dir: filepath.Join(t.TempDir(), "out"), Parallel: 1})
	sameOutputs(t, dir, again)
	removeRecord(t, again, 0)
	mustRun(t, exp, Options{NoCharts: true, Dir: again, Resume: true})
	sameOutputs(t, dir, again)
}

// TestPercentilesAndSLOErrors: every bad percentiles: or slo:, and a
// chart of a column the experiment does not have, is refused at its key.
func TestPercentilesAndSLOErrors(t *testing.T) {
	for _, c := range []struct{ top, key, msg string }{
		{"percentiles: [99, 50]", "percentiles[1]", "greater than the one before"},
		{"percentiles: [50, 50]", "percentiles[1]", "greater than the one before"},
		{"percentiles: [0]", "percentiles[0]", "> 0 and < 100"},
		{"percentiles: [100]", "percentiles[0]", "> 0 and < 100"},
		{"percentiles: [p99]", "percentiles[0]", "finite number"},
		{"percentiles: []", "percentiles", "a list of percentiles"},
		{"percentiles: 99", "percentiles", "a list of percentiles"},
		{"slo: 0s", "slo", "must be > 0"},
		{"slo: fast", "slo", "duration"},
		{"percentiles: [50, 99.9]\ncharts: [{x: model.server.service.mean, y: delay.p99}]", "charts[0].y", "add it to percentiles:"},
		{"charts: [{x: model.server.service.mean, y: slo.attainment}]", "charts[0].y", "only of an experiment with slo:"},
		{"percentiles: [50, 99.9]\ncharts: [{x: model.server.service.mean, y: delay.p99/delay.mean}]", "charts[0].y", "add it to percentiles:"},
		{"charts: [{x: model.server.service.mean, y: attempts/service.db.requests}]", "charts[0].y", "has no services"},
		{"charts: [{x: model.server.service.mean, y: attempts/nope}]", "charts[0].y", "is not a metric"},
	} {
		text := pctExperiment(c.top)
		if strings.Contains(c.top, "charts") {
			text += "sweep: {model.server.service.mean: [5ms, 10ms]}\n"
		}
		_, err := parse(t, text)
		if err == nil || !strings.Contains(err.Error(), c.key+": ") || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one at %s saying %q", c.top, err, c.key, c.msg)
		}
	}
	exp, err := parse(t, pctExperiment("percentiles: [50, 99.9]\nslo: 25ms\nsweep: {model.server.service.mean: [5ms, 10ms]}\ncharts: [{x: model.server.service.mean, y: slo.attainment, nines: true}]"))
	if err != nil {
		t.Fatalf("a nines chart of slo.attainment: %v", err)
	}
	if _, err := parse(t, pctExperiment("slo: 1s\nsweep: {model.server.service.mean: [5ms, 10ms]}\ncharts: [{x: model.server.service.mean, y: attempts/requests}, {x: model.server.service.mean, y: slo.attainment/reliability}]")); err != nil {
		t.Errorf("charts of ratios: %v", err)
	}
	exp, err = parse(t, pctExperiment("percentiles: [50, 99.9]\nsweep: {model.server.service.mean: [5ms, 10ms]}"))
	if err != nil {
		t.Fatal(err)
	}
	var ys []string
	for _, s := range exp.Charts {
		ys = append(ys, s.Y)
	}
	if !slices.Contains(ys, "delay.p99_9") || slices.Contains(ys, "delay.p99") {
		t.Errorf("default charts draw %v, want delay.p99_9 in place of delay.p99", ys)
	}
}

// TestSLOAttainmentWilson: slo.attainment, a proportion of requests, gets
// the Wilson interval of the counts pooled over replications: with every
// request within a generous slo in both replications it does not read
// [1, 1].
func TestSLOAttainmentWilson(t *testing.T) {
	exp, err := parse(t, pctExperiment("slo: 10s"))
	if err != nil {
		t.Fatal(err)
	}
	dir := mustRun(t, exp, Options{NoCharts: true})
	summary, err := readTable(dir, SummaryFile)
	if err != nil {
		t.Fatal(err)
	}
	cell := func(c string) string { return summary.Rows[0][slices.Index(summary.Columns, c)] }
	if cell("slo.attainment") != "1" || cell("slo.attainment.hi") != "1" || cell("slo.attainment.lo") == "1" || cell("slo.attainment.lo") != cell("reliability.lo") {
		t.Errorf("slo.attainment %s [%s, %s], reliability.lo %s; want 1 [lo < 1, 1], lo as reliability's",
			cell("slo.attainment"), cell("slo.attainment.lo"), cell("slo.attainment.hi"), cell("reliability.lo"))
	}
}
