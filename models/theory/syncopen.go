package theory

import "github.com/asyncsim/asyncsim/models"

// predictSyncOpen covers case 4 of Predict: sync clients whose threads are
// the only queue, each client an M/M/c queue with c = threads.
func predictSyncOpen(cfg models.Config) (Prediction, bool, string) {
	s, c := cfg.Server, cfg.Clients
	mean, exp := exponentialMean(s.Service)
	threads := c.Count * c.Threads
	switch {
	case !exp:
		return refuse("sync open loop with server.service %s, not exponential: the client threads form an M/G/c queue, no closed form",
			name(s.Service))
	case !isZero(cfg.Network.Send) || !isZero(cfg.Network.Reply):
		return refuse("sync open loop with network delays: a thread is held for send + service + reply, which is not exponential")
	case !isZero(cfg.Handler.Time):
		return refuse("sync open loop with handler.time %s: a thread is held for service + handler time, which is not exponential",
			name(cfg.Handler.Time))
	case s.Workers < threads:
		return refuse("sync open loop with server.workers %d < clients.count × clients.threads = %d: client threads and server queue in tandem, no closed form",
			s.Workers, threads)
	case s.Error > 0 && c.Retry.Attempts > 1:
		return refuse("sync open loop with server.error and retry.attempts > 1: retries hold a thread for several services")
	}
	perClient := 1 / c.Arrival.Mean()
	if rho := perClient * mean / float64(c.Threads); rho >= 1 {
		return refuse("unstable: rho >= 1 (rho = %.4g at the client threads)", rho)
	}
	rel := (1 - s.Error) * handlerKeep(cfg)
	return Prediction{
		Formula:     FormulaClientMMc,
		DelayMean:   MMcSojourn(c.Threads, perClient, 1/mean),
		Throughput:  arrivalRate(cfg) * rel,
		Reliability: rel,
	}, true, ""
}
