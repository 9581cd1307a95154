package models_test

import (
	"fmt"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
	"pgregory.net/rapid"
)

// genGraph draws a small valid service graph: two to five services, each
// calling only services after it (so no cycle), every service reached,
// with any mix of hop policies, parallel groups, errors, fallbacks,
// timeouts, retries, loss, rejections, crashes and balances. A service is
// either behind a broker (every call to it is mq) or not.
func genGraph(t *rapid.T) models.Config {
	cfg := genConfig(t)
	n := rapid.IntRange(2, 5).Draw(t, "services")
	viaMQ := make([]bool, n)
	for i := range viaMQ {
		viaMQ[i] = rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("s%d.mq", i)) == 0
	}
	viaMQ[0] = cfg.Policy == models.MQ
	cfg.Services = make([]models.Service, n)
	for i := range cfg.Services {
		s := models.DefaultService(fmt.Sprintf("s%d", i))
		p := s.Name + "."
		s.Instances = rapid.IntRange(1, 3).Draw(t, p+"instances")
		s.Workers = rapid.IntRange(1, 3).Draw(t, p+"workers")
		s.Capacity = rapid.IntRange(0, 4).Draw(t, p+"capacity")
		s.Service = genDelay(t, p+"service", true, 0.2, 8)
		s.Error = rapid.SampledFrom([]float64{0, 0, 0.05, 0.3}).Draw(t, p+"error")
		s.Balance = rapid.SampledFrom(models.Balances).Draw(t, p+"balance")
		s.Queue = rapid.SampledFrom(models.Disciplines).Draw(t, p+"queue")
		if rapid.IntRange(0, 3).Draw(t, p+"crash") == 0 {
			s.Crash = &models.Crash{
				Uptime:   genDelay(t, p+"crash.uptime", false, 50, 500),
				Downtime: genDelay(t, p+"crash.downtime", false, 5, 100),
			}
		}
		s.Broker = cfg.Broker
		cfg.Services[i] = s
	}
	genHop := func(from, to int, name string) models.Hop {
		h := models.DefaultHop(fmt.Sprintf("s%d", to), models.Network{
			Send:  genDelay(t, name+".send", true, 0.1, 2),
			Reply: genDelay(t, name+".reply", true, 0.1, 2),
			Loss:  rapid.SampledFrom([]float64{0, 0, 0.05}).Draw(t, name+".loss"),
		})
		if viaMQ[to] {
			h.Policy = models.MQ
			h.Reply = rapid.Bool().Draw(t, name+".reply?")
		} else {
			h.Policy = rapid.SampledFrom([]models.Policy{models.Sync, models.Callback}).Draw(t, name+".policy")
		}
		if h.Reply {
			if rapid.Bool().Draw(t, name+".timeout?") {
				h.Timeout = consDur(rapid.Float64Range(2, 60).Draw(t, name+".timeout.ms") / 1000)
			}
			h.Retry.Attempts = rapid.IntRange(1, 3).Draw(t, name+".attempts")
			h.Retry.Backoff = genDelay(t, name+".backoff", true, 0.5, 5)
			h.Retry.Jitter = rapid.SampledFrom(models.Jitters).Draw(t, name+".jitter")
			h.OnError = rapid.SampledFrom([]models.OnError{models.Fail, models.Ignore}).Draw(t, name+".on_error")
		}
		return h
	}
	for to := 1; to < n; to++ {
		// Every service is reached: one caller before it calls it, and
		// maybe others too.
		callers := []int{rapid.IntRange(0, to-1).Draw(t, fmt.Sprintf("s%d.caller", to))}
		for from := range to {
			if from != callers[0] && rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("s%d.s%d", from, to)) == 0 {
				callers = append(callers, from)
			}
		}
		for _, from := range callers {
			s := &cfg.Services[from]
			name := fmt.Sprintf("s%d>s%d", from, to)
			h := genHop(from, to, name)
			if k := len(s.Calls); k > 0 && rapid.Bool().Draw(t, name+".join") {
				// Join the last step as a parallel group.
				st := &s.Calls[k-1]
				st.Parallel = true
				st.Hops = append(st.Hops, h)
				st.Wait = rapid.IntRange(0, len(st.Hops)).Draw(t, name+".wait")
				continue
			}
			s.Calls = append(s.Calls, models.Step{Hops: []models.Hop{h}})
		}
	}
	cfg.Clients.Calls = "s0"
	genGraphResilience(t, &cfg)
	if err := cfg.Validate(); err != nil {
		t.Fatalf("generated an invalid graph: %v", err)
	}
	return cfg
}

