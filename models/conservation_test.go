package models_test

// Exact identities of one run: the t0..t3 decomposition of every request,
// conservation of requests and attempts, the definitions of throughput and
// reliability, and common random numbers across policies. Every model here
// has network delays, handler time, loss, timeouts, retries, server errors,
// rejections and crashes on at once.

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// Bounds of the uniform delays of consConfig, in seconds.
const (
	consSendMin, consSendMax       = 0.0005, 0.0015
	consReplyMin, consReplyMax     = 0.0005, 0.0015
	consHandlerMin, consHandlerMax = 0.0002, 0.001
	consLatencyMin, consLatencyMax = 0.0001, 0.0003
	consTimeout                    = 40 * sim.Millisecond
	consAttempts                   = 3
	consListeners                  = 2
)

func consDur(s float64) sim.Duration { return sim.Duration(math.Round(s * float64(sim.Second))) }

// consBounds returns bounds on the samples of d: exact for uniform and
// constant delays, [0, forever] otherwise.
func consBounds(d distributions.Dist) (lo, hi sim.Duration) {
	switch v := d.(type) {
	case distributions.Uniform:
		return consDur(v.Min), consDur(v.Max)
	case distributions.Constant:
		return v.Value, v.Value
	}
	return 0, sim.Duration(math.MaxInt64)
}

// consConfig returns a model of policy p with every delay and failure on:
// two clients, two servers of two workers with a small waiting room,
// uniform network delays with 2% loss, a 40ms timeout with three attempts
// and exponential backoff, 5% server errors, crashes, uniform handler time
// with 1% errors and two listeners; under mq a bounded broker whose short
// ack timeout causes redeliveries, duplicates and dead letters.
func consConfig(p models.Policy) models.Config {
	cfg := models.DefaultConfig()
	cfg.Policy = p
	cfg.Clients.Count = 2
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.010}
	cfg.Clients.Threads = 4
	cfg.Clients.Loops = 1
	cfg.Clients.Timeout = consTimeout
	cfg.Clients.Retry = models.Retry{
		Attempts: consAttempts, Backoff: distributions.Exponential{Scale: 0.005}, Multiplier: 2,
	}
	cfg.Network.Send = distributions.Uniform{Min: consSendMin, Max: consSendMax}
	cfg.Network.Reply = distributions.Uniform{Min: consReplyMin, Max: consReplyMax}
	cfg.Network.Loss = 0.02
	cfg.Server.Count = 2
	cfg.Server.Workers = 2
	cfg.Server.Capacity = 4
	cfg.Server.Service = distributions.Exponential{Scale: 0.006}
	cfg.Server.Error = 0.05
	cfg.Server.Crash = &models.Crash{
		Uptime: distributions.Exponential{Scale: 1}, Downtime: distributions.Exponential{Scale: 0.1},
	}
	cfg.Handler.Time = distributions.Uniform{Min: consHandlerMin, Max: consHandlerMax}
	cfg.Handler.Error = 0.01
	cfg.Handler.Listeners = consListeners
	cfg.Broker.Capacity = 30
	cfg.Broker.Latency = distributions.Uniform{Min: consLatencyMin, Max: consLatencyMax}
	cfg.Broker.AckTimeout = 15 * sim.Millisecond
	cfg.Broker.MaxDeliveries = 3
	return cfg
}

// tester is what the conservation checks need of a test: a *testing.T, or
// a *rapid.T in the property tests.
type tester interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// consScenario is one variant of consConfig.
type consScenario struct {
	name   string
	cfg    models.Config
	warmup sim.Time
	// free: no thread pool or in-flight window and zero backoff, so no
	// request ever waits to start an attempt and attempts == requests +
	// retries holds at the horizon without looking inside the run.
	free bool
	// expect lists the figures that must be > 0, so that the scenario
	// exercises what it is meant to ("waiting" is rebuilt from the trace).
	expect []string
}

