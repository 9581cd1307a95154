package plots

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// frame is a read-only view of a Table with columns found by name.
type frame struct {
	t     Table
	cols  []string
	index map[string]int
	rows  int
}

// newFrame checks that t has columns and rows.
func newFrame(t Table) (*frame, error) {
	if t == nil {
		return nil, errors.New("no summary table")
	}
	f := &frame{t: t, cols: t.Columns(), rows: t.Len(), index: map[string]int{}}
	if len(f.cols) == 0 {
		return nil, errors.New("summary table has no columns")
	}
	if f.rows == 0 {
		return nil, errors.New("summary table has no rows")
	}
	for i, c := range f.cols {
		if _, dup := f.index[c]; !dup {
			f.index[c] = i
		}
	}
	return f, nil
}

// col returns the index of column name, or an error naming it.
func (f *frame) col(name string) (int, error) {
	i, ok := f.index[name]
	if !ok {
		return 0, fmt.Errorf("summary table has no column %q", name)
	}
	return i, nil
}

// has reports whether the table has column name.
func (f *frame) has(name string) bool {
	_, ok := f.index[name]
	return ok
}

// text returns the trimmed text of a cell.
func (f *frame) text(row, col int) string {
	return strings.TrimSpace(f.t.Cell(row, col))
}

// num returns the number in a cell. ok is false for an empty cell and for
// NaN, infinite values and values beyond ±maxDrawable, which stand for
// missing values too; text that is not a number is an error naming the
// column and the row.
func (f *frame) num(row, col int) (v float64, ok bool, err error) {
	s := f.text(row, col)
	if s == "" {
		return 0, false, nil
	}
	v, err = strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false, fmt.Errorf("column %q, row %d: %q is not a number", f.cols[col], row+1, s)
	}
	if math.IsNaN(v) || math.Abs(v) > maxDrawable {
		return 0, false, nil
	}
	return v, true, nil
}

// maxDrawable is the largest magnitude drawn; larger values (and
// infinities) are left out like NaN. No metric comes near it, and the sums,
// ranges and headroom of larger values would overflow to infinite axes.
const maxDrawable = math.MaxFloat64 / 16

// numbers returns the cells of column name as numbers and whether each is
// present; for a ratio of two metrics (RatioParts), their quotient.
func (f *frame) numbers(name string) ([]float64, []bool, error) {
	if num, den, ok := RatioParts(name); ok {
		return f.ratioNumbers(num, den)
	}
	c, err := f.col(name)
	if err != nil {
		return nil, nil, err
	}
	vs, ok := make([]float64, f.rows), make([]bool, f.rows)
	for r := range f.rows {
		if vs[r], ok[r], err = f.num(r, c); err != nil {
			return nil, nil, err
		}
	}
	return vs, ok, nil
}

// FlagsColumn is the column of summary.csv that holds a point's flags
// (bimodal, growing, short): it follows the swept columns and is not one.
const FlagsColumn = "flags"

// FlagBimodal is the flag of a point whose replications disagree beyond
// chance (some collapsed, some did not): its mean is a value no run
// produced, and charts draw the spread of its replications.
const FlagBimodal = "bimodal"

// flagged reports, row by row, whether the flags column holds flag
// (flags are joined by "+": "bimodal+short"); all false without one.
func (f *frame) flagged(flag string) []bool {
	out := make([]bool, f.rows)
	c, ok := f.index[FlagsColumn]
	if !ok {
		return out
	}
	for r := range f.rows {
		out[r] = slices.Contains(strings.Split(f.text(r, c), "+"), flag)
	}
	return out
}

// ReplicationsColumn is the column of summary.csv that holds the number
// of replications of each point, which a precision target
// (replications: {until: ...}) makes differ from point to point.
const ReplicationsColumn = "replications"

// replicationCounts returns m with the replications of the table's
// points: when its replications column holds whole numbers that differ,
// Replications the most and fewest the fewest; otherwise m unchanged.
func (f *frame) replicationCounts(m Meta) Meta {
	c, ok := f.index[ReplicationsColumn]
	if !ok {
		return m
	}
	lo, hi := 0, 0
	for r := range f.rows {
		n, err := strconv.Atoi(f.text(r, c))
		if err != nil || n < 1 {
			return m
		}
		if r == 0 || n < lo {
			lo = n
		}
		hi = max(hi, n)
	}
	if lo != hi {
		m.Replications, m.fewest = hi, lo
	}
	return m
}

// swept returns the swept columns: those after "point" (or from the first
// column, when there is none) up to the flags or the first metric column. A column
// counts as a metric when it is a known metric, an interval or theory
// column, or has an interval column of its own (a metric this package does
// not know yet), so that an unknown metric is never taken for a swept path.
func (f *frame) swept() []string {
	start := 0
	if i, ok := f.index["point"]; ok {
		start = i + 1
	}
	var s []string
	for _, c := range f.cols[start:] {
		if c == FlagsColumn || isMetricColumn(c) || f.has(c+".lo") {
			break
		}
		s = append(s, c)
	}
	return s
}

// axisValues are the positions of the rows along a swept path.
type axisValues struct {
	pos   []float64 // position of each row
	ok    []bool    // whether the row has a value
	cats  []string  // labels of positions 0, 1, ... when categorical
	unit  unit      // display unit of durations, else noUnit
	label string    // axis label
}

// categorical reports whether the values are names at positions 0, 1, ...
func (a *axisValues) categorical() bool { return a.cats != nil }

