package experiments

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// completeMeansTables fails the test if dir's manifest says complete while
// one of its tables is missing: what a kill at that moment would leave.
func completeMeansTables(t *testing.T, dir, at string) {
	t.Helper()
	m, err := readManifest(dir)
	if err != nil || m == nil || !m.Complete {
		return
	}
	for _, f := range outputs {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("at %s: manifest.json says complete but %s is missing", at, f)
		}
	}
}

// TestCompleteIsMarkedLast stops at every step of a re-run and of a merge
// into a finished directory, as a kill would, and checks that a manifest
// marked complete always comes with its tables (issue 11, "mark complete
// last").
func TestCompleteIsMarkedLast(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir := mustRun(t, exp, Options{})
	s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
	s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}})
	steps := 0
	checkpointHook = func(step string) {
		steps++
		completeMeansTables(t, dir, step)
	}
	defer func() { checkpointHook = nil }()
	other := exp
	other.Seed = 3
	if _, err := Run(context.Background(), other, Options{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(context.Background(), dir, []string{s1, s2}, nil); err != nil {
		t.Fatal(err)
	}
	if steps == 0 {
		t.Fatal("no checkpoint reached")
	}
}
