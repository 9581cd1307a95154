package theory

import (
	"github.com/asyncsim/asyncsim/models"
)

// predictDirect covers cases 1 to 3 of Predict: callback or event clients
// with Poisson arrivals talking directly to one server.
func predictDirect(cfg models.Config) (Prediction, bool, string) {
	s, c := cfg.Server, cfg.Clients
	switch {
	case s.Count > 1:
		return refuse("server.count > 1: round-robin split of Poisson arrivals is not Poisson")
	case c.MaxInFlight > 0:
		return refuse("clients.max_in_flight > 0: the in-flight window holds requests back at the client, no closed form")
	case !isZero(cfg.Handler.Time):
		return refuse("handler.time is %s under %s, not zero: replies queue on the client's executors, no closed form",
			name(cfg.Handler.Time), cfg.Policy)
	}
	lambda := arrivalRate(cfg)
	network := meanOf(cfg.Network.Send) + meanOf(cfg.Network.Reply)
	keep := handlerKeep(cfg)
	if s.Capacity > 0 {
		return predictMM1K(cfg, lambda, network, keep)
	}
	st := station{lambda: lambda, servers: s.Workers, service: s.Service, fail: s.Error, tries: c.Retry.Attempts}
	formula, sojourn, success, reason := st.solve()
	if reason != "" {
		return refuse("%s", reason)
	}
	rel := success * keep
	return Prediction{Formula: formula, DelayMean: sojourn + network, Throughput: lambda * rel, Reliability: rel}, true, ""
}

// predictMM1K covers case 3 of Predict: a finite waiting room in front of
// one exponential worker, no retries.
func predictMM1K(cfg models.Config, lambda, network, keep float64) (Prediction, bool, string) {
	s := cfg.Server
	mean, exp := exponentialMean(s.Service)
	switch {
	case s.Workers > 1:
		return refuse("server.capacity > 0 with server.workers > 1: M/M/c/K is not covered")
	case !exp:
		return refuse("server.capacity > 0 with server.service %s, not exponential: M/G/1/K has no closed form",
			name(s.Service))
	case cfg.Clients.Retry.Attempts > 1:
		return refuse("server.capacity > 0 with retry.attempts > 1: retried rejections re-offer load, arrivals are not Poisson")
	}
	q, err := MM1K(lambda, 1/mean, s.Capacity+1)
	if err != nil {
		return refuse("%v", err)
	}
	rel := (1 - q.Blocking) * (1 - s.Error) * keep
	return Prediction{Formula: FormulaMM1K, DelayMean: q.Sojourn + network, Throughput: lambda * rel, Reliability: rel}, true, ""
}