// axis reads column name. Numbers are shown in a time unit when m says the
// column holds durations; text makes categories in order of appearance, as
// do numbers when asCategories is set (in ascending order then).
func (f *frame) axis(name string, m Meta, asCategories bool) (*axisValues, error) {
	c, err := f.col(name)
	if err != nil {
		return nil, err
	}
	a := &axisValues{pos: make([]float64, f.rows), ok: make([]bool, f.rows), unit: noUnit, label: name}
	numeric, maxAbs := true, 0.0
	for r := range f.rows {
		s := f.text(r, c)
		if s == "" {
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			numeric = false
			continue
		}
		a.pos[r], a.ok[r] = v, true
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	if numeric && m.Durations[name] {
		a.unit = timeUnit(maxAbs)
		a.label = name + " (" + a.unit.name + ")"
		for r := range a.pos {
			a.pos[r] *= a.unit.scale
		}
	} else if numeric && strings.HasSuffix(name, ".rate") {
		a.label = name + " (per second)" // distribution rates are events per second
	}
	if !numeric {
		a.cats = []string{}
		where := map[string]int{}
		cells := make([]string, f.rows)
		for r := range f.rows {
			cells[r] = f.text(r, c)
		}
		shown, _ := shortDistLabels(cells)
		for r := range f.rows {
			s := f.text(r, c)
			a.ok[r] = s != ""
			if !a.ok[r] {
				continue
			}
			i, seen := where[s]
			if !seen {
				i = len(a.cats)
				where[s] = i
				a.cats = append(a.cats, shown[r])
			}
			a.pos[r] = float64(i)
		}
	} else if asCategories {
		// Sorted, then indexed by a map: n log n (a search of the list
		// for every row was quadratic in the points).
		var distinct []float64
		for r := range f.rows {
			if a.ok[r] {
				distinct = append(distinct, a.pos[r])
			}
		}
		slices.Sort(distinct)
		distinct = slices.Compact(distinct)
		a.cats = make([]string, len(distinct))
		index := make(map[float64]int, len(distinct))
		for i, v := range distinct {
			a.cats[i] = formatNum(v)
			index[v] = i
		}
		for r := range f.rows {
			if a.ok[r] {
				a.pos[r] = float64(index[a.pos[r]])
			}
		}
	}
	if len(a.cats) == 0 && a.categorical() || !slices.Contains(a.ok, true) {
		return nil, fmt.Errorf("column %q has no values", name)
	}
	return a, nil
}

// group is the rows drawn as one line or one set of bars.
type group struct {
	label string // legend or tick text; empty for the only group
	title string // label with every value named: "policy=sync"
	rows  []int
}

// groups splits the rows by the value of the series column and of every
// other swept column, except x, whose values vary, in order of appearance.
// Durations are labelled with their unit ("20 ms").
func (f *frame) groups(x, series string, m Meta) ([]group, error) {
	var keys []string
	if series != "" {
		if _, err := f.col(series); err != nil {
			return nil, err
		}
		keys = append(keys, series)
	}
	for _, s := range f.swept() {
		if s != x && s != series && f.varies(s) {
			keys = append(keys, s)
		}
	}
	labels := make([][]string, len(keys))
	dist := make([]bool, len(keys))
	for k, name := range keys {
		labels[k], dist[k] = f.displayValues(name, m)
	}
	var gs []group
	where := map[string]int{}
	for r := range f.rows {
		parts := make([]string, len(keys))
		named := make([]string, len(keys))
		for k, name := range keys {
			parts[k] = labels[k][r]
			named[k] = shortPath(name) + "=" + parts[k]
			if dist[k] {
				// "service cv=2": the distribution's own name is
				// usually in its label, or the same for all.
				named[k] = lastSegment(name) + " " + parts[k]
			}
			if name != series {
				parts[k] = named[k]
			}
		}
		key := strings.Join(parts, ", ")
		i, seen := where[key]
		if !seen {
			i = len(gs)
			where[key] = i
			gs = append(gs, group{label: key, title: strings.Join(named, ", ")})
		}
		gs[i].rows = append(gs[i].rows, r)
	}
	return gs, nil
}

// varies reports whether column name holds more than one value.
func (f *frame) varies(name string) bool {
	c := f.index[name]
	first := f.text(0, c)
	for r := 1; r < f.rows; r++ {
		if f.text(r, c) != first {
			return true
		}
	}
	return false
}

// displayValues returns the cells of column name as shown in a legend:
// durations in a common unit with the unit's name, distributions by what
// changes between them (shortDistLabels, and then dist is set), others
// as written.
func (f *frame) displayValues(name string, m Meta) (out []string, dist bool) {
	c := f.index[name]
	out = make([]string, f.rows)
	vals := make([]float64, f.rows)
	numeric, maxAbs := true, 0.0
	for r := range f.rows {
		out[r] = f.text(r, c)
		v, err := strconv.ParseFloat(out[r], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			numeric = false
		}
		vals[r] = v
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	if numeric && m.Durations[name] {
		u := timeUnit(maxAbs)
		for r := range out {
			out[r] = formatNum(vals[r]*u.scale) + " " + u.name
		}
		return out, false
	}
	if numeric {
		return out, false
	}
	return shortDistLabels(out)
}

// lastSegment returns the part of path p after its last dot:
// "service" for model.server.service.
func lastSegment(p string) string {
	return p[strings.LastIndexByte(p, '.')+1:]
}

// shortPath drops the "model." prefix that every swept path shares.
func shortPath(p string) string {
	return strings.TrimPrefix(p, "model.")
}
