// Package metrics is the one table of the output metrics of asyncsim:
// their names in column order, units, the range of values a run can
// produce and what each measures. models computes them, experiments
// writes and summarises them, plots draws them; each reads this table,
// which imports nothing, so plots needs no part of the engine.
package metrics

import "math"

// Unit is what a metric's values count.
type Unit int

// The units of the metrics.
const (
	Count    Unit = iota // events per run
	Seconds              // a delay in seconds
	Rate                 // requests per second
	Fraction             // a fraction in [0, 1]
	Requests             // a time-averaged number of requests
	Ratio                // a ratio of two counts, e.g. attempts per request
)

// Metric describes one output metric.
type Metric struct {
	Name string // column name, e.g. "delay.p99"
	Unit Unit
	// Min and Max bound the values a run can produce: [0, 1] for
	// fractions, [0, +Inf) for the rest. Confidence intervals are clipped
	// to them.
	Min, Max float64
	// Nines reports whether the metric can be drawn on a nines axis
	// (0.9, 0.99, 0.999, ...): reliability.
	Nines       bool
	Description string
}

func count(name, desc string) Metric {
	return Metric{Name: name, Unit: Count, Max: math.Inf(1), Description: desc}
}

func seconds(name, desc string) Metric {
	return Metric{Name: name, Unit: Seconds, Max: math.Inf(1), Description: desc}
}

func fraction(name, desc string) Metric {
	return Metric{Name: name, Unit: Fraction, Max: 1, Description: desc}
}

// All are the output metrics in their fixed column order (runs.csv,
// summary.csv). docs/metrics.md says more about each.
var All = []Metric{
	count("requests", "requests created at or after warmup"),
	count("succeeded", "of these, requests whose reply was processed without a handler error before the horizon"),
	count("failed", "of these, requests that ended unsuccessfully before the horizon"),
	count("in_flight", "requests not finished at the horizon"),
	{Name: "throughput", Unit: Rate, Max: math.Inf(1), Description: "successful completions per second in [warmup, horizon]"},
	{Name: "reliability", Unit: Fraction, Max: 1, Nines: true, Description: "succeeded / requests: a request without an outcome at the end counts against it"},
	seconds("delay.mean", "mean delay of successful requests, creation to end of reply processing"),
	seconds("delay.p50", "median delay"),
	seconds("delay.p90", "90th percentile of the delay"),
	seconds("delay.p95", "95th percentile of the delay"),
	seconds("delay.p99", "99th percentile of the delay"),
	seconds("delay.max", "largest delay"),
	seconds("send.mean", "mean send delay: creation until the final attempt reaches the server side"),
	seconds("receive.mean", "mean receive delay: until that attempt's reply reaches the client"),
	seconds("process.mean", "mean process delay: until the client has processed the reply"),
	seconds("send.p99", "99th percentile of the send delay"),
	seconds("receive.p99", "99th percentile of the receive delay"),
	seconds("process.p99", "99th percentile of the process delay"),
	count("attempts", "attempts started"),
	{Name: "amplification", Unit: Ratio, Max: math.Inf(1), Description: "attempts / requests: attempts per request, retries included (hedged copies are counted in hedges, not here)"},
	count("retries", "failed attempts followed by another attempt"),
	count("timeouts", "attempts whose timeout fired"),
	count("lost", "messages lost on the network or to a crash"),
	count("rejected", "attempts refused by a full or crashed server, publishes refused by a full broker"),
	count("errors", "server errors and handler errors"),
	count("late", "replies that reached the client after their attempt had timed out"),
	count("duplicates", "mq at-least-once: messages processed successfully again"),
	count("dead_letters", "mq at-least-once: messages moved to the dead-letter queue"),
	count("short_circuited", "attempts refused at once by an open or half-open circuit breaker"),
	count("hedges", "hedged copies sent: copies of an attempt beyond its first"),
	count("expired", "work dropped because its deadline had passed (deadline), calls with no time left, and broker messages older than ttl"),
	count("shed", "requests dropped from a waiting room: waited longer than queue_timeout, or dropped by codel"),
	count("rate_limited", "attempts refused by an instance's token bucket (rate_limit)"),
	count("ejections", "instances ejected by outlier detection (eject)"),
	count("budget_exhausted", "retries refused by a retry budget: the call failed instead"),
	count("fallbacks", "calls that failed after their retries and were ignored (on_error: ignore)"),
	fraction("server.utilization", "busy workers / (server.count × server.workers), time-averaged"),
	{Name: "server.queue.mean", Unit: Requests, Max: math.Inf(1), Description: "requests waiting per server, time-averaged"},
	fraction("client.utilization", "busy client threads (sync) or handler executors, time-averaged"),
	seconds("warmup", "the run's warm-up: warmup as written, or the time MSER-5 chose for it with warmup: auto"),
}

// byName indexes All.
var byName = func() map[string]int {
	m := make(map[string]int, len(All))
	for i, x := range All {
		m[x.Name] = i
	}
	return m
}()

// Names returns the metric names in column order.
func Names() []string {
	out := make([]string, len(All))
	for i, m := range All {
		out[i] = m.Name
	}
	return out
}

// Lookup returns the metric called name and whether there is one: a
// metric of All, a delay percentile (delay.p99_9) or slo.attainment (see
// Columns), or one of a service graph (service.NAME.SUFFIX,
// call.FROM.TO.SUFFIX) whatever its service names.
func Lookup(name string) (Metric, bool) {
	i, ok := byName[name]
	if !ok {
		if m, ok := lookupOptional(name); ok {
			return m, true
		}
		return lookupGraph(name)
	}
	return All[i], true
}

// Clip returns lo raised to Min and hi lowered to Max. NaN stays NaN.
func (m Metric) Clip(lo, hi float64) (float64, float64) {
	if lo < m.Min {
		lo = m.Min
	}
	if hi > m.Max {
		hi = m.Max
	}
	return lo, hi
}
