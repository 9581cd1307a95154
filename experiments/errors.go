package experiments

import (
	"errors"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// Error is one problem found in an experiment file, at a line and column
// of the file and about a dotted key ("model.server.workers"); its Code
// classifies it. Error formats it as "exp.yaml:14:5: model.server.workers:
// must be >= 1, got 0". It is the one error type of the YAML front end,
// shared with the distributions' FieldError.
type Error = yamlconf.Error

// ErrorList is every problem found in an experiment file, sorted by
// position. Load returns one when the file is invalid; errors.As finds
// each *Error in it.
type ErrorList = yamlconf.List

// sortErrors sorts errs by position, then key and message, and drops
// duplicates (the same problem found at several sweep points).
func sortErrors(errs []*Error) []*Error { return yamlconf.Sort(errs) }

// ErrIncompatible is wrapped by the errors of Run and Merge that refuse
// to mix results of different experiments, data, seeds, builds or shards,
// or to write into a directory that is not asyncsim's (exit status 2).
var ErrIncompatible = errors.New("incompatible results")
