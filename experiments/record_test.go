package experiments

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

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
		{"copied over another", 3, 1, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
			s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}}) // points 1, 3, 5, 7
			tamper := func(dir string) string {
				path := recordPath(t, dir, c.from)
				if c.old == "" { // the line of point from put in place of that of point to
					_, lines, i := recordLine(t, dir, c.from)
					setRecordLine(t, dir, c.to, lines[i])
					return path
				}
				_, lines, i := recordLine(t, dir, c.from)
				if !strings.Contains(string(lines[i]), c.old) {
					t.Fatalf("record %d lacks %q", c.from, c.old)
				}
				line := strings.Replace(string(lines[i]), c.old, c.new, 1)
				if c.name == "relabelled throughout" {
					line = strings.ReplaceAll(line, `["3",`, `["1",`)
				}
				setRecordLine(t, dir, c.from, []byte(line))
				return path
			}
			path := tamper(s2)
			out := filepath.Join(t.TempDir(), "m")
			_, err := Merge(context.Background(), out, []string{s1, s2}, nil)
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) {
				t.Errorf("merge with a tampered record: %v, want ErrDamaged naming %s", err, path)
			}

			dir := mustRun(t, exp, Options{})
			path = tamper(dir)
			setManifestField(t, dir, "complete", false)
			_, err = Run(context.Background(), exp, Options{Dir: dir, Resume: true})
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) {
				t.Errorf("resume with a tampered record: %v, want ErrDamaged naming %s", err, path)
			}
		})
	}
}
