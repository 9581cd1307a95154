package experiments

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// job is one run: a replication of a sweep point.
type job struct{ point, rep int }

// outcome is the result of a job.
type outcome struct {
	job
	m   models.Metrics
	err error
}

// limits bound every run of a pool.
type limits struct {
	maxEvents uint64 // event budget of a run; 0 = none
}

// simulate runs one replication of point p of exp without limits.
func simulate(ctx context.Context, exp *Experiment, p, rep int) (models.Metrics, error) {
	return simulateWith(ctx, exp, p, rep, limits{})
}

// simulateWith runs one replication of point p of exp within lim. A panic
// of the model is returned as an error, so one bad run cannot take the
// results with it.
func simulateWith(ctx context.Context, exp *Experiment, p, rep int, lim limits) (m models.Metrics, err error) {
	return simulateReusing(ctx, exp, p, rep, lim, nil)
}

// simulateReusing is simulateWith with the histograms of the run taken
// from and given back to reuse (see models.Reuse) when not nil.
func simulateReusing(ctx context.Context, exp *Experiment, p, rep int, lim limits, reuse *models.Reuse) (m models.Metrics, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the simulation panicked: %v", r)
		}
	}()
	opts := runOptions(ctx, exp, p, lim)
	opts.Reuse = reuse
	return runWith(exp, p, rep, opts)
}

// runOptions returns the options of the runs of point p of exp within lim.
func runOptions(ctx context.Context, exp *Experiment, p int, lim limits) models.Options {
	drain, _, _ := exp.Run(p)
	return models.Options{Context: ctx, MaxEvents: lim.maxEvents, Drain: drain, Window: exp.Timeseries,
		Percentiles: exp.Percentiles, SLO: exp.SLO}
}

// runWith runs replication rep of point p of exp with opts, its warm-up
// found first under warmup: auto (asyncsim trace runs it too).
func runWith(exp *Experiment, p, rep int, opts models.Options) (models.Metrics, error) {
	_, w, auto := exp.Run(p)
	horizon, warmup := sim.Time(exp.Horizon), sim.Time(w)
	if auto {
		// A pilot run on independent streams, without warm-up and
		// without time series, finds it.
		s := newMSER(horizon)
		first := opts
		first.Done, first.Window, first.Events = s.done, 0, nil
		m, err := models.RunWith(exp.Points[p].Model, distributions.NewStreams(exp.Seed, rep).Pilot(), horizon, 0, first)
		if err != nil {
			return models.Metrics{}, err
		}
		m.Delays.Release()
		warmup = s.truncation()
	}
	return models.RunWith(exp.Points[p].Model, distributions.NewStreams(exp.Seed, rep), horizon, warmup, opts)
}

// RunError is the failure of one run of an experiment.
type RunError struct {
	Point, Replication int
	Values             string // the swept values of the point, "path=value, ..."
	Err                error
}

func (e *RunError) Error() string {
	at := fmt.Sprintf("point %d replication %d", e.Point, e.Replication)
	if e.Values != "" {
		at += " (" + e.Values + ")"
	}
	return at + ": " + e.Err.Error()
}

func (e *RunError) Unwrap() error { return e.Err }

