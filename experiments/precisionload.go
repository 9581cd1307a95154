package experiments

import (
	"fmt"
	"math"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/plots"
)

// precisionKeys and untilKeys are the keys of replications: as a
// precision target and of its until:.
var (
	precisionKeys = []string{"min", "max", "until"}
	untilKeys     = []string{"metric", "relative"}
)

// replications reads the replications: entry e into exp: a whole number,
// or a precision target {min, max, until: {metric, relative}} whose
// metric checkUntil checks once the columns are known.
func (l *loader) replications(e entry, exp *Experiment) {
	const want = "a whole number from 1 to 100000, or a precision target such as {min: 5, max: 200, until: {metric: delay.mean, relative: 0.02}}"
	v := resolve(e.Value)
	if v == nil || v.Kind != yaml.MappingNode {
		if v != nil && v.Kind != yaml.ScalarNode {
			l.fail(e.Key, "replications", "must be "+want+", got "+describe(v))
			return
		}
		if n, ok := l.integer(e.Value, e.Key, "replications", 1, maxReplications); ok {
			exp.Replications = int(n)
		}
		return
	}
	pt := &Precision{}
	got, ok := l.required(e.Key, v, "replications", precisionKeys, "a precision target needs min, max and until, e.g. "+
		"{min: 5, max: 200, until: {metric: delay.mean, relative: 0.02}}")
	if k, has := got["min"]; has {
		n, good := l.integer(k.Value, k.Key, "replications.min", 1, maxReplications)
		if good && n < 2 {
			l.fail(k.Key, "replications.min", fmt.Sprintf("must be >= 2 (an interval needs 2 replications), got %d", n))
			good = false
		}
		pt.Min = int(n)
		ok = ok && good
	}
	if k, has := got["max"]; has {
		n, good := l.integer(k.Value, k.Key, "replications.max", 2, maxReplications)
		if good && pt.Min >= 2 && int(n) < pt.Min {
			l.fail(k.Key, "replications.max", fmt.Sprintf("must be at least min (%d), got %d", pt.Min, n))
			good = false
		}
		pt.Max = int(n)
		ok = ok && good
	}
	if k, has := got["until"]; has {
		ok = l.until(k, pt) && ok
	}
	if ok {
		exp.Replications, exp.Precision = pt.Min, pt
	}
}

// required returns the entries of the mapping v at path by name, each of
// keys and only those, all required: an unknown key, and a missing one
// (reported at key, the mapping's own key, with need), fail, and ok is
// then false.
func (l *loader) required(key, v *yaml.Node, path string, keys []string, need string) (got map[string]entry, ok bool) {
	ok = true
	got = map[string]entry{}
	for _, f := range l.entries(v, path) {
		if !contains(keys, f.Name) {
			l.unknownKey(f, path, keys)
			ok = false
			continue
		}
		got[f.Name] = f
	}
	for _, name := range keys {
		if _, has := got[name]; !has {
			l.fail(key, path+"."+name, "missing: "+need)
			ok = false
		}
	}
	return got, ok
}

// until reads the until: entry k of a precision target into pt.
func (l *loader) until(k entry, pt *Precision) bool {
	u := resolve(k.Value)
	if u == nil || u.Kind != yaml.MappingNode {
		l.fail(k.Key, "replications.until", "must be a mapping {metric: M, relative: r}, e.g. {metric: delay.mean, relative: 0.02}, got "+describe(u))
		return false
	}
	got, ok := l.required(k.Key, u, "replications.until", untilKeys, "until needs metric and relative, e.g. {metric: delay.mean, relative: 0.02}")
	if f, has := got["metric"]; has {
		s, good := l.text(f.Value, f.Key, "replications.until.metric")
		pt.Metric = s
		if good {
			l.untilMetric = f
		}
		ok = ok && good
	}
	if f, has := got["relative"]; has {
		r, good := l.number(resolve(f.Value), f.Key, "replications.until.relative")
		if good && !(r > 0 && !math.IsInf(r, 0)) {
			l.fail(f.Key, "replications.until.relative", "must be > 0 (the half-width of the 95% interval as a fraction of the value, e.g. 0.02), got "+show(f.Value.Value))
			good = false
		}
		pt.Relative = r
		ok = ok && good
	}
	return ok
}

// checkUntil checks that the metric of the precision target of exp is one
// of its columns: a fixed metric (a delay percentile of its percentiles:,
// slo.attainment with slo:) or a metric of its services and calls.
func (l *loader) checkUntil(exp *Experiment) {
	f := l.untilMetric
	if exp.Precision == nil || f.Key == nil {
		return
	}
	name := exp.Precision.Metric
	if len(exp.Points) == 0 && metrics.IsGraph(name) {
		return // the model is wrong: its services are not known
	}
	if slices.Contains(l.columns, name) || slices.Contains(exp.GraphMetrics, name) {
		return
	}
	const key = "replications.until.metric"
	at := f.Value
	if at == nil {
		at = f.Key
	}
	_, isPct := metrics.ParsePercentileName(name)
	_, known := metrics.Lookup(name)
	switch {
	case metrics.IsGraph(name):
		l.fail(at, key, notAColumn(name, exp.GraphMetrics))
	case isPct || known:
		if msg := l.notOwnColumn(plots.Spec{Y: name}); msg != "" {
			l.fail(at, key, msg)
		} else {
			l.fail(at, key, fmt.Sprintf("%s is not a column of this experiment", name))
		}
	default:
		l.fail(at, key, fmt.Sprintf("unknown metric %s%s (a column of runs.csv: requests, delay.mean, delay.p99, reliability, ...)",
			show(name), didYouMean(name, append(slices.Clip(l.columns), exp.GraphMetrics...))))
	}
	exp.Precision = nil
}
