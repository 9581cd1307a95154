// Package sim is asyncsim's discrete-event engine: a virtual clock, an event
// queue ordered by (time, priority, sequence), cancellable timers, a
// queue-with-servers primitive and the statistics that go with them.
//
// Processes are callbacks on events, not goroutines. A callback has the
// shape func(arg any); models keep one long-lived func value per kind of
// event and pass the entity as arg, so scheduling allocates nothing.
package sim

import "fmt"

// Priority orders events scheduled at the same instant: lower runs first.
// Events of equal time and priority run in scheduling order.
type Priority int8

// Common priorities.
const (
	Urgent Priority = -1
	Normal Priority = 0
	Late   Priority = 1
)

const seqBits = 56

// Env is a simulation environment: the clock and the pending events.
// An Env is not safe for concurrent use; run independent Envs in parallel.
type Env struct {
	now     Time
	seq     uint64
	events  eventHeap
	stopped bool
	steps   uint64
	// consumed reports that the root entry of events has been run by Step
	// and is still in place: the first event scheduled during its callback
	// replaces it (one sift instead of a pop and a push), and Step pops it
	// if none was. It is the minimum of the heap, so removals never move it.
	consumed bool
	// calendars hold further pending calls outside events (calendar.go).
	calendars []*Calendar
}

// NewEnv returns an environment whose clock reads 0.
func NewEnv() *Env { return &Env{events: make(eventHeap, 0, 64)} }

// Now returns the current virtual time.
func (e *Env) Now() Time { return e.now }

// Pending returns the number of scheduled events not yet run.
func (e *Env) Pending() int {
	n := len(e.events)
	if e.consumed {
		n--
	}
	for _, c := range e.calendars {
		n += c.pending()
	}
	return n
}

// push adds an entry to the event heap, in place of the consumed root if
// there is one.
func (e *Env) push(when Time, key uint64, fn func(any), arg any) {
	if e.consumed {
		e.consumed = false
		e.events.replaceRoot(when, key, fn, arg)
		return
	}
	e.events.push(when, key, fn, arg)
}

// Steps returns the number of events run so far.
func (e *Env) Steps() uint64 { return e.steps }

func (e *Env) key(p Priority) uint64 {
	e.seq++
	return uint64(uint8(int(p)+128))<<seqBits | e.seq
}

// At schedules fn(arg) at time t with Normal priority. It panics if t is in
// the past. O(log n).
func (e *Env) At(t Time, fn func(any), arg any) {
	if t < e.now {
		e.pastPanic(t)
	}
	e.seq++
	e.push(t, normalKey|e.seq, fn, arg)
}

const normalKey = uint64(uint8(int(Normal)+128)) << seqBits

func (e *Env) pastPanic(t Time) {
	panic(fmt.Sprintf("sim: scheduling at %v, before now (%v)", t, e.now))
}

// AtPriority schedules fn(arg) at time t with priority p.
func (e *Env) AtPriority(t Time, p Priority, fn func(any), arg any) {
	if t < e.now {
		e.pastPanic(t)
	}
	if fn == nil {
		panic("sim: nil event function")
	}
	e.push(t, e.key(p), fn, arg)
}

// Schedule schedules fn(arg) after delay d, which must not be negative.
func (e *Env) Schedule(d Duration, fn func(any), arg any) {
	if d < 0 {
		panic(fmt.Sprintf("sim: negative delay %v", d))
	}
	e.seq++
	e.push(e.now+Time(d), normalKey|e.seq, fn, arg)
}

// Step runs the next event and reports whether there was one.
func (e *Env) Step() bool {
	if len(e.events) == 0 {
		return false
	}
	top := &e.events[0]
	e.now = top.when
	fn, arg := top.fn, top.arg
	e.steps++
	if fn == nil {
		tm := arg.(*Timer)
		tm.index = 0
		fn, arg = tm.fn, tm.arg
	}
	e.consumed = true
	fn(arg)
	if e.consumed {
		e.consumed = false
		e.events.popRoot()
	}
	return true
}

// Run runs events until none is left or Stop is called.
func (e *Env) Run() {
	e.stopped = false
	for !e.stopped && e.Step() {
	}
}

// RunUntil runs every event scheduled strictly before t, then sets the
// clock to t (if it is not already later). Events at t or after stay
// pending, so a later RunUntil continues exactly where this one stopped.
// Stop ends it early, leaving the clock at the last event run.
func (e *Env) RunUntil(t Time) {
	e.stopped = false
	for !e.stopped && len(e.events) > 0 && e.events[0].when < t {
		e.Step()
	}
	if !e.stopped && e.now < t {
		e.now = t
	}
}

// Stop makes the running Run or RunUntil return after the current event.
func (e *Env) Stop() { e.stopped = true }

// Stopped reports whether Stop was called during the last Run or RunUntil.
func (e *Env) Stopped() bool { return e.stopped }
