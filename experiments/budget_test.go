package experiments

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// TestRunEventBudget checks that Options.MaxEvents reaches every run: a
// budget of 10,000 events stops a run that needs about 200,000 (100,000
// requests) with a *RunError wrapping models.ErrEventBudget, and a budget
// of 10 million lets it finish.
func TestRunEventBudget(t *testing.T) {
	exp, err := parse(t, `name: b
horizon: 100s
model:
  clients: {arrival: 1ms}
  server: {service: 500us}
`)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), exp, Options{Dir: filepath.Join(t.TempDir(), "out"), Parallel: 1, MaxEvents: 10_000})
	var re *RunError
	if !errors.As(err, &re) || !errors.Is(err, models.ErrEventBudget) {
		t.Fatalf("err %v, want a *RunError wrapping models.ErrEventBudget", err)
	}
	if _, err := Run(context.Background(), exp, Options{Dir: filepath.Join(t.TempDir(), "out"), Parallel: 1, MaxEvents: 10_000_000}); err != nil {
		t.Errorf("a budget of 10 million events: %v", err)
	}
}

// TestProgressReportsWork checks that Progress carries the expected work
// of the runs to do and how much of it is done, for the ETA.
func TestProgressReportsWork(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	var last Progress
	_, err := Run(context.Background(), exp, Options{Dir: filepath.Join(t.TempDir(), "out"), Parallel: 2,
		Progress: func(p Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	want := EstimateWork(&exp).Events
	if last.Work <= 0 || math.Abs(last.Work-want) > 1e-9*want || math.Abs(last.WorkDone-last.Work) > 1e-9*want {
		t.Errorf("last progress %+v, want Work = WorkDone = %v", last, want)
	}
}
