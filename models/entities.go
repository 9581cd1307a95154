package models

import (
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
)

// request is one request of a client from its creation (t0) until it
// succeeds or fails. Its embedded call is the clients' call to the entry
// service. Requests are pooled: refs counts the owners (the request's own
// life plus every job of its call still in the system, and every call
// below it) and the request returns to the pool when it drops to zero.
type request struct {
	call
	id      int64
	c       *client
	t0, t1  sim.Time
	t2, t3  sim.Time
	demand  sim.Duration // entry service demand of the first attempt
	refs    int
	counted bool // created at or after warm-up
	dead    bool // released under Options.PoisonReleased
	// waiting: it waits for a thread or slot with max_wait armed (its
	// timer); withdrawn: it gave up, its place in the line is dropped.
	waiting, withdrawn bool
}

// call is one use of a hop: its attempts, timeout and retries, until it
// has an outcome. The clients' call is embedded in its request (parent
// nil); a service's call belongs to the task that made it and is pooled,
// refs counting its own life and its jobs still in the system.
type call struct {
	r       *request
	h       *hop
	parent  *task // nil for the clients' call
	cur     *job  // the attempt whose reply counts; nil between attempts
	attempt int   // attempts started
	refs    int
	// lastBackoff is the previous wait of a decorrelated jitter.
	lastBackoff sim.Duration
	deadline    sim.Time // inherited from the work that makes the call; 0 = none
	breakerGen  uint32   // the breaker's generation when the attempt went (breaker.go)
	permit      bool     // its attempt holds the breaker's permission, no outcome yet
	hg          *hedging // the hedge state of a hedged hop's call; nil otherwise
	finished    bool     // has its outcome, or was abandoned
	dead        bool
	timer       sim.Timer
}

// job is one attempt of a call on the callee's side: a message to an
// instance, or a message held by the broker. Jobs are pooled like requests.
// A direct attempt uses ackTimer as its queue_timeout, and gone once
// that timeout shed it (shed.go).
type job struct {
	c          *call
	h          *hop     // c.h, one load nearer
	s          *server  // instance holding the job (direct policies)
	tk         *task    // the calls phase of the job's work, if any
	t1         sim.Time // reached the service or its broker
	deadline   sim.Time // the caller's deadline for the attempt; 0 = none
	copy       int      // hedged: which copy of its attempt (1 the first); 0 unhedged
	epoch      uint64   // s.epoch when service started
	attempt    int
	slot       int // index in s.inService
	refs       int
	deliveries int  // mq: deliveries made
	running    int  // mq: deliveries in progress
	live       int  // mq: number of the delivery that holds the message; 0 while it waits or once gone
	queued     int  // mq: copies waiting in the broker's queue
	successes  int  // mq: successful deliveries
	failed     bool // the reply is an error (rejection, error, failed call)
	gaveUp     bool // the caller gave up on this attempt (timeout, abandoned)
	crashed    bool // lost in a crash while in service
	resumed    bool // waits for a worker to go on with its calls
	replied    bool // a reply of this attempt reached the caller
	dead       bool // released under Options.PoisonReleased
	tracked    bool // its service records its outcome (graphs)
	counted    bool // ... in the run's statistics (of the window)
	finished   bool // its service recorded an outcome
	acked      bool // mq: acknowledged
	gone       bool // mq: removed from the broker (acked, dead-lettered, at-most-once delivered)
	ackTimer   sim.Timer
}

// delivery is one delivery of a broker message to a consumer, until the
// consumer settles it.
type delivery struct {
	j     *job
	s     *server
	epoch uint64
	slot  int
	n     int   // j.deliveries when it was made
	tk    *task // the calls phase of the consumer's work, if any
	dead  bool  // released under Options.PoisonReleased
}

// client is one request source with its thread pool or in-flight slots
// and its handler executors. A model may have millions: they are kept in
// one array, 104 bytes each, with what only some need behind pointers.
type client struct {
	arrivals rand.PCG          // interarrival or think times (m.clientRNG)
	service  rand.PCG          // first-attempt service demands (m.clientRNG)
	slots    *sim.Queue[*call] // sync threads, or in-flight limit (requests, by their clients' call); nil = unlimited
	prof     *clientProfile    // nil without a profile
	loops    executors         // handler executors (callback, event, mq)
	idx      int
}

// clientProfile is the state of a client under clients.profile.
type clientProfile struct {
	curve  *curve // arrival rate over time; nil under a users profile
	users  int    // closed loop with a users profile: users active ...
	retire int    // ... and how many of them stop at the end of their cycle
	change int    // index of the profile's next change of users
	cycle  int    // repeats of the profile done
}

// server is one instance of a service with its workers and waiting room
// (direct policies), or one group of the broker's consumers (mq).
type server struct {
	idx         int
	st          *station
	q           *sim.Queue[*job] // direct policies only
	down        bool
	epoch       uint64
	inService   []*job      // direct policies
	consuming   []*delivery // mq
	busy        int         // mq: deliveries in service
	outstanding int         // accepted and not yet answered (least-outstanding, two-choices)
	counts      bool        // st.counts, one load nearer
	drops       skipper     // frees workers of attempts dropped at start
	crashRNG    *rand.Rand
	bucket      *tokenBucket // rate_limit; nil = none
	ej          *outlier     // eject; nil = none
	codel       *codel       // queue codel or adaptive-lifo; nil = none
}

// root returns the request a job belongs to.
func (j *job) root() *request { return j.c.r }

