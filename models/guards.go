package models

// The service-side mechanisms of SPEC §10 (rate_limit, queue_timeout,
// codel and adaptive-lifo, eject) each live in a file of their own; this
// one sets them up on a station and counts what they do.

// startGuards sets up the service-side mechanisms of station st that are
// on; a station without any keeps nil pointers and zero fields, so that
// each hot-path check costs one test.
func (m *model) startGuards(st *station) {
	cfg := st.cfg
	if rl := cfg.RateLimit; rl != nil {
		for _, s := range st.servers {
			s.bucket = newTokenBucket(rl, m.env.Now())
		}
	}
	if q := cfg.Queue; q == CoDel || q == AdaptiveLIFO {
		for _, s := range st.servers {
			s.codel = newCodel(cfg.Codel, q == AdaptiveLIFO)
		}
	}
	if cfg.Eject != nil {
		m.startEjector(st)
	}
	if cfg.QueueTimeout > 0 {
		st.qTimeout = true
		for _, s := range st.servers {
			s.q.SetWithdrawal(func(j *job) bool { return j.gone }, m.releaseJob)
		}
	}
}

// countStation counts one event k (rejected, errors, shed, rate_limited,
// expired) of attempt j at its service: for the run and, in a graph, for
// the service.
func (m *model) countStation(j *job, k counter) {
	m.count(j.root(), k)
	if !j.tracked {
		return
	}
	st := j.h.to
	if j.counted {
		st.stats.add(k)
	}
	if m.series != nil {
		st.win.add(k)
	}
}

// add increments the per-service counter of event k.
func (s *serviceStats) add(k counter) {
	switch k {
	case cRejected:
		s.rejected++
	case cErrors:
		s.errors++
	case cShed:
		s.shed++
	case cRateLimited:
		s.rateLimited++
	case cExpired:
		s.expired++
	case cEjections:
		s.ejections++
	default:
		panic("models: no per-service counter for this event")
	}
}
