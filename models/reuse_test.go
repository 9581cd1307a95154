package models_test

import (
	"fmt"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestReuseSameResults runs one-tier and graph models in turn through one
// Reuse, with time series and percentiles, releasing the delays of some
// runs and keeping those of others: every run's metrics, pooled delays
// included, are those of the same run with fresh histograms, and delays
// kept unreleased are not touched by later runs.
func TestReuseSameResults(t *testing.T) {
	u := models.NewReuse()
	opts := models.Options{Window: sim.Duration(50 * sim.Second), Percentiles: []float64{10, 99.9}}
	type kept struct {
		d    *models.Delays
		want string
	}
	var keep []kept
	delays := func(d *models.Delays) string {
		return fmt.Sprint(d.Count(), d.Percentile(1), d.Percentile(50), d.Percentile(99), d.Percentile(99.99))
	}
	for i, cfg := range []models.Config{mm1(models.Callback, 0.9), fanout3(), mm1(models.Sync, 0.5), fanout3(), mm1(models.Callback, 0.7)} {
		horizon := sim.Time(float64(200+100*i) * float64(sim.Second))
		fresh, err := models.RunWith(cfg, distributions.NewStreams(uint64(i), 0), horizon, 0, opts)
		if err != nil {
			t.Fatal(err)
		}
		reused := opts
		reused.Reuse = u
		got, err := models.RunWith(cfg, distributions.NewStreams(uint64(i), 0), horizon, 0, reused)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := fmt.Sprint(got.Row(), got.Graph, got.Series), fmt.Sprint(fresh.Row(), fresh.Graph, fresh.Series); g != w {
			t.Fatalf("run %d with reused histograms:\n%s\nwith fresh ones:\n%s", i, g, w)
		}
		if g, w := delays(got.Delays), delays(fresh.Delays); g != w {
			t.Fatalf("run %d: delays %s, with fresh histograms %s", i, g, w)
		}
		if i%2 == 0 {
			got.Delays.Release()
		} else {
			keep = append(keep, kept{got.Delays, delays(fresh.Delays)})
		}
	}
	for i, k := range keep {
		if g := delays(k.d); g != k.want {
			t.Errorf("kept delays %d changed by later runs: %s, want %s", i, g, k.want)
		}
	}
}
