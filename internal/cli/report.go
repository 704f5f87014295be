package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/ledger"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// ReportOptions are the options of bbtgen report.
type ReportOptions struct {
	githubFlags
	Site   string
	From   string
	To     string
	Format string
	Branch string
}

func newReportCmd(env Env) *cobra.Command {
	opts := &ReportOptions{}
	cmd := &cobra.Command{
		Use:   "report --from DATE --to DATE",
		Short: "Contributions per author and unit, review latency and deadlines met",
		Long: `Count, per author and per unit, the articles published and revised between two dates (from
the Git history of the publishing branch), by category and genre. With GITHUB_TOKEN it also
reads the pull requests merged in the period and reports, per board member, how long
verification and approval took and the share of deadlines met (working days, config.yaml).
It ends with what the law requires of the site (config.yaml's compliance list) and whether the
working tree meets it today. --format html makes one page with inline SVG charts, no scripts.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return reportRun(cmd.Context(), env, opts) },
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder, in its Git repository")
	cmd.Flags().StringVar(&opts.From, "from", "", "first day, YYYY-MM-DD")
	cmd.Flags().StringVar(&opts.To, "to", "", "last day, YYYY-MM-DD")
	cmd.Flags().StringVar(&opts.Format, "format", "md", "output format: md, json or html")
	cmd.Flags().StringVar(&opts.Branch, "branch", "", "the publishing branch (default: review.publishing_branch)")
	return cmd
}

func reportRun(ctx context.Context, env Env, opts *ReportOptions) error {
	if err := checkFormat(opts.Format, "md", "json", "html"); err != nil {
		return err
	}
	from, err := calendar.ParseDate(opts.From)
	if err != nil {
		return UsageError("--from: %v", err)
	}
	to, err := calendar.ParseDate(opts.To)
	if err != nil {
		return UsageError("--to: %v", err)
	}
	if to.Before(from) {
		return UsageError("--to %s is before --from %s", to, from)
	}
	cfg, err := loadConfig(env, opts.Site)
	if err != nil {
		return err
	}
	events, err := history(env, opts.Site, opts.Branch, cfg, from, to)
	if err != nil {
		return err
	}
	var times []policy.ReviewTime
	prs, reviewed := 0, false
	if env.Getenv("GITHUB_TOKEN") != "" {
		c, err := opts.client(env)
		if err != nil {
			return err
		}
		loc := cfg.Location()
		merged, err := c.MergedPullRequests(ctx, cfg.Review.PublishingBranch, from.In(loc), to.AddDays(1).In(loc))
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		p, cal := policy.New(cfg), cfg.WorkCalendar()
		for _, m := range merged {
			times = append(times, policy.ReviewTimes(p, cal, m.Input, m.MergedAt)...)
		}
		prs, reviewed = len(merged), true
		fmt.Fprintln(env.Stderr, env.Printer().Sprintf("read %d merged pull request(s) with %d GitHub request(s)", prs, c.Requests()))
	} else {
		fmt.Fprintln(env.Stderr, env.Printer().Literal("GITHUB_TOKEN is not set: the report leaves out review times"))
	}
	r := ledger.BuildReport(cfg, events, from, to, times, prs, reviewed)
	// What the law requires of the site, judged on the working tree as it is now.
	if len(cfg.Compliance) > 0 {
		now := env.Time()
		s, err := sitecheck.Check(opts.Site, now)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		if s.Cfg != nil && s.Content != nil {
			r.Compliance = sitecheck.Compliance(s.Cfg, s.Content, now)
			r.ComplianceDate = calendar.DateOf(now.In(cfg.Location()))
		} else {
			fmt.Fprintln(env.Stderr, env.Printer().Literal("the site does not pass bbtgen check: the report leaves out what the law requires of it"))
		}
	}
	switch opts.Format {
	case "json":
		return writeJSON(env.Stdout, r)
	case "html":
		return ledger.WriteReportHTML(env.Stdout, cfg, r)
	default:
		return ledger.WriteReportMarkdown(env.Stdout, cfg, r)
	}
}
