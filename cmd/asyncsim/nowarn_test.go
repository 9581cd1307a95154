package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

// shortYAML has two points, both too short for their load (flagged
// short), the second past capacity too (an overload warning before the
// run, growing after it).
const shortYAML = `name: flagged
replications: 2
horizon: 2s
model:
  clients: {arrival: {dist: exponential, rate: 90}}
  server: {service: {dist: exponential, mean: 10ms}}
sweep:
  model.clients.arrival.rate: [90, 120]
charts: []
`

// TestNoWarn: every flagged point is warned about once after the run;
// --no-warn silences a kind (repeatable, comma-separated, all), refuses an
// unknown one, and leaves the flags column alone; a merge of shards only
// counts the flagged points, which each shard's run warned about.
func TestNoWarn(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("f.yaml", []byte(shortYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	count := func(stderr, what string) int { return strings.Count(stderr, what) }
	code, _, stderr := cli(t, context.Background(), "run", "f.yaml", "-o", "a", "-q")
	if code != 0 || count(stderr, "warning: point 0 (model.clients.arrival.rate=90): short: ") != 1 ||
		count(stderr, "warning: point 1 (model.clients.arrival.rate=120): growing: ") != 1 || count(stderr, "offered load 1.2") != 1 ||
		count(stderr, ": short: ") != 1 {
		t.Errorf("run: exit %d:\n%s", code, stderr)
	}
	code, _, stderr = cli(t, context.Background(), "run", "f.yaml", "-o", "b", "-q", "--no-warn", "short", "--no-warn", "growing,overload")
	if code != 0 || stderr != "" {
		t.Errorf("--no-warn short --no-warn growing,overload: exit %d: %q", code, stderr)
	}
	for _, dir := range []string{"a", "b"} {
		data, _ := os.ReadFile(dir + "/summary.csv")
		if lines := strings.Split(string(data), "\n"); len(lines) < 3 || !strings.HasPrefix(lines[1], "0,90,short,") || !strings.HasPrefix(lines[2], "1,120,growing,") {
			t.Errorf("%s/summary.csv: %.80q", dir, lines)
		}
	}
	code, _, stderr = cli(t, context.Background(), "run", "f.yaml", "-o", "c", "-q", "--no-warn", "bimodal,loud")
	if code != exitUsage || !strings.Contains(stderr, `unknown kind of warning "loud"`) {
		t.Errorf("--no-warn loud: exit %d: %q", code, stderr)
	}
	for _, s := range []string{"1/2", "2/2"} {
		code, _, stderr = cli(t, context.Background(), "run", "f.yaml", "-o", "s"+s[:1], "-q", "--shard", s, "--no-warn", "overload")
		if code != 0 || count(stderr, "warning: point ") != 1 {
			t.Errorf("shard %s: exit %d:\n%s", s, code, stderr)
		}
	}
	code, _, stderr = cli(t, context.Background(), "merge", "-o", "m", "s1", "s2")
	if code != 0 || count(stderr, "warning:") != 0 || count(stderr, "2 points flagged") != 1 {
		t.Errorf("merge: exit %d:\n%s", code, stderr)
	}
}
