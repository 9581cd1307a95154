package experiments

import (
	"encoding/json"
	"strings"
	"testing"
)

// Every key of the model is marshalled, named and ordered as in the file,
// with its own value: a key dropped or read from the wrong field fails.
func TestMarshalModelKeyByKey(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 10s
model:
  policy: mq
  clients: {count: 2, arrival: 7ms, threads: 3, max_in_flight: 4, max_wait: 10ms, loops: 5, timeout: 6s,
            retry: {attempts: 7, backoff: 8ms, multiplier: 9, max_backoff: 1s, jitter: full}}
  network: {send: 1ms, reply: 2ms, loss: 0.01}
  server: {count: 3, workers: 4, capacity: 5, service: {dist: exponential, mean: 6ms}, error: 0.02,
           crash: {uptime: 100s, downtime: 2s}, queue: lifo}
  handler: {time: 3ms, error: 0.03, listeners: 2}
  broker: {capacity: 11, latency: 4ms, delivery: at-most-once, ack_timeout: 12s, max_deliveries: 13}
`)
	if err != nil {
		t.Fatal(err)
	}
	got := string(marshalModel(&exp.Points[0].Model))
	want := `{"policy":"mq",` +
		`"clients":{"count":2,"arrival":"constant(value=7ms)","think":null,"threads":3,"max_in_flight":4,"max_wait":0.01,"loops":5,"timeout":6,` +
		`"retry":{"attempts":7,"backoff":"constant(value=8ms)","multiplier":9,"max_backoff":1,"jitter":"full"}},` +
		`"network":{"send":"constant(value=1ms)","reply":"constant(value=2ms)","loss":0.01},` +
		`"server":{"count":3,"workers":4,"capacity":5,"service":"exponential(mean=6ms)","error":0.02,` +
		`"crash":{"uptime":"constant(value=1m40s)","downtime":"constant(value=2s)"},"queue":"lifo"},` +
		`"handler":{"time":"constant(value=3ms)","error":0.03,"listeners":2},` +
		`"broker":{"capacity":11,"latency":"constant(value=4ms)","delivery":"at-most-once","ack_timeout":12,"max_deliveries":13}}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Error("not valid JSON")
	}

	// No crash: null.
	exp.Points[0].Model.Server.Crash = nil
	if got := string(marshalModel(&exp.Points[0].Model)); !strings.Contains(got, `"error":0.02,"crash":null,"queue":"lifo"},"handler"`) {
		t.Errorf("without crash: %s", got)
	}
}

// Every key of a service graph is read into its own service and call and
// written back, each set off its default to a value of its own: a key
// read into another service or call, or dropped, fails.
func TestMarshalGraphKeyByKey(t *testing.T) {
	exp, err := parse(t, `name: t
horizon: 10s
model:
  policy: callback
  clients: {arrival: 7ms, calls: b}
  network: {send: 1ms, reply: 2ms, loss: 0.01}
  services:
    a: {service: 1ms}
    b:
      instances: 2
      workers: 3
      capacity: 4
      service: 5ms
      error: 0.02
      crash: {uptime: 100s, downtime: 6s}
      balance: two-choices
      queue: lifo
      calls:
        - {to: a, policy: callback, timeout: 7s, retry: {attempts: 8, backoff: 9ms, multiplier: 10, max_backoff: 2s, jitter: decorrelated},
           on_error: ignore, network: {send: 11ms, reply: 12ms, loss: 0.03}}
        - parallel:
            - {to: c, policy: mq, reply: false, network: {reply: 13ms}}
            - {to: a, timeout: 14s}
            - {to: d, network: {loss: 0.04}}
          wait: 2
    c:
      service: 15ms
      broker: {capacity: 16, latency: 17ms, delivery: at-most-once, ack_timeout: 18s, max_deliveries: 19}
    d: {service: 20ms, instances: 21, balance: least-outstanding}
`)
	if err != nil {
		t.Fatal(err)
	}
	got := string(marshalModel(&exp.Points[0].Model))
	broker := `"broker":{"capacity":0,"latency":"constant(value=0s)","delivery":"at-least-once","ack_timeout":30,"max_deliveries":5}`
	hop := func(to, policy, timeout, retry, onError, send, reply, loss, replies string) string {
		return `{"to":"` + to + `","policy":"` + policy + `","timeout":` + timeout + `,"retry":` + retry + `,"on_error":"` + onError +
			`","network":{"send":"constant(value=` + send + `)","reply":"constant(value=` + reply + `)","loss":` + loss + `},"reply":` + replies + `}`
	}
	noRetry := `{"attempts":1,"backoff":"constant(value=0s)","multiplier":1,"max_backoff":0,"jitter":"none"}`
	want := `{"policy":"callback",` +
		`"clients":{"count":1,"arrival":"constant(value=7ms)","think":null,"threads":1,"max_in_flight":0,"max_wait":0,"loops":1,"timeout":0,` +
		`"retry":` + noRetry + `,"calls":"b"},` +
		`"network":{"send":"constant(value=1ms)","reply":"constant(value=2ms)","loss":0.01},` +
		`"handler":{"time":"constant(value=0s)","error":0,"listeners":1},` +
		`"services":{` +
		`"a":{"instances":1,"workers":1,"capacity":0,"service":"constant(value=1ms)","error":0,"crash":null,"balance":"round-robin","queue":"fifo",` + broker + `,"calls":[]},` +
		`"b":{"instances":2,"workers":3,"capacity":4,"service":"constant(value=5ms)","error":0.02,` +
		`"crash":{"uptime":"constant(value=1m40s)","downtime":"constant(value=6s)"},"balance":"two-choices","queue":"lifo",` + broker + `,"calls":[` +
		hop("a", "callback", "7", `{"attempts":8,"backoff":"constant(value=9ms)","multiplier":10,"max_backoff":2,"jitter":"decorrelated"}`, "ignore", "11ms", "12ms", "0.03", "true") + `,` +
		`{"parallel":[` +
		hop("c", "mq", "0", noRetry, "fail", "1ms", "13ms", "0.01", "false") + `,` +
		hop("a", "sync", "14", noRetry, "fail", "1ms", "2ms", "0.01", "true") + `,` +
		hop("d", "sync", "0", noRetry, "fail", "1ms", "2ms", "0.04", "true") + `],"wait":2}]},` +
		`"c":{"instances":1,"workers":1,"capacity":0,"service":"constant(value=15ms)","error":0,"crash":null,"balance":"round-robin","queue":"fifo",` +
		`"broker":{"capacity":16,"latency":"constant(value=17ms)","delivery":"at-most-once","ack_timeout":18,"max_deliveries":19},"calls":[]},` +
		`"d":{"instances":21,"workers":1,"capacity":0,"service":"constant(value=20ms)","error":0,"crash":null,"balance":"least-outstanding","queue":"fifo",` + broker + `,"calls":[]}}}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Error("not valid JSON")
	}
}
