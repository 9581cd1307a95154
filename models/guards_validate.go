package models

import "github.com/asyncsim/asyncsim/sim"

// validateBrokerGuards refuses the waiting-room mechanisms (codel,
// adaptive-lifo, queue_timeout, rate_limit, eject) on services reached
// through their broker: their consumers take messages from the broker and
// have no waiting room or balance of their own.
func (c *Config) validateBrokerGuards(bad badFunc) {
	if !c.Graph() {
		if c.Policy == MQ {
			s := &c.Server
			brokerGuards(bad, "server.", s.Queue, s.QueueTimeout, s.RateLimit, s.Eject)
		}
		return
	}
	mq := make([]bool, len(c.Services))
	if e := c.Entry(); e >= 0 {
		mq[e] = c.Policy == MQ
	}
	for i := range c.Services {
		for _, step := range c.Services[i].Calls {
			for _, h := range step.Hops {
				if to := c.serviceIndex(h.To); to >= 0 && h.Policy == MQ {
					mq[to] = true
				}
			}
		}
	}
	for i := range c.Services {
		if s := &c.Services[i]; mq[i] {
			brokerGuards(bad, "services."+s.Name+".", s.Queue, s.QueueTimeout, s.RateLimit, s.Eject)
		}
	}
}

// brokerGuards reports each waiting-room mechanism set on a service at
// field prefix p that is reached through its broker.
func brokerGuards(bad badFunc, p string, d Discipline, queueTimeout sim.Duration, rl *RateLimit, ej *Eject) {
	const why = "a service reached through its broker (mq) has no waiting room nor balance of its own: its consumers take messages from the broker; to drop old messages, use broker.ttl"
	if d == CoDel || d == AdaptiveLIFO {
		bad(p+"queue", "%s cannot be used here: %s", d, why)
	}
	if queueTimeout > 0 {
		bad(p+"queue_timeout", "cannot be used here: %s", why)
	}
	if rl != nil {
		bad(p+"rate_limit", "cannot be used here: %s", why)
	}
	if ej != nil {
		bad(p+"eject", "cannot be used here: %s", why)
	}
}
