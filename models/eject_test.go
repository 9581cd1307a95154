package models_test

import (
	"github.com/asyncsim/asyncsim/distributions"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestEject: two servers in round-robin that answer every request with an
// error (error 1), a request every 10ms, eject after 2 errors in a row for
// 50ms, at most 50% of the instances. Server 0 answers r1 and r3 with
// errors and is ejected at 32ms; every request then goes to server 1,
// whose second error in a row (r4, 42ms) would eject 2 of 2: refused, and
// its run restarts, so r5 is its first error again and r6 (62ms) its
// second: refused again. r8 reaches server 1 at 81ms; server 0 returns at
// 82ms, and r8's error, server 1's second in a row, ejects server 1 (1 of
// 2 now): r9 goes to server 0.
func TestEject(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Count = 2
	cfg.Server.Service = ms(1)
	cfg.Server.Error = 1
	cfg.Server.Eject = &models.Eject{ConsecutiveErrors: 2, For: 50 * sim.Millisecond, MaxPercent: 50}
	got, m := runLog(t, cfg, 1, 95*sim.Millisecond)
	checkLog(t, got, `
10ms r1 created by client 0
10ms r1 attempt 1 sent
11ms r1 attempt 1 service starts on server 0
12ms r1 attempt 1 server error
14ms r1 attempt 1 error reply
14ms r1 failed
20ms r2 created by client 0
20ms r2 attempt 1 sent
21ms r2 attempt 1 service starts on server 1
22ms r2 attempt 1 server error
24ms r2 attempt 1 error reply
24ms r2 failed
30ms r3 created by client 0
30ms r3 attempt 1 sent
31ms r3 attempt 1 service starts on server 0
32ms r3 attempt 1 server error
32ms server 0 ejected for 50ms
34ms r3 attempt 1 error reply
34ms r3 failed
40ms r4 created by client 0
40ms r4 attempt 1 sent
41ms r4 attempt 1 service starts on server 1
42ms r4 attempt 1 server error
42ms server 1 not ejected: 2 of 2 instances would be above max_percent 50
44ms r4 attempt 1 error reply
44ms r4 failed
50ms r5 created by client 0
50ms r5 attempt 1 sent
51ms r5 attempt 1 service starts on server 1
52ms r5 attempt 1 server error
54ms r5 attempt 1 error reply
54ms r5 failed
60ms r6 created by client 0
60ms r6 attempt 1 sent
61ms r6 attempt 1 service starts on server 1
62ms r6 attempt 1 server error
62ms server 1 not ejected: 2 of 2 instances would be above max_percent 50
64ms r6 attempt 1 error reply
64ms r6 failed
70ms r7 created by client 0
70ms r7 attempt 1 sent
71ms r7 attempt 1 service starts on server 1
72ms r7 attempt 1 server error
74ms r7 attempt 1 error reply
74ms r7 failed
80ms r8 created by client 0
80ms r8 attempt 1 sent
81ms r8 attempt 1 service starts on server 1
82ms server 0 returns from ejection
82ms r8 attempt 1 server error
82ms server 1 ejected for 50ms
84ms r8 attempt 1 error reply
84ms r8 failed
90ms r9 created by client 0
90ms r9 attempt 1 sent
91ms r9 attempt 1 service starts on server 0
92ms r9 attempt 1 server error
94ms r9 attempt 1 error reply
94ms r9 failed
`)
	if m.Ejections != 2 {
		t.Errorf("ejections %v, want 2", m.Ejections)
	}
}

// TestEjectSuccessResets: one server with one worker and room for one
// waiting request, busy 50ms per request, a request every 10ms. It
// rejects r3, r4, r5 (31, 41, 51ms), answers r1 with a success at 61ms
// (r6 then waits), then rejects r7..r10 (71..101ms): with
// consecutive_errors 4 it is ejected at 101ms, not at 71ms (the success
// reset its run). Ejecting the
// only instance leaves none to balance over, so it still gets every
// request (Envoy's panic mode).
func TestEjectSuccessResets(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(50)
	cfg.Server.Capacity = 1
	cfg.Server.Eject = &models.Eject{ConsecutiveErrors: 4, For: sim.Second, MaxPercent: 100}
	got, m := runLog(t, cfg, 1, 125*sim.Millisecond)
	var lines []string
	for _, l := range strings.Split(got, "\n") {
		if strings.Contains(l, "ejected for") || strings.Contains(l, "r12 attempt 1 rejected") {
			lines = append(lines, l)
		}
	}
	want := "101ms server 0 ejected for 1s\n121ms r12 attempt 1 rejected by server 0"
	if strings.Join(lines, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), want)
	}
	if m.Ejections != 1 || m.Rejected != 8 {
		t.Errorf("ejections %v rejected %v, want 1 8", m.Ejections, m.Rejected)
	}
}

// TestEjectAllEjected: with max_percent 100 both servers are ejected (at
// 12 and 22ms) and the round-robin goes on over both.
func TestEjectAllEjected(t *testing.T) {
	cfg := scenario(models.Callback)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Count = 2
	cfg.Server.Service = ms(1)
	cfg.Server.Error = 1
	cfg.Server.Eject = &models.Eject{ConsecutiveErrors: 1, For: sim.Second, MaxPercent: 100}
	got, m := runLog(t, cfg, 1, 55*sim.Millisecond)
	for _, l := range []string{"12ms server 0 ejected", "22ms server 1 ejected", "31ms r3 attempt 1 service starts on server 0",
		"41ms r4 attempt 1 service starts on server 1", "51ms r5 attempt 1 service starts on server 0"} {
		if !strings.Contains(got, l) {
			t.Errorf("no line %q in\n%s", l, got)
		}
	}
	if m.Ejections != 2 {
		t.Errorf("ejections %v, want 2", m.Ejections)
	}
}

