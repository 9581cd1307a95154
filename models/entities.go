package models

import (
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/sim"
)

// request is one request from its creation (t0) until it succeeds or fails.
// Requests are pooled: refs counts the owners (the request's own life plus
// every job of it still in the system) and the request returns to the pool
// when it drops to zero.
type request struct {
	id       int64
	c        *client
	t0, t1   sim.Time
	t2, t3   sim.Time
	demand   sim.Duration // service demand of the first attempt
	attempt  int          // attempts started
	cur      *job         // the attempt whose reply counts; nil between attempts
	timer    sim.Timer    // per-attempt timeout
	counted  bool         // created at or after warm-up
	finished bool
	refs     int
	dead     bool // released under Options.PoisonReleased
}

// job is one attempt of a request on the server side: a message to a
// server, or a message held by the broker. Jobs are pooled like requests.
type job struct {
	r        *request
	attempt  int
	t1       sim.Time // reached the server or the broker
	failed   bool     // the reply is an error (rejection, server error)
	timedOut bool     // the client gave up on this attempt
	s        *server  // server holding the job (direct policies)
	epoch    uint64   // s.epoch when service started
	slot     int      // index in s.inService
	crashed  bool     // lost in a crash while in service
	refs     int

	replied bool // a reply of this attempt reached the client
	dead    bool // released under Options.PoisonReleased

	// mq only
	deliveries int
	live       int // number of the delivery that holds the message; 0 while it waits or once gone
	queued     int // copies waiting in the broker's queue
	successes  int
	acked      bool
	gone       bool // removed from the broker (acked, dead-lettered, at-most-once delivered)
	ackTimer   sim.Timer
}

// delivery is one delivery of a broker message to a consumer; it then
// carries the consumer's reply back to the client.
type delivery struct {
	j     *job
	s     *server
	epoch uint64
	slot  int
	n     int  // j.deliveries when it was made
	dead  bool // released under Options.PoisonReleased
}

// client is one request source with its thread pool or in-flight slots
// and its handler executors.
type client struct {
	idx      int
	arrivals *rand.Rand           // interarrival or think times
	service  *rand.Rand           // first-attempt service demands
	slots    *sim.Queue[*request] // sync threads, or in-flight limit; nil = unlimited
	loops    *sim.Queue[*request] // handler executors (callback, event, mq)
}

// server is one server with its workers and waiting room (direct
// policies), or one group of broker consumers (mq).
type server struct {
	idx       int
	q         *sim.Queue[*job] // direct policies only
	down      bool
	epoch     uint64
	inService []*job      // direct policies
	consuming []*delivery // mq
	busy      int         // mq: deliveries in service
	crashRNG  *rand.Rand
}

func (m *model) newRequest(c *client) *request {
	var r *request
	if n := len(m.freeReq); n > 0 {
		r, m.freeReq = m.freeReq[n-1], m.freeReq[:n-1]
		// Reset field by field: a whole-struct assignment would also copy
		// the embedded timer through write barriers.
		r.t1, r.t2, r.t3, r.attempt, r.finished = 0, 0, 0, 0, false
	} else {
		r = &request{}
		r.timer.Init(m.env, m.evTimeout, r)
	}
	m.nextID++
	r.id = m.nextID
	r.c = c
	r.t0 = m.env.Now()
	r.counted = r.t0 >= m.warmup
	r.refs = 1
	if r.counted {
		m.rec.requests++
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

func (m *model) newJob(r *request) *job {
	var j *job
	if n := len(m.freeJob); n > 0 {
		j, m.freeJob = m.freeJob[n-1], m.freeJob[:n-1]
		j.t1, j.failed, j.timedOut, j.crashed, j.replied = 0, false, false, false, false
		j.deliveries, j.live, j.queued, j.successes, j.acked, j.gone = 0, 0, 0, 0, false, false
	} else {
		j = &job{}
		j.ackTimer.Init(m.env, m.evAckTimeout, j)
	}
	j.r = r
	j.attempt = r.attempt
	j.refs = 1
	r.refs++
	return j
}

// releaseJob drops one reference to j. The last one returns j to the
// pool; the request's pointer to its current attempt is cleared first, so
// nothing reaches j once it is reused by another request.
func (m *model) releaseJob(j *job) {
	m.alive(j.dead, "attempt")
	j.refs--
	if j.refs == 0 {
		j.ackTimer.Stop()
		if j.r.cur == j {
			j.r.cur = nil
		}
		m.releaseRequest(j.r)
		j.r, j.s = nil, nil
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
	d.j, d.s = nil, nil
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
