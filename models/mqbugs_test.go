package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// mqAckCase is one consumer pool behind an at-least-once broker, a request
// per second, no network delay: the scenarios of the re-implementation
// that found the mq bugs.
func mqAckCase(workers int, service, ackTimeout sim.Duration) models.Config {
	cfg := models.DefaultConfig()
	cfg.Policy = models.MQ
	cfg.Clients.Arrival = distributions.Constant{Value: sim.Second}
	cfg.Server.Workers = workers
	cfg.Server.Service = distributions.Constant{Value: service}
	cfg.Broker.AckTimeout = ackTimeout
	return cfg
}

// TestMQAckNotRedeliveredToItsOwnConsumer: a consumer that finishes acks
// the message before it takes the next one, so it never takes the copy of
// the message it is acknowledging that an ack timeout put back in the
// queue. One consumer, service 100 ms, ack timeout 60 ms, a request per
// second: no duplicate, and the consumer is busy 100 ms per request.
func TestMQAckNotRedeliveredToItsOwnConsumer(t *testing.T) {
	cfg := mqAckCase(1, 100*sim.Millisecond, 60*sim.Millisecond)
	got, met := runLog(t, cfg, 1, 2500*sim.Millisecond)
	checkLog(t, got, `
1s r1 created by client 0
1s r1 attempt 1 sent
1s r1 attempt 1 published
1s r1 attempt 1 delivery 1 to server 0
1.06s r1 attempt 1 ack timeout
1.06s r1 attempt 1 redelivered
1.1s r1 attempt 1 consumed on server 0
1.1s r1 reply received
1.1s r1 succeeded
2s r2 created by client 0
2s r2 attempt 1 sent
2s r2 attempt 1 published
2s r2 attempt 1 delivery 1 to server 0
2.06s r2 attempt 1 ack timeout
2.06s r2 attempt 1 redelivered
2.1s r2 attempt 1 consumed on server 0
2.1s r2 reply received
2.1s r2 succeeded
`)
	if met.Duplicates != 0 || met.Requests != 2 || met.Succeeded != 2 {
		t.Errorf("duplicates %v, requests %v, succeeded %v; want 0, 2, 2", met.Duplicates, met.Requests, met.Succeeded)
	}
	if want := 0.2 / 2.5; !near(met.ServerUtilization, want) {
		t.Errorf("server.utilization %v, want %v", met.ServerUtilization, want)
	}
}

// TestMQStaleDeliveryErrorIgnored: once an ack timeout has put a message
// back, the old delivery no longer owns it: its consumer error must not
// stop the live delivery's ack timer nor put the message back a second
// time. Two consumers, every delivery fails after 100 ms, ack timeout
// 60 ms: each ack timeout hands the message to the other consumer; the
// fifth delivery's timeout dead-letters it.
func TestMQStaleDeliveryErrorIgnored(t *testing.T) {
	cfg := mqAckCase(2, 100*sim.Millisecond, 60*sim.Millisecond)
	cfg.Server.Error = 1
	got, met := runLog(t, cfg, 1, 1500*sim.Millisecond)
	checkLog(t, got, `
1s r1 created by client 0
1s r1 attempt 1 sent
1s r1 attempt 1 published
1s r1 attempt 1 delivery 1 to server 0
1.06s r1 attempt 1 ack timeout
1.06s r1 attempt 1 redelivered
1.06s r1 attempt 1 delivery 2 to server 0
1.1s r1 attempt 1 consumer error on stale delivery 1
1.12s r1 attempt 1 ack timeout
1.12s r1 attempt 1 redelivered
1.12s r1 attempt 1 delivery 3 to server 0
1.16s r1 attempt 1 consumer error on stale delivery 2
1.18s r1 attempt 1 ack timeout
1.18s r1 attempt 1 redelivered
1.18s r1 attempt 1 delivery 4 to server 0
1.22s r1 attempt 1 consumer error on stale delivery 3
1.24s r1 attempt 1 ack timeout
1.24s r1 attempt 1 redelivered
1.24s r1 attempt 1 delivery 5 to server 0
1.28s r1 attempt 1 consumer error on stale delivery 4
1.3s r1 attempt 1 ack timeout
1.3s r1 attempt 1 dead-lettered
1.3s r1 failed
1.34s r1 attempt 1 consumer error on stale delivery 5
`)
	if met.DeadLetters != 1 || met.Errors != 5 || met.Failed != 1 || met.Duplicates != 0 {
		t.Errorf("dead_letters %v errors %v failed %v duplicates %v; want 1 5 1 0", met.DeadLetters, met.Errors, met.Failed, met.Duplicates)
	}
}

