package models_test

// Statistical validation of service graphs against the closed forms of
// models/theory/network.go, mg1.go and mmc.go, with the harness of
// validation_test.go: fixed seeds, independent replications, a 99%
// Student-t interval of the mean over replications that must contain the
// closed form, and one VALIDATION line per check
// (go test -run ValidationGraph -v ./models | grep VALIDATION), from which
// the "Service graphs" table of docs/validation.md is made.
//
// Every model has zero network delays and a zero handler time, so the
// clients' delay.mean is the entry service's sojourn time; the unit of
// time is the second.

import (
	"fmt"
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/models/theory"
)

// graphAmple is the number of workers of an "ample" service: far more than
// its requests in service ever are, so nobody waits for a worker.
const graphAmple = 64

// graphSkipRace skips a graph validation under the race detector, where
// it takes about 100 s of CPU against 4 s without: its figures are
// statistics, not concurrency, and the graph engine runs under the race
// detector in the scenario and property tests.
func graphSkipRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("statistical validation of service graphs: skipped under -race (about 100 s of CPU)")
	}
}

// graphOpen returns a model of one client with Poisson arrivals of the
// given rate per second calling the first of services, with zero network
// and handler delays.
func graphOpen(rate float64, services ...models.Service) models.Config {
	cfg := models.DefaultConfig()
	cfg.Clients.Arrival = distributions.Exponential{Scale: 1 / rate}
	cfg.Services = services
	cfg.Clients.Calls = services[0].Name
	return cfg
}

// graphService returns a service of the given instances and workers with
// the given law of its own work, making the calls steps.
func graphService(name string, instances, workers int, work distributions.Dist, steps ...models.Step) models.Service {
	s := models.DefaultService(name)
	s.Instances, s.Workers, s.Service = instances, workers, work
	s.Calls = steps
	return s
}

// graphHop returns a hop to to under policy p over a network of zero
// delays, with the given attempts (1 = no retry).
func graphHop(to string, p models.Policy, attempts int) models.Hop {
	zero := distributions.Constant{}
	h := models.DefaultHop(to, models.Network{Send: zero, Reply: zero})
	h.Policy = p
	h.Retry.Attempts = attempts
	return h
}

// graphCall returns a step of one hop.
func graphCall(h models.Hop) models.Step { return models.Step{Hops: []models.Hop{h}} }

// graphMetric returns the value of a metric of cfg's runs, by name: a
// name of models.MetricNames or of models.GraphMetricNames(&cfg).
func graphMetric(t *testing.T, cfg *models.Config, name string) func(*models.Metrics) float64 {
	t.Helper()
	for i, n := range models.GraphMetricNames(cfg) {
		if n == name {
			return func(m *models.Metrics) float64 { return m.Graph[i] }
		}
	}
	for _, n := range models.MetricNames {
		if n == name {
			return func(m *models.Metrics) float64 { v, _ := m.Value(name); return v }
		}
	}
	t.Fatalf("unknown metric %q", name)
	return nil
}

// graphCheck is validationCheck for a metric named as graphMetric takes
// it.
func graphCheck(t *testing.T, name string, cfg *models.Config, metric string, want float64, ms []models.Metrics) {
	t.Helper()
	validationCheck(t, name, metric, want, ms, graphMetric(t, cfg, metric))
}

// graphPerRequest is validationCheck for metric / requests.
func graphPerRequest(t *testing.T, name string, cfg *models.Config, metric string, want float64, ms []models.Metrics) {
	t.Helper()
	v := graphMetric(t, cfg, metric)
	validationCheck(t, name, metric+"/requests", want, ms, func(m *models.Metrics) float64 {
		return v(m) / m.Requests
	})
}

// TestValidationGraphForkJoin checks a fork-join of two M/M/1 branches: an
// ample gateway with no work of its own sends every request to two
// single-worker services of rate 1 at once and replies when both have
// answered; its sojourn is (12 − ρ)/8 · 1/(μ − λ) (Flatto–Hahn,
// Nelson–Tantawi). Callback hops at ρ 0.5, sync hops (the gateway's
// workers held, but ample) at ρ 0.7.
func TestValidationGraphForkJoin(t *testing.T) {
	graphSkipRace(t)
	t.Parallel()
	for _, c := range []struct {
		rho             float64
		policy          models.Policy
		reps            int
		horizon, warmup float64
	}{
		{0.5, models.Callback, 10, 20000, 500},
		{0.7, models.Sync, 10, 30000, 1000},
	} {
		name := fmt.Sprintf("fork-join-2xM/M/1-%s-rho%.1f", c.policy, c.rho)
		fork := models.Step{Parallel: true, Hops: []models.Hop{
			graphHop("b1", c.policy, 1), graphHop("b2", c.policy, 1),
		}}
		cfg := graphOpen(c.rho,
			graphService("gw", 1, graphAmple, distributions.Constant{}, fork),
			graphService("b1", 1, 1, validationExp(1)),
			graphService("b2", 1, 1, validationExp(1)))
		ms := validationRun{name, cfg, 31, c.reps, c.horizon, c.warmup}.run(t)
		want := theory.ForkJoin2Sojourn(c.rho, 1)
		graphCheck(t, name, &cfg, "service.gw.delay.mean", want, ms)
		graphCheck(t, name, &cfg, "delay.mean", want, ms)
		graphCheck(t, name, &cfg, "service.b1.delay.mean", theory.MM1Sojourn(c.rho, 1), ms)
		graphCheck(t, name, &cfg, "service.b2.utilization", c.rho, ms)
	}
}

