package theory

import (
	"math"

	"github.com/asyncsim/asyncsim/models"
)

// predictLoss covers case 7 of Predict: independent message loss with no
// timeout, which fails a request at the moment of loss.
func predictLoss(cfg models.Config) (Prediction, bool, string) {
	s := cfg.Server
	switch {
	case cfg.Clients.Timeout > 0:
		return refuse("clients.timeout set with network.loss: timeouts, late replies and retries are not modelled")
	case s.Error > 0:
		return refuse("server.error > 0 with network.loss: retried errors interleave with losses, not modelled")
	case s.Crash != nil:
		return refuse("server.crash set: crashes make service unavailable for random periods, no closed form")
	case s.Capacity > 0:
		return refuse("server.capacity > 0 with network.loss: rejections under load are not modelled")
	case cfg.Policy == models.MQ && cfg.Broker.Capacity > 0:
		return refuse("broker.capacity > 0 with network.loss: rejections under load are not modelled")
	case cfg.Policy == models.Sync:
		return refuse("network.loss under sync with no timeout: a lost message blocks its thread for good, requests stop resolving")
	case cfg.Clients.MaxInFlight > 0:
		return refuse("network.loss with clients.max_in_flight > 0 and no timeout: a lost message holds its slot for good, requests stop resolving")
	}
	if cfg.Policy == models.MQ && cfg.Broker.Delivery == models.AtLeastOnce {
		if r := ackReason(cfg); r != "" {
			return refuse("%s", r)
		}
	}
	keep := 1 - cfg.Network.Loss
	rel := keep * keep * handlerKeep(cfg)
	throughput := math.NaN()
	if lossStable(cfg) {
		throughput = arrivalRate(cfg) * rel
	}
	return Prediction{Formula: FormulaLoss, DelayMean: math.NaN(), Throughput: throughput, Reliability: rel}, true, ""
}

// lossStable reports whether every queue of a lossy open loop is below
// saturation, so that successful requests leave at the rate they succeed.
// predictLoss has already refused sync and in-flight windows.
func lossStable(cfg models.Config) bool {
	c, s, h := cfg.Clients, cfg.Server, cfg.Handler
	keep := 1 - cfg.Network.Loss
	lambda := arrivalRate(cfg)
	if lambda*keep*s.Service.Mean()/float64(s.Count*s.Workers) >= 1 {
		return false
	}
	if isZero(h.Time) {
		return true
	}
	if cfg.Policy == models.MQ {
		return false
	}
	runs := 1.0
	if cfg.Policy == models.Event {
		runs = float64(h.Listeners)
	}
	perClient := lambda / float64(c.Count)
	return perClient*keep*keep*h.Time.Mean()*runs/float64(c.Loops) < 1
}
