package models_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
	"pgregory.net/rapid"
)

func TestZZBaseline(t *testing.T) {
	path := os.Getenv("BASELINE_OUT")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Create(path)
	defer f.Close()
	for _, sc := range consScenarios() {
		for seed := uint64(1); seed <= 3; seed++ {
			m, err := models.RunWith(sc.cfg, distributions.NewStreams(seed, 0), sim.Time(20*sim.Second), sc.warmup, models.Options{})
			fmt.Fprintln(f, sc.name, seed, m.Values(), err)
		}
	}
	i := 0
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t)
		i++
		var lines []string
		m, err := models.RunWith(cfg, distributions.NewStreams(uint64(i), 0), sim.Time(3*sim.Second), sim.Time(100*sim.Millisecond), models.Options{
			Trace: func(at sim.Time, what string) { lines = append(lines, fmt.Sprint(at, what)) }})
		fmt.Fprintln(f, "gen", i, m.Values(), err, len(lines))
		for _, l := range lines {
			fmt.Fprintln(f, l)
		}
	})
}
