package theory

import "errors"

// ErrInvalid is wrapped by every error this package returns for parameters
// outside a formula's domain.
var ErrInvalid = errors.New("theory: invalid parameter")
