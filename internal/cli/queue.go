package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

// QueueOptions are the options of bbtgen review queue.
type QueueOptions struct {
	githubFlags
	Site   string
	Format string
	For    string
}

func newQueueCmd(env Env) *cobra.Command {
	opts := &QueueOptions{}
	cmd := &cobra.Command{
		Use:   "queue",
		Short: "List the open pull requests: who must act, since when, by when",
		Long: `List the work waiting in open, non-draft pull requests: for each area, whether it waits for
verification by the secretariat, approval by an approver or publication (merge), who must act,
since when, the deadline in working days and whether it is overdue; the most overdue first.
Members on leave (board.absences) are left out and their work goes to the other approvers.
The policy comes from config.yaml of the site folder (run it on the publishing branch).`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return queueRun(cmd.Context(), env, opts) },
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text, json or markdown")
	cmd.Flags().StringVar(&opts.For, "for", "", "only the work waiting on this GitHub login")
	return cmd
}

// queueData gathers the queue: the policy from the site, the pull requests from GitHub.
func queueData(ctx context.Context, env Env, site string, gh githubFlags) (*config.Config, *forge.Client, []policy.QueueInput, []policy.QueueItem, error) {
	cfg, err := loadConfig(env, site)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	c, err := gh.client(env)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	inputs, _, err := c.QueueInputs(ctx, cfg.Review.PublishingBranch)
	if err != nil {
		return nil, nil, nil, nil, &ExitError{Code: 2, Err: err}
	}
	pol := policy.New(cfg)
	items := policy.BuildQueue(pol, cfg.WorkCalendar(), env.Time(), inputs)
	if err := scheduled(ctx, c, pol, inputs, items, env.Time()); err != nil {
		return nil, nil, nil, nil, &ExitError{Code: 2, Err: err}
	}
	return cfg, c, inputs, items, nil
}

// scheduled reads, for the pull requests waiting only to be published, the articles at their
// head and marks those whose publish_at is still to come (hẹn đăng).
func scheduled(ctx context.Context, c *forge.Client, pol *policy.Policy, inputs []policy.QueueInput, items []policy.QueueItem, now time.Time) error {
	for i := range items {
		if items[i].Stage != policy.StagePublish {
			continue
		}
		for _, in := range inputs {
			s := in.Snapshot
			if s.Number != items[i].PR {
				continue
			}
			s.Articles = map[string][]byte{}
			for _, f := range s.Files {
				if f.Status == policy.Removed || !content.IsArticle(pol.Config(), f.Path) {
					continue
				}
				data, found, err := c.FileAt(ctx, s.HeadSHA, f.Path)
				if link := (*forge.SymlinkError)(nil); errors.As(err, &link) {
					continue
				}
				if err != nil {
					return err
				}
				if found {
					s.Articles[f.Path] = data
				}
			}
			if due := policy.ScheduledAt(pol, s); due.After(now) {
				items[i].ScheduledAt = &due
			}
		}
	}
	return nil
}

func queueRun(ctx context.Context, env Env, opts *QueueOptions) error {
	if err := checkFormat(opts.Format, "text", "json", "markdown"); err != nil {
		return err
	}
	cfg, c, _, items, err := queueData(ctx, env, opts.Site, opts.githubFlags)
	if err != nil {
		return err
	}
	if opts.For != "" {
		items = slices.DeleteFunc(items, func(it policy.QueueItem) bool {
			return !slices.ContainsFunc(it.WaitingOn, func(l string) bool { return strings.EqualFold(l, opts.For) })
		})
	}
	if items == nil {
		items = []policy.QueueItem{}
	}
	loc := cfg.Location()
	p := env.Printer()
	switch opts.Format {
	case "json":
		return writeJSON(env.Stdout, items)
	case "markdown":
		queueMarkdown(env.Stdout, p, items, loc, env.Time(), c.Repo())
	default:
		queueText(env.Stdout, p, items, loc, env.Time(), opts.For)
	}
	fmt.Fprintln(env.Stderr, p.Sprintf("%d item(s), %d overdue; %d GitHub request(s)", len(items), countOverdue(items), c.Requests()))
	return nil
}

func countOverdue(items []policy.QueueItem) int {
	n := 0
	for _, it := range items {
		if it.Overdue {
			n++
		}
	}
	return n
}

// stageName is the name of a stage in the queue: "approve" or "duyệt".
func stageName(p *i18n.Printer, st policy.Stage) string {
	switch st {
	case policy.StageVerify:
		return p.Literal("verify")
	case policy.StageApprove:
		return p.Literal("approve")
	case policy.StagePublish:
		return p.Literal("publish")
	}
	return string(st)
}

