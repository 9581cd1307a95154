package models

import (
	"sort"

	"github.com/asyncsim/asyncsim/metrics"
)

// ServiceMetricSuffixes are the per-service metrics of a service graph,
// from the table of package metrics: column service.NAME.SUFFIX.
var ServiceMetricSuffixes = suffixes(metrics.ServiceMetrics)

// HopMetricSuffixes are the per-hop metrics of a service graph, from the
// table of package metrics: column call.FROM.TO.SUFFIX, FROM being
// ClientsName for the clients' calls.
var HopMetricSuffixes = suffixes(metrics.HopMetrics)

func suffixes(ms []metrics.Metric) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return out
}

// GraphMetricNames returns the per-service and per-hop columns of c,
// sorted by name; none for a one-tier model. Metrics.Graph holds their
// values in this order.
func GraphMetricNames(c *Config) []string {
	if !c.Graph() {
		return nil
	}
	var names []string
	for _, e := range c.edges() {
		for _, s := range HopMetricSuffixes {
			names = append(names, "call."+e.from+"."+e.to+"."+s)
		}
	}
	for i := range c.Services {
		for _, s := range ServiceMetricSuffixes {
			names = append(names, "service."+c.Services[i].Name+"."+s)
		}
	}
	sort.Strings(names)
	return names
}

// edge is a caller and callee pair: the unit of per-hop metrics.
type edge struct{ from, to string }

// edges returns the distinct caller and callee pairs of a graph, the
// clients' call to the entry service first, then in the order written.
func (c *Config) edges() []edge {
	entry := c.Entry()
	if entry < 0 {
		return nil
	}
	out := []edge{{ClientsName, c.Services[entry].Name}}
	seen := map[edge]bool{out[0]: true}
	for i := range c.Services {
		s := &c.Services[i]
		for k := range s.Calls {
			for _, h := range s.Calls[k].Hops {
				e := edge{s.Name, h.To}
				if !seen[e] {
					seen[e] = true
					out = append(out, e)
				}
			}
		}
	}
	return out
}
