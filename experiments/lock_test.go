package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecondWriterRefused: while a run writes a directory, a second run, a
// --resume or a merge into it must fail at once with ErrBusy and touch
// nothing, not even the first run's temporary files (issue 11: two runs
// raced, a concurrent --resume deleted the running run's temp files).
func TestSecondWriterRefused(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
	s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}})
	dir := filepath.Join(t.TempDir(), "out")
	tmp := filepath.Join(dir, pointsDir, ".000008.json.tmp42")
	checked := false
	_, err := Run(context.Background(), exp, Options{Dir: dir, Parallel: 1, Progress: func(p Progress) {
		if p.PointsDone != 1 || checked {
			return
		}
		checked = true
		os.WriteFile(tmp, []byte("being written"), 0o644) // as if by the first run
		for _, c := range []struct {
			name string
			f    func() error
		}{
			{"run", func() error { _, err := Run(context.Background(), exp, Options{Dir: dir}); return err }},
			{"resume", func() error {
				_, err := Run(context.Background(), exp, Options{Dir: dir, Resume: true})
				return err
			}},
			{"merge", func() error { _, err := Merge(context.Background(), dir, []string{s1, s2}, nil); return err }},
		} {
			if err := c.f(); !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another asyncsim process") {
				t.Errorf("%s during a run: %v, want ErrBusy", c.name, err)
			}
		}
		if _, err := os.Stat(tmp); err != nil {
			t.Errorf("the running run's temporary file: %v", err)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatal("no progress after the first point")
	}
	os.Remove(tmp)
	sameOutputs(t, mustRun(t, exp, Options{}), dir)
	// Released: the directory can be written again.
	mustRun(t, exp, Options{Dir: dir, Resume: true})
}

// TestPlotWaitsForNoWriter: plot writes charts into the directory, so it
// too is refused while a run writes there.
func TestPlotWaitsForNoWriter(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir := mustRun(t, exp, Options{})
	checked := false
	mustRun(t, exp, Options{Dir: dir, Parallel: 1, Progress: func(p Progress) {
		if p.PointsDone == 1 && !checked {
			checked = true
			if _, err := Plot(dir); !errors.Is(err, ErrBusy) {
				t.Errorf("plot during a run: %v, want ErrBusy", err)
			}
		}
	}})
	if _, err := Plot(dir); err != nil {
		t.Errorf("plot after the run: %v", err)
	}
}
