package yamlconf

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// Limits that keep hostile input cheap.
const (
	MaxAliasDepth = 32    // alias hops followed before giving up
	MaxMergeDepth = 8     // nested merge keys (<<) followed
	MaxEntries    = 50000 // mapping entries one Reader reads, merges included
)

// Resolve follows document wrappers and aliases to the node they stand
// for, or returns nil when there is none (or the chain is longer than
// MaxAliasDepth).
func Resolve(n *yaml.Node) *yaml.Node {
	for range MaxAliasDepth {
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

// IsNull reports whether n is missing or a YAML null ("", "~", "null").
func IsNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// Describe names what n is, for "got ..." in messages: the value as shown
// by Show, "a mapping", "a list" or "nothing".
func Describe(n *yaml.Node) string {
	switch {
	case IsNull(n):
		return "nothing"
	case n.Kind == yaml.ScalarNode:
		return Show(n.Value)
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	default:
		return "a YAML node of kind " + strconv.Itoa(int(n.Kind))
	}
}

// Entry is one key: value pair of a mapping.
type Entry struct {
	Name  string
	Key   *yaml.Node // the key as written, for positions
	Value *yaml.Node // the value with aliases resolved; nil for a null
	Raw   *yaml.Node // the value as written
}

// Reader reads the mappings of one document, counting the entries it
// reads against MaxEntries. Problems go to Report, with the node they are
// about (for its position) and the dotted key; a nil Report drops them.
type Reader struct {
	Report  func(n *yaml.Node, key, msg string)
	entries int
}

func (r *Reader) fail(n *yaml.Node, key, msg string) {
	if r.Report != nil {
		r.Report(n, key, msg)
	}
}

// Entries returns the entries of mapping m in order, followed by those
// merged in with << that m does not override (of a list of mappings, the
// earlier win). It reports keys that are not plain names and duplicate
// keys, under key, the dotted key of m.
func (r *Reader) Entries(m *yaml.Node, key string) []Entry {
	return r.collect(m, key, 0)
}

// Lookup returns the entry called name of mapping m, merges included, and
// whether there is one. It reports nothing.
func Lookup(m *yaml.Node, name string) (Entry, bool) {
	if m == nil || m.Kind != yaml.MappingNode {
		return Entry{}, false
	}
	for _, e := range (&Reader{}).Entries(m, "") {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}

// Reset starts the count of entries read again, for another tree.
func (r *Reader) Reset() { r.entries = 0 }

func (r *Reader) collect(m *yaml.Node, key string, depth int) []Entry {
	var own, merged []Entry
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		r.entries++
		if r.entries > MaxEntries {
			r.fail(m, key, "too many keys (the file is too large or has too many aliases)")
			return own
		}
		kraw, vraw := m.Content[i], m.Content[i+1]
		k := Resolve(kraw)
		if k == nil || k.Kind != yaml.ScalarNode {
			r.fail(kraw, key, "keys must be names, got "+Describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			merged = append(merged, r.merge(vraw, key, depth)...)
			continue
		}
		if seen[k.Value] {
			r.fail(kraw, Join(key, KeyName(k.Value)), "duplicate key")
			continue
		}
		seen[k.Value] = true
		v := Resolve(vraw)
		if IsNull(v) {
			v = nil
		}
		own = append(own, Entry{Name: k.Value, Key: kraw, Value: v, Raw: vraw})
	}
	for _, e := range merged {
		if !seen[e.Name] {
			seen[e.Name] = true
			own = append(own, e)
		}
	}
	return own
}

// merge returns the entries brought in by v, the value of a << key.
func (r *Reader) merge(v *yaml.Node, key string, depth int) []Entry {
	if depth >= MaxMergeDepth {
		r.fail(v, key, "merge keys (<<) nested too deeply")
		return nil
	}
	n := Resolve(v)
	switch {
	case n != nil && n.Kind == yaml.MappingNode:
		return r.collect(n, key, depth+1)
	case n != nil && n.Kind == yaml.SequenceNode:
		var out []Entry
		for _, c := range n.Content {
			if cn := Resolve(c); cn != nil && cn.Kind == yaml.MappingNode {
				out = append(out, r.collect(cn, key, depth+1)...)
			} else {
				r.fail(c, key, "merge (<<) list elements must be mappings, got "+Describe(cn))
			}
		}
		return out
	default:
		r.fail(v, key, "merge (<<) value must be a mapping or a list of mappings, got "+Describe(n))
		return nil
	}
}

// Join returns the dotted key of child name of key.
func Join(key, name string) string {
	if key == "" {
		return name
	}
	return key + "." + name
}
