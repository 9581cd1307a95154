package models

// The caller-side mechanisms of a hop: the retry budget (budget.go) and
// the circuit breaker (breaker.go). Each is off unless set; an attempt of
// a hop without any pays one test.

// setGuards gives hop h, named name ("clients>api", "api>auth") in trace
// lines, the retry budget and circuit breaker of its settings. A call
// nobody waits for has no outcome and no retry, so nothing to guard.
func (m *model) setGuards(h *hop, b *Budget, br *Breaker, name string) {
	if !h.reply {
		return
	}
	if b != nil {
		h.budget = newBudget(b)
	}
	if br != nil {
		h.breaker = newBreaker(br, name)
		h.breaker.evEnd = m.onShortCircuited
	}
	h.guarded = h.budget != nil || h.breaker != nil
}

// guardsAllow runs the guards of c's hop before its next attempt, and
// reports whether the attempt may go: the call's first attempt deposits in
// the retry budget (the call is made, whatever the breaker says), then the
// breaker may refuse the attempt, which ends the call.
func (m *model) guardsAllow(c *call) bool {
	h := c.h
	if c.attempt == 0 && h.budget != nil {
		h.budget.deposit(m.env.Now())
	}
	return h.breaker == nil || m.breakerAllows(c)
}
