package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

// precisionExp has a precision target: 2 points of 3 to 9 replications.
const precisionExp = `name: t
horizon: 10s
replications: {min: 3, max: 9, until: {metric: delay.mean, relative: 0.01}}
model:
  policy: callback
  clients: {arrival: {dist: exponential, mean: 10ms}}
  network: {send: 1ms, reply: 1ms}
  server: {service: {dist: exponential, mean: 5ms}}
sweep:
  model.server.workers: [1, 2]
`

// TestPrecisionTargetCommands checks what validate and run say about an
// experiment with a precision target: the fewest and the most runs and
// work, then the runs made; and that an unknown metric is refused with
// exit 2 at its position.
func TestPrecisionTargetCommands(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("exp.yaml", []byte(precisionExp), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, context.Background(), "validate", "exp.yaml")
	want := "exp.yaml: valid: t, 2 points × 3 to 9 replications = 6 to 18 runs\n" +
		"exp.yaml: expected work: about 24,000 events (under a CPU-second) to about 72,000 events (under a CPU-second)\n"
	if code != 0 || stderr != "" || stdout != want {
		t.Errorf("validate: exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
	code, _, stderr = cli(t, context.Background(), "run", "exp.yaml", "-o", "out")
	if !strings.Contains(stderr, "asyncsim: 2 points × 3 to 9 replications = 6 to 18 runs,") ||
		!strings.Contains(stderr, "asyncsim: 2 points × 3 to 9 replications (18 runs in all) in ") || code != 0 {
		t.Errorf("run: exit %d, stderr %q", code, stderr)
	}
	// ±1% is out of reach in 9 runs of 10 s: both points stop at the max,
	// flagged and warned about.
	if n := strings.Count(stderr, ": imprecise: after the max of 9 replications the 95% interval of delay.mean is ±"); n != 2 {
		t.Errorf("%d imprecise warnings, want 2:\n%s", n, stderr)
	}
	summary, err := os.ReadFile("out/summary.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(summary), "\n")
	if !strings.HasPrefix(lines[0], "point,model.server.workers,flags,replications,") ||
		!strings.HasPrefix(lines[1], "0,1,imprecise,9,") || !strings.HasPrefix(lines[2], "1,2,imprecise,9,") {
		t.Errorf("summary.csv starts\n%s\n%s\n%s", lines[0], lines[1], lines[2])
	}

	bad := strings.Replace(precisionExp, "metric: delay.mean", "metric: delay.p99_9", 1)
	if err := os.WriteFile("bad.yaml", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = cli(t, context.Background(), "run", "bad.yaml", "-o", "bad")
	if code != 2 || !strings.Contains(stderr, "bad.yaml:3:48: replications.until.metric: delay.p99_9 is not a column of this experiment") {
		t.Errorf("unknown metric: exit %d, stderr %q; want 2 and its position", code, stderr)
	}
}
