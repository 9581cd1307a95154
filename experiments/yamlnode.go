package experiments

import (
	"fmt"
	"strings"

	"github.com/asyncsim/asyncsim/distributions"
	"gopkg.in/yaml.v3"
)

// Limits that keep hostile input cheap.
const (
	maxMergeDepth = 8     // nested merge keys (<<)
	maxEntries    = 50000 // mapping entries read in all
)

// resolve follows document wrappers and aliases to the node they stand for,
// or returns nil when there is none.
func resolve(n *yaml.Node) *yaml.Node { return distributions.ResolveNode(n) }

// isNull reports whether n is missing or a YAML null ("", "~", "null").
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names what n is, for "got ..." in messages.
func describe(n *yaml.Node) string { return distributions.DescribeNode(n) }

// show returns s as written when it is a short plain word, else quoted.
func show(s string) string { return distributions.ShowValue(s) }

// entry is one key: value pair of a mapping.
type entry struct {
	name  string
	key   *yaml.Node // the key as written, for positions
	value *yaml.Node // the value with aliases resolved; nil for a null
	raw   *yaml.Node // the value as written
}

// entries returns the entries of mapping m in order, followed by those
// merged in with << that m does not override. It reports keys that are not
// plain names and duplicate keys, under the dotted key of m.
func (l *loader) entries(m *yaml.Node, key string) []entry {
	return l.collect(m, key, 0)
}

func (l *loader) collect(m *yaml.Node, key string, depth int) []entry {
	var own, merged []entry
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		l.budget++
		if l.budget > maxEntries {
			l.fail(m, key, "too many keys (the file is too large or has too many aliases)")
			return own
		}
		kraw, vraw := m.Content[i], m.Content[i+1]
		k := resolve(kraw)
		if k == nil || k.Kind != yaml.ScalarNode {
			l.fail(kraw, key, "keys must be names, got "+describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			merged = append(merged, l.merge(vraw, key, depth)...)
			continue
		}
		if seen[k.Value] {
			l.fail(kraw, join(key, k.Value), "duplicate key")
			continue
		}
		seen[k.Value] = true
		v := resolve(vraw)
		if isNull(v) {
			v = nil
		}
		own = append(own, entry{name: k.Value, key: kraw, value: v, raw: vraw})
	}
	for _, e := range merged {
		if !seen[e.name] {
			seen[e.name] = true
			own = append(own, e)
		}
	}
	return own
}

// merge returns the entries brought in by the value of a << key.
func (l *loader) merge(v *yaml.Node, key string, depth int) []entry {
	if depth >= maxMergeDepth {
		l.fail(v, key, "merge keys (<<) nested too deeply")
		return nil
	}
	n := resolve(v)
	switch {
	case n != nil && n.Kind == yaml.MappingNode:
		return l.collect(n, key, depth+1)
	case n != nil && n.Kind == yaml.SequenceNode:
		var out []entry
		for _, c := range n.Content {
			if cn := resolve(c); cn != nil && cn.Kind == yaml.MappingNode {
				out = append(out, l.collect(cn, key, depth+1)...)
			} else {
				l.fail(c, key, "merge (<<) list elements must be mappings, got "+describe(cn))
			}
		}
		return out
	default:
		l.fail(v, key, "merge (<<) value must be a mapping or a list of mappings, got "+describe(n))
		return nil
	}
}

// join returns the dotted key of child name of key.
func join(key, name string) string {
	if key == "" {
		return name
	}
	return key + "." + name
}

// keyList returns the names of fs for "accepted: ..." in messages.
func keyList(names []string) string {
	return strings.Join(names, ", ")
}

// unknownKey reports key name under parent, with a suggestion.
func (l *loader) unknownKey(e entry, parent string, accepted []string) {
	l.fail(e.key, join(parent, e.name), fmt.Sprintf("unknown key%s (accepted: %s)",
		didYouMean(e.name, accepted), keyList(accepted)))
}
