package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/ledger"
)

// RoyaltyOptions are the options of bbtgen royalty.
type RoyaltyOptions struct {
	Site   string
	Month  string
	Format string
	Unit   string
	Branch string
}

func newRoyaltyCmd(env Env) *cobra.Command {
	opts := &RoyaltyOptions{}
	cmd := &cobra.Command{
		Use:   "royalty --month YYYY-MM",
		Short: "The royalty (nhuận bút) ledger of what was published in a month, from Git history",
		Long: `Read the first-parent history of the publishing branch and list, for every article first
published in the month, one line per author: date, title, category, genre, coefficient, share
and amount, with the rate table in force on the publication date; then the totals per author
and per unit. Each commit is read with its own config.yaml, so a later config.yaml never
changes a past month. An article is paid once: moved, restored or moved with an edit, it is
known again by its id (front matter id:) or its text. CSV opens in spreadsheets with
Vietnamese intact, and no cell is read as a formula. The same history always gives the same
bytes.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return royaltyRun(env, opts) },
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder, in its Git repository")
	cmd.Flags().StringVar(&opts.Month, "month", "", "the month, YYYY-MM")
	cmd.Flags().StringVar(&opts.Format, "format", "csv", "output format: csv, md or json")
	cmd.Flags().StringVar(&opts.Unit, "unit", "", "only the lines of this unit (id from config.yaml)")
	cmd.Flags().StringVar(&opts.Branch, "branch", "", "the publishing branch (default: review.publishing_branch)")
	return cmd
}

// history reads the events of the publishing branch, with progress on a terminal; the
// warnings of the walk (see readHistory) go to stderr.
func history(env Env, site, branch string, cfg *config.Config, from, to calendar.Date) ([]ledger.Event, error) {
	events, _, err := readHistory(env, site, branch, cfg, from, to)
	return events, err
}

// readHistory reads the events of the publishing branch between from and to, and the
// warnings met on the way: commits read with another commit's config.yaml, files that carry
// another article's id. The warnings are also written to stderr, where they are seen when the
// output goes to a file.
func readHistory(env Env, site, branch string, cfg *config.Config, from, to calendar.Date) ([]ledger.Event, []ledger.Warning, error) {
	if branch == "" {
		branch = cfg.Review.PublishingBranch
	}
	repo, tip, err := branchTip(site, branch)
	if err != nil {
		return nil, nil, err
	}
	opts := ledger.WalkOptions{From: from, To: to}
	p := env.Printer()
	if env.Terminal {
		opts.Progress = func(done, total int) {
			fmt.Fprint(env.Stderr, "\r"+p.Sprintf("reading the history of %s: %d/%d commits", branch, done, total))
			if done == total {
				fmt.Fprintln(env.Stderr)
			}
		}
	}
	events, warnings, err := ledger.Events(repo, tip, cfg, opts)
	if err != nil {
		return nil, nil, &ExitError{Code: 2, Err: err}
	}
	for _, w := range warnings {
		fmt.Fprintf(env.Stderr, "%s: %s\n", p.Literal("warning"), w.Message)
	}
	return events, warnings, nil
}

func royaltyRun(env Env, opts *RoyaltyOptions) error {
	if err := checkFormat(opts.Format, "csv", "md", "json"); err != nil {
		return err
	}
	month, err := time.Parse("2006-01", opts.Month)
	if err != nil {
		return UsageError("--month %q is not a month: write YYYY-MM, e.g. 2026-11", opts.Month)
	}
	cfg, err := loadConfig(env, opts.Site)
	if err != nil {
		return err
	}
	if opts.Unit != "" {
		if _, ok := cfg.Unit(opts.Unit); !ok {
			return UsageError("unknown unit %q (units: %v)", opts.Unit, cfg.UnitIDs())
		}
	}
	first := calendar.Date{Year: month.Year(), Month: month.Month(), Day: 1}
	last := calendar.DateOf(time.Date(month.Year(), month.Month()+1, 0, 12, 0, 0, 0, time.UTC))
	events, warnings, err := readHistory(env, opts.Site, opts.Branch, cfg, first, last)
	if err != nil {
		return err
	}
	l, err := ledger.Royalty(cfg, events, month.Year(), month.Month(), opts.Unit)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	l.Warnings = append(warnings, l.Warnings...)
	switch opts.Format {
	case "json":
		return writeJSON(env.Stdout, l)
	case "md":
		return ledger.WriteMarkdown(env.Stdout, l)
	default:
		return ledger.WriteCSV(env.Stdout, l)
	}
}
