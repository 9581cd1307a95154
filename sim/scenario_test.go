package sim_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

// logger records (time, what) lines, SimPy-test style.
type logger struct {
	env *sim.Env
	log []string
}

func (l *logger) add(what string) { l.log = append(l.log, fmt.Sprintf("%v %s", l.env.Now(), what)) }

func (l *logger) check(t *testing.T, want []string) {
	t.Helper()
	if !slices.Equal(l.log, want) {
		t.Errorf("log:\n got %q\nwant %q", l.log, want)
	}
}

func TestTiesRunFIFOThenByPriority(t *testing.T) {
	env := sim.NewEnv()
	l := &logger{env: env}
	say := func(a any) { l.add(a.(string)) }
	env.Schedule(2*sim.Second, say, "b1")
	env.Schedule(1*sim.Second, say, "a")
	env.Schedule(2*sim.Second, say, "b2")
	env.AtPriority(sim.Time(2*sim.Second), sim.Urgent, say, "b0-urgent")
	env.AtPriority(sim.Time(2*sim.Second), sim.Late, say, "b3-late")
	env.Schedule(2*sim.Second, say, "b2bis")
	env.Run()
	l.check(t, []string{"1s a", "2s b0-urgent", "2s b1", "2s b2", "2s b2bis", "2s b3-late"})
}

func TestEventScheduledFromCallbackAtSameInstantRunsAfterQueuedOnes(t *testing.T) {
	env := sim.NewEnv()
	l := &logger{env: env}
	var say func(any)
	say = func(a any) {
		l.add(a.(string))
		if a == "first" {
			env.Schedule(0, say, "spawned")
		}
	}
	env.Schedule(sim.Millisecond, say, "first")
	env.Schedule(sim.Millisecond, say, "second")
	env.Run()
	l.check(t, []string{"1ms first", "1ms second", "1ms spawned"})
}

func TestTimerCancellation(t *testing.T) {
	env := sim.NewEnv()
	l := &logger{env: env}
	timeout := env.After(5*sim.Second, func() { l.add("timeout") })
	keep := env.After(7*sim.Second, func() { l.add("kept") })
	env.Schedule(3*sim.Second, func(any) {
		l.add("reply")
		if !timeout.Stop() {
			l.add("stop reported not pending")
		}
		if timeout.Stop() {
			l.add("second stop reported pending")
		}
	}, nil)
	env.Schedule(4*sim.Second, func(any) {
		// Re-arm a stopped timer and push the kept one later.
		timeout.Reset(sim.Second)
		keep.Reset(sim.Second)
	}, nil)
	env.Run()
	l.check(t, []string{"3s reply", "5s timeout", "5s kept"})
	if timeout.Pending() || keep.Pending() || env.Pending() != 0 {
		t.Errorf("timers still pending after Run")
	}
}

func TestStoppedTimersLeaveTheQueue(t *testing.T) {
	env := sim.NewEnv()
	var timers []*sim.Timer
	for i := range 1000 {
		timers = append(timers, env.After(sim.Duration(i+1)*sim.Second, func() {}))
	}
	for i, tm := range timers {
		if i%3 != 0 && !tm.Stop() {
			t.Fatalf("timer %d not pending", i)
		}
	}
	if got := env.Pending(); got != 334 {
		t.Fatalf("pending %d, want 334", got)
	}
	n := 0
	last := sim.Time(0)
	for env.Step() {
		n++
		if env.Now() < last {
			t.Fatalf("time went back")
		}
		last = env.Now()
	}
	if n != 334 {
		t.Fatalf("ran %d events, want 334", n)
	}
}

