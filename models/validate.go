package models

import (
	"errors"
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/distributions"
)

// FieldError reports one invalid field of a Config. Field is the dotted path
// of the field under model, as written in an experiment file
// ("server.workers").
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Validate reports every invalid field of c, joined with errors.Join; each
// is a *FieldError.
func (c *Config) Validate() error {
	var errs []error
	bad := badFunc(func(field, format string, a ...any) {
		errs = append(errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, a...)})
	})

	switch c.Policy {
	case Sync, Callback, Event, MQ:
	default:
		bad("policy", "must be one of sync, callback, event, mq, got %q", c.Policy)
	}

	cl := &c.Clients
	bad.atLeast("clients.count", cl.Count, 1)
	switch {
	case cl.Arrival == nil && cl.Think == nil:
		bad("clients.arrival", "is required (or clients.think for a closed loop)")
	case cl.Arrival != nil && cl.Think != nil:
		bad("clients.think", "cannot be used together with clients.arrival")
	case cl.Think != nil && c.Policy != Sync:
		bad("clients.think", "a closed loop needs policy sync, got %s", c.Policy)
	}
	if cl.Arrival != nil {
		clockMean(bad, "clients.arrival", cl.Arrival)
	}
	if cl.Think != nil && c.Policy == Sync {
		c.closedLoopTakesTime(bad)
		// Every user holds an event or a request at all times, so more
		// users than the backlog limit could only fail, after taking
		// the memory (about 140 bytes a user) for nothing.
		if users := cl.Count * cl.Threads; cl.Count > 0 && cl.Threads > 0 && users > DefaultMaxBacklog {
			bad("clients.threads", "%d closed-loop users (clients.count %d × clients.threads %d) are more than a run can hold: at most %d, the backlog limit of a run",
				users, cl.Count, cl.Threads, DefaultMaxBacklog)
		}
	}
	c.validateProfile(bad)
	switch {
	case cl.MaxWait < 0:
		bad("clients.max_wait", "must be >= 0, got %v", cl.MaxWait)
	case cl.MaxWait > 0 && c.Policy != Sync && cl.MaxInFlight == 0:
		bad("clients.max_wait", "a request only waits for a thread (sync) or an in-flight slot (clients.max_in_flight > 0); %s has neither", c.Policy)
	}
	bad.atLeast("clients.threads", cl.Threads, 1)
	bad.atLeast("clients.max_in_flight", cl.MaxInFlight, 0)
	bad.atLeast("clients.loops", cl.Loops, 1)
	if cl.Timeout < 0 {
		bad("clients.timeout", "must be >= 0, got %v", cl.Timeout)
	}
	bad.retry("clients.retry", &cl.Retry)
	validateGuards(bad, "clients.", cl.Breaker, cl.Hedge)
	validateDeadline(bad, "clients.", cl.Deadline, cl.Timeout)
	if cl.Hedge != nil && c.Policy == MQ {
		bad("clients.hedge", "hedging sends copies to instances; policy mq sends to a broker")
	}
	if cl.Hedge != nil && cl.Retry.Attempts > 1 {
		bad("clients.hedge", "cannot be used with retry.attempts > 1 (as in gRPC, a call hedges or retries)")
	}
	bad.network("network", &c.Network)

	if c.Graph() {
		c.validateGraph(bad)
	} else {
		c.validateServer(bad)
	}
	c.validateBrokerGuards(bad)

	bad.need("handler.time", c.Handler.Time)
	bad.prob("handler.error", c.Handler.Error)
	bad.atLeast("handler.listeners", c.Handler.Listeners, 1)
	if !c.Graph() {
		validateBroker(bad, "broker", &c.Broker)
	}
	return errors.Join(errs...)
}

// validateServer reports the invalid fields of a one-tier model's server.
func (c *Config) validateServer(bad badFunc) {
	s := &c.Server
	validateStationGuards(bad, "server.", s.Queue, s.Codel, s.QueueTimeout, s.RateLimit, s.Eject)
	bad.atLeast("server.count", s.Count, 1)
	bad.atLeast("server.workers", s.Workers, 1)
	bad.atLeast("server.capacity", s.Capacity, 0)
	bad.need("server.service", s.Service)
	bad.prob("server.error", s.Error)
	bad.crash("server.crash", s.Crash)
}

// MinClockMean is the smallest mean, in seconds, of a distribution that
// drives the clock (the time between a client's requests, a server's
// uptime): 1ns, the clock's resolution. Below it almost every sample
// rounds to 0 and the clock never advances.
const MinClockMean = 1e-9

