package sim

// Queue is a service station: servers that each hold one item at a time and
// a FIFO waiting room. It is the one primitive behind a server's worker pool,
// a broker's consumers, a client's thread pool and a client's event loop.
//
// Queue only does the bookkeeping: when an item gets a server it calls the
// start hook, and whoever serves the item calls Done when it leaves. What
// "service" means (a sampled delay, a blocking call, a handler) is up to the
// hook. All operations are O(1) amortised and allocate nothing in steady
// state.
type Queue[T any] struct {
	env       *Env
	servers   int
	unlimited bool // servers == 0 at construction: every item starts at once
	capacity  int  // waiting room, 0 = unlimited
	busy      int
	wait      ring[T]
	onStart   func(T)
	withdrawn int          // waiting items withdrawn (see Withdraw)
	gone      func(T) bool // reports a withdrawn item; nil: none ever is
	onDrop    func(T)      // takes a withdrawn item off the line
	lifo      bool         // the most recent waiting item is served first

	// BusyAvg and WaitAvg are the time-weighted number of busy servers and
	// of waiting items.
	BusyAvg, WaitAvg TimeAverage
}

// NewQueue returns a queue with the given number of servers (0 =
// unlimited) and waiting room capacity (0 = unlimited) that calls onStart
// each time an item gets a server. Statistics count from time warmup.
func NewQueue[T any](env *Env, servers, capacity int, warmup Time, onStart func(T)) *Queue[T] {
	if servers < 0 || capacity < 0 {
		panic("sim: negative servers or capacity")
	}
	q := &Queue[T]{env: env, servers: servers, unlimited: servers == 0, capacity: capacity, onStart: onStart}
	q.BusyAvg.Start(warmup)
	q.WaitAvg.Start(warmup)
	return q
}

// Servers returns the number of servers; 0 means unlimited unless set by
// SetServers.
func (q *Queue[T]) Servers() int { return q.servers }

// Busy returns the number of items in service.
func (q *Queue[T]) Busy() int { return q.busy }

// Len returns the number of waiting items, withdrawn ones left out.
func (q *Queue[T]) Len() int { return q.wait.len() - q.withdrawn }

// SetWithdrawal lets the owner withdraw waiting items (see Withdraw): gone
// reports whether an item has been withdrawn, and drop receives each one
// when it reaches the head of the line, instead of the start hook.
func (q *Queue[T]) SetWithdrawal(gone func(T) bool, drop func(T)) {
	q.gone, q.onDrop = gone, drop
}

// Withdraw tells the queue that one waiting item has been withdrawn, as a
// message acknowledged while a copy of it waits: it stops counting as
// waiting now, and when it reaches the head of the line it is dropped and
// the server goes on to the next item in the same step. The owner must
// have made gone report the item (SetWithdrawal).
func (q *Queue[T]) Withdraw() {
	if q.gone == nil || q.withdrawn >= q.wait.len() {
		panic("sim: Queue.Withdraw without SetWithdrawal or a waiting item")
	}
	q.withdrawn++
	q.WaitAvg.Set(q.env.now, float64(q.Len()))
}

// SetLIFO makes the queue serve the most recent waiting item first (last
// in, first out) instead of the longest-waiting one.
func (q *Queue[T]) SetLIFO(lifo bool) { q.lifo = lifo }

// Head returns the longest-waiting item that is not withdrawn, without
// removing it; ok is false when none waits. Withdrawn items ahead of it
// are dropped on the way, as a server reaching them would.
func (q *Queue[T]) Head() (x T, ok bool) {
	for q.wait.len() > 0 {
		x = q.wait.buf[q.wait.head]
		if q.withdrawn > 0 && q.gone(x) {
			q.wait.pop()
			q.withdrawn--
			q.onDrop(x)
			continue
		}
		return x, true
	}
	return x, false
}

