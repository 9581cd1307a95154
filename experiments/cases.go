package experiments

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/models"
)

// caseAxis is the path of the axis of cases: the column that names each
// point's case in every table, and what charts use as series: case.
const caseAxis = "case"

// maxCases bounds the number of cases, like the values of a sweep axis.
const maxCases = 1000

// modelCase is one named variant of the model (cases:): the model as
// written with its settings put in place, crossed with the sweep.
type modelCase struct {
	name string
	at   *yaml.Node // its name's value, where problems with the case point
	sets []caseSet
	// The top-level keys it sets: drain and warmup, nil when not set.
	drain, warmup *yaml.Node
	drainKey      *yaml.Node
	warmupKey     *yaml.Node
}

// caseTopKeys are the top-level keys a case may set: the settings of a
// run, which may differ from point to point.
var caseTopKeys = []string{"drain", "warmup"}

// caseSet is one setting of a case: a model path and its value, a single
// value or a whole section.
type caseSet struct {
	segs []string // the path below model
	key  *yaml.Node
	val  *yaml.Node
}

// readCases reads the cases: list n, checking every path against the
// model schema and against the swept paths, which a case may not set.
func (l *loader) readCases(n *yaml.Node, axes []sweepAxis) []modelCase {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		l.fail(n, caseAxis+"s", "must be a list of cases, e.g. [{name: no-retry, model.clients.retry.attempts: 1}], got "+describe(n))
		return nil
	}
	if len(n.Content) > maxCases {
		l.fail(n, caseAxis+"s", fmt.Sprintf("at most %d cases, got %d", maxCases, len(n.Content)))
		return nil
	}
	var out []modelCase
	seen := map[string]bool{}
	for i, raw := range n.Content {
		key := fmt.Sprintf("cases[%d]", i)
		item := resolve(raw)
		if item == nil || item.Kind != yaml.MappingNode {
			l.fail(raw, key, "must be a mapping with a name and model paths, e.g. {name: budget, model.clients.retry.budget.percent: 10}, got "+describe(item))
			continue
		}
		c := modelCase{}
		for _, e := range l.entries(item, key) {
			if e.Name == "name" {
				if s, ok := l.text(e.Value, e.Key, key+".name"); ok {
					switch {
					case !nameRE.MatchString(s) || len(s) > 100:
						l.fail(e.Value, key+".name", "must be 1 to 100 of a-z, 0-9, - and _, got "+show(s))
					case seen[s]:
						l.fail(e.Value, key+".name", "case "+show(s)+" is defined twice")
					}
					seen[s] = true
					c.name, c.at = s, e.Value
				}
				continue
			}
			switch e.Name {
			case "drain":
				c.drain, c.drainKey = e.Value, e.Key
				continue
			case "warmup":
				c.warmup, c.warmupKey = e.Value, e.Key
				continue
			}
			if segs, ok := l.casePath(e, key, axes); ok {
				v := e.Value
				if v == nil || isNull(v) {
					l.fail(e.Key, key+"."+e.Name, "needs a value")
					continue
				}
				c.sets = append(c.sets, caseSet{segs: segs, key: e.Key, val: v})
			}
		}
		if c.at == nil {
			l.fail(raw, key+".name", "missing (required): every case has a name, its value in the case column")
			continue
		}
		out = append(out, c)
	}
	return out
}

