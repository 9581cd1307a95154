package models

import (
	"sync"
)

// Reuse keeps the histograms of finished runs for later runs
// (Options.Reuse), so that a run does not allocate its own: four 48 KB
// histograms a run (and one per service of a graph) were 94% of the
// allocation of a sweep of short runs and a fifth of its CPU time in
// garbage collection. A reused histogram is emptied first, so results do
// not change. One Reuse may serve several goroutines.
type Reuse struct {
	mu   sync.Mutex
	free []*hist
}

// NewReuse returns an empty Reuse.
func NewReuse() *Reuse { return &Reuse{} }

// histogram returns an empty histogram of the run's range: a kept one,
// or a new one when u is nil or keeps none.
func (u *Reuse) histogram() *hist {
	if u != nil {
		u.mu.Lock()
		n := len(u.free)
		var h *hist
		if n > 0 {
			h = u.free[n-1]
			u.free = u.free[:n-1]
		}
		u.mu.Unlock()
		if h != nil {
			h.reset()
			return h
		}
	}
	return &hist{}
}

// keep gives h back to u for a later run; nothing when u is nil. h must
// not be used after.
func (u *Reuse) keep(h *hist) {
	if u == nil || h == nil {
		return
	}
	u.mu.Lock()
	u.free = append(u.free, h)
	u.mu.Unlock()
}

// NewDelays returns an empty Delays whose histograms come from u and go
// back to it with Release.
func (u *Reuse) NewDelays() *Delays {
	return &Delays{from: u}
}

// release gives the histograms of the finished run to Options.Reuse, all
// but those of Metrics.Delays (see delays).
func (m *model) release() {
	u := m.opts.Reuse
	if u == nil {
		return
	}
	for _, st := range m.stations {
		u.keep(st.stats.delay)
		u.keep(st.win.delay)
		st.stats.delay, st.win.delay = nil, nil
	}
}
