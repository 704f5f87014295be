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
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
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
	switch opts.Format {
	case "json":
		return writeJSON(env.Stdout, items)
	case "markdown":
		queueMarkdown(env.Stdout, items, loc, env.Time(), c.Repo())
	default:
		queueText(env.Stdout, items, loc, env.Time(), opts.For)
	}
	fmt.Fprintf(env.Stderr, "%d item(s), %d overdue; %d GitHub request(s)\n", len(items), countOverdue(items), c.Requests())
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

var (
	stageNames  = map[policy.Stage]string{policy.StageVerify: "xác thực", policy.StageApprove: "duyệt", policy.StagePublish: "xuất bản"}
	stageTitles = map[policy.Stage]string{policy.StageVerify: "Xác thực (verify)", policy.StageApprove: "Duyệt (approve)", policy.StagePublish: "Xuất bản (publish)"}
)

func when(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04 02/01/2006") }

func areaLabel(it policy.QueueItem) string {
	if it.Area == "" {
		return "cả bài (whole pull request)"
	}
	return fmt.Sprintf("%s (%s)", it.AreaTitle, it.Area)
}

// queueText prints the queue grouped by person: whoever reads it sees their own work first.
func queueText(w io.Writer, items []policy.QueueItem, loc *time.Location, now time.Time, only string) {
	nowL := now.In(loc)
	fmt.Fprintf(w, "Review queue at %s, %s, %s\n", nowL.Format("15:04"), vntext.Weekdays[nowL.Weekday()], vntext.OfficialDate(nowL))
	if len(items) == 0 {
		fmt.Fprintln(w, "\nNothing waits on the board. (Không có việc chờ xử lý.)")
		return
	}
	var people []string
	for _, it := range items {
		for _, p := range it.People {
			if !slices.Contains(people, p.Login) && (only == "" || strings.EqualFold(only, p.Login)) {
				people = append(people, p.Login)
			}
		}
	}
	for _, person := range people {
		fmt.Fprintf(w, "\n@%s\n", person)
		for _, it := range items {
			for _, p := range it.People {
				if p.Login != person {
					continue
				}
				mark := "       "
				if p.Overdue {
					mark = "OVERDUE"
				}
				fmt.Fprintf(w, "  %s #%-4d %-8s %s — %q, since %s, due %s\n", mark, it.PR, it.Stage, areaLabel(it), it.Title, when(it.Since, loc), when(p.Deadline, loc))
				if it.ScheduledAt != nil {
					fmt.Fprintf(w, "          hẹn đăng lúc %s: merged then, not before\n", vntext.Moment(it.ScheduledAt.In(loc)))
				}
				for _, a := range it.Away {
					fmt.Fprintf(w, "          @%s is away until %s; the work went to @%s\n", a.Login, a.Until, strings.Join(it.WaitingOn, ", @"))
				}
			}
		}
	}
}

func queueMarkdown(w io.Writer, items []policy.QueueItem, loc *time.Location, now time.Time, repo string) {
	fmt.Fprintf(w, "### Hàng chờ duyệt bài (review queue) — %s\n\n", when(now, loc))
	if len(items) == 0 {
		fmt.Fprintln(w, "Không có việc chờ xử lý. (Nothing waits on the board.)")
		return
	}
	fmt.Fprintln(w, "| PR | Bài | Chuyên mục | Việc | Người xử lý | Từ | Hạn | Quá hạn |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, it := range items {
		overdue := ""
		if it.Overdue {
			overdue = "⚠ quá hạn"
		}
		var who []string
		for _, p := range it.People {
			who = append(who, fmt.Sprintf("@%s (%s)", p.Login, when(p.Deadline, loc)))
		}
		for _, a := range it.Away {
			who = append(who, fmt.Sprintf("~~@%s~~ vắng đến %s", a.Login, a.Until))
		}
		if it.ScheduledAt != nil {
			who = append(who, "hẹn đăng lúc "+vntext.Moment(it.ScheduledAt.In(loc)))
		}
		fmt.Fprintf(w, "| [#%d](https://github.com/%s/pull/%d) | %s | %s | %s | %s | %s | %s | %s |\n", it.PR, repo, it.PR,
			strings.ReplaceAll(it.Title, "|", "/"), areaLabel(it), stageNames[it.Stage], strings.Join(who, "<br>"), when(it.Since, loc), when(it.Deadline, loc), overdue)
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
			fmt.Fprintf(env.Stdout, "%s is not a working day%s: no reminders today\n", today, strings.TrimSuffix(" ("+name+")", " ()"))
			return nil
		}
	}
	cfg, c, inputs, items, err := queueData(ctx, env, opts.Site, opts.githubFlags)
	if err != nil {
		return err
	}
	loc := cfg.Location()
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
			body = reminderBody(overdue, loc)
		case existing != nil:
			body = clearedBody
		}
		if body != "" && (existing == nil || existing.Body != body) {
			changes++
			switch {
			case opts.DryRun && existing == nil:
				fmt.Fprintf(env.Stdout, "would post a reminder on #%d:\n%s\n", n, body)
			case opts.DryRun:
				fmt.Fprintf(env.Stdout, "would update the reminder on #%d:\n%s\n", n, body)
			case existing == nil:
				if err := c.CreateComment(ctx, n, bot, remindMarker, body); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				fmt.Fprintf(env.Stdout, "posted a reminder on #%d\n", n)
			default:
				if err := c.EditComment(ctx, n, existing.ID, body); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				fmt.Fprintf(env.Stdout, "updated the reminder on #%d\n", n)
			}
		}
		if len(escalate) > 0 {
			changes++
			if opts.DryRun {
				fmt.Fprintf(env.Stdout, "would request a review of #%d from @%s\n", n, strings.Join(escalate, ", @"))
			} else {
				if err := c.RequestReviewers(ctx, n, escalate); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				fmt.Fprintf(env.Stdout, "requested a review of #%d from @%s\n", n, strings.Join(escalate, ", @"))
			}
		}
	}
	if changes == 0 {
		fmt.Fprintln(env.Stdout, "nothing to do: every reminder is up to date")
	}
	fmt.Fprintf(env.Stderr, "%d GitHub request(s)\n", c.Requests())
	return nil
}

const clearedBody = remindMarker + "\n✔ Không còn việc quá hạn trên pull request này. (Nothing is overdue here any more.)\n"

// reminderBody lists the overdue work of a pull request, mentioning who must act. It holds no
// clock time of its own, so that running remind again changes nothing.
func reminderBody(items []policy.QueueItem, loc *time.Location) string {
	var b strings.Builder
	b.WriteString(remindMarker + "\n### ⏰ Quá hạn xử lý (overdue)\n\n")
	for _, it := range items {
		var who []string
		for _, p := range it.People {
			if p.Overdue {
				who = append(who, fmt.Sprintf("@%s (hạn %s)", p.Login, when(p.Deadline, loc)))
			}
		}
		fmt.Fprintf(&b, "- **%s** — %s: %s\n", stageTitles[it.Stage], areaLabel(it), strings.Join(who, ", "))
		for _, a := range it.Away {
			fmt.Fprintf(&b, "  - @%s vắng đến %s; việc chuyển cho người duyệt khác.\n", a.Login, a.Until)
		}
	}
	b.WriteString("\n<sub>bbtgen review remind: thời hạn tính theo ngày làm việc (config.yaml). This comment is kept up to date, never repeated.</sub>\n")
	return b.String()
}
