package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/asyncsim/asyncsim/experiments"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // a run failed
	exitUsage   = 2 // bad command line or invalid experiment
)

// Main is the asyncsim program: it dispatches to one command per
// subcommand, each in its own file.
type Main struct {
	Stdout, Stderr io.Writer
}

// NewMain returns a program writing to stdout and stderr.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{Stdout: stdout, Stderr: stderr}
}

// Run runs the command line args (without the program name) and returns
// the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	return m.execute(ctx, m.root(), args)
}

// execute runs the command line args with root and returns the exit code.
// A panic is a failure of the program, not of its input: it is reported in
// one line with exit code 1, never with Go's exit code for a panic, 2,
// which here means bad usage or an invalid experiment.
func (m *Main) execute(ctx context.Context, root *cobra.Command, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(m.Stderr, "asyncsim: internal error (please report it): %s\n", strings.Join(strings.Fields(fmt.Sprint(r)), " "))
			code = exitFailure
		}
	}()
	root.SetArgs(args)
	return m.report(root.ExecuteContext(ctx))
}

// root returns the asyncsim command with its subcommands.
func (m *Main) root() *cobra.Command {
	root := &cobra.Command{
		Use:   "asyncsim",
		Short: "Discrete-event simulator of request/response communication",
		Long: `asyncsim simulates clients talking to servers synchronously, through
callbacks, through an event loop or through a message queue, and reports
delay, throughput and reliability. Experiments are YAML files; results are
CSV/JSON tables and PNG charts.

Exit codes: 0 success, 1 run failure, 2 usage or invalid experiment.`,
		SilenceErrors:              true,
		SilenceUsage:               true,
		CompletionOptions:          cobra.CompletionOptions{DisableDefaultCmd: true},
		DisableFlagsInUseLine:      true,
		SuggestionsMinimumDistance: 2,
		// Positional arguments reach the root only when they name no
		// command: refuse them as a usageError (cobra's own complaint is
		// an untyped error).
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, a []string) error {
			if len(a) == 0 {
				return c.Help()
			}
			did := ""
			if s := c.SuggestionsFor(a[0]); len(s) > 0 {
				did = fmt.Sprintf("; did you mean %q?", s[0])
			}
			return usagef("unknown command %q%s (see asyncsim --help)", a[0], did)
		},
	}
	root.SetOut(m.Stdout)
	root.SetErr(m.Stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see %s --help)", err, c.CommandPath())}
	})
	root.AddCommand(
		(&RunCommand{main: m}).Command(),
		(&ValidateCommand{main: m}).Command(),
		(&PlotCommand{main: m}).Command(),
		(&MergeCommand{main: m}).Command(),
		(&TraceCommand{main: m}).Command(),
		(&ExamplesCommand{main: m}).Command(),
		(&VersionCommand{main: m}).Command(),
	)
	return root
}

// usageError is a bad command line: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usageError.
func usagef(format string, a ...any) error {
	return usageError{fmt.Errorf(format, a...)}
}

// args returns a cobra argument check accepting min to max arguments
// (max < 0: any number), whose failures are usage errors.
func args(min, max int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, a []string) error {
		if len(a) < min || max >= 0 && len(a) > max {
			return usagef("%s: expected %s (see asyncsim %s --help)", c.Name(), what, c.Name())
		}
		return nil
	}
}

// report prints err and returns the exit code it stands for.
func (m *Main) report(err error) int {
	if err == nil {
		return exitOK
	}
	var list experiments.ErrorList
	var usage usageError
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintln(m.Stderr, e.Error())
		}
		return exitUsage
	case errors.As(err, &usage), errors.Is(err, experiments.ErrIncompatible):
		fmt.Fprintln(m.Stderr, "asyncsim:", err)
		return exitUsage
	}
	fmt.Fprintln(m.Stderr, "asyncsim:", err)
	return exitFailure
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && termIsTerminal(int(f.Fd()))
}
