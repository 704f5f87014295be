package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/audit"
	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
)

// AuditOptions are the options of bbtgen audit.
type AuditOptions struct {
	githubFlags
	Site        string
	Since       string
	From        string
	Branch      string
	Environment string
	Format      string
}

func newAuditCmd(env Env) *cobra.Command {
	opts := &AuditOptions{}
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "List every change that reached the publishing branch without a valid approval",
		Long: `Walk the first-parent history of the publishing branch and, for every commit, find the pull
request that brought it and judge it again with the review policy before it: config.yaml of
the branch just before the pull request's first commit, the reviews submitted before the
merge, approvals of the merged head only, no self-approval, pages inside their category. It
also checks that what reached the branch is what was approved (every file a merge, squash or
rebase changed equals the approved head's). Direct pushes, merges without approval, stale
approvals, extra files in a merge and an invalid config.yaml are listed; exit 1 when there is
any.

The range goes by position on the first-parent history, never by commit date: after
audit.since of config.yaml, or after --from SHA, or from the first commit of --since DATE
(commits backdated after a newer one are audited and reported).

It also reports, per pull request, approval → merge → deployment (GitHub deployments to
--environment) and flags those not published on the working day they were approved.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return auditRun(cmd.Context(), env, opts) },
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder, in the repository to audit")
	cmd.Flags().StringVar(&opts.Since, "since", "", "start at the first commit of this date (YYYY-MM-DD), by position")
	cmd.Flags().StringVar(&opts.From, "from", "", "start after this commit of the branch (default: audit.since of config.yaml)")
	cmd.Flags().StringVar(&opts.Branch, "branch", "", "the publishing branch (default: review.publishing_branch)")
	cmd.Flags().StringVar(&opts.Environment, "environment", "github-pages", `the deployment environment to time publication by ("" to skip)`)
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

// branchTip finds the newest commit of a branch: the local branch, else its copy from origin.
func branchTip(site, branch string) (*gitrepo.Repository, *object.Commit, error) {
	repo, err := gitrepo.Open(site)
	if err != nil {
		return nil, nil, &ExitError{Code: 2, Err: err}
	}
	for _, rev := range []string{"refs/heads/" + branch, "refs/remotes/origin/" + branch} {
		if c, err := gitrepo.Resolve(repo, rev); err == nil {
			return repo, c, nil
		}
	}
	return nil, nil, &ExitError{Code: 2, Err: Errorf("the repository has no branch %s (fetch it first)", branch)}
}

func auditRun(ctx context.Context, env Env, opts *AuditOptions) error {
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	cfg, err := loadConfig(env, opts.Site)
	if err != nil {
		return err
	}
	branch := opts.Branch
	if branch == "" {
		branch = cfg.Review.PublishingBranch
	}
	var since time.Time
	if opts.Since != "" {
		d, err := calendar.ParseDate(opts.Since)
		if err != nil {
			return UsageError("--since: %v", err)
		}
		since = d.In(cfg.Location())
	}
	repo, tip, err := branchTip(opts.Site, branch)
	if err != nil {
		return err
	}
	c, err := opts.client(env)
	if err != nil {
		return err
	}
	log := io.Discard
	if env.Terminal {
		log = env.Stderr
	}
	from := opts.From
	if from == "" && opts.Since == "" {
		from = cfg.Audit.Since
	}
	res, err := audit.Run(ctx, audit.Options{Repo: repo, Tip: tip, Branch: branch, From: from, Since: since, Environment: opts.Environment, Forge: c, Log: log})
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	if opts.Format == "json" {
		if err := writeJSON(env.Stdout, res); err != nil {
			return err
		}
	} else {
		auditText(env.Stdout, env.Printer(), res, cfg.Location(), branch)
	}
	fmt.Fprintln(env.Stderr, env.Printer().Sprintf("audited %d commit(s) of %s: %d violation(s); %d GitHub request(s)", res.Commits, branch, len(res.Violations), c.Requests()))
	if len(res.Violations) > 0 {
		return errFailed
	}
	return nil
}

func auditText(w io.Writer, p *i18n.Printer, res *audit.Result, loc *time.Location, branch string) {
	if len(res.Violations) == 0 {
		start := dateOr(res.Since, loc, p.Literal("the first commit"))
		if res.From != "" {
			start = p.Sprintf("commit %s", diag.ShortSHA(res.From))
		}
		fmt.Fprintln(w, p.Sprintf("Every change on %s after %s went through an approved pull request, as approved.", branch, start))
	} else {
		fmt.Fprintln(w, p.Sprintf("%d change(s) reached %s without a valid approval:", len(res.Violations), branch))
	}
	for _, v := range res.Violations {
		pr := p.Literal("no pull request")
		if v.PR > 0 {
			pr = p.Sprintf("pull request #%d", v.PR)
		}
		fmt.Fprintf(w, "\n✘ %s %s %q (%s, %s)\n", diag.ShortSHA(v.Commit), v.Date.In(loc).Format("02/01/2006 15:04"), v.Subject, pr, v.Pusher)
		for _, r := range v.Reasons {
			fmt.Fprintf(w, "    - %s\n", reasonText(p, r))
		}
	}
	if len(res.Publications) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", p.Literal("Publication times (approved → merged → online):"))
	late := 0
	for _, pub := range res.Publications {
		mark := "✔"
		if !pub.SameDay {
			mark = "✘"
			late++
		}
		fmt.Fprintf(w, "  %s #%-5d %s → %s → %s  %s\n", mark, pub.PR, timeOr(pub.ApprovedAt, loc, p.Literal("not approved")), pub.MergedAt.In(loc).Format("02/01 15:04"), timeOr(pub.DeployedAt, loc, p.Literal("no deployment")), pub.Title)
	}
	fmt.Fprintln(w, p.Sprintf("%d of %d pull request(s) were not online on the working day of their approval.", late, len(res.Publications)))
	if res.MedianToOnline > 0 {
		fmt.Fprintln(w, p.Sprintf("Median time from the last approval to online: %s.", res.MedianToOnline.Round(time.Minute)))
	}
}

func timeOr(t *time.Time, loc *time.Location, none string) string {
	if t == nil {
		return none
	}
	return t.In(loc).Format("02/01 15:04")
}

func dateOr(t time.Time, loc *time.Location, none string) string {
	if t.IsZero() {
		return none
	}
	return t.In(loc).Format("02/01/2006")
}
