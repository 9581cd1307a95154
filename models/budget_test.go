package models_test

import (
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// outages is the scenario model (a request every 100ms, send 1ms, reply
// 2ms, service 10ms) whose server is up for 1s, down for 0.5s, and so on:
// a request reaching it while it is down is rejected, an error reply 3ms
// after it was sent. Retries wait 5ms.
func outages() models.Config {
	cfg := scenario(models.Callback)
	cfg.Server.Crash = &models.Crash{Uptime: ms(1000), Downtime: ms(500)}
	cfg.Clients.Retry.Backoff = ms(5)
	return cfg
}

// TestBudgetRefills: a budget of 50% over a 1s ttl (ten slices of 100ms)
// before two outages of 0.5s, at [1s, 1.5s) and [2.5s, 3s). Each time the
// last ttl holds the 10 calls of slices k-9..k, so 5 retries are allowed in
// all (retries + 1 <= 0.5 × 10): the call of 1000ms retries 3 times (its 4
// attempts), the call of 1100ms twice, and is then refused, and so are the
// calls of 1200, 1300 and 1400ms at their first retry. By 2.5s the retries
// of the first outage have left the window: the second outage gets the
// same 5. Without the window (every call of the run counted) the second
// outage would have 25 calls behind it and retry 12 times; with nine
// slices only, the first would retry 4 times.
func TestBudgetRefills(t *testing.T) {
	cfg := outages()
	cfg.Clients.Retry.Attempts = 4
	cfg.Clients.Retry.Budget = &models.Budget{Percent: 50, TTL: sim.Second}
	got, m := runLog(t, cfg, 1, 3050*sim.Millisecond)
	// The second call of the first outage: two retries, then refused.
	want := `1.1s r11 created by client 0
1.1s r11 attempt 1 sent
1.101s r11 attempt 1 rejected by server 0
1.103s r11 attempt 1 error reply
1.103s r11 backoff 5ms
1.108s r11 attempt 2 sent
1.109s r11 attempt 2 rejected by server 0
1.111s r11 attempt 2 error reply
1.111s r11 backoff 5ms
1.116s r11 attempt 3 sent
1.117s r11 attempt 3 rejected by server 0
1.119s r11 attempt 3 error reply
1.119s r11 retry refused: budget exhausted
1.119s r11 failed
1.2s r12 created by client 0
1.2s r12 attempt 1 sent
1.201s r12 attempt 1 rejected by server 0
1.203s r12 attempt 1 error reply
1.203s r12 retry refused: budget exhausted
1.203s r12 failed
`
	if !strings.Contains(got, want) {
		t.Errorf("log:\n%s\nwant in it:\n%s", got, want)
	}
	// 30 calls, 10 of them in the outages; 5 retries and 4 refusals in
	// each outage; 20 attempts rejected (4+3+1+1+1 per outage).
	if m.Requests != 30 || m.Succeeded != 20 || m.Failed != 10 || m.Retries != 10 ||
		m.BudgetExhausted != 8 || m.Attempts != 40 || m.Rejected != 20 {
		t.Errorf("requests %v succeeded %v failed %v retries %v budget_exhausted %v attempts %v rejected %v; want 30 20 10 10 8 40 20",
			m.Requests, m.Succeeded, m.Failed, m.Retries, m.BudgetExhausted, m.Attempts, m.Rejected)
	}
}

// TestBudgetReserve: with percent 0 only the reserve of min_per_second ×
// ttl = 2 retries a second is allowed, against a server always down. The
// first call retries twice (at 113 and 131ms, slice 1) and is refused at
// its third failure; every later call is refused at its first until slice
// 1 leaves the window when slice 11 begins, at 1100ms exactly; the call of
// 1100ms then retries twice in its turn. A window of 11 slices would
// refill at 1200ms, one of 9 at 1000ms.
func TestBudgetReserve(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Server.Error = 1
	cfg.Clients.Retry.Attempts = 10
	cfg.Clients.Retry.Backoff = ms(5)
	cfg.Clients.Retry.Budget = &models.Budget{MinPerSecond: 2, TTL: sim.Second}
	got, m := runLog(t, cfg, 1, 2050*sim.Millisecond)
	for _, want := range []string{`100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 server error
113ms r1 attempt 1 error reply
113ms r1 backoff 5ms
118ms r1 attempt 2 sent
`, `149ms r1 attempt 3 error reply
149ms r1 retry refused: budget exhausted
149ms r1 failed
`, `1.013s r10 attempt 1 error reply
1.013s r10 retry refused: budget exhausted
`, `1.113s r11 attempt 1 error reply
1.113s r11 backoff 5ms
`} {
		if !strings.Contains(got, want) {
			t.Errorf("log:\n%s\nwant in it:\n%s", got, want)
		}
	}
	// 20 calls, all refused in the end; retries in slices 1 and 11.
	if m.Requests != 20 || m.Failed != 20 || m.Retries != 4 || m.BudgetExhausted != 20 || m.Attempts != 24 {
		t.Errorf("requests %v failed %v retries %v budget_exhausted %v attempts %v; want 20 20 4 20 24",
			m.Requests, m.Failed, m.Retries, m.BudgetExhausted, m.Attempts)
	}
}

// TestBudgetOnGraphHop: the budget of TestBudgetRefills on api's call of
// db, which has db's outages: the same counts, per hop and for the run.
func TestBudgetOnGraphHop(t *testing.T) {
	db := service("db", 10)
	db.Crash = &models.Crash{Uptime: ms(1000), Downtime: ms(500)}
	h := hopTo("db", models.Callback)
	h.Retry.Attempts, h.Retry.Backoff = 4, ms(5)
	h.Retry.Budget = &models.Budget{Percent: 50, TTL: sim.Second}
	cfg := graph(models.Callback, service("api", 10, models.Step{Hops: []models.Hop{h}}), db)
	got, m := runLog(t, cfg, 1, 3050*sim.Millisecond)
	if want := "1.127s r11 api>db retry refused: budget exhausted\n1.127s r11 attempt 1 calls failed\n"; !strings.Contains(got, want) {
		t.Errorf("log:\n%s\nwant in it:\n%s", got, want)
	}
	for name, want := range map[string]float64{
		"call.api.db.budget_exhausted": 8, "call.api.db.retries": 10, "call.api.db.attempts": 40,
		"call.clients.api.budget_exhausted": 0,
	} {
		if v := graphValue(t, cfg, m, name); v != want {
			t.Errorf("%s %v, want %v", name, v, want)
		}
	}
	if m.BudgetExhausted != 8 || m.Failed != 10 || m.Retries != 0 {
		t.Errorf("budget_exhausted %v failed %v retries %v; want 8 10 0 (retries counts the clients' own)", m.BudgetExhausted, m.Failed, m.Retries)
	}
}
