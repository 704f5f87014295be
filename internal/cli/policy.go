package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

// PolicyOptions are the options of bbtgen policy.
type PolicyOptions struct {
	Site   string
	Format string
}

func newPolicyCmd(env Env) *cobra.Command {
	opts := &PolicyOptions{}
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Print the resolved review policy: areas, paths, approvers, verifiers",
		Long: `Print the review policy resolved from config.yaml: every area (each category, governance,
technical), the paths it owns, who approves it within how many working days, and who
verifies it. --format json is a contract for other tools.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return policyRun(env, opts) },
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

// loadConfig loads config.yaml of a site, printing its problems; it fails with exit 2 when the
// configuration cannot be used, since the command cannot do its work without it.
func loadConfig(env Env, site string) (*config.Config, error) {
	cfg, problems := config.Load(filepath.Join(site, config.FileName))
	if cfg == nil || problems.Errors() > 0 {
		PrintProblems(env.Stderr, env.Printer(), problems)
		return nil, &ExitError{Code: 2, Err: Errorf("config.yaml has problems; bbtgen check lists them all")}
	}
	return cfg, nil
}

func policyRun(env Env, opts *PolicyOptions) error {
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	cfg, err := loadConfig(env, opts.Site)
	if err != nil {
		return err
	}
	p := policy.New(cfg)
	if opts.Format == "json" {
		return writeJSON(env.Stdout, p)
	}
	writePolicyText(env.Stdout, env.Printer(), p)
	return nil
}

func writePolicyText(w io.Writer, pr *i18n.Printer, p *policy.Policy) {
	for i, a := range p.Areas {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s) — %s\n", a.Title, a.Name, a.Kind)
		paths := strings.Join(a.Paths, ", ")
		if a.Fallback {
			paths += pr.Literal(", and every file no other area claims")
		}
		fmt.Fprintln(w, "  "+pr.Sprintf("paths:     %s", paths))
		var ap []string
		for _, x := range a.Approvers {
			ap = append(ap, fmt.Sprintf("@%s %s (%s)", x.Login, x.Name, days(pr, x.DeadlineDays)))
		}
		fmt.Fprintln(w, "  "+pr.Sprintf("approvers: %s (any one suffices)", strings.Join(ap, ", ")))
		if len(a.Verifiers) > 0 {
			fmt.Fprintln(w, "  "+pr.Sprintf("verifiers: @%s (one approving review required as well)", strings.Join(a.Verifiers, ", @")))
		} else {
			fmt.Fprintln(w, "  "+pr.Literal("verifiers: none"))
		}
	}
}

func days(p *i18n.Printer, n int) string {
	if n == 1 {
		return p.Literal("1 working day")
	}
	return p.Sprintf("%d working days", n)
}

// CodeownersOptions are the options of bbtgen codeowners.
type CodeownersOptions struct {
	Site  string
	Check bool
}

func newCodeownersCmd(env Env) *cobra.Command {
	opts := &CodeownersOptions{}
	cmd := &cobra.Command{
		Use:   "codeowners",
		Short: "Write .github/CODEOWNERS from config.yaml (--check: fail if it is stale)",
		Args:  NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return codeownersRun(env, opts) },
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "do not write; exit 1 with a diff when the committed file is stale")
	return cmd
}

func codeownersRun(env Env, opts *CodeownersOptions) error {
	cfg, err := loadConfig(env, opts.Site)
	if err != nil {
		return err
	}
	want := policy.Codeowners(policy.New(cfg))
	path := filepath.Join(opts.Site, filepath.FromSlash(policy.CodeownersPath))
	have, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return &ExitError{Code: 2, Err: err}
	}
	pr := env.Printer()
	if opts.Check {
		if string(have) == want {
			fmt.Fprintln(env.Stderr, pr.Sprintf("%s is up to date", policy.CodeownersPath))
			return nil
		}
		diff, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
			A: difflib.SplitLines(string(have)), B: difflib.SplitLines(want),
			FromFile: policy.CodeownersPath + " (committed)", ToFile: policy.CodeownersPath + " (from config.yaml)", Context: 2,
		})
		fmt.Fprint(env.Stdout, diff)
		fmt.Fprintln(env.Stderr, pr.Sprintf("%s is stale: run bbtgen codeowners and commit the result", policy.CodeownersPath))
		return errFailed
	}
	if string(have) == want {
		fmt.Fprintln(env.Stderr, pr.Sprintf("%s is up to date", policy.CodeownersPath))
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	fmt.Fprintln(env.Stderr, pr.Sprintf("wrote %s", policy.CodeownersPath))
	return nil
}
