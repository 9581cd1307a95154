package sim

// Timer is a cancellable scheduled call, in the shape of time.AfterFunc.
// A Timer can be embedded in a model's entity and re-armed any number of
// times without allocating; a pending Timer sits in the event queue once and
// Stop removes it at once, so cancelled timeouts never pile up.
type Timer struct {
	env   *Env
	fn    func(any)
	arg   any
	index int // position in the event heap plus one, 0 when not pending
}

// Init prepares t to call fn(arg) when it fires. It must not be pending.
func (t *Timer) Init(env *Env, fn func(any), arg any) {
	if t.index != 0 {
		panic("sim: Init of a pending Timer")
	}
	*t = Timer{env: env, fn: fn, arg: arg}
}

// NewTimer returns a stopped Timer that will call fn(arg).
func (e *Env) NewTimer(fn func(any), arg any) *Timer {
	t := &Timer{}
	t.Init(e, fn, arg)
	return t
}

// After returns a Timer that calls f after d. It allocates; models on the
// hot path embed a Timer and use Init and Reset instead.
func (e *Env) After(d Duration, f func()) *Timer {
	t := e.NewTimer(func(any) { f() }, nil)
	t.Reset(d)
	return t
}

// Pending reports whether t is scheduled and has not fired or been stopped.
func (t *Timer) Pending() bool { return t.index != 0 }

// Stop cancels t and reports whether it was pending. O(log n).
func (t *Timer) Stop() bool {
	if t.index == 0 {
		return false
	}
	t.env.events.removeAt(t.index - 1)
	t.index = 0
	return true
}

// Reset (re)arms t to fire after d and reports whether it was pending.
func (t *Timer) Reset(d Duration) bool {
	if d < 0 {
		panic("sim: negative timer delay")
	}
	return t.ResetAt(t.env.now + Time(d))
}

// ResetAt (re)arms t to fire at time at and reports whether it was pending.
func (t *Timer) ResetAt(at Time) bool {
	e := t.env
	if at < e.now {
		panic("sim: timer set in the past")
	}
	was := t.Stop()
	e.push(at, e.key(Normal), nil, t)
	return was
}
