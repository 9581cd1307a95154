package models_test

import (
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
	"pgregory.net/rapid"
)

// genStationGuards draws the service-side mechanisms of a model drawn by
// genConfig or genGraph: rate_limit, queue_timeout, codel or
// adaptive-lifo and eject on the server or each service that is not
// reached through its broker, ttl on each broker in use. It draws after
// everything else, so the models drawn before it existed are drawn the
// same up to it.
func genStationGuards(t *rapid.T, cfg *models.Config) {
	if !cfg.Graph() {
		s := &cfg.Server
		if cfg.Policy == models.MQ {
			cfg.Broker.TTL = genTTL(t, "broker")
		} else {
			genGuards(t, "server", &s.Queue, &s.Codel, &s.QueueTimeout, &s.RateLimit, &s.Eject)
		}
	} else {
		viaMQ := make([]bool, len(cfg.Services))
		viaMQ[0] = cfg.Policy == models.MQ
		for i := range cfg.Services {
			for _, st := range cfg.Services[i].Calls {
				for _, h := range st.Hops {
					if h.Policy == models.MQ {
						for k := range cfg.Services {
							if cfg.Services[k].Name == h.To {
								viaMQ[k] = true
							}
						}
					}
				}
			}
		}
		for i := range cfg.Services {
			s := &cfg.Services[i]
			if viaMQ[i] {
				s.Broker.TTL = genTTL(t, s.Name)
			} else {
				genGuards(t, s.Name, &s.Queue, &s.Codel, &s.QueueTimeout, &s.RateLimit, &s.Eject)
			}
		}
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("generated an invalid model: %v", err)
	}
}

func genTTL(t *rapid.T, name string) sim.Duration {
	if rapid.IntRange(0, 2).Draw(t, name+".ttl?") != 0 {
		return 0
	}
	return consDur(rapid.Float64Range(1, 50).Draw(t, name+".ttl.ms") / 1000)
}

func genGuards(t *rapid.T, name string, q *models.Discipline, cd **models.Codel, qt *sim.Duration, rl **models.RateLimit, ej **models.Eject) {
	if rapid.IntRange(0, 3).Draw(t, name+".rate_limit?") == 0 {
		*rl = &models.RateLimit{
			Rate:  rapid.Float64Range(20, 500).Draw(t, name+".rate_limit.rate"),
			Burst: float64(rapid.IntRange(1, 5).Draw(t, name+".rate_limit.burst")),
		}
	}
	if rapid.IntRange(0, 2).Draw(t, name+".queue_timeout?") == 0 {
		*qt = consDur(rapid.Float64Range(1, 40).Draw(t, name+".queue_timeout.ms") / 1000)
	}
	switch rapid.IntRange(0, 3).Draw(t, name+".codel?") {
	case 0:
		*q = models.CoDel
	case 1:
		*q = models.AdaptiveLIFO
	}
	if *q == models.CoDel || *q == models.AdaptiveLIFO {
		*cd = &models.Codel{
			Target:   consDur(rapid.Float64Range(0.5, 10).Draw(t, name+".codel.target.ms") / 1000),
			Interval: consDur(rapid.Float64Range(5, 100).Draw(t, name+".codel.interval.ms") / 1000),
		}
	}
	if rapid.IntRange(0, 3).Draw(t, name+".eject?") == 0 {
		*ej = &models.Eject{
			ConsecutiveErrors: rapid.IntRange(1, 4).Draw(t, name+".eject.consecutive_errors"),
			For:               consDur(rapid.Float64Range(5, 200).Draw(t, name+".eject.for.ms") / 1000),
			MaxPercent:        rapid.SampledFrom([]float64{0, 34, 50, 100}).Draw(t, name+".eject.max_percent"),
		}
	}
}
