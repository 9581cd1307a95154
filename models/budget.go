package models

import "github.com/asyncsim/asyncsim/sim"

// budgetSlices is the number of slices a retry budget's ttl is cut into,
// as Finagle's TokenRetryBudget cuts its WindowedAdder.
const budgetSlices = 10

// budget is a hop's retry budget (Budget), after Finagle's RetryBudget:
// every call deposits, every retry withdraws, and a retry is allowed while
//
//	retries + 1 <= percent/100 × calls + min_per_second × ttl
//
// with retries and calls counted over the last ttl. As Finagle's
// WindowedAdder, the ttl is cut into budgetSlices slices and "the last
// ttl" is the current slice and the budgetSlices-1 before it, so a deposit
// or a withdrawal leaves the count between 0.9 ttl and ttl after it was
// made. Unlike Finagle, whose slices start when the adder is first read
// after the previous one ended, the slices are laid on a fixed grid from
// time 0: slice k is [k × ttl/10, (k+1) × ttl/10).
//
// All operations are O(1) amortised (O(budgetSlices) when the clock has
// moved by several slices) and allocate nothing.
type budget struct {
	slice          sim.Duration // ttl / budgetSlices
	percent        float64      // retries per call, ×100
	reserve        float64      // min_per_second × ttl, in retries
	head           int64        // the slice of the latest deposit or withdrawal
	calls, retries [budgetSlices]int64
	nCalls, nTries int64 // sums over the slices
}

// newBudget returns the budget of Budget b.
func newBudget(b *Budget) *budget {
	return &budget{
		slice:   max(1, b.TTL/budgetSlices),
		percent: b.Percent,
		reserve: b.MinPerSecond * b.TTL.Seconds(),
	}
}

// advance moves the window to the slice of now, forgetting the slices that
// left it.
func (b *budget) advance(now sim.Time) {
	k := int64(now) / int64(b.slice)
	if k == b.head {
		return
	}
	if k-b.head >= budgetSlices {
		b.calls, b.retries = [budgetSlices]int64{}, [budgetSlices]int64{}
		b.nCalls, b.nTries = 0, 0
	} else {
		for s := b.head + 1; s <= k; s++ {
			i := s % budgetSlices
			b.nCalls -= b.calls[i]
			b.nTries -= b.retries[i]
			b.calls[i], b.retries[i] = 0, 0
		}
	}
	b.head = k
}

// deposit records a call made at now.
func (b *budget) deposit(now sim.Time) {
	b.advance(now)
	b.calls[b.head%budgetSlices]++
	b.nCalls++
}

// withdraw reports whether a retry at now is within the budget, and if so
// records it.
func (b *budget) withdraw(now sim.Time) bool {
	b.advance(now)
	// In hundredths of a retry, so that whole percents of whole calls
	// compare exactly; the tolerance absorbs the rounding of the others
	// (12.3% of 10 calls is 1.23 retries, not 1.2300000000000002).
	need := 100 * float64(b.nTries+1)
	have := b.percent*float64(b.nCalls) + 100*b.reserve
	if need > have*(1+1e-12) {
		return false
	}
	b.retries[b.head%budgetSlices]++
	b.nTries++
	return true
}

// budgetAllows reports whether call c, whose attempt failed, may retry
// under its hop's budget. A retry refused ends the call with its failure
// (budget_exhausted).
func (m *model) budgetAllows(c *call) bool {
	if c.h.budget.withdraw(m.env.Now()) {
		return true
	}
	m.countEvery(c, &c.h.stats.budgetExhausted, cBudgetExhausted)
	if m.tracing {
		m.trace("r%d%s retry refused: budget exhausted", c.r.id, c.h.label)
	}
	return false
}
