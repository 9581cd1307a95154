package experiments

import (
	"math"
	"strconv"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// MSER drops a transient that sits apart from the rest, keeps a series
// with none, and never drops more than half.
func TestMSERPoint(t *testing.T) {
	for _, c := range []struct {
		z    []float64
		want int
	}{
		{nil, 0},
		{[]float64{3}, 0},
		{[]float64{1, 1, 1, 1, 1, 1}, 0},
		// Two low batches then a level: MSER(2) = 0 is the least.
		{[]float64{0, 0, 5, 5, 5, 5, 5, 5}, 2},
		// MSER(0) = 3.5/36 = 0.097; MSER(1) = 0.8/25 = 0.032; MSER(2) = 0.
		{[]float64{1, 2, 3, 3, 3, 3}, 2},
		// A trend to the end: the least MSER is past half, held at m/2.
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8}, 4},
	} {
		if got := mserPoint(c.z); got != c.want {
			t.Errorf("mserPoint(%v) = %d, want %d", c.z, got, c.want)
		}
	}
}

// The collector averages successes before the horizon in batches of 5,
// in the order they finish, and the warm-up is the end of the last
// batch dropped; failures and requests finished in the drain are left out.
func TestMSERCollect(t *testing.T) {
	s := newMSER(sim.Time(100 * sim.Second))
	at := func(i int) sim.Time { return sim.Time(i) * sim.Time(sim.Second) }
	for i := range 40 {
		d := sim.Duration(5 * sim.Second)
		if i < 10 {
			d = 0 // two batches of 0 s
		}
		s.done(models.Record{OK: true, T0: at(i), T3: at(i).Add(d)})
		s.done(models.Record{OK: false, T0: at(i), T3: at(i)})
	}
	s.done(models.Record{OK: true, T0: at(99), T3: at(101)})
	if len(s.means) != 8 || s.means[0] != 0 || s.means[2] != 5 {
		t.Fatalf("batch means %v", s.means)
	}
	if got := s.truncation(); got != at(9) {
		t.Errorf("truncation %v, want %v (the end of the second batch)", got, at(9))
	}
}

// Halving merges adjacent batches, keeps the end of each pair's second,
// and doubles the batch size for what comes next.
func TestMSERHalve(t *testing.T) {
	s := &mser{size: 5, means: []float64{1, 3, 5, 7, 9}, ends: []sim.Time{1, 2, 3, 4, 5}}
	s.halve()
	if s.size != 10 || len(s.means) != 2 || s.means[0] != 2 || s.means[1] != 6 || s.ends[0] != 2 || s.ends[1] != 4 {
		t.Errorf("after halve: size %d, means %v, ends %v", s.size, s.means, s.ends)
	}
}

// warmup: auto runs each replication after a pilot run on independent
// streams: the run's window starts where MSER-5 put it on the pilot, recorded in the warmup
// column, and it is what a run given that warm-up as written measures.
// The model starts with 200 s of overload (a backlog of about 200
// requests), then runs at load 0.5: the backlog's delays are a
// transient MSER must cut, well before the middle of the run.
func TestWarmupAuto(t *testing.T) {
	exp, err := parse(t, `name: auto
seed: 7
replications: 3
horizon: 2000s
warmup: auto
model:
  policy: callback
  clients:
    arrival: {dist: exponential, mean: 1s}
    profile: [{at: 0s, rate: 2}, {at: 200s, rate: 0.5}]
  server: {service: {dist: exponential, mean: 1s}}
`)
	if err != nil {
		t.Fatal(err)
	}
	if !exp.WarmupAuto || exp.Warmup != 0 {
		t.Fatalf("WarmupAuto %v, Warmup %v", exp.WarmupAuto, exp.Warmup)
	}
	for rep := range exp.Replications {
		m, err := simulate(t.Context(), &exp, 0, rep)
		if err != nil {
			t.Fatal(err)
		}
		if m.Warmup < 200 || m.Warmup >= 1000 {
			t.Errorf("replication %d: warmup %v s, want in [200, 1000)", rep, m.Warmup)
		}
		fixed := exp
		fixed.WarmupAuto, fixed.Warmup = false, sim.Duration(math.Round(m.Warmup*1e9))
		w, err := simulate(t.Context(), &fixed, 0, rep)
		if err != nil {
			t.Fatal(err)
		}
		if w.Requests != m.Requests || w.DelayMean != m.DelayMean || w.Warmup != m.Warmup {
			t.Errorf("replication %d: auto gave %v requests, delay %v; warmup %v as written gave %v, %v",
				rep, m.Requests, m.DelayMean, m.Warmup, w.Requests, w.DelayMean)
		}
	}
}

