package models

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// tokenBucket is the rate limit of one instance: tokens accrue
// continuously at rate per second up to burst, starting full, and each
// attempt admitted takes one. Tokens are a float64 updated only when an
// attempt arrives, so a run is deterministic; an elapsed time whose tokens
// are a whole number (rate 100/s and 10ms) adds exactly that number.
type tokenBucket struct {
	rate, burst float64
	tokens      float64
	last        sim.Time // when tokens was brought up to date
}

func newTokenBucket(rl *RateLimit, now sim.Time) *tokenBucket {
	return &tokenBucket{rate: rl.Rate, burst: rl.Burst, tokens: rl.Burst, last: now}
}

// take reports whether an attempt arriving at now gets a token, and takes
// it if so.
func (b *tokenBucket) take(now sim.Time) bool {
	if now > b.last {
		// rate × ns is exact up to 2^53, and one division rounds once.
		b.tokens = math.Min(b.burst, b.tokens+b.rate*float64(now-b.last)/1e9)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// rateLimited refuses attempt j at instance s, which has no token left:
// an error reply at once, as a rejection, counted rate_limited.
func (m *model) rateLimited(j *job, s *server) {
	m.countStation(j, cRateLimited)
	if m.tracing {
		m.trace("r%d%s attempt %d rate limited by %s %d", j.root().id, j.h.label, j.attempt, m.serverWord(s), s.idx)
	}
	j.failed = true
	m.serviceOutcome(j, false)
	m.sendReply(j)
}
