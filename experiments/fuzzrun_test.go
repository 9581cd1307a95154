package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/asyncsim/asyncsim/models"
)

// Bounds of one execution of FuzzRun: each run stops after about
// fuzzEvents events; fuzzWall is how long a run may take before it is
// reported as a hang (a run within its event budget takes milliseconds).
const (
	fuzzEvents = 50_000
	fuzzPoints = 3
	fuzzWall   = 20 * time.Second
)

// fuzzSeeds are the reproductions of issue 11 (hangs, crashes, resource
// exhaustion), some now refused by validation, some valid and stopped by
// the models' guards.
var fuzzSeeds = []string{
	// A million zero-delay retries against a server that rejects at once
	// overflowed the goroutine stack.
	`name: retry
horizon: 10s
model:
  policy: sync
  clients: {arrival: 10ms, retry: {attempts: 1000000}}
  server: {service: 1s, capacity: 1}
`,
	`name: retry-crashed
horizon: 10s
model:
  policy: callback
  clients: {arrival: 10ms, retry: {attempts: 1000000}}
  server: {service: 1ms, crash: {uptime: 1ns, downtime: 1h}}
`,
	`name: retry-mq
horizon: 10s
model:
  policy: mq
  clients: {arrival: 10ms, retry: {attempts: 1000000}}
  server: {service: 1s}
  broker: {capacity: 1, max_deliveries: 1000000}
`,
	// A retry storm inside a service graph: zero-delay retries of a
	// hop to a service that rejects at once, under a fan-out.
	`name: graph-retry
horizon: 10s
model:
  policy: callback
  clients: {calls: api, arrival: 10ms, retry: {attempts: 1000}}
  services:
    api:
      workers: 2
      service: 0s
      calls:
        - parallel:
            - {to: db, retry: {attempts: 1000000}}
            - {to: cache, policy: callback, retry: {attempts: 1000000}}
          wait: any
    db: {service: 1s, capacity: 1}
    cache: {service: 0s, crash: {uptime: 1ns, downtime: 1h}}
`,
	// A deep chain of zero-delay services through brokers.
	`name: graph-chain
horizon: 1s
model:
  policy: mq
  clients: {calls: a, arrival: 1us}
  services:
    a: {service: 0s, calls: [{to: b, policy: mq}]}
    b: {service: 0s, calls: [{to: c, policy: mq}], broker: {max_deliveries: 1000000, ack_timeout: 1ns}}
    c: {service: 1ms, error: 0.5, broker: {max_deliveries: 1000000, ack_timeout: 1ns}}
`,
	// Clocks that never advanced.
	`name: rate
horizon: 1s
model:
  clients: {arrival: {dist: exponential, rate: 1e12}}
  server: {service: 5ms}
`,
	`name: lognormal
horizon: 1s
model:
  clients: {arrival: {dist: lognormal, mu: -30, sigma: 1}}
  server: {service: 5ms}
`,
	`name: gamma
horizon: 1s
model:
  clients: {arrival: {dist: gamma, shape: 1e-9, scale: 1s}}
  server: {service: 5ms, capacity: 5}
`,
	`name: closed-zero
horizon: 1s
model:
  policy: sync
  clients: {think: 0s, threads: 4}
  server: {service: 0s}
`,
	`name: closed-rejected
horizon: 1s
model:
  policy: sync
  clients: {think: 0s, threads: 4}
  server: {service: 10ms, capacity: 1}
`,
	// Long horizons, many users, many points.
	`name: century
horizon: 3153600000s
model:
  clients: {arrival: 1s}
  server: {service: 5ms}
`,
	`name: users
horizon: 10s
model:
  policy: sync
  clients: {think: 1s, count: 1000, threads: 2000}
  server: {service: 1ms, workers: 100}
`,
	`name: sweep
horizon: 10s
replications: 1000
model:
  clients: {arrival: {dist: exponential, mean: 10ms}, timeout: 1ms}
  server: {service: {dist: pareto, shape: 1.1, min: 1ms}, error: 0.5}
  network: {loss: 0.5}
sweep:
  model.clients.retry.attempts: [1, 10, 1000]
  model.policy: [sync, callback, event, mq]
`,
	// The resilience mechanisms of SPEC §10 together: hedges, breakers,
	// deadlines, budgets, codel and adaptive-lifo, queue timeouts, rate
	// limits, ejection and broker ttl, with crashes, losses and mq
	// redeliveries.
	`name: hedge-crash
horizon: 10s
model:
  policy: callback
  clients: {arrival: 1ms, timeout: 20ms, hedge: {after: 1ms, max: 3}, circuit_breaker: {window: 4, min_calls: 2, open_for: 5ms, half_open_calls: 1}, deadline: true}
  server: {count: 3, service: 3ms, workers: 1, error: 0.3, crash: {uptime: 7ms, downtime: 4ms}, queue: codel, codel: {target: 1ms, interval: 2ms}, queue_timeout: 4ms, rate_limit: {rate: 500, burst: 2}, eject: {consecutive_errors: 2, for: 5ms, max_percent: 70}}
  network: {loss: 0.1}
`,
	`name: graph-all
horizon: 5s
model:
  policy: callback
  clients: {calls: api, arrival: 1ms, timeout: 30ms, deadline: true, retry: {attempts: 3, backoff: 1ms, budget: {percent: 10, min_per_second: 1, ttl: 1s}}, circuit_breaker: {window: 10, min_calls: 5, open_for: 3ms, half_open_calls: 2}}
  services:
    api:
      instances: 2
      workers: 2
      service: 1ms
      queue: adaptive-lifo
      queue_timeout: 3ms
      eject: {consecutive_errors: 1, for: 2ms}
      balance: two-choices
      crash: {uptime: 20ms, downtime: 5ms}
      calls:
        - parallel:
            - {to: db, timeout: 5ms, hedge: {after: 1ms, max: 3}, circuit_breaker: {window: 4, min_calls: 2, open_for: 2ms, half_open_calls: 1}, on_error: ignore}
            - {to: cache, policy: mq, timeout: 4ms, retry: {attempts: 2, budget: {}}, deadline: true}
            - {to: auth, policy: mq, reply: false}
          wait: any
    db: {instances: 3, service: 2ms, error: 0.4, rate_limit: {rate: 300, burst: 1}, queue: codel, eject: {consecutive_errors: 2, for: 3ms}, crash: {uptime: 9ms, downtime: 2ms}}
    cache: {service: 1ms, broker: {ttl: 2ms, ack_timeout: 1ms, max_deliveries: 3, delivery: at-least-once}, crash: {uptime: 11ms, downtime: 3ms}}
    auth: {service: 1ms}
`,
	`name: mq-ttl
horizon: 2s
model:
  policy: mq
  clients: {arrival: 1ms, timeout: 5ms, deadline: true, retry: {attempts: 3, backoff: 1ms}, circuit_breaker: {}}
  server: {service: 2ms, crash: {uptime: 30ms, downtime: 10ms}}
  broker: {ttl: 3ms, ack_timeout: 1ms, max_deliveries: 5, delivery: at-most-once}
`,
}

