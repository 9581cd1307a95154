package experiments

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/asyncsim/asyncsim/sim"
)

// TraceColumns are the columns of a trace's CSV: one row per request
// (kind request) followed by the rows of its calls (kind call).
var TraceColumns = []string{"kind", "request", "client", "window", "hop", "caller_instance", "instance",
	"t0", "t1", "t2", "t3", "end", "outcome", "cause", "attempts"}

// WriteCSV writes the trace as CSV (TraceColumns): times in seconds, an
// empty cell for a time not reached or an instance not known.
func (t *Trace) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(TraceColumns); err != nil {
		return err
	}
	row := make([]string, len(TraceColumns))
	calls := t.Calls
	for i := range t.Requests {
		q := &t.Requests[i]
		row = append(row[:0], "request", itoa(q.ID), strconv.Itoa(q.Client), strconv.FormatBool(q.Window),
			"clients>"+q.Service, strconv.Itoa(q.Client), instance(q.Instance),
			seconds(q.T0), reached(q.T1), reached(q.T2), reached(q.T3), ended(q.End, q.Outcome),
			q.Outcome, q.Cause, strconv.Itoa(q.Attempts))
		if err := cw.Write(row); err != nil {
			return err
		}
		for len(calls) > 0 && calls[0].Request <= q.ID {
			c := &calls[0]
			calls = calls[1:]
			row = append(row[:0], "call", itoa(c.Request), strconv.Itoa(c.Client), strconv.FormatBool(c.Window),
				c.Hop(), strconv.Itoa(c.CallerInstance), instance(c.Instance),
				seconds(c.Start), "", "", "", seconds(c.End), c.Outcome, c.Cause, strconv.Itoa(c.Attempts))
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// seconds formats t in seconds, in the shortest form that reads back
// exactly.
func seconds(t sim.Time) string {
	return strconv.FormatFloat(float64(t)/float64(sim.Second), 'f', -1, 64)
}

// reached formats a time of a request's life, empty when not reached.
func reached(t sim.Time) string {
	if t == 0 {
		return ""
	}
	return seconds(t)
}

// ended formats the time of an outcome, empty in flight.
func ended(t sim.Time, outcome string) string {
	if outcome == OutcomeInFlight {
		return ""
	}
	return seconds(t)
}

// instance formats an instance index, empty when none.
func instance(i int) string {
	if i < 0 {
		return ""
	}
	return strconv.Itoa(i)
}
