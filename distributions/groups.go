package distributions

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// checkGroups reports conflicting and missing parameters, returning whether
// the given parameters form exactly one complete group.
func (p *parser) checkGroups(name string, spec *distSpec, m *yaml.Node, present map[string]*entry, order []string) bool {
	give := alternatives(spec.groups)
	first := -1
	ok := true
	for _, n := range order {
		g := spec.groupOf(n)
		if first < 0 {
			first = g
			continue
		}
		if g != first {
			p.failCode(present[n].Key, sub(p.key, n), fmt.Sprintf("%s: %s cannot be combined with %s (give %s)",
				name, n, order[0], give), yamlconf.Conflict)
			ok = false
		}
	}
	if !ok {
		return false
	}
	if first < 0 {
		if len(spec.groups) == 1 {
			p.failCode(m, p.key, fmt.Sprintf("%s: missing %s", name, strings.Join(spec.groups[0], ", ")), yamlconf.Missing)
		} else {
			p.failCode(m, p.key, fmt.Sprintf("%s: missing %s", name, give), yamlconf.Missing)
		}
		return false
	}
	var missing []string
	for _, n := range spec.groups[first] {
		if present[n] == nil {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return true
	}
	msg := fmt.Sprintf("%s: missing %s", name, strings.Join(missing, ", "))
	if len(spec.groups) > 1 {
		msg += " (give " + give + ")"
	}
	p.failCode(m, p.key, msg, yamlconf.Missing)
	return false
}

// alternatives describes parameter groups: "mean or rate",
// "mean and cv, or mu and sigma".
func alternatives(groups [][]string) string {
	parts := make([]string, len(groups))
	single := true
	for i, g := range groups {
		parts[i] = strings.Join(g, " and ")
		single = single && len(g) == 1
	}
	if single {
		return strings.Join(parts, " or ")
	}
	return strings.Join(parts, ", or ")
}
