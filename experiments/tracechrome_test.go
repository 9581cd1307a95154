package experiments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// checkChrome checks data against the rules of the Trace Event Format that
// viewers rely on: every event has ph, ts, pid and tid; a complete event
// (X) has dur >= 0; metadata names every process and thread used; the
// complete events of one thread nest (each lies within the one it
// overlaps). It returns the complete events.
func checkChrome(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	var doc struct {
		TraceEvents []map[string]any `json:"traceEvents"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	num := func(e map[string]any, k string) float64 {
		v, ok := e[k].(float64)
		if !ok {
			t.Fatalf("event %v: no number %s", e, k)
		}
		return v
	}
	procs, threads := map[float64]bool{}, map[[2]float64]bool{}
	var xs []map[string]any
	for _, e := range doc.TraceEvents {
		ph, _ := e["ph"].(string)
		num(e, "ts")
		pid, tid := num(e, "pid"), num(e, "tid")
		switch ph {
		case "M":
			switch e["name"] {
			case "process_name":
				procs[pid] = true
			case "thread_name":
				threads[[2]float64{pid, tid}] = true
			}
		case "X":
			if num(e, "dur") < 0 {
				t.Errorf("negative dur: %v", e)
			}
			xs = append(xs, e)
		default:
			t.Errorf("event of phase %q: %v", ph, e)
		}
	}
	byThread := map[[2]float64][]map[string]any{}
	for _, e := range xs {
		k := [2]float64{num(e, "pid"), num(e, "tid")}
		if !procs[k[0]] || !threads[k] {
			t.Errorf("pid %v tid %v has no name", k[0], k[1])
		}
		byThread[k] = append(byThread[k], e)
	}
	for k, es := range byThread {
		slices.SortStableFunc(es, func(a, b map[string]any) int {
			if d := num(a, "ts") - num(b, "ts"); d != 0 {
				return int(d / abs(d))
			}
			if d := num(b, "dur") - num(a, "dur"); d != 0 {
				return int(d / abs(d))
			}
			return 0
		})
		// Times are microseconds with nanosecond decimals: ts + dur may
		// differ from the end in the last bit.
		const ns = 1e-3
		var open []float64 // ends of the enclosing events
		for _, e := range es {
			ts, end := num(e, "ts"), num(e, "ts")+num(e, "dur")
			for len(open) > 0 && open[len(open)-1] <= ts+ns/2 {
				open = open[:len(open)-1]
			}
			if len(open) > 0 && end > open[len(open)-1]+ns/2 {
				t.Errorf("thread %v: %v [%v, %v] overlaps the end of its enclosing event (%v)", k, e["name"], ts, end, open[len(open)-1])
			}
			open = append(open, end)
		}
	}
	return xs
}

func abs(x float64) float64 { return max(x, -x) }

func chromeOf(t *testing.T, exp *Experiment, p, rep int) []byte {
	t.Helper()
	tr, err := RunTrace(context.Background(), exp, p, rep, TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tr.WriteChrome(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestTraceChromeTiny: the hand-checked graph scenario of TestTraceCSV in
// the Trace Event Format: its bars, their tracks, and r1's attempt and
// call within r1's span.
func TestTraceChromeTiny(t *testing.T) {
	exp, err := parse(t, tinyGraph)
	if err != nil {
		t.Fatal(err)
	}
	xs := checkChrome(t, chromeOf(t, &exp, 0, 0))
	var got []string
	for _, e := range xs {
		got = append(got, fmt.Sprintf("%v pid=%v tid=%v ts=%v dur=%v %v", e["name"], e["pid"], e["tid"], e["ts"], e["dur"], e["cat"]))
	}
	want := []string{
		"r1 pid=1 tid=1 ts=100000 dur=43000 succeeded",
		"r2 pid=1 tid=2 ts=100000 dur=60000 failed",
		"r1 #1 pid=3 tid=5 ts=112000 dur=25000 succeeded",
		"r1 #1 pid=2 tid=4 ts=101000 dur=37000 succeeded",
		"r2 #1 pid=3 tid=5 ts=149000 dur=25000 succeeded",
		"r2 #1 pid=2 tid=3 ts=101000 dur=74000 succeeded",
		"r1 api>auth pid=2 tid=4 ts=111000 dur=27000 succeeded",
		"r2 api>auth pid=2 tid=3 ts=148000 dur=27000 succeeded",
	}
	if !slices.Equal(got, want) {
		t.Errorf("events:\n%v\nwant:\n%v", got, want)
	}
	// r1's spans lie within r1's (r2's call outlives r2, whose client gave up).
	for _, e := range xs[2:] {
		args := e["args"].(map[string]any)
		ts, end := e["ts"].(float64), e["ts"].(float64)+e["dur"].(float64)
		if args["request"] == 1.0 && (ts < 100000 || end > 143000) {
			t.Errorf("%v [%v, %v] is not within r1 [100000, 143000]", e["name"], ts, end)
		}
	}
}

// TestTraceChromeRules: the traces of bundled examples (fan-outs, retries,
// timeouts, concurrent requests on one client) follow the format's rules.
func TestTraceChromeRules(t *testing.T) {
	for _, name := range []string{"checkout-fanout", "retry-storm", "cascading-slowdown"} {
		exp := mustLoad(t, "../examples/"+name+".yaml")
		exp.Horizon, exp.Warmup = exp.Horizon/20, exp.Warmup/20
		xs := checkChrome(t, chromeOf(t, &exp, len(exp.Points)-1, 0))
		if len(xs) < 100 {
			t.Errorf("%s: %d events", name, len(xs))
		}
	}
}
