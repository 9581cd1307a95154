package theory

import (
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/models"
)

// Prediction is what theory predicts for one configuration. NaN marks a
// figure the formula does not give.
type Prediction struct {
	Formula     string  // which closed form applies, one of the Formula constants
	DelayMean   float64 // mean end-to-end delay t3 - t0 of successful requests, seconds
	Throughput  float64 // successful requests per second
	Reliability float64 // succeeded / (succeeded + failed)
}

// The names Predict gives in Prediction.Formula.
const (
	FormulaMM1          = "M/M/1"
	FormulaMMc          = "M/M/c"
	FormulaMG1          = "M/G/1"
	FormulaMD1          = "M/D/1"
	FormulaMM1K         = "M/M/1/K"
	FormulaClientMMc    = "M/M/c (client threads)"
	FormulaMVA          = "MVA"
	FormulaMQDeadLetter = "mq dead-letter"
	FormulaMQAtMostOnce = "mq at-most-once"
	FormulaLoss         = "loss"
)

// Predict reports the closed form that applies to cfg, or ok=false and a
// reason when none does. It must refuse, never guess: every figure it gives
// is exact in steady state (up to nanosecond rounding of samples), and a
// figure it cannot give exactly is NaN.
//
// Throughout, a handler error is an independent coin drawn when processing
// ends, once per reply (once per listener under event); it never changes
// timing, so it is allowed everywhere and scales Reliability and Throughput
// by the keep factor h' = 1-handler.error, or (1-handler.error)^listeners
// under event. A server error is an independent coin drawn after service.
// Network send and reply delays, the broker latency (applied before the
// broker queue) and, under sync, the handler time never queue: their means
// add to the delay. Arrivals are Poisson when clients.arrival is
// exponential: clients.count independent Poisson clients superpose to rate
// lambda = count/mean(arrival). With retries on server errors, the station
// is offered lambda·(1 + e + … + e^(k-1)) attempts; that load must be below
// capacity for Throughput = lambda·Reliability to hold.
//
// The cases, tried in this order:
//
//  0. Invalid configurations are refused ("invalid config: …").
//  5. Closed loop (clients.think set), policy sync: "MVA". N =
//     clients.count·clients.threads customers, think time Z = mean(think) +
//     mean(send) + mean(reply) + mean(handler.time) (infinite-server
//     stations, any law), one server with one worker, exponential service,
//     capacity 0 or >= N-1 (never rejects), no loss, server error, crash or
//     timeout. Throughput = X(N)·h', DelayMean = R(N) + mean(send) +
//     mean(reply) + mean(handler.time).
//  7. Open loop with network.loss p > 0, policy callback, event or mq, any
//     arrival and service law: "loss". Needs timeout 0, server.error 0, no
//     crash, server (and broker) capacity 0 and max_in_flight 0 (under sync
//     or with a window, lost messages hold threads or slots for good and
//     requests stop resolving: refused). A lost message then fails its request at once with
//     no retry, request and reply legs each lost with probability p (for mq:
//     client to broker and reply), so Reliability = (1-p)²·h'. DelayMean
//     is NaN. Throughput = lambda·Reliability when the system is
//     stable (server load lambda(1-p)E[S]/(count·workers) < 1 and handler
//     executors below saturation), else NaN.
//
// The remaining open-loop cases need exponential arrivals, no crash and no
// timeout; rho >= 1 is refused as "unstable: rho >= 1".
//
//  1. Policy callback or event, one server, exponential service, capacity
//     0, max_in_flight 0, zero handler.time: "M/M/1" or "M/M/c" with
//     c = server.workers. Reliability = (1-e^k)·h' for server error e and
//     k = retry.attempts; Throughput = lambda·Reliability; DelayMean = W + mean(send) + mean(reply), or NaN when retries re-offer
//     load (e > 0 and k > 1).
//  2. As case 1 with non-exponential service of finite second moment and
//     one worker: "M/G/1" by Pollaczek–Khinchine ("M/D/1" for constant
//     service).
//  3. As case 1 with server.capacity K' > 0, one worker and retry.attempts
//     1: "M/M/1/K" with K = K'+1 in system. Reliability = (1-Pblock)·(1-e)·h',
//     Throughput = lambda·Reliability, DelayMean = sojourn of accepted requests + mean(send) + mean(reply).
//  4. Policy sync, where the client threads are the only queue: exponential
//     service, zero send, reply and handler.time, server.workers >=
//     clients.count·clients.threads (no server ever queues, whatever the
//     round-robin), retry.attempts 1 if server.error > 0: each client is an
//     M/M/c queue with c = threads, its own arrival rate and mu =
//     1/mean(service), "M/M/c (client threads)". Reliability = (1-e)·h',
//     Throughput = lambda·Reliability, DelayMean = W.
//  6. Policy mq, exponential service, broker capacity 0 (server capacity
//     plays no part under mq),
//     max_in_flight 0, zero handler.time, retry.attempts 1 if server.error
//     e > 0, and (at-least-once) an ack_timeout so long against service and
//     broker latency that a missed ack has probability below 1e-6. All
//     C = server.count·server.workers workers consume one FIFO: M/M/C.
//     At-least-once, "mq dead-letter": Reliability = (1-e^max_deliveries)·h',
//     DelayMean = W + mean(latency) + mean(send) + mean(reply) when e = 0 or
//     max_deliveries = 1, else NaN (redeliveries re-offer load).
//     At-most-once, "mq at-most-once": Reliability = (1-e)·h' and the same
//     DelayMean. Throughput = lambda·Reliability.
//
// Everything else is refused with a reason naming the setting that breaks
// the closed form (for example "server.count > 1: round-robin split of
// Poisson arrivals is not Poisson").
func Predict(cfg models.Config) (p Prediction, ok bool, reason string) {
	if r := invalidReason(cfg); r != "" {
		return refuse("%s", r)
	}
	if cfg.Graph() {
		return refuse("a service graph: no closed form for the whole graph (see package theory's network functions for parts of one)")
	}
	if len(cfg.Clients.Profile.Points) > 0 {
		return refuse("clients.profile set: the load changes over time, no steady state")
	}
	if cfg.Clients.Think != nil {
		return predictClosed(cfg)
	}
	if cfg.Network.Loss > 0 {
		return predictLoss(cfg)
	}
	if cfg.Server.Crash != nil {
		return refuse("server.crash set: crashes make service unavailable for random periods, no closed form")
	}
	if cfg.Clients.Timeout > 0 {
		return refuse("clients.timeout set: timeouts cut the sojourn short and retry, no closed form")
	}
	if _, ok := exponentialMean(cfg.Clients.Arrival); !ok {
		return refuse("clients.arrival is %s, not exponential: arrivals are not Poisson", name(cfg.Clients.Arrival))
	}
	switch cfg.Policy {
	case models.Sync:
		return predictSyncOpen(cfg)
	case models.MQ:
		return predictMQ(cfg)
	default:
		return predictDirect(cfg)
	}
}

// refuse returns a refusal whose reason is formatted from format and args.
func refuse(format string, args ...any) (Prediction, bool, string) {
	nan := math.NaN()
	return Prediction{DelayMean: nan, Throughput: nan, Reliability: nan}, false, fmt.Sprintf(format, args...)
}

// arrivalRate returns the total request rate of the open-loop clients,
// count/mean(arrival), whatever the arrival law.
func arrivalRate(cfg models.Config) float64 {
	return float64(cfg.Clients.Count) / cfg.Clients.Arrival.Mean()
}
