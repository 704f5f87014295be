// Package audit checks what reached the publishing branch: for every commit on its
// first-parent history it finds the pull request that brought it and judges that pull request
// again with the review policy of the publishing branch *before* the pull request (never a
// config.yaml the pull request itself wrote), the reviews submitted before the merge, and
// approvals of the merged head only; and it verifies that what reached the branch is what was
// approved: every change a merge, a squash or a rebased run of commits made equals the
// approved head's version. Direct pushes, merges without approval, stale approvals and extra
// files slipped into a merge all show up. The range is a range of positions on the
// first-parent chain (a commit, or the first commit of a date), never a filter on commit dates,
// which whoever pushes sets. It also measures same-day publication: approval → merge →
// deployment.
package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	// From, when set, is the commit after which the audit starts (by position on the
	// first-parent chain): --from, or audit.since of config.yaml.
	From string
	// Since, when From is not set, starts the audit at the first commit of the chain from
	// which on the newest date seen reaches it: a commit backdated to before Since that comes
	// after a newer one is audited all the same.
	Since time.Time
	// Environment is the deployment environment to measure publication by ("" to skip).
	Environment string
	Forge       Forge
	Log         io.Writer
}

// Violation is a change that reached the branch without a valid approval.
type Violation struct {
	Commit  string    `json:"commit"`
	Date    time.Time `json:"date"`
	Subject string    `json:"subject"`
	Pusher  string    `json:"git_author"`
	PR      int       `json:"pr,omitempty"`
	// Kind: direct-push, not-approved, not-the-approved-change, policy-unknown, backdated.
	Kind    string          `json:"kind"`
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

// Kinds of violations.
const (
	KindDirectPush    = "direct-push"
	KindNotApproved   = "not-approved"
	KindNotApprovedAs = "not-the-approved-change"
	KindPolicyUnknown = "policy-unknown"
	KindBackdated     = "backdated"
)

// Result is the audit report.
type Result struct {
	Since        time.Time     `json:"since"`
	From         string        `json:"from,omitempty"`
	Commits      int           `json:"commits"`
	Violations   []Violation   `json:"violations"`
	Publications []Publication `json:"publications"`
	// MedianToOnline is the median time from the last approval to online (or merged, without
	// deployment data) over the publications that have both.
	MedianToOnline time.Duration `json:"median_to_online_seconds"`
	Requests       int           `json:"-"`
}

// medianToOnline computes Result.MedianToOnline.
func medianToOnline(pubs []Publication) time.Duration {
	var d []time.Duration
	for _, p := range pubs {
		if p.ApprovedAt == nil {
			continue
		}
		online := p.MergedAt
		if p.DeployedAt != nil {
			online = *p.DeployedAt
		}
		d = append(d, online.Sub(*p.ApprovedAt))
	}
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	if len(d)%2 == 1 {
		return d[len(d)/2]
	}
	return (d[len(d)/2-1] + d[len(d)/2]) / 2
}

// Run audits the branch.
func Run(ctx context.Context, o Options) (*Result, error) {
	chain, err := gitrepo.FirstParents(o.Tip, nil)
	if err != nil {
		return nil, err
	}
	first, err := rangeStart(chain, o)
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
	res := &Result{Since: o.Since, From: o.From, Violations: []Violation{}, Publications: []Publication{}}
	a := &auditor{o: o, chain: chain, start: first, position: position, configs: map[plumbing.Hash]*config.Config{}, reviews: map[int][]policy.Review{}, prs: map[int][]forge.PullRequest{}}
	for i := first; i < len(chain); i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res.Commits++
		c := chain[i]
		if i > 0 && c.Committer.When.Before(chain[i-1].Committer.When) {
			res.Violations = append(res.Violations, a.violation(c, 0, KindBackdated, policy.NewReason(KindBackdated, nil,
				diag.T("%s is dated %s, before the commit it follows (%s): commit dates are set by whoever pushes, so the audit goes by position", diag.ShortSHA(c.Hash.String()),
					c.Committer.When.Format(time.RFC3339), chain[i-1].Committer.When.Format(time.RFC3339)))))
		}
		run, err := a.runOf(ctx, i)
		if err != nil {
			return nil, err
		}
		if run.pr == nil {
			if changes, err := gitrepo.Diff(o.Repo, a.parent(i), c, nil, false); err != nil {
				return nil, err
			} else if len(changes) > 0 {
				res.Violations = append(res.Violations, a.violation(c, 0, KindDirectPush, policy.NewReason(KindDirectPush, nil,
					diag.T("%s reached %s without a merged pull request", diag.ShortSHA(c.Hash.String()), o.Branch))))
			}
			continue
		}
		if i != run.last {
			continue // a commit of a rebase merge: the run is judged at its last commit
		}
		vs, pub, err := a.judgeRun(ctx, run)
		if err != nil {
			return nil, err
		}
		res.Violations = append(res.Violations, vs...)
		if pub != nil {
			pub.DeployedAt = deployedAt(deployments, position, i)
			a.judgeTiming(pub)
			res.Publications = append(res.Publications, *pub)
		}
		if o.Log != nil && res.Commits%200 == 0 {
			fmt.Fprintf(o.Log, "audited %d commits…\n", res.Commits)
		}
	}
	res.MedianToOnline = medianToOnline(res.Publications)
	return res, nil
}

