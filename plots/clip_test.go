package plots

import (
	"math"
	"strings"
	"testing"
)

func TestClipInterval(t *testing.T) {
	tests := []struct {
		k              kind
		lo, hi         float64
		wantLo, wantHi float64
	}{
		{kindReliability, 0.95, 1.049, 0.95, 1},
		{kindReliability, -0.2, 0.4, 0, 0.4},
		{kindFraction, 0.9971, 1.0002, 0.9971, 1},
		{kindFraction, -0.01, 0.02, 0, 0.02},
		{kindDuration, -0.17, 0.39, 0, 0.39},
		{kindCount, -1.4, 2.5, 0, 2.5},
		{kindRate, 90, 110, 90, 110},
		{kindRequests, -0.3, 0.5, 0, 0.5},
	}
	for _, tt := range tests {
		lo, hi := clipInterval(tt.k, tt.lo, tt.hi)
		if lo != tt.wantLo || hi != tt.wantHi {
			t.Errorf("clipInterval(%d, %g, %g) = %g, %g, want %g, %g", tt.k, tt.lo, tt.hi, lo, hi, tt.wantLo, tt.wantHi)
		}
	}
}

// TestChartsClipIntervals draws intervals that reach past a metric's
// natural range, as a Student-t interval on few replications does, and
// checks the axes: they must not stretch to show the impossible ends.
func TestChartsClipIntervals(t *testing.T) {
	t.Parallel()
	x := "model.clients.arrival.mean"
	tab := queueTable(1)
	for r := range tab.Len() {
		// Reliability about 0.999: the interval reaches past 1 and below 0.
		rel := num(tab.Cell(r, colIndex(tab, "reliability")))
		tab = setCell(tab, r, "reliability.hi", fmtf(rel+0.049))
		tab = setCell(tab, r, "reliability.lo", fmtf(rel-1.2))
	}
	tab = setColumn(tab, "delay.p99.lo", "-0.5")
	tab = setColumn(tab, "throughput.lo", "-3")

	plotOf := func(s Spec) *figure {
		fg := build(t, tab, s, arrivalMeta)
		return fg
	}
	// Linear reliability: the axis stays within [0, 1] and its headroom.
	p := plotOf(Spec{X: x, Y: "reliability", Series: "model.policy"}).panels[0][0]
	if p.Y.Min < 0 || p.Y.Max > 1+headroom {
		t.Errorf("reliability axis [%g, %g], want within [0, 1]", p.Y.Min, p.Y.Max)
	}
	// Nines: an upper end at 1 is an arrow, not a bar to the cap, so the
	// axis ends at the nines of the data (about 3 and the interval's
	// lower ends at 0 nines).
	fg := plotOf(Spec{X: x, Y: "reliability", Series: "model.policy", Nines: true})
	p = fg.panels[0][0]
	if p.Y.Max >= MaxNines || p.Y.Min < 0 {
		t.Errorf("nines axis [%g, %g], want below the %d-nines cap", p.Y.Min, p.Y.Max, MaxNines)
	}
	if !strings.Contains(fg.subtitle, "↑") {
		t.Errorf("nines subtitle %q does not explain the arrows", fg.subtitle)
	}
	// Delays and rates: never below 0.
	for _, y := range []string{"delay.p99", "throughput"} {
		p := plotOf(Spec{X: x, Y: y, Series: "model.policy"}).panels[0][0]
		if p.Y.Min != 0 {
			t.Errorf("%s axis starts at %g, want 0", y, p.Y.Min)
		}
	}
	// The decomposition's interval of delay.mean too.
	tab = setColumn(tab, "delay.mean.lo", "-1")
	tab = setColumn(tab, "delay.mean.hi", "0.001")
	for _, row := range plotOf(Spec{X: x, Y: Decomposition, Series: "model.policy"}).panels {
		for _, p := range row {
			if p != nil && p.Y.Min != 0 {
				t.Errorf("decomposition axis starts at %g, want 0", p.Y.Min)
			}
		}
	}
}

// TestOpenIntervalsOnlyOnNines checks which intervals become arrows: those
// reaching the cap of a nines axis from a point below it.
func TestOpenIntervalsOnlyOnNines(t *testing.T) {
	t.Parallel()
	x := "model.clients.arrival.mean"
	tab := setColumn(queueTable(1), "reliability.hi", "1")
	for _, nines := range []bool{false, true} {
		fg := build(t, tab, Spec{X: x, Y: "reliability", Nines: nines}, arrivalMeta)
		if got := strings.Contains(fg.subtitle, "↑"); got != nines {
			t.Errorf("nines %v: subtitle %q, want arrows explained: %v", nines, fg.subtitle, nines)
		}
	}
	// A point at the cap has no arrow, even when its interval reaches 1.
	tab = setColumn(tab, "reliability", "1")
	fg := build(t, tab, Spec{X: x, Y: "reliability", Nines: true}, arrivalMeta)
	if strings.Contains(fg.subtitle, "↑") {
		t.Errorf("subtitle %q explains arrows, but every point is at the cap", fg.subtitle)
	}
}

// TestFractionAxisOfOneValue checks the y axis of a fraction that never
// changes, such as a reliability of 1 everywhere: a short range within
// [0, 1], not [0, 2].
func TestFractionAxisOfOneValue(t *testing.T) {
	t.Parallel()
	x := "model.clients.arrival.mean"
	for _, v := range []string{"1", "0.5", "0"} {
		tab := setColumn(queueTable(1), "reliability", v)
		tab = setColumn(tab, "reliability.lo", v)
		tab = setColumn(tab, "reliability.hi", v)
		p := build(t, tab, Spec{X: x, Y: "reliability"}, arrivalMeta).panels[0][0]
		if p.Y.Min < 0 || p.Y.Max > 1+headroom || p.Y.Max-p.Y.Min > 0.25 {
			t.Errorf("reliability %s everywhere: axis [%g, %g]", v, p.Y.Min, p.Y.Max)
		}
		if math.IsNaN(p.Y.Min) || !(p.Y.Max > p.Y.Min) {
			t.Errorf("reliability %s everywhere: empty axis [%g, %g]", v, p.Y.Min, p.Y.Max)
		}
	}
}

func colIndex(t Table, name string) int {
	for i, c := range t.Columns() {
		if c == name {
			return i
		}
	}
	panic("no column " + name)
}