// TestValidationGraphSyncHeld checks a single-worker service whose worker
// stays busy over a sync call to an ample service: an M/G/1 queue whose
// service is the caller's own work (exponential, mean 0.4) plus the
// callee's (uniform on [0, 0.6]), by Pollaczek–Khinchine with the moments
// of the sum, at ρ 0.7.
func TestValidationGraphSyncHeld(t *testing.T) {
	graphSkipRace(t)
	t.Parallel()
	const lambda, own, callee = 1.0, 0.4, 0.3
	name := "sync-held-M/G/1-exp0.4+uniform0.3-rho0.7"
	cfg := graphOpen(lambda,
		graphService("api", 1, 1, validationExp(own), graphCall(graphHop("db", models.Sync, 1))),
		graphService("db", 1, graphAmple, distributions.Uniform{Min: 0, Max: 2 * callee}))
	// E[X²] = 2·mean² for the exponential; (2c)²/3 for uniform on [0, 2c].
	mean, moment2 := theory.SumMoments(own, 2*own*own, callee, 4*callee*callee/3)
	want := theory.MG1Sojourn(lambda, mean, moment2)
	ms := validationRun{name, cfg, 32, 10, 30000, 1000}.run(t)
	graphCheck(t, name, &cfg, "service.api.delay.mean", want, ms)
	graphCheck(t, name, &cfg, "delay.mean", want, ms)
	graphCheck(t, name, &cfg, "service.api.utilization", lambda*mean, ms)
	graphCheck(t, name, &cfg, "service.db.delay.mean", callee, ms)
}

// TestValidationGraphCallbackChain checks sojourn times that add up: an
// ample first tier (M/M/∞, mean 0.5) calls two single-worker services one
// after the other through callback hops. Its departures are Poisson, and
// so are those of the first M/M/1 (Burke), so both are M/M/1 queues fed
// at rate λ, and the front's sojourn is 0.5 + 1/(μb − λ) + 1/(μc − λ).
func TestValidationGraphCallbackChain(t *testing.T) {
	graphSkipRace(t)
	t.Parallel()
	const lambda, front, muB, muC = 1.0, 0.5, 2.0, 1 / 0.7
	name := "callback-chain-M/M/inf-then-M/M/1-rho0.5-then-M/M/1-rho0.7"
	cfg := graphOpen(lambda,
		graphService("front", 1, graphAmple, validationExp(front),
			graphCall(graphHop("b", models.Callback, 1)),
			graphCall(graphHop("c", models.Callback, 1))),
		graphService("b", 1, 1, validationExp(1/muB)),
		graphService("c", 1, 1, validationExp(1/muC)))
	wb, wc := theory.MM1Sojourn(lambda, muB), theory.MM1Sojourn(lambda, muC)
	ms := validationRun{name, cfg, 33, 10, 30000, 1000}.run(t)
	graphCheck(t, name, &cfg, "service.b.delay.mean", wb, ms)
	graphCheck(t, name, &cfg, "service.c.delay.mean", wc, ms)
	graphCheck(t, name, &cfg, "service.front.delay.mean", front+wb+wc, ms)
	graphCheck(t, name, &cfg, "delay.mean", front+wb+wc, ms)
	graphCheck(t, name, &cfg, "service.c.utilization", lambda/muC, ms)
}

