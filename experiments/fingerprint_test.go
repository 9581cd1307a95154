package experiments_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/examples"
	"github.com/asyncsim/asyncsim/experiments"
)

// update makes TestFingerprints rewrite the pinned tables instead of
// comparing with them:
//
//	go test ./experiments -run TestFingerprints -update
//
// Commit what it rewrites on its own, saying which change moved the
// numbers and why.
var update = flag.Bool("update", false, "rewrite the pinned fingerprints in testdata/fingerprints")

// fingerprintDir holds the pinned tables: examples/NAME.runs.csv and
// examples/NAME.summary.csv for every bundled example NAME.yaml, and
// scenarios/NAME.runs.csv and scenarios/NAME.summary.csv next to every
// scenario file scenarios/NAME.yaml.
const fingerprintDir = "testdata/fingerprints"

// pinnedTables are the result tables pinned for every experiment.
var pinnedTables = []string{experiments.RunsFile, experiments.SummaryFile}

// fingerprintGOARCH is the architecture the fingerprints are pinned on.
// Another one may differ in the last digits of floating-point results
// (fused multiply-adds, assembly math routines), see
// docs/reproducibility.md.
const fingerprintGOARCH = "amd64"

// fingerprint is one experiment whose result tables are pinned.
type fingerprint struct {
	name string // the pinned files are fingerprintDir/name.runs.csv and name.summary.csv
	load func() (experiments.Experiment, error)
}

