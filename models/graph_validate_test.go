package models_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestGraphValidate checks each load-time error of a graph: its field and
// its message.
func TestGraphValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(c *models.Config)
		field string
		msg   string
	}{
		{"unknown target", func(c *models.Config) { c.Services[0].Calls[0].Hops[0].To = "nope" },
			"services.api.calls.0.to", `no service "nope"`},
		{"cycle", func(c *models.Config) { c.Services[1].Calls = []models.Step{hop("api", models.Sync)} },
			"services.db.calls.0.to", `a cycle: api -> db -> api`},
		{"self call", func(c *models.Config) { c.Services[1].Calls = []models.Step{hop("db", models.Sync)} },
			"services.db.calls.0.to", `a cycle: db -> db`},
		{"unreachable", func(c *models.Config) { c.Services = append(c.Services, service("lonely", 1)) },
			"services.lonely", `no request reaches service "lonely" from the entry service "api"`},
		{"entry required", func(c *models.Config) { c.Clients.Calls = "" },
			"clients.calls", "is required with more than one service: name the entry service"},
		{"unknown entry", func(c *models.Config) { c.Clients.Calls = "web" },
			"clients.calls", `no service "web"`},
		{"broker and direct", func(c *models.Config) {
			c.Services = append(c.Services, service("log", 1))
			c.Services[0].Calls = append(c.Services[0].Calls, hop("log", models.MQ))
			c.Services[1].Calls = []models.Step{hop("log", models.Sync)}
		}, "services.api.calls.1.policy", "is called both through its broker (mq) and directly"},
		{"event hop", func(c *models.Config) { c.Services[0].Calls[0].Hops[0].Policy = models.Event },
			"services.api.calls.0.policy", "a call's policy must be one of sync, callback, mq, got \"event\""},
		{"reply false needs mq", func(c *models.Config) { c.Services[0].Calls[0].Hops[0].Reply = false },
			"services.api.calls.0.reply", "reply: false needs policy mq"},
		{"reply false, no timeout", func(c *models.Config) {
			h := &c.Services[0].Calls[0].Hops[0]
			h.Policy, h.Reply, h.Timeout = models.MQ, false, sim.Second
		}, "services.api.calls.0.timeout", "no outcome to wait for"},
		{"reply false, no breaker", func(c *models.Config) {
			h := &c.Services[0].Calls[0].Hops[0]
			h.Policy, h.Reply = models.MQ, false
			h.Breaker = &models.Breaker{FailureRate: 0.5, Window: 10, MinCalls: 5, OpenFor: sim.Second, HalfOpenCalls: 1}
		}, "services.api.calls.0.circuit_breaker", "no outcome for a circuit breaker to count"},
		{"wait above the group", func(c *models.Config) {
			c.Services[0].Calls[0] = models.Step{Parallel: true, Wait: 2, Hops: []models.Hop{hopTo("db", models.Sync)}}
		}, "services.api.calls.0.wait", "must be all, any or a number of calls in 1..1, got 2"},
		{"parallel item", func(c *models.Config) {
			c.Services[0].Calls[0] = models.Step{Parallel: true, Hops: []models.Hop{hopTo("db", models.Sync), hopTo("x", models.Sync)}}
		}, "services.api.calls.0.parallel.1.to", `no service "x"`},
		{"clients name", func(c *models.Config) { c.Services[1].Name = "clients"; c.Services[0].Calls[0].Hops[0].To = "clients" },
			"services.clients", "names the clients in metric names"},
		{"bad name", func(c *models.Config) { c.Services[1].Name = "DB"; c.Services[0].Calls[0].Hops[0].To = "DB" },
			"services.DB", "a service name must match [a-z0-9_-]+"},
		{"balance", func(c *models.Config) { c.Services[1].Balance = "fastest" },
			"services.db.balance", "must be one of round-robin, random, least-outstanding, two-choices"},
		{"workers", func(c *models.Config) { c.Services[1].Workers = 0 },
			"services.db.workers", "must be >= 1, got 0"},
		{"hop retry", func(c *models.Config) { c.Services[0].Calls[0].Hops[0].Retry.Attempts = 0 },
			"services.api.calls.0.retry.attempts", "must be >= 1, got 0"},
		{"hop loss", func(c *models.Config) { c.Services[0].Calls[0].Hops[0].Network.Loss = 2 },
			"services.api.calls.0.network.loss", "must be a probability in [0, 1], got 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := graph(models.Callback, service("api", 1, hop("db", models.Sync)), service("db", 1))
			if err := cfg.Validate(); err != nil {
				t.Fatalf("base graph invalid: %v", err)
			}
			tc.edit(&cfg)
			err := cfg.Validate()
			var fe *models.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a FieldError", err)
			}
			if fe.Field != tc.field || !strings.Contains(fe.Msg, tc.msg) {
				t.Errorf("got %s: %s\nwant %s: ...%s...", fe.Field, fe.Msg, tc.field, tc.msg)
			}
		})
	}
}
