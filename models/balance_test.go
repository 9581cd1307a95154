package models_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// balanceRun runs a service of n instances with ample workers (every
// attempt starts service where it arrives, so the trace shows each pick
// at its instant) under balance b, and checks every pick against the
// requests each instance holds, rebuilt from the trace: pick(held)
// returns the instances the rule allows. It returns the picks per
// instance.
func balanceRun(t *testing.T, b models.Balance, n int, allowed func(held []int) []int) []int {
	t.Helper()
	api := models.DefaultService("api")
	api.Instances, api.Workers, api.Balance = n, 1000, b
	api.Service = distributions.Exponential{Scale: 0.05}
	cfg := graph(models.Callback, api)
	cfg.Network = models.Network{Send: distributions.Constant{}, Reply: distributions.Constant{}}
	cfg.Handler.Time = distributions.Constant{}
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.01}
	held := make([]int, n)
	picks := make([]int, n)
	where := map[string]int{}
	bad := 0
	trace := func(at sim.Time, what string) {
		id, rest, _ := strings.Cut(what, " ")
		var k int
		switch {
		case strings.HasPrefix(rest, "attempt 1 service starts on api "):
			fmt.Sscanf(strings.TrimPrefix(rest, "attempt 1 service starts on api "), "%d", &k)
			ok := false
			for _, a := range allowed(held) {
				ok = ok || a == k
			}
			if !ok && bad < 5 {
				t.Errorf("%v: %s went to instance %d holding %v", at, id, k, held)
				bad++
			}
			held[k]++
			picks[k]++
			where[id] = k
		case rest == "attempt 1 served":
			held[where[id]]--
		}
	}
	_, err := models.RunWith(cfg, distributions.NewStreams(3, 0), sim.Time(20*sim.Second), 0, models.Options{Trace: trace})
	if err != nil {
		t.Fatal(err)
	}
	return picks
}

// TestBalanceLeastOutstanding: every attempt goes to the instance holding
// the fewest requests, the lowest index on a tie.
func TestBalanceLeastOutstanding(t *testing.T) {
	picks := balanceRun(t, models.LeastOutstanding, 4, func(held []int) []int {
		best := 0
		for i, h := range held {
			if h < held[best] {
				best = i
			}
		}
		return []int{best}
	})
	t.Logf("picks per instance %v", picks)
}

// TestBalanceTwoChoices: over two instances the two choices are both, so
// the one holding fewer always wins, and a tie goes either way (the first
// drawn): both instances win ties.
func TestBalanceTwoChoices(t *testing.T) {
	ties := 0
	picks := balanceRun(t, models.TwoChoices, 2, func(held []int) []int {
		switch {
		case held[0] < held[1]:
			return []int{0}
		case held[1] < held[0]:
			return []int{1}
		}
		ties++
		return []int{0, 1}
	})
	if ties < 100 || picks[0] < 100 || picks[1] < 100 {
		t.Errorf("ties %d, picks %v: the test saw too few of them to mean anything", ties, picks)
	}
}

// TestBalanceRandom: over three instances every instance gets about a
// third of the attempts (2,000 attempts: a third ± 5 standard deviations).
func TestBalanceRandom(t *testing.T) {
	picks := balanceRun(t, models.Random, 3, func([]int) []int { return []int{0, 1, 2} })
	total := picks[0] + picks[1] + picks[2]
	for i, p := range picks {
		want, sd := float64(total)/3, 5*math.Sqrt(float64(total)*(1.0/3)*(2.0/3))
		if d := float64(p) - want; d > sd || d < -sd {
			t.Errorf("instance %d got %d of %d attempts", i, p, total)
		}
	}
}
