package experiments

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

const casesBase = `name: cases
horizon: 1s
model:
  policy: callback
  clients: {arrival: 10ms, timeout: 50ms, retry: {attempts: 1, backoff: 1ms}}
  server: {service: 5ms}
`

// Cases cross the sweep, the case varying slowest, each point's model
// holding its case's settings, single values and whole sections, and
// nothing of another case's.
func TestCasesCrossSweep(t *testing.T) {
	exp, err := parse(t, casesBase+`cases:
  - {name: plain}
  - {name: retries, model.clients.retry.attempts: 3}
  - {name: jitter, model.clients.retry: {attempts: 4, backoff: 2ms, jitter: full}}
sweep:
  model.server.workers: [1, 2]
`)
	if err != nil {
		t.Fatal(err)
	}
	if got := exp.Swept(); !slices.Equal(got, []string{"case", "model.server.workers"}) {
		t.Fatalf("swept %v", got)
	}
	if len(exp.Points) != 6 {
		t.Fatalf("%d points, want 6", len(exp.Points))
	}
	want := []struct {
		name     string
		workers  int
		attempts int
		jitter   models.Jitter
	}{
		{"plain", 1, 1, models.NoJitter}, {"plain", 2, 1, models.NoJitter},
		{"retries", 1, 3, models.NoJitter}, {"retries", 2, 3, models.NoJitter},
		{"jitter", 1, 4, models.FullJitter}, {"jitter", 2, 4, models.FullJitter},
	}
	for i, p := range exp.Points {
		w := want[i]
		r := p.Model.Clients.Retry
		if p.Index != i || p.Values[0].Cell != w.name || p.Values[1].Cell != []string{"", "1", "2"}[w.workers] ||
			p.Model.Server.Workers != w.workers || r.Attempts != w.attempts || r.Jitter != w.jitter {
			t.Errorf("point %d: %+v, workers %d, retry %+v; want %+v", i, p.Values, p.Model.Server.Workers, r, w)
		}
	}
	// A whole section replaces the section as written: the backoff of
	// the jitter case is its own.
	if b := exp.Points[4].Model.Clients.Retry.Backoff.Mean(); b != 0.002 {
		t.Errorf("jitter case backoff %v, want 0.002", b)
	}
	dir := mustRun(t, exp, Options{Dir: filepath.Join(t.TempDir(), "out"), NoCharts: true, Parallel: 2})
	one := mustRun(t, exp, Options{Dir: filepath.Join(t.TempDir(), "one"), NoCharts: true, Parallel: 1})
	for _, f := range []string{"runs.csv", "summary.csv"} {
		a, b := readCSV(t, filepath.Join(dir, f)), readCSV(t, filepath.Join(one, f))
		if !slices.EqualFunc(a, b, slices.Equal) {
			t.Errorf("%s differs between --parallel 2 and 1", f)
		}
	}
	rows := readCSV(t, filepath.Join(dir, "summary.csv"))
	if strings.Join(rows[0][:3], ",") != "point,case,model.server.workers" || rows[5][1] != "jitter" || rows[5][2] != "1" {
		t.Errorf("summary.csv starts %v, row 5 %v", rows[0][:3], rows[5][:3])
	}
}

// Problems with cases point at what is wrong.
func TestCasesErrors(t *testing.T) {
	for _, c := range []struct{ cases, want string }{
		{"cases: 3", "exp.yaml:7:8: cases: must be a list of cases, e.g. [{name: no-retry, model.clients.retry.attempts: 1}], got 3"},
		{"cases: [{model.server.workers: 2}]", "exp.yaml:7:9: cases[0].name: missing (required): every case has a name, its value in the case column"},
		{"cases: [{name: a}, {name: a}]", "exp.yaml:7:27: cases[1].name: case a is defined twice"},
		{"cases: [{name: a, server.workers: 2}]", "exp.yaml:7:19: cases[0].server.workers: a case sets name, drain, warmup and model paths (such as model.clients.retry.attempts), got server.workers"},
		{"cases: [{name: a, model.handler.tme: 2}]", "exp.yaml:7:19: cases[0].model.handler.tme: no such key tme in model.handler; did you mean \"time\"? (accepted: time, error, listeners)"},
		{"cases: [{name: a, model.server.workers.x: 2}]", "exp.yaml:7:19: cases[0].model.server.workers.x: model.server.workers is a single value; it has no key x"},
		{"cases: [{name: a, model.server.workers: 0}]", "exp.yaml:7:19: model.server.workers: must be >= 1, got 0"},
		{"cases: [{name: a, drain: soon}]", "exp.yaml:7:19: cases.a.drain: must be a duration (a number with unit ns, us, ms, s, m or h, or bare seconds), got soon"},
		{"cases: [{name: a, warmup: 1s}]", "exp.yaml:7:19: cases.a.warmup: must be less than horizon (1s), got 1s"},
		{"cases: [{name: a, model.server.workers: 2}]\nsweep: {model.server.workers: [1, 2]}", "exp.yaml:7:19: cases[0].model.server.workers: overlaps model.server.workers, which is swept: a case may not set what the sweep sets"},
	} {
		got := loadErrors(t, casesBase+c.cases+"\n")
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.cases, got, c.want)
		}
	}
}

// A case may set the drain and the warm-up of its runs; the others keep
// the experiment's, and the runs use them.
func TestCasesRunSettings(t *testing.T) {
	exp, err := parse(t, casesBase+`warmup: 100ms
cases:
  - {name: plain}
  - {name: nodrain, drain: 0s}
  - {name: late, warmup: 500ms, drain: 2s}
  - {name: auto, warmup: auto}
`)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		drain, warmup sim.Duration
		auto          bool
	}{
		{models.DrainAuto, 100 * sim.Millisecond, false},
		{0, 100 * sim.Millisecond, false},
		{2 * sim.Second, 500 * sim.Millisecond, false},
		{models.DrainAuto, 0, true},
	} {
		d, w, a := exp.Run(i)
		if d != want.drain || w != want.warmup || a != want.auto {
			t.Errorf("point %d: Run = %v, %v, %v; want %+v", i, d, w, a, want)
		}
	}
	m, err := simulate(t.Context(), &exp, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if m.Warmup != 0.5 {
		t.Errorf("case late: warmup column %v, want 0.5", m.Warmup)
	}
}
