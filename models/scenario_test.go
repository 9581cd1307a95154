package models_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

func ms(n float64) distributions.Constant {
	return distributions.Constant{Value: sim.Duration(n * float64(sim.Millisecond))}
}

// scenario is a tiny deterministic model: one client sending a request
// every 100ms, constant delays, one server.
func scenario(p models.Policy) models.Config {
	cfg := models.DefaultConfig()
	cfg.Policy = p
	cfg.Clients.Arrival = ms(100)
	cfg.Network.Send = ms(1)
	cfg.Network.Reply = ms(2)
	cfg.Server.Service = ms(10)
	cfg.Handler.Time = ms(3)
	return cfg
}

// runLog runs cfg until horizon and returns its trace, one "time what"
// line per step.
func runLog(t *testing.T, cfg models.Config, seed uint64, horizon sim.Duration) (string, models.Metrics) {
	t.Helper()
	var b strings.Builder
	met, err := models.RunWith(cfg, distributions.NewStreams(seed, 0), sim.Time(horizon), 0, models.Options{
		Trace: func(at sim.Time, what string) { fmt.Fprintf(&b, "%v %s\n", at, what) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), met
}

func checkLog(t *testing.T, got, want string) {
	t.Helper()
	want = strings.TrimLeft(want, "\n")
	if got != want {
		t.Errorf("log:\n%s\nwant:\n%s", got, want)
	}
}

// TestScenarios compares the whole trace of each hand-checked scenario.
func TestScenarios(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			got, _ := runLog(t, sc.cfg(), sc.seed, sc.horizon)
			checkLog(t, got, sc.want)
		})
	}
}
