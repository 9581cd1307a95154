package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/asyncsim/asyncsim/experiments"
)

// MergeCommand is "asyncsim merge": join the results of shards.
type MergeCommand struct {
	main *Main
	dir  string
}

// Command returns the cobra command.
func (c *MergeCommand) Command() *cobra.Command {
	cmd := &cobra.Command{
		DisableFlagsInUseLine: true,
		Use:                   "merge -o DIR SHARD_DIR...",
		Short:                 "Join the result directories of a sharded run into one",
		Long: `Join the result directories of "asyncsim run --shard I/N" (all N of them) into
DIR, which then holds the same runs.csv, summary.csv and summary.json as an
unsharded run, byte for byte, and the charts. The shards must come from the
same experiment file (same sha256), seed and build of asyncsim, be finished,
and cover every sweep point exactly once; merge refuses otherwise.`,
		Example: `  asyncsim merge -o results/exp results/exp-shard-*`,
		Args:    args(1, -1, "one or more shard directories"),
		RunE:    func(cmd *cobra.Command, a []string) error { return c.Run(cmd.Context(), a) },
	}
	cmd.Flags().StringVarP(&c.dir, "output", "o", "", "directory of the merged results (required)")
	return cmd
}

// Run merges shards into c.dir.
func (c *MergeCommand) Run(ctx context.Context, shards []string) error {
	if c.dir == "" {
		return usagef("merge: -o DIR is required")
	}
	res, err := experiments.Merge(ctx, c.dir, shards, os.Args)
	if err != nil {
		return err
	}
	if res.ChartErr != nil {
		return chartFailure(res.ChartErr, c.dir)
	}
	fmt.Fprintf(c.main.Stderr, "asyncsim: merged %d shards: %d points, %d runs; results in %s\n",
		len(shards), res.Points, res.Runs, c.dir)
	if n := flaggedPoints(res.Warnings); n > 0 {
		// The shards' runs printed why; printing it again would repeat them.
		fmt.Fprintf(c.main.Stderr, "asyncsim: %s flagged, as the shards' runs warned: see the flags column of summary.csv\n", plural(n, "point"))
	}
	return nil
}
