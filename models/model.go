package models

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// ErrBacklog reports a run stopped because its backlog of pending events
// and waiting requests passed the limit (see DefaultMaxBacklog).
var ErrBacklog = errors.New("backlog limit exceeded")

// ErrStuck reports a run stopped because its clock could not advance: more
// than DefaultMaxStepsPerInstant events ran at one instant (delays whose
// samples round to 0 ns, say).
var ErrStuck = errors.New("the clock does not advance")

// ErrEventBudget reports a run stopped at Options.MaxEvents.
var ErrEventBudget = errors.New("event budget exhausted")

// maxNested bounds the zero-delay retries run from within the attempt
// before them; further ones are scheduled at the same instant.
const maxNested = 32

// DefaultMaxStepsPerInstant is the number of events at one instant of
// simulated time past which a run is taken to be stuck.
const DefaultMaxStepsPerInstant = 100_000_000

// model is one run of a Config: the engine, the entities, the random
// streams and the statistics.
type model struct {
	cfg             Config
	env             *sim.Env
	horizon, warmup sim.Time
	opts            Options
	maxBacklog      int
	err             error
	tracing         bool    // opts.Trace is set; guards trace calls, whose arguments would allocate
	ev              *events // opts.Events's state; nil when not set (events.go)
	graph           bool    // a service graph: per-service and per-hop statistics
	nextID          int64
	sinceLook       int      // arrivals, retries and crashes since the last look
	checkEvery      int      // calls of checkBacklog between two looks
	maxSteps        uint64   // events at one instant before ErrStuck
	instant         sim.Time // the instant of the last look ...
	instantSteps    uint64   // ... and env.Steps() when the clock first read it
	nested          int      // zero-delay retries called from within an attempt
	deadlines       bool     // some hop sets deadline: attempts may carry one

	clients      []*client
	clientArr    []client   // the clients themselves, in one array
	clientRand   *rand.Rand // draws from clientSrc, a client's stream (clientRNG)
	clientSrc    pcgSwitch
	clientSlots  bool               // the clients have slots (threads or an in-flight limit)
	loopsWaiting int                // replies waiting for a client's executor, all clients
	arrivals     *sim.Calendar      // next arrivals of the open-loop clients without a profile
	stations     []*station         // the services, in the order written
	byName       []*station         // the same, by name (time series)
	series       *series            // time series; nil when not recorded
	draining     bool               // past the horizon: no new requests
	undecided    int64              // requests of the window without an outcome
	entry        *hop               // the clients' hop to the entry service
	entryService distributions.Dist // its service time, drawn for every request
	edges        []edge             // caller and callee pairs, the clients' first ...
	edgeStat     []*hopStats

	// Random streams of the clients' side.
	rngHandler, rngHandlerErr *rand.Rand

	zeroHandler bool // zero handler time costs no event

	freeReq   []*request
	freeCall  []*call
	freeJob   []*job
	freeDel   []*delivery
	freeTask  []*task
	freeHedge []*hedging

	rec recorder

	// Event callbacks, bound once so scheduling allocates nothing.
	evArrive, evThink, evAtServer, evServiceDone, evReply  func(any)
	evTimeout, evRetry, evHandlerDone, evLoopDone, evCrash func(any)
	evRecover, evAtBroker, evConsumeDone                   func(any)
	evAckTimeout, evWindow, evUsers, evHedge               func(any)
	onThread                                               func(*call)
}

// RunWith is Run with options.
func RunWith(cfg Config, streams distributions.Streams, horizon, warmup sim.Time, opts Options) (Metrics, error) {
	if err := cfg.Validate(); err != nil {
		return Metrics{}, err
	}
	if horizon <= 0 || warmup < 0 || warmup >= horizon {
		return Metrics{}, fmt.Errorf("need 0 <= warmup < horizon, got warmup %v, horizon %v", warmup, horizon)
	}
	m := newModel(cfg, streams, horizon, warmup, opts)
	mid := m.runToMiddle()
	if m.err == nil {
		m.env.RunUntil(horizon)
	}
	var out Metrics
	if m.err == nil {
		// The time-weighted figures cover the window only.
		out = m.windowMetrics()
		out.WorkMid, out.WorkEnd = mid, m.work()
		m.drain()
	}
	if m.err != nil {
		if errors.Is(m.err, ErrStuck) {
			return Metrics{}, fmt.Errorf("run stopped at %v: %w: %d events at this instant (a distribution whose samples round to 0 ns?)", m.env.Now(), m.err, m.env.Steps()-m.instantSteps)
		}
		if errors.Is(m.err, ErrBacklog) {
			return Metrics{}, fmt.Errorf("run stopped at %v: %w (offered load above capacity with unbounded queues?)", m.env.Now(), m.err)
		}
		return Metrics{}, fmt.Errorf("run stopped at %v: %w", m.env.Now(), m.err)
	}
	m.countMetrics(&out)
	out.Delays = m.delays()
	m.release()
	return out, nil
}

