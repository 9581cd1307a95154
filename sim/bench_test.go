package sim_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/benchmarks/mm1ref"
	"github.com/asyncsim/asyncsim/sim"
)

// BenchmarkMM1Engine runs an M/M/1 at rho 0.9 through the public engine API
// and the Queue primitive. One b.N iteration is one event.
func BenchmarkMM1Engine(b *testing.B) {
	m := newMMC(1, 0.9, 1, 1, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.env.Step()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkMM1Reference runs the hand-written reference M/M/1 of package
// mm1ref, the speed limit for the engine. One b.N
// iteration is one event.
func BenchmarkMM1Reference(b *testing.B) {
	r := mm1ref.New(1, 0.9)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r.Step()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

func TestReferenceMatchesEngine(t *testing.T) {
	// Both loops simulate the same M/M/1 with the same stream, so their
	// mean sojourn agrees to rounding.
	m := newMMC(7, 0.9, 1, 1, 0)
	r := mm1ref.New(7, 0.9)
	for range 200000 {
		m.env.Step()
		r.Step()
	}
	got, want := m.sojournSum/float64(m.sojournN), r.Sum/float64(r.N)/1e9
	if d := got - want; d > 1e-9 || d < -1e-9 || m.sojournN != r.N {
		t.Errorf("engine %v (%d) vs reference %v (%d)", got, m.sojournN, want, r.N)
	}
}

func TestNoAllocationPerEvent(t *testing.T) {
	m := newMMC(3, 0.9, 1, 1, 0)
	for range 100000 { // warm up pools and slices
		m.env.Step()
	}
	if a := testing.AllocsPerRun(10000, func() { m.env.Step() }); a != 0 {
		t.Errorf("%v allocations per event, want 0", a)
	}
	env := sim.NewEnv()
	tm := env.NewTimer(func(any) {}, nil)
	if a := testing.AllocsPerRun(10000, func() { tm.Reset(sim.Second); tm.Stop() }); a != 0 {
		t.Errorf("%v allocations per timer reset/stop, want 0", a)
	}
}
