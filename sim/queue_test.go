package sim_test

import (
	"fmt"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

// TestQueueLIFO: with one server busy, items 1..4 wait; under LIFO they
// start 4, 3, 2, 1, with a withdrawn item dropped where it is met.
func TestQueueLIFO(t *testing.T) {
	env := sim.NewEnv()
	var started []int
	q := sim.NewQueue(env, 1, 0, 0, func(x int) { started = append(started, x) })
	q.SetLIFO(true)
	withdrawn := map[int]bool{}
	var dropped []int
	q.SetWithdrawal(func(x int) bool { return withdrawn[x] }, func(x int) { dropped = append(dropped, x) })
	for x := range 5 {
		q.Arrive(x)
	}
	withdrawn[3] = true
	q.Withdraw()
	for range 4 {
		q.Done()
	}
	if fmt.Sprint(started) != "[0 4 2 1]" || fmt.Sprint(dropped) != "[3]" || q.Busy() != 0 {
		t.Errorf("started %v, dropped %v, busy %d; want [0 4 2 1], [3], 0", started, dropped, q.Busy())
	}
}
