package experiments

import (
	"testing"
)

// TestEstimateWork checks the expected events of small models worked out
// by hand: requests per second × (1 + attempts × events per attempt +
// backoffs) × horizon, plus two events per crash cycle.
func TestEstimateWork(t *testing.T) {
	for _, c := range []struct {
		name, model string
		want        float64 // one run of 10 s
	}{
		// 100 requests/s; an arrival, then send, service, reply.
		{"open", `{policy: callback, clients: {arrival: 10ms}, network: {send: 1ms, reply: 1ms}, server: {service: 5ms}}`, 4000},
		// 10 users / 100 ms cycle = 100/s, the servers' rate too; a think
		// time and a service each.
		{"closed", `{policy: sync, clients: {think: 90ms, threads: 10}, server: {service: 10ms}}`, 2000},
		// 100 users / 20 ms = 5000/s, but one worker serves 100/s.
		{"closed saturated", `{policy: sync, clients: {think: 10ms, threads: 100}, server: {service: 10ms}}`, 2000},
		// every attempt fails: 5 attempts of one event each, no backoff.
		{"retries", `{clients: {arrival: 10ms, retry: {attempts: 5}}, server: {service: 5ms, error: 1}}`, 6000},
		// and a backoff event before each of the 4 retries.
		{"retries with backoff", `{clients: {arrival: 10ms, retry: {attempts: 5, backoff: 1ms}}, server: {service: 5ms, error: 1}}`, 10000},
		// half the attempts fail: 1 + 0.5 + 0.25 = 1.75 attempts.
		{"half fail", `{clients: {arrival: 10ms, retry: {attempts: 3}}, server: {service: 5ms, error: 0.5}}`, 2750},
		// a timeout timer and a handler per attempt.
		{"timeout and handler", `{policy: event, clients: {arrival: 10ms, timeout: 1s}, server: {service: 5ms}, handler: {time: 1ms}}`, 4000},
		// mq: the ack timer and the broker latency.
		{"mq", `{policy: mq, clients: {arrival: 10ms}, server: {service: 5ms}, broker: {latency: 1ms}}`, 4000},
		// 2 servers crash every 2 s: 2 events × 2 servers × 10 cycles (the
		// horizon and the longest drain, an auto drain of the horizon
		// again), and a quarter of the attempts are rejected (down 0.5 s
		// in 2 s).
		{"crash", `{clients: {arrival: 10ms, retry: {attempts: 2}}, server: {service: 5ms, count: 2, crash: {uptime: 1.5s, downtime: 500ms}}}`,
			1000*(1+1.25) + 40},
		// 10 clients at 1000/s offered to a server of capacity 100/s with a
		// waiting room: 90% rejected, 1.9 attempts of 2.
		{"overload with capacity", `{clients: {arrival: 10ms, count: 10, retry: {attempts: 2}}, server: {service: 10ms, capacity: 5}}`,
			1000 * 10 * (1 + 1.9)},
	} {
		exp, err := parse(t, "name: t\nhorizon: 10s\nreplications: 3\nmodel: "+c.model+"\n")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		w := EstimateWork(&exp)
		if len(w.PerPoint) != 1 || !closeTo(w.PerPoint[0], c.want) || !closeTo(w.Events, 3*c.want) {
			t.Errorf("%s: %+v, want %v per run, %v in all", c.name, w, c.want, 3*c.want)
		}
	}
}

// closeTo reports whether a and b agree to 12 digits (the estimates are sums
// of products of decimal fractions).
func closeTo(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-12*b
}

func TestFormatWork(t *testing.T) {
	for _, c := range []struct {
		events float64
		want   string
	}{
		{0, "about 0 events (under a CPU-second)"},
		{4000, "about 4,000 events (under a CPU-second)"},
		{123456, "about 120,000 events (under a CPU-second)"},
		{1.26e6, "about 1.3 million events (under a CPU-second)"},
		{6.3e9, "about 6.3 billion events (roughly 21 CPU-minutes)"},
		{5.2e11, "about 520 billion events (roughly 29 CPU-hours)"},
		{6.3e15, "about 6.3e+15 events (roughly 40 CPU-years)"},
	} {
		if got := (Work{Events: c.events}).String(); got != c.want {
			t.Errorf("%v: %q, want %q", c.events, got, c.want)
		}
	}
}
