package yamlconf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Code classifies a problem, so that callers can tell problems apart
// without reading their text.
type Code int

// The codes of problems.
const (
	Invalid    Code = iota // a value that cannot be used (the default)
	UnknownKey             // a key that is not accepted there
	Missing                // a required key, or one of a set of keys, is missing
	Conflict               // keys that cannot be given together
)

// Error is one problem found in a file, at a line and column of the file
// and about a dotted key ("model.server.workers").
type Error struct {
	File         string
	Line, Column int    // 1-based; 0 when unknown
	Key          string // dotted key; empty when the problem is not about one key
	Msg          string
	Code         Code
	// Note, when not empty, explains the problem at more length. Problems
	// of one kind (the warnings of several sweep points) share it, so
	// that it can be shown once for all; Error leaves it out.
	Note string
	// Kind, for a warning, names its kind (as --no-warn does); "" for
	// errors.
	Kind string
}

// Error formats e as "exp.yaml:14:5: model.server.workers: must be >= 1,
// got 0", or without a file as "line 14, column 5: model.server.workers:
// must be >= 1, got 0", leaving out the parts that are unknown. Characters
// that a terminal would act on (escape sequences, bidirectional overrides,
// line breaks) are written as Go escapes, whatever part holds them.
func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", Escape(e.File), e.Line, e.Column)
	case e.File != "":
		b.WriteString(Escape(e.File) + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
	}
	if e.Key != "" {
		b.WriteString(Escape(e.Key) + ": ")
	}
	b.WriteString(Escape(e.Msg))
	return b.String()
}

// List is every problem found in a file, sorted by position.
type List []*Error

// Error returns the problems one per line.
func (l List) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the problems, so errors.As finds an *Error.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Sort sorts errs by position, then key and message, and drops
// duplicates (the same problem found at several sweep points).
func Sort(errs []*Error) []*Error {
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Key, b.Key), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.CompactFunc(errs, func(a, b *Error) bool { return *a == *b })
}

// Leaves flattens errors.Join trees into their leaves.
func Leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Leaves(e)...)
		}
		return out
	}
	return []error{err}
}
