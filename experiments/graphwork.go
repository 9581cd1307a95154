package experiments

import (
	"fmt"
	"math"
	"strings"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
)

// The expected work and the overload warnings of a service graph come
// from its visits: how many attempts reach each service per request of
// the clients, through every call on the way. Queueing is ignored, as for
// one tier: these are orders of magnitude.

// graphVisits returns, per service of c (in the order of c.Services), the
// expected attempts that reach it per request of the clients, and per
// service the expected events of one attempt there (its work, the network
// legs and timers of the calls it makes). The graph is acyclic (Validate).
func graphVisits(c *models.Config) (visits, events []float64) {
	n := len(c.Services)
	visits, events = make([]float64, n), make([]float64, n)
	entry := c.Entry()
	if entry < 0 {
		return visits, events
	}
	index := map[string]int{}
	for i, s := range c.Services {
		index[s.Name] = i
	}
	visits[entry] = hopAttempts(c.Clients.Retry.Attempts, c.Network.Loss, c.Services[entry].Error)
	// Services in an order where every caller comes before its callees.
	order := topological(c, index)
	for _, i := range order {
		s := &c.Services[i]
		events[i] = 1 // its own work
		for _, st := range s.Calls {
			for _, h := range st.Hops {
				to, ok := index[h.To]
				if !ok {
					continue
				}
				a := hopAttempts(h.Retry.Attempts, h.Network.Loss, c.Services[to].Error)
				visits[to] += visits[i] * a
				per := 1 + isEvent(h.Network.Send) + isEvent(h.Network.Reply)
				if h.Timeout > 0 {
					per++
				}
				if h.Policy == models.MQ {
					per += 1 + isEvent(c.Services[to].Broker.Latency)
				}
				events[i] += a * per
			}
		}
	}
	return visits, events
}

// hopAttempts is the expected attempts of a call of at most n attempts,
// each failing when one of its two messages is lost or the callee fails.
func hopAttempts(n int, loss, failure float64) float64 {
	p := clamp01(1 - (1-loss)*(1-loss)*(1-failure))
	if p >= 1 {
		return float64(n)
	}
	return (1 - math.Pow(p, float64(n))) / (1 - p)
}

// isEvent is 1 when a delay of d is an event of its own, 0 for none.
func isEvent(d distributions.Dist) float64 {
	if d == nil || distributions.IsZero(d) {
		return 0
	}
	return 1
}

// topological returns the indices of the services of c reached from the
// entry, callers before callees.
func topological(c *models.Config, index map[string]int) []int {
	var out []int
	seen := make([]bool, len(c.Services))
	var visit func(i int)
	visit = func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		for _, st := range c.Services[i].Calls {
			for _, h := range st.Hops {
				if to, ok := index[h.To]; ok {
					visit(to)
				}
			}
		}
		out = append(out, i)
	}
	visit(c.Entry())
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// graphEvents estimates the events of one run of the graph c over
// horizon seconds, given the clients' request rate.
func graphEvents(c *models.Config, rate, horizon, span float64) float64 {
	visits, events := graphVisits(c)
	perRequest := 1.0
	for i := range visits {
		perRequest += visits[i] * events[i]
	}
	total := rate * perRequest * horizon
	for _, s := range c.Services {
		if cr := s.Crash; cr != nil {
			if cycle := mean(cr.Uptime) + mean(cr.Downtime); cycle > 0 {
				total += 2 * float64(s.Instances) * span / cycle
			}
		}
	}
	if math.IsNaN(total) || math.IsInf(total, 0) || total < 0 {
		return 0
	}
	return total
}

// graphOverload says which services of the open-loop graph c are offered
// more work than its workers can do with nothing bounding its queue (no
// capacity, or no broker capacity for a service behind a broker), or
// returns "". A worker blocked in a sync call is not counted as busy
// here, so this finds the services overloaded by their own work only.
func graphOverload(c *models.Config) string {
	if c.Clients.Arrival == nil {
		return ""
	}
	lambda := float64(c.Clients.Count) * clientRate(c)
	visits, _ := graphVisits(c)
	viaBroker := map[string]bool{}
	for _, s := range c.Services {
		for _, st := range s.Calls {
			for _, h := range st.Hops {
				viaBroker[h.To] = viaBroker[h.To] || h.Policy == models.MQ
			}
		}
	}
	if e := c.Entry(); e >= 0 && c.Policy == models.MQ {
		viaBroker[c.Services[e].Name] = true
	}
	var msgs []string
	for i, s := range c.Services {
		if s.Service == nil {
			continue
		}
		workers := s.Instances * s.Workers
		arrivals := lambda * visits[i]
		rho := arrivals * s.Service.Mean() / float64(workers)
		room, key := s.Capacity, "capacity"
		if viaBroker[s.Name] {
			room, key = s.Broker.Capacity, "broker.capacity"
		}
		if rho >= 1 && !math.IsInf(rho, 0) && room == 0 {
			msgs = append(msgs, fmt.Sprintf("service %s: offered load %.3g >= 1 (%s/s%s × %s / %s) with %s 0: its queue grows without bound",
				s.Name, rho, num(arrivals), atPeak(c), dur(s.Service.Mean()), plural(workers, "worker"), key))
		}
	}
	return strings.Join(msgs, "; ")
}
