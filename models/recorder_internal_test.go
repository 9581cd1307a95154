package models

import (
	"slices"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

// TestReceiveHistogramAsIfRecorded: the receive histogram holds every
// success's receive part whether it was recorded as it came or copied
// from the delays while the send and process parts were zero (recvApart):
// all successes with zero send and process parts, then the same followed
// by successes with a network and a handler time.
func TestReceiveHistogramAsIfRecorded(t *testing.T) {
	ms := func(x float64) sim.Duration { return sim.Duration(x * float64(sim.Millisecond)) }
	type parts struct{ send, recv, proc sim.Duration }
	zeroParts := []parts{{0, ms(3), 0}, {0, ms(250), 0}, {0, 0, 0}, {0, ms(3.001), 0}, {0, ms(9e9), 0}}
	mixed := append(slices.Clone(zeroParts), parts{ms(1), ms(7), 0}, parts{0, ms(5), ms(2)}, parts{0, ms(40), 0}, parts{ms(2), 0, ms(1)})
	for _, tc := range []struct {
		name  string
		parts []parts
		apart bool // recvApart at the end of the successes, before flushZeros
	}{{"zero send and process", zeroParts, false}, {"then others", mixed, true}} {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			r.init(nil)
			want := &hist{}
			for i, p := range tc.parts {
				q := &request{}
				q.t0 = sim.Time(ms(float64(10 * i)))
				q.t1 = q.t0.Add(p.send)
				q.t2 = q.t1.Add(p.recv)
				q.t3 = q.t2.Add(p.proc)
				r.success(q)
				record(want, p.recv)
			}
			if r.recvApart != tc.apart {
				t.Errorf("recvApart = %v, want %v", r.recvApart, tc.apart)
			}
			r.flushZeros()
			if r.receive.total != int64(len(tc.parts)) || r.receive.counts != want.counts {
				t.Errorf("receive histogram: total %d, counts differ from recording each part: %v", r.receive.total, r.receive.counts != want.counts)
			}
			if d := r.delay.total; d != int64(len(tc.parts)) {
				t.Errorf("delay histogram total %d, want %d", d, len(tc.parts))
			}
		})
	}
}
