package sim_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// mmc is an M/M/c queue built on the public engine API and Queue.
type mmc struct {
	env          *sim.Env
	q            *sim.Queue[*customer]
	rng          *rand.Rand
	arrivalMean  float64 // seconds
	serviceMean  float64
	warmup       sim.Time
	sojournSum   float64 // seconds
	sojournN     int64
	arrive, done func(any)
	free         []*customer
}

type customer struct{ t0 sim.Time }

func newMMC(seed uint64, lambda, mu float64, c int, warmup sim.Time) *mmc {
	m := &mmc{
		env:         sim.NewEnv(),
		rng:         rand.New(rand.NewPCG(seed, 0x5eed)),
		arrivalMean: 1 / lambda,
		serviceMean: 1 / mu,
		warmup:      warmup,
	}
	m.q = sim.NewQueue(m.env, c, 0, warmup, m.start)
	m.arrive = m.onArrive
	m.done = m.onDone
	m.env.Schedule(m.exp(m.arrivalMean), m.arrive, nil)
	return m
}

func (m *mmc) exp(mean float64) sim.Duration {
	return sim.Duration(m.rng.ExpFloat64() * mean * 1e9)
}

func (m *mmc) onArrive(any) {
	var c *customer
	if n := len(m.free); n > 0 {
		c, m.free = m.free[n-1], m.free[:n-1]
	} else {
		c = new(customer)
	}
	c.t0 = m.env.Now()
	m.q.Arrive(c)
	m.env.Schedule(m.exp(m.arrivalMean), m.arrive, nil)
}

func (m *mmc) start(c *customer) { m.env.Schedule(m.exp(m.serviceMean), m.done, c) }

func (m *mmc) onDone(arg any) {
	c := arg.(*customer)
	if c.t0 >= m.warmup {
		m.sojournSum += m.env.Now().Sub(c.t0).Seconds()
		m.sojournN++
	}
	m.free = append(m.free, c)
	m.q.Done()
}

// erlangC returns the mean sojourn time of an M/M/c queue.
func mmcSojourn(lambda, mu float64, c int) float64 {
	a := lambda / mu
	rho := a / float64(c)
	// Erlang B by recursion, then C.
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	pw := b / (1 - rho*(1-b))
	return pw/(float64(c)*mu-lambda) + 1/mu
}

// TestMMcAgainstTheory checks the mean sojourn of M/M/1 at rho 0.9 and M/M/3
// at rho 0.8 against the closed form with a 99% confidence interval over
// independent replications.
func TestMMcAgainstTheory(t *testing.T) {
	cases := []struct {
		name       string
		lambda, mu float64
		c          int
	}{
		{"M/M/1 rho=0.9", 0.9, 1, 1},
		{"M/M/3 rho=0.8", 2.4, 1, 3},
	}
	const reps = 30
	horizon := sim.Time(50000 * sim.Second)
	warmup := sim.Time(5000 * sim.Second)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			means := make([]float64, reps)
			for r := range reps {
				m := newMMC(uint64(1000+r), tc.lambda, tc.mu, tc.c, warmup)
				m.env.RunUntil(horizon)
				means[r] = m.sojournSum / float64(m.sojournN)
				if u := m.q.BusyAvg.Mean(horizon) / float64(tc.c); math.Abs(u-tc.lambda/tc.mu/float64(tc.c)) > 0.05 {
					t.Errorf("rep %d: utilization %.3f, want about %.3f", r, u, tc.lambda/tc.mu/float64(tc.c))
				}
			}
			mean, sd := stat.MeanStdDev(means, nil)
			tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: reps - 1}.Quantile(0.995)
			half := tq * sd / math.Sqrt(reps)
			want := mmcSojourn(tc.lambda, tc.mu, tc.c)
			t.Logf("sojourn %.4f ± %.4f (99%%), theory %.4f", mean, half, want)
			if math.Abs(mean-want) > half {
				t.Errorf("mean sojourn %.4f ± %.4f does not cover theory %.4f", mean, half, want)
			}
		})
	}
}
