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
  clients: {count: 2, arrival: 7ms, threads: 3, max_in_flight: 4, loops: 5, timeout: 6s,
            retry: {attempts: 7, backoff: 8ms, multiplier: 9}}
  network: {send: 1ms, reply: 2ms, loss: 0.01}
  server: {count: 3, workers: 4, capacity: 5, service: {dist: exponential, mean: 6ms}, error: 0.02,
           crash: {uptime: 100s, downtime: 2s}}
  handler: {time: 3ms, error: 0.03, listeners: 2}
  broker: {capacity: 11, latency: 4ms, delivery: at-most-once, ack_timeout: 12s, max_deliveries: 13}
`)
	if err != nil {
		t.Fatal(err)
	}
	got := string(marshalModel(&exp.Points[0].Model))
	want := `{"policy":"mq",` +
		`"clients":{"count":2,"arrival":"constant(value=7ms)","think":null,"threads":3,"max_in_flight":4,"loops":5,"timeout":6,` +
		`"retry":{"attempts":7,"backoff":"constant(value=8ms)","multiplier":9}},` +
		`"network":{"send":"constant(value=1ms)","reply":"constant(value=2ms)","loss":0.01},` +
		`"server":{"count":3,"workers":4,"capacity":5,"service":"exponential(mean=6ms)","error":0.02,` +
		`"crash":{"uptime":"constant(value=1m40s)","downtime":"constant(value=2s)"}},` +
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
	if got := string(marshalModel(&exp.Points[0].Model)); !strings.Contains(got, `"error":0.02,"crash":null},"handler"`) {
		t.Errorf("without crash: %s", got)
	}
}
