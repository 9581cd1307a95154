package experiments

import (
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// TestRunRowsHoldNoSpareRoom checks that the rows of runs.csv, which stay
// in memory for every run until the tables are written (a million runs in
// the documented limit), take only the room of their cells: grown by
// append, their backing arrays were up to twice as long (issue 11: 400k
// trivial runs peaked at 1.6 GB).
func TestRunRowsHoldNoSpareRoom(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	runs := make([]models.Metrics, 5)
	rows, _ := pointRows(&exp, &exp.Points[4], runs)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	for r, row := range rows {
		if cap(row) != len(row) {
			t.Errorf("row %d: %d cells in room for %d", r, len(row), cap(row))
		}
	}
}
