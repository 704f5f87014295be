package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
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
		Short: "The review of pull requests: gate, queue, remind",
	}
	cmd.AddCommand(newGateCmd(env), newQueueCmd(env), newRemindCmd(env))
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
		return &ExitError{Code: 2, Err: fmt.Errorf("%w\nno decision was made: the pull request is not mergeable until bbtgen can read it", err)}
	}
	d := policy.Evaluate(pol, snap)
	if opts.Comment {
		action, err := c.UpsertComment(ctx, opts.PR, env.bot(), gateMarker, gateMarkdown(d, pr))
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		fmt.Fprintf(env.Stderr, "review card comment: %s\n", action)
	}
	if opts.Format == "json" {
		if err := writeJSON(env.Stdout, d); err != nil {
			return err
		}
	} else {
		gateText(env.Stdout, d, pr)
	}
	if !d.Mergeable {
		return errFailed
	}
	return nil
}

func gateText(w io.Writer, d *policy.Decision, pr forge.PullRequest) {
	fmt.Fprintf(w, "Pull request #%d %q by @%s, head %s\n", d.Number, diag.Safe(pr.Title), pr.Author, diag.ShortSHA(d.HeadSHA))
	if d.Mergeable {
		fmt.Fprintln(w, "MERGEABLE: every area is approved on the head commit.")
	} else {
		fmt.Fprintln(w, "NOT MERGEABLE YET")
	}
	for _, a := range d.Areas {
		mark := "✘"
		if a.Satisfied {
			mark = "✔"
		}
		fmt.Fprintf(w, "\n%s %s (%s): %d file(s)\n", mark, a.Title, a.Name, len(a.Files))
		if len(a.ApprovedBy) > 0 {
			fmt.Fprintf(w, "    approved by %s\n", diag.Mentions(a.ApprovedBy))
		}
		if len(a.VerifiedBy) > 0 {
			fmt.Fprintf(w, "    verified by %s\n", diag.Mentions(a.VerifiedBy))
		}
		for _, m := range a.Missing {
			fmt.Fprintf(w, "    missing: %s\n", m)
		}
	}
	if len(d.Reasons) > 0 {
		fmt.Fprintln(w, "\nWhy it cannot be merged yet, and who can unblock it:")
		for i, r := range d.Reasons {
			fmt.Fprintf(w, "  %d. %s\n", i+1, diag.Safe(r.Message))
			if len(r.Unblock) > 0 {
				fmt.Fprintf(w, "     → %s\n", diag.Mentions(r.Unblock))
			}
		}
	}
}

// markdownText writes text a contributor controls (file names, titles, values from front
// matter) into Markdown as plain text: control characters escaped, and the characters that
// would make a link, an image, a table cell, HTML or a mention (@someone) backslash-escaped.
func markdownText(s string) string {
	s = diag.Safe(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+!|@~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// gateMarkdown is the review card posted on the pull request.
func gateMarkdown(d *policy.Decision, pr forge.PullRequest) string {
	var b strings.Builder
	b.WriteString(gateMarker + "\n")
	if d.Mergeable {
		fmt.Fprintf(&b, "### ✔ Đủ điều kiện xuất bản (mergeable)\n\nEvery area is approved on the head commit `%s`.\n\n", diag.ShortSHA(d.HeadSHA))
	} else {
		fmt.Fprintf(&b, "### ✘ Chưa đủ điều kiện xuất bản (not mergeable yet)\n\nHead commit `%s`.\n\n", diag.ShortSHA(d.HeadSHA))
	}
	b.WriteString("| Chuyên mục / area | Duyệt (approved) | Xác thực (verified) | Còn thiếu (missing) |\n|---|---|---|---|\n")
	for _, a := range d.Areas {
		mark := "✘"
		if a.Satisfied {
			mark = "✔"
		}
		verified := "—"
		if a.VerificationRequired {
			verified = diag.Mentions(a.VerifiedBy)
		}
		missing := strings.Join(a.Missing, "<br>")
		if missing == "" {
			missing = "—"
		}
		fmt.Fprintf(&b, "| %s %s (`%s`) | %s | %s | %s |\n", mark, a.Title, a.Name, diag.Mentions(a.ApprovedBy), verified, missing)
	}
	var other []policy.Reason
	for _, r := range d.Reasons {
		if r.Rule != policy.RuleApproval && r.Rule != policy.RuleVerification && r.Rule != policy.RuleChangesRequested {
			other = append(other, r)
		}
	}
	if len(other) > 0 {
		b.WriteString("\n**Other problems:**\n\n")
		for _, r := range other {
			fmt.Fprintf(&b, "- %s", markdownText(r.Message))
			if len(r.Unblock) > 0 {
				fmt.Fprintf(&b, " → %s", diag.Mentions(r.Unblock))
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n<sub>bbtgen review gate: the policy comes from `config.yaml` of the base branch; approvals count only on the latest commit.</sub>\n")
	return b.String()
}
