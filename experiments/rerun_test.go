package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot returns the content of every file under dir, by relative path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, path)
			data, _ := os.ReadFile(path)
			files[rel] = string(data)
		}
		return nil
	})
	return files
}

// TestInterruptedRerunKeepsOldResults interrupts a re-run into a finished
// directory: the previous results must be there, complete and unchanged,
// until the new run is complete (issue 11: a re-run deleted them at once,
// before anything new existed). --resume then finishes the new run.
func TestInterruptedRerunKeepsOldResults(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir := mustRun(t, exp, Options{})
	before := snapshot(t, dir)
	if len(before) < 4 || countRecords(t, dir) != 9 {
		t.Fatalf("a finished run holds only %d files, %d records", len(before), countRecords(t, dir))
	}
	other := exp
	other.Seed = 3
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Run(ctx, other, Options{Dir: dir, Parallel: 1, Progress: func(p Progress) {
		if p.PointsDone == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v, want context.Canceled", err)
	}
	after := snapshot(t, dir)
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed or went missing when a re-run was interrupted", name)
		}
	}

	_, err = Run(context.Background(), other, Options{Dir: dir})
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "--resume") {
		t.Errorf("a third run over the unfinished re-run: %v, want ErrIncompatible pointing to --resume", err)
	}
	res, err := Run(context.Background(), other, Options{Dir: dir, Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Resumed < 2 || res.Resumed == 9 {
		t.Errorf("resumed %d points of the interrupted re-run", res.Resumed)
	}
	fresh := mustRun(t, other, Options{})
	sameOutputs(t, fresh, dir)
	sameRecords(t, dir, fresh)
	got, want := snapshot(t, dir), snapshot(t, fresh)
	for name := range got {
		if _, ok := want[name]; !ok && !strings.HasPrefix(name, pointsDir) {
			t.Errorf("%s left in the directory", name)
		}
	}
}

// TestKillDuringSwapIsFinishedLater stops a re-run at each step of moving
// its complete results into place, as a kill would, and checks that the
// directory then holds the old results or the new ones, complete, and
// that the next writer finishes the move.
func TestKillDuringSwapIsFinishedLater(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	other := exp
	other.Seed = 3
	freshDir := mustRun(t, other, Options{})
	fresh := snapshot(t, freshDir)
	for _, step := range []string{"swap begun", "records moved", "tables moved", "manifest moved"} {
		t.Run(step, func(t *testing.T) {
			dir := mustRun(t, exp, Options{})
			checkpointHook = func(s string) {
				if s == step {
					panic("killed")
				}
			}
			func() {
				defer func() { recover() }()
				Run(context.Background(), other, Options{Dir: dir})
			}()
			checkpointHook = nil
			completeMeansTables(t, dir, step)
			mustRun(t, other, Options{Dir: dir, Resume: true})
			got := snapshot(t, dir)
			for name, data := range fresh {
				if name != manifestFile && name != markerFile && !strings.HasPrefix(name, pointsDir) && got[name] != data {
					t.Errorf("%s differs from that of an uninterrupted run", name)
				}
			}
			sameRecords(t, dir, freshDir)
			for name := range got {
				if _, ok := fresh[name]; !ok && !strings.HasPrefix(name, pointsDir) {
					t.Errorf("%s left in the directory", name)
				}
			}
		})
	}
}

// TestKilledMergeIsReplaced: a merge cannot be resumed, so the next merge
// into the directory of one that was killed replaces it.
func TestKilledMergeIsReplaced(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
	s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}})
	for _, old := range []bool{false, true} { // into a new directory, over finished results
		dir := filepath.Join(t.TempDir(), "m")
		if old {
			other := exp
			other.Seed = 3
			mustRun(t, other, Options{Dir: dir})
		}
		checkpointHook = func(s string) {
			if s == "tables written" {
				panic("killed")
			}
		}
		func() {
			defer func() { recover() }()
			Merge(context.Background(), dir, []string{s1, s2}, nil)
		}()
		checkpointHook = nil
		if _, err := Merge(context.Background(), dir, []string{s1, s2}, nil); err != nil {
			t.Fatalf("merge after a killed merge (over finished results: %v): %v", old, err)
		}
		sameOutputs(t, mustRun(t, exp, Options{}), dir)
	}
}
