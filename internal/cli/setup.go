package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
)

// RequiredChecks are the names of the pull-request workflow's jobs that must pass; they must
// match .github/workflows/pull-request.yml.
var RequiredChecks = []string{"bbtgen check", "bbtgen review gate"}

// SetupOptions are the options of bbtgen setup github.
type SetupOptions struct {
	githubFlags
	Site   string
	DryRun bool
}

func newSetupCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{Use: "setup", Short: "Configure the hosting of the review process"}
	opts := &SetupOptions{}
	gh := &cobra.Command{
		Use:   "github",
		Short: "Apply the branch protection the review policy needs, through the API",
		Long: `Tighten the protection of the publishing branch (review.publishing_branch of config.yaml) to
what the policy needs, reading what is set first and never loosening it (other required
checks, push restrictions, more approvals, linear history are kept): pull requests
required; a review by the code owners (.github/CODEOWNERS, made by bbtgen codeowners)
required; stale approvals dismissed when commits are pushed; the last push approved by someone
else; the checks "bbtgen check" and "bbtgen review gate" required and up to date; all of it
enforced for administrators; no force pushes or deletion. Then report GitHub's own complaints
about CODEOWNERS (for example an approver without write access, whom GitHub silently ignores).

The token needs administration rights on the repository: the GITHUB_TOKEN of a workflow is
not enough; use a personal or app token of an administrator.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return setupRun(cmd.Context(), env, opts) },
	}
	opts.register(gh)
	gh.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	gh.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the protection request instead of sending it")
	cmd.AddCommand(gh)
	return cmd
}

func setupRun(ctx context.Context, env Env, opts *SetupOptions) error {
	cfg, err := loadConfig(env, opts.Site)
	if err != nil {
		return err
	}
	pr := env.Printer()
	p := forge.Protection{Branch: cfg.Review.PublishingBranch, Checks: RequiredChecks}
	if opts.DryRun && env.Getenv("GITHUB_TOKEN") == "" {
		fmt.Fprintln(env.Stderr, pr.Sprintf("would protect branch %s with at least (with GITHUB_TOKEN set, the current protection is read and only tightened):", p.Branch))
		return writeJSON(env.Stdout, p.Request())
	}
	c, err := opts.client(env)
	if err != nil {
		return err
	}
	if opts.DryRun {
		current, err := c.Current(ctx, p.Branch)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		req, changes := p.Tighten(current)
		fmt.Fprintln(env.Stderr, pr.Sprintf("would tighten the protection of %s of %s:", p.Branch, c.Repo()))
		for _, ch := range changes {
			fmt.Fprintf(env.Stderr, "  - %s\n", pr.Text(ch))
		}
		return writeJSON(env.Stdout, req)
	}
	changes, err := c.Protect(ctx, p)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	fmt.Fprintln(env.Stderr, pr.Sprintf("protected %s of %s: pull requests, code-owner review, stale approvals dismissed, checks %q required; nothing stricter that was set is loosened", p.Branch, c.Repo(), RequiredChecks))
	for _, ch := range changes {
		fmt.Fprintf(env.Stderr, "  - %s\n", pr.Text(ch))
	}
	if len(changes) == 0 {
		fmt.Fprintln(env.Stderr, "  "+pr.Literal("(it already was protected so)"))
	}
	problems, err := c.CodeownersErrors(ctx, p.Branch)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	for _, problem := range problems {
		fmt.Fprintln(env.Stdout, problem)
	}
	if len(problems) > 0 {
		fmt.Fprintln(env.Stderr, pr.Sprintf("GitHub reports %d problem(s) in CODEOWNERS: those approvers are ignored by GitHub until fixed", len(problems)))
		return errFailed
	}
	return nil
}
