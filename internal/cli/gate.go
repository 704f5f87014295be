package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

// GateOptions are the options of bbtgen review gate.
type GateOptions struct {
	githubFlags
	PR      int
	Format  string
	Comment bool
}

func newReviewCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "review",
		Short: "The review of pull requests: gate, queue, remind, publish",
	}
	cmd.AddCommand(newGateCmd(env), newQueueCmd(env), newRemindCmd(env), newPublishCmd(env), newOnlineCmd(env))
	return cmd
}

func newGateCmd(env Env) *cobra.Command {
	opts := &GateOptions{}
	cmd := &cobra.Command{
		Use:   "gate --pr N",
		Short: "Decide whether a pull request may be merged under the review policy",
		Long: `Evaluate the review policy for a pull request through the GitHub API, with the policy read
from config.yaml of the base branch and the changed articles read at the head commit (nothing
of the pull request is checked out or run). Exit 0 when it may be merged, 1 when not yet (every
reason is printed with who can unblock it), 2 when it cannot decide.

Needs GITHUB_TOKEN; reads GITHUB_API_URL and GITHUB_REPOSITORY (or --repo).`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return gateRun(cmd.Context(), env, opts) },
	}
	opts.register(cmd)
	cmd.Flags().IntVar(&opts.PR, "pr", 0, "the pull request number")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.Comment, "comment", false, "keep one comment on the pull request up to date with the review card")
	return cmd
}

// gateMarker identifies the gate's comment on a pull request.
const gateMarker = "<!-- bbtgen:gate -->"

func gateRun(ctx context.Context, env Env, opts *GateOptions) error {
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	if opts.PR <= 0 {
		return UsageError("--pr N is required (the pull request number)")
	}
	c, err := opts.client(env)
	if err != nil {
		return err
	}
	snap, pol, pr, err := c.Snapshot(ctx, opts.PR, env.Time())
	if err != nil {
		return &ExitError{Code: 2, Err: Errorf("%v\nno decision was made: the pull request is not mergeable until bbtgen can read it", err)}
	}
	d := policy.Evaluate(pol, snap)
	if opts.Comment {
		cd, err := newCard(ctx, env, c, d, pr, snap, pol, env.Time())
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		if err := postCard(ctx, env, c, cd); err != nil {
			return err
		}
	}
	if opts.Format == "json" {
		if err := writeJSON(env.Stdout, localizedDecision(env.Printer(), d)); err != nil {
			return err
		}
	} else {
		gateText(env.Stdout, env.Printer(), d, pr)
	}
	if !d.Mergeable {
		return errFailed
	}
	return nil
}

func gateText(w io.Writer, p *i18n.Printer, d *policy.Decision, pr forge.PullRequest) {
	fmt.Fprintln(w, p.Sprintf("Pull request #%d %q by @%s, head %s", d.Number, diag.Safe(pr.Title), pr.Author, diag.ShortSHA(d.HeadSHA)))
	if d.Mergeable {
		fmt.Fprintln(w, p.Literal("MERGEABLE: every area is approved on the head commit."))
	} else {
		fmt.Fprintln(w, p.Literal("NOT MERGEABLE YET"))
	}
	for _, a := range d.Areas {
		mark := "✘"
		if a.Satisfied {
			mark = "✔"
		}
		fmt.Fprintf(w, "\n%s\n", p.Sprintf("%s %s (%s): %d file(s)", mark, a.Title, a.Name, len(a.Files)))
		if len(a.ApprovedBy) > 0 {
			fmt.Fprintf(w, "    %s\n", p.Sprintf("approved by %s", diag.Mentions(a.ApprovedBy)))
		}
		if len(a.VerifiedBy) > 0 {
			fmt.Fprintf(w, "    %s\n", p.Sprintf("verified by %s", diag.Mentions(a.VerifiedBy)))
		}
		for _, m := range missingTexts(p, a) {
			fmt.Fprintf(w, "    %s\n", diag.Safe(p.Sprintf("missing: %s", m)))
		}
	}
	if len(d.Reasons) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.Literal("Why it cannot be merged yet, and who can unblock it:"))
		for i, r := range d.Reasons {
			fmt.Fprintf(w, "  %d. %s\n", i+1, diag.Safe(reasonText(p, r)))
			if len(r.Unblock) > 0 {
				fmt.Fprintf(w, "     → %s\n", diag.Mentions(r.Unblock))
			}
		}
	}
}

