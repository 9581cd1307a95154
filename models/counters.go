package models

// counter names one of the event counters a run and its time series keep.
type counter int

// The event counters.
const (
	cAttempts counter = iota
	cRetries
	cTimeouts
	cLost
	cRejected
	cErrors
	cLate
	cDuplicates
	cDeadLetters
	cShortCircuited
	cHedges
	cExpired
	cShed
	cRateLimited
	cEjections
	cBudgetExhausted
	cFallbacks
	nCounters
	noCounter counter = -1
)

// counts holds one value per counter.
type counts [nCounters]int64
