package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEditedDataFileRefused: the data file of an empirical distribution is
// part of what a run computes from, so a resume or merge after editing it
// must be refused (issue 11: an edited file mixed old and new results).
func TestEditedDataFileRefused(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "exp.yaml")
	data := filepath.Join(dir, "service.csv")
	os.WriteFile(file, []byte(`name: data
seed: 3
horizon: 2s
model:
  clients: {arrival: 10ms}
  server: {service: {dist: empirical, file: service.csv}}
sweep:
  model.clients.count: [1, 2]
charts: []
`), 0o644)
	os.WriteFile(data, []byte("1ms\n2ms\n3ms\n4ms\n5ms\n6ms\n"), 0o644)
	exp := mustLoad(t, file)
	out := mustRun(t, exp, Options{})
	s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})

	os.WriteFile(data, []byte("6ms\n2ms\n3ms\n4ms\n5ms\n1ms\n"), 0o644) // same count and mean
	edited := mustLoad(t, file)
	if edited.SHA256 != exp.SHA256 {
		t.Fatal("the experiment file changed")
	}
	s2 := mustRun(t, edited, Options{Shard: Shard{2, 2}})
	setManifestField(t, out, "complete", false)
	_, err := Run(context.Background(), edited, Options{Dir: out, Resume: true})
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "data") {
		t.Errorf("resume after editing the data file: %v, want ErrIncompatible naming the data", err)
	}
	_, err = Merge(context.Background(), filepath.Join(t.TempDir(), "m"), []string{s1, s2}, nil)
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "data") {
		t.Errorf("merge of shards run on two data files: %v, want ErrIncompatible naming the data", err)
	}

	os.WriteFile(data, []byte("1ms\n2ms\n3ms\n4ms\n5ms\n6ms\n"), 0o644) // back as it was
	if _, err := Run(context.Background(), mustLoad(t, file), Options{Dir: out, Resume: true}); err != nil {
		t.Errorf("resume with the data file as it was: %v", err)
	}
}
