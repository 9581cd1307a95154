package models

import (
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

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

// maxUsers returns the largest number of users of a users profile.
func (p *Profile) maxUsers() int {
	n := 0
	for _, pt := range p.Points {
		n = max(n, int(pt.Value))
	}
	return n
}

// validateProfile reports the invalid fields of the clients' profile.
func (c *Config) validateProfile(bad badFunc) {
	p := &c.Clients.Profile
	if len(p.Points) == 0 {
		if p.Repeat != 0 {
			bad("clients.repeat", "needs a profile")
		}
		return
	}
	switch {
	case p.Users && c.Clients.Think == nil:
		bad("clients.profile", "a profile of users needs a closed loop (clients.think)")
	case !p.Users && c.Clients.Arrival == nil:
		bad("clients.profile", "a profile of rates needs clients.arrival")
	}
	for i, pt := range p.Points {
		f := fmt.Sprintf("clients.profile.%d", i)
		switch {
		case i == 0 && pt.At != 0:
			bad(f+".at", "the first point must be at 0s, got %v", pt.At)
		case i > 0 && pt.At <= p.Points[i-1].At:
			bad(f+".at", "must be after the point before (%v), got %v", p.Points[i-1].At, pt.At)
		}
		switch {
		case math.IsNaN(pt.Value) || pt.Value < 0 || math.IsInf(pt.Value, 0):
			bad(f, "must be a finite number >= 0, got %v", pt.Value)
		case p.Users && pt.Value != math.Trunc(pt.Value):
			bad(f+".users", "must be a whole number, got %v", pt.Value)
		case p.Users && pt.Value > DefaultMaxBacklog:
			bad(f+".users", "at most %d users, got %v", DefaultMaxBacklog, pt.Value)
		}
		if pt.Ramp < 0 {
			bad(f+".ramp", "must be >= 0, got %v", pt.Ramp)
		}
		if pt.Ramp > 0 && p.Users {
			bad(f+".ramp", "a profile of users changes in steps: no ramp")
		}
		if pt.Ramp > 0 && i > 0 && pt.Ramp > pt.At-p.Points[i-1].At {
			bad(f+".ramp", "must fit between the point before (%v) and this one (%v), got %v", p.Points[i-1].At, pt.At, pt.Ramp)
		}
		if pt.Ramp > 0 && i == 0 {
			bad(f+".ramp", "the first point has nothing to ramp from")
		}
	}
	last := p.Points[len(p.Points)-1].At
	if p.Repeat < 0 || (p.Repeat > 0 && p.Repeat <= last) {
		bad("clients.repeat", "must be after the profile's last point (%v), got %v", last, p.Repeat)
	}
	if !p.Users && c.Clients.Arrival != nil {
		// The peak rate must not flood the clock.
		for i, pt := range p.Points {
			if pt.Value > 1/MinClockMean {
				bad(fmt.Sprintf("clients.profile.%d.rate", i), "at most 1e9 per second (the clock's resolution is 1ns), got %v", pt.Value)
			}
		}
	}
}
