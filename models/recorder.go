package models

import (
	"github.com/asyncsim/asyncsim/sim"
)

// recorder accumulates the counts and delays of one run. Means are exact
// sums; percentiles come from histograms with the buckets of HdrHistogram
// at two significant digits (relative error below 1%, see hist) whose
// memory is fixed by the value range, not by the number of requests.
//
// HdrHistogram's buckets rather than DDSketch: recording is a few shifts
// and an increment with no logarithm and no allocation, and its error
// bound (1 part in 128 here) is what the metric contract asks for.
type recorder struct {
	requests, succeeded, failed         int64
	completions                         int64
	n                                   counts
	sumDelay, sumSend, sumRecv, sumProc float64      // seconds
	maxDelay, maxSend, maxRecv, maxProc sim.Duration // exact, to clamp percentiles
	delay, send, receive, process       *hist
	// zeros counts zero values of send, receive and process, recorded in
	// one call at the end: parts that a policy makes zero (no network, no
	// handler) then cost a comparison instead of a histogram update.
	zeroSend, zeroRecv, zeroProc int64
	// recvApart is false while every success had zero send and process
	// parts, so that its receive part was its delay: the receive
	// histogram is then left empty and made a copy of the delay
	// histogram when it is read or the first other success comes (see
	// receiveApart), which spares a histogram update per request when
	// the network and the handler take no time.
	recvApart bool
	// slo is Options.SLO, 0 for none; withinSLO counts the successes
	// with a delay of at most slo.
	slo       sim.Duration
	withinSLO int64
}

// maxTracked is the largest delay the histograms resolve (100 days);
// longer delays are recorded as this value.
const maxTracked = int64(100 * 24 * sim.Hour)

// init gives r its empty histograms, from u when not nil (see Reuse).
func (r *recorder) init(u *Reuse) {
	r.delay = u.histogram()
	r.send = u.histogram()
	r.receive = u.histogram()
	r.process = u.histogram()
}

// recordPart records d, counting zeros apart (see flushZeros).
func recordPart(h *hist, d sim.Duration, zeros *int64) {
	if d == 0 {
		*zeros++
		return
	}
	record(h, d)
}

// flushZeros adds the zero values counted apart to their histograms,
// and the receive parts that were the delays (see recvApart).
func (r *recorder) flushZeros() {
	r.receiveApart()
	for _, z := range []struct {
		h *hist
		n *int64
	}{{r.send, &r.zeroSend}, {r.receive, &r.zeroRecv}, {r.process, &r.zeroProc}} {
		if *z.n > 0 {
			z.h.recordN(0, *z.n)
			*z.n = 0
		}
	}
}

func record(h *hist, d sim.Duration) { h.recordN(int64(d), 1) }

// success records a successful request of the window.
func (r *recorder) success(q *request) {
	r.succeeded++
	delay := q.t3.Sub(q.t0)
	send, recv, proc := q.t1.Sub(q.t0), q.t2.Sub(q.t1), q.t3.Sub(q.t2)
	r.sumDelay += float64(delay) * 1e-9
	r.sumSend += float64(send) * 1e-9
	r.sumRecv += float64(recv) * 1e-9
	r.sumProc += float64(proc) * 1e-9
	r.maxDelay = max(r.maxDelay, delay)
	if delay <= r.slo {
		r.withinSLO++
	}
	r.maxSend = max(r.maxSend, send)
	r.maxRecv = max(r.maxRecv, recv)
	r.maxProc = max(r.maxProc, proc)
	if send != 0 || proc != 0 {
		r.receiveApart()
	}
	record(r.delay, delay)
	recordPart(r.send, send, &r.zeroSend)
	if r.recvApart {
		recordPart(r.receive, recv, &r.zeroRecv)
	}
	recordPart(r.process, proc, &r.zeroProc)
}

// receiveApart gives the receive histogram its own values from now on:
// until then they were those of the delay histogram, which it copies.
func (r *recorder) receiveApart() {
	if !r.recvApart {
		r.recvApart = true
		r.receive.merge(r.delay)
	}
}