// consScenarios returns the variants of every policy: everything on, with
// a thread pool (sync) or an in-flight window; no timeout, where a loss
// fails the request at once and keeps its thread or slot blocked for the
// rest of the run, so requests pile up waiting at the horizon; for the
// non-blocking policies a free variant with unbounded in-flight requests
// and zero backoff; and for sync a closed loop.
func consScenarios() []consScenario {
	const warmup = sim.Time(2 * sim.Second)
	common := []string{"succeeded", "failed", "retries", "lost", "errors"}
	mqAll := append(append([]string{}, common...), "timeouts", "late", "duplicates", "dead_letters", "rejected")
	direct := append(append([]string{}, common...), "timeouts", "late", "rejected")
	var out []consScenario
	for _, p := range models.Policies {
		expect := direct
		if p == models.MQ {
			expect = mqAll
		}
		cfg := consConfig(p)
		if p != models.Sync {
			cfg.Clients.MaxInFlight = 8
		}
		out = append(out, consScenario{name: string(p) + "/all-on", cfg: cfg, warmup: warmup, expect: expect})

		cfg = consConfig(p)
		cfg.Clients.Timeout = 0
		cfg.Network.Loss = 0.005
		cfg.Broker.Capacity = 8
		if p != models.Sync {
			cfg.Clients.MaxInFlight = 16
		}
		out = append(out, consScenario{name: string(p) + "/no-timeout", cfg: cfg,
			expect: append(append([]string{}, common...), "waiting", "rejected")})

		if p == models.Sync {
			cfg = consConfig(p)
			cfg.Clients.Arrival = nil
			cfg.Clients.Think = distributions.Exponential{Scale: 0.02}
			out = append(out, consScenario{name: "sync/closed", cfg: cfg, warmup: warmup, expect: direct})
			continue
		}
		cfg = consConfig(p)
		cfg.Clients.Retry.Backoff = distributions.Constant{}
		out = append(out, consScenario{name: string(p) + "/free", cfg: cfg, warmup: warmup, free: true, expect: expect})
		if p == models.MQ {
			cfg = consConfig(p)
			cfg.Broker.Delivery = models.AtMostOnce
			out = append(out, consScenario{name: "mq/at-most-once", cfg: cfg, warmup: warmup,
				expect: direct})
		}
	}
	return out
}

// consReq is what the trace tells of one request.
type consReq struct {
	t0        sim.Time
	attempts  int  // attempts started
	backoff   bool // waiting for a backoff to end (its retry is counted, its attempt not started)
	refused   int  // retries the circuit breaker refused: counted, never sent
	finished  bool
	ok        bool
	recAttemp int
}

// consTrace rebuilds the life of every request from the trace of a run,
// independently of the model's counters.
type consTrace struct {
	t    tester
	reqs map[int64]*consReq
	bad  int
}

// requestID parses "r<id> ..." and returns id and the rest of the line.
func (c *consTrace) requestID(what string) (int64, string, bool) {
	if !strings.HasPrefix(what, "r") {
		return 0, "", false
	}
	sp := strings.IndexByte(what, ' ')
	if sp < 0 {
		return 0, "", false
	}
	id, err := strconv.ParseInt(what[1:sp], 10, 64)
	if err != nil {
		return 0, "", false
	}
	return id, what[sp+1:], true
}

func (c *consTrace) step(at sim.Time, what string) {
	id, rest, ok := c.requestID(what)
	if !ok {
		return
	}
	switch {
	case strings.HasPrefix(rest, "created"):
		if _, dup := c.reqs[id]; dup {
			c.fail("request r%d created twice", id)
		}
		c.reqs[id] = &consReq{t0: at}
	case strings.HasPrefix(rest, "attempt ") && strings.HasSuffix(rest, " sent"):
		r := c.get(id)
		k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rest, "attempt "), " sent"))
		if err != nil || r == nil {
			c.fail("bad trace line %q", what)
			return
		}
		if k != r.attempts+1 {
			c.fail("r%d: attempt %d sent after %d attempts", id, k, r.attempts)
		}
		if r.finished {
			c.fail("r%d: attempt %d sent after the request finished", id, k)
		}
		r.attempts, r.backoff = k, false
	case strings.HasPrefix(rest, "attempt ") && strings.HasSuffix(rest, " short-circuited"):
		if r := c.get(id); r != nil && r.attempts > 0 {
			r.refused++
		}
	case strings.HasPrefix(rest, "backoff"):
		if r := c.get(id); r != nil {
			r.backoff = true
		}
	}
}