// TestEjectBalances: every balance skips ejected instances. Three
// instances of api answer every request with an error; with
// consecutive_errors 1 and max_percent 34 one of them at a time is
// ejected for 30ms. No request may start on an ejected instance, and each
// ejection counts at api.
func TestEjectBalances(t *testing.T) {
	for _, b := range []models.Balance{models.RoundRobin, models.Random, models.LeastOutstanding, models.TwoChoices} {
		t.Run(string(b), func(t *testing.T) {
			api := service("api", 1)
			api.Instances = 3
			api.Error = 1
			api.Balance = b
			api.Eject = &models.Eject{ConsecutiveErrors: 1, For: 30 * sim.Millisecond, MaxPercent: 34}
			cfg := every(graph(models.Callback, api), 10)
			got, m := runLog(t, cfg, 7, 2*sim.Second)
			ejected := map[string]bool{}
			starts, ejections := 0, 0
			for _, l := range strings.Split(strings.TrimSpace(got), "\n") {
				f := strings.Fields(l)
				switch {
				case strings.HasSuffix(l, "ejected for 30ms"):
					if len(ejected) != 0 {
						t.Fatalf("two instances ejected at once (max_percent 34): %s", l)
					}
					ejected[f[2]] = true
					ejections++
				case strings.HasSuffix(l, "returns from ejection"):
					delete(ejected, f[2])
				case strings.Contains(l, "service starts on api"):
					starts++
					if ejected[f[len(f)-1]] {
						t.Fatalf("a request starts on an ejected instance: %s", l)
					}
				}
			}
			if starts < 150 || ejections < 20 {
				t.Errorf("%d starts, %d ejections: the test does not exercise ejection", starts, ejections)
			}
			if v := graphValue(t, cfg, m, "service.api.ejections"); v != float64(ejections) || m.Ejections != v {
				t.Errorf("service.api.ejections %v, run %v, trace %d", v, m.Ejections, ejections)
			}
		})
	}
}

// TestEjectCrashed: a crashed instance rejects what it is sent, so it
// gets ejected. api's two instances crash at times drawn from uniform(50ms,
// 150ms) (seed 3: api 1 at 51.03ms, api 0 at 149.09ms) and stay down
// 200ms. api 1 rejects r6 and r8 and is ejected at 81ms: r9..r14 all go
// to api 0. When api 0 crashes too, its second rejection (161ms) would
// eject both: refused, and its run restarts. api 1 returns at 181ms (it
// is still down: it rejects r18), and api 0's second rejection after the
// refusal (r19, 191ms) ejects it.
func TestEjectCrashed(t *testing.T) {
	api := service("api", 1)
	api.Instances = 2
	api.Crash = &models.Crash{Uptime: distributions.Uniform{Min: 0.05, Max: 0.15}, Downtime: ms(200)}
	api.Eject = &models.Eject{ConsecutiveErrors: 2, For: 100 * sim.Millisecond, MaxPercent: 50}
	cfg := every(graph(models.Callback, api), 10)
	got, m := runLog(t, cfg, 3, 195*sim.Millisecond)
	var b strings.Builder
	for _, l := range strings.Split(got, "\n") {
		for _, w := range []string{"crashed", "eject", "rejected by", "starts on"} {
			if strings.Contains(l, w) {
				b.WriteString(l + "\n")
				break
			}
		}
	}
	checkLog(t, b.String(), `
11ms r1 attempt 1 service starts on api 0
21ms r2 attempt 1 service starts on api 1
31ms r3 attempt 1 service starts on api 0
41ms r4 attempt 1 service starts on api 1
51ms r5 attempt 1 service starts on api 0
51.028543ms api 1 crashed
61ms r6 attempt 1 rejected by api 1
71ms r7 attempt 1 service starts on api 0
81ms r8 attempt 1 rejected by api 1
81ms api 1 ejected for 100ms
91ms r9 attempt 1 service starts on api 0
101ms r10 attempt 1 service starts on api 0
111ms r11 attempt 1 service starts on api 0
121ms r12 attempt 1 service starts on api 0
131ms r13 attempt 1 service starts on api 0
141ms r14 attempt 1 service starts on api 0
149.086293ms api 0 crashed
151ms r15 attempt 1 rejected by api 0
161ms r16 attempt 1 rejected by api 0
161ms api 0 not ejected: 2 of 2 instances would be above max_percent 50
171ms r17 attempt 1 rejected by api 0
181ms api 1 returns from ejection
181ms r18 attempt 1 rejected by api 1
191ms r19 attempt 1 rejected by api 0
191ms api 0 ejected for 100ms
`)
	if m.Ejections != 2 || graphValue(t, cfg, m, "service.api.ejections") != 2 {
		t.Errorf("ejections %v (api %v), want 2", m.Ejections, graphValue(t, cfg, m, "service.api.ejections"))
	}
}
