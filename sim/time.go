package sim

import (
	"math"
	"time"
)

// Time is a point on the virtual clock, in integer nanoseconds since the
// start of a run. Integer ticks make ties between events exact, so runs are
// repeatable; a float clock would drift.
type Time int64

// Duration is a span of virtual time in integer nanoseconds. It has the same
// representation as time.Duration and prints the same way.
type Duration int64

// Common durations, as in package time.
const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

// MaxTime is the largest representable instant; it stands for "never".
const MaxTime = Time(math.MaxInt64)

// String formats d like time.Duration, e.g. "1.5ms".
func (d Duration) String() string { return time.Duration(d).String() }

// Seconds returns d as a floating-point number of seconds.
func (d Duration) Seconds() float64 { return float64(d) / 1e9 }

// Std converts d to a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// Seconds returns the float64 number of seconds in s, rounded to the nearest
// nanosecond. It panics on NaN, infinity, negative or out-of-range values,
// which are programmer errors at this level.
func Seconds(s float64) Duration {
	if math.IsNaN(s) || s < 0 || s > float64(math.MaxInt64)/1e9 {
		panic("sim: invalid duration in seconds")
	}
	return Duration(math.Round(s * 1e9))
}

// String formats t as the duration since the start of the run, e.g. "1.5ms".
func (t Time) String() string { return time.Duration(t).String() }

// Add returns t+d.
func (t Time) Add(d Duration) Time { return t + Time(d) }

// Sub returns the duration t-u.
func (t Time) Sub(u Time) Duration { return Duration(t - u) }

// Seconds returns t as seconds since the start of the run.
func (t Time) Seconds() float64 { return float64(t) / 1e9 }
