package experiments

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem found in an experiment file, at a line and column
// of the file and about a dotted key ("model.server.workers").
type Error struct {
	File         string
	Line, Column int    // 1-based; 0 when unknown
	Key          string // dotted key; empty when the problem is not about one key
	Msg          string
	// Note, when not empty, explains the problem at more length. Problems
	// of one kind (the warnings of several sweep points) share it, so
	// that it can be shown once for all; Error leaves it out.
	Note string
}

// Error formats e as "exp.yaml:14:5: model.server.workers: must be >= 1,
// got 0", leaving out the parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in an experiment file, sorted by
// position. Load returns one when the file is invalid.
type ErrorList []*Error

// Error returns the problems one per line.
func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the problems, so errors.As finds an *Error.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// sortErrors sorts errs by position, then key and message, and drops
// duplicates (the same problem found at several sweep points).
func sortErrors(errs []*Error) []*Error {
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Key, b.Key), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.CompactFunc(errs, func(a, b *Error) bool { return *a == *b })
}

// ErrIncompatible is wrapped by the errors of Run and Merge that refuse
// to mix results of different experiments, seeds or shards.
var ErrIncompatible = errors.New("incompatible results")
