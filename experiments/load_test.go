package experiments

import (
	"errors"
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
	if w := exp.Warnings[0].Error(); !strings.Contains(w, "exp.yaml:8:38: model.clients.arrival.mean: point 1 (model.clients.arrival.mean=9ms): offered load 1 >= 1") {
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
		"testdata/load/broken.yaml:11:3: sweep.model.server.wrkers: no such key wrkers in model.server; did you mean \"workers\"? (accepted: count, workers, capacity, service, error, crash)",
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
