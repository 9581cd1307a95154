package models

import "github.com/asyncsim/asyncsim/sim"

// broker is the message broker in front of a service reached through mq:
// one FIFO of messages whose consumers are the workers of every instance
// of the service that is up.
//
// References to a message (job): the broker holds one from publish until
// the message is gone (acked, dead-lettered, or delivered at-most-once),
// the queue one per waiting copy, and each delivery one.
type broker struct {
	m     *model
	st    *station
	cfg   *Broker
	q     *sim.Queue[*job]
	held  int     // messages held (waiting, or delivered and not yet acked)
	drops skipper // frees consumers of messages dropped at delivery
}

func newBroker(m *model, st *station) *broker {
	b := &broker{m: m, st: st, cfg: &st.cfg.Broker}
	b.q = sim.NewQueue(m.env, st.cfg.Instances*st.cfg.Workers, 0, m.warmup, b.deliver)
	b.q.SetWithdrawal(func(j *job) bool { return j.gone }, b.skip)
	return b
}

// publish receives a caller's message; a full broker rejects it with a
// nack that travels back to the caller.
func (b *broker) publish(j *job) {
	m := b.m
	j.t1 = m.env.Now()
	m.arrived(j)
	if c := b.cfg.Capacity; c > 0 && b.held >= c {
		m.countStation(j, cRejected)
		if m.tracing {
			m.trace("r%d%s attempt %d rejected by the broker", j.root().id, j.h.label, j.attempt)
		}
		j.failed = true
		m.serviceOutcome(j, false)
		m.sendReply(j)
		return
	}
	b.held++
	if m.tracing {
		m.trace("r%d%s attempt %d published", j.root().id, j.h.label, j.attempt)
	}
	if b.st.zeroLat {
		b.enqueue(j)
		return
	}
	m.env.Schedule(b.cfg.Latency.Sample(b.st.rngLat), m.evAtBroker, j)
}

func (b *broker) enqueue(j *job) {
	b.m.alive(j.dead, "attempt")
	j.refs++
	j.queued++
	b.q.Arrive(j)
}

// drop marks a message gone from the broker and drops the broker's
// reference. A copy of it still waiting in the queue (put back by an ack
// timeout, then acknowledged by the delivery still running) is withdrawn:
// it no longer waits, and a consumer that reaches it goes on to the next
// message in the same step.
func (b *broker) drop(j *job) {
	j.gone, j.live = true, 0
	j.ackTimer.Stop()
	b.held--
	for range j.queued {
		b.q.Withdraw()
	}
	b.m.releaseJob(j)
}

// skip takes a withdrawn copy off the queue.
func (b *broker) skip(j *job) {
	j.queued--
	b.m.releaseJob(j)
}

// deliver hands the message to a free worker of an up instance.
func (b *broker) deliver(j *job) {
	m := b.m
	m.alive(j.dead, "attempt")
	j.queued--
	if j.deadline != 0 && b.expiredAtDelivery(j) {
		return
	}
	if b.cfg.TTL > 0 && b.expiredTTL(j) {
		return
	}
	st := b.st
	var s *server
	for range st.servers {
		c := st.servers[st.rr]
		st.nextServer()
		if !c.down && c.busy < st.cfg.Workers {
			s = c
			break
		}
	}
	if s == nil {
		panic("models: broker delivered with no free consumer")
	}
	j.deliveries++
	j.running++
	d := m.newDelivery(j, s)
	if m.ev != nil {
		m.noteInstance(j, s)
	}
	m.releaseJob(j) // the queue's reference passes to the delivery
	s.busy++
	d.slot = len(s.consuming)
	s.consuming = append(s.consuming, d)
	if b.cfg.Delivery == AtLeastOnce {
		j.live = j.deliveries
		j.ackTimer.Reset(b.cfg.AckTimeout)
	} else {
		b.drop(j)
	}
	if m.tracing {
		m.trace("r%d%s attempt %d delivery %d to %s %d", j.root().id, j.h.label, j.attempt, j.deliveries, m.serverWord(s), s.idx)
	}
	m.env.Schedule(m.demand(j), m.evConsumeDone, d)
}

// consumeDone ends the consumer's own work on one delivery: an error
// nacks the message; a service with calls goes on with them, holding the
// consumer; otherwise the message is settled.
func (b *broker) consumeDone(d *delivery) {
	m := b.m
	m.alive(d.dead, "delivery")
	s, j := d.s, d.j
	if d.epoch != s.epoch {
		m.releaseDelivery(d) // lost in a crash, already accounted for
		return
	}
	st := b.st
	if len(st.steps) > 0 {
		if bernoulli(st.errP, st.rngErr) {
			b.unconsume(d)
			b.nack(d, true)
			return
		}
		m.runStep(m.newTask(j, d, s))
		return
	}
	b.unconsume(d)
	if bernoulli(st.errP, st.rngErr) {
		b.nack(d, true)
		return
	}
	b.ack(d)
}

// consumed settles a delivery whose calls are over.
func (m *model) consumed(d *delivery, ok bool) {
	b := d.s.st.broker
	b.unconsume(d)
	if ok {
		b.ack(d)
		return
	}
	b.nack(d, false)
}

