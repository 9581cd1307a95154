package experiments

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/internal/yamlconf"
	"github.com/asyncsim/asyncsim/sim"
)

// loader collects the problems of one file while it is read.
type loader struct {
	file  string
	files *distributions.Files // reads empirical file: paths, each once
	errs  []*Error
	warns []*Error
	yr    yamlconf.Reader // reads every mapping of the file

	modelKey *yaml.Node // the model: key, where model-wide warnings point
	// schema is the model schema of the file (schemaFor its graph's
	// shape), services the services: entry of its model, nil when none.
	schema   *field
	shape    graphShape
	services *entry
	// profile is the clients.profile: value of the model as written, nil
	// when none.
	profile *yaml.Node
	// columns are the fixed metric columns of the experiment
	// (Experiment.Columns), once its percentiles: and slo: are read.
	columns []string
	// untilMetric is the replications.until.metric: entry, checked by
	// checkUntil once the columns are known.
	untilMetric entry
}

// fail records a problem about key at the position of node n.
func (l *loader) fail(n *yaml.Node, key, msg string) {
	l.errs = append(l.errs, l.at(n, key, msg))
}

// failCode records a problem of the given code about key at the position
// of node n.
func (l *loader) failCode(n *yaml.Node, key, msg string, code yamlconf.Code) {
	e := l.at(n, key, msg)
	e.Code = code
	l.errs = append(l.errs, e)
}

// warn records a warning about key at the position of node n.
func (l *loader) warn(n *yaml.Node, key, msg string) {
	l.warns = append(l.warns, l.at(n, key, msg))
}

func (l *loader) at(n *yaml.Node, key, msg string) *Error {
	e := &Error{File: l.file, Key: key, Msg: msg}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	return e
}

// scalar returns the text of v, a scalar, or reports at n that it is not.
func (l *loader) scalar(v, n *yaml.Node, key, want string) (string, bool) {
	if v == nil || v.Kind != yaml.ScalarNode || isNull(v) {
		l.fail(n, key, fmt.Sprintf("must be %s, got %s", want, describe(v)))
		return "", false
	}
	return v.Value, true
}

// integer reads a whole number in [lo, hi] written as v.
func (l *loader) integer(v, n *yaml.Node, key string, lo, hi int64) (int64, bool) {
	s, ok := l.scalar(v, n, key, "a whole number")
	if !ok {
		return 0, false
	}
	i, ok := parseInt(s)
	switch {
	case !ok:
		l.fail(n, key, "must be a whole number, got "+show(s))
		return 0, false
	case i < lo:
		l.fail(n, key, fmt.Sprintf("must be >= %d, got %s", lo, show(strings.TrimSpace(s))))
		return 0, false
	case i > hi:
		l.fail(n, key, fmt.Sprintf("must be <= %d, got %s", hi, show(strings.TrimSpace(s))))
		return 0, false
	}
	return i, true
}

// number reads a finite decimal number written as v.
func (l *loader) number(v, n *yaml.Node, key string) (float64, bool) {
	s, ok := l.scalar(v, n, key, "a number")
	if !ok {
		return 0, false
	}
	f, ok := distributions.ParseNumber(strings.TrimSpace(s))
	if !ok || math.IsInf(f, 0) {
		l.fail(n, key, "must be a finite number, got "+show(s))
		return 0, false
	}
	return f, true
}

// duration reads a duration (a number with a unit, or bare seconds).
func (l *loader) duration(v, n *yaml.Node, key string) (sim.Duration, bool) {
	s, ok := l.scalar(v, n, key, "a duration such as 10ms")
	if !ok {
		return 0, false
	}
	d, err := distributions.ParseDuration(s)
	if err != nil {
		l.fail(n, key, durationMsg(err, s))
		return 0, false
	}
	return d, true
}

// durationMsg turns a ParseDuration error into "must be >= 0, got -1s".
func durationMsg(err error, s string) string {
	msg, ok := distributions.DurationProblem(err)
	if !ok {
		msg = err.Error()
	}
	return msg + ", got " + show(s)
}

// boolean reads true or false.
func (l *loader) boolean(v, n *yaml.Node, key string) (bool, bool) {
	s, ok := l.scalar(v, n, key, "true or false")
	if !ok {
		return false, false
	}
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	l.fail(n, key, "must be true or false, got "+show(s))
	return false, false
}

// text reads a string scalar.
func (l *loader) text(v, n *yaml.Node, key string) (string, bool) {
	return l.scalar(v, n, key, "a string")
}

// parseInt parses a decimal whole number: "12", "-3", or "1e3".
func parseInt(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	} else if errors.Is(err, strconv.ErrRange) {
		if strings.HasPrefix(s, "-") {
			return math.MinInt64, true
		}
		return math.MaxInt64, true
	}
	f, ok := distributions.ParseNumber(s)
	if !ok || f != math.Trunc(f) || math.IsInf(f, 0) {
		return 0, false
	}
	if f >= math.MaxInt64 {
		return math.MaxInt64, true
	}
	if f <= math.MinInt64 {
		return math.MinInt64, true
	}
	return int64(f), true
}

// formatFloat formats v in the shortest form that reads back exactly, or
// "" for NaN. Whole numbers below 1e15 (counts, mostly) are written without
// an exponent, so a count reads 10005185 rather than 1.0005185e+07.
func formatFloat(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
