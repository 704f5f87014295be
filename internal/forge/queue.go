package forge

import (
	"context"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

// QueueInputs reads every open pull request into base with what the review queue needs: its
// files and reviews, and when it was opened or last marked ready for review. Drafts are
// listed but not read further. Requests: one per page of open pull requests, then three per
// non-draft pull request (files, reviews, timeline) plus extra pages.
func (c *Client) QueueInputs(ctx context.Context, base string) ([]policy.QueueInput, []PullRequest, error) {
	prs, err := c.OpenPullRequests(ctx, base)
	if err != nil {
		return nil, nil, err
	}
	var inputs []policy.QueueInput
	for _, pr := range prs {
		s := &policy.Snapshot{Number: pr.Number, Title: pr.Title, Author: pr.Author, Draft: pr.Draft, BaseRef: pr.BaseRef, BaseSHA: pr.BaseSHA, HeadSHA: pr.HeadSHA}
		in := policy.QueueInput{Snapshot: s, Ready: pr.CreatedAt, Requested: pr.Requested}
		if !pr.Draft {
			if s.Files, err = c.Files(ctx, pr.Number); err != nil {
				return nil, nil, err
			}
			if s.Reviews, err = c.Reviews(ctx, pr.Number); err != nil {
				return nil, nil, err
			}
			events, err := c.Timeline(ctx, pr.Number)
			if err != nil {
				return nil, nil, err
			}
			in.Ready = readySince(pr.CreatedAt, events)
		}
		inputs = append(inputs, in)
	}
	return inputs, prs, nil
}

// ReadySince is when a pull request was last marked ready for review, or opened: where the
// secretariat's clock starts. It reads the pull request's timeline.
func (c *Client) ReadySince(ctx context.Context, pr PullRequest) (time.Time, error) {
	events, err := c.Timeline(ctx, pr.Number)
	if err != nil {
		return time.Time{}, err
	}
	return readySince(pr.CreatedAt, events), nil
}

// readySince is when the pull request was last marked ready for review, or opened.
func readySince(created time.Time, events []TimelineEvent) time.Time {
	ready := created
	for _, e := range events {
		if e.Event == "ready_for_review" && e.At.After(ready) {
			ready = e.At
		}
	}
	return ready
}

// Merged is a merged pull request with what the report needs to time its review.
type Merged struct {
	Input    policy.QueueInput
	MergedAt time.Time
}

// MergedPullRequests reads the pull requests into base merged between from and to, with their
// files, reviews and timeline.
func (c *Client) MergedPullRequests(ctx context.Context, base string, from, to time.Time) ([]Merged, error) {
	var out []Merged
	opt := &github.PullRequestListOptions{State: "closed", Base: base, Sort: "updated", Direction: "desc", ListOptions: github.ListOptions{PerPage: perPage}}
	for {
		list, resp, err := call(ctx, c, "listing closed pull requests", func() ([]*github.PullRequest, *github.Response, error) {
			return c.gh.PullRequests.List(ctx, c.owner, c.repo, opt)
		})
		if err != nil {
			return nil, err
		}
		older := false
		for _, gpr := range list {
			pr := fromGitHub(gpr)
			if gpr.GetUpdatedAt().Time.Before(from) {
				older = true // sorted by update, newest first: the rest was merged before from
				break
			}
			if pr.MergedAt.IsZero() || pr.MergedAt.Before(from) || pr.MergedAt.After(to) {
				continue
			}
			s := &policy.Snapshot{Number: pr.Number, Title: pr.Title, Author: pr.Author, BaseRef: pr.BaseRef, BaseSHA: pr.BaseSHA, HeadSHA: pr.HeadSHA}
			if s.Files, err = c.Files(ctx, pr.Number); err != nil {
				return nil, err
			}
			if s.Reviews, err = c.Reviews(ctx, pr.Number); err != nil {
				return nil, err
			}
			events, err := c.Timeline(ctx, pr.Number)
			if err != nil {
				return nil, err
			}
			out = append(out, Merged{Input: policy.QueueInput{Snapshot: s, Ready: readySince(pr.CreatedAt, events)}, MergedAt: pr.MergedAt})
		}
		if older || resp.NextPage == 0 {
			return out, nil
		}
		opt.Page = resp.NextPage
	}
}
