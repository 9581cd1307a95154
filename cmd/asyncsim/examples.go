package main

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/examples"
)

// ExamplesCommand is "asyncsim examples": list or print the bundled
// experiments.
type ExamplesCommand struct{ main *Main }

// Command returns the cobra command.
func (c *ExamplesCommand) Command() *cobra.Command {
	return &cobra.Command{
		DisableFlagsInUseLine: true,
		Use:                   "examples [NAME]",
		Short:                 "List the bundled experiments, or print one to stdout",
		Example: `  asyncsim examples
  asyncsim examples quickstart > quickstart.yaml && asyncsim run quickstart.yaml`,
		Args: args(0, 1, "at most one example name"),
		RunE: func(cmd *cobra.Command, a []string) error { return c.Run(cmd.Context(), a) },
	}
}

// Run lists the examples, or prints the one named.
func (c *ExamplesCommand) Run(_ context.Context, a []string) error {
	names, err := exampleNames()
	if err != nil {
		return err
	}
	if len(a) == 0 {
		tw := tabwriter.NewWriter(c.main.Stdout, 0, 4, 2, ' ', 0)
		for _, n := range names {
			fmt.Fprintf(tw, "%s\t%s\n", n, exampleDescription(n))
		}
		return tw.Flush()
	}
	name := strings.TrimSuffix(a[0], ".yaml")
	data, err := fs.ReadFile(examples.FS, name+".yaml")
	if err != nil {
		return usagef("no example called %q (examples: %s)", a[0], strings.Join(names, ", "))
	}
	_, err = c.main.Stdout.Write(data)
	return err
}

// exampleNames returns the names of the bundled experiments, sorted.
func exampleNames() ([]string, error) {
	files, err := fs.Glob(examples.FS, "*.yaml")
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		files[i] = strings.TrimSuffix(f, ".yaml")
	}
	sort.Strings(files)
	return files, nil
}

// exampleDescription returns the description: of a bundled experiment.
func exampleDescription(name string) string {
	data, err := fs.ReadFile(examples.FS, name+".yaml")
	if err != nil {
		return ""
	}
	var e struct {
		Description string `yaml:"description"`
	}
	_ = yaml.Unmarshal(data, &e)
	return e.Description
}
