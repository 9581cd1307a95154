package experiments

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// DefaultTraceLimit is the default bound on the rows of a trace.
const DefaultTraceLimit = 10_000

// The outcomes of a trace's rows.
const (
	OutcomeSucceeded = "succeeded"
	OutcomeFailed    = "failed"
	OutcomeAbandoned = "abandoned" // a call its caller gave up (its step was decided without it)
	OutcomeInFlight  = "in_flight" // no outcome when the run ended
)

// Trace is the requests of one run of an experiment: one row per request
// and per call of a service to another, and the attempts instances served
// (the timeline's instance rows). Requests are in creation order; calls
// and attempts in the order they ended.
type Trace struct {
	Name               string // the experiment's
	Point, Replication int
	Seed               uint64
	Warmup, Horizon    sim.Duration
	Services           []string // the services in the order written ("server" in a one-tier model)
	Requests           []TraceRequest
	Calls              []TraceCall
	Attempts           []TraceAttempt
	// Truncated reports that the limit stopped the recording: later
	// requests, calls or attempts are missing (the run went on to its end).
	Truncated bool
	Metrics   models.Metrics // the metrics of the run, as in runs.csv
}

// TraceRequest is the life of one request.
type TraceRequest struct {
	ID     int64
	Client int
	// Window reports whether the request was created at or after the
	// warm-up: it counts in the run's metrics.
	Window         bool
	T0, T1, T2, T3 sim.Time // created, reached the server side, reply received, processed; 0 when not reached
	End            sim.Time // when it got its outcome; 0 in flight
	Outcome, Cause string   // see TraceCall
	Attempts       int
	Instance       int    // the entry service's instance of the latest attempt; -1 none
	Service        string // the entry service
}

// TraceCall is one call of a service to another for a request.
type TraceCall struct {
	Request        int64
	Client         int
	Window         bool
	Caller         string
	CallerInstance int
	Callee         string
	Instance       int // the callee's instance of the latest attempt; -1 none
	Start, End     sim.Time
	// Outcome is succeeded, failed or abandoned; Cause, for a failure,
	// the last failure met (a counter's name such as timeout, rejected,
	// short_circuited, or handler_error, or error when nothing says more).
	Outcome, Cause string
	Attempts       int
}

// Hop returns "caller>callee".
func (c *TraceCall) Hop() string { return c.Caller + ">" + c.Callee }

// TraceAttempt is one attempt an instance served: from its arrival to
// its reply (or error) leaving.
type TraceAttempt struct {
	Request        int64
	Caller         string
	CallerInstance int // the client for the clients' hop
	Service        string
	Instance       int
	Attempt        int
	Start, End     sim.Time
	OK             bool
	Cause          string
}

// TraceError is a bad point or replication asked of RunTrace.
type TraceError struct{ Msg string }

func (e *TraceError) Error() string { return e.Msg }

// TraceOptions say what a trace records.
type TraceOptions struct {
	// Limit is the most rows of requests and calls recorded (<= 0:
	// DefaultTraceLimit).
	Limit int
	// WindowOnly leaves out the requests created before the warm-up.
	WindowOnly bool
}

// RunTrace runs replication rep of point p of exp as Run does (the same
// model, seed and options, so its metrics are those of runs.csv) and
// records its requests.
func RunTrace(ctx context.Context, exp *Experiment, p, rep int, o TraceOptions) (*Trace, error) {
	if p < 0 || p >= len(exp.Points) {
		return nil, &TraceError{fmt.Sprintf("point %d does not exist: the experiment has points 0 to %d", p, len(exp.Points)-1)}
	}
	if rep < 0 || rep >= exp.MaxReplications() {
		return nil, &TraceError{fmt.Sprintf("replication %d does not exist: the experiment has replications 0 to %d", rep, exp.MaxReplications()-1)}
	}
	limit := o.Limit
	if limit <= 0 {
		limit = DefaultTraceLimit
	}
	cfg := &exp.Points[p].Model
	t := &Trace{Name: exp.Name, Point: p, Replication: rep, Seed: RunSeed(exp.Seed, rep), Warmup: exp.Warmup, Horizon: exp.Horizon}
	if cfg.Graph() {
		for _, s := range cfg.Services {
			t.Services = append(t.Services, s.Name)
		}
	} else {
		t.Services = []string{"server"}
	}
	opts := runOptions(ctx, exp, p, limits{})
	opts.Events = (&traceRecorder{t: t, limit: limit, windowOnly: o.WindowOnly}).event
	m, err := runWith(exp, p, rep, opts)
	if err != nil {
		return nil, err
	}
	t.Metrics = m
	t.Warmup = sim.Duration(math.Round(m.Warmup * float64(sim.Second))) // as written, or found by warmup: auto
	slices.SortStableFunc(t.Calls, func(a, b TraceCall) int { return compareCalls(&a, &b) })
	return t, nil
}

