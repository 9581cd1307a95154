package models

import (
	"math"

	"github.com/asyncsim/asyncsim/sim"
)

// curve is a client's arrival rate over time as operational time: Λ(t) =
// ∫ rate(s) / base ds, where base is the rate of the arrival
// distribution. Gaps drawn from the distribution are laid out in
// operational time and mapped back to the clock, so an exponential base
// gives exactly a non-homogeneous Poisson process of the profile's rate,
// and any other base the same shape at every rate. The rate is piecewise
// linear in time; times are seconds.
type curve struct {
	segs   []segment
	period float64 // > 0: the profile repeats with this period
	cycle  float64 // Λ over one period
	// The inverse's cursor: arrivals ask for increasing operational
	// times, so the search goes on from the last segment.
	k   int          // current period (repeat)
	seg int          // current segment
	tau sim.Duration // operational time reached by the client's arrivals, exact
}

// segment is [t0, t1) with the operational rate going linearly from a0
// to a1; lam0 is Λ at t0 within its period. The last segment of a profile
// without repeat has t1 = +Inf.
type segment struct {
	t0, t1, a0, a1, lam0 float64
}

// newCurve builds the curve of profile p for a base rate (arrivals per
// second of the arrival distribution).
func newCurve(p *Profile, base float64) *curve {
	c := &curve{period: p.Repeat.Seconds()}
	end := math.Inf(1)
	if c.period > 0 {
		end = c.period
	}
	add := func(t0, t1, a0, a1 float64) {
		if t1 <= t0 {
			return
		}
		lam := 0.0
		if n := len(c.segs); n > 0 {
			s := c.segs[n-1]
			lam = s.lam0 + (s.a0+s.a1)/2*(s.t1-s.t0)
		}
		c.segs = append(c.segs, segment{t0, t1, a0, a1, lam})
	}
	pts := p.Points
	for i, pt := range pts {
		v := pt.Value / base
		next := end
		if i+1 < len(pts) {
			next = pts[i+1].At.Seconds()
			if r := pts[i+1].Ramp.Seconds(); r > 0 {
				nv := pts[i+1].Value / base
				add(pt.At.Seconds(), next-r, v, v)
				add(next-r, next, v, nv)
				continue
			}
		}
		add(pt.At.Seconds(), next, v, v)
	}
	if c.period > 0 {
		s := c.segs[len(c.segs)-1]
		c.cycle = s.lam0 + (s.a0+s.a1)/2*(s.t1-s.t0)
	}
	return c
}

// next returns the clock time, in seconds, of the arrival a gap of
// operational time after the previous one, and false when the rate stays
// 0 for ever. Operational time adds up in integer nanoseconds, so that
// constant gaps land exactly on the profile's points.
func (c *curve) next(gap sim.Duration) (float64, bool) {
	c.tau += gap
	tau := float64(c.tau) / 1e9
	for {
		if c.period > 0 && c.cycle <= 0 {
			return 0, false
		}
		base := float64(c.k) * c.cycle // Λ at the start of the current period
		s := c.segs[c.seg]
		lam1 := s.lam0 + (s.a0+s.a1)/2*(s.t1-s.t0)
		if math.IsInf(s.t1, 1) {
			if s.a0 <= 0 {
				return 0, false
			}
			return s.t0 + (tau-base-s.lam0)/s.a0, true
		}
		if tau-base <= lam1 {
			d := tau - base - s.lam0
			u := 0.0
			if d > 0 {
				// a0 u + slope u²/2 = d, in the form that is stable for
				// any sign of the slope.
				slope := (s.a1 - s.a0) / (s.t1 - s.t0)
				u = 2 * d / (s.a0 + math.Sqrt(s.a0*s.a0+2*slope*d))
			}
			return float64(c.k)*c.period + s.t0 + u, true
		}
		c.seg++
		if c.seg == len(c.segs) {
			c.seg = 0
			c.k++
		}
	}
}

// maxProfileSeconds is the latest arrival a profile schedules (about 30
// years): past it a client is off, as it is when its rate stays 0.
const maxProfileSeconds = 1e9

// profileNext schedules a client's next arrival under its profile, a gap
// of the arrival distribution later in operational time.
func (m *model) profileNext(cl *client) {
	t, ok := cl.prof.curve.next(m.cfg.Clients.Arrival.Sample(m.clientRNG(&cl.arrivals)))
	if !ok || t > maxProfileSeconds {
		return // switched off for good
	}
	at := sim.Time(math.Round(t * 1e9))
	if at < m.env.Now() {
		at = m.env.Now()
	}
	m.env.Schedule(at.Sub(m.env.Now()), m.evArrive, cl)
}
