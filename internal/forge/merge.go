package forge

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// MergeMethods are the ways the repository allows pull requests to be merged, in bbtgen's
// order of preference: a merge commit keeps the approved head in the history (the audit
// compares it with what reached the branch), then squash, then rebase.
func (c *Client) MergeMethods(ctx context.Context) ([]string, error) {
	repo, _, err := call(ctx, c, "reading the repository's merge settings", func() (*github.Repository, *github.Response, error) {
		return c.gh.Repositories.Get(ctx, c.owner, c.repo)
	})
	if err != nil {
		return nil, err
	}
	var out []string
	if repo.GetAllowMergeCommit() {
		out = append(out, "merge")
	}
	if repo.GetAllowSquashMerge() {
		out = append(out, "squash")
	}
	if repo.GetAllowRebaseMerge() {
		out = append(out, "rebase")
	}
	return out, nil
}

// MergeRefused is GitHub's refusal to merge: the head moved since the decision (409), or the
// pull request is not mergeable (405: a conflict, a base that moved under strict status
// checks, branch protection).
type MergeRefused struct {
	Status  int
	Message string
}

func (e *MergeRefused) Error() string {
	if e.Status == http.StatusConflict {
		return "GitHub refused the merge: a new commit arrived after the decision (" + e.Message + ")"
	}
	return "GitHub refused the merge: " + e.Message
}

// Merge merges a pull request with the head commit the decision was made on: GitHub refuses
// when the head has moved since, so a commit pushed between decision and merge is never
// published unapproved. It returns the merge commit.
func (c *Client) Merge(ctx context.Context, number int, headSHA, method, title, message string) (string, error) {
	res, resp, err := call(sentOnce(ctx), c, fmt.Sprintf("merging #%d at %s", number, diag.ShortSHA(headSHA)), func() (*github.PullRequestMergeResult, *github.Response, error) {
		return c.gh.PullRequests.Merge(sentOnce(ctx), c.owner, c.repo, number, message, &github.PullRequestOptions{
			SHA: headSHA, MergeMethod: method, CommitTitle: title,
		})
	})
	if resp != nil && (resp.StatusCode == http.StatusConflict || resp.StatusCode == http.StatusMethodNotAllowed) {
		msg := http.StatusText(resp.StatusCode)
		if err != nil {
			msg = err.Error()
		}
		return "", &MergeRefused{Status: resp.StatusCode, Message: msg}
	}
	if err != nil {
		return "", err
	}
	return res.GetSHA(), nil
}

// Dispatch starts a workflow on a branch (workflow_dispatch). A merge made with a workflow's
// GITHUB_TOKEN starts no other workflow by itself, so the publish workflow is started this way.
func (c *Client) Dispatch(ctx context.Context, workflow, branch string) error {
	_, _, err := call(ctx, c, "starting the "+workflow+" workflow", func() (struct{}, *github.Response, error) {
		r, err := c.gh.Actions.CreateWorkflowDispatchEventByFileName(ctx, c.owner, c.repo, workflow, github.CreateWorkflowDispatchEventRequest{Ref: branch})
		return struct{}{}, r, err
	})
	return err
}
