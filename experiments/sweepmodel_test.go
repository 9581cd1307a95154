package experiments

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// writeFiles writes name → content into a new directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// empiricalValues returns the values of d, which must be empirical.
func empiricalValues(t *testing.T, d distributions.Dist) []sim.Duration {
	t.Helper()
	e, ok := d.(distributions.Empirical)
	if !ok {
		t.Fatalf("got %T (%v), want an empirical distribution", d, d)
	}
	return e.Values
}

// An empirical file is read once and its values shared by every sweep
// point, not copied per point (issue 11: 18 MB × 40 points = 1.06 GB).
func TestSweepSharesDataFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"exp.yaml": `name: t
horizon: 10s
model:
  clients: {arrival: 50ms}
  server: {service: {dist: empirical, file: a.csv}}
sweep:
  model.clients.arrival: [50ms, 40ms, 30ms]
  model.server.workers: [1, 2]
`,
		"a.csv": "1ms\n2ms\n3ms\n",
	})
	exp := mustLoad(t, filepath.Join(dir, "exp.yaml"))
	if len(exp.Points) != 6 {
		t.Fatalf("%d points, want 6", len(exp.Points))
	}
	first := empiricalValues(t, exp.Points[0].Model.Server.Service)
	for _, p := range exp.Points {
		v := empiricalValues(t, p.Model.Server.Service)
		if len(v) != 3 || &v[0] != &first[0] {
			t.Errorf("point %d: values %v at %p, want the 3 values of point 0 at %p", p.Index, v, &v[0], &first[0])
		}
		if got, want := p.Model.Server.Workers, 1+p.Index%2; got != want {
			t.Errorf("point %d: workers %d, want %d", p.Index, got, want)
		}
	}
}

// A swept file: each value's file is read once, and the points that share
// it share its values.
func TestSweepFileReadOncePerValue(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"exp.yaml": `name: t
horizon: 10s
model:
  clients: {arrival: 50ms}
  server: {service: {dist: empirical, file: a.csv}}
sweep:
  model.server.service.file: [a.csv, b.csv]
  model.server.workers: [1, 2]
`,
		"a.csv": "1ms\n",
		"b.csv": "2ms\n3ms\n",
	})
	exp := mustLoad(t, filepath.Join(dir, "exp.yaml"))
	vals := make([][]sim.Duration, len(exp.Points))
	for i, p := range exp.Points {
		vals[i] = empiricalValues(t, p.Model.Server.Service)
	}
	if len(vals[0]) != 1 || len(vals[2]) != 2 || vals[2][1] != 3*sim.Millisecond {
		t.Fatalf("values %v, want [1ms] then [2ms 3ms]", vals)
	}
	if &vals[0][0] != &vals[1][0] || &vals[2][0] != &vals[3][0] {
		t.Errorf("points with the same file do not share its values")
	}
}

// A section the sweep creates (crash) is not shared between points: each
// point has its own.
func TestSweepCrashSectionPerPoint(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 10s
model:
  clients: {arrival: 50ms}
  server: {service: 10ms, crash: {downtime: 1s}}
sweep:
  model.server.crash.uptime: [10s, 20s]
`)
	if err != nil {
		t.Fatal(err)
	}
	a, b := exp.Points[0].Model.Server.Crash, exp.Points[1].Model.Server.Crash
	if a == b {
		t.Fatal("points share one Crash")
	}
	if a.Uptime.String() != "constant(value=10s)" || b.Uptime.String() != "constant(value=20s)" ||
		a.Downtime.String() != "constant(value=1s)" || b.Downtime.String() != "constant(value=1s)" {
		t.Errorf("crash %v/%v and %v/%v, want 10s/1s and 20s/1s", a.Uptime, a.Downtime, b.Uptime, b.Downtime)
	}
}
