package models

import "github.com/asyncsim/asyncsim/sim"

// broker is the message broker of the mq policy: one FIFO of messages
// whose consumers are the workers of every server that is up.
//
// References to a message (job): the broker holds one from publish until
// the message is gone (acked, dead-lettered, or delivered at-most-once),
// the queue one per waiting copy, and each delivery one.
type broker struct {
	m    *model
	q    *sim.Queue[*job]
	held int // messages held (waiting, or delivered and not yet acked)
}

func newBroker(m *model) *broker {
	b := &broker{m: m}
	b.q = sim.NewQueue(m.env, m.cfg.Server.Count*m.cfg.Server.Workers, 0, m.warmup, b.deliver)
	b.q.SetWithdrawal(func(j *job) bool { return j.gone }, b.skip)
	return b
}

// publish receives a client's message; a full broker rejects it with a
// nack that travels back to the client.
func (b *broker) publish(j *job) {
	m := b.m
	j.t1 = m.env.Now()
	if c := m.cfg.Broker.Capacity; c > 0 && b.held >= c {
		m.count(j.r, &m.rec.rejected)
		if m.tracing {
			m.trace("r%d attempt %d rejected by the broker", j.r.id, j.attempt)
		}
		j.failed = true
		m.sendReply(j)
		return
	}
	b.held++
	if m.tracing {
		m.trace("r%d attempt %d published", j.r.id, j.attempt)
	}
	if m.zeroLatency {
		b.enqueue(j)
		return
	}
	m.env.Schedule(m.cfg.Broker.Latency.Sample(m.rngBroker), m.evAtBroker, j)
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

// deliver hands the message to a free worker of an up server.
func (b *broker) deliver(j *job) {
	m := b.m
	m.alive(j.dead, "attempt")
	j.queued--
	var s *server
	for range m.servers {
		c := m.servers[m.rr]
		m.nextServer()
		if !c.down && c.busy < m.cfg.Server.Workers {
			s = c
			break
		}
	}
	if s == nil {
		panic("models: broker delivered with no free consumer")
	}
	j.deliveries++
	d := m.newDelivery(j, s)
	m.releaseJob(j) // the queue's reference passes to the delivery
	s.busy++
	d.slot = len(s.consuming)
	s.consuming = append(s.consuming, d)
	if m.cfg.Broker.Delivery == AtLeastOnce {
		j.live = j.deliveries
		j.ackTimer.Reset(m.cfg.Broker.AckTimeout)
	} else {
		b.drop(j)
	}
	if m.tracing {
		m.trace("r%d attempt %d delivery %d to server %d", j.r.id, j.attempt, j.deliveries, s.idx)
	}
	m.env.Schedule(m.demand(j), m.evConsumeDone, d)
}

// consumeDone ends one delivery: an error nacks the message (at-least-once:
// redelivery) or loses it (at-most-once); success acks it and sends the
// reply to the client. The consumer settles the message before it takes
// the next one, so it never takes a copy of the message it is settling.
// Only the delivery that holds the message can nack it: once an ack
// timeout has put the message back, an older delivery's error changes
// nothing (its success still acks, see docs/model.md).
func (b *broker) consumeDone(d *delivery) {
	m := b.m
	m.alive(d.dead, "delivery")
	s, j := d.s, d.j
	if d.epoch != s.epoch {
		m.releaseDelivery(d) // lost in a crash, already accounted for
		return
	}
	b.unconsume(d)
	if bernoulli(m.cfg.Server.Error, m.rngServerErr) {
		m.count(j.r, &m.rec.errors)
		atMostOnce := m.cfg.Broker.Delivery == AtMostOnce
		stale := !atMostOnce && j.live != d.n
		if m.tracing {
			if stale {
				m.trace("r%d attempt %d consumer error on stale delivery %d", j.r.id, j.attempt, d.n)
			} else {
				m.trace("r%d attempt %d consumer error", j.r.id, j.attempt)
			}
		}
		switch {
		case atMostOnce:
			m.jobLost(j)
		case !stale:
			j.ackTimer.Stop()
			b.redeliver(j)
		}
		b.q.Done()
		m.releaseDelivery(d)
		return
	}
	j.successes++
	if m.tracing {
		m.trace("r%d attempt %d consumed on server %d", j.r.id, j.attempt, s.idx)
	}
	if j.successes > 1 {
		m.count(j.r, &m.rec.duplicates)
		if m.tracing {
			m.trace("r%d attempt %d processed again (duplicate)", j.r.id, j.attempt)
		}
	}
	if !j.gone {
		j.acked = true
		b.drop(j)
	}
	b.q.Done()
	// The delivery carries the reply back.
	if m.messageLost(j, "reply") {
		m.releaseDelivery(d)
		return
	}
	if m.zeroReply {
		m.onMQReply(d)
		return
	}
	m.env.Schedule(m.cfg.Network.Reply.Sample(m.rngReply), m.evMQReply, d)
}

func (m *model) onMQReply(a any) {
	d := a.(*delivery)
	m.alive(d.dead, "delivery")
	j := d.j
	j.refs++ // onReply releases one reference of the job
	m.onReply(j)
	m.releaseDelivery(d)
}

// redeliver puts an unacked message back at the tail of the queue, or
// dead-letters it after MaxDeliveries.
func (b *broker) redeliver(j *job) {
	m := b.m
	j.live = 0
	if j.deliveries >= m.cfg.Broker.MaxDeliveries {
		m.count(j.r, &m.rec.deadLetters)
		if m.tracing {
			m.trace("r%d attempt %d dead-lettered", j.r.id, j.attempt)
		}
		m.jobLost(j)
		b.drop(j)
		return
	}
	if m.tracing {
		m.trace("r%d attempt %d redelivered", j.r.id, j.attempt)
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
		b.m.trace("r%d attempt %d ack timeout", j.r.id, j.attempt)
	}
	b.redeliver(j)
}

func (b *broker) unconsume(d *delivery) {
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
			m.trace("r%d attempt %d delivery %d lost in the crash", d.j.r.id, d.j.attempt, d.j.deliveries)
		}
		if m.cfg.Broker.Delivery == AtMostOnce {
			// The message left the broker on delivery: it is lost. Under
			// at-least-once the broker still holds it and redelivers it.
			m.count(d.j.r, &m.rec.lost)
			m.jobLost(d.j)
		}
		b.q.Done()
	}
	s.consuming = s.consuming[:0]
	s.busy = 0
}

func (b *broker) recover(*server) { b.q.SetServers(b.upWorkers()) }

func (b *broker) upWorkers() int {
	n := 0
	for _, s := range b.m.servers {
		if !s.down {
			n += b.m.cfg.Server.Workers
		}
	}
	return n
}
