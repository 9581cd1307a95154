package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/asyncsim/asyncsim/experiments"
)

// RunCommand is "asyncsim run": run an experiment and write its results.
type RunCommand struct {
	main     *Main
	dir      string
	parallel int
	seed     uint64
	shard    string
	resume   bool
	quiet    bool
	events   uint64
	noWarn   []string
}

// Command returns the cobra command.
func (c *RunCommand) Command() *cobra.Command {
	cmd := &cobra.Command{
		DisableFlagsInUseLine: true,
		Use:                   "run FILE.yaml [-o DIR] [--parallel N] [--seed S] [--shard I/N] [--resume] [--quiet] [--max-events N] [--no-warn KIND]",
		Short:                 "Run an experiment and write its result tables and charts",
		Long: `Run every replication of every sweep point of an experiment and write into
DIR: runs.csv (one row per run), summary.csv and summary.json (one row per
sweep point: mean and 95% confidence interval of every metric), manifest.json
and the charts.

Each finished point is kept in DIR/points as soon as it is done. If a run is
interrupted (Ctrl-C, a killed job), the same command with --resume runs only
the missing points and gives the same files as an uninterrupted run.

With --shard I/N only the points whose 0-based index mod N is I-1 are run;
"asyncsim merge" joins the N shard directories into one result.

Warnings go to stderr, once each: before the run, about offered load at or
above capacity (overload); after it, one per flagged point, with the reason
(bimodal, growing, short, imprecise: the flags column of summary.csv). --no-warn KIND
silences one kind (repeat it or list kinds with commas; "all" silences
every kind); the flags column is written regardless.`,
		Example: `  asyncsim run examples/quickstart.yaml
  asyncsim run exp.yaml -o results/exp --parallel 4 --seed 7
  asyncsim run exp.yaml --shard 2/8 -o results/exp-shard-2   # one of 8 jobs`,
		Args: args(1, 1, "one experiment file"),
		RunE: func(cmd *cobra.Command, a []string) error { return c.Run(cmd.Context(), cmd, a[0]) },
	}
	f := cmd.Flags()
	f.StringVarP(&c.dir, "output", "o", "", "results directory (default results/<name>, or results/<name>-shard-I-of-N with --shard)")
	f.IntVar(&c.parallel, "parallel", 0, "runs at once, and charts drawn at once (default the number of CPUs; at most 256, and at most as many runs as fit in memory at 0.9 GB each)")
	f.Uint64Var(&c.seed, "seed", 0, "master seed, overriding the file's seed")
	f.StringVar(&c.shard, "shard", "", "run only shard I of N of the sweep points, e.g. 2/8")
	f.BoolVar(&c.resume, "resume", false, "keep the finished points of an interrupted run in DIR and run the rest")
	f.BoolVarP(&c.quiet, "quiet", "q", false, "no progress output")
	f.Uint64Var(&c.events, "max-events", 0, "event budget of each run: a run that needs more fails (default no budget)")
	f.StringSliceVar(&c.noWarn, "no-warn", nil, "silence warnings of this kind: "+strings.Join(experiments.WarningKinds, ", ")+" or all (repeatable)")
	return cmd
}