// next pops the next item to serve that is not withdrawn (the longest
// waiting, or under LIFO the most recent), dropping withdrawn ones met on
// the way; ok is false when none is left.
func (q *Queue[T]) next() (x T, ok bool) {
	for q.wait.len() > 0 {
		if q.lifo {
			x = q.wait.popBack()
		} else {
			x = q.wait.pop()
		}
		if q.withdrawn > 0 && q.gone(x) {
			q.withdrawn--
			q.onDrop(x)
			continue
		}
		q.WaitAvg.Set(q.env.now, float64(q.Len()))
		return x, true
	}
	return x, false
}

// Arrive offers x to the queue. If a server is free x starts service at
// once (the start hook runs before Arrive returns); otherwise x waits if
// there is room. Arrive reports whether x was accepted.
func (q *Queue[T]) Arrive(x T) bool {
	if q.unlimited || q.busy < q.servers {
		q.setBusy(q.busy + 1)
		q.onStart(x)
		return true
	}
	if q.capacity > 0 && q.Len() >= q.capacity {
		return false
	}
	q.wait.push(x)
	q.WaitAvg.Set(q.env.now, float64(q.Len()))
	return true
}

// Done releases one server: the longest-waiting item, if any, starts
// service on it.
func (q *Queue[T]) Done() {
	if q.busy == 0 {
		panic("sim: Queue.Done with no busy server")
	}
	if q.unlimited || q.busy <= q.servers {
		if x, ok := q.next(); ok {
			q.onStart(x)
			return
		}
	}
	q.setBusy(q.busy - 1)
}

// SetServers changes the number of servers of a limited queue, as when
// consumers crash or recover; 0 means none. More servers start waiting
// items at once; fewer servers let the items in service finish, and no new
// item starts until busy servers drop below the new number.
func (q *Queue[T]) SetServers(n int) {
	if n < 0 || q.unlimited {
		panic("sim: SetServers on an unlimited queue or with negative servers")
	}
	q.servers = n
	for q.busy < n {
		x, ok := q.next()
		if !ok {
			break
		}
		q.setBusy(q.busy + 1)
		q.onStart(x)
	}
}

// Clear empties the waiting room, calling f (if not nil) on each item in
// FIFO order (withdrawn ones included), and marks every server idle.
// Items in service are forgotten: their owner must not call Done for
// them. It models a crash.
func (q *Queue[T]) Clear(f func(T)) {
	q.withdrawn = 0
	for q.wait.len() > 0 {
		x := q.wait.pop()
		if f != nil {
			f(x)
		}
	}
	q.WaitAvg.Set(q.env.now, 0)
	q.setBusy(0)
}

func (q *Queue[T]) setBusy(n int) {
	q.busy = n
	q.BusyAvg.Set(q.env.now, float64(n))
}

// ring is a growable ring buffer: a FIFO, or a stack with popBack.
type ring[T any] struct {
	buf        []T
	head, size int
}

func (r *ring[T]) len() int { return r.size }

func (r *ring[T]) push(x T) {
	if r.size == len(r.buf) {
		r.grow()
	}
	r.buf[(r.head+r.size)&(len(r.buf)-1)] = x
	r.size++
}

func (r *ring[T]) pop() T {
	var zero T
	x := r.buf[r.head]
	r.buf[r.head] = zero
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.size--
	return x
}

// popBack removes and returns the most recently pushed item.
func (r *ring[T]) popBack() T {
	var zero T
	i := (r.head + r.size - 1) & (len(r.buf) - 1)
	x := r.buf[i]
	r.buf[i] = zero
	r.size--
	return x
}

func (r *ring[T]) grow() {
	n := 2 * len(r.buf)
	if n == 0 {
		n = 16
	}
	buf := make([]T, n)
	for i := 0; i < r.size; i++ {
		buf[i] = r.buf[(r.head+i)&(len(r.buf)-1)]
	}
	r.buf, r.head = buf, 0
}
