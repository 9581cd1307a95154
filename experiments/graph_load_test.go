package experiments

import (
	"errors"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// The service graph of the docs is read key by key: its resolved settings
// hold every key with the value written or its default, in file order,
// the services in the order written and every call with the model's
// network where it sets none.
func TestLoadGraphExample(t *testing.T) {
	exp := mustLoad(t, "testdata/load/graph.yaml")
	c := &exp.Points[0].Model
	hop := func(to, policy string, reply bool) string {
		return `{"to":"` + to + `","policy":"` + policy + `","timeout":0,"retry":{"attempts":1,"backoff":"constant(value=0s)","multiplier":1,"max_backoff":0,"jitter":"none"},` +
			`"on_error":"fail","network":{"send":"constant(value=1ms)","reply":"constant(value=1ms)","loss":0},"reply":` + map[bool]string{true: "true", false: "false"}[reply] + `}`
	}
	broker := func(capacity string) string {
		return `"broker":{"capacity":` + capacity + `,"latency":"constant(value=0s)","delivery":"at-least-once","ack_timeout":30,"max_deliveries":5}`
	}
	leaf := func(name, workers, service, capacity string) string {
		return `"` + name + `":{"instances":1,"workers":` + workers + `,"capacity":0,"service":"` + service + `","error":0,"crash":null,"balance":"round-robin","queue":"fifo",` +
			broker(capacity) + `,"calls":[]}`
	}
	want := `{"policy":"callback",` +
		`"clients":{"count":1,"arrival":"exponential(mean=10ms)","think":null,"threads":1,"max_in_flight":0,"max_wait":0,"loops":1,"timeout":0,` +
		`"retry":{"attempts":1,"backoff":"constant(value=0s)","multiplier":1,"max_backoff":0,"jitter":"none"},"calls":"api"},` +
		`"network":{"send":"constant(value=1ms)","reply":"constant(value=1ms)","loss":0},` +
		`"handler":{"time":"constant(value=0s)","error":0,"listeners":1},` +
		`"services":{"api":{"instances":2,"workers":8,"capacity":0,"service":"exponential(mean=2ms)","error":0,` +
		`"crash":{"uptime":"constant(value=1m40s)","downtime":"constant(value=1s)"},"balance":"round-robin","queue":"fifo",` + broker("0") + `,"calls":[` +
		`{"to":"auth","policy":"sync","timeout":0.1,"retry":{"attempts":2,"backoff":"constant(value=5ms)","multiplier":1,"max_backoff":0,"jitter":"none"},` +
		`"on_error":"fail","network":{"send":"constant(value=1ms)","reply":"constant(value=1ms)","loss":0},"reply":true},` +
		`{"parallel":[` + hop("stock", "callback", true) + `,` + hop("price", "callback", true) + `],"wait":"all"},` +
		hop("audit", "mq", false) + `]},` +
		leaf("auth", "4", "lognormal(mu=-6.155716580594, sigma=0.8325546111576977)", "0") + `,` +
		leaf("stock", "2", "constant(value=4ms)", "0") + `,` +
		leaf("price", "2", "constant(value=4ms)", "0") + `,` +
		leaf("audit", "1", "constant(value=10ms)", "1000") + `}}`
	if got := string(marshalModel(c)); got != want {
		t.Errorf("resolved model\ngot  %s\nwant %s", got, want)
	}

	// What the settings above do not show: the Config's own form.
	if len(c.Services) != 5 || len(c.Services[0].Calls) != 3 {
		t.Fatalf("%d services, %d calls of api; want 5 and 3", len(c.Services), len(c.Services[0].Calls))
	}
	steps := c.Services[0].Calls
	if steps[0].Parallel || len(steps[0].Hops) != 1 || !steps[1].Parallel || len(steps[1].Hops) != 2 || steps[1].Wait != 0 ||
		steps[0].Hops[0].Timeout != 100*sim.Millisecond || steps[2].Hops[0].Reply || steps[2].Hops[0].Policy != models.MQ {
		t.Errorf("calls of api: %+v", steps)
	}
	if c.Clients.Calls != "api" || c.Server.Service != nil {
		t.Errorf("clients.calls %q, server.service %v; want api and none", c.Clients.Calls, c.Server.Service)
	}
	if got, want := strings.Join(models.GraphMetricNames(c)[:6], " "),
		"call.api.audit.attempts call.api.audit.budget_exhausted call.api.audit.fallbacks call.api.audit.hedges call.api.audit.late call.api.audit.retries"; got != want {
		t.Errorf("first columns %s, want %s", got, want)
	}
}

// wait: any is one success, a number k is k.
func TestLoadGraphWait(t *testing.T) {
	for _, tc := range []struct {
		wait string
		want int
	}{{"all", 0}, {"any", 1}, {"2", 2}} {
		exp, err := parse(t, `name: t
horizon: 1s
model:
  clients: {arrival: 10ms, calls: a}
  services:
    a: {service: 1ms, calls: [{parallel: [{to: b}, {to: c}], wait: `+tc.wait+`}]}
    b: {service: 1ms}
    c: {service: 1ms}
`)
		if err != nil {
			t.Fatalf("wait %s: %v", tc.wait, err)
		}
		if got := exp.Points[0].Model.Services[0].Calls[0].Wait; got != tc.want {
			t.Errorf("wait %s: Wait %d, want %d", tc.wait, got, tc.want)
		}
	}
}

// Sweeping a call's policy and a service's service time: each point has
// its own services, with the value of its point and everything else as
// written.
func TestSweepGraph(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 1s
model:
  clients: {arrival: 10ms, calls: api}
  network: {send: 1ms}
  services:
    api:
      service: 1ms
      calls:
        - {to: db, timeout: 50ms}
        - parallel: [{to: cache}, {to: db, network: {send: 3ms}}]
    db: {service: {dist: exponential, mean: 5ms}}
    cache: {service: 1ms}
sweep:
  model.services.api.calls.0.policy: [sync, callback]
  model.services.db.service.mean: [5ms, 8ms]
  model.services.api.calls.1.parallel.0.timeout: [20ms]
  model.network.send: [1ms, 2ms]
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Points) != 8 {
		t.Fatalf("%d points, want 8", len(exp.Points))
	}
	cells := func(p Point) string {
		s := make([]string, len(p.Values))
		for i, v := range p.Values {
			s[i] = v.Cell
		}
		return strings.Join(s, ",")
	}
	for _, p := range exp.Points {
		c := &p.Model
		api, db := &c.Services[0], &c.Services[1]
		first, par := &api.Calls[0].Hops[0], api.Calls[1].Hops
		send := c.Network.Send.String()
		got := strings.Join([]string{string(first.Policy), db.Service.String(), par[0].Timeout.String(),
			first.Timeout.String(), first.Network.Send.String(), par[0].Network.Send.String(), par[1].Network.Send.String()}, " ")
		want := strings.Join([]string{[]string{"sync", "callback"}[p.Index/4], "exponential(mean=" + []string{"5ms", "8ms"}[p.Index/2%2] + ")", "20ms",
			"50ms", send, send, "constant(value=3ms)"}, " ")
		if got != want || send != "constant(value="+[]string{"1ms", "2ms"}[p.Index%2]+")" {
			t.Errorf("point %d (%s): %s, want %s with send %s", p.Index, cells(p), got, want, send)
		}
	}
	if got, want := cells(exp.Points[5]), "callback,0.005,0.02,0.002"; got != want {
		t.Errorf("cells of point 5: %s, want %s", got, want)
	}
	// Points share no part of their services.
	exp.Points[0].Model.Services[0].Calls[1].Hops[0].To = "changed"
	if exp.Points[1].Model.Services[0].Calls[1].Hops[0].To != "cache" {
		t.Error("points share the calls of a service")
	}
}

