package sim_test

import (
	"math/rand/v2"
	"testing"

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

// refEvent is the reference loop's event: a small struct ordered by (t, seq).
type refEvent struct {
	t    int64
	seq  uint64
	kind uint8 // 0 arrival, 1 departure
	t0   int64 // arrival time of the departing customer
}

// refHeap is a hand-specialised binary min-heap of refEvent.
type refHeap []refEvent

func (h *refHeap) push(e refEvent) {
	*h = append(*h, e)
	s := *h
	j := len(s) - 1
	for j > 0 {
		i := (j - 1) / 2
		if s[i].t < e.t || (s[i].t == e.t && s[i].seq < e.seq) {
			break
		}
		s[j] = s[i]
		j = i
	}
	s[j] = e
}

func (h *refHeap) pop() refEvent {
	s := *h
	top := s[0]
	n := len(s) - 1
	e := s[n]
	s = s[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		j := l
		if r := l + 1; r < n && (s[r].t < s[l].t || (s[r].t == s[l].t && s[r].seq < s[l].seq)) {
			j = r
		}
		if e.t < s[j].t || (e.t == s[j].t && e.seq < s[j].seq) {
			break
		}
		s[i] = s[j]
		i = j
	}
	if n > 0 {
		s[i] = e
	}
	*h = s
	return top
}

// refMM1 is the same M/M/1 written by hand with no engine, no interfaces
// and no allocation: the speed limit the engine is measured against. It
// computes the same outputs as the engine's model: mean sojourn and the
// time-weighted busy servers and queue length.
type refMM1 struct {
	h        refHeap
	seq      uint64
	rng      *rand.Rand
	queue    []int64 // arrival times of waiting customers (ring)
	qh, qn   int
	busy     bool
	last     int64   // time of the last change of busy or queue length
	busyArea float64 // integral of busy servers, for utilization
	waitArea float64 // integral of queue length
	sum      float64
	n        int64
	arrMean  float64
	servMean float64
}

func newRefMM1(seed uint64) *refMM1 {
	r := &refMM1{rng: rand.New(rand.NewPCG(seed, 0x5eed)), queue: make([]int64, 1<<16), arrMean: 1 / 0.9, servMean: 1}
	r.schedule(0, r.exp(r.arrMean), 0, 0)
	return r
}

func (r *refMM1) exp(mean float64) int64 { return int64(r.rng.ExpFloat64() * mean * 1e9) }

func (r *refMM1) schedule(now, d int64, kind uint8, t0 int64) {
	r.seq++
	r.h.push(refEvent{t: now + d, seq: r.seq, kind: kind, t0: t0})
}

func (r *refMM1) step() {
	e := r.h.pop()
	now := e.t
	dt := float64(now - r.last)
	r.last = now
	if r.busy {
		r.busyArea += dt
	}
	r.waitArea += float64(r.qn) * dt
	if e.kind == 0 {
		if !r.busy {
			r.busy = true
			r.schedule(now, r.exp(r.servMean), 1, now)
		} else {
			if r.qn == len(r.queue) {
				panic("reference queue overflow")
			}
			r.queue[(r.qh+r.qn)&(len(r.queue)-1)] = now
			r.qn++
		}
		r.schedule(now, r.exp(r.arrMean), 0, 0)
		return
	}
	r.sum += float64(now - e.t0)
	r.n++
	if r.qn > 0 {
		t0 := r.queue[r.qh]
		r.qh = (r.qh + 1) & (len(r.queue) - 1)
		r.qn--
		r.schedule(now, r.exp(r.servMean), 1, t0)
	} else {
		r.busy = false
	}
}

// BenchmarkMM1Reference runs the hand-written reference M/M/1. One b.N
// iteration is one event.
func BenchmarkMM1Reference(b *testing.B) {
	r := newRefMM1(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r.step()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

func TestReferenceMatchesEngine(t *testing.T) {
	// Both loops simulate the same M/M/1 with the same stream, so their
	// mean sojourn agrees to rounding.
	m := newMMC(7, 0.9, 1, 1, 0)
	r := newRefMM1(7)
	for range 200000 {
		m.env.Step()
		r.step()
	}
	got, want := m.sojournSum/float64(m.sojournN), r.sum/float64(r.n)/1e9
	if d := got - want; d > 1e-9 || d < -1e-9 || m.sojournN != r.n {
		t.Errorf("engine %v (%d) vs reference %v (%d)", got, m.sojournN, want, r.n)
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
