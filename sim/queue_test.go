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

// TestQueueHead: Head is the longest-waiting item not withdrawn, whatever
// the order of service; withdrawn items ahead of it are dropped.
func TestQueueHead(t *testing.T) {
	env := sim.NewEnv()
	var started, dropped []int
	gone := map[int]bool{}
	q := sim.NewQueue(env, 1, 0, 0, func(x int) { started = append(started, x) })
	q.SetWithdrawal(func(x int) bool { return gone[x] }, func(x int) { dropped = append(dropped, x) })
	q.SetLIFO(true)
	if _, ok := q.Head(); ok {
		t.Fatal("Head of an empty queue")
	}
	for x := 1; x <= 4; x++ {
		q.Arrive(x)
	}
	gone[2] = true
	q.Withdraw()
	if x, ok := q.Head(); !ok || x != 3 || len(dropped) != 1 || dropped[0] != 2 || q.Len() != 2 {
		t.Fatalf("Head = %v %v, dropped %v, Len %d; want 3 true [2] 2", x, ok, dropped, q.Len())
	}
	q.Done() // LIFO: 4 starts
	if x, _ := q.Head(); x != 3 || started[len(started)-1] != 4 {
		t.Fatalf("Head = %v, started %v; want 3, [1 4]", x, started)
	}
}
