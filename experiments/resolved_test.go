package experiments

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// everyKey sets every key of the experiment format, each to a value other
// than its default, so that a dropped or renamed setting shows (all but
// clients.hedge and server's codel, queue_timeout, rate_limit and eject,
// which policy mq does not take: TestResilienceKeysKeyByKey has them).
const everyKey = `
name: every-key
description: every key set
seed: 11
replications: 2
horizon: 1s
warmup: 100ms
timeseries: 200ms
drain: 500ms
model:
  policy: mq
  clients:
    count: 2
    arrival: {dist: exponential, mean: 50ms}
    threads: 3
    max_in_flight: 4
    max_wait: 20ms
    loops: 2
    timeout: 250ms
    retry: {attempts: 3, backoff: 5ms, multiplier: 2, max_backoff: 1s, jitter: equal,
            budget: {percent: 30, min_per_second: 2, ttl: 5s}}
    circuit_breaker: {failure_rate: 0.4, window: 30, min_calls: 6, open_for: 3s, half_open_calls: 2}
    deadline: true
  network: {send: 1ms, reply: {dist: uniform, min: 1ms, max: 3ms}, loss: 0.01}
  server:
    count: 2
    workers: 3
    capacity: 7
    service: {dist: exponential, mean: 10ms}
    error: 0.02
    crash: {uptime: 10s, downtime: {dist: exponential, mean: 1s}}
    queue: lifo
  handler: {time: 2ms, error: 0.03, listeners: 2}
  broker: {capacity: 9, latency: 1ms, delivery: at-most-once, ack_timeout: 2s, max_deliveries: 4, ttl: 700ms}
sweep:
  model.clients.timeout: [250ms, 500ms]
  model.policy: [mq, event]
charts:
  - {x: model.clients.timeout, y: delay.p99, series: model.policy, title: Tail, log_x: true, log_y: true}
  - {file: rel.png, x: model.clients.timeout, y: reliability, nines: true}
`

// everyKeyResolved is the "experiment" object of summary.json and
// manifest.json for everyKey: every setting, defaults filled in, times in
// seconds, distributions as text, the model of point 0.
const everyKeyResolved = `{
  "name": "every-key",
  "description": "every key set",
  "seed": 11,
  "replications": 2,
  "horizon": 1,
  "warmup": 0.1,
  "timeseries": 0.2,
  "drain": 0.5,
  "points": 4,
  "model": {
    "policy": "mq",
    "clients": {
      "count": 2,
      "arrival": "exponential(mean=50ms)",
      "think": null,
      "threads": 3,
      "max_in_flight": 4,
      "max_wait": 0.02,
      "loops": 2,
      "timeout": 0.25,
      "retry": {"attempts": 3, "backoff": "constant(value=5ms)", "multiplier": 2, "max_backoff": 1, "jitter": "equal",
                "budget": {"percent": 30, "min_per_second": 2, "ttl": 5}},
      "circuit_breaker": {"failure_rate": 0.4, "window": 30, "min_calls": 6, "open_for": 3, "half_open_calls": 2},
      "deadline": true
    },
    "network": {"send": "constant(value=1ms)", "reply": "uniform(min=1ms, max=3ms)", "loss": 0.01},
    "server": {
      "count": 2,
      "workers": 3,
      "capacity": 7,
      "service": "exponential(mean=10ms)",
      "error": 0.02,
      "crash": {"uptime": "constant(value=10s)", "downtime": "exponential(mean=1s)"},
      "queue": "lifo"
    },
    "handler": {"time": "constant(value=2ms)", "error": 0.03, "listeners": 2},
    "broker": {
      "capacity": 9,
      "latency": "constant(value=1ms)",
      "delivery": "at-most-once",
      "ack_timeout": 2,
      "max_deliveries": 4,
      "ttl": 0.7
    }
  },
  "sweep": [
    {"path": "model.clients.timeout", "kind": "duration", "values": ["250ms", "500ms"]},
    {"path": "model.policy", "kind": "string", "values": ["mq", "event"]}
  ],
  "charts": [
    {"file": "delay_p99.png", "x": "model.clients.timeout", "y": "delay.p99", "series": "model.policy",
     "title": "Tail", "log_x": true, "log_y": true, "nines": false},
    {"file": "rel.png", "x": "model.clients.timeout", "y": "reliability", "series": "",
     "title": "", "log_x": false, "log_y": false, "nines": true}
  ],
  "series_metrics": ["requests", "attempts", "succeeded", "failed", "throughput", "in_flight",
    "timeouts", "retries", "rejected", "lost", "late",
    "short_circuited", "hedges", "expired", "shed", "rate_limited", "ejections", "budget_exhausted", "fallbacks",
    "delay.mean", "delay.p50", "delay.p99",
    "server.utilization", "server.queue.mean"]
}`

