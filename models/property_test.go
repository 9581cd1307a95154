package models_test

import (
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
	"pgregory.net/rapid"
)

// genDelay draws a delay distribution of mean between lo and hi
// milliseconds: constant, uniform or exponential, or no delay at all when
// zero is allowed.
func genDelay(t *rapid.T, name string, zero bool, lo, hi float64) distributions.Dist {
	mean := rapid.Float64Range(lo, hi).Draw(t, name+".ms") / 1000
	first := 1
	if zero {
		first = 0
	}
	switch rapid.IntRange(first, 3).Draw(t, name+".kind") {
	case 0:
		return distributions.Constant{}
	case 1:
		return distributions.Constant{Value: consDur(mean)}
	case 2:
		return distributions.Uniform{Min: mean / 2, Max: mean * 3 / 2}
	default:
		return distributions.Exponential{Scale: mean}
	}
}

// genConfig draws a small valid model of any policy with any mix of
// failures: loss, errors, rejections, crashes, timeouts, retries with
// backoff, handler errors and listeners, both broker deliveries.
func genConfig(t *rapid.T) models.Config {
	cfg := models.DefaultConfig()
	cfg.Policy = rapid.SampledFrom(models.Policies).Draw(t, "policy")
	cl := &cfg.Clients
	cl.Count = rapid.IntRange(1, 3).Draw(t, "clients.count")
	if cfg.Policy == models.Sync && rapid.Bool().Draw(t, "closed") {
		cl.Think = genDelay(t, "clients.think", false, 1, 40)
		cl.Arrival = nil
	} else {
		cl.Arrival = genDelay(t, "clients.arrival", false, 2, 40)
	}
	cl.Threads = rapid.IntRange(1, 4).Draw(t, "clients.threads")
	if rapid.IntRange(0, 3).Draw(t, "profile?") == 0 {
		// A load profile: rates (open loop) or users (closed loop), with
		// steps, ramps, a rate of 0 and a repeat.
		users := cl.Think != nil
		at := sim.Duration(0)
		for i := range rapid.IntRange(1, 4).Draw(t, "profile.points") {
			pt := models.ProfilePoint{At: at}
			if users {
				pt.Value = float64(rapid.IntRange(0, 4).Draw(t, "profile.users"))
			} else {
				pt.Value = rapid.SampledFrom([]float64{0, 5, 30, 100, 300}).Draw(t, "profile.rate")
				if i > 0 && rapid.Bool().Draw(t, "profile.ramp?") {
					pt.Ramp = at - cl.Profile.Points[i-1].At
				}
			}
			cl.Profile.Points = append(cl.Profile.Points, pt)
			at += consDur(rapid.Float64Range(0.05, 0.8).Draw(t, "profile.gap"))
		}
		cl.Profile.Users = users
		if rapid.Bool().Draw(t, "profile.repeat?") {
			cl.Profile.Repeat = at
		}
	}
	cl.MaxInFlight = rapid.IntRange(0, 5).Draw(t, "clients.max_in_flight")
	if (cfg.Policy == models.Sync || cl.MaxInFlight > 0) && rapid.Bool().Draw(t, "max_wait?") {
		cl.MaxWait = consDur(rapid.Float64Range(0.5, 30).Draw(t, "clients.max_wait.ms") / 1000)
	}
	cl.Loops = rapid.IntRange(1, 2).Draw(t, "clients.loops")
	if rapid.Bool().Draw(t, "timeout") {
		cl.Timeout = consDur(rapid.Float64Range(2, 80).Draw(t, "clients.timeout.ms") / 1000)
	}
	cl.Retry.Attempts = rapid.IntRange(1, 4).Draw(t, "retry.attempts")
	cl.Retry.Backoff = genDelay(t, "retry.backoff", true, 0.5, 10)
	cl.Retry.Multiplier = rapid.Float64Range(1, 3).Draw(t, "retry.multiplier")
	cl.Retry.Jitter = rapid.SampledFrom(models.Jitters).Draw(t, "retry.jitter")
	if rapid.Bool().Draw(t, "retry.max_backoff?") {
		cl.Retry.MaxBackoff = consDur(rapid.Float64Range(0.5, 20).Draw(t, "retry.max_backoff.ms") / 1000)
	}

	cfg.Network.Send = genDelay(t, "network.send", true, 0.1, 3)
	cfg.Network.Reply = genDelay(t, "network.reply", true, 0.1, 3)
	cfg.Network.Loss = rapid.SampledFrom([]float64{0, 0, 0.01, 0.1}).Draw(t, "network.loss")

	s := &cfg.Server
	s.Count = rapid.IntRange(1, 3).Draw(t, "server.count")
	s.Workers = rapid.IntRange(1, 3).Draw(t, "server.workers")
	s.Capacity = rapid.IntRange(0, 4).Draw(t, "server.capacity")
	s.Queue = rapid.SampledFrom(models.Disciplines).Draw(t, "server.queue")
	s.Service = genDelay(t, "server.service", false, 0.5, 20)
	s.Error = rapid.SampledFrom([]float64{0, 0, 0.05, 0.3}).Draw(t, "server.error")
	if rapid.Bool().Draw(t, "crash") {
		s.Crash = &models.Crash{
			Uptime:   genDelay(t, "crash.uptime", false, 50, 500),
			Downtime: genDelay(t, "crash.downtime", false, 5, 100),
		}
	}
	h := &cfg.Handler
	h.Time = genDelay(t, "handler.time", true, 0.1, 3)
	h.Error = rapid.SampledFrom([]float64{0, 0, 0.02, 0.2}).Draw(t, "handler.error")
	h.Listeners = rapid.IntRange(1, 3).Draw(t, "handler.listeners")

	b := &cfg.Broker
	b.Capacity = rapid.IntRange(0, 20).Draw(t, "broker.capacity")
	b.Latency = genDelay(t, "broker.latency", true, 0.05, 1)
	b.Delivery = rapid.SampledFrom([]models.Delivery{models.AtLeastOnce, models.AtMostOnce}).Draw(t, "broker.delivery")
	b.AckTimeout = consDur(rapid.Float64Range(2, 60).Draw(t, "broker.ack_timeout.ms") / 1000)
	b.MaxDeliveries = rapid.IntRange(1, 4).Draw(t, "broker.max_deliveries")
	genResilience(t, &cfg)
	if err := cfg.Validate(); err != nil {
		t.Fatalf("generated an invalid model: %v", err)
	}
	return cfg
}

