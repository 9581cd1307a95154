package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// brokenCases are invalid experiment files and the exact messages that
// "asyncsim run" must print for them.
var brokenCases = []struct {
	name, yaml, want string
}{
	{"unknown top key",
		`name: t
horizon: 10s
sweeps: {}
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:3:1: sweeps: unknown key; did you mean "sweep"? (accepted: name, description, seed, replications, horizon, warmup, timeseries, drain, percentiles, slo, model, sweep, cases, baseline, charts)
`},
	{"unknown model key",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  sever: {service: 5ms}
`,
		`exp.yaml:3:1: model.server.service: is required
exp.yaml:5:3: model.sever: unknown key; did you mean "server"? (accepted: policy, clients, network, server, handler, broker, services)
`},
	{"unknown nested key",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms, retries: {attempts: 2}}
  server: {service: 5ms}
`,
		`exp.yaml:4:28: model.clients.retries: unknown key (accepted: count, arrival, think, threads, max_in_flight, max_wait, loops, timeout, retry, circuit_breaker, hedge, deadline, profile, repeat, calls)
`},
	{"unknown chart key",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep: {model.server.workers: [1, 2]}
charts:
  - {x: model.server.workers, y: delay.p99, logy: true}
`,
		`exp.yaml:8:45: charts[0].logy: unknown key; did you mean "log_y"? (accepted: file, x, y, series, title, log_x, log_y, nines)
`},
	{"missing name",
		`horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:1:1: name: missing (required), e.g. name: my-experiment
`},
	{"missing horizon",
		`name: t
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:1:1: horizon: missing (required), e.g. horizon: 60s
`},
	{"missing model",
		`name: t
horizon: 10s
`,
		`exp.yaml:1:1: model: missing (required), e.g. model: {server: {service: 10ms}, clients: {arrival: 20ms}}
`},
	{"missing service",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {workers: 2}
`,
		`exp.yaml:5:3: model.server.service: is required
`},
	{"missing arrival",
		`name: t
horizon: 10s
model:
  server: {service: 5ms}
`,
		`exp.yaml:3:1: model.clients.arrival: is required (or clients.think for a closed loop)
`},
	{"bad name",
		`name: Sync vs Async
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:1:1: name: must be 1 to 100 of a-z, 0-9, - and _ (it names the output directory), got "Sync vs Async"
`},
	{"name not a string",
		`name: [a]
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:1:1: name: must be a string, got a list
`},
	{"negative horizon",
		`name: t
horizon: -5s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:2:1: horizon: must be > 0, got -5s
`},
	{"zero horizon",
		`name: t
horizon: 0s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:2:1: horizon: must be > 0, got 0s
`},
	{"warmup after horizon",
		`name: t
horizon: 10s
warmup: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:3:1: warmup: must be less than horizon (10s), got 10s
`},
	{"duration without unit word",
		`name: t
horizon: ten seconds
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:2:1: horizon: must be a duration (a number with unit ns, us, ms, s, m or h, or bare seconds), got "ten seconds"
`},
	{"negative timeout",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms, timeout: -1ms}
  server: {service: 5ms}
`,
		`exp.yaml:4:28: model.clients.timeout: must be >= 0, got -1ms
`},
	{"negative dist parameter",
		`name: t
horizon: 10s
model:
  clients: {arrival: {dist: exponential, mean: -3ms}}
  server: {service: 5ms}
`,
		`exp.yaml:4:42: model.clients.arrival.mean: exponential: mean must be >= 0, got -3ms
`},
	{"negative ack_timeout",
		`name: t
horizon: 10s
model:
  policy: mq
  clients: {arrival: 10ms}
  server: {service: 5ms}
  broker: {ack_timeout: -1s}
`,
		`exp.yaml:7:12: model.broker.ack_timeout: must be >= 0, got -1s
`},
	{"loss above 1",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  network: {loss: 1.5}
  server: {service: 5ms}
`,
		`exp.yaml:5:13: model.network.loss: must be a probability in [0, 1], got 1.5
`},
	{"server error negative",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms, error: -0.1}
`,
		`exp.yaml:5:26: model.server.error: must be a probability in [0, 1], got -0.1
