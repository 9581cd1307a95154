package experiments

import (
	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/plots"
	"github.com/asyncsim/asyncsim/sim"
)

// Version is the version of asyncsim, recorded in every manifest.
const Version = "0.1.0"

// Kind is how the values of a swept path are reported in result tables.
type Kind int

// The kinds of swept values.
const (
	KindString   Kind = iota // a word as written (policy, dist, file), or a whole distribution as described
	KindDuration             // a duration, reported in seconds
	KindNumber               // a plain number
	KindInteger              // a whole number
)

// String returns the kind's name as written in summary.json.
func (k Kind) String() string {
	switch k {
	case KindDuration:
		return "duration"
	case KindNumber:
		return "number"
	case KindInteger:
		return "integer"
	default:
		return "string"
	}
}

// Value is one value of a swept path.
type Value struct {
	Text         string // as written in the file; a whole distribution as a flow mapping, "{dist: lognormal, mean: 10ms, cv: 4}"
	Cell         string // as reported in tables: durations in seconds, numbers in shortest form, distributions as "lognormal(mean=10ms, cv=4)"
	Line, Column int    // position in the file
}

// Axis is one swept path with its values in the order written.
type Axis struct {
	Path         string // dotted path, e.g. "model.clients.arrival.mean"
	Kind         Kind
	Values       []Value
	Line, Column int // position of the path in the file
}

// Point is one combination of swept values: the model of one sweep point.
type Point struct {
	Index  int
	Values []Value // one per axis of the sweep, in sweep order
	Model  models.Config
	// Case holds the run settings the point's case sets (cases: with
	// drain or warmup); nil for the experiment's. See Experiment.Run.
	Case *RunSettings
}

// RunSettings are settings of a run that a case may set instead of the
// experiment; a nil field is the experiment's.
type RunSettings struct {
	Drain      *sim.Duration
	Warmup     *sim.Duration // with WarmupAuto false
	WarmupAuto bool
}

// Run returns the drain, warm-up and warmup: auto of the runs of point
// p: the experiment's, or what its case sets.
func (e *Experiment) Run(p int) (drain, warmup sim.Duration, auto bool) {
	drain, warmup, auto = e.Drain, e.Warmup, e.WarmupAuto
	c := e.Points[p].Case
	if c == nil {
		return
	}
	if c.Drain != nil {
		drain = *c.Drain
	}
	if c.WarmupAuto {
		warmup, auto = 0, true
	} else if c.Warmup != nil {
		warmup, auto = *c.Warmup, false
	}
	return
}

// Experiment is a loaded and checked experiment file. Points is the
// cartesian product of the sweep in the order written, the last path
// varying fastest; with no sweep it holds one point, the model as written.
type Experiment struct {
	File        string // path as given to Load
	SHA256      string // hex digest of the file's bytes
	Name        string
	Description string
	Seed        uint64
	// Replications is the number of replications of every point, or
	// with a precision target the fewest (its Min).
	Replications int
	// Precision is the precision target of replications: {min, max,
	// until}, nil for a fixed number.
	Precision *Precision
	Horizon   sim.Duration
	Warmup    sim.Duration
	// WarmupAuto (warmup: auto) chooses the warm-up of every run by
	// MSER-5 (mser.go); Warmup is then 0.
	WarmupAuto bool
	// Timeseries is the window of the time series (timeseries.csv), 0
	// for none.
	Timeseries sim.Duration
	// Drain is how long a run goes on after the horizon for the requests
	// of the window to get their outcome: models.DrainAuto, 0 or a
	// duration (defaultDrain when the file has no drain:).
	Drain sim.Duration
	// Percentiles are the delay percentiles of the file's percentiles:,
	// nil without one (metrics.DefaultPercentiles); SLO is its slo:, 0
	// for none. Both name fixed columns (see Columns).
	Percentiles []float64
	SLO         sim.Duration
	Sweep       []Axis
	Points      []Point
	// Baseline maps swept paths (or case) to a value as written: every
	// point is compared with the point that has these values and its
	// own on the other axes (summary.csv's M.diff columns). nil for none.
	Baseline map[string]string
	// GraphMetrics are the columns of the metrics of every service and
	// call of a service graph (models.GraphMetricNames), the same at
	// every point; none for a model without services.
	GraphMetrics []string
	// SeriesMetrics are the columns of timeseries.csv after t
	// (models.SeriesNames), the same at every point; none without
	// timeseries.
	SeriesMetrics []string
	// Charts are the charts to draw: those of the file, the defaults of
	// plots.DefaultSpecs when the file has none, nothing for charts: [].
	Charts []plots.Spec
	// Warnings are problems that leave the run meaningful but suspicious:
	// one for each point whose offered load is at or above capacity with
	// nothing bounding the backlog. Their shared explanation is in Note.
	Warnings []*Error
}

// Swept returns the swept paths in sweep order.
func (e *Experiment) Swept() []string {
	out := make([]string, len(e.Sweep))
	for i, a := range e.Sweep {
		out[i] = a.Path
	}
	return out
}

// Columns returns the fixed metric columns of the experiment's tables,
// before those of a service graph: metrics.Columns of its percentiles and
// SLO.
func (e *Experiment) Columns() []string {
	return metrics.Columns(e.Percentiles, e.SLO > 0)
}

// Runs returns the number of runs of the experiment: points ×
// replications; with a precision target, the fewest it can have.
func (e *Experiment) Runs() int { return len(e.Points) * e.Replications }

// longestDrain returns the longest drain of any point: the experiment's,
// or a case's.
func (e *Experiment) longestDrain() sim.Duration {
	d := e.Drain
	for i := range e.Points {
		if c := e.Points[i].Case; c != nil && c.Drain != nil && maxDrain(e.Horizon, *c.Drain) > maxDrain(e.Horizon, d) {
			d = *c.Drain
		}
	}
	return d
}
