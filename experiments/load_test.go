package experiments

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

func TestLoadDefaults(t *testing.T) {
	exp, err := parse(t, `
name: defaults
horizon: 1m
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`)
	if err != nil {
		t.Fatal(err)
	}
	if exp.Seed != 1 || exp.Replications != 1 || exp.Horizon != sim.Minute || exp.Warmup != 0 {
		t.Errorf("settings: seed %d replications %d horizon %v warmup %v", exp.Seed, exp.Replications, exp.Horizon, exp.Warmup)
	}
	if len(exp.Points) != 1 || len(exp.Sweep) != 0 || len(exp.Charts) != 0 {
		t.Fatalf("points %d, sweep %d, charts %d; want 1, 0, 0", len(exp.Points), len(exp.Sweep), len(exp.Charts))
	}
	want := models.DefaultConfig()
	got := exp.Points[0].Model
	if got.Policy != want.Policy || got.Server.Workers != 1 || got.Broker.AckTimeout != 30*sim.Second || got.Broker.MaxDeliveries != 5 {
		t.Errorf("defaults not filled in: %+v", got)
	}
	if got.Clients.Arrival.String() != "constant(value=10ms)" {
		t.Errorf("arrival %v", got.Clients.Arrival)
	}
}

func TestLoadSweepOrderAndCells(t *testing.T) {
	exp, err := parse(t, `
name: order
horizon: 10s
model:
  clients: {arrival: {dist: exponential, mean: 10ms}}
  server: {service: 1ms}
sweep:
  model.clients.arrival.mean: [40ms, 1.5e-2]
  model.policy: [sync, mq]
  model.server.workers: [1, 2e0, 4]
  model.network.loss: [0, 0.25]
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Points) != 2*2*3*2 {
		t.Fatalf("%d points, want 24", len(exp.Points))
	}
	kinds := []Kind{KindDuration, KindString, KindInteger, KindNumber}
	for i, a := range exp.Sweep {
		if a.Kind != kinds[i] {
			t.Errorf("%s: kind %v, want %v", a.Path, a.Kind, kinds[i])
		}
	}
	cells := func(p Point) string {
		var s []string
		for _, v := range p.Values {
			s = append(s, v.Cell)
		}
		return strings.Join(s, ",")
	}
	// The last path varies fastest.
	for i, want := range map[int]string{0: "0.04,sync,1,0", 1: "0.04,sync,1,0.25", 2: "0.04,sync,2,0", 23: "0.015,mq,4,0.25"} {
		if got := cells(exp.Points[i]); got != want {
			t.Errorf("point %d: %s, want %s", i, got, want)
		}
	}
	p := exp.Points[23].Model
	if p.Clients.Arrival.Mean() != 0.015 || p.Policy != models.MQ || p.Server.Workers != 4 || p.Network.Loss != 0.25 {
		t.Errorf("point 23 model: arrival %v policy %v workers %d loss %v", p.Clients.Arrival, p.Policy, p.Server.Workers, p.Network.Loss)
	}
	if exp.Points[0].Model.Server.Workers != 1 {
		t.Error("points share their models")
	}
	if got := exp.Sweep[0].Values[1]; got.Text != "1.5e-2" || got.Line != 8 || got.Column != 38 {
		t.Errorf("value as written: %+v", got)
	}
}

func TestLoadSweepCreatesMissingKeys(t *testing.T) {
	exp, err := parse(t, `
name: create
horizon: 10s
model:
  clients: {arrival: 10ms}
sweep:
  model.server.service: [1ms, 2ms]
  model.server.crash.uptime: [1h]
  model.server.crash.downtime.value: [1s]
`)
	if err == nil {
		t.Fatal("a crash without dist: was accepted")
	}
	if !strings.Contains(err.Error(), "exp.yaml:9:3: model.server.crash.downtime: missing dist:") {
		t.Errorf("error %v", err)
	}
	exp, err = parse(t, `
name: create
horizon: 10s
model:
  clients: {arrival: 10ms}
sweep:
  model.server.service: [1ms, 2ms]
  model.server.crash.uptime: [1h]
`)
	if err == nil {
		t.Fatal("a crash without downtime was accepted")
	}
	if want := "exp.yaml:8:3: model.server.crash.downtime: is required"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
	exp, err = parse(t, `
name: create
horizon: 10s
model:
  clients: {arrival: 10ms}
sweep:
  model.server.service: [1ms, 2ms]
`)
	if err != nil {
		t.Fatal(err)
	}
	if m := exp.Points[1].Model.Server.Service.Mean(); m != 0.002 {
		t.Errorf("service mean %v", m)
	}
}

func TestLoadAnchorsMergesAndCharts(t *testing.T) {
	exp := mustLoad(t, "testdata/load/full.yaml")
	if len(exp.Points) != 12 || exp.Replications != 3 || exp.Seed != 42 {
		t.Fatalf("points %d replications %d seed %d", len(exp.Points), exp.Replications, exp.Seed)
	}
	m := exp.Points[len(exp.Points)-1].Model
	if m.Server.Service.String() != "gamma(mean=8ms, cv=0.5)" && !strings.HasPrefix(m.Server.Service.String(), "gamma") {
		t.Errorf("service %v", m.Server.Service)
	}
	if m.Server.Service.Mean() != 0.008 || m.Broker.Delivery != models.AtMostOnce || m.Server.Crash == nil {
		t.Errorf("last point: service %v delivery %v crash %v", m.Server.Service, m.Broker.Delivery, m.Server.Crash)
	}
	if len(exp.Charts) != 2 || exp.Charts[0].File != "p99.png" || !exp.Charts[0].LogY || !exp.Charts[1].Nines {
		t.Errorf("charts %+v", exp.Charts)
	}

	closed := mustLoad(t, "testdata/load/closed.yaml")
	if closed.Charts == nil || len(closed.Charts) != 0 {
		t.Errorf("charts: [] gave %v", closed.Charts)
	}
	quick := mustLoad(t, "../examples/quickstart.yaml")
	if len(quick.Charts) == 0 || quick.Charts[0].X != "model.clients.arrival.mean" {
		t.Errorf("default charts %+v", quick.Charts)
	}
}

func TestLoadWarnsAboutOverload(t *testing.T) {
	exp, err := parse(t, `
name: overload
horizon: 10s
model:
  clients: {arrival: {dist: exponential, mean: 10ms}}
  server: {service: {dist: exponential, mean: 9ms}}
sweep:
  model.clients.arrival.mean: [20ms, 9ms, 5ms]
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Warnings) != 2 {
		t.Fatalf("warnings %v, want 2", exp.Warnings)
	}
	if w := exp.Warnings[0].Error(); !strings.HasSuffix(w, "exp.yaml:8:38: point 1 (model.clients.arrival.mean=9ms): offered load 1 >= 1 (111.1/s × 9ms / 1 worker) with server.capacity 0: the server queues grow without bound") {
		t.Errorf("warning %s", w)
	}
	capped, err := parse(t, `
name: capped
horizon: 10s
model:
  clients: {arrival: 5ms}
  server: {service: 9ms, capacity: 10}
`)
	if err != nil || len(capped.Warnings) != 0 {
		t.Errorf("bounded queue: %v %v", err, capped.Warnings)
	}
}