// localizedDecision is the decision with its reasons and what its areas lack in the reader's
// language, for --format json (whose rule codes stay as they are).
func localizedDecision(p *i18n.Printer, d *policy.Decision) *policy.Decision {
	out := *d
	out.Areas = make([]policy.AreaResult, len(d.Areas))
	for i, a := range d.Areas {
		a.Missing = missingTexts(p, a)
		out.Areas[i] = a
	}
	out.Reasons = make([]policy.Reason, len(d.Reasons))
	for i, r := range d.Reasons {
		r.Message = reasonText(p, r)
		out.Reasons[i] = r
	}
	return &out
}

// markdownText writes text a contributor controls (file names, titles, values from front
// matter) into Markdown as plain text: control characters escaped, the characters that would
// make a link, an image, a table cell or HTML backslash-escaped, and "@" followed by an
// invisible word joiner, so that no @someone in an article notifies anybody.
func markdownText(s string) string {
	s = diag.Safe(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		if r == '@' {
			b.WriteRune('\u2060')
		}
	}
	return b.String()
}

// newCard gathers what the review card shows beyond the decision: who must act now and by
// when (the queue's view of this pull request, from its timeline), and for a stale approval
// the articles as they were when it was given.
func newCard(ctx context.Context, env Env, c *forge.Client, d *policy.Decision, pr forge.PullRequest, snap *policy.Snapshot, pol *policy.Policy, now time.Time) (*card, error) {
	cfg := pol.Config()
	cd := &card{p: env.Printer(), d: d, pr: pr, snap: snap, cfg: cfg, fileURL: fileURL(pr, c.Repo()), before: map[string][]byte{}, preview: previewURL(env, pr.Number)}
	ready, err := c.ReadySince(ctx, pr)
	if err != nil {
		return nil, err
	}
	cd.items = policy.BuildQueue(pol, cfg.WorkCalendar(), now, []policy.QueueInput{{Snapshot: snap, Ready: ready, Requested: pr.Requested}})
	stale := ""
	var at time.Time
	for _, r := range snap.Reviews {
		if r.State == policy.Approved && r.CommitID != snap.HeadSHA && r.SubmittedAt.After(at) {
			stale, at = r.CommitID, r.SubmittedAt
		}
	}
	if stale == "" || d.Mergeable {
		return cd, nil
	}
	for p := range snap.Articles {
		if !content.IsArticle(cfg, p) {
			continue
		}
		data, found, err := c.FileAt(ctx, stale, p)
		if link := (*forge.SymlinkError)(nil); errors.As(err, &link) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if found {
			cd.before[p] = data
		}
	}
	return cd, nil
}

// postCard keeps the one review card of the pull request up to date.
func postCard(ctx context.Context, env Env, c *forge.Client, cd *card) error {
	action, err := c.UpsertComment(ctx, cd.pr.Number, env.bot(), gateMarker, cd.markdown())
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	p := env.Printer()
	switch action {
	case forge.Created:
		fmt.Fprintln(env.Stderr, p.Literal("review card comment: created"))
	case forge.Updated:
		fmt.Fprintln(env.Stderr, p.Literal("review card comment: updated"))
	default:
		fmt.Fprintln(env.Stderr, p.Literal("review card comment: unchanged"))
	}
	return nil
}

// previewURL is the address of pull request n's preview: PREVIEW_URL/pr-N/ when the workflow
// deploys previews (see "Xem trước" in the README), else "".
func previewURL(env Env, n int) string {
	base := strings.TrimSuffix(env.Getenv("PREVIEW_URL"), "/")
	if base == "" || !(strings.HasPrefix(base, "https://") || strings.HasPrefix(base, "http://")) {
		return ""
	}
	return fmt.Sprintf("%s/pr-%d/", base, n)
}
