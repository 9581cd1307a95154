package experiments

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// TestChartsSameAtAnyParallel runs an experiment with the default charts
// and a time series, drawing them one at a time and several at once, and
// redraws them with Plot: the same chart files, byte for byte.
func TestChartsSameAtAnyParallel(t *testing.T) {
	// Not parallel: it raises GOMAXPROCS, so that charts are drawn at
	// once even on one CPU.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	exp, err := parse(t, `
name: charts
seed: 5
replications: 2
horizon: 2s
timeseries: 500ms
model:
  clients: {arrival: {dist: exponential, mean: 20ms}}
  server: {service: {dist: exponential, mean: 5ms}}
sweep:
  model.clients.arrival.mean: [20ms, 10ms]
  model.policy: [sync, callback]
`)
	if err != nil {
		t.Fatal(err)
	}
	charts := func(dir string) (names []string, data [][]byte) {
		m, err := readManifest(dir)
		if err != nil || m == nil {
			t.Fatalf("manifest of %s: %v", dir, err)
		}
		for _, f := range m.Charts {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			names, data = append(names, f), append(data, b)
		}
		return names, data
	}
	one := mustRun(t, exp, Options{Parallel: 1})
	names, want := charts(one)
	wantNames := []string{"delay_mean.png", "delay_p99.png", "throughput.png", "reliability.png", "decomposition.png",
		"throughput_over_time.png", "delay_p99_over_time.png", "in_flight_over_time.png"}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("charts %v, want %v", names, wantNames)
	}
	for _, dir := range []string{mustRun(t, exp, Options{Parallel: 4}), mustRun(t, exp, Options{})} {
		got, data := charts(dir)
		if !slices.Equal(got, names) {
			t.Fatalf("charts %v, want %v", got, names)
		}
		for i := range data {
			if !bytes.Equal(data[i], want[i]) {
				t.Errorf("%s differs from the one drawn at --parallel 1", names[i])
			}
		}
		sameOutputs(t, one, dir)
	}
	for _, f := range names {
		os.Remove(filepath.Join(one, f))
	}
	files, err := Plot(one)
	if err != nil || len(files) != len(names) {
		t.Fatalf("Plot: %v, %v", files, err)
	}
	for i, f := range files {
		if b, _ := os.ReadFile(f); !bytes.Equal(b, want[i]) {
			t.Errorf("%s redrawn by Plot differs", names[i])
		}
	}
}