// TestPropertyGraph checks, on generated graphs, what must hold of every
// run: the clients' conservation of TestPropertyConservation; Delay =
// Send + Receive + Process per request; the clients' hop counters equal
// the run's; each service's outcomes within its requests; and the same
// numbers with released objects poisoned.
func TestPropertyGraph(t *testing.T) {
	const horizon, warmup = sim.Time(2 * sim.Second), sim.Time(200 * sim.Millisecond)
	rapid.Check(t, func(t *rapid.T) {
		cfg := genGraph(t)
		seed := rapid.Uint64Range(1, 1000).Draw(t, "seed")
		genStationGuards(t, &cfg)
		m, ok := propertyRun(t, cfg, seed, horizon, warmup)
		if !ok {
			return
		}
		names := models.GraphMetricNames(&cfg)
		if len(m.Graph) != len(names) {
			t.Fatalf("%d graph metrics, %d names", len(m.Graph), len(names))
		}
		g := map[string]float64{}
		for i, name := range names {
			g[name] = m.Graph[i]
		}
		entry := "call.clients.s0."
		for _, c := range []struct {
			name string
			run  float64
		}{{"attempts", m.Attempts}, {"retries", m.Retries}, {"timeouts", m.Timeouts}, {"late", m.Late}} {
			if g[entry+c.name] != c.run {
				t.Errorf("%s%s = %v, the run's %s = %v", entry, c.name, g[entry+c.name], c.name, c.run)
			}
		}
		for _, s := range cfg.Services {
			p := "service." + s.Name + "."
			if g[p+"succeeded"]+g[p+"failed"] > g[p+"requests"] {
				t.Errorf("%s: succeeded %v + failed %v > requests %v", s.Name, g[p+"succeeded"], g[p+"failed"], g[p+"requests"])
			}
			if g[p+"rejected"]+g[p+"shed"]+g[p+"rate_limited"] > g[p+"failed"] {
				t.Errorf("%s: rejected %v + shed %v + rate_limited %v > failed %v", s.Name, g[p+"rejected"], g[p+"shed"], g[p+"rate_limited"], g[p+"failed"])
			}
			if u := g[p+"utilization"]; u < 0 || u > 1+1e-9 {
				t.Errorf("%s: utilization %v", s.Name, u)
			}
		}
		if g["service.s0.requests"] > m.Attempts+m.Hedges {
			t.Errorf("entry service requests %v > attempts %v + hedges %v", g["service.s0.requests"], m.Attempts, m.Hedges)
		}
		samePoisoned(t, cfg, seed, horizon, warmup, m)
		sameWithSeries(t, cfg, seed, horizon, warmup, m)
	})
}

// genGraphResilience draws the hops' resilience mechanisms: deadline,
// then a circuit breaker (on a call that waits for its outcome) and a
// retry budget, then a hedge. Its draws come after every other (see
// genResilience).
func genGraphResilience(t *rapid.T, cfg *models.Config) {
	for i := range cfg.Services {
		for k := range cfg.Services[i].Calls {
			for x := range cfg.Services[i].Calls[k].Hops {
				h := &cfg.Services[i].Calls[k].Hops[x]
				name := fmt.Sprintf("s%d.%d.%d", i, k, x)
				h.Deadline = h.Timeout > 0 && rapid.IntRange(0, 2).Draw(t, name+".deadline?") == 0
			}
		}
	}
	for i := range cfg.Services {
		for k := range cfg.Services[i].Calls {
			for x := range cfg.Services[i].Calls[k].Hops {
				h := &cfg.Services[i].Calls[k].Hops[x]
				name := fmt.Sprintf("s%d.%d.%d", i, k, x)
				if h.Reply {
					h.Breaker = genBreaker(t, name)
				}
				h.Retry.Budget = genBudget(t, name, h.Retry.Attempts)
			}
		}
	}
	for i := range cfg.Services {
		for k := range cfg.Services[i].Calls {
			for x := range cfg.Services[i].Calls[k].Hops {
				h := &cfg.Services[i].Calls[k].Hops[x]
				if h.Reply {
					h.Hedge = genHedge(t, fmt.Sprintf("s%d.%d.%d", i, k, x), h.Policy, h.Retry.Attempts)
				}
			}
		}
	}
}