func TestLoadReportsEveryErrorInOrder(t *testing.T) {
	_, err := Load("testdata/load/broken.yaml")
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load: %v, want an ErrorList", err)
	}
	want := []string{
		"testdata/load/broken.yaml:1:1: name: must be 1 to 100 of a-z, 0-9, - and _ (it names the output directory), got \"Broken Name\"",
		"testdata/load/broken.yaml:2:1: seed: must be a whole number from 0 to 18446744073709551615, got x",
		"testdata/load/broken.yaml:3:1: horizon: must be > 0, got -1s",
		"testdata/load/broken.yaml:6:3: model.policy: must be one of sync, callback, event, mq, got callbak; did you mean \"callback\"?",
		"testdata/load/broken.yaml:7:28: model.clients.think: cannot be used together with clients.arrival",
		"testdata/load/broken.yaml:7:40: model.clients.count: must be >= 1, got 0",
		"testdata/load/broken.yaml:8:12: model.server.workers: must be >= 1, got 0",
		"testdata/load/broken.yaml:8:53: model.server.service.mean: exponential: mean must be >= 0, got -1",
		"testdata/load/broken.yaml:11:3: sweep.model.server.wrkers: no such key wrkers in model.server; did you mean \"workers\"? (accepted: count, workers, capacity, service, error, crash, queue, codel, queue_timeout, rate_limit, eject)",
		"testdata/load/broken.yaml:12:29: model.network.loss: must be a probability in [0, 1], got 2",
		"testdata/load/broken.yaml:13:3: sweep.model.policy: empty list: give at least one value",
		"testdata/load/broken.yaml:14:11: charts[0].x: \"nope\" is not a swept path (swept: model.network.loss)",
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/nope.yaml")
	var list ErrorList
	if !errors.As(err, &list) || !strings.HasPrefix(err.Error(), "testdata/nope.yaml: cannot read the experiment file") {
		t.Errorf("Load: %v", err)
	}
}

