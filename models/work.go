package models

// runToMiddle runs the model to the middle of the window [warmup,
// horizon] and returns the work in the system then, or 0 when the run
// stopped on an error. Running in two steps changes nothing: RunUntil
// runs the events before its time in order, and nothing is scheduled
// between the two calls.
func (m *model) runToMiddle() float64 {
	mid := m.warmup + (m.horizon-m.warmup)/2
	m.env.RunUntil(mid)
	if m.err != nil {
		return 0
	}
	return m.work()
}

// work returns the work in the system now: the requests of the window
// without an outcome, plus the attempts waiting in the queues of the
// servers and brokers (which hold attempts whose caller gave up too, so
// that a backlog behind timeouts counts). It grows without bound in a
// run past capacity and stays level in a steady state.
func (m *model) work() float64 {
	return float64(int(m.undecided) + m.queued())
}

// queued returns the attempts waiting in the queues of the servers and
// brokers of every station.
func (m *model) queued() int {
	n := 0
	for _, st := range m.stations {
		for _, s := range st.servers {
			if s.q != nil {
				n += s.q.Len()
			}
		}
		if st.broker != nil {
			n += st.broker.q.Len()
		}
	}
	return n
}
