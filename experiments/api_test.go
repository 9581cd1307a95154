package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/asyncsim/asyncsim/examples"
)

func TestLoadFSBundledExamples(t *testing.T) {
	names, err := fsGlob()
	if err != nil || len(names) == 0 {
		t.Fatalf("examples: %v %v", names, err)
	}
	for _, n := range names {
		exp, err := LoadFS(examples.FS, n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		disk := mustLoad(t, filepath.Join("..", "examples", n))
		if exp.SHA256 != disk.SHA256 || len(exp.Points) != len(disk.Points) || exp.File != n {
			t.Errorf("%s: LoadFS and Load differ", n)
		}
	}
}

func fsGlob() ([]string, error) {
	var out []string
	ents, err := examples.FS.ReadDir(".")
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".yaml") {
			out = append(out, e.Name())
		}
	}
	return out, err
}

func TestLoadFSReadsDataFilesFromTheFS(t *testing.T) {
	const exp = `name: fs
horizon: 1s
model:
  clients: {arrival: 10ms}
  server: {service: {dist: empirical, file: data/service.csv}}
`
	fsys := fstest.MapFS{
		"exps/e.yaml":           {Data: []byte(exp)},
		"exps/data/service.csv": {Data: []byte("1ms\n3ms\n")},
		"exps/sweep.yaml": {Data: []byte(`name: fs
horizon: 1s
model:
  clients: {arrival: 10ms}
  server: {service: {dist: empirical, file: nope.csv}}
sweep:
  model.server.service.file: [data/service.csv, nope.csv]
`)},
	}
	e, err := LoadFS(fsys, "exps/e.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Points[0].Model.Server.Service.String(); got != "empirical(values=[1ms 3ms])" {
		t.Errorf("service %s", got)
	}
	_, err = LoadFS(fsys, "exps/sweep.yaml")
	want := `exps/sweep.yaml:7:49: model.server.service.file: empirical: file nope.csv not found (looked for exps/nope.csv)`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
	_, err = LoadFS(fsys, "exps/missing.yaml")
	var list ErrorList
	if !errors.As(err, &list) || err.Error() != "exps/missing.yaml: cannot read the experiment file: file does not exist" {
		t.Errorf("missing file: %v", err)
	}
	if _, err := LoadFS(fsys, "exps"); err == nil || err.Error() != "exps: is a directory, not an experiment file" {
		t.Errorf("directory: %v", err)
	}
}

func TestRunSummaryAndNoCharts(t *testing.T) {
	exp := mustLoad(t, "../examples/quickstart.yaml")
	exp.Horizon, exp.Warmup = exp.Horizon/10, exp.Warmup/10
	dir := filepath.Join(t.TempDir(), "out")
	res, err := Run(context.Background(), exp, Options{Dir: dir, NoCharts: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Charts) != 0 {
		t.Errorf("NoCharts drew %v", res.Charts)
	}
	if pngs, _ := filepath.Glob(filepath.Join(dir, "*.png")); len(pngs) != 0 {
		t.Errorf("NoCharts wrote %v", pngs)
	}
	read, err := ReadSummary(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(read.Columns, res.Summary.Columns) || len(read.Rows) != 4 || !slices.EqualFunc(read.Rows, res.Summary.Rows, slices.Equal) {
		t.Errorf("Result.Summary and ReadSummary differ:\n%v\n%v", res.Summary, read)
	}
	tab := res.Summary
	if got := tab.Cell(1, "model.clients.arrival.mean"); got != "0.02" {
		t.Errorf("cell %q", got)
	}
	if v, ok := tab.Float(0, "server.utilization"); !ok || v <= 0.1 || v >= 0.4 {
		t.Errorf("utilization %v %v", v, ok)
	}
	for _, c := range []struct {
		row int
		col string
	}{{0, "nope"}, {-1, "throughput"}, {4, "throughput"}} {
		if v, ok := tab.Float(c.row, c.col); ok {
			t.Errorf("Float(%d, %s) = %v, true", c.row, c.col, v)
		}
	}
	if v, ok := (&Table{Columns: []string{"a"}, Rows: [][]string{{""}}}).Float(0, "a"); ok {
		t.Errorf("Float of an empty cell = %v, true", v)
	}
	if tab.Column("point") != 0 || tab.Column("nope") != -1 {
		t.Error("Column")
	}
	// The charts can be drawn afterwards.
	files, err := Plot(dir)
	if err != nil || len(files) != len(exp.Charts) {
		t.Errorf("Plot: %v %v", files, err)
	}
	if _, err := ReadSummary(t.TempDir()); err == nil {
		t.Error("ReadSummary of an empty directory")
	}
}

func TestRunWholeDistributions(t *testing.T) {
	exp, err := parse(t, `
name: whole
seed: 3
replications: 2
horizon: 2s
model:
  clients: {arrival: {dist: exponential, mean: 20ms}}
  server: {service: 5ms}
sweep:
  model.server.service:
    - {dist: exponential, mean: 5ms}
    - {dist: lognormal, mean: 5ms, cv: 4}
    - 5ms
  model.policy: [sync, callback]
charts: []
`)
	if err != nil {
		t.Fatal(err)
	}
	one := mustRun(t, exp, Options{Parallel: 1})
	sameOutputs(t, one, mustRun(t, exp, Options{Parallel: 4}))
	var shards []string
	for i := 1; i <= 2; i++ {
		shards = append(shards, mustRun(t, exp, Options{Shard: Shard{i, 2}}))
	}
	merged := filepath.Join(t.TempDir(), "merged")
	if _, err := Merge(context.Background(), merged, shards, nil); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, one, merged)

	csvData, _ := os.ReadFile(filepath.Join(one, SummaryFile))
	if !strings.Contains(string(csvData), "\n2,\"lognormal(mean=5ms, cv=4)\",sync,") ||
		!strings.Contains(string(csvData), "\n5,constant(value=5ms),callback,") {
		t.Errorf("summary.csv:\n%.300s", csvData)
	}
	jsonData, _ := os.ReadFile(filepath.Join(one, SummaryJSONFile))
	for _, want := range []string{
		`"path": "model.server.service",`, `"kind": "string",`,
		`"{dist: lognormal, mean: 5ms, cv: 4}"`,
		`"model.server.service": "lognormal(mean=5ms, cv=4)"`,
	} {
		if !strings.Contains(string(jsonData), want) {
			t.Errorf("summary.json lacks %s", want)
		}
	}
	tab, err := ReadSummary(one)
	if err != nil {
		t.Fatal(err)
	}
	if got := tab.Cell(2, "model.server.service"); got != "lognormal(mean=5ms, cv=4)" {
		t.Errorf("cell %q", got)
	}
}
