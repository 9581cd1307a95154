package models_test

import (
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestRateLimit: a request every 10ms reaches a server limited to 50/s
// with a burst of 2. The bucket starts full (2 tokens); 10ms adds 0.5.
// Arrivals at 11, 21, 31ms take the 2 tokens and the 0.5 + 0.5 gained;
// from then on one arrival in two finds half a token: r4 (41ms) and r6
// (61ms) are refused at once with an error reply, counted rate_limited
// and not rejected.
func TestRateLimit(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(1)
	cfg.Server.RateLimit = &models.RateLimit{Rate: 50, Burst: 2}
	got, m := runLog(t, cfg, 1, 75*sim.Millisecond)
	var limited []string
	for _, l := range strings.Split(got, "\n") {
		if strings.Contains(l, "rate limited") || strings.Contains(l, "error reply") {
			limited = append(limited, l)
		}
	}
	want := []string{
		"41ms r4 attempt 1 rate limited by server 0", "43ms r4 attempt 1 error reply",
		"61ms r6 attempt 1 rate limited by server 0", "63ms r6 attempt 1 error reply",
	}
	if strings.Join(limited, "\n") != strings.Join(want, "\n") {
		t.Errorf("rate limit lines:\n%s\nwant:\n%s", strings.Join(limited, "\n"), strings.Join(want, "\n"))
	}
	if m.Requests != 7 || m.RateLimited != 2 || m.Rejected != 0 || m.Failed != 2 || m.Succeeded != 4 {
		t.Errorf("requests %v rate_limited %v rejected %v failed %v succeeded %v; want 7 2 0 2 4 (r7 in flight at the horizon)",
			m.Requests, m.RateLimited, m.Rejected, m.Failed, m.Succeeded)
	}
}

// TestRateLimitService: in a graph the refused calls count at their
// service (rate_limited and failed, not rejected) and fail the caller's
// step. db takes 1 call per 20ms with no burst beyond 1: of api's calls
// every 10ms, one in two is refused.
func TestRateLimitService(t *testing.T) {
	db := service("db", 1)
	db.RateLimit = &models.RateLimit{Rate: 50, Burst: 1}
	cfg := every(graph(models.Callback, service("api", 1, hop("db", models.Callback)), db), 10)
	_, m := runLog(t, cfg, 1, 75*sim.Millisecond)
	for name, want := range map[string]float64{
		"service.db.requests": 7, "service.db.rate_limited": 3, "service.db.failed": 3,
		"service.db.rejected": 0, "service.db.succeeded": 4, "service.api.failed": 3,
		"service.api.rate_limited": 0,
	} {
		if v := graphValue(t, cfg, m, name); v != want {
			t.Errorf("%s = %v, want %v", name, v, want)
		}
	}
	if m.RateLimited != 3 || m.Failed != 3 {
		t.Errorf("rate_limited %v failed %v; want 3 3", m.RateLimited, m.Failed)
	}
}

// TestRateLimitRefusedUnderMQ: a service reached through its broker has
// no rate limit of its own; the message names broker.ttl.
func TestRateLimitRefusedUnderMQ(t *testing.T) {
	cfg := scenario(models.MQ)
	cfg.Server.RateLimit = &models.RateLimit{Rate: 50, Burst: 1}
	cfg.Server.QueueTimeout = sim.Second
	cfg.Server.Queue = models.CoDel
	cfg.Server.Eject = &models.Eject{ConsecutiveErrors: 1, For: sim.Second, MaxPercent: 50}
	err := cfg.Validate()
	for _, f := range []string{"server.rate_limit: ", "server.queue_timeout: ", "server.queue: codel ", "server.eject: "} {
		if err == nil || !strings.Contains(err.Error(), f) {
			t.Errorf("no error at %s in %v", f, err)
		}
	}
	if err == nil || !strings.Contains(err.Error(), "use broker.ttl") {
		t.Errorf("error does not name broker.ttl: %v", err)
	}
	db := service("db", 1)
	db.RateLimit = &models.RateLimit{Rate: 50, Burst: 1}
	cfg = graph(models.Callback, service("api", 1, hop("db", models.MQ)), db)
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "services.db.rate_limit: cannot be used here") {
		t.Errorf("got %v, want an error at services.db.rate_limit", err)
	}
}