func TestQueueRejectsWhenFull(t *testing.T) {
	env := sim.NewEnv()
	l := &logger{env: env}
	var q *sim.Queue[string]
	q = sim.NewQueue(env, 1, 2, 0, func(s string) {
		l.add("start " + s)
		env.Schedule(sim.Second, func(any) { l.add("done " + s); q.Done() }, nil)
	})
	for _, s := range []string{"a", "b", "c", "d"} {
		if !q.Arrive(s) {
			l.add("reject " + s)
		}
	}
	env.Schedule(1500*sim.Millisecond, func(any) {
		if !q.Arrive("e") {
			l.add("reject e")
		}
	}, nil)
	env.Run()
	l.check(t, []string{
		"0s start a", "0s reject d", "1s done a", "1s start b",
		"2s done b", "2s start c", "3s done c", "3s start e", "4s done e",
	})
	if got, want := q.BusyAvg.Mean(env.Now()), 1.0; got != want {
		t.Errorf("busy average %v, want %v", got, want)
	}
	// Waiting: 2 items over [0,1), 1 over [1,2), 1 over [1.5,2)... computed by hand:
	// [0,1): 2, [1,1.5): 1, [1.5,2): 2, [2,3): 1, [3,4): 0 → (2+0.5+1+1+0)/4.
	if got, want := q.WaitAvg.Mean(env.Now()), 4.5/4; got != want {
		t.Errorf("waiting average %v, want %v", got, want)
	}
}

func TestQueueClearModelsACrash(t *testing.T) {
	env := sim.NewEnv()
	var started, dropped []int
	q := sim.NewQueue(env, 2, 0, 0, func(i int) { started = append(started, i) })
	for i := range 5 {
		q.Arrive(i)
	}
	q.Clear(func(i int) { dropped = append(dropped, i) })
	if q.Busy() != 0 || q.Len() != 0 {
		t.Fatalf("after Clear busy=%d len=%d", q.Busy(), q.Len())
	}
	q.Arrive(9)
	if !slices.Equal(started, []int{0, 1, 9}) || !slices.Equal(dropped, []int{2, 3, 4}) {
		t.Errorf("started %v dropped %v", started, dropped)
	}
}

func TestRunUntilBoundaries(t *testing.T) {
	env := sim.NewEnv()
	l := &logger{env: env}
	say := func(a any) { l.add(a.(string)) }
	env.Schedule(sim.Second, say, "at 1s")
	env.Schedule(2*sim.Second, say, "at 2s")
	env.Schedule(3*sim.Second, say, "at 3s")
	env.RunUntil(sim.Time(2 * sim.Second))
	l.add("paused")
	env.RunUntil(sim.Time(2 * sim.Second))
	l.add("paused again")
	env.RunUntil(sim.Time(10 * sim.Second))
	l.add("end")
	l.check(t, []string{"1s at 1s", "2s paused", "2s paused again", "2s at 2s", "3s at 3s", "10s end"})
}

func TestStopEndsRun(t *testing.T) {
	env := sim.NewEnv()
	n := 0
	var tick func(any)
	tick = func(any) {
		n++
		if n == 5 {
			env.Stop()
		}
		env.Schedule(sim.Second, tick, nil)
	}
	env.Schedule(0, tick, nil)
	env.Run()
	if n != 5 || env.Now() != sim.Time(4*sim.Second) || !env.Stopped() {
		t.Errorf("n=%d now=%v stopped=%v", n, env.Now(), env.Stopped())
	}
}

func TestSchedulingInThePastPanics(t *testing.T) {
	env := sim.NewEnv()
	env.Schedule(sim.Second, func(any) {}, nil)
	env.Run()
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	env.At(0, func(any) {}, nil)
}

func TestDurationString(t *testing.T) {
	for _, c := range []struct {
		d    sim.Duration
		want string
	}{{1500 * sim.Microsecond, "1.5ms"}, {0, "0s"}, {90 * sim.Second, "1m30s"}, {sim.Seconds(0.25), "250ms"}} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%d: got %q want %q", int64(c.d), got, c.want)
		}
	}
}

