package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// foreignDir returns a directory asyncsim did not create, holding files of
// the names asyncsim uses, and a function failing the test unless they are
// all still there, unchanged.
func foreignDir(t *testing.T) (string, func()) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"notes.txt":          "mine",
		RunsFile:             "my runs",
		"points/000001.json": `{"mine": 1}`,
		"points/photo.json":  `{"mine": 2}`,
	}
	os.Mkdir(filepath.Join(dir, pointsDir), 0o755)
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, func() {
		t.Helper()
		for n, c := range files {
			if got, err := os.ReadFile(filepath.Join(dir, n)); err != nil || string(got) != c {
				t.Errorf("%s: %.60q, %v; want %q untouched", n, got, err, c)
			}
		}
	}
}

// TestMergeLeavesForeignDirectory: merge -o into a directory that holds no
// asyncsim run must refuse and touch nothing (issue 11: it deleted
// DIR/points/*.json).
func TestMergeLeavesForeignDirectory(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
	s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}})
	dir, intact := foreignDir(t)
	_, err := Merge(context.Background(), dir, []string{s1, s2}, nil)
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "not an asyncsim results directory") {
		t.Errorf("merge into a foreign directory: %v, want ErrIncompatible saying it is not asyncsim's", err)
	}
	intact()
}

// TestRunLeavesForeignDirectory: run -o into a non-empty directory
// asyncsim did not create must refuse and touch nothing (issue 11: it
// overwrote the user's files of the same names).
func TestRunLeavesForeignDirectory(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir, intact := foreignDir(t)
	for _, resume := range []bool{false, true} {
		_, err := Run(context.Background(), exp, Options{Dir: dir, Resume: resume})
		if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "asyncsim results") {
			t.Errorf("run (resume %v) into a foreign directory: %v, want ErrIncompatible saying it is not asyncsim's", resume, err)
		}
	}
	intact()
	// An empty directory is claimed.
	mustRun(t, exp, Options{Dir: t.TempDir()})
}

// TestRerunKeepsForeignFiles: a later run in asyncsim's own directory
// removes only the point records it wrote, never other *.json in points/,
// and never follows a points that is a symbolic link (issue 11: a re-run
// deleted every *.json in points/, or where the link pointed).
func TestRerunKeepsForeignFiles(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir := mustRun(t, exp, Options{})
	mine := filepath.Join(dir, pointsDir, "notes.json")
	os.WriteFile(mine, []byte("mine"), 0o644)
	other := exp
	other.Seed = 5
	mustRun(t, other, Options{Dir: dir})
	if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
		t.Errorf("points/notes.json after a re-run: %q, %v", data, err)
	}

	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "000000.json"), []byte("mine"), 0o644)
	os.RemoveAll(filepath.Join(dir, pointsDir))
	if err := os.Symlink(elsewhere, filepath.Join(dir, pointsDir)); err != nil {
		t.Fatal(err)
	}
	for _, resume := range []bool{false, true} {
		_, err := Run(context.Background(), exp, Options{Dir: dir, Resume: resume})
		if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("run (resume %v) with points a symbolic link: %v, want ErrIncompatible naming the link", resume, err)
		}
	}
	if data, err := os.ReadFile(filepath.Join(elsewhere, "000000.json")); err != nil || string(data) != "mine" {
		t.Errorf("the file where points pointed: %q, %v", data, err)
	}
}

// TestRootDirectoryRefused: -o / is refused before anything is written.
func TestRootDirectoryRefused(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	exp.Points = exp.Points[:1]
	_, err := Run(context.Background(), exp, Options{Dir: "/"})
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "root directory") {
		t.Errorf("run -o /: %v, want ErrIncompatible refusing the root directory", err)
	}
}

// TestResumeNeedsARun: --resume into a directory that does not exist is a
// mistyped -o: refused, and nothing is created (issue 11: it silently
// started from scratch). An empty directory made for the run (as a batch
// script does with mkdir -p, to resume whether or not a run began) starts
// from scratch.
func TestResumeNeedsARun(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	missing := filepath.Join(t.TempDir(), "typo")
	_, err := Run(context.Background(), exp, Options{Dir: missing, Resume: true})
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "nothing to resume") {
		t.Errorf("resume in %s: %v, want ErrIncompatible saying there is nothing to resume", missing, err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a refused resume created %s", missing)
	}
	empty := t.TempDir()
	if res, err := Run(context.Background(), exp, Options{Dir: empty, Resume: true}); err != nil || res.Resumed != 0 {
		t.Errorf("resume in an empty directory: %+v, %v; want a run from scratch", res, err)
	}
}

// TestStaleTempFilesRemoved: the temporary files a killed process leaves
// beside the tables are removed by the next run, its own only (issue 11:
// they were never cleaned up).
func TestStaleTempFilesRemoved(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir := mustRun(t, exp, Options{})
	stale := []string{".runs.csv.tmp123456", ".summary.json.tmp1", ".manifest.json.tmp42", ".delay.png.tmp7"}
	kept := []string{".notes.tmp1", ".runs.csv.tmpx", "summary.csv.tmp3"}
	for _, n := range append(stale, kept...) {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	mustRun(t, exp, Options{Dir: dir, Resume: true})
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); !os.IsNotExist(err) {
			t.Errorf("stale %s left: %v", n, err)
		}
	}
	for _, n := range kept {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s, not asyncsim's, removed: %v", n, err)
		}
	}
}

// TestSymlinkedNextRefused: a .next that is a symbolic link is never
// followed, neither to build a re-run in nor to swap from.
func TestSymlinkedNextRefused(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir := mustRun(t, exp, Options{})
	elsewhere := t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(dir, nextDir)); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	for _, resume := range []bool{false, true} {
		_, err := Run(context.Background(), exp, Options{Dir: dir, Resume: resume})
		if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("run (resume %v) with .next a symbolic link: %v, want ErrIncompatible naming the link", resume, err)
		}
	}
	if ok, _ := isEmptyDir(elsewhere); !ok {
		t.Error("something was written through the link")
	}
	after := snapshot(t, dir)
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
}
