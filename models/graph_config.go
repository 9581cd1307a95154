package models

import (
	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/sim"
)

// Balance is how callers pick an instance of a service.
type Balance string

// The balancing rules.
const (
	RoundRobin       Balance = "round-robin"       // one rotation per service, shared by all callers
	Random           Balance = "random"            // uniform over the instances
	LeastOutstanding Balance = "least-outstanding" // fewest requests in service or waiting; ties: lowest index
	TwoChoices       Balance = "two-choices"       // two distinct instances at random, the one with fewer outstanding
)

// Balances lists the balancing rules in documentation order.
var Balances = []Balance{RoundRobin, Random, LeastOutstanding, TwoChoices}

// OnError is what a caller does when a call fails after its retries.
type OnError string

// The error handling of a hop.
const (
	Fail   OnError = "fail"   // the caller's request fails (it replies with an error)
	Ignore OnError = "ignore" // a fallback: the caller goes on as if the call had succeeded
)

// ClientsName is the caller name of the clients in per-hop metric names
// (call.clients.NAME.attempts); no service may be called so.
const ClientsName = metrics.ClientsName

// Service is one service of a graph: instances with workers and a waiting
// room each, and the calls every request makes after the service's own
// work.
type Service struct {
	Name         string
	Instances    int // like Server.Count
	Workers      int // requests one instance works on at once
	Capacity     int // waiting room per instance, 0 = unbounded
	Service      distributions.Dist
	Error        float64
	Crash        *Crash
	Balance      Balance
	Queue        Discipline // order of the waiting room (and of the broker)
	Broker       Broker     // when reached through mq hops
	Calls        []Step
	Codel        *Codel // as Server's
	QueueTimeout sim.Duration
	RateLimit    *RateLimit
	Eject        *Eject
}

// Step is one step of a service's calls: a single hop, or a parallel group
// of hops that go out at once.
type Step struct {
	Hops     []Hop
	Parallel bool
	// Wait is the number of successful calls a parallel group needs: 0 for
	// all of them (wait: all), 1 for any.
	Wait int
}

// Need returns the number of successes the step needs.
func (s *Step) Need() int {
	if s.Wait == 0 || !s.Parallel {
		return len(s.Hops)
	}
	return s.Wait
}

// Hop is a call from one service to another.
type Hop struct {
	To      string
	Policy  Policy // sync, callback or mq
	Timeout sim.Duration
	Retry   Retry
	OnError OnError
	Network Network
	// Reply is false for a fire-and-forget mq hop: the caller goes on at
	// once and never learns the outcome.
	Reply    bool
	Breaker  *Breaker // circuit_breaker; nil = none
	Hedge    *Hedge   // nil = none
	Deadline bool     // attempts carry their deadline (now + Timeout)
}

// Graph reports whether c is a service graph (services:) rather than one
// tier (server:).
func (c *Config) Graph() bool { return len(c.Services) > 0 }

// Entry returns the index in c.Services of the service the clients call.
func (c *Config) Entry() int {
	if c.Clients.Calls == "" {
		return 0
	}
	return c.serviceIndex(c.Clients.Calls)
}

func (c *Config) serviceIndex(name string) int {
	for i := range c.Services {
		if c.Services[i].Name == name {
			return i
		}
	}
	return -1
}

// DefaultService returns a Service holding every default of the
// experiment format, named name. Its Service distribution is nil.
func DefaultService(name string) Service {
	return Service{
		Name: name, Instances: 1, Workers: 1, Balance: RoundRobin, Queue: FIFO,
		Broker: DefaultConfig().Broker,
	}
}

// DefaultHop returns a Hop to the service to with every default of the
// experiment format; its network is net, the model's.
func DefaultHop(to string, net Network) Hop {
	return Hop{
		To: to, Policy: Sync, OnError: Fail, Network: net, Reply: true,
		Retry: Retry{Attempts: 1, Backoff: distributions.Constant{}, Multiplier: 1, Jitter: NoJitter},
	}
}
