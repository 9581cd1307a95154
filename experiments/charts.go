package experiments

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/plots"
)

// chartKeys are the keys of one entry of charts:.
var chartKeys = []string{"file", "x", "y", "series", "title", "log_x", "log_y", "nines"}

// charts reads the charts: entry, or returns the default charts when the
// file has none. words are the swept paths whose values are words or
// distributions, which cannot have a log axis.
func (l *loader) charts(ents map[string]entry, swept []string, words map[string]bool) []plots.Spec {
	e, ok := ents["charts"]
	if !ok || e.Value == nil {
		return plots.DefaultSpecs(swept)
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
		if s.LogX && words[s.X] {
			pos := at["log_x"]
			if pos == nil {
				pos = raw
			}
			l.fail(pos, key+".log_x", fmt.Sprintf("%s holds names, not numbers, so it cannot have a log axis", s.X))
			continue
		}
		file := s.File
		if file == "" {
			file = strings.ReplaceAll(s.Y, ".", "_") + ".png"
		}
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