func TestLoadSweepWholeDistributions(t *testing.T) {
	exp, err := parse(t, `
name: dists
horizon: 10s
x-base: &base {dist: lognormal, mean: 10ms}
model:
  clients: {arrival: {dist: exponential, mean: 40ms}}
  server: {service: 5ms}
sweep:
  model.server.service:
    - {dist: exponential, mean: 10ms}
    - {<<: *base, cv: 4}
    - {cv: 0.5, mean: 0.01, dist: gamma}
    - 10ms
    - {dist: hyperexponential, means: [5ms, 0.1], probs: [0.9, 0.1]}
    - {dist: empirical, values: [1ms, 2ms]}
  model.network.send: [0s, 1ms]
`)
	if err != nil {
		t.Fatal(err)
	}
	a := exp.Sweep[0]
	if a.Kind != KindString || exp.Sweep[1].Kind != KindDuration {
		t.Errorf("kinds %v, %v; want string, duration (bare durations only stay durations)", a.Kind, exp.Sweep[1].Kind)
	}
	want := []struct{ text, cell, model string }{
		{"{dist: exponential, mean: 10ms}", "exponential(mean=10ms)", "exponential(mean=10ms)"},
		{"{dist: lognormal, mean: 10ms, cv: 4}", "lognormal(mean=10ms, cv=4)", "lognormal(mu="},
		{"{dist: gamma, mean: 0.01, cv: 0.5}", "gamma(mean=10ms, cv=0.5)", "gamma(shape=4, scale=2.5ms)"},
		{"10ms", "constant(value=10ms)", "constant(value=10ms)"},
		{"{dist: hyperexponential, means: [5ms, 0.1], probs: [0.9, 0.1]}", "hyperexponential(means=[5ms 100ms], probs=[0.9 0.1])", "hyperexponential(means=[5ms 100ms], probs=[0.9 0.1])"},
		{"{dist: empirical, values: [1ms, 2ms]}", "empirical(values=[1ms 2ms])", "empirical(values=[1ms 2ms])"},
	}
	for i, w := range want {
		v := a.Values[i]
		if v.Text != w.text || v.Cell != w.cell || v.Line != 10+i || v.Column != 7 {
			t.Errorf("value %d: %q %q at %d:%d; want %q %q at %d:7", i, v.Text, v.Cell, v.Line, v.Column, w.text, w.cell, 10+i)
		}
		if got := exp.Points[2*i].Model.Server.Service.String(); !strings.HasPrefix(got, w.model) {
			t.Errorf("point %d: service %s, want %s", 2*i, got, w.model)
		}
	}
	if got := exp.Points[3].Values[1].Cell; got != "0.001" {
		t.Errorf("send cell %q", got)
	}
}

