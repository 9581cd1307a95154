package models_test

import (
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// smallBreaker opens when half of the last 4 outcomes failed, once 2 were
// recorded, and stays open 297ms: in the scenarios below an attempt comes
// exactly when that time is over, and goes through, half-open.
func smallBreaker(halfOpen int) *models.Breaker {
	return &models.Breaker{FailureRate: 0.5, Window: 4, MinCalls: 2, OpenFor: 297 * sim.Millisecond, HalfOpenCalls: halfOpen}
}

// containsAll reports each of wants missing from the log got.
func containsAll(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("log:\n%s\nwant in it:\n%s", got, want)
		}
	}
}

// TestBreakerCycle: the outages scenario (server down at [1s, 1.5s) and
// [2.5s, 3s), an attempt sent while it is down fails 3ms later) behind a
// breaker with 2 half-open trials. The ring holds 4 successes when the
// server goes down; the failure of 1.0s makes 1/4, that of 1.1s 2/4: open
// at 1.103s. 1.2s and 1.3s are refused; 1.4s, 297ms later, turns it
// half-open and is its first trial, which fails: open again at 1.403s.
// 1.5s and 1.6s are refused (before 1.7s); 1.7s and 1.8s are the two
// trials, both succeed: closed at 1.813s with an empty ring, which holds
// the 4 successes of 2.1s to 2.4s at the next outage, where it goes the
// same way (2.7s and 2.8s refused, 2.9s a failed trial, 3.0s refused).
func TestBreakerCycle(t *testing.T) {
	cfg := outages()
	cfg.Clients.Breaker = smallBreaker(2)
	got, m := runLog(t, cfg, 1, 3050*sim.Millisecond)
	containsAll(t, got, `1.103s r11 attempt 1 error reply
1.103s circuit breaker clients>server open
1.103s r11 failed
1.2s r12 created by client 0
1.2s r12 attempt 1 short-circuited
1.2s r12 failed
`, `1.4s r14 created by client 0
1.4s circuit breaker clients>server half-open
1.4s r14 attempt 1 sent
1.401s r14 attempt 1 rejected by server 0
1.403s r14 attempt 1 error reply
1.403s circuit breaker clients>server open
1.403s r14 failed
`, `1.6s r16 attempt 1 short-circuited
1.6s r16 failed
1.7s r17 created by client 0
1.7s circuit breaker clients>server half-open
1.7s r17 attempt 1 sent
`, `1.813s r18 reply received
1.813s circuit breaker clients>server closed
`, `2.603s circuit breaker clients>server open
`, `2.9s circuit breaker clients>server half-open
`, `2.903s circuit breaker clients>server open
`, `3s r30 attempt 1 short-circuited
`)
	// 30 calls; refused: 1.2, 1.3, 1.5, 1.6, 2.7, 2.8, 3.0s; failed
	// attempts: 1.0, 1.1, 1.4, 2.5, 2.6, 2.9s.
	if m.Requests != 30 || m.ShortCircuited != 7 || m.Attempts != 23 || m.Failed != 13 || m.Rejected != 6 || m.Succeeded != 17 {
		t.Errorf("requests %v short_circuited %v attempts %v failed %v rejected %v succeeded %v; want 30 7 23 13 6 17",
			m.Requests, m.ShortCircuited, m.Attempts, m.Failed, m.Rejected, m.Succeeded)
	}
}

// TestBreakerGenerations: attempts served for 400ms by 10 workers, a
// timeout of 1.05s; the crash at 1s loses the attempts of 0.6s to 0.9s,
// whose timeouts fire at 1.65s to 1.95s. The breaker (1 half-open trial)
// opens at 1.103s, its trial of 1.4s fails, and the trial of 1.7s, out
// until 2.103s, succeeds. The timeouts of attempts let through while it
// was closed are ignored: the one at 1.75s would otherwise open the
// half-open breaker again. While the trial is out, 1.8s to 2.1s are
// refused.
func TestBreakerGenerations(t *testing.T) {
	cfg := outages()
	cfg.Server.Service = ms(400)
	cfg.Server.Workers = 10
	cfg.Clients.Timeout = 1050 * sim.Millisecond
	cfg.Clients.Breaker = smallBreaker(1)
	got, m := runLog(t, cfg, 1, 2150*sim.Millisecond)
	containsAll(t, got, `1.7s circuit breaker clients>server half-open
1.7s r17 attempt 1 sent
`, `1.75s r7 attempt 1 timed out
1.75s r7 failed
1.8s r18 created by client 0
1.8s r18 attempt 1 short-circuited
`, `2.103s r17 reply received
2.103s circuit breaker clients>server closed
`)
	if n := strings.Count(got, "circuit breaker"); n != 5 {
		t.Errorf("%d transitions, want 5 (open, half-open, open, half-open, closed)", n)
	}
	// 21 calls; refused 1.2, 1.3, 1.5, 1.6, 1.8, 1.9, 2.0, 2.1s; failed
	// attempts 1.0, 1.1, 1.4s (rejected) and 0.6 to 0.9s (timed out).
	if m.Requests != 21 || m.ShortCircuited != 8 || m.Attempts != 13 || m.Timeouts != 4 || m.Failed != 15 || m.Succeeded != 6 {
		t.Errorf("requests %v short_circuited %v attempts %v timeouts %v failed %v succeeded %v; want 21 8 13 4 15 6",
			m.Requests, m.ShortCircuited, m.Attempts, m.Timeouts, m.Failed, m.Succeeded)
	}
}