// Run loads file and runs it.
func (c *RunCommand) Run(ctx context.Context, cmd *cobra.Command, file string) error {
	stderr := c.main.Stderr
	if c.parallel < 0 {
		return usagef("--parallel must be >= 1, got %d", c.parallel)
	}
	var shard experiments.Shard
	if c.shard != "" {
		s, err := experiments.ParseShard(c.shard)
		if err != nil {
			return usageError{err}
		}
		shard = s
	}
	silenced, err := silencedKinds(c.noWarn)
	if err != nil {
		return err
	}
	exp, err := experiments.Load(file)
	if err != nil {
		return err
	}
	work := experiments.EstimateWork(&exp)
	if err := work.Check(file); err != nil {
		return err
	}
	printWarnings(stderr, slices.DeleteFunc(slices.Clone(exp.Warnings), func(e *experiments.Error) bool { return silenced[e.Kind] }))
	if !c.quiet {
		fmt.Fprintf(stderr, "asyncsim: %s, %s\n", exp.DescribeRuns(), work)
	}
	if cmd.Flags().Changed("seed") {
		exp.Seed = c.seed
	}
	dir := c.dir
	if dir == "" {
		dir = filepath.Join("results", exp.Name)
		if shard.Count > 1 {
			dir += fmt.Sprintf("-shard-%d-of-%d", shard.Index, shard.Count)
		}
	}
	if n, why := experiments.Parallelism(c.parallel); c.parallel > 0 && n < c.parallel {
		fmt.Fprintf(stderr, "asyncsim: --parallel %d lowered to %d: %s\n", c.parallel, n, why)
	}
	view := newProgressView(stderr, c.quiet)
	start := time.Now()
	res, err := experiments.Run(ctx, exp, experiments.Options{
		Dir: dir, Parallel: c.parallel, Shard: shard, Resume: c.resume,
		CommandLine: os.Args, Progress: view.update, MaxEvents: c.events,
	})
	view.finish()
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("interrupted: %d of %d points are finished and kept in %s; run the same command with --resume to finish",
			view.last.PointsDone, view.last.Points, dir)
	case err != nil:
		var re *experiments.RunError
		if errors.As(err, &re) {
			return fmt.Errorf("run failed: %w; %d of %d points finished and kept in %s", err, view.last.PointsDone, view.last.Points, dir)
		}
		return err
	}
	printPointWarnings(stderr, res.Warnings, silenced)
	if res.ChartErr != nil {
		return chartFailure(res.ChartErr, dir)
	}
	if !c.quiet {
		resumed := ""
		if res.Resumed > 0 {
			resumed = fmt.Sprintf(" (%d resumed)", res.Resumed)
		}
		reps := fmt.Sprintf("%d replications", exp.Replications)
		if exp.Precision != nil { // each point's count is in summary.csv
			reps = fmt.Sprintf("%d to %d replications (%d runs in all)", exp.Replications, exp.Precision.Max, res.Runs)
		}
		fmt.Fprintf(stderr, "asyncsim: %d points%s × %s in %s; results in %s\n",
			res.Points, resumed, reps, time.Since(start).Round(time.Millisecond), dir)
	}
	return nil
}

// maxWarnings is how many warnings are printed before the rest are
// counted: a long sweep can warn about every point.
const maxWarnings = 6

// printWarnings prints the warnings of an experiment file, one line each,
// then once each explanation they share, indented and wrapped.
func printWarnings(w io.Writer, warns []*experiments.Error) {
	var notes []string
	for i, e := range warns {
		if e.Note != "" && !slices.Contains(notes, e.Note) {
			notes = append(notes, e.Note)
		}
		switch {
		case i < maxWarnings || len(warns) == maxWarnings+1:
			fmt.Fprintf(w, "warning: %s\n", e.Error())
		case i == maxWarnings:
			fmt.Fprintf(w, "warning: ... and %d more like these\n", len(warns)-i)
		}
	}
	for _, n := range notes {
		fmt.Fprint(w, wrap(n, "  ", 78))
	}
}

// wrap breaks text into lines of at most width characters, at spaces, each
// starting with indent.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if line != indent && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	if line != indent {
		b.WriteString(line + "\n")
	}
	return b.String()
}

// chartFailure is the failure of a run or merge whose tables are complete
// but some of whose charts could not be drawn: exit status 1, one line.
func chartFailure(err error, dir string) error {
	return fmt.Errorf("some charts were not drawn: %s; the tables in %s are complete: draw the charts again with asyncsim plot %s",
		strings.ReplaceAll(err.Error(), "\n", "; "), dir, dir)
}
