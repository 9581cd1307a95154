package plots

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// overloadTable is a sweep of the request rate past capacity (100/s) ×
// four policies, with rates of the given values: past capacity sync's delay
// (waiting for a thread, in send) grows to seconds while the others' stays
// bounded by the server queues, at about 250 ms.
func overloadTable(seed uint64, rates []string) Table {
	policies := []string{"sync", "callback", "event", "mq"}
	return synth{
		seed:    seed,
		swept:   []string{"model.clients.arrival.rate", "model.policy"},
		values:  [][]string{rates, policies},
		metrics: []string{"delay.mean", "send.mean", "receive.mean", "process.mean"},
		metric: func(pt map[string]string, name string, rng *rand.Rand) (float64, float64, bool) {
			rate := num(pt["model.clients.arrival.rate"])
			load := rate / 100
			send, receive, process := 0.001, 0.022/math.Max(1-load, 0.09), 0.002
			if pt["model.policy"] == "event" {
				process *= 2
			}
			if pt["model.policy"] == "sync" && load > 1 {
				send = 9 * (load - 1) / 0.3
			}
			var v float64
			switch name {
			case "delay.mean":
				v = send + receive + process
			case "send.mean":
				v = send
			case "receive.mean":
				v = receive
			case "process.mean":
				v = process
			}
			return v, v * 0.04 * (1 + rng.Float64()), true
		},
	}.table()
}

var overloadMeta = Meta{Replications: 5, Experiment: "sync-vs-async"}

var overloadRates = []string{"50", "70", "85", "95", "105", "115", "130"}

func TestGoldenDecompositionUnits(t *testing.T) {
	t.Parallel()
	s := Spec{X: "model.clients.arrival.rate", Y: Decomposition, Series: "model.policy"}
	checkGolden(t, "decomposition_units", chart(t, overloadTable(7, overloadRates), s, overloadMeta))
}

func TestPanelUnits(t *testing.T) {
	tests := []struct {
		max  []float64
		want []string
	}{
		{[]float64{9.3, 0.26, 0.27, 0.25}, []string{"s", "ms", "ms", "ms"}},
		{[]float64{0.68, 0.025, 0.023}, []string{"ms", "ms", "ms"}},
		{[]float64{1.2, 0.9}, []string{"s", "s"}},
		{[]float64{2, 0.0004}, []string{"s", "µs"}},
		{[]float64{2, 0}, []string{"s", "s"}},
	}
	for _, tt := range tests {
		var got []string
		for _, u := range panelUnits(tt.max) {
			got = append(got, u.name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("panelUnits(%v) = %v, want %v", tt.max, got, tt.want)
		}
	}
}

// TestDecompositionPanelScales checks that each panel's y axis fits its
// own data: the callback panel must not share sync's 9 s scale, and reads
// in ms, named on its ticks.
func TestDecompositionPanelScales(t *testing.T) {
	t.Parallel()
	s := Spec{X: "model.clients.arrival.rate", Y: Decomposition, Series: "model.policy"}
	fg := build(t, overloadTable(7, overloadRates), s, overloadMeta)
	if len(fg.panels) != 1 || len(fg.panels[0]) != 4 {
		t.Fatalf("panels %d×%d, want one row of 4", len(fg.panels), len(fg.panels[0]))
	}
	wantMax := []float64{11, 300, 300, 300} // in each panel's unit
	wantUnit := []string{"s", "ms", "ms", "ms"}
	for i, p := range fg.panels[0] {
		if p.Y.Min != 0 || p.Y.Max > wantMax[i] || p.Y.Max < wantMax[i]/2 {
			t.Errorf("panel %d: y axis [%g, %g], want [0, about %g]", i, p.Y.Min, p.Y.Max, wantMax[i])
		}
		for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
			if tk.Label != "" && !strings.HasSuffix(tk.Label, " "+wantUnit[i]) {
				t.Errorf("panel %d: tick label %q, want the unit %s", i, tk.Label, wantUnit[i])
			}
		}
		if !strings.HasPrefix(p.Title.Text, "policy=") {
			t.Errorf("panel %d: title %q, want it to name the policy", i, p.Title.Text)
		}
	}
	if fg.ylabel != "mean delay" || !strings.Contains(fg.subtitle, "own y scale") {
		t.Errorf("y label %q, subtitle %q: want the units on the ticks and the scales explained", fg.ylabel, fg.subtitle)
	}
	// With one unit for all panels, the axis label names it once.
	fg = build(t, queueTable(3), Spec{X: "model.clients.arrival.mean", Y: Decomposition, Series: "model.policy"}, arrivalMeta)
	if fg.ylabel != "mean delay (ms)" {
		t.Errorf("y label %q, want mean delay (ms)", fg.ylabel)
	}
}

