package models_test

// The retry storm: a metastable failure of a server near capacity whose
// clients retry on timeouts, checked against an independent fluid model.

import (
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// stormParams is the retry storm's model: one server of one worker with a
// constant service time, evenly spaced arrivals at rate base per second,
// spike per second in [spikeFrom, spikeTo), a client timeout per attempt
// and a constant backoff before each retry; no network or handler time.
type stormParams struct {
	base, spike        float64 // arrivals per second
	spikeFrom, spikeTo float64 // seconds
	service            float64 // seconds
	timeout, backoff   float64 // seconds
	attempts           int
}

// stormPhases are the phases over which the storm is compared: steady
// load, the spike, the 18 s after it, the rest.
var stormPhases = [][2]float64{{0, 10}, {10, 12}, {12, 30}, {30, 60}}

// stormDefault: 90 requests a second on a server of capacity 100 (load
// 0.9), doubled for 2 s; timeout 5 service times, backoff 10ms.
var stormDefault = stormParams{
	base: 90, spike: 180, spikeFrom: 10, spikeTo: 12,
	service: 0.010, timeout: 0.050, backoff: 0.010, attempts: 1,
}

// config returns the model of p.
func (p stormParams) config() models.Config {
	cfg := models.DefaultConfig()
	cfg.Clients.Arrival = distributions.Constant{Value: sim.Duration(float64(sim.Second) / p.base)}
	cfg.Clients.Profile.Points = []models.ProfilePoint{
		{At: 0, Value: p.base},
		{At: sim.Duration(p.spikeFrom * float64(sim.Second)), Value: p.spike},
		{At: sim.Duration(p.spikeTo * float64(sim.Second)), Value: p.base},
	}
	cfg.Server.Service = distributions.Constant{Value: sim.Duration(p.service * float64(sim.Second))}
	cfg.Clients.Timeout = sim.Duration(p.timeout * float64(sim.Second))
	cfg.Clients.Retry = models.Retry{
		Attempts: p.attempts, Multiplier: 1,
		Backoff: distributions.Constant{Value: sim.Duration(p.backoff * float64(sim.Second))},
	}
	return cfg
}

// stormFigures are the figures of one phase: successes and attempts per
// second (attempts by the time they reach the server) and the backlog,
// the mean number of requests at the server (waiting or in service) over
// the phase's last second.
type stormFigures struct{ goodput, attempts, backlog float64 }

// stormFluid is the fluid model of the storm, written from the model's
// description and not from the engine. Arrivals are a continuous flow of
// rate λ(t); the server holds Q seconds of work and does one second of work
// per second while Q > 0, first come first served. An attempt arriving at
// a finds Q(a) ahead of it and ends at a + Q(a) + service; it succeeds if
// Q(a) + service ≤ timeout, else it times out at a + timeout (its work stays
// queued and is done anyway, for nothing), and its request, if attempts
// remain, sends the next attempt backoff later. Time advances in steps of
// dt; it returns the figures of each phase.
func stormFluid(p stormParams, phases [][2]float64, dt float64) []stormFigures {
	end := phases[len(phases)-1][1]
	n := int(math.Round(end / dt))
	step := func(d float64) int { return int(math.Round(d / dt)) }
	// retry[k][i]: attempts k+1 (k ≥ 1) arriving in step i, as a mass.
	retry := make([][]float64, p.attempts)
	for k := range retry {
		retry[k] = make([]float64, n+1)
	}
	good := make([]float64, n+1+step(10*end)) // successes by step of completion
	sent := make([]float64, n+1)              // attempts by step of arrival
	backlog := make([]float64, n+1)           // Q after each step, in requests
	var q float64                             // seconds of work
	for i := range n {
		t := float64(i) * dt
		lambda := p.base
		if t >= p.spikeFrom && t < p.spikeTo {
			lambda = p.spike
		}
		for k := range p.attempts {
			m := retry[k][i]
			if k == 0 {
				m = lambda * dt
			}
			if m == 0 {
				continue
			}
			sent[i] += m
			if q+p.service <= p.timeout {
				good[i+step(q+p.service)] += m
			} else if k+1 < p.attempts {
				if j := i + step(p.timeout+p.backoff); j <= n {
					retry[k+1][j] += m
				}
			}
			q += m * p.service
		}
		q = math.Max(0, q-dt)
		backlog[i] = q / p.service
	}
	out := make([]stormFigures, len(phases))
	for k, ph := range phases {
		a, b := step(ph[0]), step(ph[1])
		for i := a; i < b; i++ {
			out[k].goodput += good[i]
			out[k].attempts += sent[i]
		}
		out[k].goodput /= ph[1] - ph[0]
		out[k].attempts /= ph[1] - ph[0]
		last := max(a, b-step(1))
		for i := last; i < b; i++ {
			out[k].backlog += backlog[i] / float64(b-last)
		}
	}
	return out
}

// stormSim runs p's model for the phases with 1 s windows and returns the
// figures of each phase: succeeded and attempts of its windows per second,
// and the backlog as the last window's server.queue.mean plus its busy
// worker (server.utilization).
func stormSim(t *testing.T, p stormParams, phases [][2]float64) []stormFigures {
	t.Helper()
	cfg := p.config()
	end := phases[len(phases)-1][1]
	m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(end*float64(sim.Second)), 0,
		models.Options{Window: sim.Second})
	if err != nil {
		t.Fatal(err)
	}
	rows := seriesRows(t, cfg, m)
	out := make([]stormFigures, len(phases))
	for k, ph := range phases {
		for _, r := range rows {
			if r["t"] >= ph[0] && r["t"] < ph[1] {
				out[k].goodput += r["succeeded"]
				out[k].attempts += r["attempts"]
				out[k].backlog = r["server.queue.mean"] + r["server.utilization"]
			}
		}
		out[k].goodput /= ph[1] - ph[0]
		out[k].attempts /= ph[1] - ph[0]
	}
	return out
}

