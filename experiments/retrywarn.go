package experiments

import (
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/models"
)

// tailQuantile is the quantile of an attempt's time at the server that a
// timeout must exceed for retries not to be a risk (see retryOverload).
const tailQuantile = 0.99

// attemptTail returns an estimate, in seconds, of the tailQuantile
// quantile of an attempt's time at the servers of c at offered load rho
// (< 1): as if each server were an M/M/c queue, the service's own tail
// (exponential, mean svc) plus the waiting time's (exponential, of rate
// workers·μ·(1 − ρ)), and the network's mean legs. For one worker it is the
// M/M/1 sojourn's quantile, ln(100)·svc/(1 − ρ) at 0.99. A constant
// service with Poisson-like arrivals waits less than this, but bursts, a
// spike of a profile or a crash make such waits happen; the estimate says
// whether a timeout leaves room for the ordinary tail at this load.
func attemptTail(c *models.Config, rho, svc float64) float64 {
	k := -math.Log(1 - tailQuantile)
	workers := float64(c.Server.Workers)
	wait := k * svc / (workers * (1 - rho))
	if workers == 1 {
		wait = k * svc / (1 - rho) // the sojourn of M/M/1, service included
		return wait + mean(c.Network.Send) + mean(c.Network.Reply)
	}
	return k*svc + wait + mean(c.Network.Send) + mean(c.Network.Reply)
}

// retryOverload says when the retries of a one-tier open-loop model can
// take it past capacity although its offered load rho is below 1, or
// returns "": every attempt that times out is sent again, so once waits
// pass the timeout the servers are offered up to attempts × rho, and at
// 1 or more the backlog grows and keeps every attempt timing out (a
// metastable retry storm: it lasts after whatever pushed the waits up is
// gone). It warns when attempts × rho >= 1 with a timeout shorter than
// attemptTail, an unbounded queue and neither a retry budget nor a
// circuit breaker to stop the retries. A generous timeout (longer than
// the tail at this load) gets no warning.
func retryOverload(c *models.Config, rho, lambda, svc float64, workers int) string {
	cl := &c.Clients
	n := cl.Retry.Attempts
	if n <= 1 || cl.Timeout <= 0 || cl.Retry.Budget != nil || cl.Breaker != nil || !(rho < 1) || rho*float64(n) < 1 {
		return ""
	}
	room := c.Server.Capacity
	if c.Policy == models.MQ {
		room = c.Broker.Capacity
	}
	if room > 0 {
		return ""
	}
	tail := attemptTail(c, rho, svc)
	if cl.Timeout.Seconds() >= tail {
		return ""
	}
	return fmt.Sprintf("offered load %.3g (%s/s%s × %s / %s) × %d attempts = %.3g >= 1 with clients.timeout %s, under the %s of an attempt's time at the servers at this load (about %s): "+
		"once attempts time out, retries offer up to %.3g and the backlog can grow without bound, a retry storm that outlasts its cause",
		rho, num(lambda), atPeak(c), dur(svc), plural(workers, "worker"), n, rho*float64(n), dur(cl.Timeout.Seconds()), "p99", dur(roundSig(tail, 2)), rho*float64(n))
}

// retryNote explains the warnings of retryOverload.
const retryNote = "Retries multiply the load when attempts time out: a burst, a spike or a slow instant that pushes waits past " +
	"the timeout makes every request send all its attempts, which keeps the waits long after the cause is gone. " +
	"A timeout above the usual tail, a retry budget (retry.budget), a circuit breaker (circuit_breaker) or " +
	"a server.capacity (broker.capacity) small enough to fill keeps the retries from feeding the backlog."
