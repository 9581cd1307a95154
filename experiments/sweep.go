package experiments

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/distributions"
)

// Limits on the size of a sweep.
const (
	maxPoints = 100_000   // sweep points
	maxRuns   = 1_000_000 // points × replications
)

// sweepAxis is an axis being loaded, with the nodes it came from.
type sweepAxis struct {
	Axis
	segs   []string     // the path below model
	key    *yaml.Node   // the path as written
	values []*yaml.Node // the values as written
}

// readSweep reads the sweep: mapping n. It returns the axes whose path and
// values could be read.
func (l *loader) readSweep(n *yaml.Node) []sweepAxis {
	if n.Kind != yaml.MappingNode {
		l.fail(n, "sweep", "must be a mapping of model paths to lists of values, got "+describe(n))
		return nil
	}
	var axes []sweepAxis
	for _, e := range l.entries(n, "sweep") {
		key := "sweep." + e.Name
		segs, kind, isDist, ok := l.sweepPath(e)
		if !ok {
			continue
		}
		if clash := overlapping(axes, e.Name); clash != "" {
			l.fail(e.Key, key, fmt.Sprintf("overlaps %s, which is also swept", clash))
			continue
		}
		vals, ok := l.sweepValues(e, key, isDist)
		if !ok {
			continue
		}
		wholeDists := isDist && hasMapping(vals)
		if wholeDists {
			kind = KindString
		}
		ax := sweepAxis{
			Axis: Axis{Path: e.Name, Kind: kind, Line: e.Key.Line, Column: e.Key.Column},
			segs: segs, key: e.Key,
		}
		for _, v := range vals {
			text, c := v.Value, cell(kind, v.Value)
			if wholeDists {
				text, c = distValue(v)
			}
			ax.values = append(ax.values, v)
			ax.Values = append(ax.Values, Value{Text: text, Cell: c, Line: v.Line, Column: v.Column})
		}
		axes = append(axes, ax)
	}
	return axes
}

// sweepPath checks that the path of sweep entry e names a scalar of the
// model schema, returning its segments below model, the kind of its values
// and whether it takes a whole distribution.
func (l *loader) sweepPath(e entry) ([]string, Kind, bool, bool) {
	key := "sweep." + e.Name
	segs := strings.Split(e.Name, ".")
	if segs[0] != "model" {
		l.fail(e.Key, key, "sweep paths start with model. (a key of the model, such as model.server.workers)")
		return nil, 0, false, false
	}
	f, path := l.schema, "model"
	for i, s := range segs[1:] {
		switch f.kind {
		case kMap, kList:
			c := f.child(s)
			if c == nil {
				l.fail(e.Key, key, noChild(f, path, s))
				return nil, 0, false, false
			}
			f, path = c, join(path, s)
		case kProfile:
			return l.profileSweepPath(e, path, segs[1:], i)
		case kDist:
			k, ok := distParams[s]
			switch {
			case !ok && contains(listParams, s):
				l.fail(e.Key, key, fmt.Sprintf("%s is a list parameter; only single values can be swept", s))
				return nil, 0, false, false
			case !ok:
				l.fail(e.Key, key, fmt.Sprintf("no such distribution parameter %s%s (accepted: %s)",
					show(s), didYouMean(s, distParamNames), keyList(distParamNames)))
				return nil, 0, false, false
			case i+2 < len(segs):
				l.fail(e.Key, key, fmt.Sprintf("%s.%s is a single value; it has no key %s", path, s, show(segs[i+2])))
				return nil, 0, false, false
			}
			return segs[1:], k, false, true
		default:
			l.fail(e.Key, key, fmt.Sprintf("%s is a single value; it has no key %s", path, show(s)))
			return nil, 0, false, false
		}
	}
	if f.fixed {
		l.fail(e.Key, key, fmt.Sprintf("%s cannot be swept: it names a service, and every service and call has its own output columns, the same at every point", path))
		return nil, 0, false, false
	}
	switch f.kind {
	case kProfile:
		l.fail(e.Key, key, fmt.Sprintf("%s is a list, not a value; sweep a key of one of its points, e.g. %s.1.rate", path, path))
		return nil, 0, false, false
	case kMap:
		l.fail(e.Key, key, fmt.Sprintf("%s is a section, not a value; sweep one of its keys (%s)", path, keyList(f.names())))
		return nil, 0, false, false
	case kList:
		l.fail(e.Key, key, fmt.Sprintf("%s is a list, not a value; sweep a key of one of its items, e.g. %s.0.%s", path, path, listExample(f)))
		return nil, 0, false, false
	case kInt:
		return segs[1:], KindInteger, false, true
	case kNumber, kProb:
		return segs[1:], KindNumber, false, true
	case kDuration:
		return segs[1:], KindDuration, false, true
	case kDist:
		return segs[1:], KindDuration, true, true
	default:
		return segs[1:], KindString, false, true
	}
}

// sweepValues checks that sweep entry e holds a non-empty list of scalars,
// or also of mappings (whole distributions) when dists is set.
func (l *loader) sweepValues(e entry, key string, dists bool) ([]*yaml.Node, bool) {
	if e.Value == nil || e.Value.Kind != yaml.SequenceNode {
		l.fail(e.Key, key, "must be a list of values, e.g. [1, 2, 4], got "+describe(e.Value))
		return nil, false
	}
	if len(e.Value.Content) == 0 {
		l.fail(e.Key, key, "empty list: give at least one value")
		return nil, false
	}
	var out []*yaml.Node
	ok := true
	for i, raw := range e.Value.Content {
		v := resolve(raw)
		if dists && v != nil && v.Kind == yaml.MappingNode {
			// a whole distribution
		} else if v == nil || v.Kind != yaml.ScalarNode || isNull(v) {
			want := "single values"
			if dists {
				want = "durations or distributions ({dist: ..., ...})"
			}
			l.fail(raw, fmt.Sprintf("%s[%d]", key, i), "sweep values must be "+want+", got "+describe(v))
			ok = false
			continue
		}
		if raw.Kind == yaml.AliasNode {
			c := *v // an alias: point at where it is used, not at its anchor
			c.Line, c.Column = raw.Line, raw.Column
			v = &c
		}
		out = append(out, v)
	}
	return out, ok
}

