package models_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// eventLog runs cfg until horizon, draining until every request has its
// outcome, and returns its events, one line each.
func eventLog(t *testing.T, cfg models.Config, horizon sim.Duration) (string, models.Metrics) {
	t.Helper()
	var b strings.Builder
	met, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(horizon), 0, models.Options{
		Drain: models.DrainAuto,
		Events: func(e models.TraceEvent) {
			switch e.Kind {
			case models.RequestCreated:
				fmt.Fprintf(&b, "%v r%d created by client %d\n", e.T0, e.Request, e.Client)
			case models.RequestFinished:
				fmt.Fprintf(&b, "%v r%d ok=%v cause=%q attempts=%d t=%v,%v,%v,%v instance=%d\n",
					e.End, e.Request, e.OK, e.Cause, e.Attempts, e.T0, e.T1, e.T2, e.T3, e.Instance)
			case models.AttemptServed:
				fmt.Fprintf(&b, "%v r%d %s attempt %d served by %d of %s since %v ok=%v cause=%q\n",
					e.End, e.Request, e.Hop, e.Attempts, e.Instance, e.Callee, e.T0, e.OK, e.Cause)
			case models.CallFinished:
				fmt.Fprintf(&b, "%v r%d %s from %s %d to %d since %v ok=%v abandoned=%v cause=%q attempts=%d\n",
					e.End, e.Request, e.Hop, e.Caller, e.CallerInstance, e.Instance, e.T0, e.OK, e.Abandoned, e.Cause, e.Attempts)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), met
}

// TestEventsGraph: the request reaches api at 101ms, whose work (10ms)
// calls auth (50ms, 1ms each way) with a 20ms timeout and two attempts:
// both time out (131ms, 151ms; the second waits behind the first), the
// call fails, api answers with an error at 151ms and the request fails at
// 153ms with the cause of the last failure it met. auth still serves the
// first attempt, whose reply comes late (162ms).
func TestEventsGraph(t *testing.T) {
	auth := hopTo("auth", models.Sync)
	auth.Timeout = 20 * sim.Millisecond
	auth.Retry.Attempts = 2
	cfg := graph(models.Sync, service("api", 10, models.Step{Hops: []models.Hop{auth}}), service("auth", 50))
	got, m := eventLog(t, cfg, 190*sim.Millisecond)
	checkLog(t, got, `
100ms r1 created by client 0
151ms r1 api>auth from api 0 to 0 since 111ms ok=false abandoned=false cause="timeout" attempts=2
151ms r1 clients>api attempt 1 served by 0 of api since 101ms ok=false cause="timeout"
153ms r1 ok=false cause="timeout" attempts=1 t=100ms,0s,0s,0s instance=0
162ms r1 api>auth attempt 1 served by 0 of auth since 112ms ok=true cause=""
`)
	if m.Requests != 1 || m.Failed != 1 {
		t.Errorf("requests %v failed %v; want 1 1", m.Requests, m.Failed)
	}
}

// TestEventsOneTier: the scenario model: sent at 100ms, served 101-111ms,
// reply at 113ms, processed at 116ms on instance 0.
func TestEventsOneTier(t *testing.T) {
	got, _ := eventLog(t, scenario(models.Sync), 150*sim.Millisecond)
	checkLog(t, got, `
100ms r1 created by client 0
111ms r1 clients>server attempt 1 served by 0 of server since 101ms ok=true cause=""
116ms r1 ok=true cause="" attempts=1 t=100ms,101ms,113ms,116ms instance=0
`)
}

// TestEventsMaxWait: the max_wait scenario of TestMaxWait: r2 gives up
// waiting for the thread at 45ms (rejected, never sent: no attempt, no
// instance); r1 is still in service when the drain ends.
func TestEventsMaxWait(t *testing.T) {
	cfg := scenario(models.Sync)
	cfg.Clients.Arrival = ms(10)
	cfg.Server.Service = ms(100)
	cfg.Clients.MaxWait = 25 * sim.Millisecond
	got, _ := eventLog(t, cfg, 25*sim.Millisecond)
	checkLog(t, got, `
10ms r1 created by client 0
20ms r2 created by client 0
45ms r2 ok=false cause="rejected" attempts=0 t=20ms,0s,0s,0s instance=-1
`)
}
