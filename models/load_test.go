package models_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// seriesRows splits a run's series into rows of column name → value.
func seriesRows(t *testing.T, cfg models.Config, m models.Metrics) []map[string]float64 {
	t.Helper()
	names := append([]string{"t"}, models.SeriesNames(&cfg)...)
	if len(m.Series)%len(names) != 0 {
		t.Fatalf("series of %d values, rows of %d", len(m.Series), len(names))
	}
	var rows []map[string]float64
	for i := 0; i < len(m.Series); i += len(names) {
		row := map[string]float64{}
		for k, n := range names {
			row[n] = m.Series[i+k]
		}
		rows = append(rows, row)
	}
	return rows
}

// arrivalTimes runs cfg and returns the creation times of its requests.
func arrivalTimes(t *testing.T, cfg models.Config, seed uint64, horizon sim.Duration) []sim.Time {
	t.Helper()
	var at []sim.Time
	_, err := models.RunWith(cfg, distributions.NewStreams(seed, 0), sim.Time(horizon), 0, models.Options{
		Trace: func(now sim.Time, what string) {
			if strings.Contains(what, " created by client") {
				at = append(at, now)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// TestProfileConstantGaps: with a constant base gap, arrivals are laid out
// in operational time, so their clock times follow the profile exactly.
// Base 10/s (gaps of 100ms); rate 10 until 1s, 20 from 1s, and a ramp
// from 20 back to 10 over [2s, 3s): at 20/s the gaps are 50ms; in the
// ramp, Λ(2 + u) = 20u − 5u² (in operational seconds × 10).
func TestProfileConstantGaps(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(100)
	cfg.Clients.Profile = models.Profile{Points: []models.ProfilePoint{
		{At: 0, Value: 10}, {At: sim.Second, Value: 20}, {At: 3 * sim.Second, Value: 10, Ramp: sim.Second},
	}}
	at := arrivalTimes(t, cfg, 1, 4*sim.Second)
	var want []sim.Time
	for k := 1; k <= 10; k++ { // 0.1 .. 1.0 s at 10/s
		want = append(want, sim.Time(k)*sim.Time(100*sim.Millisecond))
	}
	for k := 1; k <= 20; k++ { // 1.05 .. 2.0 s at 20/s
		want = append(want, sim.Time(sim.Second)+sim.Time(k)*sim.Time(50*sim.Millisecond))
	}
	for k := 1; k <= 15; k++ { // the ramp: 2u − u²/2 = k/10 (operational seconds, base 10/s)
		u := 2 - math.Sqrt(4-0.2*float64(k))
		want = append(want, sim.Time(2*sim.Second)+sim.Time(math.Round(u*1e9)))
	}
	for k := 1; k <= 9; k++ { // then 10/s from 3 s
		want = append(want, sim.Time(3*sim.Second)+sim.Time(k)*sim.Time(100*sim.Millisecond))
	}
	if len(at) != len(want) {
		t.Fatalf("%d arrivals, want %d: %v", len(at), len(want), at)
	}
	for i := range at {
		if d := at[i] - want[i]; d < -1 || d > 1 {
			t.Errorf("arrival %d at %v, want %v", i, at[i], want[i])
		}
	}
}

// TestProfilePoissonCounts: an exponential base with a step profile is a
// non-homogeneous Poisson process: over 200 replications the count in
// each phase is Poisson with mean ∫ rate, checked within 4 standard
// errors, and the first gap after the step to 50/s is exponential of
// mean 20 ms.
func TestProfilePoissonCounts(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.1} // base 10/s
	cfg.Clients.Profile = models.Profile{Points: []models.ProfilePoint{
		{At: 0, Value: 5}, {At: 2 * sim.Second, Value: 50}, {At: 3 * sim.Second, Value: 0}, {At: 4 * sim.Second, Value: 5},
	}}
	const reps = 200
	var n [4]float64
	var firstGap float64
	for r := range reps {
		at := arrivalTimes(t, cfg, uint64(r+1), 6*sim.Second)
		var seen bool
		for _, x := range at {
			s := x.Seconds()
			switch {
			case s < 2:
				n[0]++
			case s < 3:
				n[1]++
				if !seen {
					firstGap += s - 2
					seen = true
				}
			case s < 4:
				n[2]++
			default:
				n[3]++
			}
		}
	}
	want := [4]float64{10, 50, 0, 10} // per replication: 5×2, 50×1, 0, 5×2
	for k := range n {
		mean := n[k] / reps
		se := math.Sqrt(want[k] / reps)
		if math.Abs(mean-want[k]) > 4*se+1e-12 {
			t.Errorf("phase %d: %v arrivals per run, want %v ± %v", k, mean, want[k], 4*se)
		}
	}
	// The gap from the step to the first arrival after it is exponential
	// of mean 1/50 (memoryless), over 200 runs: ± 4 × 0.02/√200.
	if g := firstGap / reps; math.Abs(g-0.02) > 4*0.02/math.Sqrt(reps) {
		t.Errorf("first gap after the step %v s, want 0.02", g)
	}
}

// TestProfileRepeat: a repeated profile has the same arrivals in every
// period: rate 10 for 1s then 0 for 1s, period 2s, constant base.
func TestProfileRepeat(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(100)
	cfg.Clients.Profile = models.Profile{Repeat: 2 * sim.Second, Points: []models.ProfilePoint{
		{At: 0, Value: 10}, {At: sim.Second, Value: 0},
	}}
	at := arrivalTimes(t, cfg, 1, 6*sim.Second)
	var got []string
	for _, x := range at {
		got = append(got, fmt.Sprint(x))
	}
	// 0.1..1.0 s (the 10th at 1s closes the first phase's Λ), then the
	// next periods: 2.1 .. 3.0, 4.1 .. 5.0.
	if len(at) != 30 || at[0] != sim.Time(100*sim.Millisecond) || at[10] != sim.Time(2100*sim.Millisecond) || at[29] != sim.Time(5*sim.Second) {
		t.Errorf("arrivals %v", got)
	}
}

// TestProfileUsers: a closed loop with a users profile: 1 user, then 3
// from 1s, then 1 from 2s; think 100ms, service 10ms, network 1+2ms,
// handler 3ms: a cycle takes 116ms, so one user makes a request every
// 116ms.
func TestProfileUsers(t *testing.T) {
	cfg := scenario(models.Sync)
	cfg.Clients.Arrival = nil
	cfg.Clients.Think = ms(100)
	cfg.Server.Workers = 3
	cfg.Clients.Profile = models.Profile{Users: true, Points: []models.ProfilePoint{
		{At: 0, Value: 1}, {At: sim.Second, Value: 3}, {At: 2 * sim.Second, Value: 1},
	}}
	at := arrivalTimes(t, cfg, 1, 3*sim.Second)
	var n [3]int
	for _, x := range at {
		n[int(x.Seconds())]++
	}
	// [0,1): user 1 at 0.1, 0.216, ... 0.912: 8 requests. [1,2): user 1
	// goes on (1.028 ... 1.956: 9) and users 2 and 3 start at 1.1 (then
	// every 116ms: 1.1 ... 1.912: 8 each): 25. [2,3): two users stop at the
	// end of their cycle, one goes on: 8 or 9.
	if n[0] != 8 || n[1] != 25 || n[2] < 8 || n[2] > 9 {
		t.Errorf("requests per second %v, want [8 25 8-9]", n)
	}
}

// TestDrain: with a drain, requests created before the horizon get their
// outcome after it and none is created after it; reliability counts every
// request. One request every 100ms, service 150ms: the queue grows; at
// the 1s horizon 9 requests exist (0.1 .. 0.9 s), 5 done, 4 not.
func TestDrain(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Server.Service = ms(150)
	run := func(drain sim.Duration) models.Metrics {
		m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(sim.Second), 0, models.Options{Drain: drain})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	no, auto, short := run(0), run(models.DrainAuto), run(200*sim.Millisecond)
	for _, c := range []struct {
		name                      string
		m                         models.Metrics
		succeeded, inFlight, reqs float64
		reliability               float64
	}{
		// Requests at 0.1 .. 0.9 s (9; the 10th would be at 1.0 s, the
		// horizon). Service starts at 0.101 and the queue never empties:
		// it ends at 0.251 + k × 0.15, the reply 2ms and the handler 3ms
		// later: successes at 0.256, 0.406, 0.556, 0.706, 0.856: 5 by 1s.
		{"no drain", no, 5, 4, 9, 5.0 / 9},
		// All 9 done by 1.456 s.
		{"auto", auto, 9, 0, 9, 1},
		// By 1.2 s also 1.006 and 1.156: 7.
		{"200ms", short, 7, 2, 9, 7.0 / 9},
	} {
		if c.m.Requests != c.reqs || c.m.Succeeded != c.succeeded || c.m.InFlight != c.inFlight || c.m.Reliability != c.reliability {
			t.Errorf("%s: requests %v succeeded %v in_flight %v reliability %v; want %v %v %v %v", c.name,
				c.m.Requests, c.m.Succeeded, c.m.InFlight, c.m.Reliability, c.reqs, c.succeeded, c.inFlight, c.reliability)
		}
	}
	// The window's figures do not move with the drain.
	if auto.Throughput != no.Throughput || auto.ServerUtilization != no.ServerUtilization {
		t.Errorf("throughput %v / %v, utilization %v / %v with and without the drain", auto.Throughput, no.Throughput, auto.ServerUtilization, no.ServerUtilization)
	}
}

// TestSeriesWindows: the windows of a hand-checked run. One request every
// 100ms, service 150ms, network 1ms + 2ms, handler 3ms; windows of 500ms,
// horizon 1s, drain auto.
func TestSeriesWindows(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Server.Service = ms(150)
	m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(sim.Second), 0,
		models.Options{Drain: models.DrainAuto, Window: 500 * sim.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	rows := seriesRows(t, cfg, m)
	// Created: 0.1..0.4 (4) in [0, 0.5), 0.5..0.9 (5) in [0.5, 1).
	// Done at 0.257, 0.407 (+ network 2ms + handler 3ms: 0.101 + 0.15 =
	// 0.251 end of service, reply 0.253, handler 0.256 ...): succeed at
	// 0.256, 0.406 | 0.556, 0.706, 0.856 | 1.006, 1.156, 1.306, 1.456.
	want := []struct{ t, requests, succeeded, inFlight float64 }{
		{0, 4, 2, 2}, {0.5, 5, 3, 4}, {1, 0, 4, 0},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d windows, want %d: %v", len(rows), len(want), rows)
	}
	for i, w := range want {
		r := rows[i]
		if r["t"] != w.t || r["requests"] != w.requests || r["succeeded"] != w.succeeded || r["in_flight"] != w.inFlight {
			t.Errorf("window %d: t %v requests %v succeeded %v in_flight %v; want %v", i, r["t"], r["requests"], r["succeeded"], r["in_flight"], w)
		}
	}
	if got := rows[0]["throughput"]; got != 4 { // 2 in 0.5 s
		t.Errorf("throughput of window 0 = %v, want 4", got)
	}
}
