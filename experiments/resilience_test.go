package experiments

import (
	"encoding/json"
	"strings"
	"testing"
)

// modelJSON returns the resolved model of point p of exp, decoded.
func modelJSON(t *testing.T, exp Experiment, p int) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(marshalModel(&exp.Points[p].Model), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// wantJSON decodes a JSON object of a test.
func wantJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

// Every resilience key of the clients and server: is read into its own
// field and written back, each off its default (broker.ttl is in
// everyKey).
func TestResilienceKeysKeyByKey(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 10s
model:
  clients:
    arrival: 10ms
    timeout: 1s
    retry: {attempts: 2, budget: {percent: 7, min_per_second: 3, ttl: 4s}}
    circuit_breaker: {failure_rate: 0.25, window: 40, min_calls: 30, open_for: 2s, half_open_calls: 3}
    deadline: true
  server:
    service: 1ms
    queue: adaptive-lifo
    codel: {target: 2ms, interval: 50ms}
    queue_timeout: 300ms
    rate_limit: {rate: 250, burst: 12}
    eject: {consecutive_errors: 9, for: 8s, max_percent: 40}
`)
	if err != nil {
		t.Fatal(err)
	}
	m := modelJSON(t, exp, 0)
	compareJSON(t, "clients", m["clients"], wantJSON(t, `{"count":1,"arrival":"constant(value=10ms)","think":null,"threads":1,"max_in_flight":0,"max_wait":0,"loops":1,"timeout":1,
		"retry":{"attempts":2,"backoff":"constant(value=0s)","multiplier":1,"max_backoff":0,"jitter":"none","budget":{"percent":7,"min_per_second":3,"ttl":4}},
		"circuit_breaker":{"failure_rate":0.25,"window":40,"min_calls":30,"open_for":2,"half_open_calls":3},
		"deadline":true}`))
	compareJSON(t, "server", m["server"], wantJSON(t, `{"count":1,"workers":1,"capacity":0,"service":"constant(value=1ms)","error":0,"crash":null,
		"queue":"adaptive-lifo","codel":{"target":0.002,"interval":0.05},"queue_timeout":0.3,
		"rate_limit":{"rate":250,"burst":12},"eject":{"consecutive_errors":9,"for":8,"max_percent":40}}`))

	// hedge, which the clients cannot have with retries or policy mq.
	exp, err = parse(t, "name: t\nhorizon: 10s\nmodel:\n  clients: {arrival: 10ms, hedge: {after: 30ms, max: 3}}\n  server: {service: 1ms}\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(marshalModel(&exp.Points[0].Model)), `"hedge":{"after":0.03,"max":3}},"network"`; !strings.Contains(got, want) {
		t.Errorf("got %s, want it to hold %s", got, want)
	}
}

// Every resilience key of a service graph is read into its own service
// and call, each set to a value of its own.
func TestResilienceGraphKeyByKey(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 10s
model:
  clients: {arrival: 10ms, calls: a}
  services:
    a:
      service: 1ms
      queue: codel
      calls:
        - {to: b, timeout: 1s, retry: {attempts: 3, budget: {percent: 5}}, circuit_breaker: {window: 10}, deadline: true}
        - parallel:
            - {to: b, hedge: {after: 20ms}}
            - {to: c, policy: mq, retry: {budget: {ttl: 2s}}, circuit_breaker: {failure_rate: 0.9, min_calls: 2}}
    b: {service: 1ms, queue_timeout: 40ms, rate_limit: {rate: 30}, eject: {for: 3s}, codel: {interval: 70ms}}
    c: {service: 1ms, broker: {ttl: 90s}}
`)
	if err != nil {
		t.Fatal(err)
	}
	m := modelJSON(t, exp, 0)
	svc := m["services"].(map[string]any)
	a := svc["a"].(map[string]any)
	calls := a["calls"].([]any)
	par := calls[1].(map[string]any)["parallel"].([]any)
	noRetry := `"attempts":1,"backoff":"constant(value=0s)","multiplier":1,"max_backoff":0,"jitter":"none"`
	net := `"network":{"send":"constant(value=0s)","reply":"constant(value=0s)","loss":0}`
	for _, c := range []struct {
		path string
		got  any
		want string
	}{
		{"a.calls.0", calls[0], `{"to":"b","policy":"sync","timeout":1,
			"retry":{"attempts":3,"backoff":"constant(value=0s)","multiplier":1,"max_backoff":0,"jitter":"none","budget":{"percent":5,"min_per_second":10,"ttl":10}},
			"circuit_breaker":{"failure_rate":0.5,"window":10,"min_calls":10,"open_for":10,"half_open_calls":5},"deadline":true,
			"on_error":"fail",` + net + `,"reply":true}`},
		{"a.calls.1.parallel.0", par[0], `{"to":"b","policy":"sync","timeout":0,"retry":{` + noRetry + `},
			"hedge":{"after":0.02,"max":2},"on_error":"fail",` + net + `,"reply":true}`},
		{"a.calls.1.parallel.1", par[1], `{"to":"c","policy":"mq","timeout":0,"retry":{` + noRetry + `,"budget":{"percent":20,"min_per_second":10,"ttl":2}},
			"circuit_breaker":{"failure_rate":0.9,"window":100,"min_calls":2,"open_for":10,"half_open_calls":5},"on_error":"fail",` + net + `,"reply":true}`},
		{"a.queue", a["queue"], `"codel"`},
		{"a.codel", a["codel"], `{"target":0.005,"interval":0.1}`},
		{"a.broker", a["broker"], `{"capacity":0,"latency":"constant(value=0s)","delivery":"at-least-once","ack_timeout":30,"max_deliveries":5}`},
		{"b.queue_timeout", svc["b"].(map[string]any)["queue_timeout"], `0.04`},
		{"b.rate_limit", svc["b"].(map[string]any)["rate_limit"], `{"rate":30,"burst":1}`},
		{"b.eject", svc["b"].(map[string]any)["eject"], `{"consecutive_errors":5,"for":3,"max_percent":50}`},
		{"b.codel", svc["b"].(map[string]any)["codel"], `{"target":0.005,"interval":0.07}`},
		{"c.broker.ttl", svc["c"].(map[string]any)["broker"].(map[string]any)["ttl"], `90`},
	} {
		compareJSON(t, c.path, c.got, wantJSON(t, c.want))
	}
	for _, k := range []string{"a.queue_timeout", "a.rate_limit", "a.eject", "c.codel", "c.rate_limit", "a.broker.ttl"} {
		parts := strings.Split(k, ".")
		var v any = svc
		for _, p := range parts {
			v = v.(map[string]any)[p]
		}
		if v != nil {
			t.Errorf("%s = %v, want no such key", k, v)
		}
	}
}

