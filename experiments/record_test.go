package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// editRecord rewrites the record of point from in dir as the record of
// point to, replacing old by new in its text.
func editRecord(t *testing.T, dir string, from, to int, old, new string) {
	t.Helper()
	text := readFile(t, recordPath(dir, from))
	if !strings.Contains(text, old) {
		t.Fatalf("record %d lacks %q", from, old)
	}
	if err := os.WriteFile(recordPath(dir, to), []byte(strings.Replace(text, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTamperedRecordsRefused: point records that were hand-edited or
// relabelled must be refused by merge and by --resume, never assembled
// into tables (issue 11: a merge produced point 4 twice and no point 1).
func TestTamperedRecordsRefused(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	for _, c := range []struct {
		name     string
		from, to int
		old, new string
	}{
		{"edited value", 3, 3, `"summary":["3",`, `"summary":["3 ",`},
		{"relabelled point", 3, 1, `"point":3,`, `"point":1,`},
		{"relabelled throughout", 3, 1, `"point":3,`, `"point":1,`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
			s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}}) // points 1, 3, 5, 7
			editRecord(t, s2, c.from, c.to, c.old, c.new)
			if c.name == "relabelled throughout" {
				text := readFile(t, recordPath(s2, 1))
				text = strings.ReplaceAll(text, `["3",`, `["1",`)
				os.WriteFile(recordPath(s2, 1), []byte(text), 0o644)
			}
			out := filepath.Join(t.TempDir(), "m")
			_, err := Merge(context.Background(), out, []string{s1, s2}, nil)
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), filepath.Base(recordPath(s2, c.to))) {
				t.Errorf("merge with a tampered record: %v, want ErrDamaged naming %s", err, filepath.Base(recordPath(s2, c.to)))
			}

			dir := mustRun(t, exp, Options{})
			editRecord(t, dir, c.from, c.to, c.old, c.new)
			setManifestField(t, dir, "complete", false)
			_, err = Run(context.Background(), exp, Options{Dir: dir, Resume: true})
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), filepath.Base(recordPath(dir, c.to))) {
				t.Errorf("resume with a tampered record: %v, want ErrDamaged naming %s", err, filepath.Base(recordPath(dir, c.to)))
			}
		})
	}
}
