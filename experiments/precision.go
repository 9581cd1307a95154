package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/asyncsim/asyncsim/models"
)

// Precision is a precision target for the replications of every point,
// replications: {min, max, until: {metric, relative}}. A point runs Min
// replications, then batches of Batch() more, until the 95% interval of
// Metric over its replications has a half-width of at most Relative × |its
// value| or it has Max. The decision to add a batch depends only on the
// point's own replications 0 to n-1, all finished, so the count of every
// point is the same whatever the order the runs finish in.
type Precision struct {
	Min, Max int
	Metric   string  // a column of the experiment: a fixed metric or one of its graph's
	Relative float64 // > 0
}

// Batch returns how many replications are added at a time: Min, so that
// a point's count is Min, 2·Min, 3·Min, ... or Max.
func (pt *Precision) Batch() int { return pt.Min }

// next returns how many replications a point that has finished n (as
// planned) runs next: 0 when it is done, because runs, the metrics of its
// replications 0 to n-1 with their delays pooled in pooled, meet the
// target or n is Max.
func (pt *Precision) next(exp *Experiment, runs []models.Metrics, pooled *models.Delays) int {
	n := len(runs)
	if n >= pt.Max || pt.precise(exp, runs, pooled) {
		return 0
	}
	return min(pt.Batch(), pt.Max-n)
}

// impreciseReason says how far from the target the replications runs
// of a point stopped at Max are, or returns "" when they meet it or
// stopped before Max (so met it). The delays of runs are pooled in
// replication 0, as runPoints leaves them.
func (pt *Precision) impreciseReason(exp *Experiment, runs []models.Metrics) string {
	if len(runs) < pt.Max {
		return ""
	}
	mean, half, ok := pt.halfWidth(exp, runs, pooledDelays(runs))
	if ok {
		return ""
	}
	return fmt.Sprintf("after the max of %d replications the 95%% interval of %s is ±%.3g (%s of %.3g), wider than the ±%g%% of until: its figures are less precise than asked; raise max or lengthen the runs",
		pt.Max, pt.Metric, half, relativeText(half, mean), mean, 100*pt.Relative)
}

// relativeText returns half as a percentage of |mean|, "±3.5%", or "an
// undefined share" when mean is 0 or NaN.
func relativeText(half, mean float64) string {
	r := 100 * half / math.Abs(mean)
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return "an undefined share"
	}
	return fmt.Sprintf("±%.2g%%", r)
}

// precise reports whether runs meet the target: the half-width
// (M.hi − M.lo)/2 of the interval of the metric M that summary.csv would
// show for them is at most Relative × |M|. An interval that cannot be
// computed (M is NaN: no replication measured it) is not precise.
func (pt *Precision) precise(exp *Experiment, runs []models.Metrics, pooled *models.Delays) bool {
	_, _, ok := pt.halfWidth(exp, runs, pooled)
	return ok
}

// halfWidth returns the metric's value M over runs and the half-width
// (M.hi − M.lo)/2 of its interval, as summary.csv shows them, and whether
// they meet the target.
func (pt *Precision) halfWidth(exp *Experiment, runs []models.Metrics, pooled *models.Delays) (mean, half float64, ok bool) {
	names := append(exp.Columns(), exp.GraphMetrics...)
	j := slices.Index(names, pt.Metric)
	if j < 0 {
		panic("experiments: the precision target's metric " + pt.Metric + " is not a column") // Load checks it
	}
	values := make([][]float64, len(runs))
	for r := range runs {
		values[r] = append(runs[r].Row(), runs[r].Graph...)
	}
	if pooled == nil {
		pooled = models.NewDelays()
	}
	mean, lo, hi := metricCells(names, j, values, pooled, make([]float64, len(runs)), make([]float64, len(runs)))
	half = (hi - lo) / 2
	return mean, half, half <= pt.Relative*math.Abs(mean)
}

// MaxReplications returns the most replications a point can have:
// Replications, or the precision target's Max.
func (e *Experiment) MaxReplications() int {
	if e.Precision != nil {
		return e.Precision.Max
	}
	return e.Replications
}

// DescribeRuns says how many runs the experiment has, "12 points × 5
// replications = 60 runs", or with a precision target "12 points × 5 to
// 200 replications = 60 to 2400 runs".
func (e *Experiment) DescribeRuns() string {
	if e.Precision == nil {
		return fmt.Sprintf("%d points × %d replications = %d runs", len(e.Points), e.Replications, e.Runs())
	}
	return fmt.Sprintf("%d points × %d to %d replications = %d to %d runs", len(e.Points), e.Replications, e.Precision.Max,
		e.Runs(), len(e.Points)*e.Precision.Max)
}

// resolvedReplications is replications: as recorded in summary.json and
// manifest.json: a number, as written, or with a precision target
// {"min", "max", "batch", "until": {"metric", "relative"}}.
type resolvedReplications struct {
	N         int        // the replications, or the target's Min
	Precision *Precision // nil for a number
}

// precisionJSON is the JSON form of a precision target.
type precisionJSON struct {
	Min   int `json:"min"`
	Max   int `json:"max"`
	Batch int `json:"batch"`
	Until struct {
		Metric   string  `json:"metric"`
		Relative float64 `json:"relative"`
	} `json:"until"`
}

// most returns the most replications a point can have.
func (r resolvedReplications) most() int {
	if r.Precision != nil {
		return r.Precision.Max
	}
	return r.N
}

// allows reports whether a point may have n replications: N, or with a
// precision target min, min + batch, ... up to max, or max.
func (r resolvedReplications) allows(n int) bool {
	pt := r.Precision
	if pt == nil {
		return n == r.N
	}
	return n == pt.Max || n >= pt.Min && n < pt.Max && (n-pt.Min)%pt.Batch() == 0
}

func (r resolvedReplications) MarshalJSON() ([]byte, error) {
	if r.Precision == nil {
		return json.Marshal(r.N)
	}
	pt := r.Precision
	j := precisionJSON{Min: pt.Min, Max: pt.Max, Batch: pt.Batch()}
	j.Until.Metric, j.Until.Relative = pt.Metric, pt.Relative
	return json.Marshal(j)
}

func (r *resolvedReplications) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &r.N); err == nil {
		r.Precision = nil
		return nil
	}
	var j precisionJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	if j.Min < 2 || j.Max < j.Min || j.Batch != j.Min || !(j.Until.Relative > 0) || j.Until.Metric == "" {
		return fmt.Errorf("replications %s is not a precision target asyncsim writes", data)
	}
	r.N, r.Precision = j.Min, &Precision{Min: j.Min, Max: j.Max, Metric: j.Until.Metric, Relative: j.Until.Relative}
	return nil
}
