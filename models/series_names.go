package models

import "strings"

// SeriesMetrics are the per-window columns of every time series, in
// column order (after t, the window's start): counts of the window
// (requests by creation; succeeded and failed by the time their outcome is
// known), throughput (succeeded / window), in_flight at the window's end,
// delays of the requests that succeeded in the window, and time averages
// over the window.
var SeriesMetrics = []string{
	"requests", "attempts", "succeeded", "failed", "throughput", "in_flight",
	"timeouts", "retries", "rejected", "lost", "late",
	"short_circuited", "hedges", "expired", "shed", "rate_limited", "ejections", "budget_exhausted", "fallbacks",
	"delay.mean", "delay.p50", "delay.p99",
	"server.utilization", "server.queue.mean",
}

// SeriesNames returns the time-series columns of c after t: SeriesMetrics,
// then for a service graph the per-service columns of GraphMetricNames
// (service.NAME.*), sorted by name as GraphMetricNames sorts them.
func SeriesNames(c *Config) []string {
	names := append([]string{}, SeriesMetrics...)
	for _, n := range GraphMetricNames(c) {
		if strings.HasPrefix(n, "service.") {
			names = append(names, n)
		}
	}
	return names
}