// overlapping returns the path of an axis that contains path or is
// contained in it, or "".
func overlapping(axes []sweepAxis, path string) string {
	for _, a := range axes {
		if a.Path == path || strings.HasPrefix(path, a.Path+".") || strings.HasPrefix(a.Path, path+".") {
			return a.Path
		}
	}
	return ""
}

// cell returns how a swept value is reported in tables: durations in
// seconds and numbers in their shortest form; the text as written when it
// cannot be read (the model check reports why).
func cell(k Kind, text string) string {
	s := strings.TrimSpace(text)
	switch k {
	case KindDuration:
		if d, err := distributions.ParseDuration(s); err == nil {
			return formatFloat(d.Seconds())
		}
	case KindNumber:
		if f, ok := distributions.ParseNumber(s); ok {
			return formatFloat(f)
		}
	case KindInteger:
		if i, ok := parseInt(s); ok {
			return strconv.FormatInt(i, 10)
		}
	}
	return text
}

// pointCount returns the number of points of the sweep, or -1 when it is
// above limit.
func pointCount(axes []sweepAxis, limit int) int {
	n := 1
	for _, a := range axes {
		if n > limit/len(a.values) {
			return -1
		}
		n *= len(a.values)
	}
	return n
}

// indices returns the value index of every axis at point p: the last axis
// varies fastest.
func indices(axes []sweepAxis, p int) []int {
	out := make([]int, len(axes))
	for i := len(axes) - 1; i >= 0; i-- {
		n := len(axes[i].values)
		out[i] = p % n
		p /= n
	}
	return out
}

// place returns a copy of tree, a mapping (nil for none), with val at path
// segs. Only the mappings along the path are copied; mappings and keys it
// must create take the position of at, the sweep key. It fails when a node
// along the path is not a mapping.
func place(tree *yaml.Node, segs []string, val, at *yaml.Node) (*yaml.Node, bool) {
	if tree != nil && tree.Kind == yaml.SequenceNode {
		return placeItem(tree, segs, val, at)
	}
	var cp yaml.Node
	switch {
	case tree == nil || isNull(tree):
		cp = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: at.Line, Column: at.Column}
	case tree.Kind == yaml.MappingNode:
		cp = *tree
		cp.Content = append([]*yaml.Node(nil), tree.Content...)
	default:
		return nil, false
	}
	i := ownIndex(&cp, segs[0])
	child := val
	if len(segs) > 1 {
		var old *yaml.Node
		if i >= 0 {
			old = resolve(cp.Content[i+1])
		} else {
			old = resolve(lookupMerged(&cp, segs[0], 0))
		}
		var ok bool
		if child, ok = place(old, segs[1:], val, at); !ok {
			return nil, false
		}
	}
	if i >= 0 {
		if len(segs) == 1 {
			// Problems with the key itself (a distribution parameter
			// that does not fit) are about the swept value: point there.
			k := *cp.Content[i]
			k.Line, k.Column = val.Line, val.Column
			cp.Content[i] = &k
		}
		cp.Content[i+1] = child
	} else {
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: segs[0], Line: at.Line, Column: at.Column}
		cp.Content = append(cp.Content, k, child)
	}
	return &cp, true
}

// placeItem is place for a list: segs[0] is the index of an item, which
// must exist.
func placeItem(list *yaml.Node, segs []string, val, at *yaml.Node) (*yaml.Node, bool) {
	i, err := strconv.Atoi(segs[0])
	if err != nil || i < 0 || i >= len(list.Content) {
		return nil, false
	}
	cp := *list
	cp.Content = append([]*yaml.Node(nil), list.Content...)
	child := val
	if len(segs) > 1 {
		var ok bool
		if child, ok = place(resolve(list.Content[i]), segs[1:], val, at); !ok {
			return nil, false
		}
	}
	cp.Content[i] = child
	return &cp, true
}

// ownIndex returns the index in m.Content of the key called name written
// in m itself (not merged in), or -1.
func ownIndex(m *yaml.Node, name string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := resolve(m.Content[i]); k != nil && k.Kind == yaml.ScalarNode && k.ShortTag() != "!!merge" && k.Value == name {
			return i
		}
	}
	return -1
}

// lookupMerged returns the value of key name brought into m by merge keys
// (<<), or nil.
func lookupMerged(m *yaml.Node, name string, depth int) *yaml.Node {
	if depth >= maxMergeDepth {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := resolve(m.Content[i]); k == nil || k.ShortTag() != "!!merge" {
			continue
		}
		v := resolve(m.Content[i+1])
		var srcs []*yaml.Node
		switch {
		case v == nil:
		case v.Kind == yaml.MappingNode:
			srcs = []*yaml.Node{v}
		case v.Kind == yaml.SequenceNode:
			for _, c := range v.Content {
				srcs = append(srcs, resolve(c))
			}
		}
		for _, s := range srcs {
			if s == nil || s.Kind != yaml.MappingNode {
				continue
			}
			if j := ownIndex(s, name); j >= 0 {
				return s.Content[j+1]
			}
			if r := lookupMerged(s, name, depth+1); r != nil {
				return r
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
