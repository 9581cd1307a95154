package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestDeadlineDropsQueuedWork: one worker, 60ms of service, a request
// every 20ms with a 30ms timeout and deadline: true. r1 starts at once
// (21ms, before its deadline 50ms) and is served though its client gave
// up; r2 waits behind it and its deadline (70ms) passes before the worker
// frees at 81ms: the worker drops it unserved and goes on at once to r3
// (deadline 90ms), which it serves.
func TestDeadlineDropsQueuedWork(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(20)
	cfg.Server.Service = ms(60)
	cfg.Clients.Timeout = 30 * sim.Millisecond
	cfg.Clients.Deadline = true
	got, m := runLog(t, cfg, 1, 95*sim.Millisecond)
	checkLog(t, got, `
20ms r1 created by client 0
20ms r1 attempt 1 sent
21ms r1 attempt 1 service starts on server 0
40ms r2 created by client 0
40ms r2 attempt 1 sent
50ms r1 attempt 1 timed out
50ms r1 failed
60ms r3 created by client 0
60ms r3 attempt 1 sent
70ms r2 attempt 1 timed out
70ms r2 failed
80ms r4 created by client 0
80ms r4 attempt 1 sent
81ms r2 attempt 1 dropped by server 0: deadline passed (expired)
81ms r3 attempt 1 service starts on server 0
81ms r1 attempt 1 served
83ms r1 attempt 1 late reply discarded
90ms r3 attempt 1 timed out
90ms r3 failed
`)
	if m.Expired != 1 || m.Timeouts != 3 || m.Late != 1 || m.Failed != 3 {
		t.Errorf("expired %v timeouts %v late %v failed %v; want 1 3 1 3", m.Expired, m.Timeouts, m.Late, m.Failed)
	}
}

// TestDeadlineOffServesQueuedWork is the same model without deadline:
// r2 is served after r1, so the drop above is the deadline's doing.
func TestDeadlineOffServesQueuedWork(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(20)
	cfg.Server.Service = ms(60)
	cfg.Clients.Timeout = 30 * sim.Millisecond
	got, m := runLog(t, cfg, 1, 95*sim.Millisecond)
	checkLog(t, got, `
20ms r1 created by client 0
20ms r1 attempt 1 sent
21ms r1 attempt 1 service starts on server 0
40ms r2 created by client 0
40ms r2 attempt 1 sent
50ms r1 attempt 1 timed out
50ms r1 failed
60ms r3 created by client 0
60ms r3 attempt 1 sent
70ms r2 attempt 1 timed out
70ms r2 failed
80ms r4 created by client 0
80ms r4 attempt 1 sent
81ms r2 attempt 1 service starts on server 0
81ms r1 attempt 1 served
83ms r1 attempt 1 late reply discarded
90ms r3 attempt 1 timed out
90ms r3 failed
`)
	if m.Expired != 0 {
		t.Errorf("expired %v, want 0", m.Expired)
	}
}

// deadlineChain is clients → api → db with no network on the clients'
// hop: the clients' 100ms timeout with deadline: true reaches api at the
// request's creation, and api calls db (sync, 1ms each way, db's work
// 30ms) after work ms of its own.
func deadlineChain(work float64, dbTimeout sim.Duration) models.Config {
	db := hopTo("db", models.Sync)
	db.Timeout = dbTimeout
	cfg := graph(models.Callback,
		service("api", work, models.Step{Hops: []models.Hop{db}}),
		service("db", 30))
	cfg.Network.Send = ms(0)
	cfg.Clients.Timeout = 100 * sim.Millisecond
	cfg.Clients.Deadline = true
	return cfg
}

// TestDeadlinePropagates: api's work takes 80ms of the request's 100ms,
// so its call of db (whose hop sets no deadline, with a 50ms timeout of
// its own) gets the 20ms left: it times out at 400ms, with the clients'
// attempt, not at 430ms. db, which started before the deadline, still
// serves it.
func TestDeadlinePropagates(t *testing.T) {
	cfg := deadlineChain(80, 50*sim.Millisecond)
	cfg.Clients.Arrival = ms(300)
	got, m := runLog(t, cfg, 1, 599*sim.Millisecond)
	checkLog(t, got, `
300ms r1 created by client 0
300ms r1 attempt 1 sent
300ms r1 attempt 1 service starts on api 0
380ms r1 api>db attempt 1 sent
381ms r1 api>db attempt 1 service starts on db 0
400ms r1 attempt 1 timed out
400ms r1 failed
400ms r1 api>db attempt 1 timed out
400ms r1 attempt 1 calls failed
402ms r1 attempt 1 late reply discarded
411ms r1 api>db attempt 1 served
412ms r1 api>db attempt 1 late reply discarded
`)
	if got := graphValue(t, cfg, m, "call.api.db.timeouts"); m.Timeouts != 1 || got != 1 || m.Expired != 0 {
		t.Errorf("timeouts %v, api>db timeouts %v, expired %v; want 1 1 0", m.Timeouts, got, m.Expired)
	}
}

// TestDeadlinePropagatesWithoutTimeout: the db call has no timeout of its
// own; the deadline alone bounds it (without one the call would wait
// for db's reply at 412ms).
func TestDeadlinePropagatesWithoutTimeout(t *testing.T) {
	cfg := deadlineChain(80, 0)
	cfg.Clients.Arrival = ms(300)
	got, m := runLog(t, cfg, 1, 599*sim.Millisecond)
	checkLog(t, got, `
300ms r1 created by client 0
300ms r1 attempt 1 sent
300ms r1 attempt 1 service starts on api 0
380ms r1 api>db attempt 1 sent
381ms r1 api>db attempt 1 service starts on db 0
400ms r1 attempt 1 timed out
400ms r1 failed
400ms r1 api>db attempt 1 timed out
400ms r1 attempt 1 calls failed
402ms r1 attempt 1 late reply discarded
411ms r1 api>db attempt 1 served
412ms r1 api>db attempt 1 late reply discarded
`)
	if got := graphValue(t, cfg, m, "call.api.db.timeouts"); got != 1 {
		t.Errorf("api>db timeouts %v, want 1", got)
	}
}

