package sim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCalendarRingSameAsSchedule: with the ring used from 64 calls, many
// sources through a calendar, with delays of all scales (ties, far beyond
// a turn of the ring, long gaps with no calls), growing from none to
// 1,000, back to none, to 3,000 and back to none, run in exactly the order of the same
// program with Schedule alone, with the same Pending at every step; the
// ring was built and rebuilt on the way.
func TestCalendarRingSameAsSchedule(t *testing.T) {
	defer func(n int) { calRingMin = n }(calRingMin)
	calRingMin = 64
	builds, last := 0, 0
	run := func(useCalendar bool) string {
		env := NewEnv()
		rng := rand.New(rand.NewPCG(3, 4))
		var b strings.Builder
		var cal *Calendar
		var arrive func(id int)
		next := func(id int) {
			var d Duration
			switch k := rng.IntN(100); {
			case k < 10:
				d = Duration(rng.IntN(3)) // ties
			case k < 12:
				d = Duration(rng.IntN(1e9)) // far
			default:
				d = Duration(rng.ExpFloat64() * 1e5)
			}
			if useCalendar {
				cal.Schedule(d, id)
			} else {
				env.Schedule(d, func(a any) { arrive(a.(int)) }, id)
			}
		}
		active, want := 0, 0
		var idle []int
		arrive = func(id int) {
			fmt.Fprintf(&b, "a%d@%d/%d\n", id, env.Now(), env.Pending())
			if useCalendar && cal.ring.built != last {
				builds, last = builds+1, cal.ring.built
			}
			if active > want {
				active--
				idle = append(idle, id)
				return
			}
			next(id)
			if active < want && len(idle) > 0 {
				next(idle[len(idle)-1])
				idle = idle[:len(idle)-1]
				active++
			}
			if rng.IntN(2) == 0 {
				env.Schedule(Duration(rng.IntN(3)), func(any) { fmt.Fprintf(&b, "e@%d/%d\n", env.Now(), env.Pending()) }, nil)
			}
		}
		phase := func(at Duration, n int) {
			env.Schedule(at, func(any) {
				want = n
				if active == 0 && n > 0 {
					next(idle[len(idle)-1])
					idle = idle[:len(idle)-1]
					active++
				}
			}, nil)
		}
		cal = env.NewCalendar(0, arrive)
		for id := range 3000 {
			idle = append(idle, id)
		}
		phase(0, 1000)
		phase(5e7, 0)
		phase(3e9, 3000)
		phase(4e9, 1)
		phase(5e9, 0)
		env.Run()
		fmt.Fprintf(&b, "steps %d", env.Steps())
		return b.String()
	}
	want, got := run(false), run(true)
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("with a calendar, from byte %d:\n%.300s\nwith Schedule alone:\n%.300s", i, got[i:], want[i:])
	}
	if n := strings.Count(want, "\na"); n < 100_000 {
		t.Errorf("%d arrivals, want at least 100,000", n)
	}
	if builds < 3 {
		t.Errorf("the ring was built %d times, want at least 3", builds)
	}
	t.Logf("%d arrivals, %d ring builds, %d steps", strings.Count(want, "\na"), builds, strings.Count(want, "\n"))
}
