package plots

import (
	"math"
	"strings"

	"github.com/asyncsim/asyncsim/metrics"
)

// kind tells how a metric's values are shown on an axis.
type kind int

const (
	kindCount       kind = iota // a count of events per run
	kindDuration                // seconds, shown in a unit that suits the range
	kindRate                    // requests per second
	kindFraction                // a value in [0, 1]
	kindRequests                // a time-averaged number of requests
	kindReliability             // a fraction that can be drawn on a nines axis
	kindRatio                   // a ratio of two counts
)

// metricKind returns how the metric called name is shown: one of the
// table of package metrics, or of a service graph (service.NAME.SUFFIX,
// call.FROM.TO.SUFFIX).
func metricKind(name string) kind {
	if isRatio(name) {
		return kindRatio
	}
	m, ok := lookup(name)
	if !ok {
		return kindCount
	}
	return kindOf(m)
}

// kindOf returns how metric m is shown.
func kindOf(m metrics.Metric) kind {
	switch {
	case m.Nines:
		return kindReliability
	case m.Unit == metrics.Seconds:
		return kindDuration
	case m.Unit == metrics.Rate:
		return kindRate
	case m.Unit == metrics.Fraction:
		return kindFraction
	case m.Unit == metrics.Requests:
		return kindRequests
	case m.Unit == metrics.Ratio:
		return kindRatio
	default:
		return kindCount
	}
}

// Decomposition is the Spec.Y of the stacked chart of the mean send,
// receive and process delays.
const Decomposition = "decomposition"

// decompositionParts are the stacked columns, bottom to top, with their
// legend names.
var decompositionParts = []struct{ column, name string }{
	{"send.mean", "send"},
	{"receive.mean", "receive"},
	{"process.mean", "process"},
}

// isMetric reports whether name is a metric of the summary table.
func isMetric(name string) bool {
	_, ok := lookup(name)
	return ok
}

// lookup returns the metric called name as metrics.Lookup does, and also
// the paired difference M.diff of a metric M (the summary columns of an
// experiment with a baseline): M's unit, unbounded, never on a nines axis.
func lookup(name string) (metrics.Metric, bool) {
	if m, ok := metrics.Lookup(name); ok {
		return m, true
	}
	base, ok := strings.CutSuffix(name, ".diff")
	if !ok {
		return metrics.Metric{}, false
	}
	m, ok := metrics.Lookup(base)
	if !ok {
		return metrics.Metric{}, false
	}
	m.Name, m.Nines, m.Min, m.Max = name, false, math.Inf(-1), math.Inf(1)
	return m, true
}

// isMetricColumn reports whether col is a metric column or one of its
// interval or theory columns, that is, not a swept path.
func isMetricColumn(col string) bool {
	if isMetric(col) {
		return true
	}
	for _, suffix := range []string{".lo", ".hi", ".min", ".max"} {
		if n := len(col) - len(suffix); n > 0 && col[n:] == suffix && isMetric(col[:n]) {
			return true
		}
	}
	return len(col) > len("theory.") && col[:len("theory.")] == "theory."
}

// yLabel returns the axis label of metric y whose durations are shown in u.
func yLabel(y string, u unit, nines bool) string {
	switch metricKind(y) {
	case kindDuration:
		return y + " (" + u.name + ")"
	case kindRate:
		return y + " (requests/s)"
	case kindReliability:
		if nines {
			return y + " (nines scale)"
		}
		return y + " (fraction)"
	case kindFraction:
		return y + " (fraction)"
	case kindRequests:
		return y + " (requests)"
	case kindRatio:
		return y + " (ratio)"
	default:
		return y + " (per run)"
	}
}
