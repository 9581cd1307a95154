package experiments

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
)

// MaxWork is the most events an experiment may be expected to simulate:
// about 6 CPU-years at NominalEventsPerSecond. Beyond it an experiment
// cannot finish, and Work.Check refuses it.
const MaxWork = 1e15

// NominalEventsPerSecond is the simulation speed of one CPU that Work
// turns into CPU time: a rough figure (docs/performance.md measures 5 to 8
// million requests of a few events each per second), for orders of
// magnitude only.
const NominalEventsPerSecond = 5e6

// Work is the expected work of an experiment: the events its runs are
// expected to simulate, estimated from the rates of its models (requests
// per second, attempts per request, events per attempt) and its horizon.
// It ignores queueing, so it is an order of magnitude, not a prediction.
type Work struct {
	Events   float64   // all runs of all points; with a precision target, its min replications of each
	PerPoint []float64 // one replication of each point
	// Most is Events with a precision target's max replications of
	// every point, the most its runs can simulate; Events without one.
	Most float64
}

// EstimateWork returns the expected work of exp.
func EstimateWork(exp *Experiment) Work {
	w := Work{PerPoint: make([]float64, len(exp.Points))}
	horizon := exp.Horizon.Seconds()
	span := horizon + maxDrain(exp.Horizon, exp.Drain).Seconds() // the run's end at the latest
	for i := range exp.Points {
		e := runEvents(&exp.Points[i].Model, horizon, span)
		if exp.Timeseries > 0 {
			e += span / exp.Timeseries.Seconds() // the end of each window
		}
		w.PerPoint[i] = e
		w.Events += e * float64(exp.Replications)
		w.Most += e * float64(exp.MaxReplications())
	}
	return w
}

// Check returns an ErrorList about file when the work is more than
// MaxWork (with a precision target, the most it can be), else nil.
func (w Work) Check(file string) error {
	if !(w.Most > MaxWork) {
		return nil
	}
	return ErrorList{{File: file, Msg: fmt.Sprintf(
		"the experiment would simulate %s (%s), more than the %s that can finish: shorten the horizon, lower the replications or narrow the sweep",
		formatEvents(w.Most), formatCPU(w.Most), formatEvents(MaxWork))}}
}

// String describes the work, e.g. "about 1.2 million events (roughly 0.24
// CPU-seconds)", and with a precision target the most it can be, "about
// 1.2 million events (under a CPU-second) to about 48 million events
// (roughly 9.6 CPU-seconds)".
func (w Work) String() string {
	s := formatEvents(w.Events) + " (" + formatCPU(w.Events) + ")"
	if w.Most > w.Events {
		s += " to " + formatEvents(w.Most) + " (" + formatCPU(w.Most) + ")"
	}
	return s
}

// runEvents estimates the events of one run of c whose requests arrive
// over horizon seconds, at the profile's peak when the clients have one,
// and which lasts span seconds with its drain (crashes go on).
func runEvents(c *models.Config, horizon, span float64) float64 {
	mean := func(d distributions.Dist) float64 {
		if d == nil {
			return 0
		}
		if m := d.Mean(); m > 0 && !math.IsInf(m, 0) {
			return m
		}
		return 0
	}
	one := func(d distributions.Dist) float64 { // an event when not zero
		if d == nil || distributions.IsZero(d) {
			return 0
		}
		return 1
	}
	cl, s := &c.Clients, &c.Server
	service := mean(s.Service)
	serverRate := math.Inf(1) // requests per second the servers can serve
	if service > 0 {
		serverRate = float64(s.Count*s.Workers) / service
	}

	var rate float64 // requests per second
	switch {
	case cl.Arrival != nil:
		rate = float64(cl.Count) * clientRate(c)
	case cl.Think != nil:
		if cycle := mean(cl.Think) + mean(c.Network.Send) + mean(c.Network.Reply) + service; cycle > 0 {
			rate = math.Min(float64(cl.Count)*clientUsers(c)/cycle, serverRate)
		}
	}

	if c.Graph() {
		return graphEvents(c, rate, horizon, span)
	}

	// Attempts per request: each fails with probability p, and a failed
	// attempt is retried up to Attempts in all.
	down := 0.0
	if cr := s.Crash; cr != nil {
		if up, dn := mean(cr.Uptime), mean(cr.Downtime); up+dn > 0 {
			down = dn / (up + dn)
		}
	}
	reject := down
	if s.Capacity > 0 && rate > serverRate {
		reject = 1 - (1-down)*serverRate/rate
	}
	keep := (1 - c.Network.Loss) * (1 - c.Network.Loss) * (1 - s.Error) * (1 - reject)
	p := clamp01(1 - keep)
	n := float64(cl.Retry.Attempts)
	attempts := n
	if p < 1 {
		attempts = (1 - math.Pow(p, n)) / (1 - p)
	}

	// Events of one attempt: its service, its network legs, its timeout,
	// its handling and its broker stages.
	perAttempt := 1 + one(c.Network.Send) + one(c.Network.Reply)
	if cl.Timeout > 0 {
		perAttempt++
	}
	switch c.Policy {
	case models.Callback, models.Event:
		perAttempt += one(c.Handler.Time)
	case models.MQ:
		perAttempt += 1 + one(c.Broker.Latency) // the ack timer, the latency
	}
	perRequest := 1 + attempts*perAttempt + (attempts-1)*one(cl.Retry.Backoff)

	events := rate * perRequest * horizon
	if cr := s.Crash; cr != nil {
		if cycle := mean(cr.Uptime) + mean(cr.Downtime); cycle > 0 {
			events += 2 * float64(s.Count) * span / cycle
		}
	}
	if math.IsNaN(events) || events < 0 {
		return 0
	}
	return events
}

// clamp01 returns x within [0, 1] (NaN as 0).
func clamp01(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	return math.Min(x, 1)
}

// formatEvents formats a count of events to two significant digits:
// "about 4,000 events", "about 1.2 million events".
func formatEvents(n float64) string {
	n = roundSig(n, 2)
	switch {
	case n < 1e6:
		return "about " + thousands(int64(n)) + " events"
	case n < 1e9:
		return fmt.Sprintf("about %g million events", roundSig(n/1e6, 2))
	case n < 1e12:
		return fmt.Sprintf("about %g billion events", roundSig(n/1e9, 2))
	case n < 1e15:
		return fmt.Sprintf("about %g trillion events", roundSig(n/1e12, 2))
	}
	return fmt.Sprintf("about %.2g events", n)
}

// formatCPU formats the CPU time of n events at NominalEventsPerSecond.
func formatCPU(n float64) string {
	s := n / NominalEventsPerSecond
	unit := func(v float64, name string) string {
		return fmt.Sprintf("roughly %g CPU-%s", roundSig(v, 2), name)
	}
	switch {
	case s < 1:
		return "under a CPU-second"
	case s < 120:
		return unit(s, "seconds")
	case s < 2*3600:
		return unit(s/60, "minutes")
	case s < 2*86400:
		return unit(s/3600, "hours")
	case s < 2*365.25*86400:
		return unit(s/86400, "days")
	}
	return unit(s/(365.25*86400), "years")
}

// roundSig rounds x to digits significant digits.
func roundSig(x float64, digits int) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', digits, 64), 64)
	return v
}

// thousands formats n with commas between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
