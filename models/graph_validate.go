package models

import (
	"fmt"
	"regexp"
	"strings"
)

// serviceName is the form of a service's name.
var serviceName = regexp.MustCompile(`^[a-z0-9_-]+$`)

// validateGraph reports the invalid fields of a service graph through
// bad: each service's settings, each hop's, unknown targets, cycles and
// services that no request reaches. Fields are dotted paths under model,
// list items by index (services.api.calls.1.parallel.0.to).
func (c *Config) validateGraph(bad badFunc) {
	switch {
	case c.Clients.Calls == "" && len(c.Services) > 1:
		bad("clients.calls", "is required with more than one service: name the entry service")
	case c.Clients.Calls != "" && c.serviceIndex(c.Clients.Calls) < 0:
		bad("clients.calls", "no service %q", c.Clients.Calls)
	}
	seen := map[string]bool{}
	for i := range c.Services {
		s := &c.Services[i]
		p := "services." + s.Name
		switch {
		case !serviceName.MatchString(s.Name):
			bad(p, "a service name must match [a-z0-9_-]+, got %q", s.Name)
		case s.Name == ClientsName:
			bad(p, "%q names the clients in metric names; call the service something else", s.Name)
		case seen[s.Name]:
			bad(p, "service %q defined twice", s.Name)
		}
		seen[s.Name] = true
		bad.atLeast(p+".instances", s.Instances, 1)
		bad.atLeast(p+".workers", s.Workers, 1)
		bad.atLeast(p+".capacity", s.Capacity, 0)
		bad.need(p+".service", s.Service)
		bad.prob(p+".error", s.Error)
		bad.crash(p+".crash", s.Crash)
		switch s.Balance {
		case RoundRobin, Random, LeastOutstanding, TwoChoices:
		default:
			bad(p+".balance", "must be one of round-robin, random, least-outstanding, two-choices, got %q", s.Balance)
		}
		validateBroker(bad, p+".broker", &s.Broker)
		validateStationGuards(bad, p+".", s.Queue, s.Codel, s.QueueTimeout, s.RateLimit, s.Eject)
		for k := range s.Calls {
			st := &s.Calls[k]
			sp := fmt.Sprintf("%s.calls.%d", p, k)
			if st.Parallel {
				if len(st.Hops) == 0 {
					bad(sp+".parallel", "needs at least one call")
				}
				if st.Wait < 0 || st.Wait > len(st.Hops) {
					bad(sp+".wait", "must be all, any or a number of calls in 1..%d, got %d", len(st.Hops), st.Wait)
				}
			}
			for h := range st.Hops {
				hp := sp
				if st.Parallel {
					hp = fmt.Sprintf("%s.parallel.%d", sp, h)
				}
				c.validateHop(bad, hp, &st.Hops[h])
			}
		}
	}
	c.validateReach(bad)
}

func (c *Config) validateHop(bad badFunc, p string, h *Hop) {
	if c.serviceIndex(h.To) < 0 {
		bad(p+".to", "no service %q", h.To)
	}
	switch h.Policy {
	case Sync, Callback, MQ:
	default:
		bad(p+".policy", "a call's policy must be one of sync, callback, mq, got %q", h.Policy)
	}
	if !h.Reply && h.Policy != MQ {
		bad(p+".reply", "reply: false needs policy mq (fire and forget through a broker), got %s", h.Policy)
	}
	if !h.Reply && h.Timeout > 0 {
		bad(p+".timeout", "a call with reply: false has no outcome to wait for, so no timeout")
	}
	if !h.Reply && h.Breaker != nil {
		bad(p+".circuit_breaker", "a call with reply: false has no outcome for a circuit breaker to count")
	}
	if !h.Reply && h.Retry.Attempts > 1 {
		bad(p+".retry.attempts", "a call with reply: false has no outcome to retry on, so 1 attempt, got %d", h.Retry.Attempts)
	}
	if h.Timeout < 0 {
		bad(p+".timeout", "must be >= 0, got %v", h.Timeout)
	}
	bad.retry(p+".retry", &h.Retry)
	switch h.OnError {
	case Fail, Ignore:
	default:
		bad(p+".on_error", "must be fail or ignore, got %q", h.OnError)
	}
	bad.network(p+".network", &h.Network)
	validateGuards(bad, p+".", h.Breaker, h.Hedge)
	validateDeadline(bad, p+".", h.Deadline, h.Timeout)
	if h.Hedge != nil && h.Policy == MQ {
		bad(p+".hedge", "hedging sends copies to instances; policy mq sends to a broker")
	}
	if h.Hedge != nil && h.Retry.Attempts > 1 {
		bad(p+".hedge", "cannot be used with retry.attempts > 1 (as in gRPC, a call hedges or retries)")
	}
}

// validateReach reports cycles, services reached both through a broker and
// directly, and services no request reaches from the entry.
func (c *Config) validateReach(bad badFunc) {
	entry := c.Entry()
	if entry < 0 {
		return
	}
	const (
		unseen = iota
		active
		done
	)
	state := make([]int, len(c.Services))
	mq := make([]int, len(c.Services)) // 1 reached through a broker, 2 directly
	mark := func(to int, p Policy, field string) {
		k := 2
		if p == MQ {
			k = 1
		}
		if mq[to] != 0 && mq[to] != k {
			bad(field, "service %q is called both through its broker (mq) and directly (sync, callback): a service's workers are either a broker's consumers or not", c.Services[to].Name)
		}
		mq[to] = k
	}
	mark(entry, c.Policy, "policy")
	var path []string // the services on the current path, for a cycle's message
	var visit func(i int)
	visit = func(i int) {
		state[i] = active
		path = append(path, c.Services[i].Name)
		s := &c.Services[i]
		for k := range s.Calls {
			st := &s.Calls[k]
			for h := range st.Hops {
				hp := fmt.Sprintf("services.%s.calls.%d", s.Name, k)
				if st.Parallel {
					hp = fmt.Sprintf("%s.parallel.%d", hp, h)
				}
				to := c.serviceIndex(st.Hops[h].To)
				if to < 0 {
					continue
				}
				mark(to, st.Hops[h].Policy, hp+".policy")
				switch state[to] {
				case active:
					bad(hp+".to", "a cycle: %s", cycle(path, st.Hops[h].To))
				case unseen:
					visit(to)
				}
			}
		}
		state[i] = done
		path = path[:len(path)-1]
	}
	visit(entry)
	for i := range c.Services {
		if state[i] == unseen {
			bad("services."+c.Services[i].Name, "no request reaches service %q from the entry service %q", c.Services[i].Name, c.Services[entry].Name)
		}
	}
}

// validateBroker checks the settings of a broker at field p.
func validateBroker(bad badFunc, p string, b *Broker) {
	bad.atLeast(p+".capacity", b.Capacity, 0)
	bad.need(p+".latency", b.Latency)
	switch b.Delivery {
	case AtLeastOnce, AtMostOnce:
	default:
		bad(p+".delivery", "must be at-least-once or at-most-once, got %q", b.Delivery)
	}
	if b.AckTimeout <= 0 {
		bad(p+".ack_timeout", "must be > 0, got %v", b.AckTimeout)
	}
	bad.atLeast(p+".max_deliveries", b.MaxDeliveries, 1)
	if b.TTL < 0 {
		bad(p+".ttl", "must be >= 0, got %v", b.TTL)
	}
}

// cycle returns the cycle that a call to `to` closes on path, as
// "api -> db -> api".
func cycle(path []string, to string) string {
	for k, name := range path {
		if name == to {
			return strings.Join(append(append([]string{}, path[k:]...), to), " -> ")
		}
	}
	return to
}