func (m *model) newRequest(c *client) *request {
	var r *request
	if n := len(m.freeReq); n > 0 {
		r, m.freeReq = m.freeReq[n-1], m.freeReq[:n-1]
		// Reset field by field: a whole-struct assignment would also copy
		// the embedded timer through write barriers.
		r.t1, r.t2, r.t3, r.attempt, r.finished = 0, 0, 0, 0, false
		r.lastBackoff, r.waiting, r.withdrawn, r.permit = 0, false, false, false
	} else {
		r = &request{}
		r.call.r = r
		r.timer.Init(m.env, m.evTimeout, &r.call)
		if m.entry.hedge != nil {
			r.hg = m.newHedging(&r.call)
		}
	}
	m.nextID++
	r.id = m.nextID
	r.c = c
	r.h = m.entry
	r.t0 = m.env.Now()
	r.counted = r.t0 >= m.warmup
	r.refs = 1
	if r.counted {
		m.rec.requests++
		m.undecided++
	}
	if m.series != nil {
		m.series.created()
	}
	if m.ev != nil {
		m.requestMade(r)
	}
	return r
}

func (m *model) releaseRequest(r *request) {
	m.alive(r.dead, "request")
	r.refs--
	if r.refs == 0 {
		r.c, r.cur = nil, nil
		if m.opts.PoisonReleased {
			r.dead = true
			return
		}
		m.freeReq = append(m.freeReq, r)
	}
}

// newCall returns a call of hop h made by task tk (nil: nobody waits for
// its outcome) for request r.
func (m *model) newCall(h *hop, r *request, tk *task) *call {
	var c *call
	if n := len(m.freeCall); n > 0 {
		c, m.freeCall = m.freeCall[n-1], m.freeCall[:n-1]
		c.attempt, c.finished, c.cur, c.lastBackoff, c.permit = 0, false, nil, 0, false
	} else {
		c = &call{}
		c.timer.Init(m.env, m.evTimeout, c)
	}
	c.r, c.h, c.parent = r, h, tk
	if m.deadlines {
		c.deadline = inheritDeadline(tk)
	}
	if h.hedge != nil {
		c.hg = m.newHedging(c)
	}
	c.refs = 1
	r.refs++
	if tk != nil {
		tk.refs++
	}
	if m.ev != nil {
		m.callMade(c)
	}
	return c
}

// releaseCall drops one reference to c; the clients' call is the
// request's own.
func (m *model) releaseCall(c *call) {
	if c.parent == nil && c == &c.r.call {
		m.releaseRequest(c.r)
		return
	}
	m.alive(c.dead, "call")
	c.refs--
	if c.refs == 0 {
		c.timer.Stop()
		if c.hg != nil {
			m.releaseHedging(c)
		}
		if c.parent != nil {
			m.releaseTask(c.parent)
		}
		m.releaseRequest(c.r)
		c.r, c.h, c.parent, c.cur = nil, nil, nil, nil
		if m.opts.PoisonReleased {
			c.dead = true
			return
		}
		m.freeCall = append(m.freeCall, c)
	}
}

func (m *model) newJob(c *call) *job {
	var j *job
	if n := len(m.freeJob); n > 0 {
		j, m.freeJob = m.freeJob[n-1], m.freeJob[:n-1]
		j.t1, j.failed, j.gaveUp, j.crashed, j.replied = 0, false, false, false, false
		j.deliveries, j.live, j.queued, j.successes, j.acked, j.gone = 0, 0, 0, 0, false, false
		j.running, j.deadline, j.copy = 0, 0, 0
		j.resumed, j.tracked, j.counted, j.finished = false, false, false, false
	} else {
		j = &job{}
		j.ackTimer.Init(m.env, m.evAckTimeout, j)
	}
	j.c, j.h = c, c.h
	j.attempt = c.attempt
	j.refs = 1
	m.holdCall(c)
	return j
}

// holdCall adds a reference to c.
func (m *model) holdCall(c *call) {
	if c.parent == nil && c == &c.r.call {
		c.r.refs++
		return
	}
	c.refs++
}

// releaseJob drops one reference to j. The last one returns j to the
// pool; the call's pointer to its current attempt is cleared first, so
// nothing reaches j once it is reused by another request.
func (m *model) releaseJob(j *job) {
	m.alive(j.dead, "attempt")
	j.refs--
	if j.refs == 0 {
		j.ackTimer.Stop()
		c := j.c
		if c.cur == j {
			c.cur = nil
		}
		if c == &c.r.call { // the clients' call: the request's own (inlined)
			m.releaseRequest(c.r)
		} else {
			m.releaseCall(c)
		}
		j.c, j.h, j.s, j.tk = nil, nil, nil, nil
		if m.opts.PoisonReleased {
			j.dead = true
			return
		}
		m.freeJob = append(m.freeJob, j)
	}
}

func (m *model) newDelivery(j *job, s *server) *delivery {
	var d *delivery
	if n := len(m.freeDel); n > 0 {
		d, m.freeDel = m.freeDel[n-1], m.freeDel[:n-1]
		*d = delivery{}
	} else {
		d = &delivery{}
	}
	d.j, d.s, d.epoch, d.n = j, s, s.epoch, j.deliveries
	j.refs++
	return d
}

func (m *model) releaseDelivery(d *delivery) {
	m.alive(d.dead, "delivery")
	m.releaseJob(d.j)
	d.j, d.s, d.tk = nil, nil, nil
	if m.opts.PoisonReleased {
		d.dead = true
		return
	}
	m.freeDel = append(m.freeDel, d)
}

// alive panics, under Options.PoisonReleased, when a released object is
// used. It is small enough to inline: without the option it costs one
// comparison.
func (m *model) alive(dead bool, what string) {
	if dead && m.opts.PoisonReleased {
		panic("models: use of a released " + what)
	}
}
