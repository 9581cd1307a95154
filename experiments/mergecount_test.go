package experiments

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergeRefusesBadCounts: merge must check the counts of a shard's
// manifest against its experiment before allocating anything by them
// (issue 11: a bad point count panicked in makeslice, a huge shard count
// ran out of memory).
func TestMergeRefusesBadCounts(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	for _, c := range []struct {
		name string
		edit func(m map[string]any)
		want string
		set  bool // a set of shards, not a damaged manifest
	}{
		{"negative points", func(m map[string]any) { m["experiment"].(map[string]any)["points"] = -1 }, "9 sweep points", false},
		{"huge points", func(m map[string]any) { m["experiment"].(map[string]any)["points"] = 1 << 50 }, "9 sweep points", false},
		{"points unlike sweep", func(m map[string]any) { m["experiment"].(map[string]any)["points"] = 10 }, "9 sweep points", false},
		{"zero replications", func(m map[string]any) { m["experiment"].(map[string]any)["replications"] = 0 }, "replications", false},
		{"huge replications", func(m map[string]any) { m["experiment"].(map[string]any)["replications"] = 1 << 40 }, "replications", false},
		{"runs unlike shard", func(m map[string]any) { m["runs"] = []any{} }, "runs", false},
		{"huge shard count", func(m map[string]any) {
			// Shard I/2 made I/1000001, which holds point I-1 only.
			i := m["shard"].(string)[:1]
			m["shard"] = i + "/1000001"
			var runs []any
			for _, r := range m["runs"].([]any) {
				if fmt.Sprint(r.(map[string]any)["point"].(float64)+1) == i {
					runs = append(runs, r)
				}
			}
			m["runs"] = runs
		}, "and 999989 more", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
			s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}})
			for _, s := range []string{s1, s2} {
				editManifest(t, s, c.edit)
			}
			_, err := Merge(context.Background(), filepath.Join(t.TempDir(), "m"), []string{s1, s2}, nil)
			kind := ErrDamaged
			if c.set { // a valid shard of a set with shards missing
				kind = ErrIncompatible
			}
			if !errors.Is(err, kind) || !strings.Contains(err.Error(), c.want) || len(err.Error()) > 400 {
				t.Errorf("merge: %.500v, want a short %v with %q", err, kind, c.want)
			}
		})
	}
}
