package forge

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// Comment is an issue comment.
type Comment struct {
	ID     int64
	Author string
	Body   string
}

// Comments reads every comment of a pull request, all pages.
func (c *Client) Comments(ctx context.Context, number int) ([]Comment, error) {
	list, err := all(ctx, c, fmt.Sprintf("listing the comments of #%d", number), func(opt github.ListOptions) ([]*github.IssueComment, *github.Response, error) {
		return c.gh.Issues.ListComments(ctx, c.owner, c.repo, number, &github.IssueListCommentsOptions{ListOptions: opt})
	})
	out := make([]Comment, 0, len(list))
	for _, cm := range list {
		out = append(out, Comment{ID: cm.GetID(), Author: cm.GetUser().GetLogin(), Body: cm.GetBody()})
	}
	return out, err
}

// Upsert results.
const (
	Created   = "created"
	Updated   = "updated"
	Unchanged = "unchanged"
)

// UpsertComment keeps one comment of bbtgen's on a pull request: the comment whose body holds
// marker and was written by bot (the token's user, "github-actions[bot]" in a workflow) is
// edited when its body differs; when there is none, one is posted. A comment by anybody else
// that copies the marker is left alone. It never posts a second one, and removes any second
// one an earlier run left (see createComment).
func (c *Client) UpsertComment(ctx context.Context, number int, bot, marker, body string) (string, error) {
	if !strings.Contains(body, marker) {
		body = marker + "\n" + body
	}
	ours, err := c.ours(ctx, number, bot, marker)
	if err != nil {
		return "", err
	}
	if len(ours) == 0 {
		if err := c.createComment(ctx, number, bot, marker, body); err != nil {
			return "", err
		}
		return Created, nil
	}
	if ours[0].Body == body {
		return Unchanged, nil
	}
	if err := c.EditComment(ctx, number, ours[0].ID, body); err != nil {
		return "", err
	}
	return Updated, nil
}

// ours lists bbtgen's comments holding marker, oldest first, and deletes all but the first:
// a duplicate can only come from a run whose answer was lost, and two cards that disagree
// would mislead the reader.
func (c *Client) ours(ctx context.Context, number int, bot, marker string) ([]Comment, error) {
	comments, err := c.Comments(ctx, number)
	if err != nil {
		return nil, err
	}
	var out []Comment
	for _, cm := range comments {
		if strings.Contains(cm.Body, marker) && strings.EqualFold(cm.Author, bot) {
			out = append(out, cm)
		}
	}
	for _, dup := range out[min(1, len(out)):] {
		_, _, err := call(ctx, c, fmt.Sprintf("removing the duplicate comment %d on #%d", dup.ID, number), func() (struct{}, *github.Response, error) {
			r, err := c.gh.Issues.DeleteComment(ctx, c.owner, c.repo, dup.ID)
			return struct{}{}, r, err
		})
		if err != nil {
			return nil, err
		}
	}
	return out[:min(1, len(out))], nil
}

// FindComment returns bbtgen's comment holding marker, if there is one (duplicates removed).
func (c *Client) FindComment(ctx context.Context, number int, bot, marker string) (*Comment, error) {
	ours, err := c.ours(ctx, number, bot, marker)
	if err != nil || len(ours) == 0 {
		return nil, err
	}
	return &ours[0], nil
}

// EditComment replaces the body of a comment.
func (c *Client) EditComment(ctx context.Context, number int, id int64, body string) error {
	_, _, err := call(ctx, c, fmt.Sprintf("editing comment %d on #%d", id, number), func() (*github.IssueComment, *github.Response, error) {
		return c.gh.Issues.EditComment(ctx, c.owner, c.repo, id, &github.IssueComment{Body: github.String(body)})
	})
	return err
}

// CreateComment posts bbtgen's comment holding marker, exactly once: see createComment.
func (c *Client) CreateComment(ctx context.Context, number int, bot, marker, body string) error {
	if !strings.Contains(body, marker) {
		body = marker + "\n" + body
	}
	return c.createComment(ctx, number, bot, marker, body)
}

