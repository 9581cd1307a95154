package sim

import "math"

// TimeAverage is the time-weighted average of a piecewise-constant quantity
// (busy servers, queue length) over a window that opens at a start time.
// Changes before the start only set the current value.
type TimeAverage struct {
	start Time
	last  Time
	value float64
	area  float64 // integral of value over [start, last], in value·ns
}

// Start opens the window at time t.
func (a *TimeAverage) Start(t Time) { a.start, a.last = t, t }

// Set records that the quantity changes to v at time now.
func (a *TimeAverage) Set(now Time, v float64) {
	if now > a.last {
		a.area += a.value * float64(now-a.last)
		a.last = now
	}
	a.value = v
}

// Value returns the current value of the quantity.
func (a *TimeAverage) Value() float64 { return a.value }

// Mean returns the time-weighted average over [start, end]; 0 for an empty
// window.
func (a *TimeAverage) Mean(end Time) float64 {
	area := a.area
	if end > a.last {
		area += a.value * float64(end-a.last)
	}
	if end <= a.start {
		return 0
	}
	return area / float64(end-a.start)
}

// Tally accumulates count, mean and variance of observations by Welford's
// method, which is stable for long runs.
type Tally struct {
	n    int64
	mean float64
	m2   float64
	min  float64
	max  float64
}

// Add records one observation.
func (t *Tally) Add(x float64) {
	t.n++
	if t.n == 1 || x < t.min {
		t.min = x
	}
	if t.n == 1 || x > t.max {
		t.max = x
	}
	d := x - t.mean
	t.mean += d / float64(t.n)
	t.m2 += d * (x - t.mean)
}

// Count returns the number of observations.
func (t *Tally) Count() int64 { return t.n }

// Mean returns the sample mean, NaN when empty.
func (t *Tally) Mean() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.mean
}

// Variance returns the unbiased sample variance, NaN with fewer than two
// observations.
func (t *Tally) Variance() float64 {
	if t.n < 2 {
		return math.NaN()
	}
	return t.m2 / float64(t.n-1)
}

// Min returns the smallest observation, NaN when empty.
func (t *Tally) Min() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.min
}

// Max returns the largest observation, NaN when empty.
func (t *Tally) Max() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.max
}