// rangeStart is the position of the first commit to audit.
func rangeStart(chain []*object.Commit, o Options) (int, error) {
	if o.From != "" {
		for i, c := range chain {
			if strings.HasPrefix(c.Hash.String(), o.From) && len(o.From) >= 7 {
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("%s is not a commit of the first-parent history of %s; give a commit the branch itself has (a merge, not a commit of a pull request)", o.From, o.Branch)
	}
	if o.Since.IsZero() {
		return 0, nil
	}
	newest := time.Time{}
	for i, c := range chain {
		if c.Committer.When.After(newest) {
			newest = c.Committer.When
		}
		if !newest.Before(o.Since) {
			return i, nil
		}
	}
	return len(chain), nil
}

type auditor struct {
	o        Options
	chain    []*object.Commit
	start    int // the first position audited
	position map[string]int
	configs  map[plumbing.Hash]*config.Config
	lastGood *config.Config
	reviews  map[int][]policy.Review
	prs      map[int][]forge.PullRequest // by position
	cal      interface {
		SameWorkingDay(a, b time.Time) bool
	}
}

func (a *auditor) parent(i int) *object.Commit {
	if i == 0 {
		return nil
	}
	return a.chain[i-1]
}

func (a *auditor) violation(c *object.Commit, pr int, kind string, reasons ...policy.Reason) Violation {
	for i := range reasons {
		if reasons[i].Unblock == nil {
			reasons[i].Unblock = []string{}
		}
	}
	return Violation{Commit: c.Hash.String(), Date: c.Committer.When, Subject: strings.SplitN(c.Message, "\n", 2)[0], Pusher: c.Author.Email,
		PR: pr, Kind: kind, Reasons: reasons}
}

// pullsAt asks GitHub which pull requests hold the commit at position i (once per position).
func (a *auditor) pullsAt(ctx context.Context, i int) ([]forge.PullRequest, error) {
	if prs, ok := a.prs[i]; ok {
		return prs, nil
	}
	prs, err := a.o.Forge.PullRequestsOfCommit(ctx, a.chain[i].Hash.String())
	if err != nil {
		return nil, err
	}
	var merged []forge.PullRequest
	for _, pr := range prs {
		if !pr.MergedAt.IsZero() && pr.BaseRef == a.o.Branch {
			merged = append(merged, pr)
		}
	}
	a.prs[i] = merged
	return merged, nil
}

// run is the commits a merged pull request put on the branch: one merge or squash commit, or
// the consecutive commits of a rebase merge, ending at the pull request's merge commit.
type run struct {
	pr          *forge.PullRequest
	first, last int
}

// runOf finds the pull request that brought the commit at position i. A commit counts as a
// pull request's only when it is the pull request's merge commit, or one of an unbroken run of
// that pull request's commits that ends at its merge commit (a rebase merge). A commit that
// GitHub lists under some approved pull request but that reached the branch on its own is a
// direct push.
func (a *auditor) runOf(ctx context.Context, i int) (run, error) {
	prs, err := a.pullsAt(ctx, i)
	if err != nil {
		return run{}, err
	}
	for _, pr := range prs {
		end, ok := a.position[pr.MergeCommit]
		if !ok || end < i {
			continue
		}
		// Every commit from i to the merge commit must be this pull request's.
		whole := true
		for j := i + 1; j <= end && whole; j++ {
			later, err := a.pullsAt(ctx, j)
			if err != nil {
				return run{}, err
			}
			whole = slices.ContainsFunc(later, func(p forge.PullRequest) bool { return p.Number == pr.Number })
		}
		if !whole {
			continue
		}
		first := i
		for first > a.start {
			before, err := a.pullsAt(ctx, first-1)
			if err != nil {
				return run{}, err
			}
			if !slices.ContainsFunc(before, func(p forge.PullRequest) bool { return p.Number == pr.Number && p.MergeCommit == pr.MergeCommit }) {
				break
			}
			first--
		}
		return run{pr: &pr, first: first, last: end}, nil
	}
	return run{}, nil
}

// judgeRun judges a pull request's run with the policy of the branch before it, and verifies
// that the run changed exactly what the approved head holds.
func (a *auditor) judgeRun(ctx context.Context, r run) ([]Violation, *Publication, error) {
	pr := r.pr
	last := a.chain[r.last]
	base := a.parent(r.first)
	changes, err := gitrepo.Diff(a.o.Repo, base, last, nil, true)
	if err != nil {
		return nil, nil, err
	}
	var out []Violation
	cfg, problem := a.configAt(base, a.chain[r.first])
	if problem != nil {
		out = append(out, a.violation(last, pr.Number, KindPolicyUnknown, *problem))
		if cfg == nil {
			return out, nil, nil
		}
	}
	a.cal = cfg.WorkCalendar()
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
		s.Files = append(s.Files, policy.File{Path: ch.Path, PreviousPath: ch.OldPath, Status: ch.Status})
		if kind, _ := (&content.Checker{Cfg: cfg}).Classify(ch.Path, nil); ch.Status != filechange.Removed && kind != content.OtherFile {
			data, err := gitrepo.ReadBlob(a.o.Repo, ch.Blob)
			if err != nil {
				return nil, nil, err
			}
			s.Articles[ch.Path] = data
		}
	}
	if d := policy.Evaluate(p, s); !d.Mergeable {
		out = append(out, a.violation(last, pr.Number, KindNotApproved, d.Reasons...))
	}
	if reasons, err := a.sameAsApproved(r, changes); err != nil {
		return nil, nil, err
	} else if len(reasons) > 0 {
		out = append(out, a.violation(last, pr.Number, KindNotApprovedAs, reasons...))
	}
	pub := &Publication{PR: pr.Number, Title: pr.Title, Commit: last.Hash.String(), MergedAt: pr.MergedAt}
	if at, ok := policy.ApprovedAt(p, s); ok {
		pub.ApprovedAt = &at
	}
	return out, pub, nil
}

// sameAsApproved verifies that what the run put on the branch is what was approved: a merge
// commit's second parent is the approved head, and every file the run changed holds, after
// it, exactly what the approved head holds (for a merge: the result of merging base and
// head; for a squash or a rebase: the same files). A file slipped into a hand-made merge, or
// a commit the pull request had dropped again, is a difference.
func (a *auditor) sameAsApproved(r run, changes []gitrepo.FileChange) ([]policy.Reason, error) {
	pr, last := r.pr, a.chain[r.last]
	var reasons []policy.Reason
	add := func(format string, args ...any) {
		reasons = append(reasons, policy.NewReason(KindNotApprovedAs, []string{}, diag.T(format, args...)))
	}
	if last.NumParents() > 1 && r.first == r.last && last.ParentHashes[1].String() != pr.HeadSHA {
		add("the merge commit %s joins %s, not the approved head %s of pull request #%d", diag.ShortSHA(last.Hash.String()),
			diag.ShortSHA(last.ParentHashes[1].String()), diag.ShortSHA(pr.HeadSHA), pr.Number)
	}
	head, err := a.o.Repo.CommitObject(plumbing.NewHash(pr.HeadSHA))
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		add("the approved head %s of pull request #%d is not in this repository, so what was merged cannot be compared with what was approved; fetch it (git fetch origin '+refs/pull/*/head:refs/pull/*/head') and audit again",
			diag.ShortSHA(pr.HeadSHA), pr.Number)
		return reasons, nil
	}
	if err != nil {
		return nil, err
	}
	for _, ch := range changes {
		paths := []string{ch.Path}
		if ch.Status == filechange.Renamed {
			paths = append(paths, ch.OldPath)
		}
		for _, p := range paths {
			got, gotOK, err := blobAt(last, p)
			if err != nil {
				return nil, err
			}
			want, wantOK, err := blobAt(head, p)
			if err != nil {
				return nil, err
			}
			switch {
			case gotOK && !wantOK:
				add("%s is on %s after pull request #%d, but the approved head %s does not have it", diag.Safe(p), a.o.Branch, pr.Number, diag.ShortSHA(pr.HeadSHA))
			case !gotOK && wantOK:
				add("%s was removed from %s by pull request #%d, but the approved head %s has it", diag.Safe(p), a.o.Branch, pr.Number, diag.ShortSHA(pr.HeadSHA))
			case gotOK && got != want:
				add("%s on %s differs from the approved head %s of pull request #%d", diag.Safe(p), a.o.Branch, diag.ShortSHA(pr.HeadSHA), pr.Number)
			}
		}
	}
	return reasons, nil
}