func when(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04 02/01/2006") }

func areaLabel(p *i18n.Printer, it policy.QueueItem) string {
	if it.Area == "" {
		return p.Literal("the whole pull request")
	}
	return fmt.Sprintf("%s (%s)", it.AreaTitle, it.Area)
}

// queueText prints the queue grouped by person: whoever reads it sees their own work first.
func queueText(w io.Writer, p *i18n.Printer, items []policy.QueueItem, loc *time.Location, now time.Time, only string) {
	fmt.Fprintln(w, p.Sprintf("Review queue at %s", moment(p, now.In(loc))))
	if len(items) == 0 {
		fmt.Fprintf(w, "\n%s\n", p.Literal("Nothing waits on the board."))
		return
	}
	var people []string
	for _, it := range items {
		for _, pw := range it.People {
			if !slices.Contains(people, pw.Login) && (only == "" || strings.EqualFold(only, pw.Login)) {
				people = append(people, pw.Login)
			}
		}
	}
	for _, person := range people {
		fmt.Fprintf(w, "\n@%s\n", person)
		for _, it := range items {
			for _, pw := range it.People {
				if pw.Login != person {
					continue
				}
				mark := "       "
				if pw.Overdue {
					mark = p.Literal("OVERDUE")
				}
				fmt.Fprintf(w, "  %s\n", p.Sprintf("%s #%-4d %-8s %s — %q, since %s, due %s", mark, it.PR, stageName(p, it.Stage), areaLabel(p, it), it.Title, when(it.Since, loc), when(pw.Deadline, loc)))
				if it.ScheduledAt != nil {
					fmt.Fprintf(w, "          %s\n", p.Sprintf("scheduled for %s: merged then, not before", moment(p, it.ScheduledAt.In(loc))))
				}
				for _, a := range it.Away {
					fmt.Fprintf(w, "          %s\n", p.Sprintf("@%s is away until %s; the work went to @%s", a.Login, a.Until, strings.Join(it.WaitingOn, ", @")))
				}
			}
		}
	}
}

func queueMarkdown(w io.Writer, p *i18n.Printer, items []policy.QueueItem, loc *time.Location, now time.Time, repo string) {
	fmt.Fprintf(w, "### %s\n\n", p.Sprintf("Review queue — %s", when(now, loc)))
	if len(items) == 0 {
		fmt.Fprintln(w, p.Literal("Nothing waits on the board."))
		return
	}
	fmt.Fprintln(w, p.Literal("| PR | Article | Area | Task | Who acts | Since | Due | Overdue |"))
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, it := range items {
		overdue := ""
		if it.Overdue {
			overdue = "⚠ " + p.Literal("overdue")
		}
		var who []string
		for _, pw := range it.People {
			who = append(who, fmt.Sprintf("@%s (%s)", pw.Login, when(pw.Deadline, loc)))
		}
		for _, a := range it.Away {
			who = append(who, p.Sprintf("~~@%s~~ away until %s", a.Login, a.Until))
		}
		if it.ScheduledAt != nil {
			who = append(who, p.Sprintf("scheduled for %s", moment(p, it.ScheduledAt.In(loc))))
		}
		fmt.Fprintf(w, "| [#%d](https://github.com/%s/pull/%d) | %s | %s | %s | %s | %s | %s | %s |\n", it.PR, repo, it.PR,
			strings.ReplaceAll(it.Title, "|", "/"), areaLabel(p, it), stageName(p, it.Stage), strings.Join(who, "<br>"), when(it.Since, loc), when(it.Deadline, loc), overdue)
	}
}

// RemindOptions are the options of bbtgen review remind.
type RemindOptions struct {
	githubFlags
	Site            string
	DryRun          bool
	OnlyWorkingDays bool
}

func newRemindCmd(env Env) *cobra.Command {
	opts := &RemindOptions{}
	cmd := &cobra.Command{
		Use:   "remind",
		Short: "Keep one reminder comment per overdue pull request, and escalate to the head",
		Long: `For every open pull request with overdue work, keep one reminder comment up to date that
mentions who must act (edited in place, never posted twice; the mentions are removed once the
work is done). When a deputy's deadline passes, or the deputies are away, the head is requested
as reviewer, once. Running it twice changes nothing the second time.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return remindRun(cmd.Context(), env, opts) },
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print what would be done, change nothing")
	cmd.Flags().BoolVar(&opts.OnlyWorkingDays, "only-working-days", false, "do nothing on days that are not working days (for schedules)")
	return cmd
}

const remindMarker = "<!-- bbtgen:remind -->"

func remindRun(ctx context.Context, env Env, opts *RemindOptions) error {
	if opts.OnlyWorkingDays {
		cfg, err := loadConfig(env, opts.Site)
		if err != nil {
			return err
		}
		today := calendar.DateOf(env.Time().In(cfg.Location()))
		if !cfg.WorkCalendar().IsWorkingDay(today) {
			name, _ := cfg.WorkCalendar().Holiday(today)
			if name != "" {
				fmt.Fprintln(env.Stdout, env.Printer().Sprintf("%s is not a working day (%s): no reminders today", today, name))
			} else {
				fmt.Fprintln(env.Stdout, env.Printer().Sprintf("%s is not a working day: no reminders today", today))
			}
			return nil
		}
	}
	cfg, c, inputs, items, err := queueData(ctx, env, opts.Site, opts.githubFlags)
	if err != nil {
		return err
	}
	loc := cfg.Location()
	p := env.Printer()
	byPR := map[int][]policy.QueueItem{}
	for _, it := range items {
		byPR[it.PR] = append(byPR[it.PR], it)
	}
	bot := env.bot()
	changes := 0
	for _, in := range inputs {
		n := in.Snapshot.Number
		if in.Snapshot.Draft {
			continue
		}
		var overdue []policy.QueueItem
		var escalate []string
		for _, it := range byPR[n] {
			if it.Overdue {
				overdue = append(overdue, it)
			}
			for _, l := range it.Escalate {
				if !slices.Contains(escalate, l) {
					escalate = append(escalate, l)
				}
			}
		}
		existing, err := c.FindComment(ctx, n, bot, remindMarker)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		var body string
		switch {
		case len(overdue) > 0:
			body = reminderBody(p, overdue, loc)
		case existing != nil:
			body = clearedBody(p)
		}
		if body != "" && (existing == nil || existing.Body != body) {
			changes++
			switch {
			case opts.DryRun && existing == nil:
				fmt.Fprintln(env.Stdout, p.Sprintf("would post a reminder on #%d:\n%s", n, body))
			case opts.DryRun:
				fmt.Fprintln(env.Stdout, p.Sprintf("would update the reminder on #%d:\n%s", n, body))
			case existing == nil:
				if err := c.CreateComment(ctx, n, bot, remindMarker, body); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				fmt.Fprintln(env.Stdout, p.Sprintf("posted a reminder on #%d", n))
			default:
				if err := c.EditComment(ctx, n, existing.ID, body); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				fmt.Fprintln(env.Stdout, p.Sprintf("updated the reminder on #%d", n))
			}
		}
		if len(escalate) > 0 {
			changes++
			if opts.DryRun {
				fmt.Fprintln(env.Stdout, p.Sprintf("would request a review of #%d from @%s", n, strings.Join(escalate, ", @")))
			} else {
				if err := c.RequestReviewers(ctx, n, escalate); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				fmt.Fprintln(env.Stdout, p.Sprintf("requested a review of #%d from @%s", n, strings.Join(escalate, ", @")))
			}
		}
	}
	if changes == 0 {
		fmt.Fprintln(env.Stdout, p.Literal("nothing to do: every reminder is up to date"))
	}
	fmt.Fprintln(env.Stderr, p.Sprintf("%d GitHub request(s)", c.Requests()))
	return nil
}

// clearedBody is the reminder once nothing is overdue any more: the mentions are gone.
func clearedBody(p *i18n.Printer) string {
	return remindMarker + "\n✔ " + p.Literal("Nothing is overdue on this pull request any more.") + "\n"
}

// reminderBody lists the overdue work of a pull request, mentioning who must act. It holds no
// clock time of its own, so that running remind again changes nothing.
func reminderBody(p *i18n.Printer, items []policy.QueueItem, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n### ⏰ %s\n\n", remindMarker, p.Literal("Overdue work"))
	for _, it := range items {
		var who []string
		for _, w := range it.People {
			if w.Overdue {
				who = append(who, p.Sprintf("@%s (due %s)", w.Login, when(w.Deadline, loc)))
			}
		}
		var task string
		switch it.Stage {
		case policy.StageVerify:
			task = p.Sprintf("**Verification** — %s: %s", areaLabel(p, it), strings.Join(who, ", "))
		case policy.StageApprove:
			task = p.Sprintf("**Approval** — %s: %s", areaLabel(p, it), strings.Join(who, ", "))
		default:
			task = p.Sprintf("**Publication** — %s: %s", areaLabel(p, it), strings.Join(who, ", "))
		}
		fmt.Fprintf(&b, "- %s\n", task)
		for _, a := range it.Away {
			fmt.Fprintf(&b, "  - %s\n", p.Sprintf("@%s is away until %s; the work went to the other approvers.", a.Login, a.Until))
		}
	}
	fmt.Fprintf(&b, "\n<sub>%s</sub>\n", p.Literal("bbtgen review remind: deadlines are counted in working days (config.yaml). This comment is kept up to date, never posted twice."))
	return b.String()
}