// TestBreakerOnGraphHop: the breaker of TestBreakerCycle on api's call of
// db, which has the outages: api calls db 11ms after a request is sent and
// knows the outcome 2ms later (down) or 12ms later (up), so the breaker
// goes as in TestBreakerCycle 11ms later (open at 1.113s, half-open at
// 1.411s, ...), with the same counts, per hop and for the run.
func TestBreakerOnGraphHop(t *testing.T) {
	db := service("db", 10)
	db.Crash = &models.Crash{Uptime: ms(1000), Downtime: ms(500)}
	h := hopTo("db", models.Callback)
	h.Breaker = smallBreaker(2)
	cfg := graph(models.Callback, service("api", 10, models.Step{Hops: []models.Hop{h}}), db)
	got, m := runLog(t, cfg, 1, 3050*sim.Millisecond)
	containsAll(t, got, `1.113s circuit breaker api>db open
`, `1.211s r12 api>db attempt 1 short-circuited
1.211s r12 attempt 1 calls failed
`, `1.411s circuit breaker api>db half-open
1.411s r14 api>db attempt 1 sent
`, `1.823s circuit breaker api>db closed
`)
	for name, want := range map[string]float64{
		"call.api.db.short_circuited": 7, "call.api.db.attempts": 23, "call.clients.api.short_circuited": 0,
		"call.clients.api.attempts": 30,
	} {
		if v := graphValue(t, cfg, m, name); v != want {
			t.Errorf("%s %v, want %v", name, v, want)
		}
	}
	if m.ShortCircuited != 7 || m.Failed != 13 || m.Attempts != 30 {
		t.Errorf("short_circuited %v failed %v attempts %v; want 7 13 30", m.ShortCircuited, m.Failed, m.Attempts)
	}
}

// TestBreakerRefusesALine: a sync client with one thread, a request every
// 1ms, and a server that takes 100ms and answers with an error. The first
// failure (at 104ms) opens the breaker; ending that request gives the
// thread to the next of the ~100 waiting, refused at once, which gives it
// to the next, and so on: all are refused at 104ms, the later ones by
// events at that instant rather than nested calls (models' maxNested).
// Pooled and poisoned runs count the same.
func TestBreakerRefusesALine(t *testing.T) {
	cfg := scenario(models.Sync)
	cfg.Clients.Arrival = ms(1)
	cfg.Server.Service = ms(100)
	cfg.Server.Error = 1
	cfg.Clients.Breaker = &models.Breaker{FailureRate: 1, Window: 1, MinCalls: 1, OpenFor: sim.Hour, HalfOpenCalls: 1}
	for _, poison := range []bool{false, true} {
		var refusedAt104 int
		m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(200*sim.Millisecond), 0, models.Options{
			PoisonReleased: poison,
			Trace: func(at sim.Time, what string) {
				if at == sim.Time(104*sim.Millisecond) && strings.HasSuffix(what, "short-circuited") {
					refusedAt104++
				}
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		// Requests at 1..104ms wait or hold the thread at 104ms: r1
		// failed, r2 to r104 refused; each later one is refused at once.
		if m.Requests != 199 || m.ShortCircuited != 198 || m.Attempts != 1 || m.Failed != 199 || refusedAt104 != 103 {
			t.Errorf("poison %v: requests %v short_circuited %v attempts %v failed %v, refused at 104ms %d; want 199 198 1 199 103",
				poison, m.Requests, m.ShortCircuited, m.Attempts, m.Failed, refusedAt104)
		}
	}
}

// TestBreakerAbandonedTrial: api calls db (a breaker with 1 trial) and
// fast at once and needs one success. db is down at [1s, 1.5s), where its
// errors come at 13ms, before fast's success at 23ms: they open the
// breaker at 1.113s; 1.211s and 1.311s are refused, the trial of 1.411s
// fails, 1.511s and 1.611s are refused. Up again, db takes 50ms: from
// 1.711s on, each trial is abandoned when fast answers, and gives its
// permission back, so the next call is a trial again instead of being
// refused while the breaker waits for an outcome that never comes.
func TestBreakerAbandonedTrial(t *testing.T) {
	db := service("db", 50)
	db.Crash = &models.Crash{Uptime: ms(1000), Downtime: ms(500)}
	h := hopTo("db", models.Callback)
	h.Breaker = smallBreaker(1)
	api := service("api", 10, models.Step{Parallel: true, Wait: 1, Hops: []models.Hop{h, hopTo("fast", models.Callback)}})
	cfg := graph(models.Callback, api, db, service("fast", 10))
	got, m := runLog(t, cfg, 1, 2450*sim.Millisecond)
	containsAll(t, got, `1.711s circuit breaker api>db half-open
1.711s r17 api>db attempt 1 sent
`, `1.811s r18 api>db attempt 1 sent
`)
	for name, want := range map[string]float64{"call.api.db.short_circuited": 4, "call.api.db.attempts": 20} {
		if v := graphValue(t, cfg, m, name); v != want {
			t.Errorf("%s %v, want %v", name, v, want)
		}
	}
	if m.Succeeded != 24 || m.ShortCircuited != 4 {
		t.Errorf("succeeded %v short_circuited %v; want 24 4", m.Succeeded, m.ShortCircuited)
	}
}
