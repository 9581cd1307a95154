package distributions

// Helpers shared by the constructors. fmtv formats the offending value for
// the message: fmtSeconds for times, fmtNum for plain numbers.

// positive checks that x is finite and > 0.
func positive(dist, param string, x float64, fmtv func(float64) string) error {
	if !finite(x) {
		return perr(dist, param, "must be finite, got %s", fmtv(x))
	}
	if x <= 0 {
		return perr(dist, param, "must be > 0, got %s", fmtv(x))
	}
	return nil
}

// nonNegative checks that x is finite and >= 0.
func nonNegative(dist, param string, x float64, fmtv func(float64) string) error {
	if !finite(x) {
		return perr(dist, param, "must be finite, got %s", fmtv(x))
	}
	if x < 0 {
		return perr(dist, param, "must be >= 0, got %s", fmtv(x))
	}
	return nil
}

// isFinite checks that x is finite.
func isFinite(dist, param string, x float64, fmtv func(float64) string) error {
	if !finite(x) {
		return perr(dist, param, "must be finite, got %s", fmtv(x))
	}
	return nil
}
