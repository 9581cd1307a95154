package experiments

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// readBaseline reads the baseline: mapping n, whose keys are swept paths
// (or case) and whose values are among theirs. It returns the value as
// written of each, by path, or nil.
func (l *loader) readBaseline(n *yaml.Node, sweep []Axis) map[string]string {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		l.fail(n, "baseline", "must be a mapping of swept paths (or case) to one of their values, e.g. {model.policy: sync}, got "+describe(n))
		return nil
	}
	out := map[string]string{}
	swept := make([]string, len(sweep))
	for i, a := range sweep {
		swept[i] = a.Path
	}
	for _, e := range l.entries(n, "baseline") {
		key := "baseline." + e.Name
		i := slices.Index(swept, e.Name)
		if i < 0 {
			why := "the sweep and cases set none"
			if len(swept) > 0 {
				why = "swept: " + keyList(swept) + didYouMean(e.Name, swept)
			}
			l.fail(e.Key, key, fmt.Sprintf("%s is not swept (%s); a baseline names a swept path or case and one of its values", show(e.Name), why))
			continue
		}
		v := resolve(e.Value)
		if v == nil || v.Kind != yaml.ScalarNode {
			l.fail(e.Key, key, "must be one of the values of "+e.Name+", got "+describe(v))
			continue
		}
		a := sweep[i]
		j := slices.IndexFunc(a.Values, func(x Value) bool { return x.Text == v.Value || x.Cell == v.Value })
		if j < 0 {
			texts := make([]string, len(a.Values))
			for k, x := range a.Values {
				texts[k] = x.Text
			}
			l.fail(v, key, fmt.Sprintf("%s is not a value of %s (its values: %s)", show(v.Value), e.Name, strings.Join(texts, ", ")))
			continue
		}
		out[e.Name] = a.Values[j].Text
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// baselinePoints returns, for every point of r, the index of its baseline
// point: the point with the same values on every axis but those of the
// baseline, which take the baseline's. It returns nil without a baseline.
// Points are the cartesian product of the axes, the last varying fastest.
func baselinePoints(r *resolved) []int {
	if len(r.Baseline) == 0 {
		return nil
	}
	fixed := make([]int, len(r.Sweep)) // the baseline's value on each axis, or -1
	for i, a := range r.Sweep {
		fixed[i] = -1
		if t, ok := r.Baseline[a.Path]; ok {
			fixed[i] = slices.Index(a.Values, t)
		}
	}
	out := make([]int, r.Points)
	for p := range out {
		rest, base, stride := p, 0, 1
		for i := len(r.Sweep) - 1; i >= 0; i-- {
			n := len(r.Sweep[i].Values)
			digit := rest % n
			rest /= n
			if fixed[i] >= 0 {
				digit = fixed[i]
			}
			base += digit * stride
			stride *= n
		}
		out[p] = base
	}
	return out
}

// diffHeader returns the paired-difference columns of summary.csv: for
// every metric M, M.diff, M.diff.lo and M.diff.hi.
func diffHeader(names []string) []string {
	h := make([]string, 0, 3*len(names))
	for _, m := range names {
		h = append(h, m+".diff", m+".diff.lo", m+".diff.hi")
	}
	return h
}

// diffCells returns the paired-difference cells of every record of recs
// (in order) against its baseline point: for every metric, the mean over
// replications of its value minus the baseline's in the same replication
// (which ran on the same random streams), and the 95% Student-t interval
// of that mean. A replication where either value is empty is left out.
// When the two points have different numbers of replications (a
// precision target stopped them at different counts), the replications
// both have are paired: 0 to the smaller count - 1.
// The cells are empty where the baseline point is not among recs (a
// shard that lacks it; merge fills them). Runs of records not in memory
// are read back from dir.
func diffCells(dir string, r *resolved, recs []*record, id recordID) ([][]string, error) {
	base := baselinePoints(r)
	names := append(slices.Clip(r.columns()), r.GraphMetrics...)
	first := 3 + len(r.Sweep) // the first metric cell of a runs.csv row
	values := func(rec *record) ([][]float64, error) {
		rows := rec.Runs
		if rows == nil {
			full, err := readBack(dir, rec, id)
			if err != nil {
				return nil, err
			}
			rows = full.Runs
		}
		out := make([][]float64, len(rows))
		for i, row := range rows {
			out[i] = make([]float64, len(names))
			for j := range names {
				out[i][j] = math.NaN()
				if v, err := strconv.ParseFloat(row[first+j], 64); err == nil {
					out[i][j] = v
				}
			}
		}
		return out, nil
	}
	byPoint := map[int]int{} // record index by point
	for i, rec := range recs {
		byPoint[rec.Point] = i
	}
	baseValues := map[int][][]float64{}
	for _, rec := range recs {
		b := base[rec.Point]
		if _, done := baseValues[b]; done {
			continue
		}
		if i, ok := byPoint[b]; ok {
			v, err := values(recs[i])
			if err != nil {
				return nil, err
			}
			baseValues[b] = v
		}
	}
	out := make([][]string, len(recs))
	var d []float64
	for i, rec := range recs {
		bv, ok := baseValues[base[rec.Point]]
		if !ok {
			out[i] = make([]string, 3*len(names))
			continue
		}
		v, err := values(rec)
		if err != nil {
			return nil, err
		}
		cells := make([]string, 0, 3*len(names))
		for j := range names {
			d = d[:0]
			for rep := range min(len(v), len(bv)) {
				d = append(d, v[rep][j]-bv[rep][j]) // NaN when either is
			}
			mean, lo, hi := interval(d)
			cells = append(cells, formatFloat(mean), formatFloat(lo), formatFloat(hi))
		}
		out[i] = cells
	}
	return out, nil
}
