// Package mm1ref is the speed limit asyncsim's engine is measured against:
// an M/M/1 queue written by hand over a specialised slice min-heap of small
// structs ordered by (time, sequence), with no interfaces, no closures and
// no allocation per event.
package mm1ref

import "math/rand/v2"

// event is a small struct ordered by (t, seq).
type event struct {
	t    int64
	seq  uint64
	kind uint8 // 0 arrival, 1 departure
	t0   int64 // arrival time of the departing customer
}

// Sim is an M/M/1 queue in integer nanoseconds. It computes the same
// outputs as the engine's model: mean sojourn and the time-weighted busy
// servers and queue length.
type Sim struct {
	h        []event
	seq      uint64
	rng      *rand.Rand
	queue    []int64 // arrival times of waiting customers (ring)
	qh, qn   int
	busy     bool
	last     int64   // time of the last change of busy or queue length
	BusyArea float64 // integral of busy servers, ns
	WaitArea float64 // integral of queue length, ns
	Sum      float64 // total sojourn, ns
	N        int64   // departures
	Now      int64
	arrMean  float64
	servMean float64
}

// New returns an M/M/1 with arrival rate rho and service rate 1 (per
// second), its stream seeded like the engine benchmark's.
func New(seed uint64, rho float64) *Sim {
	r := &Sim{rng: rand.New(rand.NewPCG(seed, 0x5eed)), queue: make([]int64, 1<<10), arrMean: 1 / rho, servMean: 1}
	r.schedule(r.exp(r.arrMean), 0, 0)
	return r
}

func (r *Sim) exp(mean float64) int64 { return int64(r.rng.ExpFloat64() * mean * 1e9) }

func (r *Sim) schedule(d int64, kind uint8, t0 int64) {
	r.seq++
	e := event{t: r.Now + d, seq: r.seq, kind: kind, t0: t0}
	r.h = append(r.h, e)
	s := r.h
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

func (r *Sim) pop() event {
	s := r.h
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
		if k := l + 1; k < n && (s[k].t < s[l].t || (s[k].t == s[l].t && s[k].seq < s[l].seq)) {
			j = k
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
	r.h = s
	return top
}

func (r *Sim) enqueue(t int64) {
	if r.qn == len(r.queue) {
		q := make([]int64, 2*len(r.queue))
		for i := range r.qn {
			q[i] = r.queue[(r.qh+i)&(len(r.queue)-1)]
		}
		r.queue, r.qh = q, 0
	}
	r.queue[(r.qh+r.qn)&(len(r.queue)-1)] = t
	r.qn++
}

// Step runs one event.
func (r *Sim) Step() {
	e := r.pop()
	now := e.t
	dt := float64(now - r.last)
	r.last = now
	if r.busy {
		r.BusyArea += dt
	}
	r.WaitArea += float64(r.qn) * dt
	r.Now = now
	if e.kind == 0 {
		if !r.busy {
			r.busy = true
			r.schedule(r.exp(r.servMean), 1, now)
		} else {
			r.enqueue(now)
		}
		r.schedule(r.exp(r.arrMean), 0, 0)
		return
	}
	r.Sum += float64(now - e.t0)
	r.N++
	if r.qn > 0 {
		t0 := r.queue[r.qh]
		r.qh = (r.qh + 1) & (len(r.queue) - 1)
		r.qn--
		r.schedule(r.exp(r.servMean), 1, t0)
	} else {
		r.busy = false
	}
}
