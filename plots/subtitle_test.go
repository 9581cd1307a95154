package plots

import (
	"testing"
)

// TestSubtitleSaysWhatValuesAre: a line chart's subtitle says "mean of N
// replications" only for means: a delay percentile of the summary is the
// percentile of the replications' requests pooled, with error bars
// around it (its 95% interval), and a ratio is a ratio of sums, without bars.
func TestSubtitleSaysWhatValuesAre(t *testing.T) {
	t.Parallel()
	m := Meta{Replications: 5, Experiment: "exp"}
	tab := &memTable{
		cols: []string{"point", "x", "delay.p99", "delay.p99.lo", "delay.p99.hi", "delay.p99_9", "delay.p99_9.lo", "delay.p99_9.hi",
			"delay.mean", "delay.mean.lo", "delay.mean.hi", "attempts", "attempts.lo", "attempts.hi", "requests", "requests.lo", "requests.hi",
			"service.db.delay.p99", "service.db.delay.p99.lo", "service.db.delay.p99.hi", "send.p99", "send.p99.lo", "send.p99.hi"},
		rows: [][]string{
			{"0", "1", "0.1", "0.08", "0.12", "0.2", "0.1", "0.3", "0.05", "0.04", "0.06", "30", "28", "32", "10", "9", "11", "0.1", "0.09", "0.11", "0.01", "0.009", "0.011"},
			{"1", "2", "0.2", "0.18", "0.22", "0.4", "0.3", "0.5", "0.07", "0.06", "0.08", "40", "38", "42", "10", "9", "11", "0.2", "0.19", "0.21", "0.02", "0.019", "0.021"},
		},
	}
	for _, c := range []struct {
		y    string
		m    Meta
		want string
	}{
		{"delay.p99", m, "exp · pooled p99 of 5 replications; error bars: 95% CI"},
		{"delay.p99_9", m, "exp · pooled p99.9 of 5 replications; error bars: 95% CI"},
		{"attempts/requests", m, "exp · Σ attempts / Σ requests over 5 replications"},
		{"delay.mean", m, "exp · mean of 5 replications; error bars: 95% CI"},
		// Every percentile column is pooled: a part's, a service's.
		{"service.db.delay.p99", m, "exp · pooled p99 of 5 replications; error bars: 95% CI"},
		{"send.p99", m, "exp · pooled p99 of 5 replications; error bars: 95% CI"},
		{"delay.p99", Meta{Replications: 1, Experiment: "exp"}, "exp · 1 replication"},
	} {
		fg := build(t, tab, Spec{X: "x", Y: c.y}, c.m)
		if fg.subtitle != c.want {
			t.Errorf("y: %s: subtitle %q, want %q", c.y, fg.subtitle, c.want)
		}
	}
}

// TestSubtitleReplicationCounts: when the points of a summary have
// different numbers of replications (its replications column, under a
// precision target), the subtitle gives the range; when they agree, the
// count. A note (the dashed lines of a chart over time) is kept with one
// replication too.
func TestSubtitleReplicationCounts(t *testing.T) {
	t.Parallel()
	table := func(a, b string) Table {
		return &memTable{
			cols: []string{"point", "x", "flags", "replications", "delay.mean", "delay.mean.lo", "delay.mean.hi", "delay.p99", "delay.p99.lo", "delay.p99.hi"},
			rows: [][]string{
				{"0", "1", "", a, "0.05", "0.04", "0.06", "0.1", "0.09", "0.11"},
				{"1", "2", "", b, "0.07", "0.06", "0.08", "0.2", "0.18", "0.22"},
			},
		}
	}
	m := Meta{Replications: 5, Experiment: "exp"}
	for _, c := range []struct {
		a, b, y, want string
	}{
		{"5", "12", "delay.mean", "exp · mean of 5–12 replications; error bars: 95% CI"},
		{"12", "5", "delay.p99", "exp · pooled p99 of 5–12 replications; error bars: 95% CI"},
		{"5", "5", "delay.mean", "exp · mean of 5 replications; error bars: 95% CI"},
	} {
		fg := build(t, table(c.a, c.b), Spec{X: "x", Y: c.y}, m)
		if fg.subtitle != c.want {
			t.Errorf("replications %s, %s, y: %s: subtitle %q, want %q", c.a, c.b, c.y, fg.subtitle, c.want)
		}
	}
	if got, want := subtitle(Meta{Replications: 1, Experiment: "exp"}, "dashed: the load changes"), "exp · 1 replication; dashed: the load changes"; got != want {
		t.Errorf("subtitle with one replication %q, want %q", got, want)
	}
}