`},
	{"handler error above 1",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
  handler: {error: 2}
`,
		`exp.yaml:6:13: model.handler.error: must be a probability in [0, 1], got 2
`},
	{"workers zero",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server:
    service: 5ms
    workers: 0
`,
		`exp.yaml:7:5: model.server.workers: must be >= 1, got 0
`},
	{"workers not a number",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms, workers: two}
`,
		`exp.yaml:5:26: model.server.workers: must be a whole number, got two
`},
	{"workers fractional",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms, workers: 1.5}
`,
		`exp.yaml:5:26: model.server.workers: must be a whole number, got 1.5
`},
	{"count too large",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms, count: 1e9}
  server: {service: 5ms}
`,
		`exp.yaml:4:28: model.clients.count: must be <= 1000000, got 1e9
`},
	{"server is a list",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: [5ms]
`,
		`exp.yaml:5:3: model.server: must be a mapping of keys (count, workers, capacity, service, error, crash, queue, codel, queue_timeout, rate_limit, eject), got a list
`},
	{"duration is a mapping",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms, timeout: {value: 1s}}
  server: {service: 5ms}
`,
		`exp.yaml:4:28: model.clients.timeout: must be a duration such as 10ms, got a mapping
`},
	{"unknown distribution",
		`name: t
horizon: 10s
model:
  clients: {arrival: {dist: poisson, mean: 10ms}}
  server: {service: 5ms}
`,
		`exp.yaml:4:23: model.clients.arrival.dist: unknown distribution "poisson" (accepted: constant, exponential, uniform, normal, lognormal, gamma, erlang, weibull, pareto, hyperexponential, empirical)
`},
	{"unknown dist parameter",
		`name: t
horizon: 10s
model:
  clients: {arrival: {dist: exponential, mena: 10ms}}
  server: {service: 5ms}
`,
		`exp.yaml:4:22: model.clients.arrival: exponential: missing mean or rate
exp.yaml:4:42: model.clients.arrival.mena: unknown parameter "mena" for exponential (accepted: mean, rate)
`},
	{"arrival with think",
		`name: t
horizon: 10s
model:
  policy: sync
  clients: {arrival: 10ms, think: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:5:28: model.clients.think: cannot be used together with clients.arrival
`},
	{"think without sync",
		`name: t
horizon: 10s
model:
  clients: {think: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:4:13: model.clients.think: a closed loop needs policy sync, got callback
`},
	{"broker under callback",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
  broker: {capacity: 10}
`,
		`exp.yaml:6:3: model.broker: only used by policy mq, but no sweep point has policy mq
`},
	{"unknown policy",
		`name: t
horizon: 10s
model:
  policy: rpc
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:4:3: model.policy: must be one of sync, callback, event, mq, got rpc
`},
	{"unknown delivery",
		`name: t
horizon: 10s
model:
  policy: mq
  clients: {arrival: 10ms}
  server: {service: 5ms}
  broker: {delivery: exactly-once}
`,
		`exp.yaml:7:12: model.broker.delivery: must be one of at-least-once, at-most-once, got exactly-once
`},
	{"multiplier below 1",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms, retry: {attempts: 3, multiplier: 0.5}}
  server: {service: 5ms}
`,
		`exp.yaml:4:49: model.clients.retry.multiplier: must be in [1, 1000], got 0.5
`},
	{"sweep path does not exist",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.server.wrokers: [1, 2]
`,
		`exp.yaml:7:3: sweep.model.server.wrokers: no such key wrokers in model.server; did you mean "workers"? (accepted: count, workers, capacity, service, error, crash, queue, codel, queue_timeout, rate_limit, eject)
`},
	{"sweep path outside model",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  horizon: [1s, 2s]
`,
		`exp.yaml:7:3: sweep.horizon: sweep paths start with model. (a key of the model, such as model.server.workers)
`},
	{"sweep of a section",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.network: [1ms]
`,
		`exp.yaml:7:3: sweep.model.network: model.network is a section, not a value; sweep one of its keys (send, reply, loss)
`},
	{"sweep of a list parameter",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.server.service.probs: [0.5]
`,
		`exp.yaml:7:3: sweep.model.server.service.probs: probs is a list parameter; only single values can be swept
`},
	{"empty sweep list",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.server.workers: []
`,
		`exp.yaml:7:3: sweep.model.server.workers: empty list: give at least one value
`},
	{"sweep not a list",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.server.workers: 4
`,
		`exp.yaml:7:3: sweep.model.server.workers: must be a list of values, e.g. [1, 2, 4], got 4
`},
	{"sweep value invalid in place",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.server.workers: [1, 2, 0]
`,
		`exp.yaml:7:32: model.server.workers: must be >= 1, got 0
`},
	{"sweep duration negative",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.clients.timeout: [1s,
    -2s]
`,
		`exp.yaml:8:5: model.clients.timeout: must be >= 0, got -2s
`},
	{"sweep dist parameter invalid",
		`name: t
horizon: 10s
model:
  clients: {arrival: {dist: exponential, mean: 10ms}}
  server: {service: 5ms}
sweep:
  model.clients.arrival.mean: [10ms, 0ms]
`,
		`exp.yaml:7:38: model.clients.arrival.mean: exponential: mean must be > 0, got 0s
`},
	{"sweep parameter of a constant",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.clients.arrival.mean: [10ms]
`,
		`exp.yaml:7:3: sweep.model.clients.arrival.mean: cannot set model.clients.arrival.mean: model.clients.arrival is written as a single value, not a mapping with dist:
`},
	{"sweep broker without mq",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.broker.capacity: [1, 2]
`,
		`exp.yaml:7:3: sweep.model.broker.capacity: only used by policy mq, but no sweep point has policy mq
`},
	{"sweep value a list",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.server.workers: [[1, 2]]
`,
		`exp.yaml:7:26: sweep.model.server.workers[0]: sweep values must be single values, got a list
`},
	{"sweep overlapping paths",
		`name: t
horizon: 10s
model:
  clients: {arrival: {dist: exponential, mean: 10ms}}
  server: {service: 5ms}
sweep:
  model.clients.arrival: [1ms]
  model.clients.arrival.mean: [1ms]
`,
		`exp.yaml:8:3: sweep.model.clients.arrival.mean: overlaps model.clients.arrival, which is also swept
`},
	{"sweep dist names whose parameters differ",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: {dist: exponential, mean: 5ms}}
sweep:
  model.server.service.dist: [exponential, lognormal]
`,
		`exp.yaml:7:44: model.server.service.dist: lognormal: missing cv (give mean and cv, or mu and sigma); to compare distributions with different parameters, sweep the whole distribution, e.g. model.server.service: [{dist: exponential, mean: 10ms}, {dist: lognormal, mean: 10ms, cv: 4}]
`},
	{"sweep whole distributions, one invalid",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.server.service:
    - 5ms
    - {dist: exponential, mean: 5ms}
    - {dist: lognormal, mean: 5ms, cv: 0}
`,
		`exp.yaml:10:36: model.server.service.cv: lognormal: cv must be > 0, got 0
`},
	{"chart log_x of distributions",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep:
  model.server.service: [5ms, {dist: exponential, mean: 5ms}]
charts:
  - {x: model.server.service, y: delay.p99, log_x: true}
`,
		`exp.yaml:9:45: charts[0].log_x: model.server.service holds names, not numbers, so it cannot have a log axis
`},
	{"chart x not swept",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep: {model.server.workers: [1, 2]}
charts:
  - x: model.server.count
    y: delay.p99
`,
		`exp.yaml:8:5: charts[0].x: "model.server.count" is not a swept path (swept: model.server.workers)
`},
	{"chart file escapes",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
sweep: {model.server.workers: [1, 2]}
charts:
  - {file: ../p99.png, x: model.server.workers, y: delay.p99}
`,
		`exp.yaml:8:6: charts[0].file: "../p99.png" is not a plain file name; it must not contain path separators or ".."
`},
	{"yaml syntax error",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms
  server: {service: 5ms}
`,
		`exp.yaml:3:1: invalid YAML: did not find expected ',' or '}'
`},
	{"duplicate key",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
  server: {service: 6ms}
`,
		`exp.yaml:6:3: model.server: duplicate key
`},
	{"not a mapping",
		`- name: t
`,
		`exp.yaml:1:1: an experiment must be a mapping of keys (name:, horizon:, model:, ...), got a list
`},
	{"empty file",
		``,
		`exp.yaml:1:1: empty file: an experiment needs at least name, horizon and model
`},
	{"two documents",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
---
name: u
`,
		`exp.yaml:6:1: more than one YAML document (---): an experiment file holds one
`},
	{"replications zero",
		`name: t
horizon: 10s
replications: 0
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:3:1: replications: must be >= 1, got 0
`},
	{"seed negative",
		`name: t
horizon: 10s
seed: -1
model:
  clients: {arrival: 10ms}
  server: {service: 5ms}
`,
		`exp.yaml:3:1: seed: must be a whole number from 0 to 18446744073709551615, got -1
`},
	{"several errors sorted",
		`name: t
horizon: 10s
replications: x
model:
  clients: {arrival: 10ms, count: 0}
  server: {service: 5ms, workers: 0}
sweep:
  model.network.loss: [0.1, 7]
`,
		`exp.yaml:3:1: replications: must be a whole number, got x
exp.yaml:5:28: model.clients.count: must be >= 1, got 0
exp.yaml:6:26: model.server.workers: must be >= 1, got 0
exp.yaml:8:29: model.network.loss: must be a probability in [0, 1], got 7
`},
	{"service graph",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms, calls: api}
  services:
    api:
      service: 1ms
      calls:
        - {to: db, policy: callback}
        - parallel: [{to: db}, {to: nowhere}]
          wait: 3
    db: {service: 1ms, calls: [{to: api}]}
    lonely: {service: 1ms}
sweep:
  model.services.api.calls.0.to: [db]
`,
		`exp.yaml:10:33: model.services.api.calls.1.parallel.1.to: no service "nowhere"
exp.yaml:11:11: model.services.api.calls.1.wait: must be all, any or a number of calls in 1..2, got 3
exp.yaml:12:33: model.services.db.calls.0.to: a cycle: api -> db -> api
exp.yaml:13:5: model.services.lonely: no request reaches service "lonely" from the entry service "api"
exp.yaml:15:3: sweep.model.services.api.calls.0.to: model.services.api.calls.0.to cannot be swept: it names a service, and every service and call has its own output columns, the same at every point
`},
	{"resilience keys",
		`name: t
horizon: 10s
model:
  clients: {arrival: 10ms, retry: {attempts: 2}, hedge: {after: 5ms}, deadline: true, circuit_breaker: {window: many}, calls: api}
  services:
    api: {service: 1ms, calls: [{to: db, policy: mq, hedge: {after: 1ms}}], rate_limit: {burst: 2}, eject: {for: 0s}, codel: {intervall: 5ms}}
    db: {service: 1ms, broker: {ttl: -1s}}
`,
		`exp.yaml:4:50: model.clients.hedge: cannot be used with retry.attempts > 1 (as in gRPC, a call hedges or retries)
exp.yaml:4:71: model.clients.deadline: needs clients.timeout > 0: the deadline is the attempt's send time plus its timeout
exp.yaml:4:105: model.clients.circuit_breaker.window: must be a whole number, got many
exp.yaml:6:54: model.services.api.calls.0.hedge: hedging sends copies to instances; policy mq sends to a broker
exp.yaml:6:77: model.services.api.rate_limit.rate: missing (required): tokens per second of each instance's bucket, e.g. rate_limit: {rate: 100, burst: 20}
exp.yaml:6:109: model.services.api.eject.for: must be > 0, got 0s
exp.yaml:6:127: model.services.api.codel.intervall: unknown key; did you mean "interval"? (accepted: target, interval)
exp.yaml:7:33: model.services.db.broker.ttl: must be >= 0, got -1s
`},
}

// TestBrokenExperiments checks that every invalid file gets its exact
// messages (file, line, column, key), exit code 2 and no output directory,
// from both run and validate.
func TestBrokenExperiments(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, c := range brokenCases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile("exp.yaml", []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"run", "exp.yaml", "-o", "out"}, {"validate", "exp.yaml"}} {
				var stdout, stderr bytes.Buffer
				code := NewMain(&stdout, &stderr).Run(context.Background(), args)
				if code != exitUsage {
					t.Errorf("%s: exit code %d, want 2", args[0], code)
				}
				if got := stderr.String(); got != c.want {
					t.Errorf("%s: stderr\n%s\nwant\n%s", args[0], got, c.want)
				}
				if stdout.Len() != 0 {
					t.Errorf("%s: stdout %q", args[0], stdout.String())
				}
			}
			for _, dir := range []string{"out", "results"} {
				if _, err := os.Stat(filepath.Join(".", dir)); !os.IsNotExist(err) {
					t.Errorf("an invalid experiment created %s", dir)
				}
			}
		})
	}
}
