package models

import (
	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/asyncsim/asyncsim/sim"
)

// Delays is the histogram of the delays of the successful requests of a
// run (the one delay.p50 … come from) with the largest of them, so that
// the summary of a sweep point can pool its replications: the percentiles
// of the merged histogram are those of all their requests together.
type Delays struct {
	h    *hdrhistogram.Histogram
	max  sim.Duration
	from *Reuse // where Release gives h back, nil for none
}

// NewDelays returns an empty Delays.
func NewDelays() *Delays {
	return &Delays{h: hdrhistogram.New(1, maxTracked, 2)}
}

// Merge adds the delays of o to d.
func (d *Delays) Merge(o *Delays) {
	d.h.Merge(o.h)
	d.max = max(d.max, o.max)
}

// Count returns the number of delays in d.
func (d *Delays) Count() int64 { return d.h.TotalCount() }

// Percentile returns the p-th percentile of d in seconds, as the run's
// delay percentiles are computed: NaN when d is empty.
func (d *Delays) Percentile(p float64) float64 {
	return quantile(d.h, p, d.max)
}

// Release gives the histogram of d back to the Reuse of the run that made
// it (Options.Reuse), for a later run to record into; without one it does
// nothing. d must not be used after, which makes it the caller's last use:
// the histogram is emptied by the run that takes it next.
func (d *Delays) Release() {
	if d.from != nil {
		d.from.keep(d.h)
		d.h, d.from = nil, nil
	}
}
