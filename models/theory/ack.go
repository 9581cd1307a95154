package theory

import (
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
)

// ackMissTolerance is the largest bound on the probability that one delivery
// misses its ack deadline for which at-least-once redeliveries are ignored.
const ackMissTolerance = 1e-6

// ackReason returns why at-least-once redeliveries after a missed ack cannot
// be ignored for cfg, or "" when they can. The ack deadline is taken to run
// from delivery to a consumer, so it must outlast service plus broker
// latency: the miss probability is bounded by P(S > T/2) + P(L > T/2).
func ackReason(cfg models.Config) string {
	t := cfg.Broker.AckTimeout.Seconds()
	if !(t > 0) {
		return "broker.ack_timeout is not positive: every delivery would be redelivered"
	}
	bound := tailBound(cfg.Server.Service, t/2) + tailBound(cfg.Broker.Latency, t/2)
	if bound > ackMissTolerance {
		return fmt.Sprintf("broker.ack_timeout %s is not long against service and latency (miss probability up to %.2g): redeliveries of unacked messages are not modelled",
			cfg.Broker.AckTimeout, bound)
	}
	return ""
}

// tailBound returns an upper bound on P(X > x) for X drawn from d: exact
// for exponential, constant and uniform laws, Markov's bound on X² otherwise.
func tailBound(d distributions.Dist, x float64) float64 {
	if isZero(d) {
		return 0
	}
	if m, ok := exponentialMean(d); ok {
		return math.Exp(-x / m)
	}
	if isConstant(d) {
		if d.Mean() > x {
			return 1
		}
		return 0
	}
	if u, ok := d.(distributions.Uniform); ok {
		if u.Max <= x {
			return 0
		}
		if u.Min >= x {
			return 1
		}
		return (u.Max - x) / (u.Max - u.Min)
	}
	m2, finite := d.Moment2()
	if !finite {
		return 1
	}
	return math.Min(1, m2/(x*x))
}
