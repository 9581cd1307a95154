package experiments

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/models/theory"
)

// theoryPredict is theory.Predict; tests replace it.
var theoryPredict = theory.Predict

// replicationsColumn is the summary column of the number of replications
// a point ran: replications: as written, or where a precision target
// (replications: {min, max, until}) stopped it.
const replicationsColumn = "replications"

// theoryColumns are the closed-form predictions added to summary tables.
var theoryColumns = []string{"theory.delay.mean", "theory.throughput", "theory.reliability"}

// runsHeader returns the columns of runs.csv: the fixed metrics (fixed,
// see metrics.Columns), then those of a service graph (graph, see
// models.GraphMetricNames).
func runsHeader(swept, fixed, graph []string) []string {
	h := make([]string, 0, 3+len(swept)+len(fixed)+len(graph))
	h = append(append(h, "point", "replication", "seed"), swept...)
	return append(append(h, fixed...), graph...)
}

// summaryHeader returns the columns of summary.csv: the point, its swept
// values, its flags (see pointFlags) and its number of replications
// (replicationsColumn); for every metric M, the fixed
// ones then those of a service graph, its statColumns (M, M.lo, M.hi,
// M.min, M.max); then the theory columns.
func summaryHeader(swept, fixed, graph []string) []string {
	h := append(append([]string{"point"}, swept...), flagsColumn, replicationsColumn)
	for _, list := range [][]string{fixed, graph} {
		for _, m := range list {
			h = append(h, statColumns(m)...)
		}
	}
	return append(h, theoryColumns...)
}

