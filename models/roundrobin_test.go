package models_test

import (
	"regexp"
	"slices"
	"strconv"
	"testing"

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
