package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// service returns a one-instance service with a constant service time.
func service(name string, serviceMs float64, steps ...models.Step) models.Service {
	s := models.DefaultService(name)
	s.Service = ms(serviceMs)
	s.Calls = steps
	return s
}

// hop returns a step of one call to to under policy p, over a network of
// 1ms each way.
func hop(to string, p models.Policy) models.Step {
	return models.Step{Hops: []models.Hop{hopTo(to, p)}}
}

func hopTo(to string, p models.Policy) models.Hop {
	h := models.DefaultHop(to, models.Network{Send: ms(1), Reply: ms(1)})
	h.Policy = p
	return h
}

// graph is the scenario model (one client, a request every 100ms, send
// 1ms, reply 2ms, handler 3ms) calling a graph whose entry is the first
// service.
func graph(p models.Policy, services ...models.Service) models.Config {
	cfg := scenario(p)
	cfg.Services = services
	cfg.Clients.Calls = services[0].Name
	return cfg
}

// TestGraphScenarios compares the whole trace of hand-checked graph
// scenarios.
func TestGraphScenarios(t *testing.T) {
	for _, sc := range graphScenarios {
		t.Run(sc.name, func(t *testing.T) {
			got, _ := runLog(t, sc.cfg(), sc.seed, sc.horizon)
			checkLog(t, got, sc.want)
		})
	}
}

// every sets the time between requests.
func every(cfg models.Config, gap float64) models.Config {
	cfg.Clients.Arrival = ms(gap)
	return cfg
}

