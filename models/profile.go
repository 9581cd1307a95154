package models

import "github.com/asyncsim/asyncsim/sim"

// Profile is a client's load over time: its arrival rate (open loop) or
// its number of active users (closed loop), changing at given instants.
// The zero value is no profile.
type Profile struct {
	// Points are the changes, by increasing At; the first is at 0. A
	// value holds until the next point.
	Points []ProfilePoint
	// Repeat, when > 0, repeats the profile with this period (a diurnal
	// load): the value at t is the value at t mod Repeat.
	Repeat sim.Duration
	// Users tells that the values are numbers of active users per client
	// (closed loop, with clients.think) rather than rates.
	Users bool
}

// ProfilePoint is one change of a profile.
type ProfilePoint struct {
	At sim.Duration
	// Value is the rate per second of one client, or its number of active
	// users. A rate of 0 switches the client off.
	Value float64
	// Ramp, when > 0, reaches Value linearly over the Ramp before At,
	// from the value before (rates only).
	Ramp sim.Duration
}

// DrainAuto is Options.Drain's "auto": after the horizon the run goes on
// until every request created in the window has its outcome, for at most
// the horizon again.
const DrainAuto sim.Duration = -1
