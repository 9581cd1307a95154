package experiments

import (
	"testing"
)

// The expected work of a graph counts every call on the way: its
// attempts, network legs and the callee's work.
func TestGraphWork(t *testing.T) {
	for _, tc := range []struct {
		network string
		want    float64
	}{
		// Per request: its creation, api's work, the call, db's work.
		{"{}", 100 * 4 * 10},
		// ... and the call's two network legs.
		{"{send: 1ms, reply: 1ms}", 100 * 6 * 10},
	} {
		exp, err := parse(t, `name: t
horizon: 10s
model:
  clients: {arrival: 10ms, calls: api}
  network: `+tc.network+`
  services:
    api: {service: 1ms, calls: [{to: db}]}
    db: {service: 1ms, crash: {uptime: 1h, downtime: 1h}}
`)
		if err != nil {
			t.Fatal(err)
		}
		// db's crashes: 2 events per 2 h cycle, over the horizon and the
		// longest drain (auto: the horizon again).
		want := tc.want + 2*20.0/7200
		if got := EstimateWork(&exp).PerPoint[0]; got != want {
			t.Errorf("network %s: %v events, want %v", tc.network, got, want)
		}
	}
}

// A service offered more work than its workers can do, with nothing to
// bound its queue, is warned about; its load counts the retries of calls
// that fail.
func TestGraphOverloadWarning(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 10s
model:
  clients: {arrival: 10ms, calls: api}
  services:
    api: {service: 1ms, calls: [{to: db}, {to: db, retry: {attempts: 3}}, {parallel: [{to: idle}, {to: busy}], wait: any}]}
    db: {service: 6ms}
    idle: {service: 1ms}
    busy: {service: 20ms, workers: 2}
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Warnings) != 1 {
		t.Fatalf("warnings %v, want one", exp.Warnings)
	}
	w := exp.Warnings[0]
	if got, want := w.Msg, "service db: offered load 1.2 >= 1 (200/s × 6ms / 1 worker) with capacity 0: its queue grows without bound; "+
		"service busy: offered load 1 >= 1 (100/s × 20ms / 2 workers) with capacity 0: its queue grows without bound"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if w.Note != graphOverloadNote {
		t.Errorf("note %q", w.Note)
	}
	exp, err = parse(t, `name: t
horizon: 10s
model:
  clients: {arrival: 10ms, calls: api}
  services:
    api: {service: 1ms, calls: [{to: db, policy: mq}]}
    db: {service: 12ms, broker: {capacity: 100}}
`)
	if err != nil || len(exp.Warnings) != 0 {
		t.Errorf("a bounded broker: %v, warnings %v; want none", err, exp.Warnings)
	}
}