var graphScenarios = []scenarioCase{
	{name: "sync hop: the worker stays busy for the whole call", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>db attempt 1 sent
112ms r1 api>db attempt 1 service starts on db 0
132ms r1 api>db attempt 1 served
133ms r1 api>db reply received
133ms r1 attempt 1 served
135ms r1 reply received
135ms r1 handler starts
138ms r1 succeeded
`,
		cfg: func() models.Config {
			return graph(models.Callback,
				service("api", 10, hop("db", models.Sync)),
				service("db", 20))
		}},
	{name: "sync hop: the next request waits for the blocked worker", seed: 1, horizon: 80 * sim.Millisecond,
		want: `
20ms r1 created by client 0
20ms r1 attempt 1 sent
21ms r1 attempt 1 service starts on api 0
31ms r1 api>db attempt 1 sent
32ms r1 api>db attempt 1 service starts on db 0
40ms r2 created by client 0
40ms r2 attempt 1 sent
52ms r1 api>db attempt 1 served
53ms r1 api>db reply received
53ms r2 attempt 1 service starts on api 0
53ms r1 attempt 1 served
55ms r1 reply received
55ms r1 handler starts
58ms r1 succeeded
60ms r3 created by client 0
60ms r3 attempt 1 sent
63ms r2 api>db attempt 1 sent
64ms r2 api>db attempt 1 service starts on db 0
`,
		cfg: func() models.Config {
			return every(graph(models.Callback,
				service("api", 10, hop("db", models.Sync)),
				service("db", 20)), 20)
		}},
	{name: "callback hop: the worker is free while the call is out", seed: 1, horizon: 80 * sim.Millisecond,
		want: `
20ms r1 created by client 0
20ms r1 attempt 1 sent
21ms r1 attempt 1 service starts on api 0
31ms r1 api>db attempt 1 sent
32ms r1 api>db attempt 1 service starts on db 0
40ms r2 created by client 0
40ms r2 attempt 1 sent
41ms r2 attempt 1 service starts on api 0
51ms r2 api>db attempt 1 sent
52ms r1 api>db attempt 1 served
52ms r2 api>db attempt 1 service starts on db 0
53ms r1 api>db reply received
53ms r1 attempt 1 served
55ms r1 reply received
55ms r1 handler starts
58ms r1 succeeded
60ms r3 created by client 0
60ms r3 attempt 1 sent
61ms r3 attempt 1 service starts on api 0
71ms r3 api>db attempt 1 sent
72ms r2 api>db attempt 1 served
72ms r3 api>db attempt 1 service starts on db 0
73ms r2 api>db reply received
73ms r2 attempt 1 served
75ms r2 reply received
75ms r2 handler starts
78ms r2 succeeded
`,
		cfg: func() models.Config {
			return every(graph(models.Callback,
				service("api", 10, hop("db", models.Callback)),
				service("db", 20)), 20)
		}},
	{name: "parallel any: the slower call is abandoned, its reply late", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>fast attempt 1 sent
111ms r1 api>slow attempt 1 sent
112ms r1 api>fast attempt 1 service starts on fast 0
112ms r1 api>slow attempt 1 service starts on slow 0
117ms r1 api>fast attempt 1 served
118ms r1 api>fast reply received
118ms r1 api>slow abandoned
118ms r1 attempt 1 served
120ms r1 reply received
120ms r1 handler starts
123ms r1 succeeded
132ms r1 api>slow attempt 1 served
133ms r1 api>slow attempt 1 late reply discarded
`,
		cfg: func() models.Config {
			return graph(models.Callback,
				service("api", 10, models.Step{Parallel: true, Wait: 1, Hops: []models.Hop{hopTo("fast", models.Callback), hopTo("slow", models.Callback)}}),
				service("fast", 5), service("slow", 20))
		}},
	{name: "parallel all: the first failure fails the group at once", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>bad attempt 1 sent
111ms r1 api>slow attempt 1 sent
112ms r1 api>bad attempt 1 service starts on bad 0
112ms r1 api>slow attempt 1 service starts on slow 0
117ms r1 api>bad attempt 1 server error
118ms r1 api>bad attempt 1 error reply
118ms r1 api>slow abandoned
118ms r1 attempt 1 calls failed
120ms r1 attempt 1 error reply
120ms r1 failed
132ms r1 api>slow attempt 1 served
133ms r1 api>slow attempt 1 late reply discarded
`,
		cfg: func() models.Config {
			bad := service("bad", 5)
			bad.Error = 1
			return graph(models.Callback,
				service("api", 10, models.Step{Parallel: true, Hops: []models.Hop{hopTo("bad", models.Sync), hopTo("slow", models.Sync)}}),
				bad, service("slow", 20))
		}},
	{name: "errors propagate: a hop retries, then the client retries", seed: 1, horizon: 200 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>db attempt 1 sent
112ms r1 api>db attempt 1 service starts on db 0
117ms r1 api>db attempt 1 server error
118ms r1 api>db attempt 1 error reply
118ms r1 api>db attempt 2 sent
119ms r1 api>db attempt 2 service starts on db 0
124ms r1 api>db attempt 2 server error
125ms r1 api>db attempt 2 error reply
125ms r1 attempt 1 calls failed
127ms r1 attempt 1 error reply
127ms r1 attempt 2 sent
128ms r1 attempt 2 service starts on api 0
138ms r1 api>db attempt 1 sent
139ms r1 api>db attempt 1 service starts on db 0
144ms r1 api>db attempt 1 server error
145ms r1 api>db attempt 1 error reply
145ms r1 api>db attempt 2 sent
146ms r1 api>db attempt 2 service starts on db 0
151ms r1 api>db attempt 2 server error
152ms r1 api>db attempt 2 error reply
152ms r1 attempt 2 calls failed
154ms r1 attempt 2 error reply
154ms r1 failed
`,
		cfg: func() models.Config {
			db := service("db", 5)
			db.Error = 1
			h := hopTo("db", models.Sync)
			h.Retry.Attempts = 2
			cfg := graph(models.Callback,
				service("api", 10, models.Step{Hops: []models.Hop{h}}), db)
			cfg.Clients.Retry.Attempts = 2
			return cfg
		}},
	{name: "on_error ignore: a fallback, the request succeeds", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>db attempt 1 sent
112ms r1 api>db attempt 1 service starts on db 0
117ms r1 api>db attempt 1 server error
118ms r1 api>db attempt 1 error reply
118ms r1 api>db fallback
118ms r1 attempt 1 served
120ms r1 reply received
120ms r1 handler starts
123ms r1 succeeded
`,
		cfg: func() models.Config {
			db := service("db", 5)
			db.Error = 1
			h := hopTo("db", models.Sync)
			h.OnError = models.Ignore
			return graph(models.Callback,
				service("api", 10, models.Step{Hops: []models.Hop{h}}), db)
		}},
	{name: "mq reply false: fire and forget through the callee's broker", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>audit attempt 1 sent
111ms r1 api>db attempt 1 sent
112ms r1 api>audit attempt 1 published
112ms r1 api>audit attempt 1 delivery 1 to audit 0
112ms r1 api>db attempt 1 service starts on db 0
117ms r1 api>db attempt 1 served
118ms r1 api>db reply received
118ms r1 attempt 1 served
120ms r1 reply received
120ms r1 handler starts
123ms r1 succeeded
142ms r1 api>audit attempt 1 consumed on audit 0
`,
		cfg: func() models.Config {
			h := hopTo("audit", models.MQ)
			h.Reply = false
			return graph(models.Callback,
				service("api", 10, models.Step{Hops: []models.Hop{h}}, hop("db", models.Sync)),
				service("audit", 30), service("db", 5))
		}},
	{name: "mq hop with reply: the worker is free, the reply comes through the consumer", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>db attempt 1 sent
112ms r1 api>db attempt 1 published
112ms r1 api>db attempt 1 delivery 1 to db 0
117ms r1 api>db attempt 1 consumed on db 0
118ms r1 api>db reply received
118ms r1 attempt 1 served
120ms r1 reply received
120ms r1 handler starts
123ms r1 succeeded
`,
		cfg: func() models.Config {
			return graph(models.Callback,
				service("api", 10, hop("db", models.MQ)),
				service("db", 5))
		}},
	{name: "crash: a worker blocked in a sync call is lost with its call", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>db attempt 1 sent
112ms r1 api>db attempt 1 service starts on db 0
120ms api 0 crashed
120ms r1 attempt 1 lost in the crash
120ms r1 api>db abandoned
132ms r1 api>db attempt 1 served
133ms r1 api>db attempt 1 late reply discarded
140ms r1 attempt 1 timed out
140ms r1 failed
`,
		cfg: func() models.Config {
			api := service("api", 10, hop("db", models.Sync))
			api.Crash = &models.Crash{Uptime: ms(120), Downtime: ms(50)}
			cfg := graph(models.Callback, api, service("db", 20))
			cfg.Clients.Timeout = 40 * sim.Millisecond
			return cfg
		}},
	{name: "hop timeout: the call fails, the slow reply is late", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>db attempt 1 sent
112ms r1 api>db attempt 1 service starts on db 0
121ms r1 api>db attempt 1 timed out
121ms r1 attempt 1 calls failed
123ms r1 attempt 1 error reply
123ms r1 failed
132ms r1 api>db attempt 1 served
133ms r1 api>db attempt 1 late reply discarded
`,
		cfg: func() models.Config {
			h := hopTo("db", models.Sync)
			h.Timeout = 10 * sim.Millisecond
			return graph(models.Callback,
				service("api", 10, models.Step{Hops: []models.Hop{h}}), service("db", 20))
		}},
}
