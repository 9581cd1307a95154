package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// traceExp is a small M/M/1 sweep with timeouts and retries, so that
// requests fail as well as succeed.
const traceExp = `name: trace
seed: 3
replications: 2
horizon: 5s
warmup: 1s
model:
  policy: callback
  clients:
    arrival: {dist: exponential, mean: 12ms}
    timeout: 30ms
    retry: {attempts: 2}
  network: {send: 1ms, reply: 1ms}
  server:
    service: {dist: exponential, mean: 10ms}
sweep:
  model.clients.arrival.mean: [20ms, 11ms]
`

// TestTraceAgreesWithRun: the requests of the window and the successes
// of a trace are those runs.csv reports for the same point and
// replication.
func TestTraceAgreesWithRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "exp.yaml"), []byte(traceExp), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := asyncsim(t, dir, "run", "exp.yaml", "-o", "out", "--quiet"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	runs := readCSV(t, filepath.Join(dir, "out", "runs.csv"))
	col := func(name string) int {
		for i, c := range runs[0] {
			if c == name {
				return i
			}
		}
		t.Fatalf("runs.csv has no column %s", name)
		return -1
	}
	for _, row := range runs[1:] {
		p, rep := row[col("point")], row[col("replication")]
		code, stdout, stderr := asyncsim(t, dir, "trace", "exp.yaml", "--point", p, "--replication", rep)
		if code != 0 {
			t.Fatalf("trace: exit %d: %s", code, stderr)
		}
		rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var requests, succeeded, failed int
		for _, r := range rows[1:] {
			if r[0] != "request" || r[3] != "true" {
				continue
			}
			requests++
			switch r[12] {
			case "succeeded":
				succeeded++
			case "failed":
				failed++
			}
		}
		got := []int{requests, succeeded, failed}
		want := []int{atoi(t, row[col("requests")]), atoi(t, row[col("succeeded")]), atoi(t, row[col("failed")])}
		if got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Errorf("point %s replication %s: trace requests, succeeded, failed %v; runs.csv %v", p, rep, got, want)
		}
		if failed == 0 {
			t.Errorf("point %s replication %s: no failure: the test checks too little", p, rep)
		}
	}
}

// TestTraceErrors: a point or replication that does not exist, a bad
// format or limit are usage errors (exit 2) that say what is wrong.
func TestTraceErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "exp.yaml"), []byte(traceExp), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--point", "2"}, "point 2 does not exist: the experiment has points 0 to 1"},
		{[]string{"--replication", "2"}, "replication 2 does not exist: the experiment has replications 0 to 1"},
		{[]string{"--replication", "-1"}, "replication -1 does not exist"},
		{[]string{"--format", "svg"}, `--format must be csv, chrome or png, got "svg"`},
		{[]string{"--limit", "0"}, "--limit must be >= 1"},
		{[]string{"--point", "x"}, "invalid argument"},
	} {
		code, stdout, stderr := asyncsim(t, dir, append([]string{"trace", "exp.yaml"}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit 2 and %q", c.args, code, stderr, stdout, c.want)
		}
	}
	if code, _, stderr := asyncsim(t, dir, "trace", "missing.yaml"); code != 2 {
		t.Errorf("missing file: exit %d: %s", code, stderr)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestTraceFormats: -o's extension chooses the format; --format overrides
// it.
func TestTraceFormats(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "exp.yaml"), []byte(traceExp), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args  []string
		file  string
		start string
	}{
		{[]string{"-o", "t.json"}, "t.json", `{"traceEvents":[`},
		{[]string{"-o", "t.csv"}, "t.csv", "kind,request,"},
		{[]string{"-o", "t.txt", "--format", "chrome"}, "t.txt", `{"traceEvents":[`},
		{[]string{"-o", "t2.json", "--format", "csv"}, "t2.json", "kind,request,"},
	} {
		code, _, stderr := asyncsim(t, dir, append([]string{"trace", "exp.yaml", "--limit", "50"}, c.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		data, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), c.start) {
			t.Errorf("%v: %s starts %.40q, want %q", c.args, c.file, data, c.start)
		}
	}
}
