package sim_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

// TestCalendarTies: calls of a calendar and ordinary events at the same
// instant run in scheduling order, as if all had been scheduled with
// Schedule; Pending counts the calendar's calls.
func TestCalendarTies(t *testing.T) {
	env := sim.NewEnv()
	var log []string
	cal := env.NewCalendar(6, func(id int) { log = append(log, fmt.Sprintf("c%d@%d", id, env.Now())) })
	ev := func(a any) { log = append(log, fmt.Sprintf("e%d@%d", a.(int), env.Now())) }
	cal.Schedule(5, 0)
	env.Schedule(5, ev, 1)
	cal.Schedule(5, 2)
	cal.Schedule(3, 3)
	env.Schedule(3, ev, 4)
	cal.Schedule(9, 5)
	if got := env.Pending(); got != 6 {
		t.Fatalf("Pending %d, want 6", got)
	}
	env.RunUntil(5)
	if got := env.Pending(); got != 4 {
		t.Errorf("Pending after RunUntil(5) %d, want 4", got)
	}
	env.Run()
	want := "c3@3 e4@3 c0@5 e1@5 c2@5 c5@9"
	if got := strings.Join(log, " "); got != want {
		t.Errorf("order %q, want %q", got, want)
	}
	if env.Steps() != 6 || env.Pending() != 0 {
		t.Errorf("steps %d, pending %d; want 6, 0", env.Steps(), env.Pending())
	}
}

// TestCalendarSameAsSchedule: many recurring sources, some through a
// calendar and some through Schedule, with ties, interleaved with
// ordinary events and cancelled timers, run in exactly the order of the
// same program with Schedule alone, with the same Pending at every step.
func TestCalendarSameAsSchedule(t *testing.T) {
	run := func(useCalendar bool) string {
		env := sim.NewEnv()
		rng := rand.New(rand.NewPCG(1, 2))
		var b strings.Builder
		var cal *sim.Calendar
		var arrive func(id int)
		next := func(id int) {
			d := sim.Duration(rng.IntN(4)) // ties are frequent
			if useCalendar && id%3 != 0 {
				cal.Schedule(d, id)
			} else {
				env.Schedule(d, func(a any) { arrive(a.(int)) }, id)
			}
		}
		timers := make([]*sim.Timer, 4)
		for i := range timers {
			timers[i] = env.NewTimer(func(a any) { fmt.Fprintf(&b, "t%d@%d ", a.(int), env.Now()) }, i)
		}
		var idle []int
		arrive = func(id int) {
			fmt.Fprintf(&b, "a%d@%d/%d ", id, env.Now(), env.Pending())
			if env.Now() >= 400 {
				return
			}
			// Sometimes another source starts before this one goes on or
			// in its place, sometimes this one pauses.
			if len(idle) > 0 && rng.IntN(3) == 0 {
				next(idle[0])
				idle = idle[1:]
			}
			if rng.IntN(4) == 0 {
				idle = append(idle, id)
			} else {
				next(id)
			}
			switch rng.IntN(3) {
			case 0:
				env.Schedule(sim.Duration(rng.IntN(3)), func(any) { fmt.Fprintf(&b, "e@%d/%d ", env.Now(), env.Pending()) }, nil)
			case 1:
				timers[rng.IntN(len(timers))].Reset(sim.Duration(rng.IntN(5)))
			default:
				timers[rng.IntN(len(timers))].Stop()
			}
		}
		cal = env.NewCalendar(50, arrive)
		for id := range 50 {
			next(id)
		}
		env.Run()
		fmt.Fprintf(&b, "steps %d", env.Steps())
		return b.String()
	}
	want, got := run(false), run(true)
	if got != want {
		t.Errorf("with a calendar:\n%.300s\nwith Schedule alone:\n%.300s", got, want)
	}
	if !strings.Contains(want, "a49@") || strings.Count(want, "a") < 1000 {
		t.Errorf("the program ran too little: %.200s", want)
	}
}
