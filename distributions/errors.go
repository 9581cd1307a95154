package distributions

import (
	"fmt"
	"strconv"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// FieldError is an error in one node of an experiment file: the error
// type of the YAML front end. Code tells unknown, missing and conflicting
// parameters from invalid values.
type FieldError = yamlconf.Error

// paramError is an invalid parameter value found by a constructor.
type paramError struct {
	dist  string
	param string
	index int      // element of a list parameter, or -1
	also  []string // other parameters the check depends on
	msg   string   // e.g. "must be > 0, got -1"
}

// Error formats e as "lognormal: cv must be > 0, got -1".
func (e *paramError) Error() string {
	return e.dist + ": " + e.paramName() + " " + e.msg
}

// paramName is the parameter's name with its index, e.g. "probs[1]".
func (e *paramError) paramName() string {
	if e.index < 0 {
		return e.param
	}
	return e.param + "[" + strconv.Itoa(e.index) + "]"
}

// perr builds a paramError about a whole parameter.
func perr(dist, param, format string, args ...any) error {
	return &paramError{dist: dist, param: param, index: -1, msg: fmt.Sprintf(format, args...)}
}

// perrAt builds a paramError about element i of a list parameter.
func perrAt(dist, param string, i int, format string, args ...any) error {
	return &paramError{dist: dist, param: param, index: i, msg: fmt.Sprintf(format, args...)}
}

// leaves flattens errors.Join trees into their leaves.
func leaves(err error) []error { return yamlconf.Leaves(err) }
