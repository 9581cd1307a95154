package plots

import (
	"regexp"
	"slices"
	"strings"
)

// distribution is a table cell that spells a distribution,
// "lognormal(mean=20ms, cv=2)": its name and its parameters in order.
type distribution struct {
	name   string
	keys   []string
	values map[string]string
}

// distCell matches the spelling of a distribution in a table cell.
var (
	distCell  = regexp.MustCompile(`^([a-z][a-z0-9_]*)\((.*)\)$`)
	distParam = regexp.MustCompile(`^([a-z][a-z0-9_]*)=([^=]+)$`)
)

// parseDistribution reads a cell written as a distribution spells itself,
// "name(key=value, key=value)", and reports whether it is one. Values
// hold no ", " (lists are written with spaces, "[1ms 2ms]").
func parseDistribution(s string) (distribution, bool) {
	m := distCell.FindStringSubmatch(s)
	if m == nil {
		return distribution{}, false
	}
	d := distribution{name: m[1], values: map[string]string{}}
	if m[2] == "" {
		return d, true
	}
	for _, p := range strings.Split(m[2], ", ") {
		kv := distParam.FindStringSubmatch(p)
		if kv == nil {
			return distribution{}, false
		}
		if _, dup := d.values[kv[1]]; dup {
			return distribution{}, false
		}
		d.keys = append(d.keys, kv[1])
		d.values[kv[1]] = kv[2]
	}
	return d, true
}

// shortDistLabels returns the cells of a column of distributions labelled
// by what changes between them: the name when the names differ, then the
// parameters that differ or that some lack ("lognormal(mean=20ms, cv=2)"
// and "lognormal(mean=20ms, cv=4)" become "cv=2" and "cv=4";
// "exponential(mean=20ms)" and "lognormal(mean=20ms, cv=4)" become
// "exponential" and "lognormal cv=4"; a distribution that lacks the only
// parameter that differs is labelled with its name). It returns the cells unchanged, and
// false, when one of them is not a distribution, when they are all the
// same, or when the short labels would not tell them apart.
func shortDistLabels(cells []string) ([]string, bool) {
	dists := make(map[string]distribution, len(cells))
	var distinct []string
	for _, c := range cells {
		if c == "" {
			continue
		}
		if _, seen := dists[c]; seen {
			continue
		}
		d, ok := parseDistribution(c)
		if !ok {
			return cells, false
		}
		dists[c] = d
		distinct = append(distinct, c)
	}
	if len(distinct) < 2 {
		return cells, false
	}
	first := dists[distinct[0]]
	names := false
	var keys []string // every key, in order of first appearance
	for _, c := range distinct {
		d := dists[c]
		names = names || d.name != first.name
		for _, k := range d.keys {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	varies := func(k string) bool {
		v, ok := dists[distinct[0]].values[k]
		for _, c := range distinct[1:] {
			w, has := dists[c].values[k]
			if has != ok || w != v {
				return true
			}
		}
		return false
	}
	keys = slices.DeleteFunc(keys, func(k string) bool { return !varies(k) })
	short := make(map[string]string, len(distinct))
	used := map[string]bool{}
	for _, c := range distinct {
		d := dists[c]
		var parts []string
		if names {
			parts = append(parts, d.name)
		}
		for _, k := range keys {
			if v, ok := d.values[k]; ok {
				parts = append(parts, k+"="+v)
			}
		}
		l := strings.Join(parts, " ")
		if l == "" {
			l = d.name // the one that lacks what the others set
		}
		if used[l] {
			return cells, false
		}
		used[l] = true
		short[c] = l
	}
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c
		if l, ok := short[c]; ok {
			out[i] = l
		}
	}
	return out, true
}
