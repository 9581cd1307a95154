package models_test

import (
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// startsAndSheds keeps the lines of a trace where an attempt starts
// service or is shed.
func startsAndSheds(got string) string {
	var b strings.Builder
	for _, l := range strings.Split(got, "\n") {
		if strings.Contains(l, "service starts") || strings.Contains(l, " shed ") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// TestCodel: one worker busy 14ms per request, a request every 10ms
// (r_k reaches the server at 11 + 10(k−1) ms), CoDel with target 10ms and
// interval 40ms. Computed by hand with RFC 8289's pseudocode:
//
//   - 53ms: r4's sojourn 12ms ≥ target with r5 waiting: first_above_time
//     = 93ms (earlier dequeues found no one else waiting: not above).
//   - 95ms: r7 (24ms) is ok to drop: dropped, count 1, drop_next 95+40 =
//     135; r8, dequeued next in the same step, is delivered.
//   - 137ms: r11 dropped (137 ≥ 135), count 2; drop_next 135 + 40/√2 =
//     163.28ms. 165ms: r14 dropped, count 3, drop_next + 40/√3 = 186.38.
//     193ms: r17, count 4, drop_next + 40/2 = 206.38. 207ms: r19, count
//     5; r20 waited 6ms < target: dropping stops.
//   - 235ms: r22 14ms, first_above_time 275. 277ms: r25 dropped,
//     dropping again with the count carried over (count − lastcount = 5 −
//     1 = 4 > 1, 70.6ms since drop_next < 16 intervals): count 4,
//     drop_next 277 + 40/2 = 297. 305ms: r28, count 5, drop_next 297 +
//     40/√5 = 314.89. 319ms: r30; r31 waited 8ms: dropping stops.
func TestCodel(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(14)
	cfg.Server.Queue = models.CoDel
	cfg.Server.Codel = &models.Codel{Target: 10 * sim.Millisecond, Interval: 40 * sim.Millisecond}
	got, m := runLog(t, cfg, 1, 325*sim.Millisecond)
	checkLog(t, startsAndSheds(got), `
11ms r1 attempt 1 service starts on server 0
25ms r2 attempt 1 service starts on server 0
39ms r3 attempt 1 service starts on server 0
53ms r4 attempt 1 service starts on server 0
67ms r5 attempt 1 service starts on server 0
81ms r6 attempt 1 service starts on server 0
95ms r7 attempt 1 shed by codel on server 0 after waiting 24ms
95ms r8 attempt 1 service starts on server 0
109ms r9 attempt 1 service starts on server 0
123ms r10 attempt 1 service starts on server 0
137ms r11 attempt 1 shed by codel on server 0 after waiting 26ms
137ms r12 attempt 1 service starts on server 0
151ms r13 attempt 1 service starts on server 0
165ms r14 attempt 1 shed by codel on server 0 after waiting 24ms
165ms r15 attempt 1 service starts on server 0
179ms r16 attempt 1 service starts on server 0
193ms r17 attempt 1 shed by codel on server 0 after waiting 22ms
193ms r18 attempt 1 service starts on server 0
207ms r19 attempt 1 shed by codel on server 0 after waiting 16ms
207ms r20 attempt 1 service starts on server 0
221ms r21 attempt 1 service starts on server 0
235ms r22 attempt 1 service starts on server 0
249ms r23 attempt 1 service starts on server 0
263ms r24 attempt 1 service starts on server 0
277ms r25 attempt 1 shed by codel on server 0 after waiting 26ms
277ms r26 attempt 1 service starts on server 0
291ms r27 attempt 1 service starts on server 0
305ms r28 attempt 1 shed by codel on server 0 after waiting 24ms
305ms r29 attempt 1 service starts on server 0
319ms r30 attempt 1 shed by codel on server 0 after waiting 18ms
319ms r31 attempt 1 service starts on server 0
`)
	if !strings.Contains(got, "97ms r7 attempt 1 error reply") {
		t.Errorf("no error reply for the shed r7 at 97ms:\n%s", got)
	}
	if m.Shed != 8 || m.Rejected != 0 {
		t.Errorf("shed %v rejected %v, want 8 0", m.Shed, m.Rejected)
	}
}

// TestCodelService: in a graph, db's CoDel drops count at db.
func TestCodelService(t *testing.T) {
	db := service("db", 14)
	db.Queue = models.CoDel
	db.Codel = &models.Codel{Target: 10 * sim.Millisecond, Interval: 40 * sim.Millisecond}
	cfg := every(graph(models.Callback, service("api", 1, hop("db", models.Callback)), db), 10)
	_, m := runLog(t, cfg, 1, 325*sim.Millisecond)
	for name, want := range map[string]float64{"service.db.shed": 8, "service.api.shed": 0, "service.api.failed": 8} {
		if v := graphValue(t, cfg, m, name); v != want {
			t.Errorf("%s = %v, want %v", name, v, want)
		}
	}
}

// TestAdaptiveLIFO: the overload of TestCodel under adaptive-lifo with
// queue_timeout 50ms. FIFO until CoDel sees the queue overloaded: at 95ms
// the oldest waiting request (r7, 24ms) has been above target since
// first_above_time 93ms; r7 still starts (that dequeue was FIFO) and from
// then on the newest waiting request starts first (r10 at 109ms, r12 at
// 123ms, ...), while the oldest waiting one keeps the queue overloaded
// until queue_timeout sheds it (r8 at 131ms, r9 at 141ms, ...). Adaptive
// LIFO drops nothing itself.
func TestAdaptiveLIFO(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(14)
	cfg.Server.Queue = models.AdaptiveLIFO
	cfg.Server.QueueTimeout = 50 * sim.Millisecond
	cfg.Server.Codel = &models.Codel{Target: 10 * sim.Millisecond, Interval: 40 * sim.Millisecond}
	got, m := runLog(t, cfg, 1, 205*sim.Millisecond)
	checkLog(t, startsAndSheds(got), `
11ms r1 attempt 1 service starts on server 0
25ms r2 attempt 1 service starts on server 0
39ms r3 attempt 1 service starts on server 0
53ms r4 attempt 1 service starts on server 0
67ms r5 attempt 1 service starts on server 0
81ms r6 attempt 1 service starts on server 0
95ms r7 attempt 1 service starts on server 0
109ms r10 attempt 1 service starts on server 0
123ms r12 attempt 1 service starts on server 0
131ms r8 attempt 1 shed after waiting 50ms on server 0
137ms r13 attempt 1 service starts on server 0
141ms r9 attempt 1 shed after waiting 50ms on server 0
151ms r14 attempt 1 service starts on server 0
161ms r11 attempt 1 shed after waiting 50ms on server 0
165ms r16 attempt 1 service starts on server 0
179ms r17 attempt 1 service starts on server 0
193ms r19 attempt 1 service starts on server 0
201ms r15 attempt 1 shed after waiting 50ms on server 0
`)
	if m.Shed != 4 {
		t.Errorf("shed %v, want 4 (all by queue_timeout)", m.Shed)
	}
}

// TestAdaptiveLIFOBackToFIFO: the overload of TestAdaptiveLIFO for 150ms
// (r1..r15), then no requests until 400ms. LIFO from 95ms on drains the
// backlog newest first (r15, r11, r9, r8); r8 leaves no one waiting, which
// ends the overload: the second burst (r16.. from 411ms) is served FIFO
// (r19 before r20 at 453ms) until CoDel sees it overloaded again (r19's
// 12ms at 453ms: first_above_time 493ms; 495ms: LIFO, and r25 starts
// before r23 and r24).
func TestAdaptiveLIFOBackToFIFO(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Clients.Profile.Points = []models.ProfilePoint{{At: 0, Value: 100}, {At: 150 * sim.Millisecond, Value: 0}, {At: 400 * sim.Millisecond, Value: 100}}
	cfg.Server.Service = ms(14)
	cfg.Server.Queue = models.AdaptiveLIFO
	cfg.Server.Codel = &models.Codel{Target: 10 * sim.Millisecond, Interval: 40 * sim.Millisecond}
	got, _ := runLog(t, cfg, 1, 520*sim.Millisecond)
	checkLog(t, startsAndSheds(got), `
11ms r1 attempt 1 service starts on server 0
25ms r2 attempt 1 service starts on server 0
39ms r3 attempt 1 service starts on server 0
53ms r4 attempt 1 service starts on server 0
67ms r5 attempt 1 service starts on server 0
81ms r6 attempt 1 service starts on server 0
95ms r7 attempt 1 service starts on server 0
109ms r10 attempt 1 service starts on server 0
123ms r12 attempt 1 service starts on server 0
137ms r13 attempt 1 service starts on server 0
151ms r14 attempt 1 service starts on server 0
165ms r15 attempt 1 service starts on server 0
179ms r11 attempt 1 service starts on server 0
193ms r9 attempt 1 service starts on server 0
207ms r8 attempt 1 service starts on server 0
411ms r16 attempt 1 service starts on server 0
425ms r17 attempt 1 service starts on server 0
439ms r18 attempt 1 service starts on server 0
453ms r19 attempt 1 service starts on server 0
467ms r20 attempt 1 service starts on server 0
481ms r21 attempt 1 service starts on server 0
495ms r22 attempt 1 service starts on server 0
509ms r25 attempt 1 service starts on server 0
`)
}
