package plots

import (
	"strconv"
	"strings"
)

// defaultTitle returns the title of a chart of s that sets none, in words
// rather than keys: "Delay p99 vs arrival rate, by policy", "Throughput
// over time". The words follow fixed rules (metricWords, pathWords), so
// the same spec always gets the same title.
func defaultTitle(s Spec) string {
	t := metricWords(s.Y)
	if s.X == TimeX {
		t += " over time"
	} else {
		t += " vs " + pathWords(s.X)
	}
	if s.Series != "" {
		t += ", by " + pathWords(s.Series)
	}
	return t
}

// metricWords returns metric y in words, capitalized: "Mean delay" for
// delay.mean, "Delay p99.9" for delay.p99_9, "Mean server queue" for
// server.queue.mean, "Utilization of db" for service.db.utilization,
// "Attempts from api to db" for call.api.db.attempts, "Attempts /
// requests" for a ratio, "Delay p99 minus baseline" for
// delay.p99.diff.
func metricWords(y string) string {
	if num, den, ok := RatioParts(y); ok {
		return metricWords(num) + " / " + lowerFirst(metricWords(den))
	}
	if base, ok := strings.CutSuffix(y, ".diff"); ok && isMetric(base) {
		return metricWords(base) + " minus baseline"
	}
	if rest, ok := strings.CutPrefix(y, "service."); ok {
		if name, suffix, ok := strings.Cut(rest, "."); ok && isMetric(y) {
			return metricWords(suffix) + " of " + name
		}
	}
	if rest, ok := strings.CutPrefix(y, "call."); ok && isMetric(y) {
		parts := strings.SplitN(rest, ".", 3)
		if len(parts) == 3 {
			return metricWords(parts[2]) + " from " + parts[0] + " to " + parts[1]
		}
	}
	return upperFirst(baseWords(y))
}

// baseWords writes a metric of the fixed table in words: a mean, maximum
// or percentile in front of or after what it is of ("mean delay", "delay
// p99"), send, receive and process as delays, underscores as spaces.
func baseWords(y string) string {
	if y == "slo.attainment" {
		return "SLO attainment"
	}
	parts := strings.Split(y, ".")
	for i, p := range parts {
		switch p {
		case "send", "receive", "process":
			if len(parts) > 1 {
				parts[i] = p + " delay"
			}
		default:
			parts[i] = strings.ReplaceAll(p, "_", " ")
		}
	}
	n := len(parts)
	if n > 1 {
		last, of := parts[n-1], strings.Join(parts[:n-1], " ")
		switch {
		case last == "mean" || last == "max" || last == "min":
			return last + " " + of
		case isPercentile(last):
			return of + " " + strings.ReplaceAll(last, " ", ".")
		}
	}
	return strings.Join(parts, " ")
}

// isPercentile reports whether a part of a metric name, with underscores
// already made spaces, names a percentile: p99, p99 9.
func isPercentile(p string) bool {
	rest, ok := strings.CutPrefix(p, "p")
	if !ok || rest == "" {
		return false
	}
	_, err := strconv.ParseFloat(strings.ReplaceAll(rest, " ", "."), 64)
	return err == nil
}

// pathWords returns a swept path in words, lower case: "arrival rate" for
// model.clients.arrival.rate, "mean time between arrivals" for
// model.clients.arrival.mean, "mean db service time" for
// model.services.db.service.mean, "gateway call policy" for
// model.services.gateway.calls.1.parallel.0.policy. It drops "model.",
// list indices and "parallel", writes "calls" as "call", drops a leading
// "clients" or "server" when two parts or more remain, and writes the
// mean of a distribution as a time.
func pathWords(p string) string {
	var parts []string
	for _, s := range strings.Split(strings.TrimPrefix(p, "model."), ".") {
		if _, err := strconv.Atoi(s); err == nil || s == "parallel" {
			continue
		}
		if s == "calls" {
			s = "call"
		}
		parts = append(parts, strings.ReplaceAll(s, "_", " "))
	}
	if len(parts) > 1 && parts[0] == "services" {
		parts = parts[1:]
	}
	if len(parts) > 2 && (parts[0] == "clients" || parts[0] == "server") {
		parts = parts[1:]
	}
	if n := len(parts); n > 1 && parts[n-1] == "mean" {
		of := parts[n-2]
		switch {
		case of == "arrival":
			of = "time between arrivals"
		case !strings.HasSuffix(of, "time"): // uptime, downtime
			of += " time"
		}
		parts = append(append([]string{"mean"}, parts[:n-2]...), of)
	}
	return strings.Join(parts, " ")
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// lowerFirst returns s with its first letter in lower case, unless it
// starts an abbreviation ("SLO").
func lowerFirst(s string) string {
	if s == "" || len(s) > 1 && strings.ToUpper(s[:2]) == s[:2] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
