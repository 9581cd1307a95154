package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs asyncsim in-process in directory dir.
func cli(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := NewMain(&stdout, &stderr).Run(ctx, args)
	return code, stdout.String(), stderr.String()
}

func TestExitCodes(t *testing.T) {
	t.Chdir(t.TempDir())
	copyFile(t, filepath.Join(testdataDir, "tiny.yaml"), "tiny.yaml")
	ctx := context.Background()
	for _, c := range []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{[]string{"--help"}, 0, "Usage:"},
		{[]string{"run", "--help"}, 0, "--resume"},
		{[]string{"validate", "--help"}, 0, "FILE:LINE:COLUMN"},
		{[]string{"plot", "--help"}, 0, "summary.csv"},
		{[]string{"merge", "--help"}, 0, "SHARD_DIR"},
		{[]string{"examples", "--help"}, 0, "examples [NAME]"},
		{[]string{"version", "--help"}, 0, "version"},
		{[]string{"version"}, 0, "asyncsim 0.1.0 (go"},
		{[]string{"version"}, 0, "build: asyncsim "},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"run"}, 2, "expected one experiment file"},
		{[]string{"run", "a.yaml", "b.yaml"}, 2, "expected one experiment file"},
		{[]string{"run", "tiny.yaml", "--bogus"}, 2, "unknown flag: --bogus"},
		{[]string{"run", "tiny.yaml", "--shard", "4/3"}, 2, "invalid shard"},
		{[]string{"run", "tiny.yaml", "--shard", "x"}, 2, "invalid shard"},
		{[]string{"run", "tiny.yaml", "--parallel", "-1"}, 2, "--parallel must be >= 1"},
		{[]string{"run", "tiny.yaml", "--seed", "-4"}, 2, "invalid argument"},
		{[]string{"run", "missing.yaml"}, 2, "missing.yaml: cannot read the experiment file"},
		{[]string{"run", "tiny.yaml", "-q", "-o", "."}, 2, ". is not an asyncsim results directory (it is not empty and has no .asyncsim file)"},
		{[]string{"run", "tiny.yaml", "-q", "-o", "/"}, 2, "refusing to write results into the root directory"},
		{[]string{"run", "tiny.yaml", "-q", "-o", "typo", "--resume"}, 2, "nothing to resume: typo does not exist"},
		{[]string{"validate", "tiny.yaml"}, 0, "tiny.yaml: valid: tiny, 6 points × 2 replications = 12 runs"},
		{[]string{"validate", "."}, 2, ".: is a directory"},
		{[]string{"plot", "nowhere"}, 2, "nowhere is not a finished results directory"},
		{[]string{"merge", "x"}, 2, "-o DIR is required"},
		{[]string{"merge", "-o", "m", "nowhere"}, 2, "nowhere is not a results directory"},
		{[]string{"examples", "nope"}, 2, `no example called "nope"`},
		{[]string{"examples"}, 0, "quickstart"},
	} {
		code, stdout, stderr := cli(t, ctx, c.args...)
		if code != c.code || !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("asyncsim %s: exit %d, output\n%s%s\nwant exit %d and %q", strings.Join(c.args, " "), code, stdout, stderr, c.code, c.want)
		}
	}
}

func TestExamplesPrintsTheFile(t *testing.T) {
	code, stdout, _ := cli(t, context.Background(), "examples", "quickstart")
	want, err := os.ReadFile("../../examples/quickstart.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 || stdout != string(want) {
		t.Errorf("examples quickstart: exit %d, output differs from examples/quickstart.yaml", code)
	}
}

// TestBundledExamplesAreValid checks every bundled experiment.
func TestBundledExamplesAreValid(t *testing.T) {
	names, err := exampleNames()
	if err != nil || len(names) == 0 {
		t.Fatalf("examples: %v %v", names, err)
	}
	for _, n := range names {
		code, _, stderr := cli(t, context.Background(), "validate", filepath.Join("../../examples", n+".yaml"))
		if code != 0 {
			t.Errorf("examples/%s.yaml: exit %d: %s", n, code, stderr)
		}
	}
}

