package models

// Reply processing on the client (t2 → t3).

// process runs the handler for a received reply according to the policy:
// on the blocked thread (sync) or on one of the client's executors.
func (m *model) process(r *request) {
	if m.zeroHandler {
		m.handlerDone(r)
		return
	}
	if m.cfg.Policy == Sync {
		m.env.Schedule(m.cfg.Handler.Time.Sample(m.rngHandler), m.evHandlerDone, r)
		return
	}
	m.loopArrive(r)
}

// loopStart runs when an executor picks up a reply: one callback, or the
// event's listeners one after another.
func (m *model) loopStart(r *request) {
	if m.tracing {
		m.trace("r%d handler starts", r.id)
	}
	d := m.cfg.Handler.Time.Sample(m.rngHandler)
	if m.cfg.Policy == Event {
		for range m.cfg.Handler.Listeners - 1 {
			d += m.cfg.Handler.Time.Sample(m.rngHandler)
		}
	}
	m.env.Schedule(d, m.evLoopDone, r)
}

func (m *model) onLoopDone(a any) {
	r := a.(*request)
	m.loopDone(r.c)
	m.handlerDone(r)
}

// handlerDone ends processing: a handler error fails the request (never
// retried), otherwise it succeeds. Under event, each listener can fail.
func (m *model) handlerDone(r *request) {
	p := m.cfg.Handler.Error
	runs := 1
	if m.cfg.Policy == Event {
		runs = m.cfg.Handler.Listeners
	}
	for range runs {
		if bernoulli(p, m.rngHandlerErr) {
			m.count(r, cErrors)
			if m.tracing {
				m.trace("r%d handler error", r.id)
			}
			m.finish(r, false, true)
			return
		}
	}
	m.finish(r, true, true)
}
