package experiments

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/plots"
)

// Options configure Run.
type Options struct {
	Dir         string   // results directory; created if missing
	Parallel    int      // simultaneous runs (capped by Parallelism) and charts (capped by GOMAXPROCS); <= 0 means runtime.NumCPU()
	Shard       Shard    // the points to run; the zero Shard runs them all
	Resume      bool     // keep the finished points of an earlier run in Dir
	CommandLine []string // recorded in the manifest
	// NoCharts writes the tables only. The charts of the experiment stay
	// recorded in summary.json, so Plot can draw them later.
	NoCharts bool
	// Progress, when not nil, is called from one goroutine at the start,
	// after every finished run and after every finished point (once its
	// record is stored: it is on disk within 0.1 s, and at once when Run
	// returns).
	Progress func(Progress)
	// MaxEvents, when > 0, is the event budget of each run: a run that
	// needs more fails with a *RunError wrapping models.ErrEventBudget.
	MaxEvents uint64
}

// Progress reports how far a run has come. Counts cover the points of the
// run's shard. With a precision target the count of runs is not known in
// advance: Runs and Work count Replications (its min) for every point to
// run, and grow as batches are added.
type Progress struct {
	Points, PointsDone int
	Runs, RunsDone     int
	Resumed            int // points found finished in Dir by --resume
	Point              int // the point that just finished, or -1
	// Work is the expected events of the runs to do (see EstimateWork),
	// WorkDone those of the runs done: their ratio is a better measure
	// of progress than the runs', whose lengths differ.
	Work, WorkDone float64
}

// Result describes a finished run or merge.
type Result struct {
	Dir     string
	Points  int      // points in Dir
	Runs    int      // runs in Dir
	Resumed int      // points taken from an earlier run
	Charts  []string // chart files written
	// Summary is the summary table written to summary.csv: one row per
	// point in Dir, in point order.
	Summary *Table
	// ChartErr holds the charts that could not be drawn. The tables are
	// complete regardless.
	ChartErr error
	// Warnings are the flags of the points in Dir (the flags column of
	// Summary) with their reasons, in point order.
	Warnings []PointWarning
}

