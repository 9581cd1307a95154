package theory

import "github.com/asyncsim/asyncsim/models"

// predictClosed covers case 5 of Predict: a closed loop of sync threads
// around one exponential worker, solved by MVA.
func predictClosed(cfg models.Config) (Prediction, bool, string) {
	s, c, h := cfg.Server, cfg.Clients, cfg.Handler
	n := c.Count * c.Threads
	mean, exp := exponentialMean(s.Service)
	switch {
	case cfg.Policy != models.Sync:
		return refuse("clients.think (closed loop) under %s: the closed loop is defined for sync only", cfg.Policy)
	case cfg.Network.Loss > 0:
		return refuse("network.loss > 0 in closed loop: a lost message blocks its thread, the population shrinks")
	case s.Error > 0:
		return refuse("server.error > 0 in closed loop: failed and retried attempts are not in the MVA model")
	case s.Crash != nil:
		return refuse("server.crash set: crashes make service unavailable for random periods, no closed form")
	case c.Timeout > 0:
		return refuse("clients.timeout set: timeouts cut the sojourn short and retry, no closed form")
	case s.Count > 1:
		return refuse("server.count > 1 in closed loop: round-robin routing is not a product-form network")
	case s.Workers > 1:
		return refuse("server.workers > 1 in closed loop: multi-server MVA is not covered")
	case s.Capacity > 0 && s.Capacity < n-1:
		return refuse("server.capacity %d < customers - 1 = %d: rejections in the closed loop", s.Capacity, n-1)
	case !exp:
		return refuse("closed loop with server.service %s, not exponential: MVA needs an exponential FCFS server",
			name(s.Service))
	}
	pure := meanOf(cfg.Network.Send) + meanOf(cfg.Network.Reply) + meanOf(h.Time)
	res, err := MVA(n, c.Think.Mean()+pure, mean)
	if err != nil {
		return refuse("%v", err)
	}
	keep := handlerKeep(cfg)
	return Prediction{
		Formula:     FormulaMVA,
		DelayMean:   res.Response + pure,
		Throughput:  res.Throughput * keep,
		Reliability: keep,
	}, true, ""
}
