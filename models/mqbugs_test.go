package models_test

import (
	"math"
	"strings"
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

// TestMQAckedCopyNotWaiting: a message acknowledged while its re-queued
// copy waits is gone from the broker; the copy must not count as waiting
// (server.queue.mean), and a consumer that reaches it goes on to the next
// message in the same step. One consumer, service 100 ms, ack timeout
// 60 ms, a request per second: the copy waits from 1.06 s to 1.1 s but the
// message is acked at 1.1 s, so nothing ever waits for a consumer.
func TestMQAckedCopyNotWaiting(t *testing.T) {
	cfg := mqAckCase(1, 100*sim.Millisecond, 60*sim.Millisecond)
	met, err := models.Run(cfg, distributions.NewStreams(1, 0), sim.Time(10*sim.Second), 0)
	if err != nil {
		t.Fatal(err)
	}
	// The copy waits 40 ms per request while the message is still held
	// (unacked): 9 requests × 0.04 s / 10 s. Nothing waits after the ack.
	if want := 9 * 0.04 / 10; !near(met.ServerQueueMean, want) {
		t.Errorf("server.queue.mean %v, want %v", met.ServerQueueMean, want)
	}
}

// TestMQSkipOfAckedCopyInSameStep: two consumers, two messages published
// at the same instant, service 100 ms, ack timeout 60 ms. At 60 ms both
// ack timeouts put copies back; at 100 ms the first consumer acks its
// message and, in the same step, skips the acked copy at the head and
// takes the other message's copy, which it processes again (a duplicate)
// before the second consumer's ack at the same instant removes it.
func TestMQSkipOfAckedCopyInSameStep(t *testing.T) {
	cfg := mqAckCase(2, 100*sim.Millisecond, 60*sim.Millisecond)
	cfg.Clients.Count = 2
	got, met := runLog(t, cfg, 1, 1500*sim.Millisecond)
	checkLog(t, got, `
1s r1 created by client 0
1s r1 attempt 1 sent
1s r1 attempt 1 published
1s r1 attempt 1 delivery 1 to server 0
1s r2 created by client 1
1s r2 attempt 1 sent
1s r2 attempt 1 published
1s r2 attempt 1 delivery 1 to server 0
1.06s r1 attempt 1 ack timeout
1.06s r1 attempt 1 redelivered
1.06s r2 attempt 1 ack timeout
1.06s r2 attempt 1 redelivered
1.1s r1 attempt 1 consumed on server 0
1.1s r2 attempt 1 delivery 2 to server 0
1.1s r1 reply received
1.1s r1 succeeded
1.1s r2 attempt 1 consumed on server 0
1.1s r2 reply received
1.1s r2 succeeded
1.2s r2 attempt 1 consumed on server 0
1.2s r2 attempt 1 processed again (duplicate)
1.2s r2 attempt 1 extra reply discarded
`)
	if met.Duplicates != 1 {
		t.Errorf("duplicates %v, want 1", met.Duplicates)
	}
}

// TestMQQueueMeanFromTrace rebuilds the broker's waiting line from the
// trace of a busy at-least-once run (redeliveries, acks of messages whose
// copy waits, consumer errors, dead letters) and checks server.queue.mean
// against its time average. A message counts as waiting from its publish
// or redelivery until a consumer takes it, or until it is acknowledged
// (a copy of an acknowledged message is gone from the broker).
func TestMQQueueMeanFromTrace(t *testing.T) {
	cfg := models.DefaultConfig()
	cfg.Policy = models.MQ
	cfg.Clients.Count = 3
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.03}
	cfg.Server.Workers = 2
	cfg.Server.Service = distributions.Exponential{Scale: 0.015}
	cfg.Server.Error = 0.1
	cfg.Broker.AckTimeout = 20 * sim.Millisecond
	cfg.Broker.MaxDeliveries = 3
	const horizon = sim.Time(30 * sim.Second)
	waiting := map[string]int{} // copies waiting, by "r<id> attempt <k>"
	gone := map[string]bool{}
	var n int
	var last sim.Time
	var area float64
	step := func(at sim.Time, what string) {
		area += float64(n) * at.Sub(last).Seconds()
		last = at
		f := strings.Fields(what)
		if len(f) < 4 || f[1] != "attempt" {
			return
		}
		msg, rest := f[0]+" "+f[2], strings.Join(f[3:], " ")
		switch {
		case rest == "published", rest == "redelivered":
			waiting[msg]++
			n++
		case strings.HasPrefix(rest, "delivery "):
			waiting[msg]--
			n--
		case strings.HasPrefix(rest, "consumed on server") && !gone[msg]:
			gone[msg] = true
			n -= waiting[msg]
			waiting[msg] = 0
		case rest == "dead-lettered":
			gone[msg] = true
		}
	}
	met, err := models.RunWith(cfg, distributions.NewStreams(3, 0), horizon, 0, models.Options{Trace: step})
	if err != nil {
		t.Fatal(err)
	}
	area += float64(n) * horizon.Sub(last).Seconds()
	want := area / horizon.Seconds()
	if math.Abs(met.ServerQueueMean-want) > 1e-9*want {
		t.Errorf("server.queue.mean %v, rebuilt from the trace %v", met.ServerQueueMean, want)
	}
	if met.Duplicates == 0 || met.DeadLetters == 0 {
		t.Errorf("scenario lost its point: duplicates %v, dead_letters %v", met.Duplicates, met.DeadLetters)
	}
}
