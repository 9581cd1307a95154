package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// specMetrics are the metric names of the product contract, in order.
var specMetrics = strings.Fields(`requests succeeded failed in_flight throughput reliability
	delay.mean delay.p50 delay.p90 delay.p95 delay.p99 delay.max
	send.mean receive.mean process.mean send.p99 receive.p99 process.p99
	attempts amplification retries timeouts lost rejected errors late duplicates dead_letters
	short_circuited hedges expired shed rate_limited ejections budget_exhausted fallbacks
	server.utilization server.queue.mean client.utilization warmup`)

var swept = []string{"model.clients.arrival.mean", "model.policy"}

// TestEndToEnd builds and runs asyncsim on a small experiment and checks
// every output file against the product contract.
func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/e2e.yaml", filepath.Join(dir, "e2e.yaml"))
	code, stdout, stderr := asyncsim(t, dir, "run", "e2e.yaml", "--parallel", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
	out := filepath.Join(dir, "results", "e2e") // the default -o
	if lines := strings.Count(stderr, "done ("); lines != 6 {
		t.Errorf("%d progress lines for 6 points without a terminal:\n%s", lines, stderr)
	}

	runs := readCSV(t, filepath.Join(out, "runs.csv"))
	wantRuns := append(append([]string{"point", "replication", "seed"}, swept...), specMetrics...)
	if !slices.Equal(runs[0], wantRuns) {
		t.Errorf("runs.csv columns\n%v\nwant\n%v", runs[0], wantRuns)
	}
	if len(runs) != 1+6*3 {
		t.Fatalf("runs.csv has %d rows, want 18", len(runs)-1)
	}
	seeds := map[string]string{}
	for i, row := range runs[1:] {
		p, r := i/3, i%3
		if row[0] != strconv.Itoa(p) || row[1] != strconv.Itoa(r) {
			t.Errorf("row %d is point %s replication %s, want %d %d", i, row[0], row[1], p, r)
		}
		if _, err := strconv.ParseUint(row[2], 10, 64); err != nil {
			t.Errorf("seed %q", row[2])
		}
		if s, ok := seeds[row[1]]; ok && s != row[2] {
			t.Errorf("replication %s has seeds %s and %s: not common random numbers", row[1], s, row[2])
		}
		seeds[row[1]] = row[2]
		numbers(t, "runs.csv", row[5:])
	}
	if runs[1][3] != "0.04" || runs[1][4] != "callback" || runs[4][4] != "mq" {
		t.Errorf("swept cells %v, %v", runs[1][3:5], runs[4][3:5])
	}

	summary := readCSV(t, filepath.Join(out, "summary.csv"))
	wantSummary := append(append([]string{"point"}, swept...), "flags", "replications")
	for _, m := range specMetrics {
		wantSummary = append(wantSummary, m, m+".lo", m+".hi", m+".min", m+".max")
	}
	wantSummary = append(wantSummary, "theory.delay.mean", "theory.throughput", "theory.reliability")
	if !slices.Equal(summary[0], wantSummary) {
		t.Errorf("summary.csv columns\n%v\nwant\n%v", summary[0], wantSummary)
	}
	if len(summary) != 7 {
		t.Fatalf("summary.csv has %d rows, want 6", len(summary)-1)
	}
	for _, row := range summary[1:] {
		if f := row[3]; f != "" && f != "short" {
			t.Errorf("point %s: flags %q, want none or short (a horizon of 4 s)", row[0], f)
		}
		if row[4] != "3" {
			t.Errorf("point %s: replications %q, want 3", row[0], row[4])
		}
		numbers(t, "summary.csv", row[5:])
		for j := 5; j+4 < 5+5*len(specMetrics); j += 5 {
			m, lo, hi, least, most := num(row[j]), num(row[j+1]), num(row[j+2]), num(row[j+3]), num(row[j+4])
			if row[j] != "" && !(lo <= m && m <= hi) {
				t.Errorf("point %s %s: %v not in [%v, %v]", row[0], summary[0][j], m, lo, hi)
			}
			if row[j] != "" && !(least <= m && m <= most) {
				t.Errorf("point %s %s: %v not in its span [%v, %v]", row[0], summary[0][j], m, least, most)
			}
		}
	}

	var sj struct {
		Name       string
		Experiment map[string]any
		Columns    []string
		Rows       []map[string]any
	}
	readJSON(t, filepath.Join(out, "summary.json"), &sj)
	if sj.Name != "e2e" || !slices.Equal(sj.Columns, wantSummary) || len(sj.Rows) != 6 {
		t.Errorf("summary.json: name %q, %d columns, %d rows", sj.Name, len(sj.Columns), len(sj.Rows))
	}
	for _, k := range []string{"seed", "replications", "horizon", "warmup", "model", "sweep", "charts"} {
		if _, ok := sj.Experiment[k]; !ok {
			t.Errorf("summary.json experiment lacks %s", k)
		}
	}
	for i, row := range sj.Rows {
		for j, c := range sj.Columns {
			v, cell := row[c], summary[i+1][j]
			switch v := v.(type) {
			case nil:
				if cell != "" {
					t.Errorf("summary.json row %d %s is null, csv has %q", i, c, cell)
				}
			case string:
				if v != cell {
					t.Errorf("summary.json row %d %s = %q, csv %q", i, c, v, cell)
				}
			case float64:
				if strconv.FormatFloat(v, 'g', -1, 64) != cell {
					t.Errorf("summary.json row %d %s = %v, csv %q", i, c, v, cell)
				}
			}
		}
	}

	var man struct {
		Version     string `json:"asyncsim_version"`
		GoVersion   string `json:"go_version"`
		SHA256      string `json:"experiment_sha256"`
		Seed        uint64
		Experiment  map[string]any
		CommandLine []string `json:"command_line"`
		Started     string
		Finished    string
		Complete    bool
		Runs        []struct {
			Point, Replication int
			Seed               uint64
		}
	}
	readJSON(t, filepath.Join(out, "manifest.json"), &man)
	file, _ := os.ReadFile(filepath.Join(dir, "e2e.yaml"))
	sum := sha256.Sum256(file)
	if man.SHA256 != hex.EncodeToString(sum[:]) || man.Seed != 11 || man.Version == "" || !strings.HasPrefix(man.GoVersion, "go") || !man.Complete {
		t.Errorf("manifest: %+v", man)
	}
	if len(man.CommandLine) < 2 || man.CommandLine[1] != "run" || man.Experiment["model"] == nil {
		t.Errorf("manifest command line %v", man.CommandLine)
	}
	start, err1 := time.Parse(time.RFC3339Nano, man.Started)
	end, err2 := time.Parse(time.RFC3339Nano, man.Finished)
	if err1 != nil || err2 != nil || end.Before(start) {
		t.Errorf("manifest times %q %q", man.Started, man.Finished)
	}
	if len(man.Runs) != 18 {
		t.Fatalf("manifest lists %d runs, want 18", len(man.Runs))
	}
	for i, r := range man.Runs {
		if strconv.FormatUint(r.Seed, 10) != runs[i+1][2] || r.Point != i/3 || r.Replication != i%3 {
			t.Errorf("manifest run %d: %+v, runs.csv seed %s", i, r, runs[i+1][2])
		}
	}

	for _, png := range []string{"p99.png", "reliability.png"} {
		data, err := os.ReadFile(filepath.Join(out, png))
		if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s: not a PNG (%v)", png, err)
		}
	}

	// plot redraws the same charts from the tables.
	before, _ := os.ReadFile(filepath.Join(out, "p99.png"))
	os.Remove(filepath.Join(out, "p99.png"))
	if code, stdout, stderr := asyncsim(t, dir, "plot", "results/e2e"); code != 0 || !strings.Contains(stdout, "p99.png") {
		t.Fatalf("plot: exit %d, %s %s", code, stdout, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(out, "p99.png"))
	if !bytes.Equal(before, after) {
		t.Error("plot drew a different p99.png")
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// numbers checks that every cell is a number or empty.
func numbers(t *testing.T, file string, cells []string) {
	t.Helper()
	for _, c := range cells {
		if c == "" {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err != nil {
			t.Errorf("%s: cell %q is not a number", file, c)
		}
	}
}

func num(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// TestChartFailureFailsTheRun: a chart that cannot be written (here a
// directory is in its way, as a full disk would be) fails the run with exit
// 1, leaves the tables complete, and asyncsim plot draws it later (issue
// 11: exit 0 and "complete").
func TestChartFailureFailsTheRun(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/e2e.yaml", filepath.Join(dir, "e2e.yaml"))
	out := filepath.Join(dir, "out")
	os.MkdirAll(filepath.Join(out, "p99.png", "in-the-way"), 0o755)
	os.WriteFile(filepath.Join(out, ".asyncsim"), []byte(`{"asyncsim": "results directory"}`), 0o644)
	code, _, stderr := asyncsim(t, dir, "run", "e2e.yaml", "-o", "out", "-q", "--no-warn", "short")
	if code != exitFailure || !strings.Contains(stderr, "p99.png") || !strings.Contains(stderr, "asyncsim plot") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("run with a chart that cannot be written: exit %d, %s; want exit 1 and one line naming the chart and asyncsim plot", code, stderr)
	}
	var m struct{ Complete bool }
	readJSON(t, filepath.Join(out, "manifest.json"), &m)
	if !m.Complete {
		t.Error("the tables are written but the manifest is not complete")
	}
	for _, f := range []string{"runs.csv", "summary.csv", "summary.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	os.RemoveAll(filepath.Join(out, "p99.png"))
	if code, stdout, stderr := asyncsim(t, dir, "plot", "out"); code != 0 || !strings.Contains(stdout, "p99.png") {
		t.Fatalf("plot: exit %d: %s %s", code, stdout, stderr)
	}
	if fi, err := os.Stat(filepath.Join(out, "p99.png")); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		t.Errorf("p99.png after plot: %v", err)
	}
}
