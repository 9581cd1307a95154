package metrics

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// DefaultPercentiles are the delay percentiles of the fixed table,
// delay.p50 … delay.p99: the columns of an experiment without
// percentiles:.
var DefaultPercentiles = []float64{50, 90, 95, 99}

// SLOAttainment is the column of an experiment with an slo: the share of
// requests that succeeded within it. Only such experiments have it.
var SLOAttainment = Metric{Name: "slo.attainment", Unit: Fraction, Max: 1, Nines: true,
	Description: "requests that succeeded within slo / requests: failed and unfinished requests are misses"}

// PercentileName returns the column of the p-th percentile of the delay:
// delay.p99, delay.p99_9 (a dot in p becomes _).
func PercentileName(p float64) string {
	return "delay.p" + strings.ReplaceAll(strconv.FormatFloat(p, 'f', -1, 64), ".", "_")
}

// ValidPercentile reports whether p can be a delay percentile: 0 < p < 100
// (delay.max is the 100th).
func ValidPercentile(p float64) bool { return p > 0 && p < 100 }

// Columns returns the names of the fixed columns of an experiment whose
// delay percentiles are percentiles (nil: DefaultPercentiles) and that has
// an slo or not: Names with the percentiles' columns in place of
// delay.p50 … delay.p99, and slo.attainment after reliability with an
// slo. Without either it is Names.
func Columns(percentiles []float64, slo bool) []string {
	names := Names()
	if percentiles != nil {
		i := slices.Index(names, PercentileName(DefaultPercentiles[0]))
		pcts := make([]string, len(percentiles))
		for j, p := range percentiles {
			pcts[j] = PercentileName(p)
		}
		names = slices.Replace(names, i, i+len(DefaultPercentiles), pcts...)
	}
	if slo {
		i := slices.Index(names, "reliability")
		names = slices.Insert(names, i+1, SLOAttainment.Name)
	}
	return names
}

// lookupOptional returns the metric called name among those only some
// experiments have (delay.pX for any valid percentile X, slo.attainment)
// and whether name is one.
func lookupOptional(name string) (Metric, bool) {
	if name == SLOAttainment.Name {
		return SLOAttainment, true
	}
	p, ok := ParsePercentileName(name)
	if !ok {
		return Metric{}, false
	}
	return Metric{Name: name, Unit: Seconds, Max: math.Inf(1),
		Description: strconv.FormatFloat(p, 'f', -1, 64) + "th percentile of the delay"}, true
}

// ParsePercentileColumn splits a percentile column of any histogram, such
// as delay.p99_9, send.p99 or service.db.delay.p99, into the prefix
// naming its histogram ("delay", "send", "service.db.delay") and its
// percentile p, and says whether name is one.
func ParsePercentileColumn(name string) (prefix string, p float64, ok bool) {
	i := strings.LastIndex(name, ".p")
	if i < 0 {
		return "", 0, false
	}
	p, ok = ParsePercentileName("delay" + name[i:])
	if !ok {
		return "", 0, false
	}
	return name[:i], p, true
}

// ParsePercentileName returns the percentile p whose column is name
// (PercentileName(p) == name) and whether there is one.
func ParsePercentileName(name string) (float64, bool) {
	rest, ok := strings.CutPrefix(name, "delay.p")
	if !ok || rest == "" || strings.Count(rest, "_") > 1 || strings.Trim(rest, "0123456789_") != "" {
		return 0, false
	}
	p, err := strconv.ParseFloat(strings.Replace(rest, "_", ".", 1), 64)
	if err != nil || !ValidPercentile(p) || PercentileName(p) != name {
		return 0, false
	}
	return p, true
}
