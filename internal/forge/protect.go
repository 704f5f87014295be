package forge

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
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

// Current reads the branch's protection; nil when the branch is not protected.
func (c *Client) Current(ctx context.Context, branch string) (*github.Protection, error) {
	p, resp, err := call(ctx, c, fmt.Sprintf("reading the protection of branch %s", branch), func() (*github.Protection, *github.Response, error) {
		return c.gh.Repositories.GetBranchProtection(ctx, c.owner, c.repo, branch)
	})
	if resp != nil && resp.StatusCode == http.StatusNotFound || errors.Is(err, github.ErrBranchNotProtected) {
		return nil, nil
	}
	return p, err
}

// Tighten merges what the policy needs into the protection the branch already has, so that
// nothing the repository's administrators set is loosened: other required checks, push
// restrictions, more required approvals, linear history, signed commits (a separate setting,
// untouched), conversation resolution, dismissal restrictions and bypass lists are kept; what
// the policy needs is added. It returns the request and, in words, what changes.
func (p Protection) Tighten(current *github.Protection) (*github.ProtectionRequest, []diag.Text) {
	req := p.Request()
	var changes []diag.Text
	change := func(format string, args ...any) { changes = append(changes, diag.T(format, args...)) }
	if current == nil {
		change("the branch was not protected: every rule below is new")
		return req, changes
	}
	// Required status checks: ours and every other one already required.
	have := map[string]bool{}
	checks := *req.RequiredStatusChecks.Checks
	if sc := current.RequiredStatusChecks; sc != nil {
		for _, ch := range sc.GetChecks() {
			have[ch.Context] = true
			checks = appendCheck(checks, ch)
		}
		for _, ctxName := range sc.GetContexts() {
			have[ctxName] = true
			checks = appendCheck(checks, &github.RequiredStatusCheck{Context: ctxName})
		}
		if !sc.Strict {
			change("status checks must now be up to date with the branch")
		}
	} else {
		change("status checks are now required")
	}
	for _, want := range p.Checks {
		if !have[want] {
			change("required check added: %s", want)
		}
	}
	req.RequiredStatusChecks.Checks = &checks
	// Reviews: at least what we need, more where more was set.
	if r := current.RequiredPullRequestReviews; r != nil {
		if r.RequiredApprovingReviewCount > req.RequiredPullRequestReviews.RequiredApprovingReviewCount {
			req.RequiredPullRequestReviews.RequiredApprovingReviewCount = r.RequiredApprovingReviewCount
		}
		for _, w := range []struct {
			what diag.Text
			on   bool
		}{
			{diag.T("code owners' review"), r.RequireCodeOwnerReviews},
			{diag.T("dismissal of stale approvals"), r.DismissStaleReviews},
			{diag.T("approval of the last push by someone else"), r.RequireLastPushApproval},
		} {
			if !w.on {
				change("now required: %s", w.what)
			}
		}
		if d := r.DismissalRestrictions; d != nil && (len(d.Users)+len(d.Teams)+len(d.Apps)) > 0 {
			users, teams, apps := logins(d.Users), slugs(d.Teams), appSlugs(d.Apps)
			req.RequiredPullRequestReviews.DismissalRestrictionsRequest = &github.DismissalRestrictionsRequest{Users: &users, Teams: &teams, Apps: &apps}
		}
		if b := r.BypassPullRequestAllowances; b != nil && (len(b.Users)+len(b.Teams)+len(b.Apps)) > 0 {
			req.RequiredPullRequestReviews.BypassPullRequestAllowancesRequest = &github.BypassPullRequestAllowancesRequest{Users: logins(b.Users), Teams: slugs(b.Teams), Apps: appSlugs(b.Apps)}
			change("kept: %d user(s), team(s) or app(s) may bypass pull requests (review that list: the gate cannot stop them)", len(b.Users)+len(b.Teams)+len(b.Apps))
		}
	} else {
		change("pull requests with code owners' review are now required")
	}
	if a := current.GetEnforceAdmins(); a == nil || !a.Enabled {
		change("now enforced for administrators too")
	}
	// Settings the policy does not need but that are stricter when on: kept as they are.
	if r := current.Restrictions; r != nil {
		req.Restrictions = &github.BranchRestrictionsRequest{Users: logins(r.Users), Teams: slugs(r.Teams), Apps: appSlugs(r.Apps)}
	}
	keep := func(on bool, field **bool) {
		if on {
			*field = github.Bool(true)
		}
	}
	if l := current.GetRequireLinearHistory(); l != nil {
		keep(l.Enabled, &req.RequireLinearHistory)
	}
	if r := current.GetRequiredConversationResolution(); r != nil {
		keep(r.Enabled, &req.RequiredConversationResolution)
	}
	if b := current.GetBlockCreations(); b != nil {
		keep(b.GetEnabled(), &req.BlockCreations)
	}
	if l := current.GetLockBranch(); l != nil {
		keep(l.GetEnabled(), &req.LockBranch)
	}
	if f := current.GetAllowForcePushes(); f != nil && f.Enabled {
		change("force pushes are no longer allowed")
	}
	if d := current.GetAllowDeletions(); d != nil && d.Enabled {
		change("deleting the branch is no longer allowed")
	}
	return req, changes
}

func appendCheck(list []*github.RequiredStatusCheck, ch *github.RequiredStatusCheck) []*github.RequiredStatusCheck {
	for _, x := range list {
		if x.Context == ch.Context {
			if x.AppID == nil {
				x.AppID = ch.AppID // keep the app the administrators pinned the check to
			}
			return list
		}
	}
	return append(list, &github.RequiredStatusCheck{Context: ch.Context, AppID: ch.AppID})
}

func logins(users []*github.User) []string {
	out := []string{}
	for _, u := range users {
		out = append(out, u.GetLogin())
	}
	return out
}

func slugs(teams []*github.Team) []string {
	out := []string{}
	for _, t := range teams {
		out = append(out, t.GetSlug())
	}
	return out
}

func appSlugs(apps []*github.App) []string {
	out := []string{}
	for _, a := range apps {
		out = append(out, a.GetSlug())
	}
	return out
}

// Protect tightens the branch's protection to what the policy needs (see Tighten) and returns
// what changed.
func (c *Client) Protect(ctx context.Context, p Protection) ([]diag.Text, error) {
	current, err := c.Current(ctx, p.Branch)
	if err != nil {
		return nil, err
	}
	req, changes := p.Tighten(current)
	_, _, err = call(ctx, c, fmt.Sprintf("protecting branch %s", p.Branch), func() (*github.Protection, *github.Response, error) {
		return c.gh.Repositories.UpdateBranchProtection(ctx, c.owner, c.repo, p.Branch, req)
	})
	return changes, err
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
