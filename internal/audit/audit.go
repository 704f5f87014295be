// Package audit checks what reached the publishing branch: for every commit on its
// first-parent history it finds the pull request that brought it and judges that pull
// request again with the review policy as of its merge (the policy of the parent commit, the
// reviews submitted before the merge, approvals of the merged head only). Direct pushes,
// administrators' merges without approval and approvals of stale commits all show up. It also
// measures same-day publication: approval → merge → deployment.
package audit

import (
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/filechange"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

// Forge is what the audit asks GitHub.
type Forge interface {
	PullRequestsOfCommit(ctx context.Context, sha string) ([]forge.PullRequest, error)
	Reviews(ctx context.Context, number int) ([]policy.Review, error)
	Deployments(ctx context.Context, environment string) ([]forge.Deployment, error)
}

// Options configure an audit.
type Options struct {
	Repo *git.Repository
	// Tip is the publishing branch's newest commit; Branch its name (pull requests into other
	// branches do not count).
	Tip    *object.Commit
	Branch string
	// Since leaves out commits made before it.
	Since time.Time
	// Environment is the deployment environment to measure publication by ("" to skip).
	Environment string
	Forge       Forge
	Log         io.Writer
}

// Violation is a change that reached the branch without a valid approval.
type Violation struct {
	Commit  string          `json:"commit"`
	Date    time.Time       `json:"date"`
	Subject string          `json:"subject"`
	Pusher  string          `json:"git_author"`
	PR      int             `json:"pr,omitempty"`
	Kind    string          `json:"kind"` // direct-push, not-approved
	Reasons []policy.Reason `json:"reasons"`
}

// Publication is the timing of one merged pull request.
type Publication struct {
	PR         int        `json:"pr"`
	Title      string     `json:"title"`
	Commit     string     `json:"commit"`
	ApprovedAt *time.Time `json:"approved_at"`
	MergedAt   time.Time  `json:"merged_at"`
	DeployedAt *time.Time `json:"deployed_at"`
	// SameDay is whether it went online (or, without deployment data, was merged) on the
	// working day it was approved.
	SameDay bool `json:"same_day"`
}

// Result is the audit report.
type Result struct {
	Since        time.Time     `json:"since"`
	Commits      int           `json:"commits"`
	Violations   []Violation   `json:"violations"`
	Publications []Publication `json:"publications"`
	Requests     int           `json:"-"`
}

// Run audits the branch.
func Run(ctx context.Context, o Options) (*Result, error) {
	chain, err := gitrepo.FirstParents(o.Tip, nil)
	if err != nil {
		return nil, err
	}
	position := map[string]int{}
	for i, c := range chain {
		position[c.Hash.String()] = i
	}
	var deployments []forge.Deployment
	if o.Environment != "" {
		if deployments, err = o.Forge.Deployments(ctx, o.Environment); err != nil {
			return nil, err
		}
	}
	res := &Result{Since: o.Since, Violations: []Violation{}, Publications: []Publication{}}
	a := &auditor{o: o, configs: map[plumbing.Hash]*config.Config{}, reviews: map[int][]policy.Review{}, seen: map[int]bool{}}
	for i, c := range chain {
		if c.Committer.When.Before(o.Since) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var parent *object.Commit
		if i > 0 {
			parent = chain[i-1]
		}
		res.Commits++
		v, pub, err := a.commit(ctx, parent, c)
		if err != nil {
			return nil, err
		}
		if v != nil {
			res.Violations = append(res.Violations, *v)
		}
		if pub != nil {
			pub.DeployedAt = deployedAt(deployments, position, i)
			a.judgeTiming(pub)
			res.Publications = append(res.Publications, *pub)
		}
		if o.Log != nil && res.Commits%200 == 0 {
			fmt.Fprintf(o.Log, "audited %d commits…\n", res.Commits)
		}
	}
	return res, nil
}

type auditor struct {
	o       Options
	configs map[plumbing.Hash]*config.Config
	reviews map[int][]policy.Review
	seen    map[int]bool
	cal     interface {
		SameWorkingDay(a, b time.Time) bool
	}
}

// commit judges one commit of the branch.
func (a *auditor) commit(ctx context.Context, parent, c *object.Commit) (*Violation, *Publication, error) {
	changes, err := gitrepo.Diff(a.o.Repo, parent, c, nil, true)
	if err != nil {
		return nil, nil, err
	}
	if len(changes) == 0 {
		return nil, nil, nil
	}
	cfg, err := a.configAt(parent, c)
	if err != nil {
		return nil, nil, err
	}
	a.cal = cfg.WorkCalendar()
	v := &Violation{Commit: c.Hash.String(), Date: c.Committer.When, Subject: strings.SplitN(c.Message, "\n", 2)[0], Pusher: c.Author.Email}
	prs, err := a.o.Forge.PullRequestsOfCommit(ctx, c.Hash.String())
	if err != nil {
		return nil, nil, err
	}
	pr, ok := mergedInto(prs, a.o.Branch, c.Hash.String())
	if !ok {
		v.Kind = "direct-push"
		v.Reasons = []policy.Reason{{Rule: "direct-push", Message: fmt.Sprintf("%s reached %s without a merged pull request", diag.ShortSHA(c.Hash.String()), a.o.Branch), Unblock: []string{}}}
		return v, nil, nil
	}
	v.PR = pr.Number
	reviews, ok := a.reviews[pr.Number]
	if !ok {
		all, err := a.o.Forge.Reviews(ctx, pr.Number)
		if err != nil {
			return nil, nil, err
		}
		// Reviews given after the merge cannot have allowed it.
		reviews = slices.DeleteFunc(all, func(r policy.Review) bool { return r.SubmittedAt.After(pr.MergedAt) })
		a.reviews[pr.Number] = reviews
	}
	p := policy.New(cfg)
	s := &policy.Snapshot{Number: pr.Number, Title: pr.Title, Author: pr.Author, HeadSHA: pr.HeadSHA, BaseSHA: pr.BaseSHA, BaseRef: pr.BaseRef,
		Reviews: reviews, Articles: map[string][]byte{}, Now: pr.MergedAt}
	for _, ch := range changes {
		f := policy.File{Path: ch.Path, PreviousPath: ch.OldPath, Status: ch.Status}
		s.Files = append(s.Files, f)
		if ch.Status != filechange.Removed && path.Ext(ch.Path) == ".md" && content.CategoryOf(cfg, ch.Path) != "" {
			data, err := gitrepo.ReadBlob(a.o.Repo, ch.Blob)
			if err != nil {
				return nil, nil, err
			}
			s.Articles[ch.Path] = data
		}
	}
	d := policy.Evaluate(p, s)
	var pub *Publication
	if !a.seen[pr.Number] {
		a.seen[pr.Number] = true
		pub = &Publication{PR: pr.Number, Title: pr.Title, Commit: c.Hash.String(), MergedAt: pr.MergedAt}
		if at, ok := policy.ApprovedAt(p, s); ok {
			pub.ApprovedAt = &at
		}
	}
	if d.Mergeable {
		return nil, pub, nil
	}
	v.Kind = "not-approved"
	v.Reasons = d.Reasons
	return v, pub, nil
}

func (a *auditor) judgeTiming(pub *Publication) {
	if pub.ApprovedAt == nil || a.cal == nil {
		return
	}
	online := pub.MergedAt
	if pub.DeployedAt != nil {
		online = *pub.DeployedAt
	}
	pub.SameDay = a.cal.SameWorkingDay(*pub.ApprovedAt, online)
}

// configAt reads the policy in force when c was merged: config.yaml of its parent (of c itself
// for the first commit).
func (a *auditor) configAt(parent, c *object.Commit) (*config.Config, error) {
	at := parent
	if at == nil {
		at = c
	}
	f, err := at.File(config.FileName)
	if err != nil {
		return nil, fmt.Errorf("%s has no %s, so the policy of that time is unknown: %w", diag.ShortSHA(at.Hash.String()), config.FileName, err)
	}
	if cfg, ok := a.configs[f.Hash]; ok {
		return cfg, nil
	}
	text, err := f.Contents()
	if err != nil {
		return nil, err
	}
	cfg, problems := config.Parse([]byte(text), config.FileName+"@"+diag.ShortSHA(at.Hash.String()))
	if cfg == nil || problems.Errors() > 0 {
		return nil, fmt.Errorf("%s at %s is invalid, so the policy of that time is unknown:\n%v", config.FileName, diag.ShortSHA(at.Hash.String()), problems.Err())
	}
	a.configs[f.Hash] = cfg
	return cfg, nil
}

// mergedInto picks the pull request that brought commit sha into branch: the one whose merge
// commit it is, else (rebase merges) a merged pull request into the branch that contains it.
func mergedInto(prs []forge.PullRequest, branch, sha string) (forge.PullRequest, bool) {
	for _, pr := range prs {
		if !pr.MergedAt.IsZero() && pr.MergeCommit == sha && pr.BaseRef == branch {
			return pr, true
		}
	}
	for _, pr := range prs {
		if !pr.MergedAt.IsZero() && pr.BaseRef == branch {
			return pr, true
		}
	}
	return forge.PullRequest{}, false
}

// deployedAt is when commit number i of the branch went online: the first deployment of it or
// of a later commit (a deployment publishes everything merged before it).
func deployedAt(deployments []forge.Deployment, position map[string]int, i int) *time.Time {
	var best *time.Time
	for _, d := range deployments {
		if pos, ok := position[d.SHA]; ok && pos >= i && (best == nil || d.CreatedAt.Before(*best)) {
			t := d.CreatedAt
			best = &t
		}
	}
	return best
}