// A model without the resilience keys writes none of them back: its
// resolved settings read as before the keys existed.
func TestResilienceOffNotWritten(t *testing.T) {
	for _, text := range []string{
		"name: t\nhorizon: 1s\nmodel:\n  clients: {arrival: 10ms, retry: {attempts: 2}}\n  server: {service: 1ms, queue: lifo}\n  broker: {capacity: 2}\nsweep: {model.policy: [mq]}\n",
		"name: t\nhorizon: 1s\nmodel:\n  clients:\n    arrival: 10ms\n    deadline: false\n    circuit_breaker:\n  server:\n    service: 1ms\n    queue_timeout: 0s\n    eject:\n",
		"name: t\nhorizon: 1s\nmodel:\n  clients: {arrival: 10ms, calls: a}\n  services:\n    a: {service: 1ms, calls: [{to: b, retry: {attempts: 2}}]}\n    b: {service: 1ms, calls: [{to: c, policy: mq}]}\n    c: {service: 1ms}\n",
	} {
		exp, err := parse(t, text)
		if err != nil {
			t.Fatal(err)
		}
		got := string(marshalModel(&exp.Points[0].Model))
		for _, k := range []string{"budget", "circuit_breaker", "hedge", "deadline", "codel", "queue_timeout", "rate_limit", "eject", "ttl"} {
			if strings.Contains(got, `"`+k+`"`) {
				t.Errorf("%s written back in %s", k, got)
			}
		}
	}
}