// blobAt is the blob of a file in a commit's tree.
func blobAt(c *object.Commit, p string) (plumbing.Hash, bool, error) {
	tree, err := c.Tree()
	if err != nil {
		return plumbing.ZeroHash, false, err
	}
	e, err := tree.FindEntry(p)
	if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return plumbing.ZeroHash, false, nil
	}
	if err != nil {
		return plumbing.ZeroHash, false, err
	}
	return e.Hash, true, nil
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

// configAt reads the policy in force before a pull request: config.yaml of the branch just
// before its first commit (of that commit itself for the first commit of the history). An
// invalid or missing config.yaml is a finding of its own, and the last valid policy is used,
// so that one bad commit hides nothing else.
func (a *auditor) configAt(before, first *object.Commit) (*config.Config, *policy.Reason) {
	at := before
	if at == nil {
		at = first
	}
	fail := func(format string, args ...any) (*config.Config, *policy.Reason) {
		r := policy.NewReason(KindPolicyUnknown, []string{}, diag.T(format, args...))
		return a.lastGood, &r
	}
	f, err := at.File(config.FileName)
	if err != nil {
		return fail("%s has no %s, so the policy of that time is unknown (%v); judged with the last valid one", diag.ShortSHA(at.Hash.String()), config.FileName, err)
	}
	if cfg, ok := a.configs[f.Hash]; ok {
		if cfg == nil {
			return fail("%s at %s is invalid, so the policy of that time is unknown; judged with the last valid one", config.FileName, diag.ShortSHA(at.Hash.String()))
		}
		a.lastGood = cfg
		return cfg, nil
	}
	text, err := f.Contents()
	if err != nil {
		return fail("%s at %s cannot be read: %v", config.FileName, diag.ShortSHA(at.Hash.String()), err)
	}
	cfg, problems := config.Parse([]byte(text), config.FileName+"@"+diag.ShortSHA(at.Hash.String()))
	if cfg == nil || problems.Errors() > 0 {
		a.configs[f.Hash] = nil
		return fail("%s at %s is invalid, so the policy of that time is unknown; judged with the last valid one: %v", config.FileName, diag.ShortSHA(at.Hash.String()),
			strings.ReplaceAll(problems.Err().Error(), "\n", "; "))
	}
	a.configs[f.Hash] = cfg
	a.lastGood = cfg
	return cfg, nil
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
