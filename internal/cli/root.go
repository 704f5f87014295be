// Package cli is bbtgen's command line: one file per command, each an Options struct filled
// from flags and a run function (checkRun, gateRun…) that does the work, so the work can be
// tested without the command-line framework. The commands that build the site live in
// cli/sitecmd, so that bbtgen-review (ReviewTool) links no Hugo; cmd/bbtgen adds them.
// Exit codes are a contract: 0 success, 1 a policy or validation failure, 2 a usage or
// runtime error.
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

// Time returns the current time: BBTGEN_NOW (RFC 3339) when set, for reproducible runs. Run
// refuses an unparsable BBTGEN_NOW before any command starts.
func (e Env) Time() time.Time {
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

// UsageError makes an exit-2 error for bad arguments.
func UsageError(format string, args ...any) error {
	return &ExitError{Code: 2, Err: fmt.Errorf(format, args...)}
}

// Tool is one program of bbtgen: its name, what it is, and its commands.
type Tool struct {
	Name, Short, Long string
	Commands          []func(Env) *cobra.Command
}

// Commands are the commands that need no site builder (no Hugo): checking, the review policy
// and gate, deployment of a built folder, the audit and the royalty ledger.
func Commands() []func(Env) *cobra.Command {
	return []func(Env) *cobra.Command{
		newCheckCmd, newNewCmd, newPolicyCmd, newCodeownersCmd, newReviewCmd, newSetupCmd,
		newDeployCmd, newAuditCmd, newRoyaltyCmd, newReportCmd, newCMSCmd,
	}
}

// ReviewTool is bbtgen-review, the small program of the review gate: the commands a review
// workflow runs, built without Hugo so that a gate job compiles it in seconds from nothing
// (no build cache, which a pull request could have planted).
func ReviewTool() Tool {
	return Tool{
		Name:  "bbtgen-review",
		Short: "The review commands of bbtgen, without the site builder",
		Long: `bbtgen-review runs the checks and the review policy of the Editorial Board (Ban Biên tập):
bbtgen check, policy, codeowners, review gate|queue|remind, audit and setup github, exactly
as bbtgen does. It does not build the site; use bbtgen for that.`,
		Commands: []func(Env) *cobra.Command{newCheckCmd, newPolicyCmd, newCodeownersCmd, newCMSCmd, newReviewCmd, newAuditCmd, newSetupCmd},
	}
}

// Run runs tool with args and returns the exit code.
func Run(ctx context.Context, args []string, env Env, tool Tool) int {
	if s := env.Getenv("BBTGEN_NOW"); s != "" {
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			fmt.Fprintf(env.Stderr, "%s: BBTGEN_NOW=%q is not an RFC 3339 time such as 2026-11-25T10:00:00+07:00\n", tool.Name, s)
			return 2
		}
	}
	root := NewRootCmd(env, tool)
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
			fmt.Fprintf(env.Stderr, "%s: %v\n", tool.Name, ee.Err)
		}
		return ee.Code
	}
	fmt.Fprintf(env.Stderr, "%s: %v\n", tool.Name, err)
	return 2
}

// NewRootCmd builds the command tree of tool.
func NewRootCmd(env Env, tool Tool) *cobra.Command {
	root := &cobra.Command{
		Use:           tool.Name,
		Short:         tool.Short,
		Long:          tool.Long,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &ExitError{Code: 2, Err: fmt.Errorf("%w\nrun '%s --help' for usage", err, c.CommandPath())}
	})
	for _, cmd := range tool.Commands {
		root.AddCommand(cmd(env))
	}
	return root
}

// exactArgs is cobra.ExactArgs with an exit-2 usage error.
func exactArgs(n int, usage string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return UsageError("%s takes %d argument(s): %s", cmd.CommandPath(), n, usage)
		}
		return nil
	}
}

// NoArgs refuses positional arguments with an exit-2 usage error.
func NoArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return UsageError("%s takes no arguments (got %q)", cmd.CommandPath(), args[0])
	}
	return nil
}
