package models_test

import (
	"errors"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// TestRetryStormStopsAtBudget runs a million zero-delay retries per
// request against servers that reject at once (found by FuzzRun: the
// event budget and the context were only looked at every 1024 requests,
// a billion attempts here, so the run seemed to hang). The run must stop
// at its event budget.
func TestRetryStormStopsAtBudget(t *testing.T) {
	crashed := func(p models.Policy) models.Config {
		c := models.DefaultConfig()
		c.Policy = p
		c.Clients.Arrival = distributions.Constant{Value: 10 * sim.Millisecond}
		c.Clients.Retry.Attempts = 1_000_000
		c.Server.Service = distributions.Constant{Value: sim.Millisecond}
		c.Server.Crash = &models.Crash{Uptime: distributions.Constant{Value: 1}, Downtime: distributions.Constant{Value: sim.Hour}}
		return c
	}
	full := func(p models.Policy) models.Config {
		c := crashed(p)
		c.Server.Crash = nil
		c.Server.Service = distributions.Constant{Value: sim.Second}
		c.Server.Capacity = 1
		c.Clients.Threads = 4
		c.Broker.Capacity = 1
		c.Broker.MaxDeliveries = 1_000_000
		return c
	}
	for _, c := range []struct {
		name string
		cfg  models.Config
	}{
		{"sync crashed", crashed(models.Sync)}, {"callback crashed", crashed(models.Callback)},
		{"event crashed", crashed(models.Event)},
		{"sync full", full(models.Sync)}, {"callback full", full(models.Callback)}, {"mq full", full(models.MQ)},
	} {
		_, err := models.RunWith(c.cfg, distributions.NewStreams(1, 0), sim.Time(10*sim.Second), 0,
			models.Options{MaxEvents: 10_000})
		if !errors.Is(err, models.ErrEventBudget) {
			t.Errorf("%s: err %v, want ErrEventBudget", c.name, err)
		}
	}
}