// TestDeadlineNoTimeLeft: api's work (120ms) outlasts the request's 100ms,
// so when it would call db no time is left: the call fails at once without
// an attempt (expired), and api replies with an error nobody waits for.
func TestDeadlineNoTimeLeft(t *testing.T) {
	cfg := deadlineChain(120, 50*sim.Millisecond)
	cfg.Clients.Arrival = ms(300)
	got, m := runLog(t, cfg, 1, 599*sim.Millisecond)
	checkLog(t, got, `
300ms r1 created by client 0
300ms r1 attempt 1 sent
300ms r1 attempt 1 service starts on api 0
400ms r1 attempt 1 timed out
400ms r1 failed
420ms r1 api>db deadline passed: no attempt 1 sent (expired)
420ms r1 attempt 1 calls failed
422ms r1 attempt 1 late reply discarded
`)
	attempts := graphValue(t, cfg, m, "call.api.db.attempts")
	dbReq := graphValue(t, cfg, m, "service.db.requests")
	if m.Expired != 1 || attempts != 0 || dbReq != 0 {
		t.Errorf("expired %v, api>db attempts %v, db requests %v; want 1 0 0", m.Expired, attempts, dbReq)
	}
}

// TestDeadlineHopOwn: two clients each send a request at 300ms to api (2
// workers, 80ms of work), whose hop to db (one worker, 30ms) sets
// deadline: true with a 10ms timeout, sooner than the 20ms left of the
// clients' deadline: both db attempts carry 390ms. r2's waits behind r1's
// and is dropped by db at 411ms (db's expired); both calls time out at
// 390ms and api answers with errors.
func TestDeadlineHopOwn(t *testing.T) {
	cfg := deadlineChain(80, 10*sim.Millisecond)
	cfg.Services[0].Calls[0].Hops[0].Deadline = true
	cfg.Services[0].Workers = 2
	cfg.Clients.Count = 2
	cfg.Clients.Arrival = ms(300)
	got, m := runLog(t, cfg, 1, 599*sim.Millisecond)
	checkLog(t, got, `
300ms r1 created by client 0
300ms r1 attempt 1 sent
300ms r1 attempt 1 service starts on api 0
300ms r2 created by client 1
300ms r2 attempt 1 sent
300ms r2 attempt 1 service starts on api 0
380ms r1 api>db attempt 1 sent
380ms r2 api>db attempt 1 sent
381ms r1 api>db attempt 1 service starts on db 0
390ms r1 api>db attempt 1 timed out
390ms r1 attempt 1 calls failed
390ms r2 api>db attempt 1 timed out
390ms r2 attempt 1 calls failed
392ms r1 attempt 1 error reply
392ms r1 failed
392ms r2 attempt 1 error reply
392ms r2 failed
411ms r2 api>db attempt 1 dropped by db 0: deadline passed (expired)
411ms r1 api>db attempt 1 served
412ms r1 api>db attempt 1 late reply discarded
`)
	expired := graphValue(t, cfg, m, "service.db.expired")
	failed := graphValue(t, cfg, m, "service.db.failed")
	if m.Expired != 1 || expired != 1 || failed != 1 {
		t.Errorf("expired %v, db expired %v, db failed %v; want 1 1 1", m.Expired, expired, failed)
	}
}

// TestDeadlineBroker: the clients publish (mq, at-least-once) with a 30ms
// timeout and deadline: true to one consumer with 60ms of work, every
// 20ms. r2's message waits past its deadline (70ms): at 81ms the consumer
// drops it, removed from the broker and never redelivered, and takes r3.
// The broker holds 3 messages at most: r5's is accepted at 101ms (r3's
// and r4's are held) because r2's is gone.
func TestDeadlineBroker(t *testing.T) {
	cfg := scenario(models.MQ)
	cfg.Broker.Capacity = 3
	cfg.Clients.Arrival = ms(20)
	cfg.Server.Service = ms(60)
	cfg.Clients.Timeout = 30 * sim.Millisecond
	cfg.Clients.Deadline = true
	got, m := runLog(t, cfg, 1, 105*sim.Millisecond)
	checkLog(t, got, `
20ms r1 created by client 0
20ms r1 attempt 1 sent
21ms r1 attempt 1 published
21ms r1 attempt 1 delivery 1 to server 0
40ms r2 created by client 0
40ms r2 attempt 1 sent
41ms r2 attempt 1 published
50ms r1 attempt 1 timed out
50ms r1 failed
60ms r3 created by client 0
60ms r3 attempt 1 sent
61ms r3 attempt 1 published
70ms r2 attempt 1 timed out
70ms r2 failed
80ms r4 created by client 0
80ms r4 attempt 1 sent
81ms r1 attempt 1 consumed on server 0
81ms r2 attempt 1 dropped at delivery: deadline passed (expired)
81ms r3 attempt 1 delivery 1 to server 0
81ms r4 attempt 1 published
83ms r1 attempt 1 late reply discarded
90ms r3 attempt 1 timed out
90ms r3 failed
100ms r5 created by client 0
100ms r5 attempt 1 sent
101ms r5 attempt 1 published
`)
	if m.Expired != 1 || m.Rejected != 0 {
		t.Errorf("expired %v rejected %v; want 1 0", m.Expired, m.Rejected)
	}
}
