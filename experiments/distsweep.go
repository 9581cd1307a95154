package experiments

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// Sweeping whole distributions: a sweep over a path that takes a
// distribution (model.server.service) may list mappings with dist: as well
// as bare durations. Each value is checked in place, like every sweep
// value. Such an axis is a string axis: its table cells describe the
// distributions, "lognormal(mean=10ms, cv=4)", and bare durations are
// written as the constants they are, "constant(value=10ms)". An axis of
// bare durations only stays a duration axis, reported in seconds.

// hasMapping reports whether one of the values is a mapping.
func hasMapping(vals []*yaml.Node) bool {
	for _, v := range vals {
		if v.Kind == yaml.MappingNode {
			return true
		}
	}
	return false
}

// distValue returns how a value of a distribution axis that holds mappings
// is shown: text for messages and summary.json, close to how it was
// written ("{dist: lognormal, mean: 10ms, cv: 4}", "10ms"), and the table
// cell ("lognormal(mean=10ms, cv=4)", "constant(value=10ms)"). Both depend
// on the file only. Values that cannot be read are shown as well as
// possible: the model check reports them.
func distValue(v *yaml.Node) (text, cellText string) {
	if v.Kind != yaml.MappingNode {
		s := strings.TrimSpace(v.Value)
		if d, err := distributions.ParseDuration(s); err == nil {
			return v.Value, "constant(value=" + d.String() + ")"
		}
		return v.Value, v.Value
	}
	// A reader that reports nothing: the model check reports problems
	// with the keys.
	ents := (&yamlconf.Reader{}).Entries(v, "")
	// dist: first, then the parameters in the order the distributions
	// print them, so that the order they are written in does not matter.
	slices.SortStableFunc(ents, func(a, b entry) int {
		return cmp.Compare(paramRank(a.Name), paramRank(b.Name))
	})
	var written, params []string
	name := "?"
	for _, e := range ents {
		written = append(written, e.Name+": "+flowText(e.Value))
		if e.Name == "dist" {
			if e.Value != nil && e.Value.Kind == yaml.ScalarNode {
				name = strings.TrimSpace(e.Value.Value)
			}
			continue
		}
		params = append(params, e.Name+"="+paramCell(e.Name, e.Value))
	}
	return "{" + strings.Join(written, ", ") + "}", name + "(" + strings.Join(params, ", ") + ")"
}

// paramOrder is the order in which distributions print their parameters:
// erlang(k=, mean=), pareto(shape=, min=), lognormal(mean=, cv=), ...
var paramOrder = []string{
	"dist", "k", "shape", "value", "mean", "rate", "means", "probs", "min", "max",
	"stddev", "cv", "mu", "sigma", "scale", "values", "file",
}

// paramRank is the position of parameter name in paramOrder; unknown
// names come last.
func paramRank(name string) int {
	if i := slices.Index(paramOrder, name); i >= 0 {
		return i
	}
	return len(paramOrder)
}

// flowText writes a parameter's value as in a YAML flow mapping.
func flowText(n *yaml.Node) string {
	switch {
	case n == nil:
		return "null"
	case n.Kind == yaml.ScalarNode:
		return plainOrQuoted(n.Value)
	case n.Kind == yaml.SequenceNode:
		s := make([]string, len(n.Content))
		for i, c := range n.Content {
			s[i] = flowText(resolve(c))
		}
		return "[" + strings.Join(s, ", ") + "]"
	default:
		return "{…}"
	}
}

// plainOrQuoted returns s when it reads back as itself in a flow
// collection, else s quoted.
func plainOrQuoted(s string) string {
	if s == "" || strings.ContainsAny(s, ",[]{}:#\"'&*!|>%@`\n\r\t") || strings.TrimSpace(s) != s {
		return strconv.Quote(s)
	}
	return s
}

// paramCell writes a parameter's value as the distributions print them:
// times as durations ("10ms", "1.5s"), numbers in their shortest form,
// lists in brackets ("[5ms 100ms]").
func paramCell(name string, n *yaml.Node) string {
	switch {
	case n == nil:
		return ""
	case n.Kind == yaml.SequenceNode:
		k := KindNumber
		if name == "means" || name == "values" {
			k = KindDuration
		}
		s := make([]string, len(n.Content))
		for i, c := range n.Content {
			s[i] = scalarCell(k, resolve(c))
		}
		return "[" + strings.Join(s, " ") + "]"
	}
	k, ok := distParams[name]
	if !ok {
		k = KindString
	}
	return scalarCell(k, n)
}

// scalarCell writes one scalar of a distribution in the canonical form of
// its kind, or as written when it cannot be read.
func scalarCell(k Kind, n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return "?"
	}
	s := strings.TrimSpace(n.Value)
	switch k {
	case KindDuration:
		if d, err := distributions.ParseDuration(s); err == nil {
			return d.String()
		}
	case KindNumber, KindInteger:
		if f, ok := distributions.ParseNumber(s); ok {
			return formatFloat(f)
		}
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return strconv.Quote(s)
	}
	return s
}

// sweepWholeHint ends the messages about a swept dist: that does not fit
// the parameters written with it.
func sweepWholeHint(path string) string {
	return "; to compare distributions with different parameters, sweep the whole distribution, e.g. " +
		path + ": [{dist: exponential, mean: 10ms}, {dist: lognormal, mean: 10ms, cv: 4}]"
}

// sweptDist returns the value of the dist: key of the distribution n when
// that value was put there by the sweep (model.….dist: [...]), else nil.
func (d *decoder) sweptDist(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	if i := ownIndex(n, "dist"); i >= 0 && d.swept[n.Content[i+1]] {
		return n.Content[i+1]
	}
	return nil
}

// sweptDistErrors records the problems of a distribution whose dist: was
// swept. Parameters that the swept distribution does not take, or lacks,
// are one problem of the swept value: it is reported there, with the
// advice to sweep whole distributions. Other problems are recorded as
// usual.
func (l *loader) sweptDistErrors(err error, dist, at *yaml.Node, key string) {
	var misfit []*Error
	var rest []error
	for _, e := range leaves(err) {
		var fe *Error
		if errors.As(e, &fe) && isMisfit(fe) {
			misfit = append(misfit, fe)
			continue
		}
		rest = append(rest, e)
	}
	// Parameters it does not take first, then those it lacks.
	slices.SortStableFunc(misfit, func(a, b *Error) int {
		return cmp.Compare(b0(a.Code == yamlconf.UnknownKey), b0(b.Code == yamlconf.UnknownKey))
	})
	if len(misfit) > 0 {
		msgs := make([]string, len(misfit))
		for i, e := range misfit {
			msgs[i] = e.Msg
		}
		l.fail(dist, key+".dist", strings.Join(msgs, "; ")+sweepWholeHint(key))
	}
	if len(rest) > 0 {
		l.distErrors(errors.Join(rest...), at, key)
	}
}

// b0 is 0 for true and 1 for false, to sort true first.
func b0(b bool) int {
	if b {
		return 0
	}
	return 1
}

// isMisfit reports whether e, a problem of a distribution, says that the
// parameters written do not fit it (rather than that a value is out of
// range): a parameter it does not take, or lacks, or a mix of two ways
// of giving it.
func isMisfit(e *Error) bool {
	return e.Code == yamlconf.UnknownKey || e.Code == yamlconf.Missing || e.Code == yamlconf.Conflict
}
