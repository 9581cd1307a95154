// Package models simulates clients talking to servers, directly or through a
// message broker, under one of four communication policies, with stochastic
// delays and failures. Run builds a model from a Config and returns every
// metric of one run.
package models

import (
	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// Policy is a communication policy between a client and its servers.
type Policy string

// The communication policies.
const (
	Sync     Policy = "sync"     // blocking calls on a pool of client threads
	Callback Policy = "callback" // non-blocking send, one callback per reply on an executor
	Event    Policy = "event"    // reply published on the client's event queue, listeners run per event
	MQ       Policy = "mq"       // publish to a broker whose consumers are the servers' workers
)

// Policies lists the valid policies in documentation order.
var Policies = []Policy{Sync, Callback, Event, MQ}

// Delivery is a broker's delivery guarantee.
type Delivery string

// The delivery guarantees of the broker.
const (
	AtLeastOnce Delivery = "at-least-once"
	AtMostOnce  Delivery = "at-most-once"
)

// Config is a whole model. Its zero value is not valid; DefaultConfig returns
// the defaults of the experiment format.
type Config struct {
	Policy  Policy
	Clients Clients
	Network Network
	Server  Server
	Handler Handler
	Broker  Broker
	// Services is a service graph; empty for one tier (Server). With
	// services, Server and Broker are not used.
	Services []Service
}

// Clients configures the request sources.
type Clients struct {
	Count       int                // number of clients
	Arrival     distributions.Dist // open loop: time between requests of one client; nil when closed loop
	Think       distributions.Dist // closed loop (sync): think time after each reply; nil when open loop
	Threads     int                // sync: blocking calls a client can have at once
	MaxInFlight int                // callback/event/mq: outstanding requests per client, 0 = unbounded
	MaxWait     sim.Duration       // > 0: a request that waits longer for a thread or in-flight slot is rejected
	Loops       int                // callback/event: handler executors per client
	Timeout     sim.Duration       // per attempt, 0 = never
	Retry       Retry
	Calls       string // service graph: the entry service; "" = the first service
	// Profile, when it has points, varies the arrival rate (open loop) or
	// the active users (closed loop) of every client over time.
	Profile  Profile
	Breaker  *Breaker // circuit_breaker; nil = none
	Hedge    *Hedge   // nil = none
	Deadline bool     // attempts carry their deadline (now + Timeout)
}

// Retry configures retries of failed attempts.
type Retry struct {
	Attempts   int                // total attempts, 1 = no retry
	Backoff    distributions.Dist // wait before attempt k+1, scaled by Multiplier^(k-1)
	Multiplier float64
	MaxBackoff sim.Duration // > 0: cap on the wait after the multiplier
	Jitter     Jitter       // "" is NoJitter
	Budget     *Budget      // nil = retries are not budgeted
}

// Jitter is how a retry's wait is randomised, after "Exponential Backoff
// And Jitter" (AWS Architecture Blog): with w the wait after the
// multiplier and the cap, none waits w; full a uniform draw in [0, w];
// equal w/2 plus a uniform draw in [0, w/2]; decorrelated a uniform draw
// in [b, 3 × the previous wait] (the first previous wait is b), capped,
// where b is the drawn backoff without the multiplier.
type Jitter string

// The jitters.
const (
	NoJitter           Jitter = "none"
	FullJitter         Jitter = "full"
	EqualJitter        Jitter = "equal"
	DecorrelatedJitter Jitter = "decorrelated"
)

// Jitters lists the jitters in documentation order.
var Jitters = []Jitter{NoJitter, FullJitter, EqualJitter, DecorrelatedJitter}

// Network configures message delays and loss.
type Network struct {
	Send  distributions.Dist // client -> server or broker
	Reply distributions.Dist // server -> client
	Loss  float64            // probability that any one message is lost
}

// Server configures the servers.
type Server struct {
	Count    int // servers; requests are spread round-robin
	Workers  int // requests one server works on at once
	Capacity int // waiting room per server, 0 = unbounded
	Service  distributions.Dist
	Error    float64 // probability that a served request fails
	Crash    *Crash  // nil = never crashes
	Queue    Discipline
	Codel    *Codel // nil: DefaultCodel (queue codel or adaptive-lifo)
	// QueueTimeout > 0: requests that waited longer are dropped (shed).
	QueueTimeout sim.Duration
	RateLimit    *RateLimit // nil = none
	Eject        *Eject     // nil = none
}

// Discipline is the order in which a server's waiting requests are served.
type Discipline string

// The queue disciplines. "" is FIFO.
const (
	FIFO Discipline = "fifo" // the longest-waiting first
	LIFO Discipline = "lifo" // the most recent first
)

// Disciplines lists the queue disciplines without settings of their own,
// in documentation order; AdaptiveLIFO and CoDel (resilience.go) read
// Codel.
var Disciplines = []Discipline{FIFO, LIFO}

// Crash configures server crashes: up for Uptime, down for Downtime, repeat.
type Crash struct {
	Uptime   distributions.Dist
	Downtime distributions.Dist
}

// Handler configures the client-side processing of a reply.
type Handler struct {
	Time      distributions.Dist
	Error     float64 // probability that processing fails (never retried)
	Listeners int     // event: listeners run for each reply event
}

// Broker configures the message broker of the mq policy.
type Broker struct {
	Capacity      int // messages held, 0 = unbounded
	Latency       distributions.Dist
	Delivery      Delivery
	AckTimeout    sim.Duration
	MaxDeliveries int
	TTL           sim.Duration // > 0: a message older than this is dropped (expired)
}

// DefaultConfig returns a Config holding every default of the experiment
// format. Service and one of Arrival or Think have no default and are nil.
func DefaultConfig() Config {
	zero := distributions.Constant{}
	return Config{
		Policy: Callback,
		Clients: Clients{
			Count: 1, Threads: 1, Loops: 1,
			Retry: Retry{Attempts: 1, Backoff: zero, Multiplier: 1, Jitter: NoJitter},
		},
		Network: Network{Send: zero, Reply: zero},
		Server:  Server{Count: 1, Workers: 1, Queue: FIFO},
		Handler: Handler{Time: zero, Listeners: 1},
		Broker: Broker{
			Latency: zero, Delivery: AtLeastOnce,
			AckTimeout: 30 * sim.Second, MaxDeliveries: 5,
		},
	}
}
