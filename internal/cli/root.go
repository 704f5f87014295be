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
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
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

// Printer writes the message catalog's sentences in the language the environment asks for:
// Vietnamese, or English for developers (BBTGEN_LANG=en).
func (e Env) Printer() *i18n.Printer { return i18n.New(i18n.FromEnv(e.Getenv)) }

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
	return &ExitError{Code: 2, Err: Errorf(format, args...)}
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
			fmt.Fprintf(env.Stderr, "%s: %s\n", tool.Name, env.Printer().Sprintf("BBTGEN_NOW=%q is not an RFC 3339 time such as 2026-11-25T10:00:00+07:00", s))
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
			fmt.Fprintf(env.Stderr, "%s: %s\n", tool.Name, localize(env.Printer(), ee.Err))
		}
		return ee.Code
	}
	fmt.Fprintf(env.Stderr, "%s: %s\n", tool.Name, localize(env.Printer(), err))
	return 2
}

// Errorf is an error whose sentence is in the message catalog, printed in the reader's
// language. It wraps no other error (use fmt.Errorf with %w for that, in English).
func Errorf(format string, args ...any) error { return &textError{diag.T(format, args...)} }

type textError struct{ t diag.Text }

func (e *textError) Error() string { return e.t.String() }

// localize writes err in the reader's language: the problems of a diag.ListError and the
// sentence of an Errorf as the catalog translates them; other errors (from the system or a
// library) as they are.
func localize(p *i18n.Printer, err error) string {
	var le *diag.ListError
	if errors.As(err, &le) {
		var lines []string
		for _, pr := range le.List {
			if pr.Severity == diag.Error {
				lines = append(lines, p.Problem(pr))
			}
		}
		return strings.Join(lines, "\n")
	}
	// A catalog sentence wrapped in more text (fmt.Errorf("…: %w")) is printed as it is: only
	// the sentence is in the catalog, and translating it alone would drop the context.
	var te *textError
	if errors.As(err, &te) && te.Error() == err.Error() {
		return p.Text(te.t)
	}
	return err.Error()
}

// NewRootCmd builds the command tree of tool.
func NewRootCmd(env Env, tool Tool) *cobra.Command {
	p := env.Printer()
	root := &cobra.Command{
		Use:           tool.Name,
		Short:         tool.Short,
		Long:          tool.Long,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// The flag package's own sentence ("unknown flag: --x") stays as it is; what to do next is
	// in the reader's language.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &ExitError{Code: 2, Err: fmt.Errorf("%w\n%s", err, p.Sprintf("run '%s --help' for usage", c.CommandPath()))}
	})
	root.CompletionOptions.HiddenDefaultCmd = true // for developers; not in the help people read
	for _, cmd := range tool.Commands {
		root.AddCommand(cmd(env))
	}
	localizeHelp(root, p)
	return root
}

// localizeHelp puts --help in the reader's language: the commands' descriptions, their flags
// (and the "(default …)" pflag adds to them), cobra's headings, its help command and the
// version line, all from the message catalog.
func localizeHelp(root *cobra.Command, p *i18n.Printer) {
	if !p.Vietnamese() {
		return
	}
	root.InitDefaultHelpCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.InitDefaultVersionFlag()
		if c.Name() == "help" && c.Long == helpLong(root) {
			// cobra's help command, whose Long names the program.
			c.Long = p.Sprintf(helpLongFormat, root.DisplayName())
		}
		c.Short, c.Long = p.Literal(c.Short), p.Literal(c.Long)
		c.Flags().VisitAll(func(f *pflag.Flag) {
			switch f.Name {
			case "help":
				f.Usage = p.Sprintf("help for %s", c.Name())
			case "version":
				f.Usage = p.Sprintf("version for %s", c.Name())
			default:
				f.Usage = p.Literal(f.Usage)
			}
		})
		// The usage line: cobra adds " [flags]" in English unless told not to.
		c.Use = strings.Replace(c.Use, "[command]", p.Literal("[command]"), 1)
		if !c.DisableFlagsInUseLine && c.HasAvailableFlags() && !strings.Contains(c.Use, "[flags]") {
			c.Use += " " + p.Literal("[flags]")
			c.DisableFlagsInUseLine = true
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	t := strings.Replace(usageTemplate, usageFooter,
		p.Sprintf(`Use "%s" for more information about a command.`, "{{.CommandPath}} "+p.Literal("[command]")+" --help"), 1)
	for _, s := range []string{"Usage:", "Aliases:", "Examples:", "Available Commands:", "Additional Commands:",
		"Global Flags:", "Flags:", "Additional help topics:", "[command]"} {
		t = strings.ReplaceAll(t, s, p.Literal(s))
	}
	// pflag writes " (default …)" after a flag's usage.
	def := fmt.Sprintf("bbtgenReplace %q %q}}", " (default ", " ("+p.Literal("default")+" ")
	t = strings.ReplaceAll(t, "FlagUsages | trimTrailingWhitespaces}}", "FlagUsages | trimTrailingWhitespaces | "+def)
	root.SetUsageTemplate(t)
	root.SetVersionTemplate(p.Sprintf("%s version %s", "{{.DisplayName}}", "{{.Version}}") + "\n")
}

func init() {
	// bbtgenReplace is strings.ReplaceAll for the usage template, whose pipeline passes the
	// text last.
	cobra.AddTemplateFunc("bbtgenReplace", func(old, new, s string) string { return strings.ReplaceAll(s, old, new) })
}

// helpLongFormat is the Long of cobra's help command (v1.10.2), the program's name left out.
const helpLongFormat = `Help provides help for any command in the application.
Simply type %s help [path to command] for full details.`

func helpLong(root *cobra.Command) string { return fmt.Sprintf(helpLongFormat, root.DisplayName()) }

// usageFooter is the last line of cobra's usage template.
const usageFooter = `Use "{{.CommandPath}} [command] --help" for more information about a command.`

// usageTemplate is cobra's (v1.10.2) default usage template, whose headings localizeHelp
// translates.
const usageTemplate = `Usage:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}{{$cmds := .Commands}}{{if eq (len .Groups) 0}}

Available Commands:{{range $cmds}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{else}}{{range $group := .Groups}}

{{.Title}}{{range $cmds}}{{if (and (eq .GroupID $group.ID) (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if not .AllChildCommandsHaveGroup}}

Additional Commands:{{range $cmds}}{{if (and (eq .GroupID "") (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global Flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

Additional help topics:{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}
`

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