// TestPropertyConservation checks, on generated models, what must hold of
// every run: each successful request's Delay is exactly Send + Receive +
// Process with its parts in bounds; requests, successes, failures and
// attempts rebuilt from the trace equal the counters; attempts + requests
// still waiting or backing off = requests + retries; a timed-out attempt
// is late at most once; only mq at-least-once has duplicates and dead
// letters; and poisoning released objects changes nothing.
func TestPropertyConservation(t *testing.T) {
	const horizon, warmup = sim.Time(2 * sim.Second), sim.Time(200 * sim.Millisecond)
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t)
		seed := rapid.Uint64Range(1, 1000).Draw(t, "seed")
		genStationGuards(t, &cfg)
		m, ok := propertyRun(t, cfg, seed, horizon, warmup)
		if !ok {
			return
		}
		// A timeout gives up the attempt's copies, a winner the others:
		// each copy beyond the first is a hedge.
		if m.Late > m.Timeouts+m.Hedges {
			t.Errorf("late %v > timeouts %v + hedges %v", m.Late, m.Timeouts, m.Hedges)
		}
		if (cfg.Policy != models.MQ || cfg.Broker.Delivery == models.AtMostOnce) && (m.Duplicates != 0 || m.DeadLetters != 0) {
			t.Errorf("duplicates %v, dead_letters %v outside mq at-least-once", m.Duplicates, m.DeadLetters)
		}
		samePoisoned(t, cfg, seed, horizon, warmup, m)
		sameWithSeries(t, cfg, seed, horizon, warmup, m)
	})
}