// drain goes on past the horizon, with no new requests, until every
// request of the window has its outcome or the drain's limit.
func (m *model) drain() {
	limit := m.opts.Drain
	if limit == DrainAuto {
		limit = sim.Duration(m.horizon)
	}
	if limit > 0 && m.undecided > 0 {
		m.draining = true
		m.env.RunUntil(m.horizon.Add(limit))
	}
	if m.series != nil {
		m.closeWindow(m.env.Now())
	}
}

func newModel(cfg Config, st distributions.Streams, horizon, warmup sim.Time, opts Options) *model {
	m := &model{cfg: cfg, env: sim.NewEnv(), horizon: horizon, warmup: warmup, opts: opts}
	m.tracing = opts.Trace != nil
	if opts.Events != nil {
		m.ev = newEvents(opts.Events)
	}
	m.graph = cfg.Graph()
	m.maxBacklog = DefaultMaxBacklog
	m.maxSteps = DefaultMaxStepsPerInstant
	if opts.MaxStepsPerInstant > 0 {
		m.maxSteps = opts.MaxStepsPerInstant
	}
	if opts.MaxBacklog > 0 {
		m.maxBacklog = opts.MaxBacklog
	}
	m.rngHandler = st.Stream("handler/time")
	m.rngHandlerErr = st.Stream("handler/error")
	m.zeroHandler = distributions.IsZero(cfg.Handler.Time)
	m.rec.init(opts.Reuse)
	m.rec.slo = opts.SLO
	if opts.SLO <= 0 {
		m.rec.slo = -1 // no delay is within it
	}
	m.bind()
	if opts.Window > 0 {
		m.series = newSeries(opts.Window)
		m.env.Schedule(opts.Window, m.evWindow, nil)
	}
	m.build(st)
	if m.series != nil {
		m.series.svcAreas = make([]float64, 2*len(m.stations))
	}
	m.entryService = m.entry.to.cfg.Service

	cl := &cfg.Clients
	m.clientRand = rand.New(&m.clientSrc)
	m.clientArr = make([]client, cl.Count)
	m.clients = make([]*client, cl.Count)
	var key []byte
	for i := range cl.Count {
		c := &m.clientArr[i]
		c.idx = i
		key = clientKey(key, i, "arrival")
		st.SeedPCG(&c.arrivals, key)
		key = clientKey(key, i, "service")
		st.SeedPCG(&c.service, key)
		if len(cl.Profile.Points) > 0 {
			c.prof = &clientProfile{}
		}
		switch {
		case cfg.Policy == Sync && cl.Profile.Users:
			// A thread for every user the profile ever has active.
			c.slots = sim.NewQueue(m.env, max(1, cl.Profile.maxUsers()), 0, warmup, m.onThread)
		case cfg.Policy == Sync:
			c.slots = sim.NewQueue(m.env, cl.Threads, 0, warmup, m.onThread)
		case cl.MaxInFlight > 0:
			c.slots = sim.NewQueue(m.env, cl.MaxInFlight, 0, warmup, m.onThread)
		}
		if c.slots != nil && cl.MaxWait > 0 {
			c.slots.SetWithdrawal(func(c *call) bool { return c.r.withdrawn }, m.dropWithdrawn)
		}
		m.clientSlots = c.slots != nil
		if cfg.Policy != Sync {
			c.loops.BusyAvg.Start(warmup)
		}
		m.clients[i] = c
		switch {
		case len(cl.Profile.Points) > 0 && cl.Profile.Users:
			m.usersChange(c)
		case cl.Think != nil:
			for range cl.Threads {
				m.env.Schedule(m.sample(cl.Think, m.clientRNG(&c.arrivals)), m.evThink, c)
			}
		case len(cl.Profile.Points) > 0:
			c.prof.curve = newCurve(&cl.Profile, 1/cl.Arrival.Mean())
			m.profileNext(c)
		default:
			if m.arrivals == nil {
				m.arrivals = m.env.NewCalendar(cl.Count, m.onArriveID)
			}
			m.arrivals.Schedule(m.sample(cl.Arrival, m.clientRNG(&c.arrivals)), i)
		}
	}
	n := 0
	for _, s := range m.stations {
		n += len(s.servers)
	}
	m.checkEvery = max(1024, len(m.clients)+n)
	return m
}

