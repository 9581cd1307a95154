package models_test

import (
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestServerQueueMeanAndUtilization checks server.queue.mean and
// server.utilization on two servers against values computed by hand.
//
// A request every 10ms (10ms, ..., 90ms), service 30ms, no network delay,
// two single-worker servers, horizon 100ms.
//
// Direct policies: round-robin gives server 0 the requests of 10, 30, 50,
// 70 and 90ms, served 10-40, 40-70 and 70-100; the others wait 30-40,
// 50-70, 70-100 and 90-100: 70ms of waiting. Server 1 gets 20, 40, 60 and
// 80ms, served 20-50, 50-80 and 80-110; waits 40-50, 60-80 and 80-100:
// 50ms. queue.mean = (70+50)ms / 100ms / 2 servers = 0.6; busy 90ms and
// 80ms: utilization = 170 / (100 × 2 workers) = 0.85.
//
// mq: the broker's FIFO feeds whichever consumer is free: messages start
// at 10, 20, 40, 50, 70, 80 and 100ms (the last after the horizon), so the
// messages of 30, 40, 50, 60, 70, 80 and 90ms wait 10, 10, 20, 20, 30, 20
// and 10ms: 120ms, and queue.mean and utilization are the same.
func TestServerQueueMeanAndUtilization(t *testing.T) {
	for _, p := range models.Policies {
		t.Run(string(p), func(t *testing.T) {
			cfg := models.DefaultConfig()
			cfg.Policy = p
			cfg.Clients.Arrival = ms(10)
			cfg.Server.Service = ms(30)
			cfg.Server.Count = 2
			cfg.Clients.Threads = 10 // sync: no request waits for a thread
			_, m := runLog(t, cfg, 1, 100*sim.Millisecond)
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"server.queue.mean", m.ServerQueueMean, 0.6},
				{"server.utilization", m.ServerUtilization, 0.85},
			} {
				if math.Abs(c.got-c.want) > 1e-12 {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
		})
	}
}

// TestServerQueueMeanThreeServers checks the division by server.count on
// three servers with different waits: a request
// every 10ms, service 40ms, horizon 100ms. Server k gets the requests of
// 10(k+1), 10(k+4), 10(k+7)ms. Server 0: 10-50, 50-90, 90-; waits 40-50,
// 70-90: 30ms. Server 1: 20-60, 60-100; waits 50-60, 80-100: 30ms. Server
// 2: 30-70, 70-; waits 60-70, 90-100: 20ms. (30+30+20)/100/3 = 0.2667;
// not dividing gives 0.8, dividing by the workers alone 0.8 too.
func TestServerQueueMeanThreeServers(t *testing.T) {
	cfg := models.DefaultConfig()
	cfg.Policy = models.Callback
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(40)
	cfg.Server.Count = 3
	_, m := runLog(t, cfg, 1, 100*sim.Millisecond)
	if want := 0.8 / 3; math.Abs(m.ServerQueueMean-want) > 1e-12 {
		t.Errorf("server.queue.mean = %v, want %v", m.ServerQueueMean, want)
	}
}
