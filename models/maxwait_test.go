package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestMaxWait: a sync client with one thread, a request every 10ms, each
// holding the thread 106ms (send 1, service 100, reply 2, handler 3), and
// max_wait 25ms: a request that has not had the thread 25ms after its
// creation is rejected, and its place in the line is dropped, so the next
// request still waiting gets the thread when it frees.
func TestMaxWait(t *testing.T) {
	cfg := scenario(models.Sync)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(100)
	cfg.Clients.MaxWait = 25 * sim.Millisecond
	got, m := runLog(t, cfg, 1, 140*sim.Millisecond)
	checkLog(t, got, `
10ms r1 created by client 0
10ms r1 attempt 1 sent
11ms r1 attempt 1 service starts on server 0
20ms r2 created by client 0
30ms r3 created by client 0
40ms r4 created by client 0
45ms r2 gave up waiting for a thread or slot
45ms r2 failed
50ms r5 created by client 0
55ms r3 gave up waiting for a thread or slot
55ms r3 failed
60ms r6 created by client 0
65ms r4 gave up waiting for a thread or slot
65ms r4 failed
70ms r7 created by client 0
75ms r5 gave up waiting for a thread or slot
75ms r5 failed
80ms r8 created by client 0
85ms r6 gave up waiting for a thread or slot
85ms r6 failed
90ms r9 created by client 0
95ms r7 gave up waiting for a thread or slot
95ms r7 failed
100ms r10 created by client 0
105ms r8 gave up waiting for a thread or slot
105ms r8 failed
110ms r11 created by client 0
111ms r1 attempt 1 served
113ms r1 reply received
115ms r9 gave up waiting for a thread or slot
115ms r9 failed
116ms r1 succeeded
116ms r10 attempt 1 sent
117ms r10 attempt 1 service starts on server 0
120ms r12 created by client 0
130ms r13 created by client 0
135ms r11 gave up waiting for a thread or slot
135ms r11 failed
`)
	// 13 requests: 1 succeeded, 9 rejected, r10 in service, r12 and r13
	// waiting; the rejections leave no gap in the line (r10 got the
	// thread at 116ms, 16ms into its wait).
	if m.Requests != 13 || m.Succeeded != 1 || m.Failed != 9 || m.Rejected != 9 || m.InFlight != 3 {
		t.Errorf("requests %v succeeded %v failed %v rejected %v in_flight %v; want 13 1 9 9 3",
			m.Requests, m.Succeeded, m.Failed, m.Rejected, m.InFlight)
	}
}
