package experiments

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// tinyGraph: two clients each send a request at 100ms to api (one worker,
// 10ms, sync call to auth: 25ms, 1ms each way); the clients time out
// after 60ms.
const tinyGraph = `name: tiny
seed: 1
replications: 1
horizon: 190ms
warmup: 50ms
model:
  policy: sync
  clients:
    count: 2
    calls: api
    arrival: 100ms
    timeout: 60ms
  network: {send: 1ms, reply: 2ms}
  handler: {time: 3ms}
  services:
    api:
      service: 10ms
      calls:
        - {to: auth, policy: sync, network: {send: 1ms, reply: 1ms}}
    auth:
      service: 25ms
`

// TestTraceCSV: r1 reaches api at 101ms, calls auth at 111ms (reply at
// 138ms), its reply reaches the client at 140ms and is processed at
// 143ms. r2 waits for api's worker until 138ms, calls auth at 148ms, but
// its client gives up at 160ms (timeout): its call goes on and succeeds
// at 175ms, after the request failed.
func TestTraceCSV(t *testing.T) {
	exp, err := parse(t, tinyGraph)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := RunTrace(context.Background(), &exp, 0, 0, TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tr.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := `kind,request,client,window,hop,caller_instance,instance,t0,t1,t2,t3,end,outcome,cause,attempts
request,1,0,true,clients>api,0,0,0.1,0.101,0.14,0.143,0.143,succeeded,,1
call,1,0,true,api>auth,0,0,0.111,,,,0.138,succeeded,,1
request,2,1,true,clients>api,1,0,0.1,,,,0.16,failed,timeout,1
call,2,1,true,api>auth,0,0,0.148,,,,0.175,succeeded,,1
`
	if b.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", b.String(), want)
	}
	if tr.Truncated {
		t.Error("truncated")
	}
	// auth served both calls; api answered r1 (ok at 138ms) and r2 (ok at
	// 175ms, late).
	if len(tr.Attempts) != 4 {
		t.Errorf("%d attempts served, want 4: %+v", len(tr.Attempts), tr.Attempts)
	}
}

// TestTraceLimit: the limit bounds the rows (requests and calls); the run
// goes on to its end, so the metrics are the whole run's.
func TestTraceLimit(t *testing.T) {
	exp, err := parse(t, tinyGraph)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := RunTrace(context.Background(), &exp, 0, 0, TraceOptions{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Requests)+len(tr.Calls) != 3 || !tr.Truncated {
		t.Errorf("%d requests, %d calls, truncated %v; want 3 rows, truncated", len(tr.Requests), len(tr.Calls), tr.Truncated)
	}
	if tr.Metrics.Requests != 2 || tr.Metrics.Succeeded != 1 {
		t.Errorf("metrics: requests %v succeeded %v; want 2 1", tr.Metrics.Requests, tr.Metrics.Succeeded)
	}
}

// TestTraceCounts: the trace of each run of bundled examples counts the
// requests and successes of the run's metrics, which are those of a run
// without the trace, number for number.
func TestTraceCounts(t *testing.T) {
	for _, name := range []string{"quickstart", "checkout-fanout", "retry-storm", "quickstart auto"} {
		file, auto := strings.CutSuffix(name, " auto")
		exp := mustLoad(t, "../examples/"+file+".yaml")
		exp.Horizon, exp.Warmup = exp.Horizon/10, exp.Warmup/10
		exp.WarmupAuto = auto // warmup: auto: the trace's window is the one MSER-5 chose
		for _, p := range []int{0, len(exp.Points) - 1} {
			for rep := range min(2, exp.Replications) {
				want, err := simulate(context.Background(), &exp, p, rep)
				if err != nil {
					t.Fatal(err)
				}
				tr, err := RunTrace(context.Background(), &exp, p, rep, TraceOptions{Limit: 1 << 30})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(tr.Metrics, want) {
					t.Errorf("%s point %d replication %d: the trace changed the metrics", name, p, rep)
				}
				req, ok := tr.Counts()
				if float64(req) != want.Requests || float64(ok) != want.Succeeded || tr.Truncated {
					t.Errorf("%s point %d replication %d: trace counts %d requests, %d succeeded; run %v, %v",
						name, p, rep, req, ok, want.Requests, want.Succeeded)
				}
			}
		}
	}
}

// TestTraceBadRun: points and replications that do not exist.
func TestTraceBadRun(t *testing.T) {
	exp, err := parse(t, tinyGraph)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ p, rep int }{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
		if _, err := RunTrace(context.Background(), &exp, c.p, c.rep, TraceOptions{}); err == nil {
			t.Errorf("point %d replication %d: no error", c.p, c.rep)
		}
	}
}

// TestTraceTimeline: the timeline of the hand-checked graph scenario: a
// row per client (their requests) and per instance (the attempts served),
// classes by outcome and cause.
func TestTraceTimeline(t *testing.T) {
	exp, err := parse(t, tinyGraph)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := RunTrace(context.Background(), &exp, 0, 0, TraceOptions{WindowOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	tl, err := tr.Timeline(0)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(tl.Rows, tl.Classes, tl.Min, tl.Max)
	// The range: from the first creation (100ms) to the last outcome
	// (160ms), at most the median time to an outcome (60ms of 43 and 60)
	// after the last creation.
	if want := "[client 0 client 1 api 0 auth 0] [succeeded timeout] 0.1 0.16"; got != want {
		t.Errorf("rows, classes, range %s; want %s", got, want)
	}
	var bars []string
	for _, b := range tl.Bars {
		bars = append(bars, fmt.Sprintf("%s lane %d %v-%v %s", tl.Rows[b.Row], b.Lane, b.Start, b.End, tl.Classes[b.Class]))
	}
	want := []string{
		"client 0 lane 0 0.1-0.143 succeeded",
		"client 1 lane 0 0.1-0.16 timeout",
		"api 0 lane 0 0.101-0.138 succeeded",
		"api 0 lane 1 0.101-0.175 succeeded",
		"auth 0 lane 0 0.112-0.137 succeeded",
		"auth 0 lane 0 0.149-0.174 succeeded",
	}
	if !slices.Equal(bars, want) {
		t.Errorf("bars:\n%v\nwant:\n%v", bars, want)
	}
}
