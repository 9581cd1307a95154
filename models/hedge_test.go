package models_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// hedged is the scenario model (send 1ms, reply 2ms, handler 3ms) with
// two instances of one worker, 30ms of service and hedging after 10ms
// with at most max copies.
func hedged(max int) models.Config {
	cfg := scenario(models.Callback)
	cfg.Server.Count = 2
	cfg.Server.Service = ms(30)
	cfg.Clients.Hedge = &models.Hedge{After: 10 * sim.Millisecond, Max: max}
	return cfg
}

// TestHedgeFirstWins: two clients send at 100ms, r1 to server 0 and r2 to
// server 1. Their copies go at 110ms; round-robin picks server 0 for r1's
// copy, which holds r1's first copy, so it goes to server 1, and r2's
// copy to server 0 the same way. The first copies reply at 133ms and win;
// the copies, served after them, reply late at 163ms.
func TestHedgeFirstWins(t *testing.T) {
	cfg := hedged(2)
	cfg.Clients.Count = 2
	got, m := runLog(t, cfg, 1, 199*sim.Millisecond)
	checkLog(t, got, `
100ms r1 created by client 0
100ms r1 attempt 1 sent
100ms r2 created by client 1
100ms r2 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
101ms r2 attempt 1 service starts on server 1
110ms r1 hedge: copy 2 of attempt 1 sent
110ms r2 hedge: copy 2 of attempt 1 sent
131ms r2 attempt 1 service starts on server 0
131ms r1 attempt 1 served
131ms r1 attempt 1 service starts on server 1
131ms r2 attempt 1 served
133ms r1 reply received from copy 1
133ms r1 handler starts
133ms r2 reply received from copy 1
133ms r2 handler starts
136ms r1 succeeded
136ms r2 succeeded
161ms r2 attempt 1 served
161ms r1 attempt 1 served
163ms r2 attempt 1 late reply discarded
163ms r1 attempt 1 late reply discarded
`)
	if m.Hedges != 2 || m.Attempts != 2 || m.Late != 2 || m.Succeeded != 2 || m.ReceiveMean != 0.032 {
		t.Errorf("hedges %v attempts %v late %v succeeded %v receive %v; want 2 2 2 2 0.032",
			m.Hedges, m.Attempts, m.Late, m.Succeeded, m.ReceiveMean)
	}
}