// propertyRun runs cfg with the trace and checks every successful
// record's Delay = Send + Receive + Process, then the clients' counters
// against the requests rebuilt from the trace and the conservation of
// attempts. It reports false when a record was wrong.
func propertyRun(t *rapid.T, cfg models.Config, seed uint64, horizon, warmup sim.Time) (models.Metrics, bool) {
	m, tr, recs := consRun(t, cfg, seed, horizon, warmup, true)
	for _, rec := range recs {
		if rec.OK && !consCheckRecord(t, cfg, rec, horizon) {
			return m, false
		}
	}
	n := tr.counts(warmup)
	eq := func(name string, got float64, want int64) {
		if got != float64(want) {
			t.Errorf("%s = %v, rebuilt from the trace %d", name, got, want)
		}
	}
	eq("requests", m.Requests, n.requests)
	eq("succeeded", m.Succeeded, n.succeeded)
	eq("failed", m.Failed, n.failed)
	eq("in_flight", m.InFlight, n.requests-n.succeeded-n.failed)
	eq("attempts", m.Attempts, n.attempts)
	if m.Attempts+float64(n.waiting+n.backingOff+n.unsent+n.refused) != m.Requests+m.Retries {
		t.Errorf("attempts %v + waiting %d + backing off %d + never sent %d + retries refused %d != requests %v + retries %v",
			m.Attempts, n.waiting, n.backingOff, n.unsent, n.refused, m.Requests, m.Retries)
	}
	return m, true
}

