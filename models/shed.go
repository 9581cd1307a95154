package models

// queue_timeout: an attempt that has waited longer than the service's
// queue_timeout in an instance's waiting room is shed at that moment.
// Its job's timer (ackTimer, which only mq uses otherwise) is armed when
// it starts to wait and stopped when it gets a worker; when it fires the
// attempt is withdrawn from the waiting room (sim.Queue.Withdraw: it stops
// counting as waiting at once, and its place is skipped when it reaches
// the head) and an error reply leaves. Continuations, which wait for a
// worker of their own instance to go on with their calls, are never shed.

// waitTimeout arms the queue timeout of attempt j, about to wait on
// instance s (every worker busy).
func (m *model) waitTimeout(j *job, s *server) {
	if s.q.Busy() >= s.q.Servers() {
		j.ackTimer.Reset(s.st.cfg.QueueTimeout)
	}
}

// queueTimedOut sheds attempt j, which waited too long on its instance.
func (m *model) queueTimedOut(j *job) {
	m.alive(j.dead, "attempt")
	s := j.s
	j.gone = true
	s.q.Withdraw()
	s.answered()
	m.countStation(j, cShed)
	if m.tracing {
		m.trace("r%d%s attempt %d shed after waiting %v on %s %d", j.root().id, j.h.label, j.attempt, s.st.cfg.QueueTimeout, m.serverWord(s), s.idx)
	}
	j.failed = true
	m.serviceOutcome(j, false)
	j.refs++ // the waiting room's, dropped when the queue skips it
	m.sendReply(j)
}