// createComment posts a comment that holds marker. A POST is not idempotent: when GitHub
// answers with a server error or the connection breaks, the comment may have been stored all
// the same, so before each new try it looks for the comment and stops when it is there.
func (c *Client) createComment(ctx context.Context, number int, bot, marker, body string) error {
	var last error
	for attempt := 0; attempt <= c.opts.Retries; attempt++ {
		if attempt > 0 {
			if ours, err := c.ours(ctx, number, bot, marker); err != nil {
				return err
			} else if len(ours) > 0 {
				return nil // the earlier try was stored after all
			}
			select {
			case <-time.After(c.opts.WaitMin << (attempt - 1)):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		_, _, last = call(sentOnce(ctx), c, fmt.Sprintf("commenting on #%d", number), func() (*github.IssueComment, *github.Response, error) {
			return c.gh.Issues.CreateComment(sentOnce(ctx), c.owner, c.repo, number, &github.IssueComment{Body: github.String(body)})
		})
		if last == nil {
			return nil
		}
	}
	return last
}

// RequestReviewers asks logins to review a pull request.
func (c *Client) RequestReviewers(ctx context.Context, number int, logins []string) error {
	_, _, err := call(ctx, c, fmt.Sprintf("requesting reviews on #%d", number), func() (*github.PullRequest, *github.Response, error) {
		return c.gh.PullRequests.RequestReviewers(ctx, c.owner, c.repo, number, github.ReviewersRequest{Reviewers: logins})
	})
	return err
}

// OpenPullRequests lists the open pull requests into base (all pages).
func (c *Client) OpenPullRequests(ctx context.Context, base string) ([]PullRequest, error) {
	list, err := all(ctx, c, "listing open pull requests", func(opt github.ListOptions) ([]*github.PullRequest, *github.Response, error) {
		return c.gh.PullRequests.List(ctx, c.owner, c.repo, &github.PullRequestListOptions{State: "open", Base: base, ListOptions: opt})
	})
	return prs(list), err
}

func prs(list []*github.PullRequest) []PullRequest {
	out := make([]PullRequest, 0, len(list))
	for _, pr := range list {
		out = append(out, fromGitHub(pr))
	}
	return out
}

// TimelineEvent is an event of a pull request's timeline.
type TimelineEvent struct {
	Event string
	Actor string
	At    time.Time
}

// Timeline reads the events of a pull request (ready_for_review, convert_to_draft,
// review_requested…), all pages.
func (c *Client) Timeline(ctx context.Context, number int) ([]TimelineEvent, error) {
	list, err := all(ctx, c, fmt.Sprintf("reading the timeline of #%d", number), func(opt github.ListOptions) ([]*github.Timeline, *github.Response, error) {
		return c.gh.Issues.ListIssueTimeline(ctx, c.owner, c.repo, number, &opt)
	})
	out := make([]TimelineEvent, 0, len(list))
	for _, e := range list {
		at := e.GetCreatedAt().Time
		if at.IsZero() {
			at = e.GetSubmittedAt().Time
		}
		out = append(out, TimelineEvent{Event: e.GetEvent(), Actor: e.GetActor().GetLogin(), At: at})
	}
	return out, err
}

// PullRequestsOfCommit lists the pull requests a commit belongs to (for the audit).
func (c *Client) PullRequestsOfCommit(ctx context.Context, sha string) ([]PullRequest, error) {
	list, err := all(ctx, c, fmt.Sprintf("finding the pull request of commit %s", diag.ShortSHA(sha)), func(opt github.ListOptions) ([]*github.PullRequest, *github.Response, error) {
		return c.gh.PullRequests.ListPullRequestsWithCommit(ctx, c.owner, c.repo, sha, &opt)
	})
	return prs(list), err
}

// Deployment is a deployment of the repository to an environment (GitHub Pages).
type Deployment struct {
	SHA       string
	CreatedAt time.Time
}

// Deployments lists the deployments to an environment, all pages.
func (c *Client) Deployments(ctx context.Context, environment string) ([]Deployment, error) {
	list, err := all(ctx, c, "listing deployments to "+environment, func(opt github.ListOptions) ([]*github.Deployment, *github.Response, error) {
		return c.gh.Repositories.ListDeployments(ctx, c.owner, c.repo, &github.DeploymentsListOptions{Environment: environment, ListOptions: opt})
	})
	out := make([]Deployment, 0, len(list))
	for _, d := range list {
		out = append(out, Deployment{SHA: d.GetSHA(), CreatedAt: d.GetCreatedAt().Time})
	}
	return out, err
}
