package models

import "github.com/asyncsim/asyncsim/sim"

// Outlier ejection, as Envoy's consecutive-5xx detection: the detector
// (here) counts each instance's failed answers in a row and marks it
// ejected; the balance (station.pick) only skips marked instances.
//
// Every reply an instance sends counts: an error reply (a service error, a
// rejection by a full or crashed instance, rate_limited, shed, a failed
// call) adds one to its run of failures, a success resets it to 0. When the
// run reaches consecutive_errors the run restarts from 0 and the instance
// is ejected for `for`, unless one more ejected instance would put the
// ejected share above max_percent of the service's instances (Envoy's
// max_ejection_percent; 0 never ejects). Replies an ejected instance still
// sends (work it had accepted) do not count. Unlike Envoy, which multiplies
// its base ejection time by the number of times the instance has been
// ejected, an ejection always lasts `for`.

// ejector is the outlier detection of one station.
type ejector struct {
	cfg    Eject
	out    int       // instances ejected now
	onBack func(any) // the return event, bound once
}

// outlier is the outlier detection state of one instance.
type outlier struct {
	fails   int  // failed answers in a row
	ejected bool // skipped by the balance
	back    sim.Timer
}

func (m *model) startEjector(st *station) {
	e := &ejector{cfg: *st.cfg.Eject}
	e.onBack = func(a any) { m.unEject(a.(*server)) }
	st.eject = e
	st.rotate = false // pick handles the round-robin that skips ejected instances
	for _, s := range st.servers {
		s.ej = &outlier{}
		s.ej.back.Init(m.env, e.onBack, s)
	}
}

// replied records the answer of attempt j's instance, about to leave.
func (m *model) replied(j *job) {
	s := j.s
	o := s.ej
	if o.ejected {
		return
	}
	if !j.failed {
		o.fails = 0
		return
	}
	o.fails++
	if o.fails < s.st.eject.cfg.ConsecutiveErrors {
		return
	}
	o.fails = 0
	m.ejectInstance(s)
}

// ejectInstance ejects s for the station's ejection time, unless the share
// of ejected instances would pass max_percent.
func (m *model) ejectInstance(s *server) {
	st := s.st
	e := st.eject
	if float64(e.out+1)*100 > e.cfg.MaxPercent*float64(len(st.servers)) {
		if m.tracing {
			m.trace("%s %d not ejected: %d of %d instances would be above max_percent %v", m.serverWord(s), s.idx, e.out+1, len(st.servers), e.cfg.MaxPercent)
		}
		return
	}
	s.ej.ejected = true
	e.out++
	s.ej.back.Reset(e.cfg.For)
	now := m.env.Now()
	if now >= m.warmup {
		m.rec.n[cEjections]++
		st.stats.ejections++
	}
	if m.series != nil {
		m.series.n[cEjections]++
		st.win.ejections++
	}
	if m.tracing {
		m.trace("%s %d ejected for %v", m.serverWord(s), s.idx, e.cfg.For)
	}
}

// unEject returns an ejected instance to the balance.
func (m *model) unEject(s *server) {
	s.ej.ejected = false
	s.ej.fails = 0
	s.st.eject.out--
	if m.tracing {
		m.trace("%s %d returns from ejection", m.serverWord(s), s.idx)
	}
}

// pickHealthy is pick while some instances, not all, are ejected: the
// same balance over the instances that are not.
func (st *station) pickHealthy() *server {
	h := len(st.servers) - st.eject.out
	switch st.cfg.Balance {
	case Random:
		if h == 1 {
			return st.healthy(0)
		}
		return st.healthy(st.rngPick.IntN(h))
	case LeastOutstanding:
		var best *server
		for _, s := range st.servers {
			if !s.ej.ejected && (best == nil || s.outstanding < best.outstanding) {
				best = s
			}
		}
		return best
	case TwoChoices:
		if h == 1 {
			return st.healthy(0)
		}
		i := st.rngPick.IntN(h)
		k := st.rngPick.IntN(h - 1)
		if k >= i {
			k++
		}
		a, b := st.healthy(i), st.healthy(k)
		if b.outstanding < a.outstanding {
			return b
		}
		return a
	}
	for {
		s := st.servers[st.rr]
		st.nextServer()
		if !s.ej.ejected {
			return s
		}
	}
}

// healthy returns the k-th instance (from 0) that is not ejected.
func (st *station) healthy(k int) *server {
	for _, s := range st.servers {
		if s.ej.ejected {
			continue
		}
		if k == 0 {
			return s
		}
		k--
	}
	panic("models: fewer instances in the balance than counted")
}
