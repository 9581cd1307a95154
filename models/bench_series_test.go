package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// benchSeries simulates about b.N requests of an M/M/1 at rho 0.9 with
// service 1ms (900 requests a second), with or without time series of
// 1 s windows: the pair measures what recording time series costs.
func benchSeries(b *testing.B, window sim.Duration) {
	cfg := models.DefaultConfig()
	cfg.Policy = models.Callback
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.001 / 0.9}
	cfg.Server.Service = distributions.Exponential{Scale: 0.001}
	horizon := sim.Time(float64(b.N) / 900 * float64(sim.Second))
	b.ReportAllocs()
	b.ResetTimer()
	_, err := models.RunWith(cfg, distributions.NewStreams(1, 0), horizon+sim.Time(sim.Second), 0, models.Options{Window: window})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSeriesOff is the M/M/1 of 900 requests a second, no time series.
func BenchmarkSeriesOff(b *testing.B) { benchSeries(b, 0) }

// BenchmarkSeriesOn is the same with time series of 1 s windows.
func BenchmarkSeriesOn(b *testing.B) { benchSeries(b, sim.Second) }
