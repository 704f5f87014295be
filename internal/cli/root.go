// Package cli is bbtgen's command line: one file per command, each an Options struct filled
// from flags and a run function that does the work, so the work can be tested without the
// command-line framework. Exit codes are a contract: 0 success, 1 a policy or validation
// failure, 2 a usage or runtime error.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Version is bbtgen's version, set at link time (-ldflags "-X …/cli.Version=v1.2.3").
var Version = "dev"

// Env is what a command may use of the world around it.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Now is the current time; BBTGEN_NOW (RFC 3339) overrides it for reproducible runs.
	Now func() time.Time
	// Terminal is true when stderr is a terminal: progress is shown only then.
	Terminal bool
}

// SystemEnv is the Env of a real process.
func SystemEnv() Env {
	return Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv:   os.Getenv,
		Now:      time.Now,
		Terminal: term.IsTerminal(int(os.Stderr.Fd())) && os.Getenv("CI") == "",
	}
}

// now returns the current time, honouring BBTGEN_NOW.
func (e Env) now() time.Time {
	if s := e.Getenv("BBTGEN_NOW"); s != "" {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t
		}
	}
	return e.Now()
}

// ExitError carries an exit code. Code 1 errors with a nil Err have already been reported.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// errFailed is returned by commands that have printed their findings and must exit 1.
var errFailed = &ExitError{Code: 1}

// usageError makes an exit-2 error for bad arguments.
func usageError(format string, args ...any) error {
	return &ExitError{Code: 2, Err: fmt.Errorf(format, args...)}
}

// Run runs bbtgen with args and returns the exit code.
func Run(ctx context.Context, args []string, env Env) int {
	root := NewRootCmd(env)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintf(env.Stderr, "bbtgen: %v\n", ee.Err)
		}
		return ee.Code
	}
	fmt.Fprintf(env.Stderr, "bbtgen: %v\n", err)
	return 2
}

// NewRootCmd builds the command tree.
func NewRootCmd(env Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "bbtgen",
		Short: "Git-based editorial review and publishing for a department website",
		Long: `bbtgen checks, builds and publishes the website of the Editorial Board (Ban Biên tập):
articles are Markdown files in Git, and a pull request is merged only when the approver of
its category has approved it.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &ExitError{Code: 2, Err: fmt.Errorf("%w\nrun '%s --help' for usage", err, c.CommandPath())}
	})
	root.AddCommand(
		newCheckCmd(env),
		newNewCmd(env),
		newBuildCmd(env),
		newServeCmd(env),
		newPolicyCmd(env),
		newCodeownersCmd(env),
		newReviewCmd(env),
		newSetupCmd(env),
		newDeployCmd(env),
		newAuditCmd(env),
		newRoyaltyCmd(env),
		newReportCmd(env),
	)
	return root
}

// exactArgs is cobra.ExactArgs with an exit-2 usage error.
func exactArgs(n int, usage string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError("%s takes %d argument(s): %s", cmd.CommandPath(), n, usage)
		}
		return nil
	}
}

// noArgs refuses positional arguments with an exit-2 usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError("%s takes no arguments (got %q)", cmd.CommandPath(), args[0])
	}
	return nil
}
