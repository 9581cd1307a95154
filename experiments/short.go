package experiments

import (
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
)

// shortRelaxations is how many relaxation times of its busiest station a
// run's window must last not to be flagged short.
const shortRelaxations = 100

// station is one queue of a model as the short rule sees it: arrivals
// per second, workers, mean service time in seconds and the variability
// factor (ca² + cs²)/2 of its arrivals and service.
type station struct {
	name        string
	lambda      float64
	workers     int
	service     float64
	variability float64
}

// relaxation returns the relaxation time, in seconds, of a station of c
// workers with arrival rate λ and service rate μ = 1/service:
// v / (√(cμ) − √λ)², where v = (ca² + cs²)/2. For the M/M/1 queue (v = 1)
// it is Morse's (1955) 1/(μ(1 − √ρ)²), the time constant of the
// exponential approach of its distribution to the steady state; for the
// M/M/c queue, 1/(√(cμ) − √λ)². The variability factor v scales it as
// the heavy-traffic (reflected Brownian motion) approximation of a
// GI/G/c queue does, so that a deterministic queue (v = 0) has none. It
// is +Inf at or past capacity.
func (s station) relaxation() float64 {
	if !(s.service > 0) || s.lambda <= 0 || s.workers <= 0 {
		return 0
	}
	mu := 1 / s.service
	if s.lambda*s.service >= float64(s.workers) {
		return math.Inf(1)
	}
	d := math.Sqrt(float64(s.workers)*mu) - math.Sqrt(s.lambda)
	return s.variability / (d * d)
}

// stations returns the queues of c whose load is known from its
// configuration: the servers (one station per server, the load shared
// evenly) of a one-tier model, the instances of every service of a
// graph. It returns none for closed-loop clients (whose load depends on
// the delays) and for clients with a profile (whose runs are not meant
// to reach one steady state).
func stations(c *models.Config) []station {
	cl := &c.Clients
	if cl.Arrival == nil || len(cl.Profile.Points) > 0 || cl.Count <= 0 {
		return nil
	}
	lambda := float64(cl.Count) * clientRate(c)
	ca2 := 1.0 // the merged arrivals of several clients are close to Poisson
	if cl.Count == 1 {
		if v, ok := distributions.CV2(cl.Arrival); ok {
			ca2 = v
		}
	}
	cs2 := func(d distributions.Dist) float64 {
		if v, ok := distributions.CV2(d); ok {
			return v
		}
		return math.Inf(1)
	}
	if !c.Graph() {
		if c.Server.Service == nil || c.Server.Count <= 0 {
			return nil
		}
		return []station{{"server", lambda / float64(c.Server.Count), c.Server.Workers, c.Server.Service.Mean(), (ca2 + cs2(c.Server.Service)) / 2}}
	}
	visits, _ := graphVisits(c)
	entry := c.Entry()
	var out []station
	for i, s := range c.Services {
		if s.Service == nil || s.Instances <= 0 {
			continue
		}
		a2 := 1.0 // arrivals from other services: departures, taken as Poisson
		if i == entry {
			a2 = ca2
		}
		out = append(out, station{"service " + s.Name, lambda * visits[i] / float64(s.Instances), s.Workers, s.Service.Mean(), (a2 + cs2(s.Service)) / 2})
	}
	return out
}

// shortReason says why a run of c with the given horizon and warm-up
// (seconds) is too short for its load, or returns "". It is short when
// the window after the warm-up lasts less than shortRelaxations
// relaxation times of the busiest station below capacity (stations at or
// past capacity are the overload warning's and the growing flag's). This
// covers a warm-up shorter than the transient too: the start from empty
// biases the window's means by about τ/window of their steady values,
// under 1% once the window lasts 100 τ, whatever the warm-up.
func shortReason(c *models.Config, horizon, warmup float64) string {
	var busiest station
	tau := 0.0
	for _, s := range stations(c) {
		if t := s.relaxation(); t > tau && !math.IsInf(t, 1) {
			busiest, tau = s, t
		}
	}
	window := horizon - warmup
	if tau == 0 || window >= shortRelaxations*tau {
		return ""
	}
	return fmt.Sprintf("the window (horizon %s less warm-up %s) lasts %.3g relaxation times of the %s (load %.3g, relaxation time about %s), fewer than %d: "+
		"its means keep the bias of the start from empty and their intervals are too narrow; make the window at least %s",
		dur(horizon), dur(warmup), window/tau, busiest.name, busiest.lambda*busiest.service/float64(busiest.workers), dur(roundSig(tau, 2)), shortRelaxations, dur(roundSig(shortRelaxations*tau, 2)))
}