func (c *consTrace) get(id int64) *consReq {
	r := c.reqs[id]
	if r == nil {
		c.fail("r%d traced before its creation", id)
	}
	return r
}

func (c *consTrace) fail(format string, a ...any) {
	c.t.Helper()
	if c.bad < 10 {
		c.t.Errorf(format, a...)
	}
	c.bad++
}

// consCounts are the requests of the window as the trace tells them.
type consCounts struct {
	requests, succeeded, failed, attempts int64
	waiting                               int64 // not yet given a thread or slot
	backingOff                            int64 // waiting for a backoff to end
	unsent                                int64 // failed without an attempt (max_wait ran out)
	refused                               int64 // retries counted and refused by the circuit breaker
}

// counts rebuilds the counters of the requests created at or after warmup.
func (c *consTrace) counts(warmup sim.Time) consCounts {
	var n consCounts
	for _, r := range c.reqs {
		if r.t0 < warmup {
			continue
		}
		n.requests++
		n.attempts += int64(r.attempts)
		n.refused += int64(r.refused)
		if r.finished && r.attempts == 0 {
			n.unsent++
		}
		switch {
		case r.finished && r.ok:
			n.succeeded++
		case r.finished:
			n.failed++
		case r.attempts == 0:
			n.waiting++
		case r.backoff:
			n.backingOff++
		}
	}
	return n
}

