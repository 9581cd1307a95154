package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestResumeAfterKill kills a real run midway with SIGKILL, resumes it,
// and checks that the results equal those of an uninterrupted run.
func TestResumeAfterKill(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/slow.yaml", filepath.Join(dir, "slow.yaml"))
	const points = 24

	cmd := exec.Command(binary, "run", "slow.yaml", "-o", "killed", "--parallel", "1")
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := 0
	deadline := time.Now().Add(60 * time.Second)
	for done < 3 && time.Now().Before(deadline) {
		done = recordsIn(filepath.Join(dir, "killed", "points"), time.Time{})
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	recs := recordsIn(filepath.Join(dir, "killed", "points"), time.Time{})
	if recs < 3 || recs >= points {
		t.Fatalf("killed with %d of %d points finished; want a run killed midway", recs, points)
	}
	if _, err := os.Stat(filepath.Join(dir, "killed", "runs.csv")); !os.IsNotExist(err) {
		t.Fatal("a killed run left runs.csv")
	}
	t.Logf("killed after %d of %d points", recs, points)

	code, _, stderr := asyncsim(t, dir, "run", "slow.yaml", "-o", "killed", "--quiet")
	if code != exitUsage || !strings.Contains(stderr, "--resume") {
		t.Errorf("run over the killed run without --resume: exit %d, %s", code, stderr)
	}
	code, _, stderr = asyncsim(t, dir, "run", "slow.yaml", "-o", "killed", "--resume", "--parallel", "2")
	if code != 0 {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "resumed") {
		t.Errorf("resume output does not say points were resumed: %s", stderr)
	}
	if code, _, stderr := asyncsim(t, dir, "run", "slow.yaml", "-o", "whole", "-q"); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
	}
	sameFiles(t, filepath.Join(dir, "whole"), filepath.Join(dir, "killed"), "runs.csv", "summary.csv", "summary.json")
}

// TestInterruptKeepsPoints sends SIGINT (Ctrl-C) to a real run: it must
// stop with exit code 1, keep its finished points and say how to resume.
func TestInterruptKeepsPoints(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/slow.yaml", filepath.Join(dir, "slow.yaml"))
	cmd := exec.Command(binary, "run", "slow.yaml", "-o", "out", "--parallel", "1")
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if recordsIn(filepath.Join(dir, "out", "points"), time.Time{}) >= 2 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != exitFailure {
		t.Fatalf("interrupted run: %v, want exit code 1; stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted: ") || !strings.Contains(stderr.String(), "--resume") {
		t.Errorf("stderr does not say how to resume:\n%s", stderr.String())
	}
	if n := recordsIn(filepath.Join(dir, "out", "points"), time.Time{}); n < 2 || n == 24 {
		t.Errorf("%d points kept after the interrupt", n)
	}
}

// TestConcurrentWriterRefused starts a second process (run, --resume)
// into the directory of a running one (merge is in the experiments tests): each must exit 1 with one
// line naming the other process, and the first run must finish intact.
func TestConcurrentWriterRefused(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/slow.yaml", filepath.Join(dir, "slow.yaml"))
	cmd := exec.Command(binary, "run", "slow.yaml", "-o", "out", "--parallel", "1", "-q")
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if recordsIn(filepath.Join(dir, "out", "points"), time.Time{}) >= 1 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	for _, args := range [][]string{
		{"run", "slow.yaml", "-o", "out", "-q"},
		{"run", "slow.yaml", "-o", "out", "-q", "--resume"},
	} {
		code, _, stderr := asyncsim(t, dir, args...)
		if code != exitFailure || !strings.Contains(stderr, "another asyncsim process") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v during a run: exit %d, %s; want exit 1 and one line naming the other process", args, code, stderr)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the first run: %v", err)
	}
	if code, _, stderr := asyncsim(t, dir, "run", "slow.yaml", "-o", "whole", "-q"); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
	}
	sameFiles(t, filepath.Join(dir, "whole"), filepath.Join(dir, "out"), "runs.csv", "summary.csv", "summary.json")
}

// TestKilledRerunKeepsOldResults kills (SIGKILL) a re-run into a finished
// results directory midway: every file of the previous results must be
// there unchanged, and --resume must finish the new run (issue 11: the
// re-run deleted the old results before anything new existed).
func TestKilledRerunKeepsOldResults(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/slow.yaml", filepath.Join(dir, "slow.yaml"))
	if code, _, stderr := asyncsim(t, dir, "run", "slow.yaml", "-o", "out", "-q"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(dir, "out", "*"))
	recs, _ := filepath.Glob(filepath.Join(dir, "out", "points", "*.jsonl"))
	for _, f := range append(files, recs...) {
		if data, err := os.ReadFile(f); err == nil {
			before[f] = string(data)
		}
	}
	start := time.Now()
	cmd := exec.Command(binary, "run", "slow.yaml", "-o", "out", "--seed", "5", "--parallel", "1", "-q")
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	newRecords := func() int {
		return recordsIn(filepath.Join(dir, "out", "points"), start) + recordsIn(filepath.Join(dir, "out", ".next", "points"), start)
	}
	deadline := time.Now().Add(60 * time.Second)
	for newRecords() < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if n := newRecords(); n < 2 || n >= 24 {
		t.Fatalf("killed with %d new points; want a run killed midway", n)
	}
	for f, data := range before {
		if got, err := os.ReadFile(f); err != nil || string(got) != data {
			t.Errorf("%s changed or lost by the killed re-run (%v)", f, err)
		}
	}
	code, _, stderr := asyncsim(t, dir, "run", "slow.yaml", "-o", "out", "--seed", "5", "--resume", "-q")
	if code != 0 {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	if code, _, stderr := asyncsim(t, dir, "run", "slow.yaml", "-o", "whole", "--seed", "5", "-q"); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
	}
	sameFiles(t, filepath.Join(dir, "whole"), filepath.Join(dir, "out"), "runs.csv", "summary.csv", "summary.json")
}

// recordsIn returns the number of point records in the batch files of the
// points directory dir written after after.
func recordsIn(dir string, after time.Time) int {
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	n := 0
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || !fi.ModTime().After(after) {
			continue
		}
		data, _ := os.ReadFile(f)
		n += strings.Count(string(data), "\n")
	}
	return n
}