func TestInterruptedRunSaysResume(t *testing.T) {
	t.Chdir(t.TempDir())
	copyFile(t, filepath.Join(testdataDir, "tiny.yaml"), "tiny.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, stderr := cli(t, ctx, "run", "tiny.yaml", "-o", "out")
	if code != exitFailure || !strings.Contains(stderr, "interrupted: 0 of 6 points are finished and kept in out; run the same command with --resume") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	code, _, stderr = cli(t, context.Background(), "run", "tiny.yaml", "-o", "out", "--resume", "-q", "--no-warn", "all")
	if code != 0 || stderr != "" {
		t.Errorf("resume: exit %d: %q", code, stderr)
	}
}

// TestRunFailureExitsOne runs the binary (a race-instrumented run to the
// backlog limit would be slow) on a model that exhausts its backlog.
func TestRunFailureExitsOne(t *testing.T) {
	dir := t.TempDir()
	err := os.WriteFile(filepath.Join(dir, "over.yaml"), []byte(`name: over
horizon: 1h
model:
  clients: {arrival: 1us}
  server: {service: 1s}
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := asyncsim(t, dir, "run", "over.yaml", "-o", "out", "-q")
	if code != exitFailure || !strings.Contains(stderr, "warning: over.yaml:3:1: model: offered load") ||
		!strings.Contains(stderr, "asyncsim: run failed: point 0 replication 0: ") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestParallelShardsAndMergeViaCLI checks byte-identical results through
// the command: --parallel 1, 2 and 8, and three shards merged.
func TestParallelShardsAndMergeViaCLI(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, filepath.Join(testdataDir, "tiny.yaml"), filepath.Join(dir, "tiny.yaml"))
	tables := []string{"runs.csv", "summary.csv", "summary.json"}
	for _, n := range []string{"1", "2", "8"} {
		if code, _, stderr := asyncsim(t, dir, "run", "tiny.yaml", "-q", "--parallel", n, "-o", "p"+n); code != 0 {
			t.Fatalf("--parallel %s: exit %d: %s", n, code, stderr)
		}
	}
	sameFiles(t, filepath.Join(dir, "p1"), filepath.Join(dir, "p2"), tables...)
	sameFiles(t, filepath.Join(dir, "p1"), filepath.Join(dir, "p8"), tables...)
	for _, s := range []string{"1", "2", "3"} {
		if code, _, stderr := asyncsim(t, dir, "run", "tiny.yaml", "-q", "--shard", s+"/3"); code != 0 {
			t.Fatalf("--shard %s/3: exit %d: %s", s, code, stderr)
		}
	}
	code, _, stderr := asyncsim(t, dir, "merge", "-o", "merged", "results/tiny-shard-1-of-3", "results/tiny-shard-2-of-3", "results/tiny-shard-3-of-3")
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	sameFiles(t, filepath.Join(dir, "p1"), filepath.Join(dir, "merged"), tables...)

	code, _, stderr = asyncsim(t, dir, "merge", "-o", "bad", "results/tiny-shard-1-of-3", "results/tiny-shard-3-of-3")
	if code != exitUsage || !strings.Contains(stderr, "missing shard [2/3]") {
		t.Errorf("merge of 2 of 3 shards: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad")); !os.IsNotExist(err) {
		t.Error("a refused merge created its output directory")
	}
}

// TestWarningsOneLineEach checks how load warnings are printed: one line
// per point, at most a few, and their shared explanation once.
func TestWarningsOneLineEach(t *testing.T) {
	t.Chdir(t.TempDir())
	const exp = `name: w
horizon: 10s
model:
  clients: {arrival: {dist: exponential, mean: 10ms}}
  server: {service: {dist: exponential, mean: 12ms}}
sweep:
  model.clients.arrival.mean: [%s]
`
	note := `  Past capacity, requests arrive faster than they are served. With no full
  queue to reject them, the backlog grows for as long as the load stays that
  high (the whole run at a steady load, the peak of a profile), so delays
  there depend on how long that lasts. A clients.timeout makes clients give up
  on requests that wait too long, but the servers still serve them; a
  server.capacity (broker.capacity) small enough to fill turns the excess into
  rejections.
`
	line := func(col, point int, mean, rate, load string) string {
		return fmt.Sprintf("warning: exp.yaml:7:%d: point %d (model.clients.arrival.mean=%s): offered load %s >= 1 (%s/s × 12ms / 1 worker) with server.capacity 0: the server queues grow without bound\n",
			col, point, mean, load, rate)
	}
	for _, c := range []struct{ values, want string }{
		{"20ms, 12ms, 10ms", line(38, 1, "12ms", "83.33", "1") + line(44, 2, "10ms", "100", "1.2") + note},
		{"1ms, 2ms, 3ms, 4ms, 5ms, 6ms, 7ms, 8ms", line(32, 0, "1ms", "1000", "12") + line(37, 1, "2ms", "500", "6") +
			line(42, 2, "3ms", "333.3", "4") + line(47, 3, "4ms", "250", "3") + line(52, 4, "5ms", "200", "2.4") +
			line(57, 5, "6ms", "166.7", "2") + "warning: ... and 2 more like these\n" + note},
	} {
		if err := os.WriteFile("exp.yaml", fmt.Appendf(nil, exp, c.values), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, context.Background(), "validate", "exp.yaml")
		if code != 0 || stderr != c.want {
			t.Errorf("exit %d, stderr\n%s\nwant\n%s", code, stderr, c.want)
		}
	}
}