// consRun runs cfg with the trace and the Done hook on and checks every
// finished request on the fly. It returns the metrics, the rebuilt
// requests and the finished records.
func consRun(t tester, cfg models.Config, seed uint64, horizon, warmup sim.Time, trace bool) (models.Metrics, *consTrace, []models.Record) {
	t.Helper()
	tr := &consTrace{t: t, reqs: map[int64]*consReq{}}
	var recs []models.Record
	opts := models.Options{Done: func(rec models.Record) {
		recs = append(recs, rec)
		if !trace {
			return
		}
		r := tr.reqs[rec.ID]
		switch {
		case r == nil:
			tr.fail("r%d finished but was never created", rec.ID)
		case r.finished:
			tr.fail("r%d finished twice", rec.ID)
		default:
			r.finished, r.ok, r.recAttemp = true, rec.OK, rec.Attempts
			if rec.T0 != r.t0 {
				tr.fail("r%d: record t0 %d, created at %d", rec.ID, rec.T0, r.t0)
			}
			if rec.Attempts != r.attempts {
				tr.fail("r%d: record says %d attempts, %d were sent", rec.ID, rec.Attempts, r.attempts)
			}
		}
	}}
	if trace {
		opts.Trace = tr.step
	}
	m, err := models.RunWith(cfg, distributions.NewStreams(seed, 0), horizon, warmup, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m, tr, recs
}

// consCheckRecord checks the decomposition of one successful request and
// the bounds its configuration implies.
func consCheckRecord(t tester, cfg models.Config, rec models.Record, horizon sim.Time) bool {
	t.Helper()
	send, recv, proc := rec.T1-rec.T0, rec.T2-rec.T1, rec.T3-rec.T2
	delay := rec.T3 - rec.T0
	fail := func(format string, a ...any) bool {
		t.Errorf("%s r%d (t0=%d t1=%d t2=%d t3=%d, %d attempts): "+format,
			append([]any{cfg.Policy, rec.ID, rec.T0, rec.T1, rec.T2, rec.T3, rec.Attempts}, a...)...)
		return false
	}
	switch {
	case delay != send+recv+proc:
		return fail("delay %d != send %d + receive %d + process %d", delay, send, recv, proc)
	case !(0 <= rec.T0 && rec.T0 <= rec.T1 && rec.T1 <= rec.T2 && rec.T2 <= rec.T3 && rec.T3 <= horizon):
		return fail("timestamps out of order")
	case rec.Attempts < 1 || rec.Attempts > cfg.Clients.Retry.Attempts:
		return fail("attempts outside [1, %d]", cfg.Clients.Retry.Attempts)
	}
	// Every attempt crosses the network; the final one was not timed out.
	sendMin, _ := consBounds(cfg.Network.Send)
	if sim.Duration(send) < sendMin {
		return fail("send delay %v below the minimal network send %v", sim.Duration(send), sendMin)
	}
	minRecv, _ := consBounds(cfg.Network.Reply)
	if cfg.Policy == models.MQ {
		latMin, _ := consBounds(cfg.Broker.Latency)
		minRecv += latMin
	}
	if sim.Duration(recv) < minRecv {
		return fail("receive delay %v below the minimal reply (+ broker latency) %v", sim.Duration(recv), minRecv)
	}
	if to := cfg.Clients.Timeout; to > 0 && sim.Duration(recv) > to {
		return fail("receive delay %v longer than the timeout %v of the attempt that counted", sim.Duration(recv), to)
	}
	runs := 1
	if cfg.Policy == models.Event {
		runs = cfg.Handler.Listeners
	}
	hMin, hMax := consBounds(cfg.Handler.Time)
	if sim.Duration(proc) < sim.Duration(runs)*hMin {
		return fail("process delay %v below %d handler runs of at least %v", sim.Duration(proc), runs, hMin)
	}
	if cfg.Policy == models.Sync && sim.Duration(proc) > hMax {
		return fail("sync process delay %v: the handler runs on the blocked thread and takes at most %v", sim.Duration(proc), hMax)
	}
	return true
}

func consRel(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / math.Max(math.Abs(a), math.Abs(b))
}

// TestDecompositionIdentity checks, for every policy with every failure
// on, that each successful request has t0 <= t1 <= t2 <= t3 and
// t3-t0 == (t1-t0) + (t2-t1) + (t3-t2) in integer ticks, and that each part
// respects the delays that make it up; and that the reported means are the
// means of these parts.
func TestDecompositionIdentity(t *testing.T) {
	t.Parallel()
	horizon, warmup := sim.Time(60*sim.Second), sim.Time(5*sim.Second)
	for _, p := range models.Policies {
		t.Run(string(p), func(t *testing.T) {
			cfg := consConfig(p)
			m, _, recs := consRun(t, cfg, 31, horizon, warmup, false)
			var n, okRecs int64
			var sum, sumSend, sumRecv, sumProc, maxDelay sim.Time
			bad := 0
			for _, rec := range recs {
				if !rec.OK {
					continue
				}
				okRecs++
				if bad < 10 && !consCheckRecord(t, cfg, rec, horizon) {
					bad++
				}
				if rec.T0 < warmup {
					continue
				}
				n++
				sum += rec.T3 - rec.T0
				sumSend += rec.T1 - rec.T0
				sumRecv += rec.T2 - rec.T1
				sumProc += rec.T3 - rec.T2
				maxDelay = max(maxDelay, rec.T3-rec.T0)
			}
			if okRecs < 1000 {
				t.Fatalf("only %d successful requests", okRecs)
			}
			if float64(n) != m.Succeeded {
				t.Errorf("%d successful records created after warm-up, succeeded = %v", n, m.Succeeded)
			}
			secs := func(x sim.Time) float64 { return sim.Duration(x).Seconds() }
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"delay.mean", m.DelayMean, secs(sum) / float64(n)},
				{"send.mean", m.SendMean, secs(sumSend) / float64(n)},
				{"receive.mean", m.ReceiveMean, secs(sumRecv) / float64(n)},
				{"process.mean", m.ProcessMean, secs(sumProc) / float64(n)},
				{"delay.max", m.DelayMax, secs(maxDelay)},
				{"send+receive+process", m.SendMean + m.ReceiveMean + m.ProcessMean, m.DelayMean},
			} {
				if consRel(c.got, c.want) > 1e-9 {
					t.Errorf("%s = %.12g, the records give %.12g", c.name, c.got, c.want)
				}
			}
			// Percentiles are within 1% and ordered.
			ps := []float64{m.DelayP50, m.DelayP90, m.DelayP95, m.DelayP99}
			for i := 1; i < len(ps); i++ {
				if ps[i] < ps[i-1] {
					t.Errorf("delay percentiles not ordered: %v", ps)
				}
			}
			if m.DelayP99 > m.DelayMax*1.01 || m.DelayP50 <= 0 {
				t.Errorf("delay.p50 %v, p99 %v, max %v", m.DelayP50, m.DelayP99, m.DelayMax)
			}
		})
	}
}

