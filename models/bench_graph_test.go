package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// fanout3 is a three-tier fan-out at moderate load: clients call a gateway
// (4 workers) that calls auth synchronously, then stock and price in
// parallel by callback; price calls a database synchronously. A request
// makes 5 hops (the clients' and four calls). Every delay is exponential,
// the network 0.1 of a service time each way.
func fanout3() models.Config {
	exp := func(mean float64) distributions.Dist { return distributions.Exponential{Scale: mean} }
	net := models.Network{Send: exp(0.1), Reply: exp(0.1)}
	h := func(to string, p models.Policy) models.Hop {
		x := models.DefaultHop(to, net)
		x.Policy = p
		return x
	}
	svc := func(name string, workers int, mean float64, steps ...models.Step) models.Service {
		s := models.DefaultService(name)
		s.Workers, s.Service, s.Calls = workers, exp(mean), steps
		return s
	}
	cfg := models.DefaultConfig()
	cfg.Policy = models.Callback
	cfg.Clients.Arrival = exp(1)
	cfg.Network = net
	cfg.Services = []models.Service{
		svc("gateway", 4, 0.2,
			models.Step{Hops: []models.Hop{h("auth", models.Sync)}},
			models.Step{Parallel: true, Hops: []models.Hop{h("stock", models.Callback), h("price", models.Callback)}}),
		svc("auth", 2, 0.3),
		svc("stock", 2, 0.5),
		svc("price", 2, 0.3, models.Step{Hops: []models.Hop{h("db", models.Sync)}}),
		svc("db", 2, 0.4),
	}
	cfg.Clients.Calls = "gateway"
	return cfg
}

// BenchmarkFanout3 simulates about b.N requests of fanout3 and reports
// the wall time per request and per hop (5 hops a request).
func BenchmarkFanout3(b *testing.B) {
	cfg := fanout3()
	horizon := sim.Time(b.N) * sim.Time(sim.Second)
	b.ReportAllocs()
	b.ResetTimer()
	m, err := models.Run(cfg, distributions.NewStreams(1, 0), horizon+sim.Time(sim.Second), 0)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if m.Requests >= 1000 && m.Reliability < 0.999 { // b.N = 1 comes first: a request or two
		b.Fatalf("reliability %v: the benchmark model is overloaded", m.Reliability)
	}
	ns := float64(b.Elapsed().Nanoseconds()) / m.Requests
	b.ReportMetric(ns, "ns/request")
	b.ReportMetric(ns/5, "ns/hop")
}
