package experiments

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/asyncsim/asyncsim/sim"
)

// chromeEvent is one event of the Trace Event Format (the JSON that
// Perfetto and chrome://tracing open): "X" a complete event, "M" the
// metadata naming a process or thread. Times are in microseconds.
type chromeEvent struct {
	Name  string         `json:"name"`
	Cat   string         `json:"cat,omitempty"`
	Ph    string         `json:"ph"`
	Ts    float64        `json:"ts"`
	Dur   *float64       `json:"dur,omitempty"`
	Pid   int            `json:"pid"`
	Tid   int            `json:"tid"`
	Cname string         `json:"cname,omitempty"`
	Args  map[string]any `json:"args,omitempty"`
}

// traceBar is one bar of a trace's timeline: a request on its client's row,
// an attempt on the instance that served it, a call on its caller's
// instance (nested in the attempt it works for).
type traceBar struct {
	track      traceTrack
	start, end sim.Time
	request    int64
	name       string
	outcome    string // succeeded, failed, abandoned or in_flight
	args       map[string]any
}

// traceTrack is one row of the timeline: a client (service "") or an instance.
type traceTrack struct {
	service string // "" for the clients
	index   int
}

// spans returns the bars of the trace's timeline, and the tracks in
// display order: the clients, then the instances of each service in the
// order written. Requests in flight end at the last time of the trace.
func (t *Trace) spans() ([]traceBar, []traceTrack) {
	var out []traceBar
	last := sim.Time(0)
	for i := range t.Requests {
		last = max(last, t.Requests[i].T0, t.Requests[i].End)
	}
	for i := range t.Calls {
		last = max(last, t.Calls[i].End)
	}
	for i := range t.Attempts {
		last = max(last, t.Attempts[i].End)
	}
	for i := range t.Requests {
		q := &t.Requests[i]
		end := q.End
		if q.Outcome == OutcomeInFlight {
			end = last
		}
		out = append(out, traceBar{track: traceTrack{"", q.Client}, start: q.T0, end: end, request: q.ID,
			name: fmt.Sprintf("r%d", q.ID), outcome: q.Outcome,
			args: map[string]any{"request": q.ID, "outcome": q.Outcome, "cause": q.Cause, "attempts": q.Attempts,
				"instance": q.Instance, "window": q.Window}})
	}
	for i := range t.Attempts {
		a := &t.Attempts[i]
		o := OutcomeSucceeded
		if !a.OK {
			o = OutcomeFailed
		}
		out = append(out, traceBar{track: traceTrack{a.Service, a.Instance}, start: a.Start, end: a.End, request: a.Request,
			name: fmt.Sprintf("r%d #%d", a.Request, a.Attempt), outcome: o,
			args: map[string]any{"request": a.Request, "outcome": o, "cause": a.Cause, "attempt": a.Attempt,
				"hop": a.Caller + ">" + a.Service, "caller_instance": a.CallerInstance}})
	}
	for i := range t.Calls {
		c := &t.Calls[i]
		out = append(out, traceBar{track: traceTrack{c.Caller, c.CallerInstance}, start: c.Start, end: c.End, request: c.Request,
			name: fmt.Sprintf("r%d %s", c.Request, c.Hop()), outcome: c.Outcome,
			args: map[string]any{"request": c.Request, "outcome": c.Outcome, "cause": c.Cause, "attempts": c.Attempts,
				"hop": c.Hop(), "instance": c.Instance}})
	}
	order := map[string]int{"": 0}
	for i, s := range t.Services {
		order[s] = i + 1
	}
	seen := map[traceTrack]bool{}
	var tracks []traceTrack
	for _, s := range out {
		if !seen[s.track] {
			seen[s.track] = true
			tracks = append(tracks, s.track)
		}
	}
	slices.SortFunc(tracks, func(a, b traceTrack) int {
		return cmp.Or(cmp.Compare(order[a.service], order[b.service]), cmp.Compare(a.service, b.service), cmp.Compare(a.index, b.index))
	})
	return out, tracks
}