// pointRows returns the runs.csv rows and the summary.csv row of point p
// from the metrics of its replications, in replication order. The delays
// of the replications (Metrics.Delays) are pooled: runPoints leaves them
// all merged in replication 0.
func pointRows(exp *Experiment, p *Point, runs []models.Metrics) (runRows [][]string, summary []string) {
	cells := make([]string, len(p.Values))
	for i, v := range p.Values {
		cells[i] = v.Cell
	}
	names := append(exp.Columns(), exp.GraphMetrics...)
	values := make([][]float64, len(runs))
	runRows = make([][]string, 0, len(runs))
	for r := range runs {
		if len(runs[r].Graph) != len(exp.GraphMetrics) {
			panic(fmt.Sprintf("experiments: point %d: the model returned %d metrics of its services and calls, want %d", p.Index, len(runs[r].Graph), len(exp.GraphMetrics)))
		}
		values[r] = append(runs[r].Row(), runs[r].Graph...)
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
	_, flags := pointFlags(exp, p, runs)
	summary = append(append([]string{strconv.Itoa(p.Index)}, cells...), flags, strconv.Itoa(len(runs)))
	col, trials := make([]float64, len(runs)), make([]float64, len(runs))
	pooled := pooledDelays(runs)
	for j := range names {
		mean, lo, hi := metricCells(names, j, values, pooled, col, trials)
		least, most := span(col)
		summary = append(summary, formatFloat(mean), formatFloat(lo), formatFloat(hi), formatFloat(least), formatFloat(most))
	}
	return runRows, append(summary, theoryCells(p.Model)...)
}

// metricCells returns the summary cells M, M.lo and M.hi of the metric
// names[j] from values, the row of every replication (one value per
// name), and pooled, the delays of all of them: the mean over the
// replications, or for a delay percentile the pooled one; the Student-t
// interval (centred on the pooled value for a delay percentile), or for a
// proportion Wilson's; clipped to the metric's range.
// col and trials are scratch of len(values); col is left holding the
// metric's values.
func metricCells(names []string, j int, values [][]float64, pooled *models.Delays, col, trials []float64) (mean, lo, hi float64) {
	name := names[j]
	for r := range values {
		col[r] = values[r][j]
	}
	mean, lo, hi = interval(col)
	if v, ok := pooled.Column(name); ok {
		mean = v
		lo, hi = centredInterval(mean, col)
	}
	if of := trialsColumn(name, names); of >= 0 {
		for r := range values {
			trials[r] = values[r][of]
		}
		lo, hi = proportionInterval(col, trials, lo, hi)
	}
	lo, hi = clip(name, lo, hi)
	return mean, lo, hi
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

// seriesHeader returns the columns of timeseries.csv: the run, the swept
// values, the window's start t, then the series columns.
func seriesHeader(swept, series []string) []string {
	h := make([]string, 0, 3+len(swept)+len(series))
	h = append(append(h, "point", "replication"), swept...)
	return append(append(h, "t"), series...)
}

// seriesSummaryHeader returns the columns of timeseries_summary.csv: the
// point, the swept values, t, then for every series column M its
// statColumns (M, M.lo, M.hi, M.min, M.max).
func seriesSummaryHeader(swept, series []string) []string {
	h := append(append([]string{"point"}, swept...), "t")
	for _, m := range series {
		h = append(h, statColumns(m)...)
	}
	return h
}

// pointSeries returns the timeseries.csv rows of point p (every run's
// windows, in replication then window order) and its
// timeseries_summary.csv rows (one per window), or nothing when the
// experiment records no time series. A window that only some
// replications reach (their drains ended at different times) is averaged
// over those that do.
func pointSeries(exp *Experiment, p *Point, runs []models.Metrics) (rows, summary [][]string) {
	if exp.Timeseries <= 0 {
		return nil, nil
	}
	names := exp.SeriesMetrics
	stride := 1 + len(names)
	cells := make([]string, len(p.Values))
	for i, v := range p.Values {
		cells[i] = v.Cell
	}
	windows := 0
	for r := range runs {
		s := runs[r].Series
		if len(s)%stride != 0 {
			panic(fmt.Sprintf("experiments: point %d: the model returned a time series of %d values, not rows of %d", p.Index, len(s), stride))
		}
		windows = max(windows, len(s)/stride)
		for w := 0; w < len(s)/stride; w++ {
			row := make([]string, 0, 2+len(cells)+stride)
			row = append(row, strconv.Itoa(p.Index), strconv.Itoa(r))
			row = append(row, cells...)
			for _, v := range s[w*stride : (w+1)*stride] {
				row = append(row, formatFloat(v))
			}
			rows = append(rows, row)
		}
	}
	col := make([]float64, 0, len(runs))
	for w := range windows {
		t := exp.Timeseries.Seconds() * float64(w)
		row := make([]string, 0, 2+len(cells)+5*len(names))
		row = append(append(append(row, strconv.Itoa(p.Index)), cells...), "")
		for j, name := range names {
			col = col[:0]
			for r := range runs {
				if s := runs[r].Series; (w+1)*stride <= len(s) {
					t = s[w*stride]
					col = append(col, s[w*stride+1+j])
				}
			}
			mean, lo, hi := interval(col)
			lo, hi = clipSeries(name, lo, hi)
			least, most := span(col)
			row = append(row, formatFloat(mean), formatFloat(lo), formatFloat(hi), formatFloat(least), formatFloat(most))
		}
		row[1+len(cells)] = formatFloat(t)
		summary = append(summary, row)
	}
	return rows, summary
}

// clipSeries clips the interval of a series column to the range of the
// metric of the same name, if there is one.
func clipSeries(name string, lo, hi float64) (float64, float64) {
	if m, ok := metrics.Lookup(name); ok {
		return m.Clip(lo, hi)
	}
	if lo < 0 {
		lo = 0 // every column of a time series is a count, a rate, a time or a mean of them
	}
	return lo, hi
}

// pooledDelays returns the delays of the successful requests of all the
// runs of a point together, with their parts and each service's: the
// percentile columns of its summary row (delay.p99, send.p99,
// service.NAME.delay.p99) are theirs (SPEC §11.1), not the mean of the
// runs' percentiles, which is biased low on short runs.
func pooledDelays(runs []models.Metrics) *models.Delays {
	if len(runs) > 0 && runs[0].Delays != nil && !slices.ContainsFunc(runs[1:], func(m models.Metrics) bool { return m.Delays != nil }) {
		return runs[0].Delays // those of runPoints, already pooled
	}
	d := models.NewDelays()
	for r := range runs {
		if runs[r].Delays != nil {
			d.Merge(runs[r].Delays)
		}
	}
	return d
}
