package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

func TestSmoke(t *testing.T) {
	for _, p := range models.Policies {
		cfg := models.DefaultConfig()
		cfg.Policy = p
		cfg.Clients.Arrival = distributions.Exponential{Scale: 1.0 / 0.9}
		cfg.Server.Service = distributions.Exponential{Scale: 1}
		met, err := models.Run(cfg, distributions.NewStreams(1, 0), sim.Time(200000*sim.Second), sim.Time(1000*sim.Second))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %+v", p, met)
	}
}
