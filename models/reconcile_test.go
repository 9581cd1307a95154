package models_test

import (
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// traceCounter tells which counter a trace line adds one to, given what
// follows "r<id> " on the line and the model; "" for none. It is the
// definition of each counter in docs/metrics.md, read off the trace.
func traceCounter(rest string, cfg models.Config) string {
	switch {
	case rest == "succeeded":
		return "succeeded"
	case rest == "failed":
		return "failed"
	case strings.HasPrefix(rest, "created by client"):
		return "requests"
	case strings.HasSuffix(rest, " sent"):
		return "attempts"
	case strings.HasSuffix(rest, " request lost"), strings.HasSuffix(rest, " reply lost"):
		return "lost"
	case strings.Contains(rest, " delivery ") && strings.HasSuffix(rest, " lost in the crash"):
		// Under at-least-once the broker still holds the message.
		if cfg.Broker.Delivery == models.AtMostOnce {
			return "lost"
		}
		return ""
	case strings.HasSuffix(rest, " lost in the crash"), strings.HasSuffix(rest, " lost in the crash (waiting)"):
		return "lost"
	case strings.Contains(rest, " rejected by "):
		return "rejected"
	case strings.HasSuffix(rest, " server error"), rest == "handler error",
		strings.HasSuffix(rest, " consumer error"), strings.Contains(rest, " consumer error on stale delivery "):
		return "errors"
	case strings.HasSuffix(rest, " timed out"):
		return "timeouts"
	case strings.HasSuffix(rest, " late reply discarded"):
		return "late"
	case strings.HasSuffix(rest, " processed again (duplicate)"):
		return "duplicates"
	case strings.HasSuffix(rest, " dead-lettered"):
		return "dead_letters"
	}
	return ""
}

// TestCountersReconcileWithTrace runs every policy with every failure on,
// counts the trace lines of each kind for the requests created at or after
// the warm-up, and requires every counter to equal its count exactly.
// Retries are rebuilt per request: attempts sent beyond the first, plus one
// when a backoff is under way at the horizon.
func TestCountersReconcileWithTrace(t *testing.T) {
	t.Parallel()
	horizon := sim.Time(20 * sim.Second)
	seen := counts{} // over all scenarios
	for _, sc := range consScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			t0 := map[int64]sim.Time{}
			got := counts{}
			type life struct{ attempts, retries int }
			lives := map[int64]*life{}
			var tr consTrace
			step := func(at sim.Time, what string) {
				id, rest, ok := tr.requestID(what)
				if !ok {
					return
				}
				if strings.HasPrefix(rest, "created") {
					t0[id] = at
					lives[id] = &life{}
				}
				if t0[id] < sc.warmup {
					return
				}
				l := lives[id]
				switch {
				case strings.HasSuffix(rest, " sent"):
					l.attempts++
					l.retries = l.attempts - 1
				case strings.HasPrefix(rest, "backoff"):
					l.retries = l.attempts
				}
				if c := traceCounter(rest, sc.cfg); c != "" {
					got[c]++
					seen[c]++
					if c == "lost" && strings.Contains(rest, " delivery ") {
						seen["at-most-once crash losses"]++
					}
				}
			}
			m, err := models.RunWith(sc.cfg, distributions.NewStreams(43, 0), horizon, sc.warmup, models.Options{Trace: step})
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range lives {
				got["retries"] += float64(l.retries)
			}
			got["in_flight"] = got["requests"] - got["succeeded"] - got["failed"]
			checkCounts(t, m, got)
		})
	}
	t.Logf("counted over all scenarios: %v", seen)
	for _, n := range append(counterNames[:len(counterNames):len(counterNames)], "at-most-once crash losses") {
		if seen[n] == 0 && n != "in_flight" && n != "retries" {
			t.Errorf("no scenario exercises %s", n)
		}
	}
}
