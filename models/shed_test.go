package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestQueueTimeout: one worker busy 50ms per request, a request every
// 10ms, queue_timeout 25ms. r1 holds the worker from 11 to 61ms; r2 and
// r3 wait from 21 and 31ms and are shed at 46 and 56ms with an error
// reply; r4, waiting since 41ms, gets the worker at 61ms, the withdrawn
// r2 and r3 skipped. r5 and r6 (51, 61ms) are shed at 76 and 86ms.
func TestQueueTimeout(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(50)
	cfg.Server.QueueTimeout = 25 * sim.Millisecond
	got, m := runLog(t, cfg, 1, 95*sim.Millisecond)
	checkLog(t, got, `
10ms r1 created by client 0
10ms r1 attempt 1 sent
11ms r1 attempt 1 service starts on server 0
20ms r2 created by client 0
20ms r2 attempt 1 sent
30ms r3 created by client 0
30ms r3 attempt 1 sent
40ms r4 created by client 0
40ms r4 attempt 1 sent
46ms r2 attempt 1 shed after waiting 25ms on server 0
48ms r2 attempt 1 error reply
48ms r2 failed
50ms r5 created by client 0
50ms r5 attempt 1 sent
56ms r3 attempt 1 shed after waiting 25ms on server 0
58ms r3 attempt 1 error reply
58ms r3 failed
60ms r6 created by client 0
60ms r6 attempt 1 sent
61ms r4 attempt 1 service starts on server 0
61ms r1 attempt 1 served
63ms r1 reply received
63ms r1 handler starts
66ms r1 succeeded
70ms r7 created by client 0
70ms r7 attempt 1 sent
76ms r5 attempt 1 shed after waiting 25ms on server 0
78ms r5 attempt 1 error reply
78ms r5 failed
80ms r8 created by client 0
80ms r8 attempt 1 sent
86ms r6 attempt 1 shed after waiting 25ms on server 0
88ms r6 attempt 1 error reply
88ms r6 failed
90ms r9 created by client 0
90ms r9 attempt 1 sent
`)
	if m.Shed != 4 || m.Failed != 4 || m.Rejected != 0 || m.Succeeded != 1 {
		t.Errorf("shed %v failed %v rejected %v succeeded %v; want 4 4 0 1", m.Shed, m.Failed, m.Rejected, m.Succeeded)
	}
	// Waiting: r7, r8, r9 from 71, 81, 91ms (the shed ones no longer
	// count): (24 + 14 + 4)ms of waiting over 95ms, plus r2..r6's waits
	// (25 + 25 + 20 + 25 + 25)ms.
	if want := (24.0 + 14 + 4 + 25 + 25 + 20 + 25 + 25) / 95; m.ServerQueueMean < want-1e-9 || m.ServerQueueMean > want+1e-9 {
		t.Errorf("server.queue.mean %v, want %v", m.ServerQueueMean, want)
	}
}

// TestQueueTimeoutService: in a graph, db's shed attempts count at db
// (shed and failed), and fail api's step.
func TestQueueTimeoutService(t *testing.T) {
	db := service("db", 50)
	db.QueueTimeout = 25 * sim.Millisecond
	cfg := every(graph(models.Callback, service("api", 1, hop("db", models.Callback)), db), 10)
	_, m := runLog(t, cfg, 1, 95*sim.Millisecond)
	for name, want := range map[string]float64{
		"service.db.requests": 9, "service.db.shed": 4, "service.db.failed": 4, "service.db.succeeded": 1,
		"service.api.failed": 4, "service.api.shed": 0,
	} {
		if v := graphValue(t, cfg, m, name); v != want {
			t.Errorf("%s = %v, want %v", name, v, want)
		}
	}
}

// TestQueueTimeoutCrash: the scenario of TestQueueTimeout with a crash
// at 70ms. r2 and r3, shed, are still in the waiting room's ring; the
// crash loses r4 (in service), r5 and r6 (waiting) only, and stops their
// queue timeouts: nothing is shed after the crash.
func TestQueueTimeoutCrash(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(50)
	cfg.Server.QueueTimeout = 25 * sim.Millisecond
	cfg.Server.Crash = &models.Crash{Uptime: ms(70), Downtime: ms(100)}
	got, m := runLog(t, cfg, 1, 95*sim.Millisecond)
	if m.Shed != 2 || m.Lost != 3 || m.Rejected != 3 {
		t.Errorf("shed %v lost %v rejected %v; want 2 3 3 (r7, r8, r9 reach the crashed server)\n%s", m.Shed, m.Lost, m.Rejected, got)
	}
}