// TestMQLateCountsOneReplyPerAttempt: duplicate processing sends a second
// reply for the same attempt; only the first reply of a timed-out attempt
// is late. Two consumers, service 100 ms, client timeout 50 ms, ack timeout
// 60 ms: every message is processed twice, each request has one late reply.
func TestMQLateCountsOneReplyPerAttempt(t *testing.T) {
	cfg := mqAckCase(2, 100*sim.Millisecond, 60*sim.Millisecond)
	cfg.Clients.Timeout = 50 * sim.Millisecond
	met, err := models.Run(cfg, distributions.NewStreams(1, 0), sim.Time(10*sim.Second), 0)
	if err != nil {
		t.Fatal(err)
	}
	// Requests at 1 s, ..., 9 s (the horizon itself is not in the run).
	if met.Requests != 9 || met.Timeouts != 9 || met.Duplicates != 9 || met.Late != 9 {
		t.Errorf("requests %v timeouts %v duplicates %v late %v; want 9 9 9 9", met.Requests, met.Timeouts, met.Duplicates, met.Late)
	}
}

// TestMQTimeoutDoesNotMarkRecycledJob: a dead-lettered attempt's message is
// released while its request still waits for its timeout; the request must
// not keep a pointer to it, or the timeout marks whichever request reuses
// the pooled object, whose later duplicate reply then counts as late. With
// a 10 s timeout and replies within about a second, no reply is late.
func TestMQTimeoutDoesNotMarkRecycledJob(t *testing.T) {
	cfg := models.DefaultConfig()
	cfg.Policy = models.MQ
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.05}
	cfg.Clients.Timeout = 10 * sim.Second
	cfg.Server.Workers = 2
	cfg.Server.Service = distributions.Uniform{Min: 0, Max: 0.1}
	cfg.Server.Error = 0.3
	cfg.Broker.AckTimeout = 60 * sim.Millisecond
	cfg.Broker.MaxDeliveries = 2
	for _, poison := range []bool{false, true} {
		met, err := models.RunWith(cfg, distributions.NewStreams(7, 0), sim.Time(60*sim.Second), 0,
			models.Options{PoisonReleased: poison})
		if err != nil {
			t.Fatal(err)
		}
		if met.Late != 0 {
			t.Errorf("poison %v: late %v, want 0", poison, met.Late)
		}
		if met.DeadLetters == 0 || met.Duplicates == 0 {
			t.Errorf("poison %v: scenario lost its point: dead_letters %v, duplicates %v", poison, met.DeadLetters, met.Duplicates)
		}
	}
}

func near(a, b float64) bool { d := a - b; return d < 1e-12 && d > -1e-12 }

// TestPoisonReleasedSameResults runs every conservation scenario with
// released objects poisoned: no pooled request, attempt or delivery may be
// used after its release (that panics), and since reuse draws nothing,
// the metrics must be those of the pooled run exactly.
func TestPoisonReleasedSameResults(t *testing.T) {
	for _, sc := range consScenarios() {
		for seed := uint64(1); seed <= 3; seed++ {
			run := func(poison bool) models.Metrics {
				met, err := models.RunWith(sc.cfg, distributions.NewStreams(seed, 0), sim.Time(20*sim.Second), sc.warmup,
					models.Options{PoisonReleased: poison})
				if err != nil {
					t.Fatalf("%s seed %d: %v", sc.name, seed, err)
				}
				return met
			}
			a, b := run(false), run(true)
			av, bv := a.Values(), b.Values()
			for i, name := range models.MetricNames {
				if !crnEqual(av[i], bv[i]) {
					t.Errorf("%s seed %d: %s %v pooled, %v poisoned", sc.name, seed, name, av[i], bv[i])
				}
			}
		}
	}
}
