package experiments

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"slices"

	"github.com/asyncsim/asyncsim/plots"
	"github.com/asyncsim/asyncsim/sim"
)

// TimelineRequests is how many requests of the window a trace's timeline
// chart shows at most: more would be bars too thin to read.
const TimelineRequests = 200

// timelineClasses are the classes of the timeline's bars in legend order,
// with their colours (Okabe–Ito): a success, each cause of failure, no
// outcome.
var timelineClasses = []struct {
	key, label string
	color      color.Color
}{
	{OutcomeSucceeded, "succeeded", color.RGBA{0x00, 0x72, 0xB2, 0xFF}},
	{"timeout", "timeout", color.RGBA{0xD5, 0x5E, 0x00, 0xFF}},
	{"rejected", "rejected", color.RGBA{0xE6, 0x9F, 0x00, 0xFF}},
	{"error", "error", color.RGBA{0xCC, 0x79, 0xA7, 0xFF}},
	{"lost", "lost", color.RGBA{0x56, 0xB4, 0xE9, 0xFF}},
	{"handler_error", "handler error", color.RGBA{0x00, 0x00, 0x00, 0xFF}},
	{"short_circuited", "short-circuited", color.RGBA{0x00, 0x9E, 0x73, 0xFF}},
	{"shed", "shed", color.RGBA{0xF0, 0xE4, 0x42, 0xFF}},
	{"", "other failure", color.RGBA{0x55, 0x55, 0x55, 0xFF}},
	{OutcomeInFlight, "no outcome yet", color.RGBA{0xBB, 0xBB, 0xBB, 0xFF}},
}

// classOf returns the index in timelineClasses of a bar's outcome and
// cause.
func classOf(outcome, cause string) int {
	key := cause
	if outcome == OutcomeSucceeded || outcome == OutcomeInFlight {
		key = outcome
	}
	other := 0
	for i, c := range timelineClasses {
		if c.key == key {
			return i
		}
		if c.key == "" {
			other = i
		}
	}
	return other
}

// Timeline returns the trace as a timeline chart of its first n requests
// of the window (at most TimelineRequests; n <= 0: that many): a row per
// client with its requests, from creation to outcome, and a row per
// instance with the attempts it served, from arrival to reply, coloured by
// outcome and cause of failure.
func (t *Trace) Timeline(n int) (plots.Timeline, error) {
	if n <= 0 || n > TimelineRequests {
		n = TimelineRequests
	}
	var first, last *TraceRequest
	count := 0
	for i := range t.Requests {
		q := &t.Requests[i]
		if !q.Window {
			continue
		}
		if first == nil {
			first = q
		}
		last = q
		if count++; count == n {
			break
		}
	}
	if first == nil {
		return plots.Timeline{}, fmt.Errorf("the trace has no request in the window")
	}
	lo, hi := first.T0, last.T0
	// Room after the last creation for the outcomes of the last requests:
	// the median time to an outcome, or a fifth of the range if more, and
	// no further than the last outcome.
	ends := hi
	var took []sim.Time
	for i := first.ID - t.Requests[0].ID; i <= last.ID-t.Requests[0].ID; i++ {
		q := &t.Requests[i]
		if q.Outcome != OutcomeInFlight {
			ends = max(ends, q.End)
			took = append(took, q.End-q.T0)
		}
	}
	extra := (hi - lo) / 5
	if len(took) > 0 {
		slices.Sort(took)
		extra = max(extra, took[len(took)/2])
	}
	hi = min(ends, hi+extra)
	in := func(start, end sim.Time) bool { return end >= lo && start <= hi }

	// Bars by track, then rows in track order.
	type bar struct {
		start, end sim.Time
		class      int
	}
	byTrack := map[traceTrack][]bar{}
	for i := range t.Requests {
		q := &t.Requests[i]
		end := q.End
		if q.Outcome == OutcomeInFlight {
			end = hi
		}
		if in(q.T0, end) {
			k := traceTrack{"", q.Client}
			byTrack[k] = append(byTrack[k], bar{q.T0, end, classOf(q.Outcome, q.Cause)})
		}
	}
	for i := range t.Attempts {
		a := &t.Attempts[i]
		if in(a.Start, a.End) {
			o := OutcomeSucceeded
			if !a.OK {
				o = OutcomeFailed
			}
			k := traceTrack{a.Service, a.Instance}
			byTrack[k] = append(byTrack[k], bar{a.Start, a.End, classOf(o, a.Cause)})
		}
	}
	_, tracks := t.spans()
	used := map[int]int{} // class -> index in the legend
	var classes []int
	tl := plots.Timeline{
		Title: fmt.Sprintf("%s: requests %d to %d (point %d, replication %d)", t.Name, first.ID, last.ID, t.Point, t.Replication),
		Subtitle: "clients: requests from creation to outcome · " +
			"instances: attempts from arrival (waiting included) to reply",
		Min: seconds64(lo), Max: seconds64(hi),
	}
	for _, tr := range tracks {
		bs := byTrack[tr]
		if len(bs) == 0 {
			continue
		}
		r := len(tl.Rows)
		tl.Rows = append(tl.Rows, fmt.Sprintf("%s %d", orClient(tr.service), tr.index))
		slices.SortStableFunc(bs, func(a, b bar) int { return cmp.Compare(a.start, b.start) })
		var laneEnd []sim.Time // the end of the last bar of each lane
		for _, b := range bs {
			lane := slices.IndexFunc(laneEnd, func(e sim.Time) bool { return e <= b.start })
			if lane < 0 {
				lane = len(laneEnd)
				laneEnd = append(laneEnd, 0)
			}
			laneEnd[lane] = b.end
			if _, ok := used[b.class]; !ok {
				used[b.class] = -1
				classes = append(classes, b.class)
			}
			tl.Bars = append(tl.Bars, plots.TimelineBar{Row: r, Lane: lane, Start: seconds64(b.start), End: seconds64(b.end), Class: b.class})
		}
	}
	slices.Sort(classes)
	for i, c := range classes {
		used[c] = i
		tl.Classes = append(tl.Classes, timelineClasses[c].label)
		tl.Colors = append(tl.Colors, timelineClasses[c].color)
	}
	for i := range tl.Bars {
		tl.Bars[i].Class = used[tl.Bars[i].Class]
	}
	return tl, nil
}

// WritePNG draws the trace's timeline (see Timeline) as PNG.
func (t *Trace) WritePNG(w io.Writer, n int) error {
	tl, err := t.Timeline(n)
	if err != nil {
		return err
	}
	png, err := plots.TimelinePNG(tl)
	if err != nil {
		return err
	}
	_, err = w.Write(png)
	return err
}

// seconds64 converts a simulated time to seconds.
func seconds64(t sim.Time) float64 { return float64(t) / float64(sim.Second) }