// Run runs the points of opts.Shard of exp, every replication of each, and
// writes the results into opts.Dir: runs.csv, summary.csv, summary.json,
// manifest.json and, unless the run is one shard of several or
// opts.NoCharts is set, the charts. Result.Summary holds the summary
// table.
//
// Each finished point is first stored in Dir/points (in batches written
// at most 0.1 s apart), so little finished is lost when the run is killed
// and nothing when it fails or ctx is cancelled; with opts.Resume those points are not run
// again, and the final files are byte-identical to those of an
// uninterrupted run. Without opts.Resume a finished earlier run in Dir is
// replaced once the new one is complete (which is built in Dir/.next
// meanwhile), and an unfinished one is refused, so that it is never thrown
// away by mistake. Dir must be new, empty or a results directory asyncsim
// made (see claimDir). Errors wrapping ErrIncompatible mean that Dir holds
// results that cannot be continued or is not asyncsim's; ErrDamaged, that
// its records or manifest were edited or damaged; ErrBusy, that another
// process writes it; a *RunError is a failed run; the cancellation of ctx
// returns its error with the finished points kept.
func Run(ctx context.Context, exp Experiment, opts Options) (Result, error) {
	res := Result{Dir: opts.Dir}
	if !opts.Shard.valid() {
		return res, fmt.Errorf("invalid shard %d/%d", opts.Shard.Index, opts.Shard.Count)
	}
	if opts.Dir == "" {
		return res, errors.New("no results directory")
	}
	if len(exp.Points) == 0 || exp.Replications < 1 {
		return res, errors.New("the experiment has no runs")
	}
	parallel, _ := Parallelism(opts.Parallel)
	points := opts.Shard.points(len(exp.Points))
	res.Points = len(points)

	m := newManifest(&exp, opts.Shard, points, opts.CommandLine)
	m.Started = now()
	if opts.Resume {
		if err := checkResumable(opts.Dir); err != nil {
			return res, err
		}
	}
	lock, err := claimDir(opts.Dir)
	if err != nil {
		return res, err
	}
	defer lock.Close()
	target, recs, err := prepareDir(opts.Dir, m, opts.Resume, &exp, points)
	if err != nil {
		return res, err
	}
	res.Resumed = len(recs)
	_, seq, err := recordFiles(target)
	if err != nil {
		return res, err
	}
	batch := newRecordWriter(target, seq)
	if err := m.write(target); err != nil {
		return res, err
	}

	prog := Progress{Points: len(points), Resumed: len(recs), Point: -1, PointsDone: len(recs)}
	for _, p := range points {
		if recs[p] != nil {
			prog.RunsDone += recs[p].Replications
		} else {
			prog.Runs += exp.Replications // grows as a precision target adds batches
		}
	}
	prog.Runs += prog.RunsDone
	report := func() {
		if opts.Progress != nil {
			opts.Progress(prog)
		}
	}
	var todo []int
	work := EstimateWork(&exp)
	for _, p := range points {
		if recs[p] == nil {
			todo = append(todo, p)
			prog.Work += work.PerPoint[p] * float64(exp.Replications)
		}
	}
	report()
	err = runPoints(ctx, &exp, todo, parallel, limits{maxEvents: opts.MaxEvents}, func(p int, runs []models.Metrics) error {
		rows, summary := pointRows(&exp, &exp.Points[p], runs)
		series, seriesSummary := pointSeries(&exp, &exp.Points[p], runs)
		warns, _ := pointFlags(&exp, &exp.Points[p], runs)
		rec := &record{Point: p, SHA256: exp.SHA256, Build: m.Build, Seed: exp.Seed, Replications: len(runs), Runs: rows, Summary: summary,
			Series: series, SeriesSummary: seriesSummary, Warnings: warns}
		if err := batch.add(rec); err != nil {
			return err
		}
		rec.drop() // in its batch: writeTables reads them back one point at a time
		recs[p] = rec
		prog.PointsDone++
		prog.Point = p
		report()
		prog.Point = -1
		return nil
	}, func(p, added int) {
		prog.RunsDone++
		prog.WorkDone += work.PerPoint[p]
		prog.Runs += added
		prog.Work += work.PerPoint[p] * float64(added)
		report()
	})
	// The points finished before a failure or an interruption are kept.
	if ferr := batch.flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return res, err
	}
	res.Runs = prog.Runs

	ordered := make([]*record, len(points))
	for i, p := range points {
		ordered[i] = recs[p]
	}
	if err := finish(opts.Dir, target, m, ordered, opts.Shard.norm().Count == 1 && !opts.NoCharts, opts.Parallel, &res); err != nil {
		return res, err
	}
	return res, nil
}

// finish writes the tables and charts of the run of m into target, marks
// its manifest complete, last, and, when target is the .next directory of
// dir, swaps it into dir. It draws at most parallel charts at once (see
// drawCharts). res gets the summary and the chart files as they are in
// dir.
func finish(dir, target string, m *manifest, recs []*record, charts bool, parallel int, res *Result) error {
	table, err := writeTables(target, &m.Experiment, recs, m.recordID())
	if err != nil {
		return err
	}
	res.Summary = table
	for _, rec := range recs {
		res.Warnings = append(res.Warnings, rec.Warnings...)
	}
	checkpoint("tables written")
	if charts {
		res.Charts, res.ChartErr = drawCharts(target, &m.Experiment, table, parallel)
	}
	m.Charts = nil
	for i, f := range res.Charts {
		m.Charts = append(m.Charts, filepath.Base(f))
		res.Charts[i] = filepath.Join(dir, filepath.Base(f))
	}
	m.Records, _, err = recordFiles(target)
	if err != nil {
		return err
	}
	m.Runs = runSeeds(m.Seed, recs)
	m.Complete, m.Finished = true, now()
	if err := m.write(target); err != nil {
		return err
	}
	return swap(dir)
}

// drawCharts draws the charts of r from its summary table into dir, at
// most parallel at once (at most GOMAXPROCS when parallel <= 0); the files
// do not depend on parallel.
func drawCharts(dir string, r *resolved, summary *Table, parallel int) ([]string, error) {
	specs := r.specs()
	if len(specs) == 0 {
		return nil, nil
	}
	_, durations, _ := r.swept()
	meta := plots.Meta{Durations: durations, Replications: r.Replications.N, Experiment: r.Name}
	var overTime []plots.Spec
	specs = slices.DeleteFunc(specs, func(s plots.Spec) bool {
		if s.X == plots.TimeX {
			overTime = append(overTime, s)
			return true
		}
		return false
	})
	var files []string
	var errs []error
	if len(specs) > 0 {
		f, err := plots.RenderParallel(dir, specs, plotTable{summary}, meta, parallel)
		files, errs = append(files, f...), append(errs, err)
	}
	if len(overTime) > 0 {
		series, err := readTable(dir, SeriesSummaryFile)
		if err != nil {
			return files, errors.Join(append(errs, err)...)
		}
		meta.Marks, meta.Window = r.loadChanges(), r.Timeseries
		f, err := plots.RenderParallel(dir, overTime, plotTable{series}, meta, parallel)
		files, errs = append(files, f...), append(errs, err)
	}
	return files, errors.Join(errs...)
}