// casePath checks that the key of case entry e is a path of the model
// schema (a value, a distribution or a whole section) that no sweep axis
// sets, returning its segments below model.
func (l *loader) casePath(e entry, caseKey string, axes []sweepAxis) ([]string, bool) {
	key := caseKey + "." + e.Name
	segs := strings.Split(e.Name, ".")
	if segs[0] != "model" || len(segs) < 2 {
		l.fail(e.Key, key, "a case sets name, "+keyList(caseTopKeys)+" and model paths (such as model.clients.retry.attempts), got "+show(e.Name))
		return nil, false
	}
	f, path := l.schema, "model"
	for _, s := range segs[1:] {
		if f.kind == kDist {
			if _, ok := distParams[s]; !ok {
				l.fail(e.Key, key, fmt.Sprintf("no such distribution parameter %s%s (accepted: %s)",
					show(s), didYouMean(s, distParamNames), keyList(distParamNames)))
				return nil, false
			}
			path = join(path, s)
			break
		}
		if f.kind != kMap && f.kind != kList {
			l.fail(e.Key, key, fmt.Sprintf("%s is a single value; it has no key %s", path, show(s)))
			return nil, false
		}
		c := f.child(s)
		if c == nil {
			l.fail(e.Key, key, noChild(f, path, s))
			return nil, false
		}
		f, path = c, join(path, s)
		if f.fixed {
			l.fail(e.Key, key, fmt.Sprintf("%s cannot be set by a case: it names a service, and every service and call has its own output columns, the same in every case", path))
			return nil, false
		}
	}
	if path != e.Name {
		l.fail(e.Key, key, fmt.Sprintf("%s goes past a single value", e.Name))
		return nil, false
	}
	if clash := overlapping(axes, e.Name); clash != "" {
		l.fail(e.Key, key, fmt.Sprintf("overlaps %s, which is swept: a case may not set what the sweep sets", clash))
		return nil, false
	}
	return segs[1:], true
}

// caseTree returns the model tree of case c: tree with the case's
// settings in place.
func (l *loader) caseTree(tree *yaml.Node, c modelCase) (*yaml.Node, bool) {
	for _, s := range c.sets {
		t, ok := place(tree, s.segs, s.val, s.key)
		if !ok {
			l.fail(s.key, "cases."+c.name, fmt.Sprintf("cannot set model.%s: a key along it is written as a single value", joinSegs(s.segs)))
			return nil, false
		}
		tree = t
	}
	return tree, true
}

// caseValues returns the values of the case axis: the cases' names.
func caseValues(cases []modelCase) Axis {
	a := Axis{Path: caseAxis, Kind: KindString}
	for _, c := range cases {
		a.Values = append(a.Values, Value{Text: c.name, Cell: c.name, Line: c.at.Line, Column: c.at.Column})
	}
	if len(cases) > 0 {
		a.Line, a.Column = cases[0].at.Line, cases[0].at.Column
	}
	return a
}

// runSettings gives every point of exp the run settings its case sets
// (drain, warmup). n is the number of points of each case.
func (l *loader) runSettings(exp *Experiment, axes []sweepAxis, cases []modelCase) {
	n := max(1, pointCount(axes, maxPoints))
	per := make([]*RunSettings, len(cases))
	for i, c := range cases {
		if c.drain == nil && c.warmup == nil {
			continue
		}
		s := &RunSettings{}
		key := "cases." + c.name
		if c.drain != nil {
			if v, ok := l.scalar(c.drain, c.drainKey, key+".drain", "auto, 0s or a duration such as 30s"); ok {
				d := models.DrainAuto
				if strings.TrimSpace(v) != "auto" {
					d, ok = l.duration(c.drain, c.drainKey, key+".drain")
				}
				if ok {
					s.Drain = &d
					if exp.Timeseries > 0 && windows(exp.Horizon, d, exp.Timeseries) > maxWindows {
						l.fail(c.drainKey, key+".drain", fmt.Sprintf("gives more than %d windows of the time series per run: use a shorter drain or a longer window", maxWindows))
					}
				}
			}
		}
		if c.warmup != nil {
			if c.warmup.Kind == yaml.ScalarNode && c.warmup.Value == "auto" {
				s.WarmupAuto = true
			} else if d, ok := l.duration(c.warmup, c.warmupKey, key+".warmup"); ok {
				s.Warmup = &d
				if exp.Horizon > 0 && d >= exp.Horizon {
					l.fail(c.warmupKey, key+".warmup", fmt.Sprintf("must be less than horizon (%v), got %v", exp.Horizon, d))
				}
			}
		}
		per[i] = s
	}
	if len(cases) == 0 {
		return
	}
	for i := range exp.Points {
		exp.Points[i].Case = per[exp.Points[i].Index/n]
	}
}
