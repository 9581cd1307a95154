package experiments

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// Limits on the size of a service graph, which keep a hostile file (a
// list of calls repeated through aliases) from building a huge schema.
const (
	maxServices = 1000
	maxCalls    = 10_000 // calls of all services
)

// graphShape reads the shape of the service graph of model, the model:
// mapping as written, and the services: entry, if written. Problems are
// left to the decoding, which follows the same nodes, except a graph
// larger than the limits, reported here and cut short.
func (l *loader) graphShape(model *yaml.Node) (graphShape, *entry) {
	if model == nil || model.Kind != yaml.MappingNode {
		return nil, nil
	}
	e, ok := yamlconf.Lookup(model, "services")
	if !ok {
		return nil, nil
	}
	if e.Value == nil || e.Value.Kind != yaml.MappingNode {
		return nil, &e
	}
	var shape graphShape
	calls := 0
	quiet := &yamlconf.Reader{} // the decoding reports problems with keys
	for _, s := range quiet.Entries(e.Value, "") {
		if len(shape) == maxServices {
			l.fail(e.Key, "model.services", fmt.Sprintf("more than %d services", maxServices))
			break
		}
		ss := serviceShape{name: s.Name}
		c, _ := yamlconf.Lookup(s.Value, "calls")
		if c.Value != nil && c.Value.Kind == yaml.SequenceNode {
			for _, raw := range c.Value.Content {
				n := single
				if g, ok := yamlconf.Lookup(resolve(raw), "parallel"); ok {
					n = 0
					if g.Value != nil && g.Value.Kind == yaml.SequenceNode {
						n = len(g.Value.Content)
					}
				}
				calls += max(n, 1)
				if calls > maxCalls {
					l.fail(c.Key, "model.services", fmt.Sprintf("more than %d calls in all", maxCalls))
					return append(shape, ss), &e
				}
				ss.steps = append(ss.steps, n)
			}
		}
		shape = append(shape, ss)
	}
	return shape, &e
}
