package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/asyncsim/asyncsim/experiments"
)

// PlotCommand is "asyncsim plot": redraw the charts of a finished run.
type PlotCommand struct{ main *Main }

// Command returns the cobra command.
func (c *PlotCommand) Command() *cobra.Command {
	return &cobra.Command{
		DisableFlagsInUseLine: true,
		Use:                   "plot DIR",
		Short:                 "Redraw the charts of a finished run from its summary.csv",
		Long: `Redraw the charts of the results directory DIR from its summary.csv, with
the charts recorded in its summary.json. Useful after editing summary.csv or
after a merge.`,
		Args: args(1, 1, "one results directory"),
		RunE: func(cmd *cobra.Command, a []string) error { return c.Run(cmd.Context(), a[0]) },
	}
}

// Run redraws the charts of dir.
func (c *PlotCommand) Run(_ context.Context, dir string) error {
	for _, f := range []string{experiments.SummaryFile, experiments.SummaryJSONFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return usagef("%s is not a finished results directory: %v", dir, err)
		}
	}
	files, err := experiments.Plot(dir)
	for _, f := range files {
		fmt.Fprintln(c.main.Stdout, f)
	}
	return err
}