// Every problem of a service graph is reported at the key it is about,
// list items by their index.
func TestLoadGraphErrors(t *testing.T) {
	const head = "name: t\nhorizon: 1s\nmodel:\n  clients: {arrival: 10ms, calls: api}\n"
	for _, tc := range []struct{ name, model, want string }{
		{"server and services", `  server: {service: 1ms}
  services: {api: {service: 1ms}}
`, `exp.yaml:5:3: model.server: cannot be used with services: a model has either one server (server:) or services (services:)`},
		{"broker and services", `  broker: {capacity: 3}
  services: {api: {service: 1ms}}
`, `exp.yaml:5:3: model.broker: cannot be used with services: each service reached through a broker (a call with policy mq) has its own, services.NAME.broker`},
		{"calls without services", `  server: {service: 1ms}
`, `exp.yaml:4:28: model.clients.calls: names the service the clients call, but the model has no services: (its one server is server:)`},
		{"no services", `  services: {}
`, `exp.yaml:5:3: model.services: must name at least one service, e.g. services: {api: {service: 10ms}}, got a mapping`},
		{"unknown to", `  services:
    api:
      service: 1ms
      calls:
        - to: db
        - parallel: [{to: db}, {to: nowhere}]
    db: {service: 1ms}
`, `exp.yaml:10:33: model.services.api.calls.1.parallel.1.to: no service "nowhere"`},
		{"missing to", `  services:
    api:
      service: 1ms
      calls: [{to: db}, {policy: callback}]
    db: {service: 1ms}
`, `exp.yaml:8:25: model.services.api.calls.1.to: missing (required): the service this call goes to, e.g. to: db`},
		{"cycle", `  services:
    api: {service: 1ms, calls: [{to: db}]}
    db:
      service: 1ms
      calls:
        - parallel:
            - {to: cache}
            - {to: api, policy: callback}
    cache: {service: 1ms}
`, `exp.yaml:12:16: model.services.db.calls.0.parallel.1.to: a cycle: api -> db -> api`},
		{"unreachable", `  services:
    api: {service: 1ms}
    lonely: {service: 1ms}
`, `exp.yaml:7:5: model.services.lonely: no request reaches service "lonely" from the entry service "api"`},
		{"bad value in a call", `  services:
    api: {service: 1ms, calls: [{to: db, retry: {attempts: 0}}]}
    db: {service: 1ms, workers: 0}
`, `exp.yaml:6:50: model.services.api.calls.0.retry.attempts: must be >= 1, got 0
exp.yaml:7:24: model.services.db.workers: must be >= 1, got 0`},
		{"wait", `  services:
    api: {service: 1ms, calls: [{parallel: [{to: db}], wait: 2}, {parallel: [{to: db}], wait: none}]}
    db: {service: 1ms}
`, `exp.yaml:6:56: model.services.api.calls.0.wait: must be all, any or a number of calls in 1..1, got 2
exp.yaml:6:89: model.services.api.calls.1.wait: must be all, any or a number of calls >= 1, got none`},
		{"reply without mq", `  services:
    api: {service: 1ms, calls: [{to: db, reply: false}]}
    db: {service: 1ms}
`, `exp.yaml:6:42: model.services.api.calls.0.reply: reply: false needs policy mq (fire and forget through a broker), got sync`},
		{"unknown key in a call", `  services:
    api: {service: 1ms, calls: [{to: db, polcy: mq}]}
    db: {service: 1ms}
`, `exp.yaml:6:42: model.services.api.calls.0.polcy: unknown key; did you mean "policy"? (accepted: to, policy, timeout, retry, circuit_breaker, hedge, deadline, on_error, network, reply)`},
		{"calls not a list", `  services:
    api: {service: 1ms, calls: {to: db}}
    db: {service: 1ms}
`, `exp.yaml:6:25: model.services.api.calls: must be a list, got a mapping
exp.yaml:7:5: model.services.db: no request reaches service "db" from the entry service "api"`},
		{"sweep of a to", `  services:
    api: {service: 1ms, calls: [{to: db}]}
    db: {service: 1ms}
sweep:
  model.services.api.calls.0.to: [db]
  model.clients.calls: [api]
`, `exp.yaml:9:3: sweep.model.services.api.calls.0.to: model.services.api.calls.0.to cannot be swept: it names a service, and every service and call has its own output columns, the same at every point
exp.yaml:10:3: sweep.model.clients.calls: model.clients.calls cannot be swept: it names a service, and every service and call has its own output columns, the same at every point`},
		{"sweep paths that do not exist", `  services:
    api: {service: 1ms, calls: [{to: db}]}
    db: {service: 1ms}
sweep:
  model.services.api.calls.1.policy: [sync]
  model.services.dbb.workers: [1]
  model.services.api.calls: [1]
  model.server.workers: [2]
`, `exp.yaml:9:3: sweep.model.services.api.calls.1.policy: no item 1 in model.services.api.calls (it has 1: 0 to 0)
exp.yaml:10:3: sweep.model.services.dbb.workers: no service dbb; did you mean "db"? (services: api, db)
exp.yaml:11:3: sweep.model.services.api.calls: model.services.api.calls is a list, not a value; sweep a key of one of its items, e.g. model.services.api.calls.0.policy
exp.yaml:12:3: sweep.model.server.workers: cannot be used with services: a model has either one server (server:) or services (services:)`},
		{"broker never used", `  services:
    api: {service: 1ms, calls: [{to: db}, {to: q, policy: mq}], broker: {capacity: 3}}
    db: {service: 1ms}
    q: {service: 1ms, broker: {capacity: 3}}
sweep:
  model.services.db.broker.latency: [1ms]
  model.services.q.broker.latency: [1ms]
`, `exp.yaml:6:65: model.services.api.broker: only used when service api is called through its broker (by a call with policy mq), but no sweep point calls it so
exp.yaml:10:3: sweep.model.services.db.broker.latency: only used when service db is called through its broker (by a call with policy mq), but no sweep point calls it so`},
		{"broker of the entry under mq", `  policy: mq
  services:
    api: {service: 1ms, broker: {capacity: 3}}
`, ``},
		{"swept value", `  services:
    api: {service: 1ms, calls: [{to: db}]}
    db: {service: 1ms}
sweep:
  model.services.api.calls.0.policy: [sync, event]
`, `exp.yaml:9:45: model.services.api.calls.0.policy: must be one of sync, callback, mq, got event`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(t, head+tc.model)
			if tc.want == "" {
				if err != nil {
					t.Errorf("got %v, want no error", err)
				}
				return
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("got %v, want errors", err)
			}
			got := make([]string, len(list))
			for i, e := range list {
				e.File = "exp.yaml"
				got[i] = e.Error()
			}
			if g := strings.Join(got, "\n"); g != tc.want {
				t.Errorf("got\n%s\nwant\n%s", g, tc.want)
			}
		})
	}
}
