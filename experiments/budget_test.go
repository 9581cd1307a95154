package experiments

import (
	"context"
	"errors"
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
