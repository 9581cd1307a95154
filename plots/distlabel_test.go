package plots

import (
	"slices"
	"testing"
)

func TestShortDistLabels(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		cells []string
		want  []string
		short bool
	}{
		{"one parameter changes",
			[]string{"lognormal(mean=20ms, cv=1)", "lognormal(mean=20ms, cv=2)", "lognormal(mean=20ms, cv=1)"},
			[]string{"cv=1", "cv=2", "cv=1"}, true},
		{"the name changes, one has a parameter more (theory-check)",
			[]string{"exponential(mean=20ms)", "lognormal(mean=20ms, cv=4)"},
			[]string{"exponential", "lognormal cv=4"}, true},
		{"two parameters change",
			[]string{"uniform(min=1ms, max=2ms)", "uniform(min=2ms, max=4ms)"},
			[]string{"min=1ms max=2ms", "min=2ms max=4ms"}, true},
		{"one lacks the parameter that differs",
			[]string{"lognormal(mean=20ms)", "lognormal(mean=20ms, cv=4)"},
			[]string{"lognormal", "cv=4"}, true},
		{"lists are values", []string{"hyperexponential(means=[1ms 10ms], probs=[0.9 0.1])", "hyperexponential(means=[1ms 10ms], probs=[0.5 0.5])"},
			[]string{"probs=[0.9 0.1]", "probs=[0.5 0.5]"}, true},
		{"empty cells stay empty", []string{"constant(value=1ms)", "", "constant(value=2ms)"},
			[]string{"value=1ms", "", "value=2ms"}, true},
		{"all the same", []string{"exponential(mean=20ms)", "exponential(mean=20ms)"},
			[]string{"exponential(mean=20ms)", "exponential(mean=20ms)"}, false},
		{"not distributions", []string{"sync", "mq"}, []string{"sync", "mq"}, false},
		{"one is not a distribution", []string{"exponential(mean=20ms)", "10ms"},
			[]string{"exponential(mean=20ms)", "10ms"}, false},
		{"a value with a comma", []string{"empirical(file=a, b.csv)", "empirical(file=c.csv)"},
			[]string{"empirical(file=a, b.csv)", "empirical(file=c.csv)"}, false},
	} {
		got, short := shortDistLabels(c.cells)
		if !slices.Equal(got, c.want) || short != c.short {
			t.Errorf("%s: shortDistLabels(%q) = %q, %v; want %q, %v", c.name, c.cells, got, short, c.want, c.short)
		}
	}
}

// TestDistributionLegends checks the labels of a swept distribution on a
// chart: the legend of a series, the title of a panel (a swept path that
// is neither x nor series) and the ticks of a categorical x.
func TestDistributionLegends(t *testing.T) {
	t.Parallel()
	tab := &memTable{
		cols: []string{"point", "model.clients.arrival.rate", "model.server.service", "delay.mean"},
		rows: [][]string{
			{"0", "10", "lognormal(mean=20ms, cv=1)", "0.02"},
			{"1", "10", "lognormal(mean=20ms, cv=2)", "0.03"},
			{"2", "20", "lognormal(mean=20ms, cv=1)", "0.04"},
			{"3", "20", "lognormal(mean=20ms, cv=2)", "0.05"},
		},
	}
	m := Meta{Replications: 1}
	s := Spec{X: "model.clients.arrival.rate", Y: "delay.mean", Series: "model.server.service"}
	var entries []string
	for _, e := range build(t, tab, s, m).legend.entries {
		entries = append(entries, e.text)
	}
	if want := []string{"cv=1", "cv=2"}; !slices.Equal(entries, want) {
		t.Errorf("series legend %q, want %q", entries, want)
	}
	f := testFrame(t, tab, s)
	gs, err := f.groups("model.clients.arrival.rate", "", m)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, g := range gs {
		labels = append(labels, g.label)
	}
	if want := []string{"service cv=1", "service cv=2"}; !slices.Equal(labels, want) {
		t.Errorf("group labels %q, want %q", labels, want)
	}
	a, err := f.axis("model.server.service", m, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"cv=1", "cv=2"}; !slices.Equal(a.cats, want) {
		t.Errorf("x categories %q, want %q", a.cats, want)
	}
}
