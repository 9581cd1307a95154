package models

import (
	"strings"

	"github.com/asyncsim/asyncsim/sim"
)

// TraceKind tells what a TraceEvent reports.
type TraceKind uint8

// The kinds of TraceEvent.
const (
	// RequestCreated: a client created request Request at T0.
	RequestCreated TraceKind = iota + 1
	// RequestFinished: request Request got its outcome at End.
	RequestFinished
	// AttemptServed: an instance of Callee sent the reply (or error) of
	// an attempt of hop Hop at End; the attempt reached it at T0.
	AttemptServed
	// CallFinished: a call of hop Hop made by instance CallerInstance of
	// Caller at T0 for request Request got its outcome (or was abandoned)
	// at End.
	CallFinished
)

// TraceEvent is one step of a request's life reported to Options.Events, with
// the fields its Kind uses; times are simulated times.
type TraceEvent struct {
	Kind    TraceKind
	Request int64 // the request's id (1, 2, ... in creation order)
	Client  int   // the client that created the request
	// Window reports whether the request was created at or after the
	// warm-up: it counts in the run's metrics.
	Window bool
	// OK reports success; Abandoned a call given up by its caller (its
	// step was decided without it).
	OK, Abandoned bool
	// Cause is why it failed: the last failure the request (RequestFinished,
	// AttemptServed) or the call (CallFinished) met, as a counter name
	// ("timeout", "rejected", "short_circuited", ...), "handler_error", or
	// "error" when no counter says more; "" on success.
	Cause          string
	Attempts       int      // attempts made (the call's, or the clients' call's)
	T0, T1, T2, T3 sim.Time // RequestFinished: created, reached the server side, reply received, processed (0 when not reached)
	End            sim.Time // when the outcome was decided
	// Instance is the callee's instance: of the latest attempt of the
	// request's or call's hop, or of the served attempt; -1 when none
	// was reached (a broker holds it, or nothing was sent).
	Instance int
	// Caller, CallerInstance and Callee name the hop's ends: "clients" and
	// the client for the clients' hop. Hop is "caller>callee".
	Caller         string
	CallerInstance int
	Callee, Hop    string
}

// events is the state of Options.Events in a run; the model's ev is nil
// when the option is not set, and every hook costs one nil test then.
type events struct {
	fn    func(TraceEvent)
	calls map[*call]*callState // calls and clients' calls under way
	// lastCause and lastReq: the latest failure counted for a request,
	// the cause of an error reply that follows.
	lastCause counter
	lastReq   *request
}

// callState is what an event of a call needs and the call does not keep.
type callState struct {
	t0    sim.Time
	inst  int
	cause counter
}

// causeNames are the counters that name a failure, by counter.
var causeNames = [nCounters]string{
	cTimeouts: "timeout", cLost: "lost", cRejected: "rejected", cErrors: "error",
	cDeadLetters: "dead_lettered", cShortCircuited: "short_circuited", cExpired: "expired",
	cShed: "shed", cRateLimited: "rate_limited", cBudgetExhausted: "budget_exhausted",
}

func newEvents(fn func(TraceEvent)) *events {
	return &events{fn: fn, calls: make(map[*call]*callState), lastCause: noCounter}
}

// state returns the state of c, made at now when it has none.
func (e *events) state(c *call, now sim.Time) *callState {
	s := e.calls[c]
	if s == nil {
		s = &callState{t0: now, inst: -1, cause: noCounter}
		e.calls[c] = s
	}
	return s
}

// made starts the state of call c (pooled calls are reused: a new call
// replaces any state left by the call before it).
func (m *model) callMade(c *call) {
	e := m.ev
	s := e.calls[c]
	if s == nil {
		s = &callState{}
		e.calls[c] = s
	}
	*s = callState{t0: m.env.Now(), inst: -1, cause: noCounter}
}

// requestMade reports a new request.
func (m *model) requestMade(r *request) {
	m.callMade(&r.call)
	m.ev.fn(TraceEvent{Kind: RequestCreated, Request: r.id, Client: r.c.idx, Window: r.counted,
		T0: r.t0, Instance: -1, Caller: ClientsName, CallerInstance: r.c.idx,
		Callee: r.h.to.name, Hop: ClientsName + ">" + r.h.to.name})
}