// The numbers of the resilience sections can be swept; each point has
// its own values (points share no section), and a breaker's default
// min_calls follows its window at each point.
func TestResilienceSweeps(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 10s
model:
  clients:
    arrival: 10ms
    calls: api
    timeout: 1s
    circuit_breaker: {open_for: 1s}
  services:
    api:
      service: 1ms
      rate_limit: {rate: 10}
      calls: [{to: db, hedge: {after: 5ms}}]
    db: {service: 1ms}
sweep:
  model.clients.circuit_breaker.window: [10, 50]
  model.clients.circuit_breaker.failure_rate: [0.3]
  model.services.api.rate_limit.rate: [50, 100]
  model.services.api.calls.0.hedge.after: [20ms]
  model.clients.retry.budget.percent: [5]
  model.clients.deadline: [false, true]
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Points) != 8 {
		t.Fatalf("%d points, want 8", len(exp.Points))
	}
	for _, p := range exp.Points {
		c := &p.Model
		want := []string{"10", "50"}[p.Index/4]
		if got := c.Clients.Breaker; got == nil || got.FailureRate != 0.3 || got.OpenFor.String() != "1s" ||
			(want == "10") != (got.Window == 10 && got.MinCalls == 10) || (want == "50") != (got.Window == 50 && got.MinCalls == 20) {
			t.Errorf("point %d: breaker %+v, want window %s", p.Index, got, want)
		}
		if got, want := c.Services[0].RateLimit.Rate, []float64{50, 100}[p.Index/2%2]; got != want {
			t.Errorf("point %d: rate %v, want %v", p.Index, got, want)
		}
		if got := c.Services[0].Calls[0].Hops[0].Hedge; got == nil || got.After.String() != "20ms" || got.Max != 2 {
			t.Errorf("point %d: hedge %+v", p.Index, got)
		}
		if got := c.Clients.Retry.Budget; got == nil || got.Percent != 5 || got.MinPerSecond != 10 {
			t.Errorf("point %d: budget %+v", p.Index, got)
		}
		if got, want := c.Clients.Deadline, p.Index%2 == 1; got != want {
			t.Errorf("point %d: deadline %v, want %v", p.Index, got, want)
		}
	}
	if exp.Points[0].Model.Clients.Breaker == exp.Points[1].Model.Clients.Breaker {
		t.Error("two points share one circuit_breaker")
	}
}

