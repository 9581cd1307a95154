package distributions

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/asyncsim/asyncsim/sim"
)

// Empirical is the distribution that draws uniformly, with replacement,
// from Values.
type Empirical struct {
	Values []sim.Duration
}

// empiricalShown is how many values String lists before summarising.
const empiricalShown = 5

// NewEmpirical returns the empirical distribution of values, which must be
// non-empty and all >= 0. The slice is copied.
func NewEmpirical(values []sim.Duration) (Empirical, error) {
	var errs []error
	if len(values) == 0 {
		errs = append(errs, perr("empirical", "values", "must not be empty"))
	}
	for i, v := range values {
		if v < 0 {
			errs = append(errs, perrAt("empirical", "values", i, "must be >= 0, got %s", v))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Empirical{}, err
	}
	return Empirical{Values: append([]sim.Duration(nil), values...)}, nil
}

// Sample returns one of Values chosen uniformly at random. It does not
// allocate.
func (e Empirical) Sample(r *rand.Rand) sim.Duration {
	if len(e.Values) == 0 {
		return 0
	}
	return clamp(e.Values[r.IntN(len(e.Values))])
}

// Mean returns the average of Values in seconds. It takes time linear in
// len(Values).
func (e Empirical) Mean() float64 {
	if len(e.Values) == 0 {
		return 0
	}
	s := 0.0
	for _, v := range e.Values {
		s += clamp(v).Seconds()
	}
	return s / float64(len(e.Values))
}

// Moment2 returns the average of the squared Values in seconds^2. It takes
// time linear in len(Values).
func (e Empirical) Moment2() (float64, bool) {
	if len(e.Values) == 0 {
		return 0, true
	}
	s := 0.0
	for _, v := range e.Values {
		x := clamp(v).Seconds()
		s += x * x
	}
	return s / float64(len(e.Values)), true
}

// Name returns "empirical".
func (Empirical) Name() string { return "empirical" }

// String returns e.g. "empirical(values=[1ms 2ms 3ms])", or the count and
// mean when there are many values: "empirical(n=1000, mean=2.5ms)".
func (e Empirical) String() string {
	if len(e.Values) > empiricalShown {
		return "empirical(n=" + strconv.Itoa(len(e.Values)) + ", mean=" + fmtSeconds(e.Mean()) + ")"
	}
	s := make([]string, len(e.Values))
	for i, v := range e.Values {
		s[i] = v.String()
	}
	return "empirical(values=[" + strings.Join(s, " ") + "])"
}

// alwaysZero reports whether every sample is 0.
func (e Empirical) alwaysZero() bool {
	for _, v := range e.Values {
		if v > 0 {
			return false
		}
	}
	return true
}
