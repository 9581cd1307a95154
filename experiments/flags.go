package experiments

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/plots"
)

// The flags of a sweep point (the flags column of summary.csv) and the
// kinds of warnings, which --no-warn names.
const (
	// FlagBimodal: the replications split into two groups, some collapsed
	// and some not, so that their mean and interval describe no run.
	FlagBimodal = "bimodal"
	// FlagGrowing: the work in the system still grows at the end of the
	// window, so the runs are not in a steady state.
	FlagGrowing = "growing"
	// FlagShort: the window is shorter than about a hundred relaxation
	// times of the busiest station.
	FlagShort = "short"
	// FlagImprecise: a precision target (replications: {until: ...})
	// stopped the point at its max with the interval still wider than
	// the target.
	FlagImprecise = "imprecise"
	// WarnOverload is the kind of the warnings of Load about offered load
	// at or above capacity (also with retries).
	WarnOverload = "overload"
)

// WarningKinds lists the kinds of warnings, in the order flags are
// written.
var WarningKinds = []string{WarnOverload, FlagBimodal, FlagGrowing, FlagShort, FlagImprecise}

// flagsColumn is the summary column of a point's flags: "" when none,
// else the flags joined by "+" in the order of WarningKinds.
const flagsColumn = plots.FlagsColumn

// PointWarning is one flag of a sweep point and why it was raised.
type PointWarning struct {
	Point  int    `json:"point"`
	Values string `json:"values,omitempty"` // "path=value, ..." of a swept point
	Kind   string `json:"kind"`             // FlagBimodal, FlagGrowing, FlagShort or FlagImprecise
	Msg    string `json:"msg"`
}

// String returns "point 3 (model.x=1): bimodal: ...".
func (w PointWarning) String() string {
	at := "point " + strconv.Itoa(w.Point)
	if w.Values != "" {
		at += " (" + w.Values + ")"
	}
	return at + ": " + w.Kind + ": " + w.Msg
}

// pointFlags returns the flags of point p of exp from the metrics of its
// replications: the warnings, one per flag, in the order of
// WarningKinds, and the cell of the flags column.
func pointFlags(exp *Experiment, p *Point, runs []models.Metrics) ([]PointWarning, string) {
	var ws []PointWarning
	add := func(kind, msg string) {
		if msg != "" {
			ws = append(ws, PointWarning{Point: p.Index, Values: describePoint(exp.Sweep, *p), Kind: kind, Msg: msg})
		}
	}
	add(FlagBimodal, bimodalReason(runs))
	add(FlagGrowing, growingReason(runs))
	add(FlagShort, shortReason(&p.Model, exp.Horizon.Seconds(), pointWarmup(exp, p, runs)))
	if pt := exp.Precision; pt != nil {
		add(FlagImprecise, pt.impreciseReason(exp, runs))
	}
	kinds := make([]string, len(ws))
	for i, w := range ws {
		kinds[i] = w.Kind
	}
	return ws, strings.Join(kinds, "+")
}

// bimodalReason says how the replications split in throughput or
// reliability (see bimodal), or returns "".
func bimodalReason(runs []models.Metrics) string {
	for _, m := range []struct {
		name string
		get  func(*models.Metrics) float64
	}{
		{"throughput", func(m *models.Metrics) float64 { return m.Throughput }},
		{"reliability", func(m *models.Metrics) float64 { return m.Reliability }},
	} {
		vs := make([]float64, len(runs))
		for i := range runs {
			vs[i] = m.get(&runs[i])
		}
		s := bimodal(vs)
		if !s.significant {
			continue
		}
		return fmt.Sprintf("%s splits into %s near %s and %s near %s, %s apart: some runs collapsed, some did not, and the mean describes none of them; compare the runs in runs.csv",
			m.name, groupRuns(s.low), num(s.lowMean), groupRuns(s.high), num(s.highMean), ratioText(s.ratio))
	}
	return ""
}

// groupRuns returns "replications 0, 3" for a group of replications.
func groupRuns(rs []int) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = strconv.Itoa(r)
	}
	return "replications " + strings.Join(parts, ", ")
}

// ratioText describes the gap statistic of a split.
func ratioText(r float64) string {
	if math.IsInf(r, 1) {
		return "with no spread within either"
	}
	return fmt.Sprintf("%.3g within-group standard deviations", r)
}

// Growth thresholds: see growingReason.
const (
	// growingShare is the growth of the work over the second half of the
	// window, as a share of the requests of that half, above which a
	// point's runs are growing.
	growingShare = 0.01
	// growingShareOne is growingShare for a point of one replication,
	// which has no interval to tell growth from noise.
	growingShareOne = 0.05
)

// growingReason says how the work in the system (models.Metrics.WorkMid,
// WorkEnd: requests of the window without an outcome plus attempts
// waiting at the servers and brokers) grew over the second half of the
// window, or returns "" when the runs look steady. A point is growing
// when the work at the horizon exceeds the work at the middle of the
// window by at least growingShare of the requests created in that half
// (the share of the load that was not served), on average over the
// replications, and the 95% interval of the growth lies above 0; with one
// replication, by growingShareOne. In a steady state the work at two
// instants far apart has the same distribution, so the growth averages 0.
func growingReason(runs []models.Metrics) string {
	if len(runs) == 0 {
		return ""
	}
	growth := make([]float64, len(runs))
	mid, end, requests := 0.0, 0.0, 0.0
	for i := range runs {
		growth[i] = runs[i].WorkEnd - runs[i].WorkMid
		mid += runs[i].WorkMid
		end += runs[i].WorkEnd
		requests += runs[i].Requests
	}
	n := float64(len(runs))
	mid, end, requests = mid/n, end/n, requests/n
	half := requests / 2 // created in the second half of the window
	g, lo, _ := interval(growth)
	if !(half > 0) || !(g > 0) {
		return ""
	}
	share := growingShare
	if len(runs) == 1 {
		share = growingShareOne
	} else if !(lo > 0) {
		return ""
	}
	if g < share*half {
		return ""
	}
	return fmt.Sprintf("the work in the system (requests without an outcome and attempts waiting) grew from %s at the middle of the window to %s at its end, by %s%% of the requests of that half: the runs are not in a steady state, and their figures depend on the horizon",
		num(mid), num(end), num(roundSig(100*g/half, 2)))
}

// pointWarmup returns the warm-up of the runs of point p in seconds: the
// experiment's or its case's, or with warmup: auto the longest that
// MSER-5 chose for one of its runs (the shortest window).
func pointWarmup(exp *Experiment, p *Point, runs []models.Metrics) float64 {
	_, warmup, auto := exp.Run(p.Index)
	if !auto {
		return warmup.Seconds()
	}
	w := 0.0
	for i := range runs {
		if runs[i].Warmup > w {
			w = runs[i].Warmup
		}
	}
	return w
}