// TestHedgeCopyWins: one service db of two instances balanced at random
// (seed 3 draws the instances seen below), a request every 25ms. r2's
// first copy (51ms) goes to db 0, busy with r1's copy until 66ms; its
// copy (60ms) goes to db 1, free since 56ms, and wins at 93ms; the first
// copy's reply (98ms) is late. r2's Send delay is 11ms (created 50ms,
// its winning copy reached db at 61ms), its Receive 32ms.
func TestHedgeCopyWins(t *testing.T) {
	db := service("db", 30)
	db.Instances = 2
	db.Balance = models.Random
	cfg := graph(models.Callback, db)
	cfg.Clients.Arrival = ms(25)
	cfg.Clients.Hedge = &models.Hedge{After: 10 * sim.Millisecond, Max: 2}
	var r2 models.Record
	var b strings.Builder
	_, err := models.RunWith(cfg, distributions.NewStreams(3, 0), sim.Time(99*sim.Millisecond), 0, models.Options{
		Trace: func(at sim.Time, what string) { fmt.Fprintf(&b, "%v %s\n", at, what) },
		Done: func(r models.Record) {
			if r.ID == 2 {
				r2 = r
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, b.String(), `
25ms r1 created by client 0
25ms r1 attempt 1 sent
26ms r1 attempt 1 service starts on db 1
35ms r1 hedge: copy 2 of attempt 1 sent
36ms r1 attempt 1 service starts on db 0
50ms r2 created by client 0
50ms r2 attempt 1 sent
56ms r1 attempt 1 served
58ms r1 reply received from copy 1
58ms r1 handler starts
60ms r2 hedge: copy 2 of attempt 1 sent
61ms r1 succeeded
61ms r2 attempt 1 service starts on db 1
66ms r2 attempt 1 service starts on db 0
66ms r1 attempt 1 served
68ms r1 attempt 1 late reply discarded
75ms r3 created by client 0
75ms r3 attempt 1 sent
85ms r3 hedge: copy 2 of attempt 1 sent
91ms r3 attempt 1 service starts on db 1
91ms r2 attempt 1 served
93ms r2 reply received from copy 2
93ms r2 handler starts
96ms r3 attempt 1 service starts on db 0
96ms r2 attempt 1 served
96ms r2 succeeded
98ms r2 attempt 1 late reply discarded
`)
	at := func(n int) sim.Time { return sim.Time(n) * sim.Time(sim.Millisecond) }
	if r2.T1 != at(61) || r2.T2 != at(93) || r2.T3 != at(96) {
		t.Errorf("r2: t1 %v t2 %v t3 %v; want 61ms 93ms 96ms", r2.T1, r2.T2, r2.T3)
	}
}

// TestHedgeErrors: every service ends in an error and the hedge delay
// (50ms) never passes: each error reply sends the next copy at once, to
// the next instance, and the request fails when its third and last copy
// fails too.
func TestHedgeErrors(t *testing.T) {
	cfg := hedged(3)
	cfg.Clients.Arrival = ms(300)
	cfg.Clients.Hedge.After = 50 * sim.Millisecond
	cfg.Server.Error = 1
	got, m := runLog(t, cfg, 1, 599*sim.Millisecond)
	checkLog(t, got, `
300ms r1 created by client 0
300ms r1 attempt 1 sent
301ms r1 attempt 1 service starts on server 0
331ms r1 attempt 1 server error
333ms r1 attempt 1 copy 1 error reply
333ms r1 hedge: copy 2 of attempt 1 sent
334ms r1 attempt 1 service starts on server 1
364ms r1 attempt 1 server error
366ms r1 attempt 1 copy 2 error reply
366ms r1 hedge: copy 3 of attempt 1 sent
367ms r1 attempt 1 service starts on server 0
397ms r1 attempt 1 server error
399ms r1 attempt 1 copy 3 error reply
399ms r1 failed
`)
	if m.Hedges != 2 || m.Attempts != 1 || m.Errors != 3 || m.Failed != 1 || m.Late != 0 {
		t.Errorf("hedges %v attempts %v errors %v failed %v late %v; want 2 1 3 1 0", m.Hedges, m.Attempts, m.Errors, m.Failed, m.Late)
	}
}

// TestHedgeErrorWaits: three clients at 100ms, instances of one worker
// and a waiting room of one. Copies rejected by full instances send the
// next copy at once; when no copy remains the request waits for the
// copies still out: r1's third copy (120ms) finds both instances holding
// one of its copies and goes to the balance's pick, server 0, full; r1
// then still gets the reply of its first copy (133ms), and its second
// copy's reply is late. All three succeed.
func TestHedgeErrorWaits(t *testing.T) {
	cfg := hedged(3)
	cfg.Clients.Count = 3
	cfg.Server.Capacity = 1
	got, m := runLog(t, cfg, 1, 199*sim.Millisecond)
	checkLog(t, got, `
100ms r1 created by client 0
100ms r1 attempt 1 sent
100ms r2 created by client 1
100ms r2 attempt 1 sent
100ms r3 created by client 2
100ms r3 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
101ms r2 attempt 1 service starts on server 1
110ms r1 hedge: copy 2 of attempt 1 sent
110ms r2 hedge: copy 2 of attempt 1 sent
110ms r3 hedge: copy 2 of attempt 1 sent
111ms r2 attempt 1 rejected by server 0
111ms r3 attempt 1 rejected by server 1
113ms r2 attempt 1 copy 2 error reply
113ms r2 hedge: copy 3 of attempt 1 sent
113ms r3 attempt 1 copy 2 error reply
113ms r3 hedge: copy 3 of attempt 1 sent
114ms r2 attempt 1 rejected by server 0
114ms r3 attempt 1 rejected by server 1
116ms r2 attempt 1 copy 3 error reply
116ms r3 attempt 1 copy 3 error reply
120ms r1 hedge: copy 3 of attempt 1 sent
121ms r1 attempt 1 rejected by server 0
123ms r1 attempt 1 copy 3 error reply
131ms r3 attempt 1 service starts on server 0
131ms r1 attempt 1 served
131ms r1 attempt 1 service starts on server 1
131ms r2 attempt 1 served
133ms r1 reply received from copy 1
133ms r1 handler starts
133ms r2 reply received from copy 1
133ms r2 handler starts
136ms r1 succeeded
136ms r2 succeeded
161ms r3 attempt 1 served
161ms r1 attempt 1 served
163ms r3 reply received from copy 1
163ms r3 handler starts
163ms r1 attempt 1 late reply discarded
166ms r3 succeeded
`)
	if m.Hedges != 6 || m.Rejected != 5 || m.Succeeded != 3 || m.Late != 1 {
		t.Errorf("hedges %v rejected %v succeeded %v late %v; want 6 5 3 1", m.Hedges, m.Rejected, m.Succeeded, m.Late)
	}
}

// TestHedgeTimeout: the 25ms timeout covers the whole attempt: at 125ms
// it gives up all three copies (the third, with both instances holding a
// copy, waits behind the first on server 0), and each copy's reply is
// late once.
func TestHedgeTimeout(t *testing.T) {
	cfg := hedged(3)
	cfg.Clients.Timeout = 25 * sim.Millisecond
	got, m := runLog(t, cfg, 1, 199*sim.Millisecond)
	checkLog(t, got, `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
110ms r1 hedge: copy 2 of attempt 1 sent
111ms r1 attempt 1 service starts on server 1
120ms r1 hedge: copy 3 of attempt 1 sent
125ms r1 attempt 1 timed out
125ms r1 failed
131ms r1 attempt 1 service starts on server 0
131ms r1 attempt 1 served
133ms r1 attempt 1 late reply discarded
141ms r1 attempt 1 served
143ms r1 attempt 1 late reply discarded
161ms r1 attempt 1 served
163ms r1 attempt 1 late reply discarded
`)
	if m.Hedges != 2 || m.Timeouts != 1 || m.Late != 3 || m.Failed != 1 {
		t.Errorf("hedges %v timeouts %v late %v failed %v; want 2 1 3 1", m.Hedges, m.Timeouts, m.Late, m.Failed)
	}
}

// TestHedgeGraphHop: api's call of db (two instances) is hedged after
// 10ms: the copy goes to db 1, the first copy wins at 143ms and the
// copy's reply is late; hedges and late count for the hop (and hedges for
// the run).
func TestHedgeGraphHop(t *testing.T) {
	h := hopTo("db", models.Callback)
	h.Hedge = &models.Hedge{After: 10 * sim.Millisecond, Max: 2}
	db := service("db", 30)
	db.Instances = 2
	cfg := graph(models.Callback, service("api", 10, models.Step{Hops: []models.Hop{h}}), db)
	got, m := runLog(t, cfg, 1, 199*sim.Millisecond)
	checkLog(t, got, `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on api 0
111ms r1 api>db attempt 1 sent
112ms r1 api>db attempt 1 service starts on db 0
121ms r1 api>db hedge: copy 2 of attempt 1 sent
122ms r1 api>db attempt 1 service starts on db 1
142ms r1 api>db attempt 1 served
143ms r1 api>db reply received from copy 1
143ms r1 attempt 1 served
145ms r1 reply received
145ms r1 handler starts
148ms r1 succeeded
152ms r1 api>db attempt 1 served
153ms r1 api>db attempt 1 late reply discarded
`)
	hedges := graphValue(t, cfg, m, "call.api.db.hedges")
	late := graphValue(t, cfg, m, "call.api.db.late")
	attempts := graphValue(t, cfg, m, "call.api.db.attempts")
	dbReq := graphValue(t, cfg, m, "service.db.requests")
	if m.Hedges != 1 || hedges != 1 || late != 1 || attempts != 1 || dbReq != 2 || m.Late != 0 {
		t.Errorf("run hedges %v, hop hedges %v late %v attempts %v, db requests %v, run late %v; want 1 1 1 1 2 0",
			m.Hedges, hedges, late, attempts, dbReq, m.Late)
	}
}
