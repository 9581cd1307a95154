package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// stuckCases are experiments whose clock could never advance (issue 11,
// "Hangs"): each must be refused at validation with its exact message and
// exit code 2, never run.
var stuckCases = []struct {
	name, yaml, want string
}{
	{"arrival rate 1e12",
		`name: t
horizon: 1s
model:
  clients: {arrival: {dist: exponential, rate: 1e12}}
  server: {service: 5ms}
`,
		`exp.yaml:4:13: model.clients.arrival: mean must be at least 1ns (the clock's resolution), got 1e-12s
`},
	{"arrival lognormal mu -30",
		`name: t
horizon: 1s
model:
  clients: {arrival: {dist: lognormal, mu: -30, sigma: 1}}
  server: {service: 5ms}
`,
		`exp.yaml:4:13: model.clients.arrival: mean must be at least 1ns (the clock's resolution), got 1.54e-13s
`},
	{"arrival gamma shape 1e-9",
		`name: t
horizon: 1s
model:
  clients: {arrival: {dist: gamma, shape: 1e-9, scale: 10ms}}
  server: {service: 5ms}
`,
		`exp.yaml:4:13: model.clients.arrival: mean must be at least 1ns (the clock's resolution), got 1e-11s
`},
	{"swept arrival rate",
		`name: t
horizon: 1s
model:
  clients: {arrival: {dist: exponential, rate: 10}}
  server: {service: 5ms}
sweep:
  model.clients.arrival.rate: [10, 1e12]
`,
		`exp.yaml:4:13: model.clients.arrival: mean must be at least 1ns (the clock's resolution), got 1e-12s
`},
	{"crash uptime",
		`name: t
horizon: 1s
model:
  clients: {arrival: 10ms}
  server:
    service: 5ms
    crash: {uptime: {dist: exponential, rate: 1e10}, downtime: 1s}
`,
		`exp.yaml:7:13: model.server.crash.uptime: mean must be at least 1ns (the clock's resolution), got 1e-10s
`},
	{"closed loop of zeros",
		`name: t
horizon: 1s
model:
  policy: sync
  clients: {think: 0s}
  server: {service: 0s}
`,
		`exp.yaml:5:13: model.clients.think: a closed loop must take time: clients.think, network.send, network.reply and server.service all have a mean of 0, so the clock never advances; give one of them a mean of at least 1ns
`},
	{"closed loop rejected at once",
		`name: t
horizon: 1s
model:
  policy: sync
  clients: {think: 0s, threads: 2}
  server: {service: 10ms, capacity: 1}
`,
		`exp.yaml:5:13: model.clients.think: a closed loop must take time: clients.think, network.send and network.reply all have a mean of 0, and a request the server rejects (server.capacity) takes no service time, so the clock never advances; give one of them a mean of at least 1ns
`},
	// A request the clients' open circuit breaker refuses takes no time at
	// all, not even the network's: users that do not think spin at one
	// instant once it opens (the run died, stuck, after 10^8 events).
	{"closed loop behind a circuit breaker",
		`name: t
horizon: 1s
model:
  policy: sync
  clients: {think: 0s, threads: 4, circuit_breaker: {}}
  server: {service: 1ms, error: 1}
  network: {send: 1ms, reply: 1ms}
`,
		`exp.yaml:5:13: model.clients.think: a closed loop behind clients.circuit_breaker must take time to think: a request the open breaker refuses takes no time at all (no network, no service), so with clients.think of mean 0 the clock never advances once it opens; give clients.think a mean of at least 1ns
`},
	{"closed loop rate limited at once",
		`name: t
horizon: 1s
model:
  policy: sync
  clients: {think: 0s, threads: 2}
  server: {service: 10ms, rate_limit: {rate: 10}}
`,
		`exp.yaml:5:13: model.clients.think: a closed loop must take time: clients.think, network.send and network.reply all have a mean of 0, and a request the server rejects (server.rate_limit) takes no service time, so the clock never advances; give one of them a mean of at least 1ns
`},
}

// tooManyUsersCases are closed loops with more users than a run can hold
// (issue 11: 10^12 users passed validate and died out of memory; 10
// million allocated 1.4 GB and were then blamed on overload).
var tooManyUsersCases = []struct {
	name, yaml, want string
}{
	{"10^12 users",
		`name: t
horizon: 1s
model:
  policy: sync
  clients: {think: 1s, count: 1000000, threads: 1000000}
  server: {service: 5ms}
`,
		`exp.yaml:5:40: model.clients.threads: 1000000000000 closed-loop users (clients.count 1000000 × clients.threads 1000000) are more than a run can hold: at most 2000000, the backlog limit of a run
`},
	{"10 million users",
		`name: t
horizon: 1s
model:
  policy: sync
  clients: {think: 1s, count: 10, threads: 1000000}
  server: {service: 5ms}
`,
		`exp.yaml:5:35: model.clients.threads: 10000000 closed-loop users (clients.count 10 × clients.threads 1000000) are more than a run can hold: at most 2000000, the backlog limit of a run
`},
}

