package distributions

import (
	"errors"
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/sim"
	"gopkg.in/yaml.v3"
)

// readParam reads the value of parameter e of distribution dist into a,
// reporting what cannot be read.
func (p *parser) readParam(dist string, e *entry, k ParamKind, a *args) {
	key := sub(p.key, e.Name)
	bad := func(n *yaml.Node, key, name, msg string) {
		p.fail(n, key, dist+": "+name+" "+msg)
	}
	switch k {
	case ParamDuration, ParamNumber, ParamInt:
		f, d, msg := readScalar(e.Value, k)
		if msg != "" {
			bad(e.Key, key, e.Name, msg)
			a.fail(e.Name)
			return
		}
		a.vals[e.Name] = value{f: f, d: d, i: int(f)}
	case ParamDurations, ParamNumbers:
		seq := e.Value
		if seq == nil || seq.Kind != yaml.SequenceNode {
			bad(e.Key, key, e.Name, "must be a list, got "+describe(seq))
			a.fail(e.Name)
			return
		}
		elem := ParamNumber
		if k == ParamDurations {
			elem = ParamDuration
		}
		v := value{fs: make([]float64, len(seq.Content)), ds: make([]sim.Duration, len(seq.Content))}
		for i, c := range seq.Content {
			f, d, msg := readScalar(resolve(c), elem)
			if msg != "" {
				name := fmt.Sprintf("%s[%d]", e.Name, i)
				bad(c, sub(p.key, name), name, msg)
				a.failElem(e.Name, i)
				f = math.NaN()
			}
			v.fs[i], v.ds[i] = f, d
		}
		a.vals[e.Name] = v
	case ParamFile:
		n := e.Value
		if n == nil || n.Kind != yaml.ScalarNode || isNull(n) || n.Value == "" {
			bad(e.Key, key, e.Name, "must be a file name, got "+describe(n))
			a.fail(e.Name)
			return
		}
		ds, problems := p.opts.files().durations(n.Value)
		for _, msg := range problems {
			bad(e.Key, key, e.Name+" "+show(n.Value), msg)
		}
		if len(problems) > 0 {
			a.fail(e.Name)
			return
		}
		a.vals[e.Name] = value{ds: ds}
	}
}

// readScalar reads a duration, number or whole number from n. For a
// duration f is in seconds and d is set. msg, when not empty, says what is
// wrong, reading after the parameter's name ("must be >= 0, got -1s").
func readScalar(n *yaml.Node, k ParamKind) (f float64, d sim.Duration, msg string) {
	what := "a number"
	switch k {
	case ParamDuration:
		what = "a duration"
	case ParamInt:
		what = "a whole number"
	}
	if n == nil || n.Kind != yaml.ScalarNode || isNull(n) {
		return 0, 0, "must be " + what + ", got " + describe(n)
	}
	got := ", got " + show(n.Value)
	if k == ParamDuration {
		d, err := ParseDuration(n.Value)
		if err != nil {
			var de *durationError
			if errors.As(err, &de) {
				return 0, 0, de.msg + got
			}
			return 0, 0, err.Error()
		}
		return d.Seconds(), d, ""
	}
	f, ok := parseNumber(n.Value)
	switch {
	case !ok && looksNonFinite(n.Value):
		return 0, 0, "must be finite" + got
	case !ok:
		return 0, 0, "must be " + what + got
	case k == ParamInt && (f != math.Trunc(f) || math.Abs(f) > 1<<53):
		return 0, 0, "must be " + what + got
	}
	return f, 0, ""
}
