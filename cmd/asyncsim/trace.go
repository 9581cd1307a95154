package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/asyncsim/asyncsim/experiments"
)

// TraceCommand is "asyncsim trace": the requests of one run.
type TraceCommand struct {
	main        *Main
	point, rep  int
	limit       int
	out, format string
	seed        uint64
}

// traceFormats are the formats of a trace, by the extension of -o that
// implies them.
var traceFormats = map[string]string{".csv": "csv", ".json": "chrome", ".png": "png"}

// Command returns the cobra command.
func (c *TraceCommand) Command() *cobra.Command {
	cmd := &cobra.Command{
		DisableFlagsInUseLine: true,
		Use:                   "trace FILE.yaml [--point P] [--replication R] [--limit N] [-o FILE] [--format csv|chrome|png]",
		Short:                 "Write the requests of one run: CSV, a Trace Event JSON or a timeline chart",
		Long: `Run one run of an experiment (sweep point P, replication R, both counted
from 0 as in runs.csv; the same model and seed as "asyncsim run", so its
numbers are those of runs.csv) and write one row per request (kind request:
client, t0..t3, end, outcome, cause, attempts, instance) followed by one per
call of a service to another (kind call: hop caller>callee, caller and
callee instances, start t0, end, outcome, cause, attempts).

--format chrome writes the Trace Event JSON that https://ui.perfetto.dev and
chrome://tracing open; --format png draws a timeline. The format defaults to
the extension of -o (.csv, .json, .png), else CSV to stdout. --limit bounds
the rows recorded (the run still goes on to its end).`,
		Example: `  asyncsim trace examples/quickstart.yaml --limit 20
  asyncsim trace examples/checkout-fanout.yaml --point 2 -o trace.json   # open in ui.perfetto.dev
  asyncsim trace examples/retry-storm.yaml --point 3 --replication 1 -o trace.png`,
		Args: args(1, 1, "one experiment file"),
		RunE: func(cmd *cobra.Command, a []string) error { return c.Run(cmd.Context(), cmd, a[0]) },
	}
	f := cmd.Flags()
	f.IntVar(&c.point, "point", 0, "sweep point, from 0 (the point column of runs.csv)")
	f.IntVar(&c.rep, "replication", 0, "replication, from 0 (the replication column of runs.csv)")
	f.IntVar(&c.limit, "limit", experiments.DefaultTraceLimit, "most rows of requests and calls recorded")
	f.StringVarP(&c.out, "output", "o", "", "output file (default stdout, CSV)")
	f.StringVar(&c.format, "format", "", "csv, chrome or png (default from the extension of -o, else csv)")
	f.Uint64Var(&c.seed, "seed", 0, "master seed, overriding the file's seed (as asyncsim run --seed)")
	return cmd
}

// Run loads file, runs the run and writes its trace.
func (c *TraceCommand) Run(ctx context.Context, cmd *cobra.Command, file string) error {
	format, err := c.outputFormat()
	if err != nil {
		return err
	}
	if c.limit < 1 {
		return usagef("--limit must be >= 1, got %d", c.limit)
	}
	exp, err := experiments.Load(file)
	if err != nil {
		return err
	}
	if cmd.Flags().Changed("seed") {
		exp.Seed = c.seed
	}
	o := experiments.TraceOptions{Limit: c.limit}
	if format == "png" {
		// The chart shows the first --limit requests of the window (at
		// most TimelineRequests): record them, with their calls.
		o = experiments.TraceOptions{Limit: max(c.limit, experiments.DefaultTraceLimit), WindowOnly: true}
	}
	tr, err := experiments.RunTrace(ctx, &exp, c.point, c.rep, o)
	var te *experiments.TraceError
	switch {
	case errors.As(err, &te):
		return usagef("%s: %v", file, err)
	case err != nil:
		return fmt.Errorf("point %d replication %d: run failed: %w", c.point, c.rep, err)
	}
	write := func(w io.Writer) error {
		switch format {
		case "chrome":
			return tr.WriteChrome(w)
		case "png":
			return tr.WritePNG(w, c.limit)
		}
		return tr.WriteCSV(w)
	}
	if c.out == "" {
		err = write(c.main.Stdout)
	} else {
		err = writeFile(c.out, write)
	}
	if err != nil {
		return err
	}
	c.summary(tr, format)
	return nil
}

// outputFormat returns the format asked for, or implied by -o's
// extension, else csv.
func (c *TraceCommand) outputFormat() (string, error) {
	f := c.format
	switch f {
	case "csv", "chrome", "png":
	case "":
		f = "csv"
		if g, ok := traceFormats[strings.ToLower(filepath.Ext(c.out))]; ok {
			f = g
		}
	default:
		return "", usagef("--format must be csv, chrome or png, got %q", c.format)
	}
	if f != "csv" && !traceReady[f] {
		return "", usagef("--format %s is not available yet", f)
	}
	if f == "png" && c.out == "" {
		return "", usagef("--format png needs -o FILE.png")
	}
	return f, nil
}

// traceReady are the formats beyond csv that are written.
var traceReady = map[string]bool{"chrome": true, "png": true}

// summary tells on stderr what the trace holds.
func (c *TraceCommand) summary(tr *experiments.Trace, format string) {
	if format == "png" {
		n := min(c.limit, experiments.TimelineRequests, len(tr.Requests))
		fmt.Fprintf(c.main.Stderr, "asyncsim: point %d replication %d (seed %d): the first %d requests of the window drawn to %s\n",
			tr.Point, tr.Replication, tr.Seed, n, c.out)
		return
	}
	req, ok := tr.Counts()
	to := ""
	if c.out != "" {
		to = "; written to " + c.out
	}
	fmt.Fprintf(c.main.Stderr, "asyncsim: point %d replication %d (seed %d): %d requests (%d of the window, %d of them succeeded), %d calls%s\n",
		tr.Point, tr.Replication, tr.Seed, len(tr.Requests), req, ok, len(tr.Calls), to)
	if tr.Truncated {
		fmt.Fprintf(c.main.Stderr, "asyncsim: --limit %d reached: the trace holds the first requests only; the run had %g requests in its window, %g succeeded\n",
			c.limit, tr.Metrics.Requests, tr.Metrics.Succeeded)
	}
}

// writeFile writes path with write, through a temporary file renamed
// into place, so a failure leaves no partial file.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes it 0600
		return err
	}
	return os.Rename(tmp.Name(), path)
}