// lanes assigns each span of one track to a lane so that the spans of a
// lane nest, as the bars of one thread must: a span overlaps in its lane
// only spans of its own request that contain it (the attempt that makes a
// call); concurrent requests take other lanes. It sorts idx by start and returns the lane of each of its
// spans (lane[k] for idx[k]) and the number of lanes.
func lanes(spans []traceBar, idx []int) (lane []int, n int) {
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(spans[a].start, spans[b].start), -cmp.Compare(spans[a].end, spans[b].end))
	})
	lane = make([]int, len(idx))
	type opened struct {
		end     sim.Time
		request int64
	}
	var open [][]opened // per lane: the spans still open, innermost last
	for k, i := range idx {
		s := &spans[i]
		placed := -1
		for l := range open {
			st := open[l]
			for len(st) > 0 && st[len(st)-1].end <= s.start {
				st = st[:len(st)-1]
			}
			open[l] = st
			if top := len(st) - 1; top < 0 || st[top].end >= s.end && st[top].request == s.request {
				placed = l
				break
			}
		}
		if placed < 0 {
			placed = len(open)
			open = append(open, nil)
		}
		open[placed] = append(open[placed], opened{s.end, s.request})
		lane[k] = placed
	}
	return lane, len(open)
}

// chromeColors are the reserved colour names of chrome://tracing for each
// outcome.
var chromeColors = map[string]string{
	OutcomeSucceeded: "good", OutcomeFailed: "terrible", OutcomeAbandoned: "grey", OutcomeInFlight: "yellow",
}

// WriteChrome writes the trace as Trace Event Format JSON: a process for
// the clients and one per service, a thread per client and per instance
// (more, numbered, where its bars overlap without nesting), a complete
// event per request, attempt served and call, coloured by outcome.
func (t *Trace) WriteChrome(w io.Writer) error {
	spans, tracks := t.spans()
	byTrack := map[traceTrack][]int{}
	for i := range spans {
		byTrack[spans[i].track] = append(byTrack[spans[i].track], i)
	}
	var events []chromeEvent
	pids := map[string]int{}
	tid := 0
	tids := make([]int, len(spans))
	for _, tr := range tracks {
		pid, ok := pids[tr.service]
		if !ok {
			pid = len(pids) + 1
			pids[tr.service] = pid
			name := tr.service
			if name == "" {
				name = "clients"
			}
			events = append(events,
				chromeEvent{Name: "process_name", Ph: "M", Pid: pid, Args: map[string]any{"name": name}},
				chromeEvent{Name: "process_sort_index", Ph: "M", Pid: pid, Args: map[string]any{"sort_index": pid}})
		}
		idx := byTrack[tr]
		lane, n := lanes(spans, idx)
		for l := range n {
			tid++
			name := fmt.Sprintf("%s %d", orClient(tr.service), tr.index)
			if l > 0 {
				name += fmt.Sprintf(" (%d)", l+1)
			}
			events = append(events,
				chromeEvent{Name: "thread_name", Ph: "M", Pid: pid, Tid: tid, Args: map[string]any{"name": name}},
				chromeEvent{Name: "thread_sort_index", Ph: "M", Pid: pid, Tid: tid, Args: map[string]any{"sort_index": tid}})
			for k, i := range idx {
				if lane[k] == l {
					tids[i] = tid
				}
			}
		}
	}
	for i := range spans {
		s := &spans[i]
		dur := micros(s.end - s.start)
		events = append(events, chromeEvent{Name: s.name, Cat: s.outcome, Ph: "X", Ts: micros(s.start), Dur: &dur,
			Pid: pids[s.track.service], Tid: tids[i], Cname: chromeColors[s.outcome], Args: s.args})
	}
	enc := json.NewEncoder(w)
	return enc.Encode(struct {
		TraceEvents     []chromeEvent  `json:"traceEvents"`
		DisplayTimeUnit string         `json:"displayTimeUnit"`
		Metadata        map[string]any `json:"metadata"`
	}{events, "ms", map[string]any{"point": t.Point, "replication": t.Replication, "seed": fmt.Sprint(t.Seed),
		"truncated": t.Truncated}})
}

func orClient(service string) string {
	if service == "" {
		return "client"
	}
	return service
}

// micros converts a simulated time to microseconds.
func micros(t sim.Time) float64 { return float64(t) / float64(sim.Microsecond) }
