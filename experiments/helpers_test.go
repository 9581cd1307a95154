package experiments

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// outputs are the files that must be byte-identical between runs.
var outputs = []string{RunsFile, SummaryFile, SummaryJSONFile}

// mustLoad loads an experiment file or fails the test.
func mustLoad(t testing.TB, path string) Experiment {
	t.Helper()
	exp, err := Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	return exp
}

// parse loads an experiment written as text.
func parse(t testing.TB, text string) (Experiment, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "exp.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(path)
}

// mustRun runs exp into a new directory and returns it.
func mustRun(t testing.TB, exp Experiment, opts Options) string {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = filepath.Join(t.TempDir(), "out")
	}
	if _, err := Run(context.Background(), exp, opts); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return opts.Dir
}

// sameOutputs fails the test unless dirs a and b hold identical outputs.
func sameOutputs(t testing.TB, a, b string) {
	t.Helper()
	for _, f := range outputs {
		x, err := os.ReadFile(filepath.Join(a, f))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", f, a, b)
		}
	}
}