// TestStuckClockRefused checks that validate and run refuse every model
// whose clock cannot advance (issue 11: they used to pass validation and
// spin forever).
func TestStuckClockRefused(t *testing.T) {
	refused(t, stuckCases)
}

// TestTooManyUsersRefused checks the bound on closed-loop users.
func TestTooManyUsersRefused(t *testing.T) {
	refused(t, tooManyUsersCases)
}

// refused checks that validate and run refuse each case with exactly its
// message and exit code 2.
func refused(t *testing.T, cases []struct{ name, yaml, want string }) {
	t.Chdir(t.TempDir())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile("exp.yaml", []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"validate", "exp.yaml"}, {"run", "exp.yaml", "-o", "out", "-q"}} {
				var stdout, stderr bytes.Buffer
				code := NewMain(&stdout, &stderr).Run(context.Background(), args)
				if code != exitUsage || stderr.String() != c.want {
					t.Errorf("%s: exit %d, stderr\n%s\nwant exit 2 and\n%s", args[0], code, stderr.String(), c.want)
				}
			}
		})
	}
}

// TestClosedLoopWithServiceTimeIsValid checks the other side of the rule:
// zero think time and network are fine when every request is served.
func TestClosedLoopWithServiceTimeIsValid(t *testing.T) {
	t.Chdir(t.TempDir())
	err := os.WriteFile("exp.yaml", []byte(`name: t
horizon: 1s
model:
  policy: sync
  clients: {think: 0s, threads: 2}
  server: {service: 10ms}
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, context.Background(), "validate", "exp.yaml")
	if code != 0 || stderr != "" || stdout != "exp.yaml: valid: t, 1 points × 1 replications = 1 runs\nexp.yaml: expected work: about 200 events (under a CPU-second)\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestValidateAndRunPrintTheWork checks that validate and run say how much
// work an experiment is (issue 11: a 100-year horizon, about 29
// CPU-hours, was accepted with no estimate).
func TestValidateAndRunPrintTheWork(t *testing.T) {
	t.Chdir(t.TempDir())
	err := os.WriteFile("exp.yaml", []byte(`name: t
horizon: 10s
replications: 3
model:
  policy: callback
  clients: {arrival: 10ms}
  network: {send: 1ms, reply: 1ms}
  server: {service: 5ms}
sweep:
  model.server.workers: [1, 2]
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, context.Background(), "validate", "exp.yaml")
	want := "exp.yaml: valid: t, 2 points × 3 replications = 6 runs\nexp.yaml: expected work: about 24,000 events (under a CPU-second)\n"
	if code != 0 || stderr != "" || stdout != want {
		t.Errorf("validate: exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
	code, stdout, stderr = cli(t, context.Background(), "run", "exp.yaml", "-o", "out")
	if want := "asyncsim: 2 points × 3 replications = 6 runs, about 24,000 events (under a CPU-second)\n"; code != 0 || stdout != "" || !strings.HasPrefix(stderr, want) {
		t.Errorf("run: exit %d, stdout %q, stderr %q; want it to start with %q", code, stdout, stderr, want)
	}
}

// TestWorkThatCannotFinishRefused checks the one refusal: more than
// experiments.MaxWork events.
func TestWorkThatCannotFinishRefused(t *testing.T) {
	t.Chdir(t.TempDir())
	err := os.WriteFile("exp.yaml", []byte(`name: t
horizon: 3153600000s
model:
  clients: {arrival: 1us}
  server: {service: 500ns}
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	want := "exp.yaml: the experiment would simulate about 6.3e+15 events (roughly 40 CPU-years), more than the about 1e+15 events that can finish: shorten the horizon, lower the replications or narrow the sweep\n"
	for _, args := range [][]string{{"validate", "exp.yaml"}, {"run", "exp.yaml", "-o", "out", "-q"}} {
		code, stdout, stderr := cli(t, context.Background(), args...)
		if code != exitUsage || stdout != "" || stderr != want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", args[0], code, stdout, stderr, want)
		}
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Error("a refused run created its output directory")
	}
}
