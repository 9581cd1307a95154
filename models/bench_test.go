package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// mm1 returns an open-loop M/M/1 at the given load with zero network and
// handler delays.
func mm1(p models.Policy, rho float64) models.Config {
	cfg := models.DefaultConfig()
	cfg.Policy = p
	cfg.Clients.Arrival = distributions.Exponential{Scale: 1 / rho}
	cfg.Server.Service = distributions.Exponential{Scale: 1}
	return cfg
}

// benchPolicy simulates about b.N requests of an M/M/1 at rho 0.9 through
// Run and reports simulated requests per second of wall time.
func benchPolicy(b *testing.B, p models.Policy) {
	cfg := mm1(p, 0.9)
	horizon := sim.Time(float64(b.N)/0.9) * sim.Time(sim.Second)
	b.ReportAllocs()
	b.ResetTimer()
	m, err := models.Run(cfg, distributions.NewStreams(1, 0), horizon+sim.Time(sim.Second), 0)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(m.Requests/b.Elapsed().Seconds(), "requests/s")
}

// BenchmarkMM1Callback is the M/M/1 at rho 0.9 under callback; one b.N is
// one request.
func BenchmarkMM1Callback(b *testing.B) { benchPolicy(b, models.Callback) }

// BenchmarkMM1Sync is the same under sync with one thread per client.
func BenchmarkMM1Sync(b *testing.B) { benchPolicy(b, models.Sync) }

// BenchmarkMM1Event is the same under event.
func BenchmarkMM1Event(b *testing.B) { benchPolicy(b, models.Event) }

// BenchmarkMM1MQ is the same under mq at-least-once.
func BenchmarkMM1MQ(b *testing.B) { benchPolicy(b, models.MQ) }
