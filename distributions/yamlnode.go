package distributions

import (
	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// The YAML front end (internal/yamlconf) reads the nodes; these are the
// names parsing uses for it.

func resolve(n *yaml.Node) *yaml.Node { return yamlconf.Resolve(n) }

func isNull(n *yaml.Node) bool { return yamlconf.IsNull(n) }

func describe(n *yaml.Node) string { return yamlconf.Describe(n) }

// firstNonNil returns a if it is not nil, else b.
func firstNonNil(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}