func TestQueueSetServers(t *testing.T) {
	env := sim.NewEnv()
	var started []int
	q := sim.NewQueue(env, 3, 0, 0, func(i int) { started = append(started, i) })
	for i := range 6 {
		q.Arrive(i)
	}
	q.SetServers(1) // two consumers crash: in-service items finish, no new start
	q.Done()
	q.Done()
	if !slices.Equal(started, []int{0, 1, 2}) || q.Busy() != 1 {
		t.Fatalf("started %v busy %d", started, q.Busy())
	}
	q.Done() // busy 1 <= 1: the next waiting item takes the freed server
	if !slices.Equal(started, []int{0, 1, 2, 3}) || q.Busy() != 1 {
		t.Fatalf("started %v busy %d", started, q.Busy())
	}
	q.SetServers(3) // recovery starts two more
	if !slices.Equal(started, []int{0, 1, 2, 3, 4, 5}) || q.Busy() != 3 || q.Len() != 0 {
		t.Fatalf("started %v busy %d len %d", started, q.Busy(), q.Len())
	}
}

// TestSchedulingFromCallbacks covers the engine's reuse of the consumed
// root: an urgent event scheduled at the current instant still runs before
// queued normal ones, timers stopped or re-armed before any scheduling keep
// the order, and Pending never counts the event being run.
func TestSchedulingFromCallbacks(t *testing.T) {
	env := sim.NewEnv()
	l := &logger{env: env}
	say := func(a any) { l.add(a.(string)) }
	var tm *sim.Timer
	fired := 0
	other := env.After(3*sim.Second, func() { l.add("other timer (must not fire)") })
	tm = env.After(sim.Second, func() {
		fired++
		l.add(fmt.Sprintf("timer %d", fired))
		if fired > 1 {
			return
		}
		if got := env.Pending(); got != 2 { // "other" and "b"
			l.add(fmt.Sprintf("pending %d inside the callback", got))
		}
		other.Stop() // a removal while the fired entry is still in place
		tm.Reset(0)  // re-arm itself at the same instant
		env.AtPriority(env.Now(), sim.Urgent, say, "urgent")
		env.Schedule(0, say, "normal after b")
	})
	env.Schedule(sim.Second, say, "b")
	env.Run()
	l.check(t, []string{"1s timer 1", "1s urgent", "1s b", "1s timer 2", "1s normal after b"})
	if env.Pending() != 0 || env.Now() != sim.Time(sim.Second) {
		t.Errorf("pending %d now %v", env.Pending(), env.Now())
	}
}

// TestQueueWithdraw: a withdrawn waiting item stops counting as waiting at
// once, and when it reaches the head of the line it is dropped and the
// server takes the next item in the same step.
func TestQueueWithdraw(t *testing.T) {
	env := sim.NewEnv()
	var started, dropped []int
	gone := map[int]bool{}
	q := sim.NewQueue(env, 1, 0, 0, func(i int) { started = append(started, i) })
	q.SetWithdrawal(func(i int) bool { return gone[i] }, func(i int) { dropped = append(dropped, i) })
	q.Arrive(1) // in service
	q.Arrive(2)
	q.Arrive(3)
	env.RunUntil(sim.Time(sim.Second))
	gone[2] = true
	q.Withdraw()
	if q.Len() != 1 {
		t.Fatalf("Len %d after a withdrawal, want 1", q.Len())
	}
	env.RunUntil(sim.Time(3 * sim.Second))
	q.Done() // 1 leaves: 2 is dropped, 3 starts
	if fmt.Sprint(started, dropped, q.Len(), q.Busy()) != "[1 3] [2] 0 1" {
		t.Errorf("started %v dropped %v len %d busy %d; want [1 3] [2] 0 1", started, dropped, q.Len(), q.Busy())
	}
	// Waiting: two items for 1 s, one for 2 s: 4 item-seconds over 3 s.
	if got := q.WaitAvg.Mean(sim.Time(3 * sim.Second)); math.Abs(got-4.0/3) > 1e-12 {
		t.Errorf("WaitAvg %v, want 4/3", got)
	}
}