// TestFluidStorm checks the fluid model by hand. Without retries the spike
// adds 80 requests a second for 2 s: 160 behind at 12 s (120 on average
// over its last second), which drain at 10 a second; requests succeed
// again once at most 4 are ahead (4 × 10ms + 10ms ≤ 50ms), at
// 12 + 156/10 = 27.6 s. In the spike, the first 50ms succeed (9 requests)
// and so does the base's last 10ms (0.9), which ends after 10 s: 4.95 a
// second. With 3 attempts every request sends 3 (all time out) and the
// backlog grows by 270 − 100 = 170 a second after the spike.
func TestFluidStorm(t *testing.T) {
	phases := [][2]float64{{0, 10}, {10, 12}, {12, 27.5}, {29, 60}}
	no := stormFluid(stormDefault, phases, 1e-4)
	for k, want := range []stormFigures{{89.91, 90, 0}, {4.95, 180, 120}, {0, 90, 10}, {90, 90, 0}} {
		got := no[k]
		if math.Abs(got.goodput-want.goodput) > 0.05 || math.Abs(got.attempts-want.attempts) > 0.05 || math.Abs(got.backlog-want.backlog) > 0.05 {
			t.Errorf("no retries, phase %v: %+v, want %+v", phases[k], got, want)
		}
	}
	p := stormDefault
	p.attempts = 3
	with := stormFluid(p, [][2]float64{{20, 30}, {30, 60}}, 1e-4)
	for k, ph := range [][2]float64{{20, 30}, {30, 60}} {
		if got := with[k]; got.goodput != 0 || math.Abs(got.attempts-270) > 0.05 {
			t.Errorf("3 attempts, phase %v: %+v, want goodput 0 and 270 attempts a second", ph, got)
		}
	}
	if d := with[1].backlog - with[0].backlog; math.Abs(d-170*30) > 0.5 {
		t.Errorf("3 attempts: the backlog grows by %v in 30 s, want %v", d, 170*30)
	}
}

// TestRetryStorm: the storm of stormDefault, simulated with 1 s windows,
// recovers after the spike without retries and stays collapsed with 3
// attempts (goodput 0, every attempt times out, the queue grows 170 a
// second): a metastable failure that the spike triggers and the retries
// sustain. Every phase's goodput, attempts and final backlog agree with
// the fluid model (the simulation is deterministic: evenly spaced arrivals
// and constant service).
func TestRetryStorm(t *testing.T) {
	for _, attempts := range []int{1, 3} {
		p := stormDefault
		p.attempts = attempts
		got := stormSim(t, p, stormPhases)
		want := stormFluid(p, stormPhases, 1e-4)
		for k, ph := range stormPhases {
			g, w := got[k], want[k]
			t.Logf("STORM attempts=%d phase=[%g,%g) goodput sim=%.2f fluid=%.2f attempts/s sim=%.2f fluid=%.2f backlog sim=%.1f fluid=%.1f",
				attempts, ph[0], ph[1], g.goodput, w.goodput, g.attempts, w.attempts, g.backlog, w.backlog)
			// Within 1% of the base rate, or 2 requests a second in a
			// short phase; the backlog within 1% or 3 requests.
			tol := math.Max(0.9, 4/(ph[1]-ph[0]))
			if math.Abs(g.goodput-w.goodput) > tol || math.Abs(g.attempts-w.attempts) > 2*tol ||
				math.Abs(g.backlog-w.backlog) > math.Max(3, 0.01*w.backlog) {
				t.Errorf("attempts %d, phase [%g, %g): simulated %+v, fluid %+v", attempts, ph[0], ph[1], g, w)
			}
		}
		last := got[len(got)-1]
		switch attempts {
		case 1: // recovered: every request of the last phase succeeds
			if last.goodput != 90 {
				t.Errorf("no retries: goodput %v in [30, 60), want 90 (recovered)", last.goodput)
			}
		default: // collapsed: nothing succeeds after the spike
			if got[2].goodput != 0 || last.goodput != 0 {
				t.Errorf("%d attempts: goodput %v and %v after the spike, want 0 (collapsed)", attempts, got[2].goodput, last.goodput)
			}
		}
	}
}