// Every problem with a resilience key is reported at its key with its
// position.
func TestResilienceErrors(t *testing.T) {
	const head = "name: t\nhorizon: 10s\nmodel:\n"
	for _, tc := range []struct{ name, model, want string }{
		{"unknown key", `  clients: {arrival: 10ms, circuit_breaker: {failure_rat: 0.5}, hedge: {afer: 1ms}}
  server: {service: 1ms, eject: {consecutive: 3}, codel: {targt: 1ms}}
`, `exp.yaml:4:46: model.clients.circuit_breaker.failure_rat: unknown key; did you mean "failure_rate"? (accepted: failure_rate, window, min_calls, open_for, half_open_calls)
exp.yaml:4:65: model.clients.hedge.after: missing (required): the wait for a reply before the next copy is sent, e.g. hedge: {after: 50ms}
exp.yaml:4:73: model.clients.hedge.afer: unknown key; did you mean "after"? (accepted: after, max)
exp.yaml:5:34: model.server.eject.consecutive: unknown key; did you mean "consecutive_errors"? (accepted: consecutive_errors, for, max_percent)
exp.yaml:5:59: model.server.codel.targt: unknown key; did you mean "target"? (accepted: target, interval)`},
		{"wrong type", `  clients: {arrival: 10ms, timeout: 1s, circuit_breaker: {window: 1.5}, deadline: yes, retry: {budget: 20}}
  server: {service: 1ms, rate_limit: {rate: fast}, queue_timeout: soon, queue: random}
`, `exp.yaml:4:59: model.clients.circuit_breaker.window: must be a whole number, got 1.5
exp.yaml:4:73: model.clients.deadline: must be true or false, got yes
exp.yaml:4:96: model.clients.retry.budget: must be a mapping of keys (percent, min_per_second, ttl), got 20
exp.yaml:5:39: model.server.rate_limit.rate: must be a finite number, got fast
exp.yaml:5:52: model.server.queue_timeout: must be a duration (a number with unit ns, us, ms, s, m or h, or bare seconds), got soon
exp.yaml:5:73: model.server.queue: must be one of fifo, lifo, adaptive-lifo, codel, got random`},
		{"out of range", `  clients: {arrival: 10ms, circuit_breaker: {failure_rate: 0, window: 5, min_calls: 6, open_for: 0s, half_open_calls: 0},
            retry: {budget: {percent: -1, min_per_second: -2, ttl: 500ms}}}
  server: {service: 1ms, codel: {target: 0s, interval: 0s}, rate_limit: {rate: 0, burst: 0.5},
           eject: {consecutive_errors: 0, for: 0s, max_percent: 101}}
`, `exp.yaml:4:46: model.clients.circuit_breaker.failure_rate: must be in (0, 1], got 0
exp.yaml:4:74: model.clients.circuit_breaker.min_calls: must be at most window (5), got 6
exp.yaml:4:88: model.clients.circuit_breaker.open_for: must be > 0, got 0s
exp.yaml:4:102: model.clients.circuit_breaker.half_open_calls: must be >= 1, got 0
exp.yaml:5:30: model.clients.retry.budget.percent: must be in [0, 1000], got -1
exp.yaml:5:43: model.clients.retry.budget.min_per_second: must be in [0, 1e9], got -2
exp.yaml:5:63: model.clients.retry.budget.ttl: must be in [1s, 1h] (Finagle's bounds are 1s to 60s), got 500ms
exp.yaml:6:34: model.server.codel.target: must be > 0, got 0s
exp.yaml:6:46: model.server.codel.interval: must be > 0, got 0s
exp.yaml:6:74: model.server.rate_limit.rate: must be in (0, 1e9] requests per second, got 0
exp.yaml:6:83: model.server.rate_limit.burst: must be in [1, 1e9], got 0.5
exp.yaml:7:20: model.server.eject.consecutive_errors: must be >= 1, got 0
exp.yaml:7:43: model.server.eject.for: must be > 0, got 0s
exp.yaml:7:52: model.server.eject.max_percent: must be in [0, 100], got 101`},
		{"hedge with retries, deadline without timeout", `  clients: {arrival: 10ms, retry: {attempts: 2}, hedge: {after: 1ms, max: 0}, deadline: true}
  server: {service: 1ms, rate_limit: {burst: 3}}
`, `exp.yaml:4:50: model.clients.hedge: cannot be used with retry.attempts > 1 (as in gRPC, a call hedges or retries)
exp.yaml:4:70: model.clients.hedge.max: must be >= 1, got 0
exp.yaml:4:79: model.clients.deadline: needs clients.timeout > 0: the deadline is the attempt's send time plus its timeout
exp.yaml:5:26: model.server.rate_limit.rate: missing (required): tokens per second of each instance's bucket, e.g. rate_limit: {rate: 100, burst: 20}`},
		{"hedge with mq", `  policy: mq
  clients: {arrival: 10ms, hedge: {after: 1ms}}
  server: {service: 1ms, queue: codel}
  broker: {ttl: -1s}
`, `exp.yaml:5:28: model.clients.hedge: hedging sends copies to instances; policy mq sends to a broker
exp.yaml:6:26: model.server.queue: codel cannot be used here: a service reached through its broker (mq) has no waiting room nor balance of its own: its consumers take messages from the broker; to drop old messages, use broker.ttl
exp.yaml:7:12: model.broker.ttl: must be >= 0, got -1s`},
		{"calls", `  clients: {arrival: 10ms, calls: api}
  services:
    api:
      service: 1ms
      queue: codl
      calls:
        - {to: db, retry: {attempts: 2}, hedge: {after: 1ms}, deadline: true}
        - parallel: [{to: q, policy: mq, hedge: {after: 1ms}, circuit_breaker: {window: 0}}]
    db: {service: 1ms, rate_limit: {}, eject: {max_percent: -1}, queue_timeout: -1s}
    q: {service: 1ms, broker: {ttl: -2s}}
`, `exp.yaml:8:7: model.services.api.queue: must be one of fifo, lifo, adaptive-lifo, codel, got codl; did you mean "codel"?
exp.yaml:10:42: model.services.api.calls.0.hedge: cannot be used with retry.attempts > 1 (as in gRPC, a call hedges or retries)
exp.yaml:10:63: model.services.api.calls.0.deadline: needs services.api.calls.0.timeout > 0: the deadline is the attempt's send time plus its timeout
exp.yaml:11:42: model.services.api.calls.1.parallel.0.hedge: hedging sends copies to instances; policy mq sends to a broker
exp.yaml:11:81: model.services.api.calls.1.parallel.0.circuit_breaker.window: must be >= 1, got 0
exp.yaml:12:24: model.services.db.rate_limit.rate: missing (required): tokens per second of each instance's bucket, e.g. rate_limit: {rate: 100, burst: 20}
exp.yaml:12:48: model.services.db.eject.max_percent: must be in [0, 100], got -1
exp.yaml:12:66: model.services.db.queue_timeout: must be >= 0, got -1s
exp.yaml:13:32: model.services.q.broker.ttl: must be >= 0, got -2s`},
		{"swept value", `  clients: {arrival: 10ms, circuit_breaker: {}}
  server: {service: 1ms}
sweep:
  model.clients.circuit_breaker.failure_rate: [0.5, 1.5]
  model.server.rate_limit.burst: [0]
`, `exp.yaml:7:53: model.clients.circuit_breaker.failure_rate: must be in (0, 1], got 1.5
exp.yaml:8:3: model.server.rate_limit.rate: missing (required): tokens per second of each instance's bucket, e.g. rate_limit: {rate: 100, burst: 20}
exp.yaml:8:35: model.server.rate_limit.burst: must be in [1, 1e9], got 0`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(loadErrors(t, head+tc.model), "\n"); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// Cases set resilience sections whole or key by key, each point with its
// own settings and defaults.
func TestResilienceCases(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 10s
model:
  clients: {arrival: 10ms, timeout: 1s, retry: {attempts: 3}}
  server: {service: 1ms}
cases:
  - {name: plain}
  - {name: small, model.clients.circuit_breaker: {window: 10}}
  - {name: large, model.clients.circuit_breaker.window: 50, model.server.rate_limit: {rate: 5}}
sweep:
  model.clients.retry.budget.percent: [5, 50]
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Points) != 6 {
		t.Fatalf("%d points, want 6", len(exp.Points))
	}
	for i, want := range []struct {
		window, minCalls int
		rate             float64
	}{{0, 0, 0}, {0, 0, 0}, {10, 10, 0}, {10, 10, 0}, {50, 20, 5}, {50, 20, 5}} {
		c := &exp.Points[i].Model
		var window, minCalls int
		if b := c.Clients.Breaker; b != nil {
			window, minCalls = b.Window, b.MinCalls
		}
		var rate float64
		if r := c.Server.RateLimit; r != nil {
			rate = r.Rate
		}
		if window != want.window || minCalls != want.minCalls || rate != want.rate {
			t.Errorf("point %d: window %d, min_calls %d, rate %v; want %d, %d, %v", i, window, minCalls, rate, want.window, want.minCalls, want.rate)
		}
		if got, want := c.Clients.Retry.Budget.Percent, []float64{5, 50}[i%2]; got != want {
			t.Errorf("point %d: budget percent %v, want %v", i, got, want)
		}
	}
}
