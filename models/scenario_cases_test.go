package models_test

import (
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// scenarioCase is one hand-checked scenario: its whole trace is compared.
type scenarioCase struct {
	name    string
	cfg     func() models.Config
	seed    uint64
	horizon sim.Duration
	want    string
}

var scenarios = []scenarioCase{
	{name: "sync: one request, handler on the blocked thread", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 served
113ms r1 reply received
116ms r1 succeeded
`,
		cfg: func() models.Config { return scenario(models.Sync) }},
	{name: "sync: requests wait for the only thread", seed: 1, horizon: 40 * sim.Millisecond,
		want: `
5ms r1 created by client 0
5ms r1 attempt 1 sent
6ms r1 attempt 1 service starts on server 0
10ms r2 created by client 0
15ms r3 created by client 0
16ms r1 attempt 1 served
18ms r1 reply received
20ms r4 created by client 0
21ms r1 succeeded
21ms r2 attempt 1 sent
22ms r2 attempt 1 service starts on server 0
25ms r5 created by client 0
30ms r6 created by client 0
32ms r2 attempt 1 served
34ms r2 reply received
35ms r7 created by client 0
37ms r2 succeeded
37ms r3 attempt 1 sent
38ms r3 attempt 1 service starts on server 0
`,
		cfg: func() models.Config {
			c := scenario(models.Sync)
			c.Clients.Arrival = ms(5)
			return c
		}},
	{name: "callback: sends never block, replies queue for the one loop", seed: 1, horizon: 45 * sim.Millisecond,
		want: `
5ms r1 created by client 0
5ms r1 attempt 1 sent
6ms r1 attempt 1 service starts on server 0
10ms r2 created by client 0
10ms r2 attempt 1 sent
15ms r3 created by client 0
15ms r3 attempt 1 sent
16ms r2 attempt 1 service starts on server 0
16ms r1 attempt 1 served
18ms r1 reply received
18ms r1 handler starts
20ms r4 created by client 0
20ms r4 attempt 1 sent
25ms r5 created by client 0
25ms r5 attempt 1 sent
26ms r3 attempt 1 service starts on server 0
26ms r2 attempt 1 served
28ms r2 reply received
30ms r6 created by client 0
30ms r6 attempt 1 sent
35ms r7 created by client 0
35ms r7 attempt 1 sent
36ms r4 attempt 1 service starts on server 0
36ms r3 attempt 1 served
38ms r2 handler starts
38ms r1 succeeded
38ms r3 reply received
40ms r8 created by client 0
40ms r8 attempt 1 sent
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Clients.Arrival = ms(5)
			c.Handler.Time = ms(20)
			return c
		}},
	{name: "event: two listeners run one after another", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 served
113ms r1 reply received
113ms r1 handler starts
119ms r1 succeeded
`,
		cfg: func() models.Config {
			c := scenario(models.Event)
			c.Handler.Listeners = 2
			return c
		}},
	{name: "mq: publish, deliver, consume, reply", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 published
101ms r1 attempt 1 delivery 1 to server 0
111ms r1 attempt 1 consumed on server 0
113ms r1 reply received
113ms r1 handler starts
116ms r1 succeeded
`,
		cfg: func() models.Config { return scenario(models.MQ) }},
	{name: "lost request without timeout fails at once", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
100ms r1 attempt 1 request lost
100ms r1 failed
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Network.Loss = 0.5
			return c
		}},
	{name: "lost reply without timeout fails at the moment of loss", seed: 2, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 served
111ms r1 attempt 1 reply lost
111ms r1 failed
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Network.Loss = 0.5
			return c
		}},
	{name: "lost reply with timeout is retried", seed: 2, horizon: 200 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 served
111ms r1 attempt 1 reply lost
120ms r1 attempt 1 timed out
120ms r1 attempt 2 sent
121ms r1 attempt 2 service starts on server 0
131ms r1 attempt 2 served
133ms r1 reply received
133ms r1 handler starts
136ms r1 succeeded
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Network.Loss = 0.5
			c.Clients.Timeout = 20 * sim.Millisecond
			c.Clients.Retry.Attempts = 3
			return c
		}},
	{name: "every attempt lost: the last timeout fails the request", seed: 3, horizon: 200 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
100ms r1 attempt 1 request lost
120ms r1 attempt 1 timed out
120ms r1 attempt 2 sent
120ms r1 attempt 2 request lost
140ms r1 attempt 2 timed out
140ms r1 attempt 3 sent
140ms r1 attempt 3 request lost
160ms r1 attempt 3 timed out
160ms r1 failed
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Network.Loss = 0.5
			c.Clients.Timeout = 20 * sim.Millisecond
			c.Clients.Retry.Attempts = 3
			return c
		}},
	{name: "server errors retried with exponential backoff", seed: 7, horizon: 200 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 server error
113ms r1 attempt 1 error reply
113ms r1 backoff 5ms
118ms r1 attempt 2 sent
119ms r1 attempt 2 service starts on server 0
129ms r1 attempt 2 server error
131ms r1 attempt 2 error reply
131ms r1 backoff 10ms
141ms r1 attempt 3 sent
142ms r1 attempt 3 service starts on server 0
152ms r1 attempt 3 served
154ms r1 reply received
157ms r1 succeeded
`,
		cfg: func() models.Config {
			c := scenario(models.Sync)
			c.Server.Error = 0.5
			c.Clients.Retry = models.Retry{Attempts: 3, Backoff: ms(5), Multiplier: 2}
			return c
		}},
	{name: "timeout shorter than the response: late replies discarded", seed: 1, horizon: 200 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 served
112ms r1 attempt 1 timed out
112ms r1 attempt 2 sent
113ms r1 attempt 1 late reply discarded
113ms r1 attempt 2 service starts on server 0
123ms r1 attempt 2 served
124ms r1 attempt 2 timed out
124ms r1 failed
125ms r1 attempt 2 late reply discarded
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Clients.Timeout = 12 * sim.Millisecond
			c.Clients.Retry.Attempts = 2
			return c
		}},
	{name: "mq at-least-once: consumer crash, redelivery after the ack timeout", seed: 1, horizon: 160 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 published
101ms r1 attempt 1 delivery 1 to server 0
105ms server 0 crashed
105ms r1 attempt 1 delivery 1 lost in the crash
125ms server 0 recovered
131ms r1 attempt 1 ack timeout
131ms r1 attempt 1 redelivered
131ms r1 attempt 1 delivery 2 to server 0
141ms r1 attempt 1 consumed on server 0
143ms r1 reply received
143ms r1 handler starts
146ms r1 succeeded
`,
		cfg: func() models.Config {
			c := scenario(models.MQ)
			c.Server.Crash = &models.Crash{Uptime: ms(105), Downtime: ms(20)}
			c.Broker.AckTimeout = 30 * sim.Millisecond
			return c
		}},
	{name: "mq at-least-once: slow ack makes a duplicate", seed: 1, horizon: 160 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 published
101ms r1 attempt 1 delivery 1 to server 0
106ms r1 attempt 1 ack timeout
106ms r1 attempt 1 redelivered
106ms r1 attempt 1 delivery 2 to server 0
111ms r1 attempt 1 consumed on server 0
113ms r1 reply received
113ms r1 handler starts
116ms r1 attempt 1 consumed on server 0
116ms r1 attempt 1 processed again (duplicate)
116ms r1 succeeded
118ms r1 attempt 1 extra reply discarded
`,
		cfg: func() models.Config {
			c := scenario(models.MQ)
			c.Server.Workers = 2
			c.Broker.AckTimeout = 5 * sim.Millisecond
			return c
		}},
	{name: "mq at-least-once: dead letter after max deliveries", seed: 1, horizon: 160 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 published
101ms r1 attempt 1 delivery 1 to server 0
111ms r1 attempt 1 consumer error
111ms r1 attempt 1 redelivered
111ms r1 attempt 1 delivery 2 to server 0
121ms r1 attempt 1 consumer error
121ms r1 attempt 1 redelivered
121ms r1 attempt 1 delivery 3 to server 0
131ms r1 attempt 1 consumer error
131ms r1 attempt 1 dead-lettered
131ms r1 failed
`,
		cfg: func() models.Config {
			c := scenario(models.MQ)
			c.Server.Error = 1
			c.Broker.MaxDeliveries = 3
			return c
		}},
	{name: "mq at-most-once: a consumer error loses the message", seed: 1, horizon: 160 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 published
101ms r1 attempt 1 delivery 1 to server 0
111ms r1 attempt 1 consumer error
111ms r1 failed
`,
		cfg: func() models.Config {
			c := scenario(models.MQ)
			c.Server.Error = 1
			c.Broker.Delivery = models.AtMostOnce
			return c
		}},
	{name: "full server queue rejects", seed: 1, horizon: 30 * sim.Millisecond,
		want: `
4ms r1 created by client 0
4ms r1 attempt 1 sent
5ms r1 attempt 1 service starts on server 0
8ms r2 created by client 0
8ms r2 attempt 1 sent
12ms r3 created by client 0
12ms r3 attempt 1 sent
13ms r3 attempt 1 rejected by server 0
15ms r2 attempt 1 service starts on server 0
15ms r1 attempt 1 served
15ms r3 attempt 1 error reply
15ms r3 failed
16ms r4 created by client 0
16ms r4 attempt 1 sent
17ms r1 reply received
17ms r1 succeeded
20ms r5 created by client 0
20ms r5 attempt 1 sent
21ms r5 attempt 1 rejected by server 0
23ms r5 attempt 1 error reply
23ms r5 failed
24ms r6 created by client 0
24ms r6 attempt 1 sent
25ms r4 attempt 1 service starts on server 0
25ms r2 attempt 1 served
27ms r2 reply received
27ms r2 succeeded
28ms r7 created by client 0
28ms r7 attempt 1 sent
29ms r7 attempt 1 rejected by server 0
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Clients.Arrival = ms(4)
			c.Server.Capacity = 1
			c.Handler.Time = ms(0)
			return c
		}},
	{name: "server down rejects; crash loses work in service", seed: 1, horizon: 140 * sim.Millisecond,
		want: `
50ms r1 created by client 0
50ms r1 attempt 1 sent
51ms r1 attempt 1 service starts on server 0
55ms server 0 crashed
55ms r1 attempt 1 lost in the crash
80ms r1 attempt 1 timed out
80ms r1 failed
100ms r2 created by client 0
100ms r2 attempt 1 sent
101ms r2 attempt 1 rejected by server 0
103ms r2 attempt 1 error reply
103ms r2 failed
105ms server 0 recovered
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Clients.Arrival = ms(50)
			c.Server.Crash = &models.Crash{Uptime: ms(55), Downtime: ms(50)}
			c.Clients.Timeout = 30 * sim.Millisecond
			return c
		}},
	{name: "handler error is never retried", seed: 1, horizon: 150 * sim.Millisecond,
		want: `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 served
113ms r1 reply received
113ms r1 handler starts
116ms r1 handler error
116ms r1 failed
`,
		cfg: func() models.Config {
			c := scenario(models.Callback)
			c.Handler.Error = 1
			c.Clients.Retry.Attempts = 3
			return c
		}},
}
