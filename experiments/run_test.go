package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunIdenticalForAnyParallel(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	one := mustRun(t, exp, Options{Parallel: 1})
	for _, n := range []int{2, 8} {
		sameOutputs(t, one, mustRun(t, exp, Options{Parallel: n}))
	}
}

func TestShardsMergedEqualOneRun(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	whole := mustRun(t, exp, Options{Parallel: 2})
	var shards []string
	for i := 1; i <= 3; i++ {
		dir := mustRun(t, exp, Options{Parallel: 2, Shard: Shard{i, 3}})
		shards = append(shards, dir)
		data, _ := os.ReadFile(filepath.Join(dir, RunsFile))
		if got := strings.Count(string(data), "\n") - 1; got != 3*exp.Replications {
			t.Errorf("shard %d/3 has %d runs, want %d", i, got, 3*exp.Replications)
		}
	}
	merged := filepath.Join(t.TempDir(), "merged")
	res, err := Merge(context.Background(), merged, []string{shards[2], shards[0], shards[1]}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Points != 9 || res.Runs != 18 {
		t.Errorf("merge result %+v", res)
	}
	sameOutputs(t, whole, merged)
}

func TestMergeRefuses(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
	s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}})
	other := exp
	other.Seed = 99
	s2seed := mustRun(t, other, Options{Shard: Shard{2, 2}})
	edited, err := parse(t, strings.Replace(readFile(t, "testdata/small.yaml"), "replications: 2", "replications: 2 # edited", 1))
	if err != nil {
		t.Fatal(err)
	}
	s2file := mustRun(t, edited, Options{Shard: Shard{2, 2}})
	s3 := mustRun(t, exp, Options{Shard: Shard{2, 3}})
	for _, c := range []struct {
		name   string
		shards []string
		want   string
	}{
		{"missing shard", []string{s1}, "missing shard [2/2]"},
		{"twice", []string{s1, s1, s2}, "given twice"},
		{"other seed", []string{s1, s2seed}, "different seeds"},
		{"other file", []string{s1, s2file}, "different experiment files"},
		{"other count", []string{s1, s3}, "one of 2 shards"},
		{"not results", []string{s1, t.TempDir()}, "not a results directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, err := Merge(context.Background(), out, c.shards, nil)
			if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Merge: %v, want ErrIncompatible with %q", err, c.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("refused merge created %s", out)
			}
		})
	}
}

func TestResumeAfterLostPoints(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	whole := mustRun(t, exp, Options{Parallel: 2})

	// An interrupted run: some points finished, no tables yet.
	dir := mustRun(t, exp, Options{Parallel: 2})
	for _, p := range []int{1, 4, 5, 8} {
		removeRecord(t, dir, p)
	}
	for _, f := range outputs {
		os.Remove(filepath.Join(dir, f))
	}
	m, _ := readManifest(dir)
	m.Complete = false
	m.write(dir)
	os.WriteFile(filepath.Join(dir, pointsDir, ".000001.json.tmp123"), []byte("{half"), 0o644)

	if _, err := Run(context.Background(), exp, Options{Dir: dir}); !errors.Is(err, ErrIncompatible) {
		t.Fatalf("run over an unfinished run without --resume: %v, want ErrIncompatible", err)
	}
	res, err := Run(context.Background(), exp, Options{Dir: dir, Resume: true, Parallel: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Resumed != 5 {
		t.Errorf("resumed %d points, want 5", res.Resumed)
	}
	sameOutputs(t, whole, dir)
	if _, err := os.Stat(filepath.Join(dir, pointsDir, ".000001.json.tmp123")); !os.IsNotExist(err) {
		t.Error("stale temporary file left in points/")
	}

	other := exp
	other.Seed++
	if _, err := Run(context.Background(), other, Options{Dir: dir, Resume: true}); !errors.Is(err, ErrIncompatible) {
		t.Errorf("resume with another seed: %v, want ErrIncompatible", err)
	}
}

func TestCancelKeepsFinishedPoints(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	dir := filepath.Join(t.TempDir(), "out")
	_, err := Run(ctx, exp, Options{Dir: dir, Parallel: 1, Progress: func(p Progress) {
		if p.PointsDone == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v, want context.Canceled", err)
	}
	if n := countRecords(t, dir); n < 2 || n == 9 {
		t.Errorf("%d points on disk after cancelling at 2", n)
	}
	if _, err := os.Stat(filepath.Join(dir, RunsFile)); !os.IsNotExist(err) {
		t.Error("an interrupted run wrote runs.csv")
	}
	if _, err := Run(context.Background(), exp, Options{Dir: dir, Resume: true}); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, mustRun(t, exp, Options{}), dir)
}

func TestRerunReplacesFinishedRun(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir := mustRun(t, exp, Options{})
	other := exp
	other.Seed = 3
	mustRun(t, other, Options{Dir: dir})
	sameOutputs(t, mustRun(t, other, Options{}), dir)
}

func TestRunErrorNamesThePoint(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	exp.Points = exp.Points[:2]
	exp.Points[1].Model.Server.Service = nil // makes the model fail
	_, err := Run(context.Background(), exp, Options{Dir: filepath.Join(t.TempDir(), "out"), Parallel: 1})
	var re *RunError
	if !errors.As(err, &re) || re.Point != 1 || !strings.Contains(err.Error(), "model.policy=sync") {
		t.Fatalf("Run: %v, want a RunError for point 1", err)
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