// quantile returns the q-th percentile of h in seconds, clamped to the
// largest value recorded (see hist.quantile).
func quantile(h *hist, q float64, maxValue sim.Duration) float64 {
	return h.quantile(q, maxValue)
}

// windowMetrics computes the time-weighted outputs of the window
// [warmup, horizon], at the horizon, before the drain.
func (m *model) windowMetrics() Metrics {
	end := m.horizon
	var out Metrics
	// The server.* columns describe the entry service.
	out.ServerUtilization, out.ServerQueueMean = m.entry.to.load(end)
	var cu float64
	for _, c := range m.clients {
		if m.cfg.Policy == Sync {
			cu += c.slots.BusyAvg.Mean(end) / float64(m.cfg.Clients.Threads)
		} else {
			cu += c.loops.BusyAvg.Mean(end) / float64(m.cfg.Clients.Loops)
		}
	}
	out.ClientUtilization = cu / float64(len(m.clients))
	out.Warmup = m.warmup.Seconds()
	for _, st := range m.stations {
		st.util, st.queue = st.load(end)
	}
	return out
}

// countMetrics fills in the outputs that count requests and events, at
// the end of the run (after the drain).
func (m *model) countMetrics(out *Metrics) {
	r := &m.rec
	r.flushZeros()
	window := m.horizon.Sub(m.warmup).Seconds()
	n := r.succeeded
	out.Requests = float64(r.requests)
	out.Succeeded = float64(r.succeeded)
	out.Failed = float64(r.failed)
	out.InFlight = float64(r.requests - r.succeeded - r.failed)
	out.Throughput = float64(r.completions) / window
	// Every request counts: one still undecided counts against it.
	out.Reliability = nan(float64(r.succeeded)/float64(r.requests), r.requests)
	out.DelayMean = nan(r.sumDelay/float64(n), n)
	out.DelayP50 = quantile(r.delay, 50, r.maxDelay)
	out.DelayP90 = quantile(r.delay, 90, r.maxDelay)
	out.DelayP95 = quantile(r.delay, 95, r.maxDelay)
	out.DelayP99 = quantile(r.delay, 99, r.maxDelay)
	out.DelayMax = nan(r.maxDelay.Seconds(), n)
	m.percentileMetrics(out)
	out.SendMean = nan(r.sumSend/float64(n), n)
	out.ReceiveMean = nan(r.sumRecv/float64(n), n)
	out.ProcessMean = nan(r.sumProc/float64(n), n)
	out.SendP99 = quantile(r.send, 99, r.maxSend)
	out.ReceiveP99 = quantile(r.receive, 99, r.maxRecv)
	out.ProcessP99 = quantile(r.process, 99, r.maxProc)
	out.Attempts = float64(r.n[cAttempts])
	out.Amplification = nan(out.Attempts/float64(r.requests), r.requests)
	out.Retries = float64(r.n[cRetries])
	out.Timeouts = float64(r.n[cTimeouts])
	out.Lost = float64(r.n[cLost])
	out.Rejected = float64(r.n[cRejected])
	out.Errors = float64(r.n[cErrors])
	out.Late = float64(r.n[cLate])
	out.Duplicates = float64(r.n[cDuplicates])
	out.DeadLetters = float64(r.n[cDeadLetters])
	out.ShortCircuited = float64(r.n[cShortCircuited])
	out.Hedges = float64(r.n[cHedges])
	out.Expired = float64(r.n[cExpired])
	out.Shed = float64(r.n[cShed])
	out.RateLimited = float64(r.n[cRateLimited])
	out.Ejections = float64(r.n[cEjections])
	out.BudgetExhausted = float64(r.n[cBudgetExhausted])
	out.Fallbacks = float64(r.n[cFallbacks])
	out.Completions = float64(r.completions)
	if m.graph {
		out.Graph = m.graphMetrics()
	}
	if m.series != nil {
		out.Series = m.series.rows
	}
}
