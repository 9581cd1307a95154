package plots

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// TestRenderSameAtAnyParallel draws the same charts one at a time and
// several at once: the same files in the same order, byte for byte, and
// the same error for the charts that fail (one refused before drawing,
// one that fails while drawn), whatever the order in which they finish.
func TestRenderSameAtAnyParallel(t *testing.T) {
	// Not parallel: it raises GOMAXPROCS, so that charts are drawn at
	// once even on one CPU.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	x := "model.clients.arrival.mean"
	specs := DefaultSpecs([]string{x, "model.policy"})
	specs = slices.Insert(specs, 2,
		Spec{File: "missing.png", X: x, Y: "delay.p42"},
		Spec{File: "bad.png", X: "model.nothing", Y: "delay.mean"},
		Spec{File: "nines.png", X: x, Y: "reliability", Nines: true})
	type result struct {
		files []string
		err   string
		data  [][]byte
	}
	var results []result
	for _, parallel := range []int{1, 2, 4, 0} {
		dir := t.TempDir()
		files, err := renderAtOnce(dir, specs, queueTable(9), arrivalMeta, testDPI, parallel)
		if err == nil {
			t.Fatalf("parallel %d: no error, want those of missing.png and bad.png", parallel)
		}
		r := result{err: strings.ReplaceAll(err.Error(), dir, "DIR")}
		for _, f := range files {
			rel, _ := filepath.Rel(dir, f)
			r.files = append(r.files, rel)
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r.data = append(r.data, data)
		}
		results = append(results, r)
	}
	want := []string{"delay_mean.png", "delay_p99.png", "nines.png", "throughput.png", "reliability.png", "decomposition.png"}
	if !slices.Equal(results[0].files, want) {
		t.Fatalf("files %v, want %v", results[0].files, want)
	}
	wantErr := `plots: chart missing.png: summary table has no column "delay.p42"` + "\n" +
		`plots: chart bad.png: x: "model.nothing" is not a swept path (swept: model.clients.arrival.mean, model.policy)`
	if results[0].err != wantErr {
		t.Errorf("error %q, want %q", results[0].err, wantErr)
	}
	for i, r := range results[1:] {
		if !slices.Equal(r.files, want) {
			t.Errorf("run %d: files %v, want %v", i+1, r.files, want)
		}
		if r.err != results[0].err {
			t.Errorf("run %d: error %q, want %q", i+1, r.err, results[0].err)
		}
		for j := range min(len(r.data), len(results[0].data)) {
			if !bytes.Equal(r.data[j], results[0].data[j]) {
				t.Errorf("run %d: %s differs from the one drawn alone", i+1, r.files[j])
			}
		}
	}
}

// TestEachAtOnce checks that every index is done once and that no more
// than the bound are done at a time.
func TestEachAtOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, tt := range []struct{ n, parallel, most int }{
		{n: 0, parallel: 3, most: 0},
		{n: 10, parallel: 1, most: 1},
		{n: 10, parallel: 3, most: 3},
		{n: 2, parallel: 3, most: 2},
		{n: 10, parallel: 16, most: 4}, // GOMAXPROCS
		{n: 10, parallel: 0, most: 4},
	} {
		done := make([]atomic.Int32, tt.n)
		var now, most atomic.Int32
		eachAtOnce(tt.n, tt.parallel, func(i int) {
			k := now.Add(1)
			for m := most.Load(); k > m && !most.CompareAndSwap(m, k); m = most.Load() {
			}
			for range 1000 {
				runtime.Gosched() // let the others start
			}
			done[i].Add(1)
			now.Add(-1)
		})
		for i := range done {
			if n := done[i].Load(); n != 1 {
				t.Errorf("n %d, parallel %d: %d done %d times", tt.n, tt.parallel, i, n)
			}
		}
		if m := int(most.Load()); m > tt.most {
			t.Errorf("n %d, parallel %d: %d at once, want at most %d", tt.n, tt.parallel, m, tt.most)
		}
	}
}