// TestValidationGraphBalance checks balancing over 4 single-worker
// instances of rate 1 at ρ 0.7: random is 4 independent M/M/1 queues of
// rate λ/4; round-robin (here behind an ample gateway with no work, so
// the order of arrivals is kept) gives each instance Erlang-4 gaps, an
// E_4/M/1 queue.
func TestValidationGraphBalance(t *testing.T) {
	graphSkipRace(t)
	t.Parallel()
	const n, rho = 4, 0.7
	const lambda = n * rho
	{
		name := "random-4xM/M/1-rho0.7"
		pool := graphService("pool", n, 1, validationExp(1))
		pool.Balance = models.Random
		cfg := graphOpen(lambda, pool)
		ms := validationRun{name, cfg, 34, 10, 10000, 500}.run(t)
		want := theory.RandomSplitSojourn(n, lambda, 1)
		graphCheck(t, name, &cfg, "service.pool.delay.mean", want, ms)
		graphCheck(t, name, &cfg, "delay.mean", want, ms)
		graphCheck(t, name, &cfg, "service.pool.utilization", rho, ms)
	}
	{
		name := "round-robin-4xE4/M/1-rho0.7"
		pool := graphService("pool", n, 1, validationExp(1))
		pool.Balance = models.RoundRobin
		cfg := graphOpen(lambda,
			graphService("gw", 1, graphAmple, distributions.Constant{},
				graphCall(graphHop("pool", models.Sync, 1))),
			pool)
		ms := validationRun{name, cfg, 35, 10, 10000, 500}.run(t)
		want := theory.RoundRobinSojourn(n, lambda, 1)
		graphCheck(t, name, &cfg, "service.pool.delay.mean", want, ms)
		graphCheck(t, name, &cfg, "service.gw.delay.mean", want, ms)
		graphCheck(t, name, &cfg, "service.pool.utilization", rho, ms)
	}
}

// graphSupermarketBias is the largest relative excess over the
// supermarket model's limit allowed to two-choices at 50 instances.
const graphSupermarketBias = 0.08

// TestValidationGraphTwoChoices checks two-choices over 50 single-worker
// instances of rate 1 at ρ 0.9 against the supermarket model's limit
// Σ ρ^(2^i − 2). A finite system sits a little above the limit (at 50
// instances, +2.35% [+1.91%, +2.79%] over 20 replications of 20,000 s,
// seed 1000; +1.05% at ρ 0.8), so the check is not that the interval
// contains the limit but that it meets [limit, limit + 8%]: the estimate
// is consistent with an excess of 0 to 8%. Least-outstanding (join the
// shortest queue) has no closed form here; it must do better than
// two-choices (its interval wholly below) and no better than M/M/50,
// whose single queue no dispatching to separate queues can beat (its
// interval not wholly below that bound).
func TestValidationGraphTwoChoices(t *testing.T) {
	graphSkipRace(t)
	t.Parallel()
	const n, rho = 50, 0.9
	const lambda = n * rho
	run := func(name string, b models.Balance, seed uint64) (models.Config, []models.Metrics) {
		pool := graphService("pool", n, 1, validationExp(1))
		pool.Balance = b
		cfg := graphOpen(lambda, pool)
		return cfg, validationRun{name, cfg, seed, 10, 10000, 500}.run(t)
	}
	mean := func(cfg *models.Config, ms []models.Metrics) (est, lo, hi float64) {
		v := graphMetric(t, cfg, "service.pool.delay.mean")
		xs := make([]float64, len(ms))
		for i := range ms {
			xs[i] = v(&ms[i])
		}
		return validationCI(xs, validationConfidence)
	}

	name := "two-choices-50xM/M/1-rho0.9"
	cfg, ms := run(name, models.TwoChoices, 36)
	limit := theory.SupermarketSojourn(2, rho)
	est, lo, hi := mean(&cfg, ms)
	t.Logf("VALIDATION case=%s metric=service.pool.delay.mean theory=%.6g estimate=%.6g lo=%.6g hi=%.6g excess=%.4f",
		name, limit, est, lo, hi, est/limit-1)
	if hi < limit || lo > (1+graphSupermarketBias)*limit {
		t.Errorf("%s: estimate %.6g [%.6g, %.6g] not consistent with +0..%g%% over the supermarket limit %.6g",
			name, est, lo, hi, 100*graphSupermarketBias, limit)
	}
	graphCheck(t, name, &cfg, "service.pool.utilization", rho, ms)

	name = "least-outstanding-50xM/M/1-rho0.9"
	cfgLO, msLO := run(name, models.LeastOutstanding, 37)
	bound := theory.MMcSojourn(n, lambda, 1)
	estLO, loLO, hiLO := mean(&cfgLO, msLO)
	t.Logf("VALIDATION case=%s metric=service.pool.delay.mean theory=%.6g estimate=%.6g lo=%.6g hi=%.6g bound=M/M/50",
		name, bound, estLO, loLO, hiLO)
	if hiLO < bound || hiLO >= lo {
		t.Errorf("%s: estimate %.6g [%.6g, %.6g], want at least M/M/50's %.6g and below two-choices' [%.6g, %.6g]",
			name, estLO, loLO, hiLO, bound, lo, hi)
	}
	graphCheck(t, name, &cfgLO, "service.pool.utilization", rho, msLO)
}

