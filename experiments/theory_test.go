package experiments

import (
	"math"
	"slices"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/models/theory"
)

// TestTheoryCells checks the theory columns of a model with a closed form
// (M/M/1: delay 1/(mu-lambda), every request succeeds) and of one without.
func TestTheoryCells(t *testing.T) {
	c := models.DefaultConfig()
	c.Clients.Arrival = distributions.Exponential{Scale: 0.02} // lambda 50/s
	c.Server.Service = distributions.Exponential{Scale: 0.01}  // mu 100/s
	if got, want := theoryCells(c), []string{"0.02", "50", "1"}; !slices.Equal(got, want) {
		t.Errorf("M/M/1 cells %q, want %q", got, want)
	}
	c.Clients.Arrival = distributions.Constant{Value: 20e6} // D/M/1: no closed form
	if got, want := theoryCells(c), []string{"", "", ""}; !slices.Equal(got, want) {
		t.Errorf("D/M/1 cells %q, want %q", got, want)
	}
}

// TestTheoryPanicSurfaces checks that a panic of the theory package is not
// turned into empty theory columns: it is a bug, and must be seen.
func TestTheoryPanicSurfaces(t *testing.T) {
	defer func(p func(models.Config) (theory.Prediction, bool, string)) { theoryPredict = p }(theoryPredict)
	theoryPredict = func(models.Config) (theory.Prediction, bool, string) { panic("theory bug") }
	defer func() {
		if r := recover(); r != "theory bug" {
			t.Errorf("theoryCells recovered %v, want the panic to propagate", r)
		}
	}()
	cells := theoryCells(models.DefaultConfig())
	t.Errorf("theoryCells returned %q after the theory panicked", cells)
}

// TestTheoryCellsFinite checks NaN predictions give empty cells, never
// "NaN" text.
func TestTheoryCellsFinite(t *testing.T) {
	defer func(p func(models.Config) (theory.Prediction, bool, string)) { theoryPredict = p }(theoryPredict)
	theoryPredict = func(models.Config) (theory.Prediction, bool, string) {
		return theory.Prediction{DelayMean: math.NaN(), Throughput: 3, Reliability: math.NaN()}, true, ""
	}
	if got, want := theoryCells(models.DefaultConfig()), []string{"", "3", ""}; !slices.Equal(got, want) {
		t.Errorf("cells %q, want %q", got, want)
	}
}
