package models

import (
	"math"
	"slices"
	"strings"

	"github.com/asyncsim/asyncsim/sim"
)

// series records a run's time series: every request and event counts in
// the window of the instant it happens (requests by creation, outcomes
// when they are known), whatever the warm-up. Its memory is one row per
// window: the window's delay histogram (and a service graph's per-service
// ones) is emptied at the end of each window and reused.
type series struct {
	window     sim.Duration
	start      sim.Time // the current window's start
	n, prev    counts   // event counters, now and at the window's start
	requests   int64    // created in the window
	succeeded  int64
	failed     int64
	live       int64 // created and not yet finished
	sumDelay   float64
	delay      winHist
	busy, wait float64 // areas of the entry service at the window's start
	svcAreas   []float64
	rows       []float64
}

func newSeries(window sim.Duration) *series {
	return &series{window: window}
}

// created counts a new request.
func (s *series) created() {
	s.requests++
	s.live++
}

// finished counts a request's outcome, and its delay when it succeeded.
func (s *series) finished(ok bool, delay sim.Duration) {
	s.live--
	if !ok {
		s.failed++
		return
	}
	s.succeeded++
	s.sumDelay += delay.Seconds()
	s.delay.record(delay)
}

// onWindow ends the current window and starts the next.
func (m *model) onWindow(any) {
	m.closeWindow(m.env.Now())
	m.env.Schedule(m.series.window, m.evWindow, nil)
}

// closeWindow appends the row of the window [s.start, end) and starts
// the next one at end. The last window of a run can be cut short by its
// end: its throughput is still per window (what it completed over the
// window's length), and its time averages cover the part simulated.
func (m *model) closeWindow(end sim.Time) {
	s := m.series
	length := end.Sub(s.start).Seconds()
	if length <= 0 {
		return
	}
	d := s.n
	for k := range d {
		d[k] -= s.prev[k]
	}
	row := append(s.rows, s.start.Seconds(),
		float64(s.requests), float64(d[cAttempts]), float64(s.succeeded), float64(s.failed),
		float64(s.succeeded)/s.window.Seconds(), float64(s.live),
		float64(d[cTimeouts]), float64(d[cRetries]), float64(d[cRejected]), float64(d[cLost]), float64(d[cLate]),
		float64(d[cShortCircuited]), float64(d[cHedges]), float64(d[cExpired]), float64(d[cShed]),
		float64(d[cRateLimited]), float64(d[cEjections]), float64(d[cBudgetExhausted]), float64(d[cFallbacks]),
		nan(s.sumDelay/float64(s.succeeded), s.succeeded),
		s.delay.quantile(50), s.delay.quantile(99))
	var util, queue float64
	util, queue, s.busy, s.wait = m.windowLoad(m.entry.to, s.start, end, s.busy, s.wait)
	row = append(row, util, queue)
	if m.graph {
		// Per-service columns, in the sorted order of SeriesNames.
		for i, st := range m.sortedStations() {
			w := &st.win
			u, q, b, wt := m.windowLoad(st, s.start, end, s.svcAreas[2*i], s.svcAreas[2*i+1])
			s.svcAreas[2*i], s.svcAreas[2*i+1] = b, wt
			for _, suffix := range ServiceMetricSuffixes {
				row = append(row, w.value(suffix, u, q))
			}
			w.reset()
		}
	}
	s.rows = row
	s.prev = s.n
	s.requests, s.succeeded, s.failed = 0, 0, 0
	s.sumDelay = 0
	s.delay.reset()
	s.start = end
}

// value returns a per-service time-series column of window w.
func (w *serviceStats) value(suffix string, util, queue float64) float64 {
	switch suffix {
	case "requests":
		return float64(w.requests)
	case "succeeded":
		return float64(w.succeeded)
	case "failed":
		return float64(w.failed)
	case "rejected":
		return float64(w.rejected)
	case "errors":
		return float64(w.errors)
	case "expired":
		return float64(w.expired)
	case "shed":
		return float64(w.shed)
	case "rate_limited":
		return float64(w.rateLimited)
	case "ejections":
		return float64(w.ejections)
	case "delay.mean":
		return nan(w.sumDelay/float64(w.succeeded), w.succeeded)
	case "delay.p99":
		return quantile(w.delay, 99, w.maxDelay)
	case "utilization":
		return util
	case "queue.mean":
		return queue
	}
	panic("models: no series value for service metric " + suffix)
}

// windowLoad returns a station's utilization and mean waiting requests
// per instance over [start, end), from the areas under its busy and
// waiting counts, with the areas at end. The time averages count from the
// warm-up: a window before it has none (NaN), and one across it covers
// its part after the warm-up.
func (m *model) windowLoad(st *station, start, end sim.Time, busy0, wait0 float64) (util, queue, busy, wait float64) {
	if end <= m.warmup {
		return math.NaN(), math.NaN(), 0, 0
	}
	busy, wait = st.areas(end, m.warmup)
	from := max(start, m.warmup)
	dt := float64(end - from)
	n := float64(len(st.servers))
	return (busy - busy0) / dt / (float64(st.cfg.Workers) * n), (wait - wait0) / dt / n, busy, wait
}

// areas returns the areas under a station's busy workers and waiting
// requests from warmup to t (in worker-nanoseconds).
func (st *station) areas(t, warmup sim.Time) (busy, wait float64) {
	span := float64(t - warmup)
	busy, wait = st.means(t)
	return busy * span, wait * span
}

// sortedStations returns the stations in the order of their names.
func (m *model) sortedStations() []*station {
	if m.byName == nil {
		m.byName = slices.SortedFunc(slices.Values(m.stations), func(a, b *station) int { return strings.Compare(a.name, b.name) })
	}
	return m.byName
}
