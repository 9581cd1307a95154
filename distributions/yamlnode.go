package distributions

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// resolve follows document wrappers and aliases to the node they stand for,
// or nil when there is none (or the chain is too long).
func resolve(n *yaml.Node) *yaml.Node {
	for range maxAliasDepth {
		switch {
		case n == nil:
			return nil
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		case n.Kind == yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		default:
			return n
		}
	}
	return nil
}

// isNull reports whether n is a YAML null ("", "~", "null").
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// firstNonNil returns a if it is not nil, else b.
func firstNonNil(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

// describe names what n is for "got ..." in messages.
func describe(n *yaml.Node) string {
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.ScalarNode && isNull(n):
		return "nothing"
	case n.Kind == yaml.ScalarNode:
		return show(n.Value)
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	default:
		return "a YAML node of kind " + strconv.Itoa(int(n.Kind))
	}
}

// collect returns the entries of mapping m in order, entries merged in with
// << after them and overridden by them. It reports keys that are not
// scalars and duplicate keys.
func (p *parser) collect(m *yaml.Node, depth int) []entry {
	var out, merged []entry
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		p.entries++
		if p.entries > maxEntries {
			p.fail(m, p.key, "too many keys")
			return out
		}
		kraw, vraw := m.Content[i], m.Content[i+1]
		k := resolve(kraw)
		if k == nil || k.Kind != yaml.ScalarNode {
			p.fail(firstNonNil(kraw, m), p.key, "keys must be names, got "+describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			merged = append(merged, p.merge(vraw, depth)...)
			continue
		}
		if seen[k.Value] {
			p.fail(kraw, sub(p.key, k.Value), "duplicate key")
			continue
		}
		seen[k.Value] = true
		out = append(out, entry{name: k.Value, key: kraw, value: resolve(vraw)})
	}
	for _, e := range merged {
		if !seen[e.name] {
			seen[e.name] = true
			out = append(out, e)
		}
	}
	return out
}

// merge returns the entries that the value of a << key brings in: those of a
// mapping, or of a list of mappings with the earlier ones winning.
func (p *parser) merge(v *yaml.Node, depth int) []entry {
	if depth >= maxMergeDepth {
		p.fail(v, p.key, "merge keys (<<) nested too deeply")
		return nil
	}
	n := resolve(v)
	switch {
	case n != nil && n.Kind == yaml.MappingNode:
		return p.collect(n, depth+1)
	case n != nil && n.Kind == yaml.SequenceNode:
		var out []entry
		for _, c := range n.Content {
			cn := resolve(c)
			if cn == nil || cn.Kind != yaml.MappingNode {
				p.fail(firstNonNil(c, v), p.key, "merge (<<) list elements must be mappings, got "+describe(cn))
				continue
			}
			out = append(out, p.collect(cn, depth+1)...)
		}
		return out
	default:
		p.fail(firstNonNil(v, n), p.key, "merge (<<) value must be a mapping or a list of mappings, got "+describe(n))
		return nil
	}
}
