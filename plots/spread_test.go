package plots

import (
	"strings"
	"testing"
)

// bimodalTable is a reliability sweep of a retry storm: with 3 attempts
// the points at 80 and 90 requests per second are flagged bimodal, some
// replications collapsed (reliability near 0.2) and some did not (near
// 0.999), so their mean describes no run.
func bimodalTable() Table {
	return &memTable{
		cols: []string{"point", "model.clients.arrival.rate", "model.clients.retry.attempts", "flags", "replications",
			"reliability", "reliability.lo", "reliability.hi", "reliability.min", "reliability.max"},
		rows: [][]string{
			{"0", "50", "1", "", "10", "0.99", "0.985", "0.994", "0.982", "0.996"},
			{"1", "50", "3", "", "10", "0.9999", "0.9998", "1", "0.9997", "1"},
			{"2", "70", "1", "", "10", "0.97", "0.96", "0.98", "0.95", "0.985"},
			{"3", "70", "3", "short", "10", "0.9995", "0.999", "0.9998", "0.9985", "0.9999"},
			{"4", "80", "1", "", "10", "0.93", "0.92", "0.94", "0.91", "0.95"},
			{"5", "80", "3", "bimodal", "10", "0.68", "0.45", "0.91", "0.21", "0.9992"},
			{"6", "90", "1", "", "10", "0.88", "0.86", "0.9", "0.85", "0.91"},
			{"7", "90", "3", "bimodal+growing", "10", "0.45", "0.25", "0.65", "0.18", "0.999"},
		},
	}
}

var bimodalSpec = Spec{X: "model.clients.arrival.rate", Y: "reliability", Series: "model.clients.retry.attempts", Nines: true}

func TestGoldenBimodal(t *testing.T) {
	t.Parallel()
	checkGolden(t, "bimodal", chart(t, bimodalTable(), bimodalSpec, Meta{Replications: 10, Experiment: "retry-storm-sweep"}))
}

// TestSpreadOfBimodalPoints: the points flagged bimodal get the spread of
// their replications, min to max, and the axis reaches down to the
// smallest (0.18, below the lowest interval end 0.25); the subtitle says
// what the dotted lines are. Without the flags, or with one replication,
// there is no spread.
func TestSpreadOfBimodalPoints(t *testing.T) {
	t.Parallel()
	const note = "dotted: min–max of the replications where they split (bimodal)"
	fg := build(t, bimodalTable(), bimodalSpec, Meta{Replications: 10})
	if !strings.Contains(fg.subtitle, note) {
		t.Errorf("subtitle %q lacks %q", fg.subtitle, note)
	}
	if got, want := fg.panels[0][0].Y.Min, 0.0; got != want {
		t.Errorf("nines axis from %g, want %g (the spread reaches 0.18: 0.09 nines)", got, want)
	}
	lines := build(t, bimodalTable(), Spec{X: bimodalSpec.X, Y: "reliability", Series: bimodalSpec.Series}, Meta{Replications: 10})
	if got, want := lines.panels[0][0].Y.Min, 0.18; got > want {
		t.Errorf("linear axis from %g, want at most %g", got, want)
	}

	m := bimodalTable().(*memTable)
	for _, r := range m.rows {
		r[3] = ""
	}
	for _, c := range []struct {
		name string
		tab  Table
		reps int
	}{{"no flags", m, 10}, {"one replication", bimodalTable(), 1}} {
		fg := build(t, c.tab, Spec{X: bimodalSpec.X, Y: "reliability", Series: bimodalSpec.Series}, Meta{Replications: c.reps})
		if strings.Contains(fg.subtitle, "dotted") {
			t.Errorf("%s: subtitle %q mentions a spread", c.name, fg.subtitle)
		}
		if got := fg.panels[0][0].Y.Min; got < 0.25 {
			t.Errorf("%s: linear axis from %g, want it to end at the data (0.25 and up)", c.name, got)
		}
	}
}
