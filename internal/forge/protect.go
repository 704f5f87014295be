package forge

import (
	"context"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// Protection is the branch protection the review policy needs.
type Protection struct {
	Branch string
	// Checks are the status checks that must pass (the workflow jobs' names).
	Checks []string
}

// Request is the branch-protection request sent to GitHub: pull requests required, code
// owners' review required, stale approvals dismissed on a new push, the last push approved by
// someone else than its pusher, the checks required and up to date, for admins too, and no
// force pushes or deletion of the publishing branch.
func (p Protection) Request() *github.ProtectionRequest {
	checks := make([]*github.RequiredStatusCheck, len(p.Checks))
	for i, c := range p.Checks {
		checks[i] = &github.RequiredStatusCheck{Context: c}
	}
	return &github.ProtectionRequest{
		RequiredStatusChecks: &github.RequiredStatusChecks{Strict: true, Checks: &checks},
		RequiredPullRequestReviews: &github.PullRequestReviewsEnforcementRequest{
			DismissStaleReviews:          true,
			RequireCodeOwnerReviews:      true,
			RequiredApprovingReviewCount: 1,
			RequireLastPushApproval:      github.Bool(true),
		},
		EnforceAdmins:                  true,
		AllowForcePushes:               github.Bool(false),
		AllowDeletions:                 github.Bool(false),
		RequiredConversationResolution: github.Bool(false),
	}
}

// Protect applies the protection to the branch.
func (c *Client) Protect(ctx context.Context, p Protection) error {
	_, _, err := call(ctx, c, fmt.Sprintf("protecting branch %s", p.Branch), func() (*github.Protection, *github.Response, error) {
		return c.gh.Repositories.UpdateBranchProtection(ctx, c.owner, c.repo, p.Branch, p.Request())
	})
	return err
}

// CodeownersErrors returns GitHub's own complaints about the CODEOWNERS file on ref
// (unknown users, users without write access, bad patterns).
func (c *Client) CodeownersErrors(ctx context.Context, ref string) ([]string, error) {
	errs, _, err := call(ctx, c, "reading GitHub's CODEOWNERS errors", func() (*github.CodeownersErrors, *github.Response, error) {
		return c.gh.Repositories.GetCodeownersErrors(ctx, c.owner, c.repo, &github.GetCodeownersErrorsOptions{Ref: ref})
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range errs.Errors {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message))
	}
	return out, nil
}
