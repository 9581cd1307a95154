package experiments

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/plots"
)

// chartKeys are the keys of one entry of charts:.
var chartKeys = []string{"file", "x", "y", "series", "title", "log_x", "log_y", "nines"}

// charts reads the charts: entry, or returns the default charts when the
// file has none. words are the swept paths whose values are words or
// distributions, which cannot have a log axis.
// services are the names of the model's services and graph the columns
// of their metrics: a chart may draw those only. series are the columns
// of the time series, none without timeseries:; a chart over time (x:
// time) may draw those only, and by default there are three.
func (l *loader) charts(ents map[string]entry, swept []string, words map[string]bool, services, graph, series []string) []plots.Spec {
	e, ok := ents["charts"]
	if !ok || e.Value == nil {
		specs := plots.DefaultSpecs(swept)
		if len(services) > 0 {
			specs = plots.DefaultGraphSpecs(swept, services)
		}
		specs = l.ownPercentiles(specs)
		if len(series) > 0 {
			specs = append(specs, plots.DefaultTimeSpecs()...)
		}
		return specs
	}
	if e.Value.Kind != yaml.SequenceNode {
		l.fail(e.Key, "charts", "must be a list of charts (each with x:, y: and optionally file:, series:, title:, log_x:, log_y:, nines:), got "+describe(e.Value))
		return nil
	}
	specs := []plots.Spec{}
	files := map[string]int{}
	for i, raw := range e.Value.Content {
		key := fmt.Sprintf("charts[%d]", i)
		n := resolve(raw)
		if n == nil || n.Kind != yaml.MappingNode {
			l.fail(raw, key, "must be a mapping with x:, y: and optionally file:, series:, title:, log_x:, log_y:, nines:, got "+describe(n))
			continue
		}
		s, at, ok := l.chart(n, key)
		if !ok {
			continue
		}
		if s.X == plots.TimeX {
			if msg := timeChartProblem(s, series); msg != "" {
				pos := at["x"]
				if len(series) > 0 && at["y"] != nil {
					pos = at["y"]
				}
				if pos == nil {
					pos = raw
				}
				field := "x"
				if len(series) > 0 {
					field = "y"
				}
				l.fail(pos, key+"."+field, msg)
				continue
			}
		}
		if err := plots.ValidateSpec(s, swept); err != nil {
			var se *plots.SpecError
			if errors.As(err, &se) {
				pos := at[se.Field]
				if pos == nil {
					pos = raw
				}
				l.fail(pos, key+"."+se.Field, se.Msg)
			} else {
				l.fail(raw, key, err.Error())
			}
			continue
		}
		if _, paired := ents["baseline"]; !paired && strings.HasSuffix(s.Y, ".diff") {
			pos := at["y"]
			if pos == nil {
				pos = raw
			}
			l.fail(pos, key+".y", fmt.Sprintf("%s is a paired difference to a baseline point, which this experiment has not: add baseline: {PATH: VALUE} (a swept path or case, e.g. {model.policy: sync})", s.Y))
			continue
		}
		if msg := l.yProblem(s, graph); msg != "" {
			pos := at["y"]
			if pos == nil {
				pos = raw
			}
			l.fail(pos, key+".y", msg)
			continue
		}
		if s.LogX && words[s.X] {
			pos := at["log_x"]
			if pos == nil {
				pos = raw
			}
			l.fail(pos, key+".log_x", fmt.Sprintf("%s holds names, not numbers, so it cannot have a log axis", s.X))
			continue
		}
		file := plots.FileName(s)
		if j, dup := files[file]; dup {
			pos := at["file"]
			if pos == nil {
				pos = raw
			}
			l.fail(pos, key+".file", fmt.Sprintf("%s is also drawn by charts[%d]; give each chart its own file", file, j))
			continue
		}
		files[file] = i
		specs = append(specs, s)
	}
	return specs
}

// chart reads one chart entry, returning it and the key node of each field
// written.
func (l *loader) chart(n *yaml.Node, key string) (plots.Spec, map[string]*yaml.Node, bool) {
	var s plots.Spec
	at := map[string]*yaml.Node{}
	ok := true
	for _, e := range l.entries(n, key) {
		k := key + "." + e.Name
		at[e.Name] = e.Key
		var good bool
		switch e.Name {
		case "file":
			s.File, good = l.text(e.Value, e.Key, k)
		case "x":
			s.X, good = l.text(e.Value, e.Key, k)
		case "y":
			s.Y, good = l.text(e.Value, e.Key, k)
		case "series":
			s.Series, good = l.text(e.Value, e.Key, k)
		case "title":
			s.Title, good = l.text(e.Value, e.Key, k)
		case "log_x":
			s.LogX, good = l.boolean(e.Value, e.Key, k)
		case "log_y":
			s.LogY, good = l.boolean(e.Value, e.Key, k)
		case "nines":
			s.Nines, good = l.boolean(e.Value, e.Key, k)
		default:
			l.unknownKey(e, key, chartKeys)
		}
		ok = ok && good
	}
	return s, at, ok
}

// notAColumn says that y, a metric of a service or call, is not one of
// the columns graph of the model: which services and calls it has.
func notAColumn(y string, graph []string) string {
	if len(graph) == 0 {
		return fmt.Sprintf("%s is a metric of a service or call, but the model has no services:", y)
	}
	var services, calls []string
	for _, g := range graph {
		if rest, ok := strings.CutPrefix(g, "service."); ok {
			name, _, _ := strings.Cut(rest, ".")
			if !slices.Contains(services, name) {
				services = append(services, name)
			}
			continue
		}
		from, rest, _ := strings.Cut(strings.TrimPrefix(g, "call."), ".")
		to, _, _ := strings.Cut(rest, ".")
		if !slices.Contains(calls, from+"."+to) {
			calls = append(calls, from+"."+to)
		}
	}
	return fmt.Sprintf("%s is not a column of this model (services: %s; calls: %s)", y, strings.Join(services, ", "), strings.Join(calls, ", "))
}

// timeChartProblem says what is wrong with the chart over time s of an
// experiment whose time series has the columns series, or returns "".
func timeChartProblem(s plots.Spec, series []string) string {
	switch {
	case len(series) == 0:
		return "time draws the time series, but the experiment has none: set timeseries: (the window, e.g. timeseries: 1s)"
	case s.Y != "" && s.Y != plots.Decomposition && !slices.Contains(series, s.Y):
		return fmt.Sprintf("%s is not a column of the time series (columns: %s)", s.Y, strings.Join(series, ", "))
	}
	return ""
}
