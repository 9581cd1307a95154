package models

import (
	"math"

	"github.com/asyncsim/asyncsim/metrics"
)

// Metrics are the results of one run, named as in the experiment format.
// Request counts cover requests created at or after the warm-up time;
// time-weighted figures cover [warmup, horizon]. Delays are in seconds.
// A figure with nothing to measure (the delay of zero successful requests)
// is NaN.
type Metrics struct {
	Requests, Succeeded, Failed, InFlight float64
	Throughput, Reliability               float64

	DelayMean, DelayP50, DelayP90, DelayP95, DelayP99, DelayMax float64
	SendMean, ReceiveMean, ProcessMean                          float64
	SendP99, ReceiveP99, ProcessP99                             float64

	Attempts, Amplification, Retries, Timeouts, Lost, Rejected, Errors float64
	Late, Duplicates, DeadLetters                                      float64

	ShortCircuited, Hedges, Expired, Shed, RateLimited, Ejections float64
	BudgetExhausted, Fallbacks                                    float64

	ServerUtilization, ServerQueueMean, ClientUtilization float64

	// Warmup is the start of the window, in seconds: the warm-up the run
	// was given.
	Warmup float64
	// DelayPercentiles are the delay percentiles of Options.Percentiles,
	// in its order; nil without them.
	DelayPercentiles []float64
	// SLOAttainment is the share of requests that succeeded within
	// Options.SLO (NaN without requests); without an SLO it is 0 and
	// not a column (see Row).
	SLOAttainment float64
	// Delays holds the delays of the run's successful requests, which
	// the summary of a sweep point pools over its replications.
	Delays *Delays
	// slo reports whether the run had an SLO (SLOAttainment is a column).
	slo bool

	// Completions counts successful completions inside the window, whatever
	// the creation time of their request: Throughput × window. It is not
	// an output column.
	Completions float64

	// WorkMid and WorkEnd are the work in the system (see model.work) at
	// the middle of the window [warmup, horizon] and at the horizon, so
	// that a run whose backlog still grows can be told from one in a
	// steady state. They are not output columns.
	WorkMid, WorkEnd float64

	// Graph holds the per-service and per-hop metrics of a service graph
	// in the order of GraphMetricNames; nil for a one-tier model.
	Graph []float64

	// Series holds the time series of a run recorded with
	// Options.Window: one row per window, each the window's start in
	// seconds then the values named by SeriesNames, rows one after the
	// other (stride 1 + len(SeriesNames)). Nil without a window.
	Series []float64
}

// MetricNames lists the output metrics in their fixed column order, the
// order of the table of package metrics; Values follows it.
var MetricNames = metrics.Names()

// Values returns the metrics in the order of MetricNames.
func (m *Metrics) Values() []float64 {
	return []float64{
		m.Requests, m.Succeeded, m.Failed, m.InFlight,
		m.Throughput, m.Reliability,
		m.DelayMean, m.DelayP50, m.DelayP90, m.DelayP95, m.DelayP99, m.DelayMax,
		m.SendMean, m.ReceiveMean, m.ProcessMean,
		m.SendP99, m.ReceiveP99, m.ProcessP99,
		m.Attempts, m.Amplification, m.Retries, m.Timeouts, m.Lost, m.Rejected, m.Errors,
		m.Late, m.Duplicates, m.DeadLetters,
		m.ShortCircuited, m.Hedges, m.Expired, m.Shed, m.RateLimited, m.Ejections,
		m.BudgetExhausted, m.Fallbacks,
		m.ServerUtilization, m.ServerQueueMean, m.ClientUtilization,
		m.Warmup,
	}
}

// Value returns the metric called name, and whether that name exists.
func (m *Metrics) Value(name string) (float64, bool) {
	for i, n := range MetricNames {
		if n == name {
			return m.Values()[i], true
		}
	}
	return math.NaN(), false
}