// sameWithSeries runs cfg again recording time series of 100ms windows:
// every metric is the same as m's, and the windows add up: requests
// created, successes and failures over all windows are those of every
// request (warm-up included), and in_flight at the last window's end is
// what is left.
func sameWithSeries(t *rapid.T, cfg models.Config, seed uint64, horizon, warmup sim.Time, m models.Metrics) {
	var created, ok, failed int64
	p, err := models.RunWith(cfg, distributions.NewStreams(seed, 0), horizon, warmup, models.Options{
		Window: 100 * sim.Millisecond,
		Done: func(r models.Record) {
			if r.OK {
				ok++
			} else {
				failed++
			}
		},
		Trace: func(_ sim.Time, what string) {
			if strings.Contains(what, " created by client") {
				created++
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	mv, pv := append(m.Values(), m.Graph...), append(p.Values(), p.Graph...)
	names := append(append([]string{}, models.MetricNames...), models.GraphMetricNames(&cfg)...)
	for i, name := range names {
		if !crnEqual(mv[i], pv[i]) {
			t.Errorf("%s: %v, %v with time series", name, mv[i], pv[i])
		}
	}
	cols := append([]string{"t"}, models.SeriesNames(&cfg)...)
	col := map[string]int{}
	for i, c := range cols {
		col[c] = i
	}
	var sum = map[string]float64{}
	rows := len(p.Series) / len(cols)
	if rows != int((horizon+sim.Time(100*sim.Millisecond)-1)/sim.Time(100*sim.Millisecond)) {
		t.Errorf("%d windows over %v", rows, horizon)
	}
	for r := range rows {
		for _, c := range []string{"requests", "succeeded", "failed"} {
			sum[c] += p.Series[r*len(cols)+col[c]]
		}
	}
	if sum["requests"] != float64(created) || sum["succeeded"] != float64(ok) || sum["failed"] != float64(failed) {
		t.Errorf("windows add up to %v requests, %v succeeded, %v failed; the run had %d, %d, %d",
			sum["requests"], sum["succeeded"], sum["failed"], created, ok, failed)
	}
	if last := p.Series[(rows-1)*len(cols)+col["in_flight"]]; last != float64(created-ok-failed) {
		t.Errorf("in_flight at the end %v, want %d", last, created-ok-failed)
	}
}

// samePoisoned runs cfg again with released objects poisoned and checks
// that every metric, the graph's included, is the same as m's.
func samePoisoned(t *rapid.T, cfg models.Config, seed uint64, horizon, warmup sim.Time, m models.Metrics) {
	p, err := models.RunWith(cfg, distributions.NewStreams(seed, 0), horizon, warmup, models.Options{PoisonReleased: true})
	if err != nil {
		t.Fatal(err)
	}
	mv, pv := append(m.Values(), m.Graph...), append(p.Values(), p.Graph...)
	names := append(append([]string{}, models.MetricNames...), models.GraphMetricNames(&cfg)...)
	for i, name := range names {
		if !crnEqual(mv[i], pv[i]) {
			t.Errorf("%s: %v pooled, %v with released objects poisoned", name, mv[i], pv[i])
		}
	}
}

// genResilience draws the clients' resilience mechanisms: deadline, then
// a circuit breaker, a retry budget and a hedge. Its draws come after
// every other, and each mechanism's after those of the ones before it, so
// the models drawn before one was added are drawn the same.
func genResilience(t *rapid.T, cfg *models.Config) {
	cl := &cfg.Clients
	cl.Deadline = cl.Timeout > 0 && rapid.IntRange(0, 3).Draw(t, "clients.deadline?") == 0
	cl.Breaker = genBreaker(t, "clients")
	cl.Retry.Budget = genBudget(t, "clients", cl.Retry.Attempts)
	cl.Hedge = genHedge(t, "clients", cfg.Policy, cl.Retry.Attempts)
}

// genBreaker draws a circuit breaker small enough to open, and close
// again, within a short run, or none (three times in four).
func genBreaker(t *rapid.T, name string) *models.Breaker {
	if rapid.IntRange(0, 3).Draw(t, name+".breaker?") != 0 {
		return nil
	}
	w := rapid.IntRange(1, 10).Draw(t, name+".breaker.window")
	return &models.Breaker{
		FailureRate:   rapid.SampledFrom([]float64{0.2, 0.5, 1}).Draw(t, name+".breaker.failure_rate"),
		Window:        w,
		MinCalls:      rapid.IntRange(1, w).Draw(t, name+".breaker.min_calls"),
		OpenFor:       sim.Duration(rapid.IntRange(1, 500).Draw(t, name+".breaker.open_for")) * sim.Millisecond,
		HalfOpenCalls: rapid.IntRange(1, 3).Draw(t, name+".breaker.half_open_calls"),
	}
}

// genBudget draws a retry budget, or none (always without retries, and
// three times in four otherwise).
func genBudget(t *rapid.T, name string, attempts int) *models.Budget {
	if attempts < 2 || rapid.IntRange(0, 3).Draw(t, name+".budget?") != 0 {
		return nil
	}
	return &models.Budget{
		Percent:      rapid.SampledFrom([]float64{0, 10, 50, 100}).Draw(t, name+".budget.percent"),
		MinPerSecond: rapid.SampledFrom([]float64{0, 1, 10}).Draw(t, name+".budget.min_per_second"),
		TTL:          sim.Duration(rapid.IntRange(1, 3).Draw(t, name+".budget.ttl")) * sim.Second,
	}
}

// genHedge draws a hedge, sometimes, where one is allowed.
func genHedge(t *rapid.T, name string, p models.Policy, attempts int) *models.Hedge {
	if p == models.MQ || attempts > 1 || rapid.IntRange(0, 2).Draw(t, name+".hedge?") != 0 {
		return nil
	}
	return &models.Hedge{
		After: consDur(rapid.Float64Range(0.5, 20).Draw(t, name+".hedge.after.ms") / 1000),
		Max:   rapid.IntRange(1, 4).Draw(t, name+".hedge.max"),
	}
}
