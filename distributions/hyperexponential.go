package distributions

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/asyncsim/asyncsim/sim"
)

// HyperExponential is a mixture of exponential distributions: with
// probability Probs[i] the delay is exponential with mean Means[i] seconds.
type HyperExponential struct {
	Means, Probs []float64
}

// probSumTolerance is how far the probabilities may sum from 1.
const probSumTolerance = 1e-9

// NewHyperExponential returns the mixture of exponentials with the given
// means (seconds, > 0) and probabilities (each in [0, 1], summing to 1
// within 1e-9). The slices are copied.
func NewHyperExponential(means, probs []float64) (HyperExponential, error) {
	const name = "hyperexponential"
	var errs []error
	if len(means) == 0 {
		errs = append(errs, perr(name, "means", "must not be empty"))
	}
	for i, m := range means {
		if !finite(m) {
			errs = append(errs, perrAt(name, "means", i, "must be finite, got %s", fmtSeconds(m)))
		} else if m <= 0 {
			errs = append(errs, perrAt(name, "means", i, "must be > 0, got %s", fmtSeconds(m)))
		}
	}
	sum := 0.0
	for i, p := range probs {
		if !(p >= 0 && p <= 1) {
			errs = append(errs, perrAt(name, "probs", i, "must be in [0, 1], got %s", fmtNum(p)))
		}
		sum += p
	}
	if len(probs) != len(means) {
		errs = append(errs, &paramError{dist: name, param: "probs", index: -1, also: []string{"means"},
			msg: "must have as many elements as means (" + fmtNum(float64(len(means))) +
				"), got " + fmtNum(float64(len(probs)))})
	} else if len(probs) > 0 && !(math.Abs(sum-1) <= probSumTolerance) {
		errs = append(errs, perr(name, "probs", "must sum to 1, got %s", fmtNum(sum)))
	}
	if err := errors.Join(errs...); err != nil {
		return HyperExponential{}, err
	}
	return HyperExponential{
		Means: append([]float64(nil), means...),
		Probs: append([]float64(nil), probs...),
	}, nil
}

// Sample picks a phase by its probability and draws an exponential with that
// phase's mean. It does not allocate.
func (h HyperExponential) Sample(r *rand.Rand) sim.Duration {
	n := min(len(h.Means), len(h.Probs))
	if n == 0 {
		return 0
	}
	u := r.Float64()
	i := 0
	for ; i < n-1; i++ {
		u -= h.Probs[i]
		if u < 0 {
			break
		}
	}
	// Rounding can leave u >= 0 past a last phase of probability 0; step
	// back to a phase that can occur.
	for i > 0 && !(h.Probs[i] > 0) {
		i--
	}
	return fromSeconds(r.ExpFloat64() * h.Means[i])
}

// Mean returns sum of Probs[i]*Means[i].
func (h HyperExponential) Mean() float64 {
	s := 0.0
	for i := range min(len(h.Means), len(h.Probs)) {
		s += h.Probs[i] * h.Means[i]
	}
	return s
}

// Moment2 returns sum of 2*Probs[i]*Means[i]^2.
func (h HyperExponential) Moment2() (float64, bool) {
	s := 0.0
	for i := range min(len(h.Means), len(h.Probs)) {
		s += 2 * h.Probs[i] * h.Means[i] * h.Means[i]
	}
	return s, finite(s)
}

// Name returns "hyperexponential".
func (HyperExponential) Name() string { return "hyperexponential" }

// String returns e.g. "hyperexponential(means=[1ms 10ms], probs=[0.9 0.1])".
func (h HyperExponential) String() string {
	var b strings.Builder
	b.WriteString("hyperexponential(means=[")
	for i, m := range h.Means {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fmtSeconds(m))
	}
	b.WriteString("], probs=[")
	for i, p := range h.Probs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fmtNum(p))
	}
	b.WriteString("])")
	return b.String()
}

// alwaysZero reports whether every sample is 0.
func (h HyperExponential) alwaysZero() bool {
	for i := range min(len(h.Means), len(h.Probs)) {
		if h.Probs[i] > 0 && h.Means[i] > 0 {
			return false
		}
	}
	return true
}
