package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestRuntimePanicExitsOne runs the binary on a results directory whose
// manifest has a negative point count, which made merge panic (issue 11):
// Go exits 2 on a panic, the code of an invalid experiment. A failure of
// the program must exit 1 with a one-line message.
func TestRuntimePanicExitsOne(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, filepath.Join(testdataDir, "tiny.yaml"), filepath.Join(dir, "tiny.yaml"))
	if code, _, stderr := asyncsim(t, dir, "run", "tiny.yaml", "-q", "-o", "out"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "out", "manifest.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(data, []byte(`"points": 6,`), []byte(`"points": -5,`), 1)
	if bytes.Equal(bad, data) {
		t.Fatal(`manifest has no "points": 6`)
	}
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := asyncsim(t, dir, "merge", "-o", "m", "out")
	if code != exitFailure || stdout != "" || !strings.HasPrefix(stderr, "asyncsim: ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("merge of a manifest with -5 points: exit %d, stdout %q, stderr\n%s\nwant exit 1 and one line", code, stdout, stderr)
	}
}

// TestPanicInCommandExitsOne checks the message of a panic in a command.
func TestPanicInCommandExitsOne(t *testing.T) {
	var stdout, stderr bytes.Buffer
	m := NewMain(&stdout, &stderr)
	root := m.root()
	root.AddCommand(&cobra.Command{Use: "boom", RunE: func(*cobra.Command, []string) error {
		panic("boom\nsecond line")
	}})
	code := m.execute(context.Background(), root, []string{"boom"})
	if want := "asyncsim: internal error (please report it): boom second line\n"; code != exitFailure || stderr.String() != want {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr.String(), want)
	}
}

// TestUnknownCommandIsUsage checks the unknown command, now recognised by
// its type rather than its text.
func TestUnknownCommandIsUsage(t *testing.T) {
	code, stdout, stderr := cli(t, context.Background(), "rnu", "x.yaml")
	if want := "asyncsim: unknown command \"rnu\"; did you mean \"run\"? (see asyncsim --help)\n"; code != exitUsage || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, stdout, stderr, want)
	}
}

// TestMaxEventsExitsOne checks run --max-events: a run past its event
// budget fails with exit 1 and says so.
func TestMaxEventsExitsOne(t *testing.T) {
	dir := t.TempDir()
	err := os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(`name: b
horizon: 100s
model:
  clients: {arrival: 1ms}
  server: {service: 500us}
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := asyncsim(t, dir, "run", "b.yaml", "-q", "-o", "out", "--max-events", "10000")
	if code != exitFailure || !strings.HasPrefix(stderr, "asyncsim: run failed: point 0 replication 0: run stopped at ") ||
		!strings.Contains(stderr, ": event budget exhausted: ") || !strings.HasSuffix(stderr, " events (budget 10000); 0 of 1 points finished and kept in out\n") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	code, _, stderr = asyncsim(t, dir, "run", "b.yaml", "-q", "-o", "out2", "--max-events", "-1")
	if code != exitUsage || !strings.Contains(stderr, "--max-events") {
		t.Errorf("--max-events -1: exit %d: %s", code, stderr)
	}
}

// TestParallelLowered checks that a --parallel beyond what the process can
// hold is lowered, and says so (issue 11: --parallel 4 died at 4 GB).
func TestParallelLowered(t *testing.T) {
	t.Chdir(t.TempDir())
	copyFile(t, filepath.Join(testdataDir, "tiny.yaml"), "tiny.yaml")
	code, _, stderr := cli(t, context.Background(), "run", "tiny.yaml", "-o", "out", "-q", "--parallel", "100000", "--no-warn", "short")
	if code != 0 || !strings.HasPrefix(stderr, "asyncsim: --parallel 100000 lowered to ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
