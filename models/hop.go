package models

import (
	"math/rand/v2"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// hop is a caller's way to one service: its network, timeout and
// retries, whether the caller waits and whether its worker is free
// meanwhile, with the random streams of its messages. The clients' hop is
// configured by clients, network and policy; a service's hops by its
// calls.
type hop struct {
	to       *station
	timeout  sim.Duration
	retry    Retry
	onError  OnError
	reply    bool // the caller waits for the outcome
	async    bool // the calling worker is released while the call is out
	net      Network
	label    string // " api>auth" in trace lines; "" for the clients' hop
	entry    bool   // the clients' hop: its counts are also the run's
	stats    *hopStats
	zeroSend bool
	zeroRepl bool
	zeroBack bool
	// The caller-side guards (callguards.go); guarded is budget != nil ||
	// breaker != nil, the one test an attempt makes when they are off.
	guarded  bool
	budget   *budget
	breaker  *breaker
	deadline bool   // attempts carry their deadline (sent + timeout)
	hedge    *Hedge // nil: attempts are not hedged (or Max is 1)

	rngSend, rngReply, rngLoss, rngBackoff *rand.Rand
	rngHedge                               *rand.Rand // copies' service demands
}

// hopStats are the per-hop counters, shared by the hops of one caller and
// callee pair.
type hopStats struct {
	attempts, retries, timeouts, late, fallbacks int64
	shortCircuited, hedges, budgetExhausted      int64
}

// newHop returns a hop to st with the random streams named prefix+"send",
// and so on.
func newHop(st *station, net Network, st2 distributions.Streams, prefix string) *hop {
	h := &hop{to: st, net: net, reply: true, onError: Fail}
	h.rngSend = st2.Stream(prefix + "send")
	h.rngReply = st2.Stream(prefix + "reply")
	h.rngLoss = st2.Stream(prefix + "loss")
	h.zeroSend = distributions.IsZero(net.Send)
	h.zeroRepl = distributions.IsZero(net.Reply)
	return h
}

// setHedge sets the hop's hedging, if any, with the copies' demand stream
// named name (created only then).
func (h *hop) setHedge(hg *Hedge, st distributions.Streams, name string) {
	if hg == nil || hg.Max <= 1 {
		return
	}
	h.hedge = hg
	h.rngHedge = st.Stream(name)
}

// setRetry sets the hop's retry settings and backoff stream.
func (h *hop) setRetry(r Retry, rng *rand.Rand) {
	h.retry = r
	h.rngBackoff = rng
	h.zeroBack = distributions.IsZero(r.Backoff)
}