// compareCalls orders calls by request, then start.
func compareCalls(a, b *TraceCall) int {
	if a.Request != b.Request {
		return cmp.Compare(a.Request, b.Request)
	}
	return cmp.Compare(a.Start, b.Start)
}

// traceRecorder fills a Trace from a run's events.
type traceRecorder struct {
	t          *Trace
	limit      int
	windowOnly bool
	skipped    int64 // requests left out before the first recorded
}

// full reports whether the rows reached the limit; it marks the trace
// truncated.
func (r *traceRecorder) full() bool {
	if len(r.t.Requests)+len(r.t.Calls) >= r.limit {
		r.t.Truncated = true
		return true
	}
	return false
}

// request returns the recorded request id; nil when it is not recorded.
// Ids count from 1 in creation order and requests are recorded from the
// first not skipped, so request id is at index id-1-skipped.
func (r *traceRecorder) request(id int64) *TraceRequest {
	i := id - 1 - r.skipped
	if i < 0 || i >= int64(len(r.t.Requests)) {
		return nil
	}
	return &r.t.Requests[i]
}

func (r *traceRecorder) event(e models.TraceEvent) {
	t := r.t
	switch e.Kind {
	case models.RequestCreated:
		if r.windowOnly && !e.Window && len(t.Requests) == 0 {
			r.skipped = e.Request
			return
		}
		if r.full() || e.Request != r.skipped+int64(len(t.Requests))+1 {
			return
		}
		t.Requests = append(t.Requests, TraceRequest{ID: e.Request, Client: e.Client, Window: e.Window,
			T0: e.T0, Outcome: OutcomeInFlight, Instance: -1, Service: e.Callee})
	case models.RequestFinished:
		q := r.request(e.Request)
		if q == nil {
			return
		}
		q.T1, q.T2, q.T3, q.End = e.T1, e.T2, e.T3, e.End
		q.Outcome, q.Cause = outcomeOf(e), e.Cause
		q.Attempts, q.Instance = e.Attempts, e.Instance
	case models.CallFinished:
		if r.request(e.Request) == nil || r.full() {
			return
		}
		t.Calls = append(t.Calls, TraceCall{Request: e.Request, Client: e.Client, Window: e.Window,
			Caller: e.Caller, CallerInstance: e.CallerInstance, Callee: e.Callee, Instance: e.Instance,
			Start: e.T0, End: e.End, Outcome: outcomeOf(e), Cause: e.Cause, Attempts: e.Attempts})
	case models.AttemptServed:
		if r.request(e.Request) == nil {
			return
		}
		if len(t.Attempts) >= r.limit {
			t.Truncated = true
			return
		}
		t.Attempts = append(t.Attempts, TraceAttempt{Request: e.Request, Caller: e.Caller, CallerInstance: e.CallerInstance,
			Service: e.Callee, Instance: e.Instance, Attempt: e.Attempts, Start: e.T0, End: e.End, OK: e.OK, Cause: e.Cause})
	}
}

// outcomeOf names the outcome of a finished request or call.
func outcomeOf(e models.TraceEvent) string {
	switch {
	case e.OK:
		return OutcomeSucceeded
	case e.Abandoned:
		return OutcomeAbandoned
	}
	return OutcomeFailed
}

// Counts returns the requests of the trace's window and those of them
// that succeeded: runs.csv's requests and succeeded when the trace is not
// truncated.
func (t *Trace) Counts() (requests, succeeded int) {
	for i := range t.Requests {
		q := &t.Requests[i]
		if !q.Window {
			continue
		}
		requests++
		if q.Outcome == OutcomeSucceeded {
			succeeded++
		}
	}
	return requests, succeeded
}