// TestValidationGraphErrors checks errors propagated along a chain
// clients → a → b → c of sync hops with retries. A service's own error
// fails its attempt; so does a call that still fails after its attempts
// (on_error: fail). So an attempt at c succeeds with probability
// s_c = 1 − p_c, one at b with s_b = (1 − p_b)·(1 − (1 − s_c)^k_bc), one
// at a with s_a = (1 − p_a)·(1 − (1 − s_b)^k_ab), and a request with
// 1 − (1 − s_a)^k. Attempts per request follow: a call of k attempts of
// success s makes Σ_{i<k} (1 − s)^i of them, and a service reaches its
// call only when its own work did not fail. Then on_error: ignore: a hop
// that fails is a fallback and the request goes on.
func TestValidationGraphErrors(t *testing.T) {
	graphSkipRace(t)
	t.Parallel()
	// attemptsPerCall is the mean number of attempts of a call of at most
	// k attempts, each succeeding with probability s.
	attemptsPerCall := func(s float64, k int) float64 {
		var sum float64
		for i := range k {
			sum += math.Pow(1-s, float64(i))
		}
		return sum
	}
	{
		const pa, pb, pc = 0.1, 0.2, 0.3
		const k, kab, kbc = 2, 3, 2
		name := "errors-chain-p0.1,0.2,0.3-attempts2,3,2"
		a := graphService("a", 1, graphAmple, validationExp(0.01), graphCall(graphHop("b", models.Sync, kab)))
		a.Error = pa
		b := graphService("b", 1, graphAmple, validationExp(0.01), graphCall(graphHop("c", models.Sync, kbc)))
		b.Error = pb
		c := graphService("c", 1, graphAmple, validationExp(0.01))
		c.Error = pc
		cfg := graphOpen(1, a, b, c)
		cfg.Clients.Retry.Attempts = k
		sc := 1 - pc
		sb := theory.ChainReliability(1-pb, theory.RetryReliability(sc, kbc))
		sa := theory.ChainReliability(1-pa, theory.RetryReliability(sb, kab))
		want := theory.RetryReliability(sa, k)
		ms := validationRun{name, cfg, 38, 10, 20000, 100}.run(t)
		graphCheck(t, name, &cfg, "reliability", want, ms)
		atA := attemptsPerCall(sa, k)
		atB := atA * (1 - pa) * attemptsPerCall(sb, kab)
		atC := atB * (1 - pb) * attemptsPerCall(sc, kbc)
		graphPerRequest(t, name, &cfg, "call.clients.a.attempts", atA, ms)
		graphPerRequest(t, name, &cfg, "call.a.b.attempts", atB, ms)
		graphPerRequest(t, name, &cfg, "call.b.c.attempts", atC, ms)
		graphPerRequest(t, name, &cfg, "service.b.failed", atB*(1-sb), ms)
		graphPerRequest(t, name, &cfg, "service.c.errors", atC*pc, ms)
	}
	{
		const pa, pb, pc = 0.1, 0.5, 0.2
		name := "errors-ignore-p0.1,0.5(ignored),0.2"
		ignored := graphHop("b", models.Sync, 1)
		ignored.OnError = models.Ignore
		a := graphService("a", 1, graphAmple, validationExp(0.01),
			graphCall(ignored), graphCall(graphHop("c", models.Sync, 1)))
		a.Error = pa
		b := graphService("b", 1, graphAmple, validationExp(0.01))
		b.Error = pb
		c := graphService("c", 1, graphAmple, validationExp(0.01))
		c.Error = pc
		cfg := graphOpen(1, a, b, c)
		// Seed 40, not 39: under seed 39 the first 18,000 draws of b's
		// error stream (service/b/error) fall below 0.5 in 49.53% of
		// cases over the 10 replications, 4 standard errors low (a
		// 1-in-15,000 seed: over seeds 0..2999 that z has variance 1.00),
		// so fallbacks, which equal b's errors exactly here, sat outside
		// their interval by the draw of the generator alone.
		ms := validationRun{name, cfg, 40, 10, 20000, 100}.run(t)
		graphCheck(t, name, &cfg, "reliability", theory.ChainReliability(1-pa, 1-pc), ms)
		graphPerRequest(t, name, &cfg, "call.a.b.fallbacks", (1-pa)*pb, ms)
		graphPerRequest(t, name, &cfg, "call.a.c.attempts", 1-pa, ms)
	}
}