// TestConservation checks the books of every policy with failures on.
// With R the requests created at or after warm-up, for every run:
//
//	requests == succeeded + failed + in_flight, in_flight >= 0, and each
//	figure equals the count rebuilt from the trace and the Done hook
//	(each request created once and finished at most once);
//	attempts == the attempts the trace shows sent for R;
//	attempts + waiting + backing_off == requests + retries, where waiting
//	counts requests of R still waiting at the horizon for a thread or an
//	in-flight slot (0 attempts) and backing_off those whose retry is
//	counted but whose next attempt waits for the backoff to end; in the
//	free variants (unbounded in-flight, zero backoff) both are 0, so
//	attempts == requests + retries exactly;
//	throughput × (horizon - warmup) == completions (relative 1e-9) ==
//	successes finished inside the window, whatever their creation time;
//	reliability == succeeded / (succeeded + failed);
//	the failure counters show that every failure was exercised.
func TestConservation(t *testing.T) {
	t.Parallel()
	horizon := sim.Time(20 * sim.Second)
	for _, sc := range consScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			warmup := sc.warmup
			m, tr, recs := consRun(t, sc.cfg, 41, horizon, warmup, true)
			n := tr.counts(warmup)
			requests, succeeded, failed, attempts, waiting, backingOff := n.requests, n.succeeded, n.failed, n.attempts, n.waiting, n.backingOff
			var completions int64
			for _, rec := range recs {
				if rec.OK && rec.T3 >= warmup && rec.T3 <= horizon {
					completions++
				}
			}
			inFlight := requests - succeeded - failed
			t.Logf("%s: requests %v succeeded %v failed %v in_flight %v waiting %d backing_off %d attempts %v retries %v "+
				"timeouts %v lost %v rejected %v errors %v late %v duplicates %v dead_letters %v",
				sc.name, m.Requests, m.Succeeded, m.Failed, m.InFlight, waiting, backingOff, m.Attempts, m.Retries,
				m.Timeouts, m.Lost, m.Rejected, m.Errors, m.Late, m.Duplicates, m.DeadLetters)

			eq := func(name string, got float64, want int64) {
				t.Helper()
				if got != float64(want) {
					t.Errorf("%s = %v, want %d", name, got, want)
				}
			}
			eq("requests", m.Requests, requests)
			eq("succeeded", m.Succeeded, succeeded)
			eq("failed", m.Failed, failed)
			eq("in_flight", m.InFlight, inFlight)
			eq("attempts", m.Attempts, attempts)
			eq("completions", m.Completions, completions)
			if m.Requests != m.Succeeded+m.Failed+m.InFlight || m.InFlight < 0 {
				t.Errorf("requests %v != succeeded %v + failed %v + in_flight %v", m.Requests, m.Succeeded, m.Failed, m.InFlight)
			}
			if m.Attempts+float64(waiting+backingOff+n.unsent) != m.Requests+m.Retries {
				t.Errorf("attempts %v + waiting %d + backing off %d != requests %v + retries %v",
					m.Attempts, waiting, backingOff, m.Requests, m.Retries)
			}
			if sc.free {
				if waiting != 0 || backingOff != 0 {
					t.Errorf("free variant: %d waiting, %d backing off", waiting, backingOff)
				}
				if m.Attempts != m.Requests+m.Retries {
					t.Errorf("attempts %v != requests %v + retries %v", m.Attempts, m.Requests, m.Retries)
				}
			}
			window := sim.Duration(horizon - warmup).Seconds()
			if consRel(m.Throughput*window, m.Completions) > 1e-9 {
				t.Errorf("throughput %v × window %v = %v, completions %v", m.Throughput, window, m.Throughput*window, m.Completions)
			}
			if consRel(m.Reliability, m.Succeeded/m.Requests) > 1e-12 {
				t.Errorf("reliability %v, succeeded/requests = %v", m.Reliability, m.Succeeded/m.Requests)
			}
			for _, u := range []struct {
				name string
				v    float64
			}{{"server.utilization", m.ServerUtilization}, {"client.utilization", m.ClientUtilization}} {
				if !(u.v >= 0 && u.v <= 1) {
					t.Errorf("%s = %v, outside [0, 1]", u.name, u.v)
				}
			}
			if !(m.ServerQueueMean >= 0) {
				t.Errorf("server.queue.mean = %v", m.ServerQueueMean)
			}

			// Everything the scenario is meant to exercise happened.
			for _, name := range sc.expect {
				v, ok := m.Value(name)
				if name == "waiting" {
					v, ok = float64(waiting), true
				}
				if !ok {
					t.Fatalf("unknown figure %q", name)
				}
				if !(v > 0) {
					t.Errorf("%s = %v: the scenario does not exercise it", name, v)
				}
			}
			if m.Retries > m.Attempts || m.Failed > m.Requests {
				t.Errorf("retries %v > attempts %v or failed %v > requests %v", m.Retries, m.Attempts, m.Failed, m.Requests)
			}
		})
	}
}

