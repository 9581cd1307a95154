package experiments

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsEndToEnd runs small experiments through Run and checks the
// flags column of summary.csv and the warnings of the result: a
// metastable retry storm whose seeds split (a spike at 1-2 s pushes half
// the runs into a storm that lasts; the others recover), a load of 1.2
// without bounds, and a run too short for its load; a long, light one is
// not flagged.
func TestFlagsEndToEnd(t *testing.T) {
	for _, c := range []struct {
		name, text string
		flags      string
		warn       string // part of the first warning
	}{
		{"split storm", `name: split
seed: 1
replications: 10
horizon: 20s
warmup: 5s
model:
  policy: callback
  clients:
    arrival: {dist: exponential, rate: 50}
    profile: [{at: 0s, rate: 50}, {at: 1s, rate: 100}, {at: 2s, rate: 50}]
    timeout: 100ms
    retry: {attempts: 3, backoff: 10ms}
  server: {service: 10ms}
charts: []
`, "bimodal+growing", "point 0: bimodal: throughput splits into replications 0, 2, 3, 5, 7 near 0 and replications 1, 4, 6, 8, 9 near 49.37"},
		{"load 1.2", `name: over
replications: 3
horizon: 20s
model:
  clients: {arrival: {dist: exponential, rate: 120}}
  server: {service: {dist: exponential, mean: 10ms}}
charts: []
`, "growing", "point 0: growing: the work in the system"},
		{"short", `name: short
replications: 3
horizon: 2s
model:
  clients: {arrival: {dist: exponential, rate: 90}}
  server: {service: {dist: exponential, mean: 10ms}}
charts: []
`, "short", "point 0: short: the window (horizon 2s less warm-up 0s) lasts 0.527 relaxation times of the server (load 0.9, relaxation time about 3.8s)"},
		{"steady", `name: steady
replications: 3
horizon: 100s
model:
  clients: {arrival: {dist: exponential, rate: 30}}
  server: {service: {dist: exponential, mean: 10ms}}
charts: []
`, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			exp, err := parse(t, c.text)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), exp, Options{Dir: filepath.Join(t.TempDir(), "out"), NoCharts: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Summary.Cell(0, "flags"); got != c.flags {
				t.Errorf("flags %q, want %q", got, c.flags)
			}
			if len(res.Warnings) != strings.Count(c.flags, "+")+min(1, len(c.flags)) {
				t.Errorf("%d warnings for flags %q: %v", len(res.Warnings), c.flags, res.Warnings)
			}
			if c.warn != "" && (len(res.Warnings) == 0 || !strings.HasPrefix(res.Warnings[0].String(), c.warn)) {
				t.Errorf("warnings %v, want the first to start %q", res.Warnings, c.warn)
			}
		})
	}
}