// nack ends a failed delivery (a consumer error, or a call that failed):
// at-least-once redelivers the message, at-most-once loses it. The
// consumer settles the message before it takes the next one, so it never
// takes a copy of the message it is settling. Only the delivery that
// holds the message can nack it: once an ack timeout has put the message
// back, an older delivery's error changes nothing (its success still
// acks, see docs/model.md).
func (b *broker) nack(d *delivery, consumerErr bool) {
	m := b.m
	j := d.j
	if consumerErr {
		m.countStation(j, cErrors)
	}
	atMostOnce := b.cfg.Delivery == AtMostOnce
	stale := !atMostOnce && j.live != d.n
	if m.tracing {
		what := "consumer error"
		if !consumerErr {
			what = "calls failed"
		}
		if stale {
			m.trace("r%d%s attempt %d %s on stale delivery %d", j.root().id, j.h.label, j.attempt, what, d.n)
		} else {
			m.trace("r%d%s attempt %d %s", j.root().id, j.h.label, j.attempt, what)
		}
	}
	switch {
	case atMostOnce:
		m.jobLost(j)
	case !stale:
		j.ackTimer.Stop()
		b.redeliver(j)
	}
	b.settledIfGone(j)
	b.q.Done()
	m.releaseDelivery(d)
}

// settledIfGone records the failure of a message at its service once it
// is gone from the broker unacknowledged (dead-lettered, or delivered
// at-most-once) and no delivery of it still runs: a delivery still
// running may yet succeed, and then its reply is the service's answer.
func (b *broker) settledIfGone(j *job) {
	if j.gone && !j.acked && j.running == 0 {
		b.m.serviceOutcome(j, false)
	}
}

// ack ends a successful delivery: the message is acknowledged (unless it
// is already gone) and the reply goes back.
func (b *broker) ack(d *delivery) {
	m := b.m
	s, j := d.s, d.j
	j.successes++
	if m.tracing {
		m.trace("r%d%s attempt %d consumed on %s %d", j.root().id, j.h.label, j.attempt, m.serverWord(s), s.idx)
	}
	if j.successes > 1 {
		m.count(j.root(), cDuplicates)
		if m.tracing {
			m.trace("r%d%s attempt %d processed again (duplicate)", j.root().id, j.h.label, j.attempt)
		}
	}
	if !j.gone {
		j.acked = true
		b.drop(j)
	}
	b.q.Done()
	m.serviceOutcome(j, true)
	// The reply leaves as the attempt's, like a direct service's: the
	// delivery is over.
	j.refs++
	m.releaseDelivery(d)
	m.sendReply(j)
}

// redeliver puts an unacked message back at the tail of the queue, or
// dead-letters it after MaxDeliveries.
func (b *broker) redeliver(j *job) {
	m := b.m
	j.live = 0
	if j.deliveries >= b.cfg.MaxDeliveries {
		m.count(j.root(), cDeadLetters)
		if m.tracing {
			m.trace("r%d%s attempt %d dead-lettered", j.root().id, j.h.label, j.attempt)
		}
		m.jobLost(j)
		if j.running == 0 { // drop may release j: settle before
			m.serviceOutcome(j, false)
		}
		b.drop(j)
		return
	}
	if m.tracing {
		m.trace("r%d%s attempt %d redelivered", j.root().id, j.h.label, j.attempt)
	}
	b.enqueue(j)
}

// ackTimeout redelivers a message whose ack did not come in time; the
// delivery in progress goes on and may process it twice.
func (b *broker) ackTimeout(j *job) {
	b.m.alive(j.dead, "attempt")
	if j.gone {
		return
	}
	if b.m.tracing {
		b.m.trace("r%d%s attempt %d ack timeout", j.root().id, j.h.label, j.attempt)
	}
	b.redeliver(j)
}

func (b *broker) unconsume(d *delivery) {
	d.j.running--
	s := d.s
	last := s.consuming[len(s.consuming)-1]
	s.consuming[d.slot], last.slot = last, d.slot
	s.consuming = s.consuming[:len(s.consuming)-1]
	s.busy--
}

// crash loses the deliveries in service on s. Unacked messages come back
// when their ack timeout fires; at-most-once messages are lost.
func (b *broker) crash(s *server) {
	m := b.m
	b.q.SetServers(b.upWorkers())
	for _, d := range s.consuming {
		if m.tracing {
			m.trace("r%d%s attempt %d delivery %d lost in the crash", d.j.root().id, d.j.h.label, d.j.attempt, d.j.deliveries)
		}
		d.j.running--
		if b.cfg.Delivery == AtMostOnce {
			// The message left the broker on delivery: it is lost. Under
			// at-least-once the broker still holds it and redelivers it.
			m.count(d.j.root(), cLost)
			m.jobLost(d.j)
		}
		b.settledIfGone(d.j)
		b.q.Done()
		if d.tk != nil {
			// In its calls phase: no completion event will release it.
			m.dropTask(d.tk)
		}
	}
	clear(s.consuming)
	s.consuming = s.consuming[:0]
	s.busy = 0
}

func (b *broker) recover(*server) { b.q.SetServers(b.upWorkers()) }

func (b *broker) upWorkers() int {
	n := 0
	for _, s := range b.st.servers {
		if !s.down {
			n += b.st.cfg.Workers
		}
	}
	return n
}
