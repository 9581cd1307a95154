package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestBrokerTTL: policy mq, one consumer busy 30ms per message, a request
// every 10ms (published at 11, 21, 31, ... ms), ttl 25ms. r1 is delivered
// at once; when it is done (41ms) r2 is 20ms old: delivered. At 71ms r3
// (40ms old) and r4 (30ms) expire, r5 (20ms) is delivered; at 101ms r6
// and r7 expire and r8 is delivered; at 131ms r9 and r10. Nothing is
// replied to an expired message: its caller's timeout (100ms) fires, r3's
// at 130ms.
func TestBrokerTTL(t *testing.T) {
	cfg := scenario(models.MQ)
	cfg.Clients.Arrival = ms(10)
	cfg.Clients.Timeout = 100 * sim.Millisecond
	cfg.Server.Service = ms(30)
	cfg.Broker.TTL = 25 * sim.Millisecond
	got, m := runLog(t, cfg, 1, 135*sim.Millisecond)
	checkLog(t, got, `
10ms r1 created by client 0
10ms r1 attempt 1 sent
11ms r1 attempt 1 published
11ms r1 attempt 1 delivery 1 to server 0
20ms r2 created by client 0
20ms r2 attempt 1 sent
21ms r2 attempt 1 published
30ms r3 created by client 0
30ms r3 attempt 1 sent
31ms r3 attempt 1 published
40ms r4 created by client 0
40ms r4 attempt 1 sent
41ms r1 attempt 1 consumed on server 0
41ms r2 attempt 1 delivery 1 to server 0
41ms r4 attempt 1 published
43ms r1 reply received
43ms r1 handler starts
46ms r1 succeeded
50ms r5 created by client 0
50ms r5 attempt 1 sent
51ms r5 attempt 1 published
60ms r6 created by client 0
60ms r6 attempt 1 sent
61ms r6 attempt 1 published
70ms r7 created by client 0
70ms r7 attempt 1 sent
71ms r2 attempt 1 consumed on server 0
71ms r3 attempt 1 expired in the broker: 40ms old, ttl 25ms
71ms r4 attempt 1 expired in the broker: 30ms old, ttl 25ms
71ms r5 attempt 1 delivery 1 to server 0
71ms r7 attempt 1 published
73ms r2 reply received
73ms r2 handler starts
76ms r2 succeeded
80ms r8 created by client 0
80ms r8 attempt 1 sent
81ms r8 attempt 1 published
90ms r9 created by client 0
90ms r9 attempt 1 sent
91ms r9 attempt 1 published
100ms r10 created by client 0
100ms r10 attempt 1 sent
101ms r5 attempt 1 consumed on server 0
101ms r6 attempt 1 expired in the broker: 40ms old, ttl 25ms
101ms r7 attempt 1 expired in the broker: 30ms old, ttl 25ms
101ms r8 attempt 1 delivery 1 to server 0
101ms r10 attempt 1 published
103ms r5 reply received
103ms r5 handler starts
106ms r5 succeeded
110ms r11 created by client 0
110ms r11 attempt 1 sent
111ms r11 attempt 1 published
120ms r12 created by client 0
120ms r12 attempt 1 sent
121ms r12 attempt 1 published
130ms r3 attempt 1 timed out
130ms r3 failed
130ms r13 created by client 0
130ms r13 attempt 1 sent
131ms r8 attempt 1 consumed on server 0
131ms r9 attempt 1 expired in the broker: 40ms old, ttl 25ms
131ms r10 attempt 1 expired in the broker: 30ms old, ttl 25ms
131ms r11 attempt 1 delivery 1 to server 0
131ms r13 attempt 1 published
133ms r8 reply received
133ms r8 handler starts
`)
	if m.Expired != 6 || m.Timeouts != 1 || m.DeadLetters != 0 {
		t.Errorf("expired %v timeouts %v dead_letters %v, want 6 1 0", m.Expired, m.Timeouts, m.DeadLetters)
	}
}

// TestBrokerTTLService: in a graph, the messages db's broker drops count
// at db: expired and failed, not succeeded.
func TestBrokerTTLService(t *testing.T) {
	db := service("db", 30)
	db.Broker.TTL = 25 * sim.Millisecond
	callDB := hopTo("db", models.MQ)
	callDB.Timeout = 100 * sim.Millisecond
	cfg := every(graph(models.Callback, service("api", 1, models.Step{Hops: []models.Hop{callDB}}), db), 10)
	_, m := runLog(t, cfg, 1, 135*sim.Millisecond)
	for name, want := range map[string]float64{"service.db.expired": 6, "service.db.failed": 6, "service.api.expired": 0} {
		if v := graphValue(t, cfg, m, name); v != want {
			t.Errorf("%s = %v, want %v", name, v, want)
		}
	}
}
