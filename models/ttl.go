package models

// expiredTTL reports whether message j, about to be delivered, is older
// than the broker's ttl (since it was published); if so it is removed
// from the broker, unserved and never redelivered, nothing is replied
// (its caller's timeout fires, as for a lost message), and the consumer
// goes on to the next message. The queue's reference to j is dropped.
func (b *broker) expiredTTL(j *job) bool {
	m := b.m
	age := m.env.Now().Sub(j.t1)
	if age <= b.cfg.TTL {
		return false
	}
	m.countStation(j, cExpired)
	if m.tracing {
		m.trace("r%d%s attempt %d expired in the broker: %v old, ttl %v", j.root().id, j.h.label, j.attempt, age, b.cfg.TTL)
	}
	m.jobLost(j)
	b.discardAtDelivery(j)
	return true
}

// discardAtDelivery removes message j, about to be delivered, from the
// broker unserved, as an ack would (it is never redelivered), drops the
// queue's reference to it, and lets the consumer go on to the next
// message.
func (b *broker) discardAtDelivery(j *job) {
	if !j.gone {
		b.drop(j)
	}
	b.settledIfGone(j)
	b.m.releaseJob(j)
	b.drops.next(b.q)
}
