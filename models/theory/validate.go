package theory

import (
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
)

// invalidReason returns why cfg is not a valid model, or "" when it is. It
// checks only what the formulas rely on; models validates the rest.
func invalidReason(cfg models.Config) string {
	c, s := cfg.Clients, cfg.Server
	switch {
	case cfg.Policy != models.Sync && cfg.Policy != models.Callback &&
		cfg.Policy != models.Event && cfg.Policy != models.MQ:
		return fmt.Sprintf("invalid config: unknown policy %q", cfg.Policy)
	case (c.Arrival == nil) == (c.Think == nil):
		return "invalid config: exactly one of clients.arrival and clients.think must be set"
	case s.Service == nil:
		return "invalid config: server.service is not set"
	case c.Count < 1, c.Threads < 1, c.Loops < 1, c.Retry.Attempts < 1:
		return "invalid config: clients.count, threads, loops and retry.attempts must be >= 1"
	case c.MaxInFlight < 0, c.Timeout < 0:
		return "invalid config: clients.max_in_flight and clients.timeout must be >= 0"
	case s.Count < 1, s.Workers < 1, s.Capacity < 0:
		return "invalid config: server.count and server.workers must be >= 1, server.capacity >= 0"
	case cfg.Handler.Listeners < 1:
		return "invalid config: handler.listeners must be >= 1"
	case !isProb(cfg.Network.Loss), !isProb(s.Error), !isProb(cfg.Handler.Error):
		return "invalid config: network.loss, server.error and handler.error must be in [0, 1]"
	}
	if cfg.Policy == models.MQ {
		b := cfg.Broker
		switch {
		case b.Capacity < 0:
			return "invalid config: broker.capacity must be >= 0"
		case b.Delivery != models.AtLeastOnce && b.Delivery != models.AtMostOnce:
			return fmt.Sprintf("invalid config: unknown broker.delivery %q", b.Delivery)
		case b.Delivery == models.AtLeastOnce && b.MaxDeliveries < 1:
			return "invalid config: broker.max_deliveries must be >= 1"
		}
	}
	delays := []struct {
		path string
		d    distributions.Dist
	}{
		{"clients.arrival", c.Arrival}, {"clients.think", c.Think}, {"server.service", s.Service},
		{"network.send", cfg.Network.Send}, {"network.reply", cfg.Network.Reply},
		{"handler.time", cfg.Handler.Time}, {"broker.latency", cfg.Broker.Latency},
	}
	for _, x := range delays {
		if m := meanOf(x.d); !(m >= 0) || math.IsInf(m, 1) {
			return fmt.Sprintf("%s has mean %g: the formulas need a finite mean", x.path, m)
		}
	}
	if m := s.Service.Mean(); m == 0 {
		return "invalid config: server.service has mean 0"
	}
	if a := c.Arrival; a != nil && a.Mean() == 0 {
		return "invalid config: clients.arrival has mean 0"
	}
	return ""
}

// isProb reports whether p is a probability.
func isProb(p float64) bool { return p >= 0 && p <= 1 }