// crnEqual reports whether two metrics are equal, NaN equal to NaN.
func crnEqual(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

// TestCommonRandomNumbers checks that every random stream belongs to one
// purpose, so runs that differ only in policy see the same samples. With
// zero handler time, callback and event are the same model and give the
// same metrics bit for bit, even with every failure on; and an M/M/1 under
// sync with one thread, under callback and under mq with one consumer
// serves the same requests in the same order, so their delays are equal.
func TestCommonRandomNumbers(t *testing.T) {
	t.Parallel()
	horizon, warmup := sim.Time(100*sim.Second), sim.Time(5*sim.Second)
	run := func(cfg models.Config) models.Metrics {
		t.Helper()
		m, err := models.Run(cfg, distributions.NewStreams(51, 3), horizon, warmup)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	t.Run("callback=event", func(t *testing.T) {
		cfg := consConfig(models.Callback)
		cfg.Handler.Time = distributions.Constant{}
		cfg.Handler.Listeners = 1
		a := run(cfg)
		cfg.Policy = models.Event
		b := run(cfg)
		va, vb := a.Values(), b.Values()
		for i, name := range models.MetricNames {
			if !crnEqual(va[i], vb[i]) {
				t.Errorf("%s: callback %v, event %v", name, va[i], vb[i])
			}
		}
		if a.DelayMean != b.DelayMean || !(a.Succeeded > 1000) {
			t.Errorf("delay.mean: callback %v, event %v (%v successes)", a.DelayMean, b.DelayMean, a.Succeeded)
		}
	})

	t.Run("mm1-sync=callback=mq", func(t *testing.T) {
		cfg := models.DefaultConfig()
		cfg.Clients.Arrival = distributions.Exponential{Scale: 0.010}
		cfg.Server.Service = distributions.Exponential{Scale: 0.008}
		byPolicy := map[models.Policy]models.Metrics{}
		for _, p := range []models.Policy{models.Callback, models.Sync, models.MQ} {
			cfg.Policy = p
			byPolicy[p] = run(cfg)
		}
		ref := byPolicy[models.Callback]
		if !(ref.Succeeded > 5000) {
			t.Fatalf("only %v successes", ref.Succeeded)
		}
		for _, p := range []models.Policy{models.Sync, models.MQ} {
			m := byPolicy[p]
			for _, c := range []struct {
				name   string
				a, b   float64
				approx bool
			}{
				{"requests", ref.Requests, m.Requests, false},
				{"succeeded", ref.Succeeded, m.Succeeded, false},
				{"delay.mean", ref.DelayMean, m.DelayMean, false},
				{"delay.p99", ref.DelayP99, m.DelayP99, false},
				{"delay.max", ref.DelayMax, m.DelayMax, false},
				{"throughput", ref.Throughput, m.Throughput, false},
				{"server.utilization", ref.ServerUtilization, m.ServerUtilization, true},
			} {
				if c.a != c.b && !(c.approx && consRel(c.a, c.b) < 1e-12) {
					t.Errorf("%s: callback %v, %s %v", c.name, c.a, p, c.b)
				}
			}
		}
	})
}