// everyKeyDefaults is the resolved model of a file that sets only what
// is required: every default of the experiment format.
const everyKeyDefaults = `{
  "policy": "callback",
  "clients": {
    "count": 1, "arrival": "constant(value=10ms)", "think": null, "threads": 1,
    "max_in_flight": 0, "max_wait": 0, "loops": 1, "timeout": 0,
    "retry": {"attempts": 1, "backoff": "constant(value=0s)", "multiplier": 1, "max_backoff": 0, "jitter": "none"}
  },
  "network": {"send": "constant(value=0s)", "reply": "constant(value=0s)", "loss": 0},
  "server": {"count": 1, "workers": 1, "capacity": 0, "service": "constant(value=1ms)", "error": 0, "crash": null, "queue": "fifo"},
  "handler": {"time": "constant(value=0s)", "error": 0, "listeners": 1},
  "broker": {"capacity": 0, "latency": "constant(value=0s)", "delivery": "at-least-once", "ack_timeout": 30, "max_deliveries": 5}
}`

// TestResolvedSettingsKeyByKey runs everyKey and compares the resolved
// settings recorded in summary.json and manifest.json with the full
// expected object, key by key; and the defaults of a minimal file.
func TestResolvedSettingsKeyByKey(t *testing.T) {
	exp, err := parse(t, everyKey)
	if err != nil {
		t.Fatal(err)
	}
	dir := mustRun(t, exp, Options{NoCharts: true})
	var want any
	if err := json.Unmarshal([]byte(everyKeyResolved), &want); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{SummaryJSONFile, manifestFile} {
		got := readJSON(t, filepath.Join(dir, f))["experiment"]
		compareJSON(t, f+": experiment", got, want)
	}

	exp, err = parse(t, "name: minimal\nhorizon: 1s\nmodel:\n  clients: {arrival: 10ms}\n  server: {service: 1ms}\n")
	if err != nil {
		t.Fatal(err)
	}
	dir = mustRun(t, exp, Options{NoCharts: true})
	if err := json.Unmarshal([]byte(everyKeyDefaults), &want); err != nil {
		t.Fatal(err)
	}
	got := readJSON(t, filepath.Join(dir, SummaryJSONFile))["experiment"]
	if m, ok := got.(map[string]any); ok {
		got = m["model"]
	}
	compareJSON(t, "defaults: experiment.model", got, want)
}

// readJSON decodes a JSON object file.
func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// compareJSON reports every difference between two decoded JSON values,
// naming the path of each: a missing key, an extra key, a changed value.
func compareJSON(t *testing.T, path string, got, want any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s = %v, want an object", path, got)
			return
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			gv, inG := g[k]
			wv, inW := w[k]
			switch {
			case !inG:
				t.Errorf("%s.%s missing, want %v", path, k, wv)
			case !inW:
				t.Errorf("%s.%s = %v, an unexpected key", path, k, gv)
			default:
				compareJSON(t, path+"."+k, gv, wv)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s = %v, want %v", path, got, want)
			return
		}
		for i := range w {
			compareJSON(t, fmt.Sprintf("%s[%d]", path, i), g[i], w[i])
		}
	default:
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", path, got, want)
		}
	}
}
