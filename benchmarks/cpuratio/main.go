// Command cpuratio measures the engine's M/M/1, and the callback model's
// M/M/1 through models.Run, against the hand-written reference loop by
// thread CPU time rather than wall time, alternating them in short rounds,
// so that the ratios stay meaningful on a shared, loaded machine. It prints
// the best round of each and the ratios.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"time"

	"github.com/asyncsim/asyncsim/benchmarks/cputime"
	"github.com/asyncsim/asyncsim/benchmarks/mm1ref"
	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// engineMM1 is the M/M/1 of sim's BenchmarkMM1Engine: the public engine API
// and the Queue primitive.
type engineMM1 struct {
	env          *sim.Env
	q            *sim.Queue[*customer]
	rng          *rand.Rand
	sum          float64
	n            int64
	arrive, done func(any)
	free         []*customer
}

type customer struct{ t0 sim.Time }

func newEngine(seed uint64) *engineMM1 {
	m := &engineMM1{env: sim.NewEnv(), rng: rand.New(rand.NewPCG(seed, 0x5eed))}
	m.q = sim.NewQueue(m.env, 1, 0, 0, func(c *customer) { m.env.Schedule(m.exp(1), m.done, c) })
	m.arrive = func(any) {
		var c *customer
		if n := len(m.free); n > 0 {
			c, m.free = m.free[n-1], m.free[:n-1]
		} else {
			c = new(customer)
		}
		c.t0 = m.env.Now()
		m.q.Arrive(c)
		m.env.Schedule(m.exp(1/0.9), m.arrive, nil)
	}
	m.done = func(a any) {
		c := a.(*customer)
		m.sum += m.env.Now().Sub(c.t0).Seconds()
		m.n++
		m.free = append(m.free, c)
		m.q.Done()
	}
	m.env.Schedule(m.exp(1/0.9), m.arrive, nil)
	return m
}

func (m *engineMM1) exp(mean float64) sim.Duration {
	return sim.Duration(m.rng.ExpFloat64() * mean * 1e9)
}

func main() {
	events := flag.Int("events", 5_000_000, "events per round")
	rounds := flag.Int("rounds", 7, "rounds of each")
	flag.Parse()
	runtime.LockOSThread()
	best := func(f func()) time.Duration {
		t := cputime.Thread()
		f()
		return cputime.Thread() - t
	}
	e, r := newEngine(1), mm1ref.New(1, 0.9)
	be, br := time.Duration(1<<62), time.Duration(1<<62)
	for range *rounds {
		be = min(be, best(func() {
			for range *events {
				e.env.Step()
			}
		}))
		br = min(br, best(func() {
			for range *events {
				r.Step()
			}
		}))
	}
	// models.Run: an open-loop M/M/1 at rho 0.9 under each policy, zero
	// network and handler delays; requests compared with the reference's
	// customers (two events each).
	bm := map[models.Policy]time.Duration{}
	for _, p := range models.Policies {
		cfg := models.DefaultConfig()
		cfg.Policy = p
		cfg.Clients.Arrival = distributions.Exponential{Scale: 1 / 0.9}
		cfg.Server.Service = distributions.Exponential{Scale: 1}
		horizon := sim.Time(float64(*events/2)/0.9) * sim.Time(sim.Second)
		bm[p] = 1 << 62
		for range *rounds {
			var got models.Metrics
			d := best(func() {
				var err error
				got, err = models.Run(cfg, distributions.NewStreams(1, 0), horizon, 0)
				if err != nil {
					panic(err)
				}
			})
			bm[p] = min(bm[p], time.Duration(float64(d)*float64(*events/2)/got.Requests))
		}
	}
	pe := float64(be.Nanoseconds()) / float64(*events)
	pr := float64(br.Nanoseconds()) / float64(*events)
	fmt.Printf("engine    %.1f ns/event  %.1f M events/s\n", pe, 1e3/pe)
	fmt.Printf("reference %.1f ns/event  %.1f M events/s\n", pr, 1e3/pr)
	fmt.Printf("ratio engine/reference %.2f\n", pe/pr)
	for _, p := range models.Policies {
		pm := float64(bm[p].Nanoseconds()) / float64(*events/2)
		fmt.Printf("models.Run %-8s %.1f ns/request  %.2f M requests/s  = %.2f of the reference's customers/s\n",
			p, pm, 1e3/pm, 2*pr/pm)
	}
}