// clockMean checks that d, which drives the clock, has a mean of at
// least MinClockMean.
func clockMean(bad badFunc, field string, d distributions.Dist) {
	m := d.Mean()
	switch {
	case math.IsNaN(m) || m <= 0:
		bad(field, "mean must be > 0, got %v", m)
	case m < MinClockMean:
		bad(field, "mean must be at least 1ns (the clock's resolution), got %.3gs", m)
	}
}

// closedLoopTakesTime checks that one cycle of a closed-loop user (think,
// send, service, reply) takes time on average, also for a request the
// server rejects at once (full, crashed or rate limited), which skips the
// service, and for one the clients' circuit breaker refuses, which skips
// everything but the think time: a cycle of mean 0 would repeat forever
// at one instant.
func (c *Config) closedLoopTakesTime(bad badFunc) {
	mean := func(d distributions.Dist) float64 {
		if d == nil {
			return 0
		}
		return d.Mean()
	}
	if c.Clients.Breaker != nil && !(mean(c.Clients.Think) >= MinClockMean) {
		bad("clients.think", "a closed loop behind clients.circuit_breaker must take time to think: a request the open breaker refuses takes no time at all "+
			"(no network, no service), so with clients.think of mean 0 the clock never advances once it opens; give clients.think a mean of at least 1ns")
		return
	}
	cycle := mean(c.Clients.Think) + mean(c.Network.Send) + mean(c.Network.Reply)
	if c.Clients.Retry.Attempts > 1 {
		cycle += mean(c.Clients.Retry.Backoff)
	}
	if math.IsNaN(cycle) || cycle >= MinClockMean {
		return
	}
	const advice = "so the clock never advances; give one of them a mean of at least 1ns"
	capacity, crash, service, limit := c.Server.Capacity, c.Server.Crash, c.Server.Service, c.Server.RateLimit
	if c.Graph() {
		e := c.Entry()
		if e < 0 {
			return
		}
		s := &c.Services[e]
		capacity, crash, service, limit = s.Capacity, s.Crash, s.Service, s.RateLimit
	}
	rejects := capacity > 0 || crash != nil || limit != nil
	switch {
	case !rejects && mean(service) >= MinClockMean:
	case !rejects:
		bad("clients.think", "a closed loop must take time: clients.think, network.send, network.reply and server.service all have a mean of 0, "+advice)
	default:
		why := "server.capacity"
		switch {
		case crash != nil:
			why = "server.crash"
		case limit != nil:
			why = "server.rate_limit"
		}
		bad("clients.think", "a closed loop must take time: clients.think, network.send and network.reply all have a mean of 0, "+
			"and a request the server rejects (%s) takes no service time, "+advice, why)
	}
}

// validateRetryExtras checks a retry's cap and jitter at field p.
func validateRetryExtras(bad badFunc, p string, r *Retry) {
	if r.MaxBackoff < 0 {
		bad(p+".max_backoff", "must be >= 0, got %v", r.MaxBackoff)
	}
	switch r.Jitter {
	case "", NoJitter, FullJitter, EqualJitter, DecorrelatedJitter:
	default:
		bad(p+".jitter", "must be one of none, full, equal, decorrelated, got %q", r.Jitter)
	}
}

// badFunc reports one invalid field of a Config; its methods are the
// checks every part of a Config shares, with the same messages.
type badFunc func(field, format string, a ...any)

func (bad badFunc) atLeast(field string, v, min int) {
	if v < min {
		bad(field, "must be >= %d, got %d", min, v)
	}
}

func (bad badFunc) prob(field string, p float64) {
	if math.IsNaN(p) || p < 0 || p > 1 {
		bad(field, "must be a probability in [0, 1], got %v", p)
	}
}

func (bad badFunc) need(field string, d distributions.Dist) {
	if d == nil {
		bad(field, "is required")
	}
}

// retry checks a retry section at field p (clients.retry, a call's
// retry).
func (bad badFunc) retry(p string, r *Retry) {
	bad.atLeast(p+".attempts", r.Attempts, 1)
	bad.need(p+".backoff", r.Backoff)
	validateRetryExtras(bad, p, r)
	validateBudget(bad, p+".budget", r.Budget)
	if m := r.Multiplier; math.IsNaN(m) || m < 1 || m > 1000 {
		bad(p+".multiplier", "must be in [1, 1000], got %v", m)
	}
}

// network checks a network section at field p.
func (bad badFunc) network(p string, n *Network) {
	bad.need(p+".send", n.Send)
	bad.need(p+".reply", n.Reply)
	bad.prob(p+".loss", n.Loss)
}

// crash checks an optional crash section at field p.
func (bad badFunc) crash(p string, c *Crash) {
	if c == nil {
		return
	}
	if c.Uptime == nil {
		bad(p+".uptime", "is required")
	} else {
		clockMean(bad, p+".uptime", c.Uptime)
	}
	bad.need(p+".downtime", c.Downtime)
}
