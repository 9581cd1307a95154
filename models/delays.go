package models

import (
	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/sim"
)

// Delays holds the histograms a run's percentile columns come from, with
// the largest value of each, so that the summary of a sweep point can pool
// its replications: the percentiles of the merged histograms are those of
// all their requests together. They are, in this order, the delays of the
// successful requests (delay.p50 …), their send, receive and process parts
// (send.p99 …), and in a service graph the delays of each service
// (service.NAME.delay.p99).
type Delays struct {
	parts []delayPart
	from  *Reuse // where Release gives the histograms back, nil for none
}

// delayPart is one histogram of Delays and the column prefix of its
// percentiles ("delay", "send", "service.db.delay").
type delayPart struct {
	name string
	h    *hist
	max  sim.Duration
}

// NewDelays returns an empty Delays, which takes its shape from the first
// Delays merged into it.
func NewDelays() *Delays { return &Delays{} }

// Merge adds the values of o to d. Both are of runs of one model: they
// have the same histograms.
func (d *Delays) Merge(o *Delays) {
	if len(d.parts) == 0 {
		d.parts = make([]delayPart, len(o.parts))
		for i, p := range o.parts {
			d.parts[i] = delayPart{name: p.name, h: d.from.histogram()}
		}
	}
	for i := range o.parts {
		d.parts[i].h.merge(o.parts[i].h)
		d.parts[i].max = max(d.parts[i].max, o.parts[i].max)
	}
}

// Count returns the number of delays of successful requests in d.
func (d *Delays) Count() int64 {
	if len(d.parts) == 0 {
		return 0
	}
	return d.parts[0].h.total
}

// Percentile returns the p-th percentile of the delays of d in seconds,
// as the run's delay percentiles are computed: NaN when d is empty.
func (d *Delays) Percentile(p float64) float64 {
	v, _ := d.Column(metrics.PercentileName(p))
	return v
}

// Column returns the value of the percentile column name (delay.p99_9,
// send.p99, service.db.delay.p99) over the values of d, computed as a
// run's, and whether d has the histogram it comes from.
func (d *Delays) Column(name string) (float64, bool) {
	prefix, q, ok := metrics.ParsePercentileColumn(name)
	if !ok {
		return 0, false
	}
	for _, p := range d.parts {
		if p.name == prefix {
			return quantile(p.h, q, p.max), true
		}
	}
	return 0, false
}

// Release gives the histograms of d back to the Reuse of the run that made
// them (Options.Reuse), for a later run to record into; without one it
// does nothing. d must not be used after, which makes it the caller's last
// use: a histogram is emptied by the run that takes it next.
func (d *Delays) Release() {
	if d.from != nil {
		for _, p := range d.parts {
			d.from.keep(p.h)
		}
		d.parts, d.from = nil, nil
	}
}
