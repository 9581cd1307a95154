package distributions

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// value is one parameter's parsed value; the field used depends on its kind.
type value struct {
	f  float64        // numbers, and durations in seconds
	d  sim.Duration   // durations
	i  int            // whole numbers
	fs []float64      // lists of numbers, and of durations in seconds
	ds []sim.Duration // lists of durations, and file contents
}

// args are the parameters given to one distribution, with a record of
// which of them could not be read. Unreadable values are replaced by
// placeholders (NaN, 0 or 1) so that the constructor still checks the rest;
// its complaints about the placeholders are then dropped.
type args struct {
	vals       map[string]value
	failed     map[string]bool         // whole parameter unreadable
	failedElem map[string]map[int]bool // list elements unreadable
}

// newArgs returns empty args.
func newArgs() *args {
	return &args{
		vals:       map[string]value{},
		failed:     map[string]bool{},
		failedElem: map[string]map[int]bool{},
	}
}

// has reports whether the named parameter was given.
func (a *args) has(name string) bool { _, ok := a.vals[name]; return ok }

// num returns a number or a duration in seconds; NaN when absent.
func (a *args) num(name string) float64 {
	if v, ok := a.vals[name]; ok {
		return v.f
	}
	return math.NaN()
}

// dur returns a duration; 0 when absent.
func (a *args) dur(name string) sim.Duration { return a.vals[name].d }

// integer returns a whole number; 1 when absent.
func (a *args) integer(name string) int {
	if v, ok := a.vals[name]; ok {
		return v.i
	}
	return 1
}

// nums returns a list of numbers or durations in seconds.
func (a *args) nums(name string) []float64 { return a.vals[name].fs }

// durs returns a list of durations, from the document or a file.
func (a *args) durs(name string) []sim.Duration { return a.vals[name].ds }

// fail records that the named parameter could not be read.
func (a *args) fail(name string) {
	a.failed[name] = true
	a.vals[name] = value{f: math.NaN(), i: 1}
}

// failElem records that element i of the named list could not be read.
func (a *args) failElem(name string, i int) {
	if a.failedElem[name] == nil {
		a.failedElem[name] = map[int]bool{}
	}
	a.failedElem[name][i] = true
}

// hides reports whether e is about a value that could not be read, and so
// was already reported.
func (a *args) hides(e *paramError) bool {
	for _, n := range append([]string{e.param}, e.also...) {
		if a.failed[n] {
			return true
		}
		if e.index < 0 || n != e.param {
			if len(a.failedElem[n]) > 0 {
				return true
			}
		} else if a.failedElem[n][e.index] {
			return true
		}
	}
	return false
}
