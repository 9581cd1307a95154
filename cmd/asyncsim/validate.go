package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/asyncsim/asyncsim/experiments"
)

// ValidateCommand is "asyncsim validate": check an experiment file.
type ValidateCommand struct{ main *Main }

// Command returns the cobra command.
func (c *ValidateCommand) Command() *cobra.Command {
	return &cobra.Command{
		DisableFlagsInUseLine: true,
		Use:                   "validate FILE.yaml",
		Short:                 "Check an experiment file without running it",
		Long: `Check an experiment file: every key, value, distribution, sweep value and
chart. Each problem is printed as FILE:LINE:COLUMN: KEY: MESSAGE and the exit
code is 2; a valid file exits 0. Warnings (such as an offered load above
capacity) are printed but leave the file valid. A valid file's expected
work is printed too: the events its runs should simulate, an order of
magnitude from its rates and horizon. More than 1e15 events (years of CPU
time) cannot finish and is refused.`,
		Args: args(1, 1, "one experiment file"),
		RunE: func(cmd *cobra.Command, a []string) error { return c.Run(cmd.Context(), a[0]) },
	}
}

// Run checks file.
func (c *ValidateCommand) Run(_ context.Context, file string) error {
	exp, err := experiments.Load(file)
	if err != nil {
		return err
	}
	work := experiments.EstimateWork(&exp)
	if err := work.Check(file); err != nil {
		return err
	}
	printWarnings(c.main.Stderr, exp.Warnings)
	fmt.Fprintf(c.main.Stdout, "%s: valid: %s, %s\n", file, exp.Name, exp.DescribeRuns())
	fmt.Fprintf(c.main.Stdout, "%s: expected work: %s\n", file, work)
	return nil
}
