package models

import (
	"slices"

	"github.com/asyncsim/asyncsim/metrics"
)

// percentileMetrics fills in the delay percentiles of Options.Percentiles
// and the SLO attainment of Options.SLO, at the end of the run.
func (m *model) percentileMetrics(out *Metrics) {
	r := &m.rec
	if ps := m.opts.Percentiles; ps != nil {
		out.DelayPercentiles = make([]float64, len(ps))
		for i, p := range ps {
			out.DelayPercentiles[i] = quantile(r.delay, p, r.maxDelay)
		}
	}
	if m.opts.SLO > 0 {
		out.slo = true
		out.SLOAttainment = nan(float64(r.withinSLO)/float64(r.requests), r.requests)
	}
}

// delays returns the histograms of the run's percentile columns, which
// the run gives to its Metrics.Delays at its end: the recorder's and, in a
// graph, the delays of each service (see Delays).
func (m *model) delays() *Delays {
	r := &m.rec
	d := &Delays{from: m.opts.Reuse, parts: make([]delayPart, 4, 4+len(m.stations))}
	d.parts[0] = delayPart{"delay", r.delay, r.maxDelay}
	d.parts[1] = delayPart{"send", r.send, r.maxSend}
	d.parts[2] = delayPart{"receive", r.receive, r.maxRecv}
	d.parts[3] = delayPart{"process", r.process, r.maxProc}
	r.delay, r.send, r.receive, r.process = nil, nil, nil, nil
	if m.graph {
		for _, st := range m.stations {
			d.parts = append(d.parts, delayPart{"service." + st.name + ".delay", st.stats.delay, st.stats.maxDelay})
			st.stats.delay = nil
		}
	}
	return d
}

// Columns returns the names of the fixed columns of a run with opts, the
// order of Metrics.Row: metrics.Columns of its percentiles and SLO.
func Columns(opts Options) []string {
	return metrics.Columns(opts.Percentiles, opts.SLO > 0)
}

// firstPercentile and reliabilityAt are where Row puts the delay
// percentiles and the SLO attainment.
var (
	firstPercentile = slices.Index(MetricNames, metrics.PercentileName(metrics.DefaultPercentiles[0]))
	reliabilityAt   = slices.Index(MetricNames, "reliability")
)

// Row returns the values of the fixed columns of the run, in the order of
// Columns of its Options: Values with DelayPercentiles in place of
// delay.p50 … delay.p99 when the run had percentiles, and SLOAttainment
// after reliability when it had an SLO.
func (m *Metrics) Row() []float64 {
	v := m.Values()
	if m.DelayPercentiles != nil {
		v = slices.Replace(v, firstPercentile, firstPercentile+len(metrics.DefaultPercentiles), m.DelayPercentiles...)
	}
	if m.slo {
		v = slices.Insert(v, reliabilityAt+1, m.SLOAttainment)
	}
	return v
}