// noteCause records k, if it names a failure, as the latest cause of c and
// of its request.
func (m *model) noteCause(c *call, k counter) {
	if k < 0 || causeNames[k] == "" {
		return
	}
	e := m.ev
	now := m.env.Now()
	e.state(c, now).cause = k
	e.state(&c.r.call, now).cause = k
	e.lastCause, e.lastReq = k, c.r
}

// noteInstance records that the latest attempt of j's call reached s.
func (m *model) noteInstance(j *job, s *server) {
	m.ev.state(j.c, m.env.Now()).inst = s.idx
}

// requestFinished reports the outcome of r.
func (m *model) requestFinished(r *request, ok bool) {
	e := m.ev
	s := e.state(&r.call, r.t0)
	delete(e.calls, &r.call)
	ev := TraceEvent{Kind: RequestFinished, Request: r.id, Client: r.c.idx, Window: r.counted, OK: ok,
		Attempts: r.attempt, T0: r.t0, T1: r.t1, T2: r.t2, T3: r.t3, End: m.env.Now(),
		Instance: s.inst, Caller: ClientsName, CallerInstance: r.c.idx,
		Callee: r.h.to.name, Hop: ClientsName + ">" + r.h.to.name}
	if !ok {
		ev.Cause = "error"
		switch {
		case r.t2 > 0 || r.t1 > 0:
			ev.Cause = "handler_error" // the reply came: its processing failed
		case s.cause != noCounter:
			ev.Cause = causeNames[s.cause]
		}
	}
	e.fn(ev)
}

// attemptServed reports the reply (or error) of j leaving its instance.
func (m *model) attemptServed(j *job) {
	if j.s == nil {
		return // a broker's message: its consumer is not an instance of the hop
	}
	e := m.ev
	r := j.root()
	ev := TraceEvent{Kind: AttemptServed, Request: r.id, Client: r.c.idx, Window: r.counted, OK: !j.failed,
		Attempts: j.attempt, T0: j.t1, End: m.env.Now(), Instance: j.s.idx, CallerInstance: -1}
	ev.Caller, ev.Callee, ev.Hop = m.hopEnds(j.c)
	if c := j.c; c.parent != nil {
		ev.CallerInstance = c.parent.s.idx
	} else if c.h.entry {
		ev.CallerInstance = r.c.idx
	}
	if j.failed {
		ev.Cause = "error"
		if e.lastReq == r && e.lastCause != noCounter {
			ev.Cause = causeNames[e.lastCause]
		}
	}
	e.fn(ev)
}

// callFinished reports the outcome of a service's call c; abandoned: its
// caller gave it up.
func (m *model) callFinished(c *call, ok, abandoned bool) {
	if c.parent == nil {
		return
	}
	e := m.ev
	s := e.state(c, m.env.Now())
	delete(e.calls, c)
	r := c.r
	ev := TraceEvent{Kind: CallFinished, Request: r.id, Client: r.c.idx, Window: r.counted, OK: ok, Abandoned: abandoned,
		Attempts: c.attempt, T0: s.t0, End: m.env.Now(), Instance: s.inst, CallerInstance: c.parent.s.idx}
	ev.Caller, ev.Callee, ev.Hop = m.hopEnds(c)
	if !ok && !abandoned {
		ev.Cause = "error"
		switch {
		case s.cause != noCounter:
			ev.Cause = causeNames[s.cause]
		case e.lastReq == r && e.lastCause != noCounter: // the callee's error reply
			ev.Cause = causeNames[e.lastCause]
		}
	}
	e.fn(ev)
}

// hopEnds returns the caller, the callee and the "caller>callee" name of
// c's hop.
func (m *model) hopEnds(c *call) (caller, callee, hop string) {
	callee = c.h.to.name
	if c.h.entry || c.h.label == "" {
		return ClientsName, callee, ClientsName + ">" + callee
	}
	hop = strings.TrimSpace(c.h.label)
	caller, _, _ = strings.Cut(hop, ">")
	return caller, callee, hop
}
