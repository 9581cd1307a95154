package theory

import "github.com/asyncsim/asyncsim/models"

// predictMQ covers case 6 of Predict: every worker of every server consumes
// one broker FIFO, an M/M/C queue with C = count·workers.
func predictMQ(cfg models.Config) (Prediction, bool, string) {
	s, c, b := cfg.Server, cfg.Clients, cfg.Broker
	_, exp := exponentialMean(s.Service)
	switch {
	case !exp:
		return refuse("mq with server.service %s, not exponential: the pooled workers form an M/G/c queue, no closed form",
			name(s.Service))
	case b.Capacity > 0:
		return refuse("broker.capacity > 0: a full broker rejects, M/M/c/K is not covered")
	case c.MaxInFlight > 0:
		return refuse("clients.max_in_flight > 0: the in-flight window holds requests back at the client, no closed form")
	case !isZero(cfg.Handler.Time):
		return refuse("handler.time is %s under mq, not zero: replies queue on the client's executors, no closed form",
			name(cfg.Handler.Time))
	case s.Error > 0 && c.Retry.Attempts > 1:
		return refuse("server.error > 0 with retry.attempts > 1 under mq: failed requests are published again, arrivals are not Poisson")
	}
	formula, tries := FormulaMQAtMostOnce, 1
	if b.Delivery == models.AtLeastOnce {
		if r := ackReason(cfg); r != "" {
			return refuse("%s", r)
		}
		formula, tries = FormulaMQDeadLetter, b.MaxDeliveries
	}
	lambda := arrivalRate(cfg)
	st := station{lambda: lambda, servers: s.Count * s.Workers, service: s.Service, fail: s.Error, tries: tries}
	_, sojourn, success, reason := st.solve()
	if reason != "" {
		return refuse("%s", reason)
	}
	pure := meanOf(b.Latency) + meanOf(cfg.Network.Send) + meanOf(cfg.Network.Reply)
	rel := success * handlerKeep(cfg)
	return Prediction{Formula: formula, DelayMean: sojourn + pure, Throughput: lambda * rel, Reliability: rel}, true, ""
}
