package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/asyncsim/asyncsim/experiments"
)

// VersionCommand is "asyncsim version".
type VersionCommand struct{ main *Main }

// Command returns the cobra command.
func (c *VersionCommand) Command() *cobra.Command {
	return &cobra.Command{
		DisableFlagsInUseLine: true,
		Use:                   "version",
		Short:                 "Print the asyncsim and Go versions and the build identity",
		Args:                  args(0, 0, "no arguments"),
		RunE:                  func(cmd *cobra.Command, _ []string) error { return c.Run(cmd.Context()) },
	}
}

// Run prints the versions.
func (c *VersionCommand) Run(context.Context) error {
	_, err := fmt.Fprintf(c.main.Stdout, "asyncsim %s (%s %s/%s)\nbuild: %s\n", experiments.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH, experiments.Build())
	return err
}
