package experiments

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/plots"
)

// maxPercentiles bounds the delay percentiles of an experiment.
const maxPercentiles = 20

// loadSummaryKeys reads the percentiles: and slo: entries into exp.
func (l *loader) loadSummaryKeys(ents map[string]entry, exp *Experiment) {
	if e, ok := ents["percentiles"]; ok {
		exp.Percentiles = l.percentiles(e)
	}
	if e, ok := ents["slo"]; ok {
		if d, ok := l.duration(e.Value, e.Key, "slo"); ok {
			if d <= 0 {
				l.fail(e.Key, "slo", "must be > 0 (the delay within which a request must succeed), got "+show(e.Value.Value))
			} else {
				exp.SLO = d
			}
		}
	}
}

// percentiles reads the list of delay percentiles of entry e: 1 to
// maxPercentiles numbers in (0, 100), increasing.
func (l *loader) percentiles(e entry) []float64 {
	const want = "a list of percentiles between 0 and 100, increasing, e.g. [50, 90, 99, 99.9]"
	v := e.Value
	if v == nil || v.Kind != yaml.SequenceNode || len(v.Content) == 0 || len(v.Content) > maxPercentiles {
		l.fail(e.Key, "percentiles", fmt.Sprintf("must be %s (at most %d), got %s", want, maxPercentiles, describe(v)))
		return nil
	}
	out := make([]float64, 0, len(v.Content))
	for i, n := range v.Content {
		key := fmt.Sprintf("percentiles[%d]", i)
		p, ok := l.number(resolve(n), n, key)
		switch {
		case !ok:
			return nil
		case !metrics.ValidPercentile(p):
			l.fail(n, key, "must be > 0 and < 100 (delay.max is the largest delay), got "+show(n.Value))
			return nil
		case i > 0 && p <= out[i-1]:
			l.fail(n, key, fmt.Sprintf("must be greater than the one before (%v): list the percentiles once each, increasing", out[i-1]))
			return nil
		}
		out = append(out, p)
	}
	return out
}

// notOwnColumn says why chart s draws a fixed metric that is not a column
// of this experiment (a delay percentile not in its percentiles:,
// slo.attainment without slo:), or returns "".
func (l *loader) notOwnColumn(s plots.Spec) string {
	if s.X == plots.TimeX || metrics.IsGraph(s.Y) || slices.Contains(l.columns, s.Y) {
		return ""
	}
	switch _, isPct := metrics.ParsePercentileName(s.Y); {
	case s.Y == metrics.SLOAttainment.Name:
		return "slo.attainment is a column only of an experiment with slo: (e.g. slo: 100ms)"
	case isPct:
		var have []string
		for _, c := range l.columns {
			if _, ok := metrics.ParsePercentileName(c); ok {
				have = append(have, c)
			}
		}
		return fmt.Sprintf("%s is not a column of this experiment (its percentiles: %s); add it to percentiles:", s.Y, strings.Join(have, ", "))
	}
	return ""
}

// ownPercentiles returns the default charts specs with a chart of
// delay.p99 drawing the experiment's highest percentile instead when
// delay.p99 is not one of its columns.
func (l *loader) ownPercentiles(specs []plots.Spec) []plots.Spec {
	const p99 = "delay.p99"
	if slices.Contains(l.columns, p99) {
		return specs
	}
	top := ""
	for _, c := range l.columns {
		if _, ok := metrics.ParsePercentileName(c); ok {
			top = c
		}
	}
	for i, s := range specs {
		if s.Y == p99 && s.X != plots.TimeX {
			specs[i].Y, specs[i].File = top, ""
		}
	}
	return specs
}

// yProblem says why the y of chart s (or either metric of a ratio,
// attempts/requests) is not a column of this experiment, or returns "".
func (l *loader) yProblem(s plots.Spec, graph []string) string {
	ys := []string{s.Y}
	if num, den, ok := plots.RatioParts(s.Y); ok {
		ys = []string{num, den}
	}
	for _, y := range ys {
		part := s
		part.Y = y
		if s.X != plots.TimeX && metrics.IsGraph(y) && !slices.Contains(graph, y) {
			return notAColumn(y, graph)
		}
		if msg := l.notOwnColumn(part); msg != "" {
			return msg
		}
	}
	return ""
}
