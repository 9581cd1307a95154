package models

import (
	"math"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/asyncsim/asyncsim/sim"
)

// recorder accumulates the counts and delays of one run. Means are exact
// sums; percentiles come from HdrHistograms with two significant digits
// (relative error below 1%) whose memory is fixed by the value range, not
// by the number of requests.
//
// HdrHistogram rather than DDSketch: recording is a few shifts and an
// increment with no logarithm and no allocation, and its error bound
// (1 part in 128 here) is what the metric contract asks for.
type recorder struct {
	requests, succeeded, failed         int64
	attempts, retries, timeouts, lost   int64
	rejected, errors, late, duplicates  int64
	deadLetters, completions            int64
	sumDelay, sumSend, sumRecv, sumProc float64      // seconds
	maxDelay, maxSend, maxRecv, maxProc sim.Duration // exact, to clamp percentiles
	delay, send, receive, process       *hdrhistogram.Histogram
	// zeros counts zero values of send, receive and process, recorded in
	// one call at the end: parts that a policy makes zero (no network, no
	// handler) then cost a comparison instead of a histogram update.
	zeroSend, zeroRecv, zeroProc int64
}

// maxTracked is the largest delay the histograms resolve (100 days);
// longer delays are recorded as this value.
const maxTracked = int64(100 * 24 * sim.Hour)

func (r *recorder) init() {
	r.delay = hdrhistogram.New(1, maxTracked, 2)
	r.send = hdrhistogram.New(1, maxTracked, 2)
	r.receive = hdrhistogram.New(1, maxTracked, 2)
	r.process = hdrhistogram.New(1, maxTracked, 2)
}

// recordPart records d, counting zeros apart (see flushZeros).
func recordPart(h *hdrhistogram.Histogram, d sim.Duration, zeros *int64) {
	if d == 0 {
		*zeros++
		return
	}
	record(h, d)
}

// flushZeros adds the zero values counted apart to their histograms.
func (r *recorder) flushZeros() {
	for _, z := range []struct {
		h *hdrhistogram.Histogram
		n *int64
	}{{r.send, &r.zeroSend}, {r.receive, &r.zeroRecv}, {r.process, &r.zeroProc}} {
		if *z.n > 0 {
			_ = z.h.RecordValues(0, *z.n) // 0 is always in range
			*z.n = 0
		}
	}
}

func record(h *hdrhistogram.Histogram, d sim.Duration) {
	v := int64(d)
	if v > maxTracked {
		v = maxTracked
	}
	_ = h.RecordValue(v) // cannot fail: v is within [0, maxTracked]
}

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
	r.maxSend = max(r.maxSend, send)
	r.maxRecv = max(r.maxRecv, recv)
	r.maxProc = max(r.maxProc, proc)
	record(r.delay, delay)
	recordPart(r.send, send, &r.zeroSend)
	recordPart(r.receive, recv, &r.zeroRecv)
	recordPart(r.process, proc, &r.zeroProc)
}

// quantile returns the q-th percentile of h in seconds, clamped to the
// largest value recorded: a histogram answers with its bucket's upper
// edge, which can lie above every value in the bucket.
func quantile(h *hdrhistogram.Histogram, q float64, maxValue sim.Duration) float64 {
	if h.TotalCount() == 0 {
		return math.NaN()
	}
	return float64(min(h.ValueAtQuantile(q), int64(maxValue))) / 1e9
}

// metrics computes the outputs at the horizon.
func (m *model) metrics() Metrics {
	r := &m.rec
	r.flushZeros()
	end := m.env.Now()
	window := end.Sub(m.warmup).Seconds()
	n := r.succeeded
	out := Metrics{
		Requests:    float64(r.requests),
		Succeeded:   float64(r.succeeded),
		Failed:      float64(r.failed),
		InFlight:    float64(r.requests - r.succeeded - r.failed),
		Throughput:  float64(r.completions) / window,
		Reliability: nan(float64(r.succeeded)/float64(r.succeeded+r.failed), r.succeeded+r.failed),
		DelayMean:   nan(r.sumDelay/float64(n), n),
		DelayP50:    quantile(r.delay, 50, r.maxDelay),
		DelayP90:    quantile(r.delay, 90, r.maxDelay),
		DelayP95:    quantile(r.delay, 95, r.maxDelay),
		DelayP99:    quantile(r.delay, 99, r.maxDelay),
		DelayMax:    nan(r.maxDelay.Seconds(), n),
		SendMean:    nan(r.sumSend/float64(n), n),
		ReceiveMean: nan(r.sumRecv/float64(n), n),
		ProcessMean: nan(r.sumProc/float64(n), n),
		SendP99:     quantile(r.send, 99, r.maxSend),
		ReceiveP99:  quantile(r.receive, 99, r.maxRecv),
		ProcessP99:  quantile(r.process, 99, r.maxProc),
		Attempts:    float64(r.attempts),
		Retries:     float64(r.retries),
		Timeouts:    float64(r.timeouts),
		Lost:        float64(r.lost),
		Rejected:    float64(r.rejected),
		Errors:      float64(r.errors),
		Late:        float64(r.late),
		Duplicates:  float64(r.duplicates),
		DeadLetters: float64(r.deadLetters),
		Completions: float64(r.completions),
	}
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
	if m.graph {
		out.Graph = m.graphMetrics(end)
	}
	return out
}
