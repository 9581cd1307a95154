package models_test

import (
	"slices"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestSLOAttainment: a request every 100ms from 100ms to 900ms (9 in the
// window of 1s), each served in 150ms behind the one before, so that the
// delays of the five that finish by the horizon are 156, 206, 256, 306 and
// 356ms (1ms send, the wait, 150ms service, 2ms reply, 3ms handler) and
// four are in flight at its end. A delay equal to the SLO is within it;
// requests in flight or failed are misses.
func TestSLOAttainment(t *testing.T) {
	for _, c := range []struct {
		name  string
		slo   sim.Duration
		error float64
		drain sim.Duration
		want  float64
	}{
		{"the first only", 205 * sim.Millisecond, 0, 0, 1.0 / 9},
		{"the SLO itself is within", 206 * sim.Millisecond, 0, 0, 2.0 / 9},
		{"unfinished are misses", sim.Second, 0, 0, 5.0 / 9},
		{"finished in the drain", 306 * sim.Millisecond, 0, models.DrainAuto, 4.0 / 9},
		{"all within, after the drain", sim.Second, 0, models.DrainAuto, 1},
		{"failures are misses", sim.Second, 1, models.DrainAuto, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := scenario(models.Callback)
			cfg.Server.Service = ms(150)
			cfg.Server.Error = c.error
			opts := models.Options{SLO: c.slo, Drain: c.drain}
			m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(sim.Second), 0, opts)
			if err != nil {
				t.Fatal(err)
			}
			if m.Requests != 9 || m.SLOAttainment != c.want {
				t.Errorf("requests %v, slo.attainment %v, want 9, %v", m.Requests, m.SLOAttainment, c.want)
			}
			cols, row := models.Columns(opts), m.Row()
			i := slices.Index(cols, "slo.attainment")
			if len(row) != len(cols) || i != slices.Index(cols, "reliability")+1 || row[i] != c.want {
				t.Errorf("columns %v: row %v", cols, row)
			}
		})
	}
	m, err := models.RunWith(scenario(models.Callback), distributions.NewStreams(1, 0), sim.Time(sim.Second), 0, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.SLOAttainment != 0 || !slices.Equal(m.Row(), m.Values()) || !slices.Equal(models.Columns(models.Options{}), models.MetricNames) {
		t.Errorf("without an SLO: slo.attainment %v, a row of %d values, %d columns", m.SLOAttainment, len(m.Row()), len(models.Columns(models.Options{})))
	}
}

// TestOptionsPercentiles checks the delay percentiles of
// Options.Percentiles against the exact order statistics of the
// successful requests, and that Row puts them in place of delay.p50 …
// delay.p99, named as Columns says.
func TestOptionsPercentiles(t *testing.T) {
	cfg := models.DefaultConfig()
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.02}
	cfg.Server.Service = distributions.Exponential{Scale: 0.01}
	var delay []sim.Duration
	pcts := []float64{25, 99, 99.9, 99.99}
	opts := models.Options{Percentiles: pcts, Done: func(r models.Record) {
		if r.OK {
			delay = append(delay, r.T3.Sub(r.T0))
		}
	}}
	m, err := models.RunWith(cfg, distributions.NewStreams(3, 0), sim.Time(200*sim.Second), 0, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.DelayPercentiles) != len(pcts) || m.DelayPercentiles[1] != m.DelayP99 {
		t.Fatalf("DelayPercentiles %v, delay.p99 %v", m.DelayPercentiles, m.DelayP99)
	}
	for i, q := range pcts {
		want := orderStatistic(delay, q)
		if got := m.DelayPercentiles[i] * 1e9; got < want-1 || got > want*1.01+1 {
			t.Errorf("p%v = %v s, the records give %v", q, m.DelayPercentiles[i], sim.Duration(want))
		}
	}
	cols, row := models.Columns(opts), m.Row()
	for i, q := range pcts {
		j := slices.Index(cols, metrics.PercentileName(q))
		if j != slices.Index(cols, "delay.mean")+1+i || row[j] != m.DelayPercentiles[i] {
			t.Errorf("%s is column %d of %v", metrics.PercentileName(q), j, cols)
		}
	}
	if len(row) != len(cols) || slices.Contains(cols, "delay.p50") || cols[slices.Index(cols, "delay.p99_99")+1] != "delay.max" {
		t.Errorf("columns %v", cols)
	}
}
