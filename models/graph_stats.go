package models

import (
	"github.com/asyncsim/asyncsim/sim"
)

// serviceStats are the per-service statistics of a graph: attempts that
// reached the service and what became of them. A station keeps two: the
// run's, of the attempts of requests created at or after warm-up, and the
// current time-series window's, of every attempt.
type serviceStats struct {
	requests, succeeded, failed, rejected, errors int64
	expired, shed, rateLimited, ejections         int64
	sumDelay                                      float64 // seconds
	maxDelay                                      sim.Duration
	delay                                         *hist
}

func (s *serviceStats) init(u *Reuse) { s.delay = u.histogram() }

// reset empties s for the next time-series window.
func (s *serviceStats) reset() {
	h := s.delay
	h.reset()
	*s = serviceStats{delay: h}
}

// arrived counts an attempt reaching its service (or the service's
// broker).
func (m *model) arrived(j *job) {
	if !m.graph {
		return
	}
	j.tracked = true
	st := j.h.to
	if j.root().counted {
		j.counted = true
		st.stats.requests++
	}
	if m.series != nil {
		st.win.requests++
	}
}

// serviceOutcome records the outcome of attempt j at its service, once:
// success with its delay from arrival to the reply leaving (or the end of
// the work when nobody waits), or failure.
func (m *model) serviceOutcome(j *job, ok bool) {
	if j.tracked && !j.finished { // small enough to inline: one-tier models pay a test
		m.recordOutcome(j, ok)
	}
}

func (m *model) recordOutcome(j *job, ok bool) {
	j.finished = true
	st := j.h.to
	d := m.env.Now().Sub(j.t1)
	if j.counted {
		st.stats.outcome(ok, d)
	}
	if m.series != nil {
		st.win.outcome(ok, d)
	}
}

func (s *serviceStats) outcome(ok bool, d sim.Duration) {
	if !ok {
		s.failed++
		return
	}
	s.succeeded++
	s.sumDelay += d.Seconds()
	s.maxDelay = max(s.maxDelay, d)
	record(s.delay, d)
}

// graphMetrics returns the per-service and per-hop metrics in the order
// of GraphMetricNames.
func (m *model) graphMetrics() []float64 {
	values := map[string]float64{}
	for i, e := range m.edges {
		h := m.edgeStat[i]
		p := "call." + e.from + "." + e.to + "."
		values[p+"attempts"] = float64(h.attempts)
		values[p+"fallbacks"] = float64(h.fallbacks)
		values[p+"late"] = float64(h.late)
		values[p+"retries"] = float64(h.retries)
		values[p+"timeouts"] = float64(h.timeouts)
		values[p+"short_circuited"] = float64(h.shortCircuited)
		values[p+"hedges"] = float64(h.hedges)
		values[p+"budget_exhausted"] = float64(h.budgetExhausted)
	}
	for _, st := range m.stations {
		s := &st.stats
		p := "service." + st.name + "."
		util, queue := st.util, st.queue
		values[p+"delay.mean"] = nan(s.sumDelay/float64(s.succeeded), s.succeeded)
		values[p+"delay.p99"] = quantile(s.delay, 99, s.maxDelay)
		values[p+"errors"] = float64(s.errors)
		values[p+"failed"] = float64(s.failed)
		values[p+"queue.mean"] = queue
		values[p+"rejected"] = float64(s.rejected)
		values[p+"requests"] = float64(s.requests)
		values[p+"succeeded"] = float64(s.succeeded)
		values[p+"utilization"] = util
		values[p+"expired"] = float64(s.expired)
		values[p+"shed"] = float64(s.shed)
		values[p+"rate_limited"] = float64(s.rateLimited)
		values[p+"ejections"] = float64(s.ejections)
	}
	names := GraphMetricNames(&m.cfg)
	out := make([]float64, len(names))
	for i, n := range names {
		v, ok := values[n]
		if !ok {
			panic("models: no value for metric " + n)
		}
		out[i] = v
	}
	return out
}

// load returns a station's utilization (busy workers over workers) and
// mean number of waiting requests per instance, time-averaged.
func (st *station) load(end sim.Time) (util, queue float64) {
	n := float64(len(st.servers))
	u, w := st.means(end)
	return u / (float64(st.cfg.Workers) * n), w / n
}

// means returns a station's busy workers and waiting requests, each
// time-averaged from the warm-up to end and summed over its instances (or
// its broker's).
func (st *station) means(end sim.Time) (busy, wait float64) {
	if b := st.broker; b != nil {
		return b.q.BusyAvg.Mean(end), b.q.WaitAvg.Mean(end)
	}
	for _, s := range st.servers {
		busy += s.q.BusyAvg.Mean(end)
		wait += s.q.WaitAvg.Mean(end)
	}
	return busy, wait
}
