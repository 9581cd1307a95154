package models_test

import (
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// serverTurns returns, in trace order, the server of every line of the
// trace that matches re, whose first group is the server number.
func serverTurns(t *testing.T, trace string, re *regexp.Regexp) []int {
	t.Helper()
	var out []int
	for _, m := range re.FindAllStringSubmatch(trace, -1) {
		k, err := strconv.Atoi(m[1])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, k)
	}
	return out
}

var (
	serviceStarts = regexp.MustCompile(`service starts on server (\d+)\n`)
	deliveries    = regexp.MustCompile(`delivery \d+ to server (\d+)\n`)
)

// TestRoundRobin checks that attempts go to servers 0, 1, ..., count-1, 0,
// ... in turn (docs/model.md, "Servers and round-robin"), a retry taking
// the next turn, and that the broker delivers to the servers in the same
// rotation; on two and three servers, with the number of attempts each
// server received.
func TestRoundRobin(t *testing.T) {
	for _, c := range []struct {
		name    string
		policy  models.Policy
		servers int
		retry   bool // every service fails and is retried once
		re      *regexp.Regexp
		want    []int // server of each attempt, in order
		per     []int // attempts per server
	}{
		{"callback on 2 servers", models.Callback, 2, false, serviceStarts,
			[]int{0, 1, 0, 1, 0, 1, 0, 1, 0}, []int{5, 4}},
		{"sync on 3 servers", models.Sync, 3, false, serviceStarts,
			[]int{0, 1, 2, 0, 1, 2, 0, 1, 2}, []int{3, 3, 3}},
		{"event on 3 servers, retries take the next turn", models.Event, 3, true, serviceStarts,
			[]int{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, []int{6, 6, 6}},
		{"mq on 2 servers", models.MQ, 2, false, deliveries,
			[]int{0, 1, 0, 1, 0, 1, 0, 1, 0}, []int{5, 4}},
		{"mq on 3 servers", models.MQ, 3, false, deliveries,
			[]int{0, 1, 2, 0, 1, 2, 0, 1, 2}, []int{3, 3, 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := scenario(c.policy)
			cfg.Server.Count = c.servers
			if c.retry {
				cfg.Server.Error = 1
				cfg.Clients.Retry.Attempts = 2
			}
			// Requests at 100ms, ..., 900ms, each done before the next.
			trace, m := runLog(t, cfg, 1, 950*sim.Millisecond)
			got := serverTurns(t, trace, c.re)
			if !slices.Equal(got, c.want) {
				t.Errorf("servers in turn %v, want %v", got, c.want)
			}
			per := make([]int, c.servers)
			for _, k := range got {
				per[k]++
			}
			if !slices.Equal(per, c.per) {
				t.Errorf("attempts per server %v, want %v", per, c.per)
			}
			if m.Requests != 9 {
				t.Errorf("requests = %v, want 9", m.Requests)
			}
		})
	}
}

// TestBrokerSkipsBusyConsumers checks the broker's choice when the server
// whose turn it is has no free worker (docs/model.md, "mq: the broker"):
// servers are tried in round-robin order from the one after the last used,
// and the first with a free worker gets the message. Two single-worker
// servers; service demands 25, 5, 5, 5, 5ms (seed 2). At 30ms it is
// server 0's turn, but server 0 serves r1 until 35ms: r3 goes to server 1,
// and the turn after it is server 0's again (r4 at 40ms).
func TestBrokerSkipsBusyConsumers(t *testing.T) {
	cfg := models.DefaultConfig()
	cfg.Policy = models.MQ
	cfg.Server.Count = 2
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = distributions.Empirical{Values: []sim.Duration{5 * sim.Millisecond, 25 * sim.Millisecond}}
	got, _ := runLog(t, cfg, 2, 60*sim.Millisecond)
	checkLog(t, got, `
10ms r1 created by client 0
10ms r1 attempt 1 sent
10ms r1 attempt 1 published
10ms r1 attempt 1 delivery 1 to server 0
20ms r2 created by client 0
20ms r2 attempt 1 sent
20ms r2 attempt 1 published
20ms r2 attempt 1 delivery 1 to server 1
25ms r2 attempt 1 consumed on server 1
25ms r2 reply received
25ms r2 succeeded
30ms r3 created by client 0
30ms r3 attempt 1 sent
30ms r3 attempt 1 published
30ms r3 attempt 1 delivery 1 to server 1
35ms r1 attempt 1 consumed on server 0
35ms r1 reply received
35ms r1 succeeded
35ms r3 attempt 1 consumed on server 1
35ms r3 reply received
35ms r3 succeeded
40ms r4 created by client 0
40ms r4 attempt 1 sent
40ms r4 attempt 1 published
40ms r4 attempt 1 delivery 1 to server 0
45ms r4 attempt 1 consumed on server 0
45ms r4 reply received
45ms r4 succeeded
50ms r5 created by client 0
50ms r5 attempt 1 sent
50ms r5 attempt 1 published
50ms r5 attempt 1 delivery 1 to server 1
55ms r5 attempt 1 consumed on server 1
55ms r5 reply received
55ms r5 succeeded
`)
}
