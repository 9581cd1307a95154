package experiments

import (
	"path/filepath"
	"runtime"
	"testing"
)

// TestRunsRowsNotKeptInMemory: the rows of runs.csv are on disk in the
// point records once a point is done; a run must not also keep them in
// memory until the end (400,000 trivial runs peaked at 1.6 GB). What is
// live when the last point is done, above what was live before the run,
// must stay far below the size of runs.csv: 20,000 runs here, about 1 KB
// each as rows of strings (38 metrics a run since the resilience counters).
func TestRunsRowsNotKeptInMemory(t *testing.T) {
	exp, err := parse(t, `name: many
replications: 2000
horizon: 10ms
model:
  clients: {arrival: 1ms}
  server: {service: 100us}
sweep:
  model.server.workers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
`)
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	var at uint64
	progress := func(p Progress) {
		if p.PointsDone == p.Points && p.Point >= 0 {
			at = heap()
		}
	}
	before := heap()
	mustRun(t, exp, Options{Dir: filepath.Join(t.TempDir(), "out"), NoCharts: true, Parallel: 1, Progress: progress})
	runs := uint64(exp.Replications * len(exp.Points))
	if at == 0 {
		t.Fatal("no progress report for the last point")
	}
	var grown uint64
	if at > before {
		grown = at - before
	}
	t.Logf("%d bytes live per run when the last point is done (%d runs, %d bytes)", grown/runs, runs, grown)
	if perRun := grown / runs; perRun > 200 {
		t.Errorf("%d bytes live per run when the last point is done (%d runs, %d bytes), want at most 200", perRun, runs, grown)
	}
}
