package experiments

import (
	"strings"
	"testing"
)

// TestRetryOverloadWarning: the retry-storm model at load 0.9 without its
// spike (constant arrivals and 10ms service, timeout 50ms) warns with 3
// attempts (2.7 >= 1, the M/M/1 p99 at 0.9 being ln(100) × 10ms / 0.1 =
// 460ms) and not with one attempt, a generous 1s timeout, a retry budget or
// a circuit breaker; the overload note of a model with a timeout does not
// suggest one.
func TestRetryOverloadWarning(t *testing.T) {
	const model = `name: rs
horizon: 60s
model:
  policy: callback
  clients:
    arrival: 11.111111ms
    timeout: 50ms
    retry: {attempts: 3, backoff: 10ms}
  server: {service: 10ms}
`
	for _, c := range []struct {
		name, extra string
		want        string // part of the warning; "" for none
	}{
		{"3 attempts, 50ms", "", "offered load 0.9 (90/s × 10ms / 1 worker) × 3 attempts = 2.7 >= 1 with clients.timeout 50ms, under the p99 of an attempt's time at the servers at this load (about 460ms)"},
		{"1 attempt", "sweep: {model.clients.retry.attempts: [1]}\n", ""},
		{"2 attempts", "sweep: {model.clients.retry.attempts: [2]}\n", "× 2 attempts = 1.8 >= 1"},
		{"generous timeout", "sweep: {model.clients.timeout: [1s]}\n", ""},
		{"timeout just under the tail", "sweep: {model.clients.timeout: [450ms]}\n", "about 460ms"},
		{"budget", "sweep: {model.clients.retry.budget.percent: [10]}\n", ""},
		{"bounded queue", "sweep: {model.server.capacity: [10]}\n", ""},
		{"load 0.3", "sweep: {model.clients.arrival: [33.3333ms]}\n", ""},
	} {
		exp, err := parse(t, model+c.extra)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got string
		for _, w := range exp.Warnings {
			got += w.Error()
			if w.Kind != WarnOverload || w.Note != retryNote {
				t.Errorf("%s: kind %q, note %q", c.name, w.Kind, w.Note)
			}
		}
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: warnings %q, want %q", c.name, got, c.want)
		}
	}

	exp, err := parse(t, "name: o\nhorizon: 10s\nmodel:\n  clients: {arrival: 5ms, timeout: 1s}\n  server: {service: 10ms}\n")
	if err != nil || len(exp.Warnings) != 1 {
		t.Fatalf("load 2 with a timeout: %v, %v", err, exp.Warnings)
	}
	if n := exp.Warnings[0].Note; n != overloadNoteTimed || strings.Contains(n, "A clients.timeout") {
		t.Errorf("load 2 with a timeout: note %q suggests a timeout", n)
	}
	exp, err = parse(t, "name: o\nhorizon: 10s\nmodel:\n  clients: {arrival: 5ms}\n  server: {service: 10ms}\n")
	if err != nil || len(exp.Warnings) != 1 || exp.Warnings[0].Note != overloadNote {
		t.Fatalf("load 2 without a timeout: %v, %v", err, exp.Warnings)
	}
}