// prepareDir checks what earlier runs left in the results directory dir,
// which the caller has claimed and locked, and returns where the run of
// manifest m writes (target) and the finished records to keep, by point.
// The target is dir itself, or dir/.next when dir holds the finished
// results of an earlier run: those stay in place, complete, until the new
// run is complete and swapped in. An unfinished run, in dir or in
// dir/.next, is continued with resume and otherwise refused, so that it is
// never thrown away by mistake.
func prepareDir(dir string, m *manifest, resume bool, exp *Experiment, points []int) (string, map[int]*record, error) {
	if err := swap(dir); err != nil { // one a killed process began
		return "", nil, err
	}
	old, err := readManifest(dir)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %v", ErrIncompatible, err)
	}
	next := filepath.Join(dir, nextDir)
	staged, err := readManifest(next)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %v", ErrIncompatible, err)
	}
	target, base := dir, old
	switch {
	case resume && staged != nil:
		target, base = next, staged
	case resume:
	case staged != nil:
		return "", nil, fmt.Errorf("%w: %s holds an unfinished re-run (in %s) beside its finished results; continue it with --resume, or remove %s to start over", ErrIncompatible, dir, next, next)
	case old != nil && !old.Complete:
		return "", nil, fmt.Errorf("%w: %s holds an unfinished run; continue it with --resume, or remove it to start over", ErrIncompatible, dir)
	case old != nil:
		target, base = next, nil
	}
	if base != nil && resume {
		if why := differs(base, m); why != "" {
			where := "in " + dir
			if target == next {
				where = "the unfinished re-run in " + next
			}
			return "", nil, fmt.Errorf("%w: cannot resume %s: %s; use another -o, or run without --resume after removing it", ErrIncompatible, where, why)
		}
		m.Started = base.Started
	}
	recs, err := prepareTarget(target, resume && base != nil, m.recordID(), points)
	return target, recs, err
}

// prepareTarget makes target and its points directory ready for a run:
// with keep, it returns the finished records of the given points found
// there; otherwise it removes every record.
func prepareTarget(target string, keep bool, id recordID, points []int) (map[int]*record, error) {
	if err := plainDir(target); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(target, pointsDir), 0o755); err != nil {
		return nil, err
	}
	if err := plainDir(filepath.Join(target, pointsDir)); err != nil {
		return nil, err
	}
	if err := removeStaleTemps(target); err != nil {
		return nil, err
	}
	recs := map[int]*record{}
	if !keep {
		return recs, clearRecords(target, true)
	}
	want := map[int]bool{}
	for _, p := range points {
		want[p] = true
	}
	return readRecords(target, id, func(p int) bool { return want[p] })
}

// differs says why the run of manifest b cannot continue that of a, or
// returns "".
func differs(a, b *manifest) string {
	switch {
	case a.SHA256 != b.SHA256:
		return fmt.Sprintf("it holds results of another experiment file (%s, sha256 %.12s…, this one %.12s…)", a.File, a.SHA256, b.SHA256)
	case a.Seed != b.Seed:
		return fmt.Sprintf("it holds results for seed %d, not %d", a.Seed, b.Seed)
	case a.Data != b.Data:
		return fmt.Sprintf("the data files of its empirical distributions or profile (file:) have changed since (data sha256 %.12s…, now %.12s…)", a.Data, b.Data)
	case a.Shard != b.Shard:
		return fmt.Sprintf("it holds shard %s, not %s", a.Shard, b.Shard)
	case a.Build != b.Build:
		return fmt.Sprintf("it was written by another build of asyncsim (%s), this is %s", orUnknown(a.Build), b.Build)
	}
	return ""
}

// orUnknown returns s, or "an unknown build" when s is empty (a manifest
// written before builds were recorded).
func orUnknown(s string) string {
	if s == "" {
		return "an unknown build"
	}
	return s
}