// runPoints runs every replication of the given points on parallel
// workers: Replications of each, and with a precision target the batches
// it adds (Precision.next), which are sent before the runs of points not
// started yet. Whenever all replications of a point are done, finished is
// called with their metrics in replication order, from the calling
// goroutine (the pooled delays of replication 0 are reused once it
// returns: it must not keep them); progress is called after every run,
// with its point and the replications it added to the point (0, or a
// batch). The first failed run or error of finished stops the work and is
// returned; so is the cancellation of ctx. On return no more calls are
// made, but runs already
// under way stop soon after ctx is cancelled: their results are dropped.
func runPoints(ctx context.Context, exp *Experiment, points []int, parallel int, lim limits,
	finished func(point int, runs []models.Metrics) error, progress func(point, added int)) error {
	if len(points) == 0 {
		return ctx.Err()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job)
	results := make(chan outcome)
	closed := false
	defer func() {
		if !closed {
			close(jobs) // with ctx cancelled, every worker stops
		}
	}()
	for range max(1, min(parallel, len(points)*exp.MaxReplications())) {
		go func() {
			// The worker's runs reuse the histograms of its earlier ones;
			// poolDelays gives back their delays once merged.
			reuse := models.NewReuse()
			for j := range jobs {
				if ctx.Err() != nil {
					return
				}
				m, err := simulateReusing(ctx, exp, j.point, j.rep, lim, reuse)
				select {
				case results <- outcome{j, m, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	q := newJobQueue(byCost(exp, points), exp.Replications)
	planned := map[int]int{} // replications to run, by point in progress
	pending := map[int][]models.Metrics{}
	count := map[int]int{}
	pools := map[int]*models.Delays{}
	reuse := models.NewReuse() // of the pools of finished points
	running := 0
	for {
		next, ok := q.peek()
		if !ok && running == 0 {
			return nil
		}
		if !ok && !closed && exp.Precision == nil {
			// No more runs will come: the idle workers leave, and their
			// histograms with them.
			close(jobs)
			closed = true
		}
		var send chan job
		if ok {
			send = jobs
		}
		var o outcome
		select {
		case send <- next:
			q.pop()
			running++
			continue
		case o = <-results:
			running--
		case <-ctx.Done():
			return ctx.Err()
		}
		if o.err != nil {
			return &RunError{o.point, o.rep, describePoint(exp.Sweep, exp.Points[o.point]), o.err}
		}
		if _, ok := planned[o.point]; !ok {
			planned[o.point] = exp.Replications
		}
		runs := pending[o.point]
		if runs == nil {
			runs = make([]models.Metrics, planned[o.point]) // exactly, for a fixed count
			pending[o.point] = runs
		}
		runs[o.rep] = o.m
		pools[o.point] = poolDelays(pools[o.point], &runs[o.rep], reuse)
		count[o.point]++
		added := 0
		if count[o.point] == planned[o.point] && exp.Precision != nil {
			// Replications 0 to n-1 are all in: whether more are needed
			// depends on them only, whatever the order they finished in.
			added = exp.Precision.next(exp, runs[:count[o.point]], pools[o.point])
			q.add(o.point, planned[o.point], added)
			planned[o.point] += added
			if added > 0 {
				pending[o.point] = append(runs, make([]models.Metrics, added)...)
			}
		}
		if progress != nil {
			progress(o.point, added)
		}
		if count[o.point] == planned[o.point] {
			runs = runs[:count[o.point]]
			// Replication 0 carries the delays of them all (see pointRows).
			runs[0].Delays = pools[o.point]
			if err := finished(o.point, runs); err != nil {
				return err
			}
			pools[o.point].Release() // finished is done with it
			delete(pending, o.point)
			delete(count, o.point)
			delete(pools, o.point)
			delete(planned, o.point)
		}
	}
}

// jobQueue is the runs still to hand out: the first replications of
// every point in order, generated as they are taken, and ahead of them
// the batches added to points under way, so that points finish (and
// leave memory) before new ones start.
type jobQueue struct {
	order    []int // points
	reps     int   // first replications of each
	at, rep  int   // the next of them: order[at], replication rep
	extra    []job // added batches, first in first out
	extraOff int
}

func newJobQueue(order []int, reps int) *jobQueue {
	return &jobQueue{order: order, reps: reps}
}

// peek returns the next job, or false when there is none.
func (q *jobQueue) peek() (job, bool) {
	if q.extraOff < len(q.extra) {
		return q.extra[q.extraOff], true
	}
	if q.at < len(q.order) {
		return job{q.order[q.at], q.rep}, true
	}
	return job{}, false
}

// pop removes the job peek returns.
func (q *jobQueue) pop() {
	if q.extraOff < len(q.extra) {
		q.extraOff++
		if q.extraOff == len(q.extra) {
			q.extra, q.extraOff = q.extra[:0], 0
		}
		return
	}
	if q.rep++; q.rep == q.reps {
		q.at, q.rep = q.at+1, 0
	}
}

// add queues replications from to from+n-1 of point p.
func (q *jobQueue) add(p, from, n int) {
	for r := from; r < from+n; r++ {
		q.extra = append(q.extra, job{p, r})
	}
}

// poolDelays merges the delays of a finished run m into pool (a new one
// from reuse when nil) and releases them in m, for its worker's next run:
// a point in progress keeps one histogram, not one per run (100,000
// replications would hold 4.7 GB). Counts add up the same in any order,
// so the pooled percentiles do not depend on --parallel.
func poolDelays(pool *models.Delays, m *models.Metrics, reuse *models.Reuse) *models.Delays {
	if m.Delays == nil {
		return pool
	}
	if pool == nil {
		pool = reuse.NewDelays()
	}
	pool.Merge(m.Delays)
	m.Delays.Release()
	m.Delays = nil
	return pool
}

// byCost returns points ordered by decreasing expected work, the requests
// a run is expected to simulate, so that the longest runs start first and
// workers finish together (longest processing time first). The order of
// execution never shows in the outputs, which are assembled by point.
func byCost(exp *Experiment, points []int) []int {
	cost := func(p int) float64 {
		c := &exp.Points[p].Model
		var rate float64
		switch {
		case c.Clients.Arrival != nil:
			rate = float64(c.Clients.Count) / c.Clients.Arrival.Mean()
		case c.Clients.Think != nil && c.Server.Service != nil:
			rate = float64(c.Clients.Count*c.Clients.Threads) / (c.Clients.Think.Mean() + c.Server.Service.Mean())
		}
		if math.IsNaN(rate) || rate < 0 {
			return 0
		}
		return rate
	}
	order := slices.Clone(points)
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cost(b), cost(a)) })
	return order
}
