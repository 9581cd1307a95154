package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
	"pgregory.net/rapid"
)

// asGraph returns cfg, a one-tier model, written as a graph of one
// service called name.
func asGraph(cfg models.Config, name string) models.Config {
	s := cfg.Server
	svc := models.DefaultService(name)
	svc.Instances, svc.Workers, svc.Capacity = s.Count, s.Workers, s.Capacity
	svc.Service, svc.Error, svc.Crash, svc.Queue = s.Service, s.Error, s.Crash, s.Queue
	svc.Broker = cfg.Broker
	cfg.Services = []models.Service{svc}
	cfg.Clients.Calls = name
	return cfg
}

// TestShorthandSameNumbers: server: is shorthand for one service that
// calls nothing. On every conservation scenario and on generated one-tier
// models of every policy and failure, the same model written with
// services: gives the same run metrics, bit for bit, whatever the
// service's name.
func TestShorthandSameNumbers(t *testing.T) {
	same := func(t interface {
		Errorf(string, ...any)
		Fatalf(string, ...any)
	}, name string, cfg models.Config, seed uint64, horizon, warmup sim.Time) {
		a, err := models.RunWith(cfg, distributions.NewStreams(seed, 0), horizon, warmup, models.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		g := asGraph(cfg, "backend")
		b, err := models.RunWith(g, distributions.NewStreams(seed, 0), horizon, warmup, models.Options{})
		if err != nil {
			t.Fatalf("%s as a graph: %v", name, err)
		}
		av, bv := a.Values(), b.Values()
		for i, m := range models.MetricNames {
			if !crnEqual(av[i], bv[i]) {
				t.Errorf("%s: %s %v with server:, %v with services:", name, m, av[i], bv[i])
			}
		}
	}
	for _, sc := range consScenarios() {
		for seed := uint64(1); seed <= 2; seed++ {
			same(t, sc.name, sc.cfg, seed, sim.Time(20*sim.Second), sc.warmup)
		}
	}
	rapid.Check(t, func(rt *rapid.T) {
		cfg := genConfig(rt)
		seed := rapid.Uint64Range(1, 1000).Draw(rt, "seed")
		same(rt, "generated", cfg, seed, sim.Time(2*sim.Second), sim.Time(200*sim.Millisecond))
	})
}
