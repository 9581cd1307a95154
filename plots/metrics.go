package plots

// kind tells how a metric's values are shown on an axis.
type kind int

const (
	kindCount       kind = iota // a count of events per run
	kindDuration                // seconds, shown in a unit that suits the range
	kindRate                    // requests per second
	kindFraction                // a value in [0, 1]
	kindRequests                // a time-averaged number of requests
	kindReliability             // a fraction that can be drawn on a nines axis
)

// metricKinds holds every metric name of a summary table and its kind.
var metricKinds = map[string]kind{
	"requests":           kindCount,
	"succeeded":          kindCount,
	"failed":             kindCount,
	"in_flight":          kindCount,
	"throughput":         kindRate,
	"reliability":        kindReliability,
	"delay.mean":         kindDuration,
	"delay.p50":          kindDuration,
	"delay.p90":          kindDuration,
	"delay.p95":          kindDuration,
	"delay.p99":          kindDuration,
	"delay.max":          kindDuration,
	"send.mean":          kindDuration,
	"send.p99":           kindDuration,
	"receive.mean":       kindDuration,
	"receive.p99":        kindDuration,
	"process.mean":       kindDuration,
	"process.p99":        kindDuration,
	"attempts":           kindCount,
	"retries":            kindCount,
	"timeouts":           kindCount,
	"lost":               kindCount,
	"rejected":           kindCount,
	"errors":             kindCount,
	"late":               kindCount,
	"duplicates":         kindCount,
	"dead_letters":       kindCount,
	"server.utilization": kindFraction,
	"server.queue.mean":  kindRequests,
	"client.utilization": kindFraction,
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
	_, ok := metricKinds[name]
	return ok
}

// isMetricColumn reports whether col is a metric column or one of its
// interval or theory columns, that is, not a swept path.
func isMetricColumn(col string) bool {
	if isMetric(col) {
		return true
	}
	for _, suffix := range []string{".lo", ".hi"} {
		if n := len(col) - len(suffix); n > 0 && col[n:] == suffix && isMetric(col[:n]) {
			return true
		}
	}
	return len(col) > len("theory.") && col[:len("theory.")] == "theory."
}

// yLabel returns the axis label of metric y whose durations are shown in u.
func yLabel(y string, u unit, nines bool) string {
	switch metricKinds[y] {
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
	default:
		return y + " (per run)"
	}
}
