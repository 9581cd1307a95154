package models_test

import (
	"fmt"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestHandlerErrorPerListener checks how many handler-error draws a reply
// costs: under event every one of the listeners runs and can fail, so a
// reply draws from the "handler/error" stream (docs/reproducibility.md)
// until a listener fails or all have run; under callback one draw per
// reply, whatever listeners says. The expected errors are replayed from
// that stream, draw by draw, for 100 replies processed in order.
func TestHandlerErrorPerListener(t *testing.T) {
	const requests, p = 100, 0.3
	for _, c := range []struct {
		policy    models.Policy
		listeners int
		draws     int // draws per reply at most
	}{
		{models.Event, 3, 3},
		{models.Event, 1, 1},
		{models.Event, 5, 5},
		{models.Callback, 3, 1},
	} {
		t.Run(fmt.Sprintf("%s, %d listeners", c.policy, c.listeners), func(t *testing.T) {
			cfg := scenario(c.policy)
			cfg.Handler.Listeners = c.listeners
			cfg.Handler.Error = p
			// A request every 100ms, done 13ms + listeners×3ms later.
			_, m := runLog(t, cfg, 1, requests*100*sim.Millisecond+50*sim.Millisecond)
			rng := distributions.NewStreams(1, 0).Stream("handler/error")
			var errors float64
			for range requests {
				for range c.draws {
					if rng.Float64() < p {
						errors++
						break
					}
				}
			}
			if errors == 0 || errors == requests {
				t.Fatalf("replayed %v errors: the case shows nothing", errors)
			}
			checkCounts(t, m, counts{"requests": requests, "attempts": requests,
				"succeeded": requests - errors, "failed": errors, "errors": errors})
		})
	}
}

// TestHandlerErrorOncePerReply checks that a reply fails at most once
// under event, however many listeners would fail: with handler.error 1 and
// three listeners, each request adds exactly one error.
func TestHandlerErrorOncePerReply(t *testing.T) {
	cfg := scenario(models.Event)
	cfg.Handler.Listeners = 3
	cfg.Handler.Error = 1
	trace, m := runLog(t, cfg, 1, 250*sim.Millisecond)
	checkLog(t, trace, `
100ms r1 created by client 0
100ms r1 attempt 1 sent
101ms r1 attempt 1 service starts on server 0
111ms r1 attempt 1 served
113ms r1 reply received
113ms r1 handler starts
122ms r1 handler error
122ms r1 failed
200ms r2 created by client 0
200ms r2 attempt 1 sent
201ms r2 attempt 1 service starts on server 0
211ms r2 attempt 1 served
213ms r2 reply received
213ms r2 handler starts
222ms r2 handler error
222ms r2 failed
`)
	checkCounts(t, m, counts{"requests": 2, "attempts": 2, "failed": 2, "errors": 2})
}
