package models

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// Server side of the direct policies (sync, callback, event), and crashes.

// atServer offers an attempt to the next server in round-robin order.
func (m *model) atServer(j *job) {
	j.t1 = m.env.Now()
	s := m.servers[m.rr]
	m.nextServer()
	if s.down || !s.q.Arrive(j) {
		m.count(j.r, &m.rec.rejected)
		if m.tracing {
			m.trace("r%d attempt %d rejected by server %d", j.r.id, j.attempt, s.idx)
		}
		j.failed = true
		m.sendReply(j)
	}
}

// serverStart returns the start hook of s's worker pool.
func (m *model) serverStart(s *server) func(*job) {
	return func(j *job) {
		j.s, j.epoch = s, s.epoch
		if m.crashes { // only a crash needs to find the jobs in service
			j.slot = len(s.inService)
			s.inService = append(s.inService, j)
		}
		if m.tracing {
			m.trace("r%d attempt %d service starts on server %d", j.r.id, j.attempt, s.idx)
		}
		m.env.Schedule(m.demand(j), m.evServiceDone, j)
	}
}

// demand is the service demand of an attempt: the request's own for its
// first attempt (common random numbers across policies), a fresh one after.
func (m *model) demand(j *job) sim.Duration {
	if j.attempt == 1 && j.deliveries <= 1 {
		return j.r.demand
	}
	return m.cfg.Server.Service.Sample(m.rngRetryService)
}

func (m *model) onServiceDone(a any) {
	j := a.(*job)
	m.alive(j.dead, "attempt")
	if j.crashed {
		m.releaseJob(j)
		return
	}
	s := j.s
	if m.crashes {
		last := s.inService[len(s.inService)-1]
		s.inService[j.slot], last.slot = last, j.slot
		s.inService = s.inService[:len(s.inService)-1]
	}
	s.q.Done()
	if bernoulli(m.cfg.Server.Error, m.rngServerErr) {
		m.count(j.r, &m.rec.errors)
		if m.tracing {
			m.trace("r%d attempt %d server error", j.r.id, j.attempt)
		}
		j.failed = true
	} else if m.tracing {
		m.trace("r%d attempt %d served", j.r.id, j.attempt)
	}
	m.sendReply(j)
}

// onCrash takes a server down: work in service and waiting is lost, and
// arrivals are rejected until it recovers.
func (m *model) onCrash(a any) {
	s := a.(*server)
	// Crashes come without arrivals: they count toward the periodic look
	// too, so that a crash cycle that cannot advance the clock is caught.
	if m.checkBacklog(); m.err != nil {
		return
	}
	s.down = true
	s.epoch++
	if m.tracing {
		m.trace("server %d crashed", s.idx)
	}
	if m.broker != nil {
		m.broker.crash(s)
	} else {
		for _, j := range s.inService {
			j.crashed = true
			m.count(j.r, &m.rec.lost)
			if m.tracing {
				m.trace("r%d attempt %d lost in the crash", j.r.id, j.attempt)
			}
			m.jobLost(j) // the job itself is released by its completion event
		}
		s.inService = s.inService[:0]
		s.q.Clear(func(j *job) {
			m.count(j.r, &m.rec.lost)
			if m.tracing {
				m.trace("r%d attempt %d lost in the crash (waiting)", j.r.id, j.attempt)
			}
			m.jobLost(j)
			m.releaseJob(j)
		})
	}
	m.env.Schedule(m.cfg.Server.Crash.Downtime.Sample(s.crashRNG), m.evRecover, s)
}

func (m *model) onRecover(a any) {
	s := a.(*server)
	s.down = false
	if m.tracing {
		m.trace("server %d recovered", s.idx)
	}
	if m.broker != nil {
		m.broker.recover(s)
	}
	m.env.Schedule(m.cfg.Server.Crash.Uptime.Sample(s.crashRNG), m.evCrash, s)
}

// nextServer advances the round-robin position (no division on the hot
// path).
func (m *model) nextServer() {
	m.rr++
	if m.rr == len(m.servers) {
		m.rr = 0
	}
}

// scale multiplies a duration by f, saturating at about 100 years.
func scale(d sim.Duration, f float64) sim.Duration {
	x := float64(d) * f
	if x > float64(100*365*24*sim.Hour) {
		return 100 * 365 * 24 * sim.Hour
	}
	return sim.Duration(math.Round(x))
}

func pow(x float64, n int) float64 { return math.Pow(x, float64(n)) }
