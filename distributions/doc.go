// Package distributions provides the delay distributions of asyncsim, their
// parsing from experiment files, and the reproducible random streams that
// drive them.
//
// Every distribution is a value type implementing Dist. Samples are
// non-negative durations rounded to the nanosecond and clamped to
// MaxSample; Mean and Moment2 report the exact moments of the continuous
// distribution, in seconds.
package distributions
