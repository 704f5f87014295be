package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

// PublishOptions are the options of bbtgen review publish.
type PublishOptions struct {
	githubFlags
	Site     string
	PR       int
	Comment  bool
	Dispatch string
}

func newPublishCmd(env Env) *cobra.Command {
	opts := &PublishOptions{}
	cmd := &cobra.Command{
		Use:   "publish [--pr N]",
		Short: "Merge the approved pull requests whose time has come (review.publish: auto)",
		Long: `Judge each open pull request into the publishing branch (or only --pr N) as the gate does and
merge it through GitHub when it is mergeable, review.publish is auto, it does not carry the
hold label (review.hold_label), and the publish_at of its articles (hẹn giờ đăng), if any,
has come. The merge names the head commit it decided on, so GitHub refuses it when a commit
arrived since; a refusal (a conflict, a base that moved) is reported on the review card and
never forced. The merge commit's message names the approvals and the verification it relied
on. With --dispatch WORKFLOW the publishing workflow is started after a merge (a merge made
with a workflow's token starts no workflow by itself).

Exit 0 when nothing failed (also when nothing was due), 1 when GitHub refused a merge, 2 on
errors.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return publishRun(cmd.Context(), env, opts) },
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder of the base branch (holding config.yaml), to list the pull requests")
	cmd.Flags().IntVar(&opts.PR, "pr", 0, "only this pull request")
	cmd.Flags().BoolVar(&opts.Comment, "comment", false, "say on each pull request's review card what happened")
	cmd.Flags().StringVar(&opts.Dispatch, "dispatch", "", "the workflow file to start on the publishing branch after a merge, e.g. publish.yml")
	return cmd
}

func publishRun(ctx context.Context, env Env, opts *PublishOptions) error {
	c, err := opts.client(env)
	if err != nil {
		return err
	}
	now := env.Time()
	p := env.Printer()
	var numbers []int
	branch := ""
	if opts.PR > 0 {
		numbers = []int{opts.PR}
	} else {
		cfg, err := loadConfig(env, opts.Site)
		if err != nil {
			return err
		}
		branch = cfg.Review.PublishingBranch
		open, err := c.OpenPullRequests(ctx, branch)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		for _, pr := range open {
			if !pr.Draft {
				numbers = append(numbers, pr.Number)
			}
		}
	}
	var methods []string
	merged, refused := 0, 0
	for _, n := range numbers {
		snap, pol, pr, err := c.Snapshot(ctx, n, now)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		branch = pol.Config().Review.PublishingBranch
		d := policy.Evaluate(pol, snap)
		pub := policy.Publish(pol, d, snap, pr.Labels, now)
		loc := pol.Config().Location()
		note := ""
		switch pub.Why {
		case policy.WhyNotMergeable:
			fmt.Fprintln(env.Stdout, p.Sprintf("#%d: not mergeable yet", n))
			continue
		case policy.WhyManual:
			fmt.Fprintln(env.Stdout, p.Sprintf("#%d: mergeable; review.publish is manual, so the secretariat merges it", n))
			continue
		case policy.WhyHeld:
			fmt.Fprintln(env.Stdout, p.Sprintf("#%d: mergeable, held back by the label %q", n, pol.Config().Review.HoldLabel))
			note = p.Sprintf("held back by the label %q: remove the label to publish", pol.Config().Review.HoldLabel)
		case policy.WhyScheduled:
			fmt.Fprintln(env.Stdout, p.Sprintf("#%d: mergeable, scheduled for %s", n, pub.Due.In(loc).Format(time.RFC3339)))
			note = p.Sprintf("scheduled for %s", moment(p, pub.Due.In(loc)))
		}
		if pub.Merge {
			if methods == nil {
				if methods, err = c.MergeMethods(ctx); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				if len(methods) == 0 {
					return &ExitError{Code: 2, Err: Errorf("the repository allows no merge method")}
				}
			}
			title, message := policy.MergeMessage(pol, d, snap)
			sha, err := c.Merge(ctx, n, d.HeadSHA, methods[0], title, message)
			var refusal *forge.MergeRefused
			switch {
			case errors.As(err, &refusal):
				refused++
				fmt.Fprintf(env.Stdout, "#%d: %v\n", n, refusal)
				note = p.Sprintf("not merged (%s); bbtgen never forces a merge: update the branch or resolve the conflict", refusal.Error())
			case err != nil:
				return &ExitError{Code: 2, Err: err}
			default:
				merged++
				fmt.Fprintln(env.Stdout, p.Sprintf("#%d: merged as %s (%s, head %s)", n, diag.ShortSHA(sha), methods[0], diag.ShortSHA(d.HeadSHA)))
				note = p.Sprintf("merged at %s (commit %s); the page goes online once the build is done", moment(p, now.In(loc)), diag.ShortSHA(sha))
			}
		}
		if opts.Comment && note != "" {
			cd, err := newCard(ctx, env, c, d, pr, snap, pol, now)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			cd.publication = note
			if err := postCard(ctx, env, c, cd); err != nil {
				return err
			}
		}
	}
	if merged > 0 && opts.Dispatch != "" {
		if err := c.Dispatch(ctx, opts.Dispatch, branch); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		fmt.Fprintln(env.Stdout, p.Sprintf("started %s on %s", opts.Dispatch, branch))
	}
	fmt.Fprintln(env.Stderr, p.Sprintf("%d merged, %d refused by GitHub; %d GitHub request(s)", merged, refused, c.Requests()))
	if refused > 0 {
		return errFailed
	}
	return nil
}