// TestValidationMSER: an M/M/1 (μ = 1) started empty over a short
// horizon reads a mean delay below the steady state's 1/(μ − λ), because
// its first requests find the system empty. warmup: auto must make that
// bias smaller. Each replication is measured twice on the same random
// numbers, without warm-up and with auto, so the difference is paired;
// where the horizon is short, its 95% interval must lie above 0 (auto
// reads higher: nearer the truth, since a queue started empty only grows
// towards its steady state) and the mean with auto must stay below the
// truth; where it is long, the interval must hold 0 (no bias to remove,
// none added). It checks the figures of
// the table in docs/validation.md, so that a change to them is seen.
// 400 replications per setting, fixed seed.
func TestValidationMSER(t *testing.T) {
	const reps = 400
	text := func(rho float64, horizon, warmup string) string {
		return `name: mser
seed: 11
replications: 400
horizon: ` + horizon + `
warmup: ` + warmup + `
model:
  policy: callback
  clients: {arrival: {dist: exponential, mean: ` + strconv.FormatFloat(1/rho, 'g', 12, 64) + `s}}
  server: {service: {dist: exponential, mean: 1s}}
`
	}
	for _, c := range []struct {
		rho                float64
		horizon            string
		short              bool    // a measurable start-up bias, which auto must reduce
		none, auto, warmup float64 // the table's means: delay without and with auto, warm-up chosen
	}{
		{0.8, "500s", true, 4.6849, 4.7498, 48.3},
		{0.8, "2000s", false, 4.8938, 4.9051, 157.0},
		{0.9, "2000s", true, 9.4970, 9.6675, 173.6},
		{0.9, "10000s", false, 10.0128, 10.0326, 741.1},
		{0.95, "4000s", true, 17.7550, 18.3025, 385.0},
	} {
		truth := 1 / (1 - c.rho)
		none, err := parse(t, text(c.rho, c.horizon, "0s"))
		if err != nil {
			t.Fatal(err)
		}
		auto, err := parse(t, text(c.rho, c.horizon, "auto"))
		if err != nil {
			t.Fatal(err)
		}
		var dn, da, diff, warm []float64
		for rep := range reps {
			n, err := simulate(t.Context(), &none, 0, rep)
			if err != nil {
				t.Fatal(err)
			}
			a, err := simulate(t.Context(), &auto, 0, rep)
			if err != nil {
				t.Fatal(err)
			}
			dn, da = append(dn, n.DelayMean), append(da, a.DelayMean)
			diff, warm = append(diff, a.DelayMean-n.DelayMean), append(warm, a.Warmup)
		}
		mn, _, _ := interval(dn)
		ma, _, _ := interval(da)
		md, lo, hi := interval(diff)
		wm, _, _ := interval(warm)
		t.Logf("MSER | rho %.2f | horizon %s | truth %.4g | none %.4f (bias %+.4f) | auto %.4f (bias %+.4f) | auto − none %+.4f [%+.4f, %+.4f] | mean warm-up %.1f s",
			c.rho, c.horizon, truth, mn, mn-truth, ma, ma-truth, md, lo, hi, wm)
		if c.short && (lo <= 0 || ma >= truth) {
			t.Errorf("rho %v: auto − none %v [%v, %v] must be above 0 and auto %v below the truth %v", c.rho, md, lo, hi, ma, truth)
		}
		if !c.short && (lo > 0 || hi < 0) {
			t.Errorf("rho %v over %s: auto − none %v [%v, %v]: a long run has no bias for auto to remove", c.rho, c.horizon, md, lo, hi)
		}
		near := func(got, want float64) bool { return math.Abs(got-want) <= 0.002*want+1e-3 }
		if !near(mn, c.none) || !near(ma, c.auto) || math.Abs(wm-c.warmup) > 0.1 {
			t.Errorf("rho %v: none %.4f, auto %.4f, warm-up %.1f; the table says %v, %v, %v", c.rho, mn, ma, wm, c.none, c.auto, c.warmup)
		}
	}
}