// fingerprints returns every bundled example and every scenario file of
// fingerprintDir/scenarios, in name order.
func fingerprints(t *testing.T) []fingerprint {
	t.Helper()
	names, err := fs.Glob(examples.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled examples: %v", err)
	}
	var fps []fingerprint
	for _, n := range names {
		fps = append(fps, fingerprint{
			name: "examples/" + strings.TrimSuffix(n, ".yaml"),
			load: func() (experiments.Experiment, error) { return experiments.LoadFS(examples.FS, n) },
		})
	}
	files, err := filepath.Glob(filepath.Join(fingerprintDir, "scenarios", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files in %s/scenarios: %v", fingerprintDir, err)
	}
	for _, f := range files {
		fps = append(fps, fingerprint{
			name: "scenarios/" + strings.TrimSuffix(filepath.Base(f), ".yaml"),
			load: func() (experiments.Experiment, error) { return experiments.Load(f) },
		})
	}
	return fps
}

// TestFingerprints runs every bundled example and every scenario of
// testdata/fingerprints/scenarios, each as written, and compares its
// runs.csv and summary.csv byte for byte with the pinned copies. Any
// changed number fails it, with the points, replications and metrics
// that moved. With -update it rewrites the pinned copies instead. Under
// the race detector only the scenarios run.
func TestFingerprints(t *testing.T) {
	if runtime.GOARCH != fingerprintGOARCH && !*update {
		t.Skipf("fingerprints are pinned on %s; %s may differ in the last digits of floating-point results", fingerprintGOARCH, runtime.GOARCH)
	}
	fps := fingerprints(t)
	for _, fp := range fps {
		t.Run(fp.name, func(t *testing.T) {
			if raceEnabled && strings.HasPrefix(fp.name, "examples/") && !*update {
				// The bundled examples take about 100 s of CPU under the race
				// detector (5 s without); the scenarios exercise the same code.
				// .ci/run checks them in a run without -race.
				t.Skip("bundled examples are checked without -race (.ci/run)")
			}
			exp, err := fp.load()
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if _, err := experiments.Run(context.Background(), exp, experiments.Options{Dir: dir, NoCharts: true}); err != nil {
				t.Fatal(err)
			}
			runsMoved := false
			for _, table := range pinnedTables {
				got, err := os.ReadFile(filepath.Join(dir, table))
				if err != nil {
					t.Fatal(err)
				}
				pinned := pinnedPath(fp.name, table)
				if *update {
					if err := os.WriteFile(pinned, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(pinned)
				if err != nil {
					t.Errorf("%s: no pinned %s (%v); pin it with: go test ./experiments -run TestFingerprints -update", fp.name, table, err)
					continue
				}
				switch {
				case bytes.Equal(got, want):
				case runsMoved:
					t.Errorf("%s: %s differs from %s too", fp.name, table, filepath.ToSlash(pinned))
				default:
					t.Errorf("%s: %s differs from %s:\n%s\n%s", fp.name, table, filepath.ToSlash(pinned), tableDiff(want, got), regenerateHint)
					runsMoved = table == experiments.RunsFile
				}
			}
		})
	}
	t.Run("no stale files", func(t *testing.T) {
		stale := staleFingerprints(t, fps)
		if len(stale) == 0 {
			return
		}
		if *update {
			for _, f := range stale {
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
			}
			return
		}
		t.Errorf("pinned tables of no example or scenario (remove them, or run -update): %s", strings.Join(stale, ", "))
	})
}

// regenerateHint ends every fingerprint failure.
const regenerateHint = `If the change is intended (a named bug fix), regenerate with
	go test ./experiments -run TestFingerprints -update
and commit the rewritten files on their own, saying which change moved the numbers and why.`

// pinnedPath returns the pinned copy of table for the experiment name.
func pinnedPath(name, table string) string {
	return filepath.Join(fingerprintDir, filepath.FromSlash(name)+"."+table)
}

// staleFingerprints returns the pinned tables in fingerprintDir that
// belong to no experiment of fps.
func staleFingerprints(t *testing.T, fps []fingerprint) []string {
	t.Helper()
	known := map[string]bool{}
	for _, fp := range fps {
		for _, table := range pinnedTables {
			known[pinnedPath(fp.name, table)] = true
		}
	}
	var stale []string
	for _, sub := range []string{"examples", "scenarios"} {
		files, err := filepath.Glob(filepath.Join(fingerprintDir, sub, "*.csv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !known[f] && slices.ContainsFunc(pinnedTables, func(table string) bool { return strings.HasSuffix(f, "."+table) }) {
				stale = append(stale, f)
			}
		}
	}
	return stale
}

// Limits of a table diff: the changed rows listed one by one, and the
// metrics listed per row.
const (
	maxDiffRows   = 8
	maxRowMetrics = 6
)

// tableDiff describes how the result table got differs from want: the
// columns added or removed, the rows (points, replications) that appeared
// or disappeared, which metrics moved in how many rows, and for the first
// changed rows the metrics that moved, old → new. Rows are matched by
// their point and replication. The bounds M.lo and M.hi of a summary
// metric M are listed only when M itself did not move.
func tableDiff(want, got []byte) string {
	w, errW := csv.NewReader(bytes.NewReader(want)).ReadAll()
	g, errG := csv.NewReader(bytes.NewReader(got)).ReadAll()
	switch {
	case errW != nil:
		return fmt.Sprintf("  the pinned table is not valid CSV: %v", errW)
	case errG != nil:
		return fmt.Sprintf("  the new table is not valid CSV: %v", errG)
	case len(w) == 0 || len(g) == 0:
		return fmt.Sprintf("  %d lines pinned, %d now", len(w), len(g))
	}
	var b strings.Builder
	wHead, gHead := w[0], g[0]
	if !slices.Equal(wHead, gHead) {
		for _, c := range wHead {
			if !slices.Contains(gHead, c) {
				fmt.Fprintf(&b, "  column %s removed\n", c)
			}
		}
		for _, c := range gHead {
			if !slices.Contains(wHead, c) {
				fmt.Fprintf(&b, "  column %s added\n", c)
			}
		}
		if b.Len() == 0 {
			fmt.Fprintf(&b, "  columns reordered:\n    pinned: %s\n    now:    %s\n", strings.Join(wHead, ","), strings.Join(gHead, ","))
		}
	}
	wRows, wOrder := keyedRows(wHead, w[1:])
	gRows, gOrder := keyedRows(gHead, g[1:])
	for _, k := range wOrder {
		if _, ok := gRows[k]; !ok {
			fmt.Fprintf(&b, "  %s: row removed\n", k)
		}
	}
	for _, k := range gOrder {
		if _, ok := wRows[k]; !ok {
			fmt.Fprintf(&b, "  %s: row added\n", k)
		}
	}
	var rows []string // one line per changed row
	moved := map[string]int{}
	var movedOrder []string
	for _, k := range wOrder {
		gr, ok := gRows[k]
		if !ok {
			continue
		}
		wr := wRows[k]
		changed := map[string]bool{}
		for i, c := range wHead {
			if j := slices.Index(gHead, c); j >= 0 && !isKeyColumn(c) && cell(wr, i) != cell(gr, j) {
				changed[c] = true
			}
		}
		var deltas []string
		for i, c := range wHead {
			if !changed[c] || changed[intervalOf(c)] {
				continue
			}
			if moved[c] == 0 {
				movedOrder = append(movedOrder, c)
			}
			moved[c]++
			deltas = append(deltas, fmt.Sprintf("%s %s → %s", c, shown(cell(wr, i)), shown(cell(gr, slices.Index(gHead, c)))))
		}
		if len(deltas) == 0 {
			continue
		}
		if len(deltas) > maxRowMetrics {
			deltas = append(deltas[:maxRowMetrics], fmt.Sprintf("and %d more", len(deltas)-maxRowMetrics))
		}
		rows = append(rows, fmt.Sprintf("  %s: %s\n", k, strings.Join(deltas, ", ")))
	}
	if len(rows) > 0 {
		counts := make([]string, len(movedOrder))
		for i, c := range movedOrder {
			counts[i] = fmt.Sprintf("%s (%d)", c, moved[c])
		}
		fmt.Fprintf(&b, "  %d of %d rows changed; metrics that moved (in how many rows): %s\n", len(rows), len(wOrder), strings.Join(counts, ", "))
		for i, r := range rows {
			if i == maxDiffRows {
				fmt.Fprintf(&b, "  ... and %d more changed rows\n", len(rows)-maxDiffRows)
				break
			}
			b.WriteString(r)
		}
	}
	if b.Len() == 0 {
		// Same cells, different bytes: quoting, line endings.
		fmt.Fprintf(&b, "  the same cells, written differently (%d bytes pinned, %d now)\n", len(want), len(got))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// intervalOf returns the metric whose interval bound column c is (M for
// M.lo and M.hi), or "" when c is not one.
func intervalOf(c string) string {
	for _, suffix := range []string{".lo", ".hi"} {
		if m, ok := strings.CutSuffix(c, suffix); ok {
			return m
		}
	}
	return ""
}

// isKeyColumn reports whether column c identifies a row rather than
// holding a result: the point, the replication, a swept path. (A run's
// seed is reported like a result when it moves.)
func isKeyColumn(c string) bool {
	return c == "point" || c == "replication" || strings.HasPrefix(c, "model.")
}

// keyedRows indexes rows by a label naming their point, swept values and
// replication, and returns the labels in row order.
func keyedRows(head []string, rows [][]string) (map[string][]string, []string) {
	byKey := map[string][]string{}
	var order []string
	for n, r := range rows {
		var point, rep string
		var swept []string
		for i, c := range head {
			switch {
			case c == "point":
				point = cell(r, i)
			case c == "replication":
				rep = cell(r, i)
			case strings.HasPrefix(c, "model."):
				swept = append(swept, c+"="+cell(r, i))
			}
		}
		k := "point " + point
		if len(swept) > 0 {
			k += " (" + strings.Join(swept, ", ") + ")"
		}
		if rep != "" {
			k += " replication " + rep
		}
		if _, dup := byKey[k]; dup {
			k += fmt.Sprintf(" [line %d]", n+2)
		}
		byKey[k] = r
		order = append(order, k)
	}
	return byKey, order
}

// cell returns r[i], or "" past the end of a short row.
func cell(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// shown returns a cell as printed in a diff: "(empty)" for "".
func shown(c string) string {
	if c == "" {
		return "(empty)"
	}
	return c
}

// TestTableDiff checks that a fingerprint failure names the point, the
// replication and each metric that moved, old → new, and nothing else.
func TestTableDiff(t *testing.T) {
	want := "point,replication,seed,model.policy,requests,lost,reliability\n" +
		"0,0,11,sync,100,2,0.98\n" +
		"0,1,12,sync,90,0,1\n" +
		"1,0,11,mq,100,1,0.99\n"
	for _, c := range []struct{ name, got, diff string }{
		{"one metric", strings.Replace(want, "1,0,11,mq,100,1,0.99", "1,0,11,mq,100,3,0.97", 1),
			"  1 of 3 rows changed; metrics that moved (in how many rows): lost (1), reliability (1)\n" +
				"  point 1 (model.policy=mq) replication 0: lost 1 → 3, reliability 0.99 → 0.97"},
		{"empty cell", strings.Replace(want, "0,1,12,sync,90,0,1", "0,1,12,sync,90,0,", 1),
			"  1 of 3 rows changed; metrics that moved (in how many rows): reliability (1)\n" +
				"  point 0 (model.policy=sync) replication 1: reliability 1 → (empty)"},
		{"row removed", strings.Replace(want, "1,0,11,mq,100,1,0.99\n", "", 1),
			"  point 1 (model.policy=mq) replication 0: row removed"},
		{"column added", strings.NewReplacer("reliability\n", "reliability,late\n", "0.98\n", "0.98,0\n", "1\n", "1,0\n", "0.99\n", "0.99,0\n").Replace(want),
			"  column late added"},
		{"seed", strings.Replace(want, "0,1,12,sync", "0,1,13,sync", 1),
			"  1 of 3 rows changed; metrics that moved (in how many rows): seed (1)\n" +
				"  point 0 (model.policy=sync) replication 1: seed 12 → 13"},
		{"written differently", strings.ReplaceAll(want, "\n", "\r\n"),
			"  the same cells, written differently (125 bytes pinned, 129 now)"},
	} {
		if got := tableDiff([]byte(want), []byte(c.got)); got != c.diff {
			t.Errorf("%s:\n got:\n%s\nwant:\n%s", c.name, got, c.diff)
		}
	}
}

// TestTableDiffSummary checks the diff of a summary table: interval
// bounds only when their mean did not move, and the limits on metrics per
// row and rows listed.
func TestTableDiffSummary(t *testing.T) {
	var want, got strings.Builder
	want.WriteString("point,lost,lost.lo,lost.hi,a,b,c,d,e,f,g\n")
	got.WriteString("point,lost,lost.lo,lost.hi,a,b,c,d,e,f,g\n")
	for p := range 10 {
		fmt.Fprintf(&want, "%d,1,0,2,1,1,1,1,1,1,1\n", p)
		switch p {
		case 0: // the mean and its bounds: the mean only
			fmt.Fprintf(&got, "%d,3,1,5,1,1,1,1,1,1,1\n", p)
		case 1: // a bound alone
			fmt.Fprintf(&got, "%d,1,0.5,2,1,1,1,1,1,1,1\n", p)
		case 2: // every metric: the first six
			fmt.Fprintf(&got, "%d,2,0,2,2,2,2,2,2,2,2\n", p)
		default:
			fmt.Fprintf(&got, "%d,1,0,2,1,1,1,1,1,1,%d\n", p, p)
		}
	}
	const diff = "  10 of 10 rows changed; metrics that moved (in how many rows): lost (2), lost.lo (1), a (1), b (1), c (1), d (1), e (1), f (1), g (8)\n" +
		"  point 0: lost 1 → 3\n" +
		"  point 1: lost.lo 0 → 0.5\n" +
		"  point 2: lost 1 → 2, a 1 → 2, b 1 → 2, c 1 → 2, d 1 → 2, e 1 → 2, and 2 more\n" +
		"  point 3: g 1 → 3\n" +
		"  point 4: g 1 → 4\n" +
		"  point 5: g 1 → 5\n" +
		"  point 6: g 1 → 6\n" +
		"  point 7: g 1 → 7\n" +
		"  ... and 2 more changed rows"
	if d := tableDiff([]byte(want.String()), []byte(got.String())); d != diff {
		t.Errorf("got:\n%s\nwant:\n%s", d, diff)
	}
}