func TestLoadSweepWholeDistributionErrors(t *testing.T) {
	for _, c := range []struct{ name, sweep, want string }{
		{"each value checked in place", `
  model.server.service:
    - {dist: exponential, mean: 1ms}
    - {dist: lognormal, mean: 1ms, cv: -1}
    - {dist: expo, mean: 1ms}
    - exponential
    - {mean: 2ms}
    - {dist: gamma, mean: 1ms, cv: 1, shape: 2}`,
			`exp.yaml:9:36: model.server.service.cv: lognormal: cv must be > 0, got -1
exp.yaml:10:8: model.server.service.dist: unknown distribution "expo" (accepted: constant, exponential, uniform, normal, lognormal, gamma, erlang, weibull, pareto, hyperexponential, empirical); did you mean "exponential"?
exp.yaml:11:7: model.server.service: must be a duration or a mapping with dist:, got exponential (for a distribution write {dist: exponential, ...})
exp.yaml:12:7: model.server.service: missing dist: (accepted: constant, exponential, uniform, normal, lognormal, gamma, erlang, weibull, pareto, hyperexponential, empirical)
exp.yaml:13:39: model.server.service.shape: gamma: shape cannot be combined with mean (give mean and cv, or shape and scale)`},
		{"a list is not a distribution", `
  model.server.service: [1ms, [2ms]]`,
			`exp.yaml:7:31: sweep.model.server.service[1]: sweep values must be durations or distributions ({dist: ..., ...}), got a list`},
		{"only distributions take mappings", `
  model.server.workers: [1, {dist: constant, value: 2}]`,
			`exp.yaml:7:29: sweep.model.server.workers[1]: sweep values must be single values, got a mapping`},
		{"dist names whose parameters differ", `
  model.clients.arrival.dist: [exponential, lognormal, uniform]`,
			`exp.yaml:7:45: model.clients.arrival.dist: lognormal: missing cv (give mean and cv, or mu and sigma); to compare distributions with different parameters, sweep the whole distribution, e.g. model.clients.arrival: [{dist: exponential, mean: 10ms}, {dist: lognormal, mean: 10ms, cv: 4}]
exp.yaml:7:56: model.clients.arrival.dist: unknown parameter "mean" for uniform (accepted: min, max); uniform: missing min, max; to compare distributions with different parameters, sweep the whole distribution, e.g. model.clients.arrival: [{dist: exponential, mean: 10ms}, {dist: lognormal, mean: 10ms, cv: 4}]`},
		{"dist names: other problems as usual", `
  model.clients.arrival.dist: [exponential, erlang]
  model.clients.arrival.mean: [10ms, -1ms]`,
			`exp.yaml:7:45: model.clients.arrival.dist: erlang: missing k; to compare distributions with different parameters, sweep the whole distribution, e.g. model.clients.arrival: [{dist: exponential, mean: 10ms}, {dist: lognormal, mean: 10ms, cv: 4}]
exp.yaml:8:38: model.clients.arrival.mean: erlang: mean must be >= 0, got -1ms
exp.yaml:8:38: model.clients.arrival.mean: exponential: mean must be >= 0, got -1ms`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parse(t, `name: t
horizon: 10s
model:
  clients: {arrival: {dist: exponential, mean: 10ms}}
  server: {service: 5ms}
sweep:`+c.sweep+"\n")
			if err == nil {
				t.Fatal("accepted")
			}
			got := err.Error()
			if i := strings.Index(got, "exp.yaml"); i >= 0 {
				got = strings.ReplaceAll(got, got[:i], "") // drop the temporary directory
			}
			if got != c.want {
				t.Errorf("errors\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestOverloadWarnings checks where the backlog of each policy grows past
// capacity, and that nothing is said where full queues reject the excess
// or timeouts give up on it.
func TestOverloadWarnings(t *testing.T) {
	const base = `name: over
horizon: 10s
model:
  policy: %s
  clients: {count: 4, arrival: {dist: exponential, rate: 130}, threads: 8, max_in_flight: %d, timeout: %s}
  server: {count: 2, workers: 4, capacity: %d, service: {dist: exponential, mean: 20ms}}
sweep:
  model.network.loss: [0]
`
	for _, c := range []struct {
		policy                  string
		inFlight                int
		timeout                 string
		capacity, brokerCapcity int
		want                    string
	}{
		{"sync", 0, "0s", 50, 0, "offered load 1.3 >= 1 (520/s × 20ms / 8 workers), and 32 client threads never fill the 108 places at the servers: callers wait for a thread without bound"},
		{"sync", 0, "0s", 0, 0, "offered load 1.3 >= 1 (520/s × 20ms / 8 workers), and all 32 client threads stay busy: callers wait for a thread without bound"},
		{"sync", 0, "0s", 5, 0, ""},  // 32 threads fill 2 × (4 + 5) places: the excess is rejected
		{"sync", 0, "1s", 50, 0, ""}, // timeouts give up on the excess
		{"sync", 0, "1s", 0, 0, "offered load 1.3 >= 1 (520/s × 20ms / 8 workers) with server.capacity 0: the server queues grow without bound"},
		{"callback", 0, "0s", 0, 0, "offered load 1.3 >= 1 (520/s × 20ms / 8 workers) with server.capacity 0: the server queues grow without bound"},
		{"callback", 0, "0s", 50, 0, ""},
		{"callback", 10, "0s", 50, 0, "offered load 1.3 >= 1 (520/s × 20ms / 8 workers), and 40 in-flight slots never fill the 108 places at the servers: requests wait at the clients without bound"},
		{"mq", 0, "0s", 0, 0, "offered load 1.3 >= 1 (520/s × 20ms / 8 workers) with broker.capacity 0: the broker queue grows without bound"},
		{"mq", 0, "0s", 0, 100, ""},
	} {
		text := fmt.Sprintf(base, c.policy, c.inFlight, c.timeout, c.capacity)
		if c.policy == "mq" {
			text += fmt.Sprintf("  model.broker.capacity: [%d]\n", c.brokerCapcity)
		}
		exp, err := parse(t, text)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if len(exp.Warnings) > 0 {
			w := exp.Warnings[0]
			_, got, _ = strings.Cut(w.Msg, "): ") // after "point 0 (model.network.loss=0"
			if w.Line != 8 || w.Column != 24 || w.Key != "" || w.Note == "" || len(exp.Warnings) != 1 {
				t.Errorf("%+v: warnings %v at %d:%d key %q note %q", c, exp.Warnings, w.Line, w.Column, w.Key, w.Note)
			}
		}
		if got != c.want {
			t.Errorf("%s, max_in_flight %d, timeout %s, capacity %d, broker %d:\n got %s\nwant %s",
				c.policy, c.inFlight, c.timeout, c.capacity, c.brokerCapcity, got, c.want)
		}
	}
}