// TestDecompositionLabelsNeverOverlap lays out decompositions of 1 to 40
// x values in 1 to 4 panels and checks that neighbouring x tick labels
// keep apart.
func TestDecompositionLabelsNeverOverlap(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 3, 7, 12, 20, 40} {
		rates := make([]string, n)
		for i := range rates {
			rates[i] = strconv.Itoa(50 + 5*i)
		}
		tab := overloadTable(8, rates)
		for _, series := range []string{"", "model.policy"} {
			s := Spec{X: "model.clients.arrival.rate", Y: Decomposition, Series: series}
			if series == "" {
				tab = onlyRows(tab, "model.policy", "callback")
			}
			fg := build(t, tab, s, overloadMeta)
			width := layOut(t, fg)
			for _, row := range fg.panels {
				for _, p := range row {
					if p != nil {
						checkLabelsApart(t, p, width/vg.Length(p.X.Max-p.X.Min), "decomposition of "+strconv.Itoa(n))
					}
				}
			}
		}
	}
}

// TestCategoryLabels checks the three ways category labels fit: shrunk,
// thinned (numbers) and vertical (names, shortened when long).
func TestCategoryLabels(t *testing.T) {
	nums := []string{"50", "70", "85", "95", "105", "115", "130"}
	names := []string{"sync", "callback", "event", "a rather long policy name for a tick label"}
	tests := []struct {
		labels   []string
		space    vg.Length
		vertical bool
		labelled int
	}{
		{nums, 40, false, 7},
		{nums, 18, false, 7}, // shrunk
		{nums, 9, false, 4},  // every other one
		{nums, 4, false, 2},
		{names[:3], 60, false, 3},
		{names, 30, true, 4},
		{names, 6, true, 2},
	}
	for _, tt := range tests {
		p := newPlot()
		setCategoryX(p, tt.labels, 0.5)
		fitCategoryLabels(&p.X, tt.labels, tt.space)
		vertical := p.X.Tick.Label.Rotation != 0
		var got []string
		for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if vertical != tt.vertical || len(got) != tt.labelled {
			t.Errorf("labels %q in %gpt: vertical %v, labelled %q; want vertical %v, %d labelled",
				tt.labels, tt.space, vertical, got, tt.vertical, tt.labelled)
		}
		if strings.TrimSpace(got[0]) != ellipsize(tt.labels[0], maxVertical) {
			t.Errorf("labels %q in %gpt: first label %q, want the first category labelled", tt.labels, tt.space, got[0])
		}
		for _, l := range got {
			if n := len([]rune(strings.TrimSpace(l))); n > maxVertical {
				t.Errorf("labels %q in %gpt: label %q has %d runes", tt.labels, tt.space, l, n)
			}
		}
		checkLabelsApart(t, p, tt.space, strings.Join(tt.labels, ","))
	}
}

// checkLabelsApart reports neighbouring labelled x ticks of p, space apart
// per category, whose labels overlap or touch.
func checkLabelsApart(t *testing.T, p *plot.Plot, space vg.Length, what string) {
	t.Helper()
	sty := p.X.Tick.Label
	prev := -1.0
	prevW := vg.Length(0)
	for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if tk.Label == "" {
			continue
		}
		r := sty.Rectangle(tk.Label)
		w := r.Max.X - r.Min.X // the rotated label's width
		if prev >= 0 {
			dist := vg.Length(tk.Value-prev) * space
			need := (w + prevW) / 2
			if sty.Rotation != 0 {
				need = max(w, prevW) // vertical: aligned on the tick
			}
			if dist < need+1 {
				t.Errorf("%s: labels at %g and %g are %.1fpt apart, need %.1fpt", what, prev, tk.Value, dist, need+1)
			}
		}
		prev, prevW = tk.Value, w
	}
}

// layOut draws fg at a low resolution and returns the width of its data
// areas, to which the x labels were fitted.
func layOut(t *testing.T, fg *figure) vg.Length {
	t.Helper()
	var width vg.Length
	fit := fg.fitX
	fg.fitX = func(w vg.Length) {
		width = w
		if fit != nil {
			fit(w)
		}
	}
	if _, err := fg.png(testDPI); err != nil {
		t.Fatal(err)
	}
	return width
}

// onlyRows returns the rows of t whose column name holds v.
func onlyRows(t Table, name, v string) Table {
	m := t.(*memTable)
	c := colIndex(t, name)
	out := &memTable{cols: m.cols}
	for _, r := range m.rows {
		if r[c] == v {
			out.rows = append(out.rows, r)
		}
	}
	return out
}