// bind creates the event callbacks once per run.
func (m *model) bind() {
	m.evArrive = m.onArrive
	m.evThink = m.onThink
	m.evAtServer = func(a any) { m.atCallee(a.(*job)) }
	m.evServiceDone = m.onServiceDone
	m.evReply = func(a any) { m.onReply(a.(*job)) }
	m.evTimeout = m.onTimeout
	m.evRetry = m.onRetry
	m.evHandlerDone = func(a any) { m.handlerDone(a.(*request)) }
	m.evLoopDone = m.onLoopDone
	m.evCrash = m.onCrash
	m.evRecover = m.onRecover
	m.evAtBroker = func(a any) { j := a.(*job); j.h.to.broker.enqueue(j) }
	m.evConsumeDone = func(a any) { d := a.(*delivery); d.s.st.broker.consumeDone(d) }
	m.evAckTimeout = func(a any) {
		j := a.(*job)
		if b := j.h.to.broker; b != nil {
			b.ackTimeout(j)
			return
		}
		m.queueTimedOut(j) // a direct attempt's ackTimer is its queue_timeout
	}
	m.evWindow = m.onWindow
	m.evUsers = func(a any) { m.usersChange(a.(*client)) }
	m.evHedge = m.onHedge
	m.onThread = m.startAttempt
}

// sample draws from d, or returns 0 at no cost when d is nil.
func (m *model) sample(d distributions.Dist, r *rand.Rand) sim.Duration {
	if d == nil {
		return 0
	}
	return d.Sample(r)
}

// bernoulli reports whether an event of probability p happens. It is
// small enough to inline, so a zero probability (the common case of loss
// and error probabilities) costs one comparison and draws nothing.
func bernoulli(p float64, r *rand.Rand) bool { return p > 0 && below(p, r) }

// below reports whether a uniform draw from r falls below p. It is kept
// out of line so that bernoulli stays within the inlining budget.
//
//go:noinline
func below(p float64, r *rand.Rand) bool { return p >= 1 || r.Float64() < p }

func (m *model) trace(format string, a ...any) {
	if m.opts.Trace != nil {
		m.opts.Trace(m.env.Now(), fmt.Sprintf(format, a...))
	}
}

// checkBacklog stops the run when pending events and waiting requests pass
// the limit, when the clock cannot advance, when the event budget is spent,
// or when the run's context is cancelled. It is cheap enough to call on
// every request, retry and crash: it only looks every checkEvery calls,
// and that interval grows with the number of queues a look has to sum, so
// the cost per request stays constant with 10,000 clients too.
func (m *model) checkBacklog() {
	m.sinceLook++
	if m.sinceLook < m.checkEvery {
		return
	}
	m.sinceLook = 0
	if m.checkAdvance() {
		return
	}
	n := m.env.Pending() + m.queued() + m.loopsWaiting
	if m.clientSlots {
		for _, c := range m.clients {
			n += c.slots.Len()
		}
	}
	if ctx := m.opts.Context; ctx != nil && ctx.Err() != nil {
		m.err = ctx.Err()
		m.env.Stop()
		return
	}
	if n > m.maxBacklog {
		m.err = fmt.Errorf("%w: %d pending events and waiting requests (limit %d)", ErrBacklog, n, m.maxBacklog)
		m.env.Stop()
	}
}

// checkAdvance stops the run, and reports whether it did, when the clock
// has not moved for maxSteps events or the event budget is spent.
func (m *model) checkAdvance() bool {
	steps := m.env.Steps()
	if now := m.env.Now(); now != m.instant {
		m.instant, m.instantSteps = now, steps
	} else if steps-m.instantSteps > m.maxSteps {
		m.err = ErrStuck
	}
	if b := m.opts.MaxEvents; b > 0 && steps > b {
		m.err = fmt.Errorf("%w: %d events (budget %d)", ErrEventBudget, steps, b)
	}
	if m.err != nil {
		m.env.Stop()
		return true
	}
	return false
}

// nan returns x, or NaN when the count it was computed from is zero.
func nan(x float64, n int64) float64 {
	if n == 0 {
		return math.NaN()
	}
	return x
}
