package plots

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"
)

// timeTable is a time series summary of two points (workers 1 and 2) over
// windows of 10 s: a step at 30 s, the interval ±10%, and one window of
// point 1 without a delay.
func timeTable() Table {
	t := &memTable{cols: []string{"point", "model.server.workers", "t", "throughput", "throughput.lo", "throughput.hi", "delay.p99", "delay.p99.lo", "delay.p99.hi"}}
	for p := range 2 {
		for w := range 6 {
			v := 10.0
			if w >= 3 {
				v = 30
			}
			d := 0.05 * float64(p+1)
			row := []string{fmtf(float64(p)), fmtf(float64(p + 1)), fmtf(10 * float64(w)), fmtf(v), fmtf(0.9 * v), fmtf(1.1 * v), fmtf(d), fmtf(0.9 * d), fmtf(1.1 * d)}
			if p == 1 && w == 4 {
				row[6], row[7], row[8] = "", "", ""
			}
			t.rows = append(t.rows, row)
		}
	}
	return t
}

// A chart over time has a line per point, a band per run of windows with
// an interval, and the load's changes inside the time axis only.
func TestTimeChart(t *testing.T) {
	m := Meta{Replications: 3, Experiment: "e", Marks: []float64{0, 30, 45, 70}}
	fg := build(t, timeTable(), Spec{X: TimeX, Y: "delay.p99"}, m)
	if fg.title != "Delay p99 over time" || !strings.Contains(fg.subtitle, "bands: 95% CI; dashed: the load changes") {
		t.Errorf("title %q, subtitle %q", fg.title, fg.subtitle)
	}
	var labels []string
	for _, e := range fg.legend.entries {
		labels = append(labels, e.text)
	}
	if strings.Join(labels, "|") != "server.workers=1|server.workers=2" {
		t.Errorf("legend %q", labels)
	}
	p := fg.panels[0][0]
	_, layers, err := timeChartLayers(testFrame(t, timeTable(), Spec{X: TimeX, Y: "delay.p99"}), Spec{X: TimeX, Y: "delay.p99"}, m)
	if err != nil {
		t.Fatal(err)
	}
	var lines, dots int
	for _, pl := range layers.lines {
		switch pl.(type) {
		case *plotter.Line:
			lines++
		case *plotter.Scatter:
			dots++
		}
	}
	bands, marks := len(layers.bands), layers.marks
	// Point 0: one line; point 1: a line of 4 windows and a lone one,
	// drawn as a dot. Bands likewise: 1 + 1 (the lone window has none).
	if lines != 2 || dots != 1 || bands != 2 {
		t.Errorf("%d lines, %d dots, %d bands; want 2, 1 and 2", lines, dots, bands)
	}
	if len(marks) != 2 || marks[0] != 30 || marks[1] != 45 {
		t.Errorf("marks %v, want [30 45] (0 and 70 are outside the windows 0 to 50)", marks)
	}
	if p.X.Label.Text != "time (s)" || p.Y.Label.Text != "delay.p99 (ms)" {
		t.Errorf("axes %q and %q", p.X.Label.Text, p.Y.Label.Text)
	}
	if math.Abs(p.Y.Max) < 0.11*1000 {
		t.Errorf("y axis up to %v, below the top of the band (110 ms)", p.Y.Max)
	}
	if len(chart(t, timeTable(), Spec{X: TimeX, Y: "throughput", Series: "model.server.workers"}, m)) == 0 {
		t.Error("no image")
	}
}

// What a chart over time may not be, and its file names.
func TestTimeSpecs(t *testing.T) {
	swept := []string{"model.server.workers", "t"}
	for _, c := range []struct {
		s     Spec
		field string
	}{
		{Spec{X: TimeX, Y: Decomposition}, "y"},
		{Spec{X: TimeX, Y: "throughput", LogX: true}, "log_x"},
		{Spec{X: TimeX, Y: "reliability", Nines: true}, "nines"},
		{Spec{X: TimeX, Y: "throughput", Series: "t"}, "series"},
		{Spec{X: TimeX, Y: "throughput", Series: "model.policy"}, "series"},
	} {
		var se *SpecError
		if err := ValidateSpec(c.s, swept); !errors.As(err, &se) || se.Field != c.field {
			t.Errorf("%+v: %v, want a problem with %s", c.s, err, c.field)
		}
	}
	if err := ValidateSpec(Spec{X: TimeX, Y: "in_flight", Series: "model.server.workers", LogY: true}, swept); err != nil {
		t.Error(err)
	}
	var files []string
	for _, s := range DefaultTimeSpecs() {
		files = append(files, FileName(s))
	}
	if got := strings.Join(files, " "); got != "throughput_over_time.png delay_p99_over_time.png in_flight_over_time.png" {
		t.Errorf("default files %s", got)
	}
	if FileName(Spec{X: "model.server.workers", Y: "delay.p99"}) != "delay_p99.png" || FileName(Spec{X: TimeX, Y: "a", File: "b.png"}) != "b.png" {
		t.Error("FileName")
	}
}

// With the window's length known, each window is drawn at its middle and
// the time axis spans the windows from 0.
func TestTimeChartMiddles(t *testing.T) {
	s := Spec{X: TimeX, Y: "throughput"}
	m := Meta{Replications: 3, Window: 10, Marks: []float64{30}}
	fg, layers, err := timeChartLayers(testFrame(t, timeTable(), s), s, m)
	if err != nil {
		t.Fatal(err)
	}
	l, ok := layers.lines[0].(*plotter.Line)
	if !ok || l.XYs[0].X != 5 || l.XYs[5].X != 55 {
		t.Fatalf("first line %v, want windows at 5, 15, ..., 55", layers.lines[0])
	}
	if p := fg.panels[0][0]; p.X.Min > 0 || p.X.Max < 60 {
		t.Errorf("time axis [%v, %v], want it to hold [0, 60]", p.X.Min, p.X.Max)
	}
	if len(layers.marks) != 1 || layers.marks[0] != 30 {
		t.Errorf("marks %v", layers.marks)
	}
}
