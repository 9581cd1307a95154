package experiments

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// maxMergeDepth bounds nested merge keys (<<), as the front end does.
const maxMergeDepth = yamlconf.MaxMergeDepth

// resolve follows document wrappers and aliases to the node they stand for,
// or returns nil when there is none.
func resolve(n *yaml.Node) *yaml.Node { return yamlconf.Resolve(n) }

// isNull reports whether n is missing or a YAML null ("", "~", "null").
func isNull(n *yaml.Node) bool { return yamlconf.IsNull(n) }

// describe names what n is, for "got ..." in messages.
func describe(n *yaml.Node) string { return yamlconf.Describe(n) }

// show returns s as written when it is a short plain word, else quoted.
func show(s string) string { return yamlconf.Show(s) }

// didYouMean returns "; did you mean "x"?" for the closest candidate, or "".
func didYouMean(s string, candidates []string) string { return yamlconf.DidYouMean(s, candidates) }

// entry is one key: value pair of a mapping, read by the YAML front end.
type entry = yamlconf.Entry

// entries returns the entries of mapping m in order, followed by those
// merged in with << that m does not override. It reports keys that are not
// plain names and duplicate keys, under the dotted key of m.
func (l *loader) entries(m *yaml.Node, key string) []entry {
	return l.yr.Entries(m, key)
}

// join returns the dotted key of child name of key.
func join(key, name string) string { return yamlconf.Join(key, name) }

// keyList returns the names of fs for "accepted: ..." in messages.
func keyList(names []string) string {
	return strings.Join(names, ", ")
}

// unknownKey reports key name under parent, with a suggestion.
func (l *loader) unknownKey(e entry, parent string, accepted []string) {
	l.failCode(e.Key, join(parent, yamlconf.KeyName(e.Name)), fmt.Sprintf("unknown key%s (accepted: %s)",
		didYouMean(e.Name, accepted), keyList(accepted)), yamlconf.UnknownKey)
}
