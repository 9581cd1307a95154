package models_test

import (
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// counterNames are the request counts and event counters of a run: every
// figure that is a whole number of things that happened.
var counterNames = []string{
	"requests", "succeeded", "failed", "in_flight",
	"attempts", "retries", "timeouts", "lost", "rejected", "errors",
	"late", "duplicates", "dead_letters",
}

// counts gives the expected value of each counter; a counter not named is 0.
type counts map[string]float64

// checkCounts compares every counter of m with want.
func checkCounts(t *testing.T, m models.Metrics, want counts) {
	t.Helper()
	for n := range want {
		if !strings.Contains(" "+strings.Join(counterNames, " ")+" ", " "+n+" ") {
			t.Fatalf("%q is not a counter", n)
		}
	}
	for _, n := range counterNames {
		got, _ := m.Value(n)
		if got != want[n] {
			t.Errorf("%s = %v, want %v", n, got, want[n])
		}
	}
}

// scenarioCounts holds the counters of each hand-checked scenario of
// scenario_cases_test.go, counted by hand from its trace (events at or after
// the horizon do not happen).
var scenarioCounts = map[string]counts{
	"sync: one request, handler on the blocked thread": {"requests": 1, "succeeded": 1, "attempts": 1},
	// r1..r7 created; r1, r2 done; r3 holds the thread; r4..r7 wait for it.
	"sync: requests wait for the only thread": {"requests": 7, "succeeded": 2, "in_flight": 5, "attempts": 3},
	// r1..r8 sent at once; only r1's handler finished (38ms).
	"callback: sends never block, replies queue for the one loop": {"requests": 8, "succeeded": 1, "in_flight": 7, "attempts": 8},
	"event: two listeners run one after another":                  {"requests": 1, "succeeded": 1, "attempts": 1},
	"mq: publish, deliver, consume, reply":                        {"requests": 1, "succeeded": 1, "attempts": 1},
	"lost request without timeout fails at once":                  {"requests": 1, "failed": 1, "attempts": 1, "lost": 1},
	"lost reply without timeout fails at the moment of loss":      {"requests": 1, "failed": 1, "attempts": 1, "lost": 1},
	"lost reply with timeout is retried": {"requests": 1, "succeeded": 1, "attempts": 2, "retries": 1,
		"timeouts": 1, "lost": 1},
	"every attempt lost: the last timeout fails the request": {"requests": 1, "failed": 1, "attempts": 3, "retries": 2,
		"timeouts": 3, "lost": 3},
	"server errors retried with exponential backoff": {"requests": 1, "succeeded": 1, "attempts": 3, "retries": 2, "errors": 2},
	"timeout shorter than the response: late replies discarded": {"requests": 1, "failed": 1, "attempts": 2, "retries": 1,
		"timeouts": 2, "late": 2},
	// At-least-once: the broker still holds the message, so the crash
	// loses nothing.
	"mq at-least-once: consumer crash, redelivery after the ack timeout": {"requests": 1, "succeeded": 1, "attempts": 1},
	// The second worker's copy is a duplicate; its reply is extra, not late.
	"mq at-least-once: slow ack makes a duplicate":        {"requests": 1, "succeeded": 1, "attempts": 1, "duplicates": 1},
	"mq at-least-once: dead letter after max deliveries":  {"requests": 1, "failed": 1, "attempts": 1, "errors": 3, "dead_letters": 1},
	"mq at-most-once: a consumer error loses the message": {"requests": 1, "failed": 1, "attempts": 1, "errors": 1},
	// r3, r5, r7 rejected; r7's error reply (31ms) comes after the horizon.
	"full server queue rejects": {"requests": 7, "succeeded": 2, "failed": 2, "in_flight": 3, "attempts": 7, "rejected": 3},
	"server down rejects; crash loses work in service": {"requests": 2, "failed": 2, "attempts": 2, "timeouts": 1,
		"lost": 1, "rejected": 1},
	"handler error is never retried": {"requests": 1, "failed": 1, "attempts": 1, "errors": 1},
}

// TestScenarioCounters checks every counter of every hand-checked scenario
// against the counts read off its trace by hand.
func TestScenarioCounters(t *testing.T) {
	seen := map[string]bool{}
	for _, sc := range scenarios {
		want, ok := scenarioCounts[sc.name]
		if !ok {
			t.Errorf("scenario %q has no counts", sc.name)
			continue
		}
		seen[sc.name] = true
		t.Run(sc.name, func(t *testing.T) {
			_, m := runLog(t, sc.cfg(), sc.seed, sc.horizon)
			checkCounts(t, m, want)
		})
	}
	for name := range scenarioCounts {
		if !seen[name] {
			t.Errorf("counts for unknown scenario %q", name)
		}
	}
}

// TestExactScenarios compares the trace and every counter of scenarios
// that exercise one counter each in the corner where a one-line bug hides.
func TestExactScenarios(t *testing.T) {
	for _, sc := range exactScenarios {
		t.Run(sc.name, func(t *testing.T) {
			got, m := runLog(t, sc.cfg(), sc.seed, sc.horizon)
			checkLog(t, got, sc.want)
			checkCounts(t, m, sc.counts)
		})
	}
}

// exactScenario is a hand-checked scenario with its counters.
type exactScenario struct {
	scenarioCase
	counts counts
}

var exactScenarios = []exactScenario{
	{scenarioCase{name: "mq at-most-once: a consumer crash loses the delivery", seed: 1, horizon: 160 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 published
101ms r1 attempt 1 delivery 1 to server 0
105ms server 0 crashed
105ms r1 attempt 1 delivery 1 lost in the crash
105ms r1 failed
125ms server 0 recovered
`,
		cfg: func() models.Config {
			c := scenario(models.MQ)
			c.Broker.Delivery = models.AtMostOnce
			c.Server.Crash = &models.Crash{Uptime: ms(105), Downtime: ms(20)}
			return c
		}}, counts{"requests": 1, "failed": 1, "attempts": 1, "lost": 1}},
	// The retry is published while the only server is down: it waits in
	// the broker queue and is delivered when the server recovers.
	{scenarioCase{name: "mq at-most-once: a crash loss noticed by the timeout and retried", seed: 1, horizon: 160 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 published
101ms r1 attempt 1 delivery 1 to server 0
105ms server 0 crashed
105ms r1 attempt 1 delivery 1 lost in the crash
120ms r1 attempt 1 timed out
120ms r1 attempt 2 sent
121ms r1 attempt 2 published
125ms server 0 recovered
125ms r1 attempt 2 delivery 1 to server 0
135ms r1 attempt 2 consumed on server 0
137ms r1 reply received
137ms r1 handler starts
140ms r1 succeeded
`,
		cfg: func() models.Config {
			c := scenario(models.MQ)
			c.Broker.Delivery = models.AtMostOnce
			c.Server.Crash = &models.Crash{Uptime: ms(105), Downtime: ms(20)}
			c.Clients.Timeout = 20 * sim.Millisecond
			c.Clients.Retry.Attempts = 2
			return c
		}}, counts{"requests": 1, "succeeded": 1, "attempts": 2, "retries": 1, "timeouts": 1, "lost": 1}},
	// Each crash (12ms, 34ms) loses the request in service and the one
	// waiting behind it; a down server rejects (16ms, 21ms, 36ms).
	{scenarioCase{name: "callback: a crash loses work in service and waiting", seed: 1, horizon: 40 * sim.Millisecond,
		want: `
5ms r1 created by client 0
5ms r1 attempt 1 sent
6ms r1 attempt 1 service starts on server 0
10ms r2 created by client 0
10ms r2 attempt 1 sent
12ms server 0 crashed
12ms r1 attempt 1 lost in the crash
12ms r1 failed
12ms r2 attempt 1 lost in the crash (waiting)
12ms r2 failed
15ms r3 created by client 0
15ms r3 attempt 1 sent
16ms r3 attempt 1 rejected by server 0
18ms r3 attempt 1 error reply
18ms r3 failed
20ms r4 created by client 0
20ms r4 attempt 1 sent
21ms r4 attempt 1 rejected by server 0
22ms server 0 recovered
23ms r4 attempt 1 error reply
23ms r4 failed
25ms r5 created by client 0
25ms r5 attempt 1 sent
26ms r5 attempt 1 service starts on server 0
30ms r6 created by client 0
30ms r6 attempt 1 sent
34ms server 0 crashed
34ms r5 attempt 1 lost in the crash
34ms r5 failed
34ms r6 attempt 1 lost in the crash (waiting)
34ms r6 failed
35ms r7 created by client 0
35ms r7 attempt 1 sent
36ms r7 attempt 1 rejected by server 0
38ms r7 attempt 1 error reply
38ms r7 failed
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Clients.Arrival = ms(5)
			c.Server.Crash = &models.Crash{Uptime: ms(12), Downtime: ms(10)}
			return c
		}}, counts{"requests": 7, "failed": 7, "attempts": 7, "lost": 4, "rejected": 3}},
}
