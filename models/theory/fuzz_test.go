package theory_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/models/theory"
	"github.com/asyncsim/asyncsim/sim"
)

// genDist returns a random distribution: often exponential (the case most
// formulas need), else any family, with means from a nanosecond to hours.
func genDist(r *rand.Rand, zeroOK bool) distributions.Dist {
	mean := math.Pow(10, -9+13*r.Float64()) // 1ns .. 10000s
	must := func(d distributions.Dist, err error) distributions.Dist {
		if err != nil {
			return distributions.Exponential{Scale: mean}
		}
		return d
	}
	switch r.IntN(10) {
	case 0:
		if zeroOK {
			return distributions.Constant{}
		}
		return distributions.Constant{Value: max(1, sim.Seconds(mean))}
	case 1:
		return distributions.Constant{Value: max(1, sim.Seconds(mean))}
	case 2:
		return must(distributions.NewUniform(0, 2*mean))
	case 3:
		return must(distributions.NewLogNormalMeanCV(mean, 0.1+4*r.Float64()))
	case 4:
		return must(distributions.NewErlang(1+r.IntN(5), mean))
	case 5:
		return must(distributions.NewHyperExponential([]float64{mean / 10, mean * 5}, []float64{0.9, 0.1}))
	case 6:
		return must(distributions.NewPareto(1.5+r.Float64()*2, mean/3))
	case 7:
		return must(distributions.NewGammaMeanCV(mean, 0.2+2*r.Float64()))
	default:
		return distributions.Exponential{Scale: mean}
	}
}

// genProb returns 0 half the time, else 1 or a probability in (0, 1).
func genProb(r *rand.Rand) float64 {
	switch r.IntN(8) {
	case 0, 1, 2, 3:
		return 0
	case 4:
		return 1
	}
	return r.Float64()
}

// genConfig returns a random valid model, biased towards the cases a
// closed form covers (Poisson arrivals, no loss, crash or timeout).
func genConfig(r *rand.Rand) models.Config {
	c := models.DefaultConfig()
	c.Policy = models.Policies[r.IntN(len(models.Policies))]
	cl := &c.Clients
	cl.Count = 1 + r.IntN(20)
	cl.Threads = 1 + r.IntN(20)
	if r.IntN(4) == 0 {
		cl.MaxInFlight = r.IntN(10)
	}
	cl.Loops = 1 + r.IntN(4)
	if c.Policy == models.Sync && r.IntN(3) == 0 {
		cl.Think = genDist(r, true)
	} else if r.IntN(2) == 0 {
		cl.Arrival = distributions.Exponential{Scale: math.Pow(10, -6+8*r.Float64())}
	} else {
		cl.Arrival = genDist(r, false)
	}
	if r.IntN(4) == 0 {
		cl.Timeout = sim.Duration(1 + r.Int64N(int64(10*sim.Second)))
	}
	cl.Retry = models.Retry{Attempts: 1 + r.IntN(5), Backoff: genDist(r, true), Multiplier: 1 + 3*r.Float64()}
	c.Network.Send, c.Network.Reply = genDist(r, true), genDist(r, true)
	if r.IntN(3) == 0 {
		c.Network.Loss = genProb(r)
	}
	s := &c.Server
	s.Count = 1 + r.IntN(4)
	s.Workers = 1 + r.IntN(8)
	if r.IntN(200) == 0 {
		s.Workers = 1_000_000 // the largest allowed; Erlang C loops over it
	}
	if r.IntN(3) == 0 {
		s.Capacity = r.IntN(20)
	}
	s.Service = genDist(r, false)
	s.Error = genProb(r)
	if r.IntN(5) == 0 {
		s.Crash = &models.Crash{Uptime: genDist(r, false), Downtime: genDist(r, true)}
	}
	c.Handler = models.Handler{Time: genDist(r, true), Error: genProb(r), Listeners: 1 + r.IntN(4)}
	b := &c.Broker
	b.Capacity = r.IntN(3) * r.IntN(20)
	b.Latency = genDist(r, true)
	if r.IntN(2) == 0 {
		b.Delivery = models.AtMostOnce
	}
	b.AckTimeout = sim.Duration(1 + r.Int64N(int64(60*sim.Second)))
	b.MaxDeliveries = 1 + r.IntN(6)
	if r.IntN(2) == 0 {
		// Clear most of what keeps a closed form away.
		clear := func() bool { return r.IntN(5) != 0 }
		if clear() {
			c.Network.Loss = 0
		}
		if clear() {
			s.Crash = nil
		}
		if clear() {
			cl.Timeout = 0
		}
		if clear() {
			cl.MaxInFlight, s.Capacity, b.Capacity = 0, 0, 0
		}
		if clear() {
			c.Handler.Time = distributions.Constant{}
		}
		if clear() {
			s.Count = 1
			s.Service = distributions.Exponential{Scale: math.Pow(10, -6+8*r.Float64())}
		}
		if clear() && cl.Think == nil {
			cl.Arrival = distributions.Exponential{Scale: math.Pow(10, -6+8*r.Float64())}
		}
	}
	return c
}

// checkPredict calls theory.Predict on a valid cfg and checks its answer:
// no panic; a refusal has a reason; a prediction names its formula and
// gives figures that are NaN or finite and in range.
func checkPredict(t *testing.T, cfg models.Config) (ok bool) {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		return false
	}
	p, ok, reason := theory.Predict(cfg)
	if !ok {
		if reason == "" {
			t.Errorf("refused without a reason: %+v", cfg)
		}
		return false
	}
	if p.Formula == "" || reason != "" {
		t.Errorf("prediction %+v with reason %q for %+v", p, reason, cfg)
	}
	for _, f := range []struct {
		name   string
		v, max float64
	}{{"DelayMean", p.DelayMean, math.Inf(1)}, {"Throughput", p.Throughput, math.Inf(1)}, {"Reliability", p.Reliability, 1}} {
		if !math.IsNaN(f.v) && !(f.v >= 0 && f.v <= f.max && !math.IsInf(f.v, 0)) {
			t.Errorf("%s %s = %v out of range for %+v", p.Formula, f.name, f.v, cfg)
		}
	}
	return true
}

// TestPredictGeneratedConfigs runs Predict on 10,000 generated valid
// models: it must never panic, and must predict for some of them.
func TestPredictGeneratedConfigs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 10_000
	if testing.Short() {
		n = 2_000
	}
	formulas := 0
	for range n {
		if checkPredict(t, genConfig(r)) {
			formulas++
		}
		if t.Failed() {
			return
		}
	}
	if formulas < n/50 {
		t.Errorf("only %d of %d generated models predicted: the generator misses the closed forms", formulas, n)
	}
	t.Logf("%d of %d predicted", formulas, n)
}

// FuzzPredict generates a valid model from each seed; Predict must never
// panic on it (go test -fuzz FuzzPredict ./models/theory).
func FuzzPredict(f *testing.F) {
	for _, s := range []uint64{0, 1, 2, 3, 42} {
		f.Add(s, s+1)
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		checkPredict(t, genConfig(rand.New(rand.NewPCG(a, b))))
	})
}
