package models_test

import (
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// crashLosesTrial is outages with a 400ms service on 10 workers and a
// server down at [1s, 1.2s) and [2.2s, 2.4s), behind a breaker with one
// trial that stays open 700ms: the failures of 1.0s and 1.1s open it (at
// 1.1s plus a few ms), 1.2s to 1.8s are refused, and the trial of 1.9s is
// in service, until 2.3s, when the crash of 2.2s loses it.
func crashLosesTrial() models.Config {
	cfg := outages()
	cfg.Server.Crash = &models.Crash{Uptime: ms(1000), Downtime: ms(200)}
	cfg.Server.Service = ms(400)
	cfg.Server.Workers = 10
	b := smallBreaker(1)
	b.OpenFor = 700 * sim.Millisecond
	cfg.Clients.Breaker = b
	return cfg
}

// TestBreakerHedgedTrialLost: the half-open breaker's only trial is a
// hedged request without a timeout (copies 1ms apart), both copies lost
// in the crash of 2.2s: the request fails then, and its trial is given
// back, as an unhedged one's is, so the request of 2.2s is the next trial
// (it fails, rejected: open again at 2.204s). The trial was once kept for
// ever, and every later request refused.
func TestBreakerHedgedTrialLost(t *testing.T) {
	cfg := crashLosesTrial()
	cfg.Clients.Hedge = &models.Hedge{After: sim.Millisecond, Max: 2}
	for _, poison := range []bool{false, true} {
		got, m := runLogOpts(t, cfg, 2250*sim.Millisecond, poison)
		containsAll(t, got, `1.9s circuit breaker clients>server half-open
1.9s r19 attempt 1 sent
1.901s r19 hedge: copy 2 of attempt 1 sent
`, `2s r20 attempt 1 short-circuited
`, `2.2s r19 attempt 1 lost in the crash
2.2s r19 attempt 1 lost in the crash
2.2s r19 failed
2.2s r22 created by client 0
2.2s r22 attempt 1 sent
`, `2.204s circuit breaker clients>server open
`)
		// Refused: 1.2s to 1.8s, 2.0s, 2.1s.
		if m.ShortCircuited != 9 {
			t.Errorf("poison %v: short_circuited %v, want 9", poison, m.ShortCircuited)
		}
	}
}

// TestBreakerServiceCallTrialLost: the same breaker on api's call of db
// (no timeout), db having the crashes: api's call comes 11ms after the
// request, so the trial of 1.911s is lost in the crash of 2.2s, and api,
// which waits on it for ever, gives its trial back (docs/model.md: an
// attempt lost with no timeout to notice): the call of 2.211s is the next
// trial, rejected by the db still down. The trial was once kept for ever.
func TestBreakerServiceCallTrialLost(t *testing.T) {
	db := service("db", 400)
	db.Workers = 10
	db.Crash = &models.Crash{Uptime: ms(1000), Downtime: ms(200)}
	h := hopTo("db", models.Callback)
	h.Breaker = smallBreaker(1)
	h.Breaker.OpenFor = 700 * sim.Millisecond
	cfg := graph(models.Callback, service("api", 10, models.Step{Hops: []models.Hop{h}}), db)
	for _, poison := range []bool{false, true} {
		got, m := runLogOpts(t, cfg, 2250*sim.Millisecond, poison)
		containsAll(t, got, `1.911s circuit breaker api>db half-open
1.911s r19 api>db attempt 1 sent
`, `2.2s r19 api>db attempt 1 lost in the crash
`, `2.211s r22 api>db attempt 1 sent
2.212s r22 api>db attempt 1 rejected by db 0
2.213s r22 api>db attempt 1 error reply
2.213s circuit breaker api>db open
`)
		// Refused: 1.211s to 1.811s, 2.011s, 2.111s.
		if v := graphValue(t, cfg, m, "call.api.db.short_circuited"); v != 9 {
			t.Errorf("poison %v: call.api.db.short_circuited %v, want 9", poison, v)
		}
	}
}

// TestBreakerHedgedTrialAbandoned: api calls db (hedged, copies 5ms
// apart, behind the breaker) and cache (20ms) in parallel and needs one;
// db calls x, down at [1s, 1.425s). An attempt of db fails when both its
// copies' calls of x are rejected (19ms after it is sent), before cache
// answers (22ms): those of 1.011s and 1.111s open the breaker at 1.13s,
// 1.211s and 1.311s are refused, 1.411s is the trial. Its first copy
// fails (1.425s) but the second reaches x after it recovered, and is
// still out when cache answers at 1.433s: the call is abandoned, and its
// trial given back, so 1.511s is the next trial. The trial was once kept
// for ever (a hedged attempt whose first copy had failed looked as if
// nothing was out), and every later call of db refused.
func TestBreakerHedgedTrialAbandoned(t *testing.T) {
	x := service("x", 10)
	x.Crash = &models.Crash{Uptime: ms(1000), Downtime: ms(425)}
	db := service("db", 10, hop("x", models.Callback))
	db.Workers = 2
	h := hopTo("db", models.Callback)
	h.Hedge = &models.Hedge{After: 5 * sim.Millisecond, Max: 2}
	h.Breaker = smallBreaker(1)
	h.Breaker.OpenFor = 250 * sim.Millisecond
	api := service("api", 10, models.Step{Parallel: true, Wait: 1, Hops: []models.Hop{h, hopTo("cache", models.Callback)}})
	cfg := graph(models.Callback, api, db, x, service("cache", 20))
	for _, poison := range []bool{false, true} {
		got, m := runLogOpts(t, cfg, 1650*sim.Millisecond, poison)
		containsAll(t, got, `1.13s circuit breaker api>db open
`, `1.411s circuit breaker api>db half-open
1.411s r14 api>db attempt 1 sent
`, `1.425s r14 api>db attempt 1 copy 1 error reply
`, `1.433s r14 api>db abandoned
`, `1.511s r15 api>db attempt 1 sent
`, `1.611s r16 api>db attempt 1 sent
`)
		if v := graphValue(t, cfg, m, "call.api.db.short_circuited"); v != 2 {
			t.Errorf("poison %v: call.api.db.short_circuited %v, want 2", poison, v)
		}
	}
}

// runLogOpts is runLog with seed 1, and released objects poisoned when
// poison is set.
func runLogOpts(t *testing.T, cfg models.Config, horizon sim.Duration, poison bool) (string, models.Metrics) {
	t.Helper()
	var b strings.Builder
	met, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(horizon), 0, models.Options{
		PoisonReleased: poison,
		Trace:          func(at sim.Time, what string) { b.WriteString(at.String() + " " + what + "\n") },
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), met
}

// TestBreakerHedgedAttemptOneOutcome: a hedged attempt is one outcome for
// the breaker, however many copies it sent. Outages, three copies 1ms
// apart, a breaker that opens once its 4 last outcomes all failed: the
// requests of 1.0s to 1.3s each send three copies, all rejected, and the
// breaker opens when the fourth attempt fails (1.3s plus 5ms), not at the
// second (had each copy been an outcome, 1.0s alone would make three).
func TestBreakerHedgedAttemptOneOutcome(t *testing.T) {
	cfg := outages()
	cfg.Clients.Hedge = &models.Hedge{After: sim.Millisecond, Max: 3}
	cfg.Clients.Breaker = &models.Breaker{FailureRate: 1, Window: 4, MinCalls: 4, OpenFor: 297 * sim.Millisecond, HalfOpenCalls: 1}
	got, m := runLog(t, cfg, 1, 1450*sim.Millisecond)
	containsAll(t, got, `1.305s circuit breaker clients>server open
1.305s r13 failed
1.4s r14 created by client 0
1.4s r14 attempt 1 short-circuited
`)
	if n := strings.Count(got, "circuit breaker"); n != 1 {
		t.Errorf("%d transitions, want 1 (open)", n)
	}
	if m.ShortCircuited != 1 || m.Attempts != 13 || m.Hedges != 26 {
		t.Errorf("short_circuited %v attempts %v hedges %v; want 1 13 26", m.ShortCircuited, m.Attempts, m.Hedges)
	}
}
