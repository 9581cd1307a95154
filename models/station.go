package models

import (
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// station is one service: its instances, its broker when it is reached
// through one, the hops its requests make, and its statistics.
type station struct {
	name      string
	cfg       *Service
	servers   []*server
	broker    *broker
	eject     *ejector // outlier ejection; nil = none
	steps     [][]*hop // the hops of each step of its calls
	need      []int    // successes each step needs
	rr        int      // round-robin position over instances
	rotate    bool     // balance is round-robin
	counts    bool     // the balance reads the instances' outstanding requests
	errP      float64  // cfg.Error, read on every service end
	capacity  int      // cfg.Capacity
	qTimeout  bool     // cfg.QueueTimeout > 0
	crashes   bool     // instances can crash: jobs in service are tracked
	zeroLat   bool     // the broker's latency is zero
	rngErr    *rand.Rand
	rngDemand *rand.Rand   // demands other than the first attempt's at the entry
	rngPick   *rand.Rand   // random and two-choices balancing
	rngLat    *rand.Rand   // broker latency
	stats     serviceStats // the run's
	win       serviceStats // the current time-series window's
	util      float64      // utilization over the window, at the horizon
	queue     float64      // waiting requests per instance, the same
}

// pick returns the instance a caller sends to, by the service's balance.
func (st *station) pick() *server {
	if st.rotate {
		s := st.servers[st.rr]
		st.nextServer()
		return s
	}
	if e := st.eject; e != nil && e.out > 0 && e.out < len(st.servers) {
		// Some instances ejected; when all are, the balance goes over all
		// of them, as Envoy's panic mode.
		return st.pickHealthy()
	}
	n := len(st.servers)
	switch st.cfg.Balance {
	case Random:
		if n == 1 {
			return st.servers[0]
		}
		return st.servers[st.rngPick.IntN(n)]
	case LeastOutstanding:
		best := st.servers[0]
		for _, s := range st.servers[1:] {
			if s.outstanding < best.outstanding {
				best = s
			}
		}
		return best
	case TwoChoices:
		if n == 1 {
			return st.servers[0]
		}
		i := st.rngPick.IntN(n)
		k := st.rngPick.IntN(n - 1)
		if k >= i {
			k++
		}
		a, b := st.servers[i], st.servers[k]
		if b.outstanding < a.outstanding {
			return b
		}
		return a
	}
	s := st.servers[st.rr]
	st.nextServer()
	return s
}

// nextServer advances the round-robin position (no division on the hot
// path).
func (st *station) nextServer() {
	st.rr++
	if st.rr == len(st.servers) {
		st.rr = 0
	}
}

// demand is the service demand of an attempt: the request's own for the
// first attempt at the entry service (common random numbers across
// policies), a fresh one otherwise.
func (m *model) demand(j *job) sim.Duration {
	if j.copy > 1 {
		return m.copyDemand(j)
	}
	if j.attempt == 1 && j.deliveries <= 1 && j.h.entry {
		return j.c.r.demand
	}
	st := j.h.to
	return st.cfg.Service.Sample(st.rngDemand)
}

// atServer offers an attempt to an instance chosen by the service's
// balance. A continuation never reaches here: it waits for a worker of its
// own instance.
func (m *model) atServer(j *job) {
	j.t1 = m.env.Now()
	st := j.h.to
	var s *server
	if st.rotate { // pick's common case, inlined
		s = st.servers[st.rr]
		st.nextServer()
	} else {
		s = st.pick()
	}
	if j.copy > 1 {
		s = m.copyInstance(j, s)
	}
	j.s = s
	if m.ev != nil {
		m.noteInstance(j, s)
	}
	m.arrived(j)
	if s.bucket != nil && !s.down && !s.bucket.take(j.t1) {
		m.rateLimited(j, s)
		return
	}
	full := st.capacity > 0 && s.q.Busy() >= s.q.Servers() && s.q.Len() >= st.capacity
	if s.down || full {
		m.countStation(j, cRejected)
		if m.tracing {
			m.trace("r%d%s attempt %d rejected by %s %d", j.root().id, j.h.label, j.attempt, m.serverWord(s), s.idx)
		}
		j.failed = true
		m.serviceOutcome(j, false)
		m.sendReply(j)
		return
	}
	if st.counts {
		s.outstanding++
	}
	if st.qTimeout {
		m.waitTimeout(j, s)
	}
	s.q.Arrive(j)
}

// serverStart returns the start hook of s's worker pool: a new attempt
// starts its own work, a continuation goes on with its calls.
func (m *model) serverStart(s *server) func(*job) {
	return func(j *job) {
		if j.resumed {
			j.resumed = false
			m.resume(j)
			return
		}
		if j.deadline != 0 && m.expiredAtStart(s, j) {
			return
		}
		if s.codel != nil && m.codelStart(s, j) {
			return
		}
		j.s, j.epoch = s, s.epoch
		if j.ackTimer.Pending() { // queue_timeout armed
			j.ackTimer.Stop()
		}
		if s.st.crashes { // only a crash needs to find the jobs in service
			j.slot = len(s.inService)
			s.inService = append(s.inService, j)
		}
		if m.tracing {
			m.trace("r%d%s attempt %d service starts on %s %d", j.root().id, j.h.label, j.attempt, m.serverWord(s), s.idx)
		}
		m.env.Schedule(m.demand(j), m.evServiceDone, j)
	}
}

// answered counts one request of s answered (or lost), for the balances
// that read the outstanding requests.
func (s *server) answered() {
	if s.counts {
		s.outstanding--
	}
}

// leave takes j off its instance's list of jobs in service.
func (s *server) leave(j *job) {
	if s.st.crashes {
		last := s.inService[len(s.inService)-1]
		s.inService[j.slot], last.slot = last, j.slot
		s.inService = s.inService[:len(s.inService)-1]
	}
}

// onServiceDone ends the service's own work on an attempt: an error
// replies at once; a service with calls goes on with them; otherwise the
// worker is free and the reply leaves.
func (m *model) onServiceDone(a any) {
	j := a.(*job)
	m.alive(j.dead, "attempt")
	if j.crashed {
		m.releaseJob(j)
		return
	}
	s := j.s
	st := s.st
	if len(st.steps) > 0 {
		if bernoulli(st.errP, st.rngErr) {
			m.serviceError(j)
			m.endWork(j, false)
			return
		}
		m.runStep(m.newTask(j, nil, s))
		return
	}
	s.leave(j)
	s.q.Done()
	s.answered()
	if bernoulli(st.errP, st.rngErr) {
		m.serviceError(j)
		j.failed = true
	} else if m.tracing {
		m.trace("r%d%s attempt %d served", j.root().id, j.h.label, j.attempt)
	}
	m.serviceOutcome(j, !j.failed)
	m.sendReply(j)
}

// serviceError counts a service's error on attempt j.
func (m *model) serviceError(j *job) {
	m.countStation(j, cErrors)
	if m.tracing {
		m.trace("r%d%s attempt %d server error", j.root().id, j.h.label, j.attempt)
	}
}

// endWork ends the work of a direct attempt that went through calls (or
// failed before them): the worker is released and the reply leaves.
func (m *model) endWork(j *job, ok bool) {
	s := j.s
	s.leave(j)
	s.q.Done()
	s.answered()
	j.failed = !ok
	if ok && m.tracing {
		m.trace("r%d%s attempt %d served", j.root().id, j.h.label, j.attempt)
	}
	m.serviceOutcome(j, ok)
	m.sendReply(j)
}

// onCrash takes an instance down: work in service and waiting is lost, and
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
		m.trace("%s %d crashed", m.serverWord(s), s.idx)
	}
	st := s.st
	if st.broker != nil {
		st.broker.crash(s)
	} else {
		for _, j := range s.inService {
			j.crashed = true
			m.lostInCrash(s, j, "")
			if j.tk != nil {
				// In its calls phase: no completion event will release it.
				m.dropTask(j.tk)
			}
		}
		s.inService = s.inService[:0]
		s.q.Clear(func(j *job) {
			if j.crashed || j.gone { // a continuation, lost above; or shed
				m.releaseJob(j)
				return
			}
			j.ackTimer.Stop() // queue_timeout
			m.lostInCrash(s, j, " (waiting)")
			m.releaseJob(j)
		})
	}
	m.env.Schedule(st.cfg.Crash.Downtime.Sample(s.crashRNG), m.evRecover, s)
}

