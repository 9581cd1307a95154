package experiments

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/models/theory"
)

// theoryPredict is theory.Predict; tests replace it.
var theoryPredict = theory.Predict

// theoryColumns are the closed-form predictions added to summary tables.
var theoryColumns = []string{"theory.delay.mean", "theory.throughput", "theory.reliability"}

// runsHeader returns the columns of runs.csv: the fixed metrics, then
// those of a service graph (graph, see models.GraphMetricNames).
func runsHeader(swept, graph []string) []string {
	h := make([]string, 0, 3+len(swept)+len(models.MetricNames)+len(graph))
	h = append(append(h, "point", "replication", "seed"), swept...)
	return append(append(h, models.MetricNames...), graph...)
}

// summaryHeader returns the columns of summary.csv: for every metric M,
// the fixed ones then those of a service graph, its mean M and interval
// bounds M.lo and M.hi; then the theory columns.
func summaryHeader(swept, graph []string) []string {
	h := append([]string{"point"}, swept...)
	for _, list := range [][]string{models.MetricNames, graph} {
		for _, m := range list {
			h = append(h, m, m+".lo", m+".hi")
		}
	}
	return append(h, theoryColumns...)
}

// pointRows returns the runs.csv rows and the summary.csv row of point p
// from the metrics of its replications, in replication order.
func pointRows(exp *Experiment, p *Point, runs []models.Metrics) (runRows [][]string, summary []string) {
	cells := make([]string, len(p.Values))
	for i, v := range p.Values {
		cells[i] = v.Cell
	}
	names := append(slices.Clip(models.MetricNames), exp.GraphMetrics...)
	values := make([][]float64, len(runs))
	runRows = make([][]string, 0, len(runs))
	for r := range runs {
		if len(runs[r].Graph) != len(exp.GraphMetrics) {
			panic(fmt.Sprintf("experiments: point %d: the model returned %d metrics of its services and calls, want %d", p.Index, len(runs[r].Graph), len(exp.GraphMetrics)))
		}
		values[r] = append(runs[r].Values(), runs[r].Graph...)
		// Sized exactly: the rows of every run stay in memory until the
		// tables are written, and append would leave up to half of each
		// spare.
		row := make([]string, 0, 3+len(cells)+len(values[r]))
		row = append(row, strconv.Itoa(p.Index), strconv.Itoa(r), strconv.FormatUint(RunSeed(exp.Seed, r), 10))
		row = append(row, cells...)
		for _, v := range values[r] {
			row = append(row, formatFloat(v))
		}
		runRows = append(runRows, row)
	}
	summary = append([]string{strconv.Itoa(p.Index)}, cells...)
	col := make([]float64, len(runs))
	for j, name := range names {
		for r := range runs {
			col[r] = values[r][j]
		}
		mean, lo, hi := interval(col)
		lo, hi = clip(name, lo, hi)
		summary = append(summary, formatFloat(mean), formatFloat(lo), formatFloat(hi))
	}
	return runRows, append(summary, theoryCells(p.Model)...)
}

// theoryCells returns the theory columns of a model: empty when no closed
// form applies or it does not give the figure. A panic of the theory
// package is a bug and is not recovered here: it must surface, not turn
// into an empty column.
func theoryCells(c models.Config) []string {
	pred, ok, _ := theoryPredict(c)
	if !ok {
		return make([]string, len(theoryColumns))
	}
	return []string{formatFloat(pred.DelayMean), formatFloat(pred.Throughput), formatFloat(pred.Reliability)}
}