// FuzzRun loads a generated experiment and, when it is valid, runs its
// first points (one replication each) with an event budget. No input may
// make a run panic, overflow its stack, hang or fail for any reason but
// its budget or the models' guards.
func FuzzRun(f *testing.F) {
	for _, pattern := range []string{"../examples/*.yaml", "testdata/*.yaml", "testdata/load/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		exp, err := Parse("fuzz.yaml", data)
		if err != nil {
			return // FuzzLoad checks the errors
		}
		points := []int{0}
		for p := 1; p < len(exp.Points) && len(points) < fuzzPoints; p++ {
			points = append(points, p*len(exp.Points)/fuzzPoints)
		}
		for _, p := range points {
			fuzzOne(t, &exp, p)
		}
	})
}

// fuzzOne runs replication 0 of point p of exp within the fuzzing bounds.
func fuzzOne(t *testing.T, exp *Experiment, p int) {
	t.Helper()
	wall := fuzzWall
	if underRace {
		// The race detector slows set-up (two million users here) about
		// tenfold; a hang is still caught.
		wall *= 10
	}
	ctx, cancel := context.WithTimeout(context.Background(), wall/2)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := simulateWith(ctx, exp, p, 0, limits{maxEvents: fuzzEvents})
		done <- err
	}()
	select {
	case err := <-done:
		switch {
		case err == nil, errors.Is(err, models.ErrEventBudget), errors.Is(err, models.ErrStuck),
			errors.Is(err, models.ErrBacklog), errors.Is(err, context.DeadlineExceeded):
		default:
			t.Fatalf("point %d: %v", p, err)
		}
	case <-time.After(wall):
		t.Fatalf("point %d: still running after %v with a budget of %d events: a hang", p, wall, fuzzEvents)
	}
}