// lostInCrash accounts for attempt j, in service or waiting on instance
// s when it crashed (where is "" or " (waiting)" in the trace).
func (m *model) lostInCrash(s *server, j *job, where string) {
	s.answered()
	m.count(j.root(), cLost)
	m.serviceOutcome(j, false)
	if m.tracing {
		m.trace("r%d%s attempt %d lost in the crash%s", j.root().id, j.h.label, j.attempt, where)
	}
	m.jobLost(j)
}

func (m *model) onRecover(a any) {
	s := a.(*server)
	s.down = false
	if m.tracing {
		m.trace("%s %d recovered", m.serverWord(s), s.idx)
	}
	st := s.st
	if st.broker != nil {
		st.broker.recover(s)
	}
	m.env.Schedule(st.cfg.Crash.Uptime.Sample(s.crashRNG), m.evCrash, s)
}

// serverWord names an instance in trace lines: "server" in a one-tier
// model, "api" in a graph.
func (m *model) serverWord(s *server) string {
	if !m.graph {
		return "server"
	}
	return s.st.name
}

// newStation builds the station of service cfg with the streams named by
// names.
func (m *model) newStation(cfg *Service, st2 distributions.Streams, names stationStreams) *station {
	st := &station{name: cfg.Name, cfg: cfg, crashes: cfg.Crash != nil, rotate: cfg.Balance == RoundRobin,
		counts: cfg.Balance == LeastOutstanding || cfg.Balance == TwoChoices,
		errP:   cfg.Error, capacity: cfg.Capacity}
	st.rngErr = st2.Stream(names.err)
	st.rngDemand = st2.Stream(names.demand)
	if cfg.Balance == Random || cfg.Balance == TwoChoices {
		st.rngPick = st2.Stream(names.pick)
	}
	st.rngLat = st2.Stream(names.latency)
	st.zeroLat = distributions.IsZero(cfg.Broker.Latency)
	for i := range cfg.Instances {
		s := &server{idx: i, st: st, counts: st.counts}
		if cfg.Crash != nil {
			s.crashRNG = st2.Stream(names.crash(i))
		}
		st.servers = append(st.servers, s)
	}
	return st
}

// stationStreams are the names of a station's random streams.
type stationStreams struct {
	err, demand, pick, latency string
	crash                      func(i int) string
}
