package experiments

import "errors"

// ErrDamaged is wrapped by the errors of Run and Merge that refuse a
// results directory whose files were edited or damaged: a point record
// whose checksum or labels do not match, a manifest whose counts do not
// match its own experiment. Unlike ErrIncompatible (a directory of other
// results, exit status 2) it is a runtime failure (exit status 1).
var ErrDamaged = errors.New("damaged results")
