package forge

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

const perPage = 100

// maxFiles is the most files GitHub lists for a pull request; beyond it the list is cut and a
// decision could miss a file, so bbtgen refuses to decide.
const maxFiles = 3000

// PullRequest is what the forge knows of a pull request besides its policy snapshot.
type PullRequest struct {
	Number    int
	Title     string
	Author    string
	Draft     bool
	State     string
	BaseRef   string
	BaseSHA   string
	HeadSHA   string
	CreatedAt time.Time
	MergedAt  time.Time
	// MergeCommit is the commit the merge made on the base branch.
	MergeCommit string
	HTMLURL     string
	// Requested are the users whose review is requested.
	Requested []string
	// Labels are the pull request's labels (review.hold_label holds it back).
	Labels []string
}

func fromGitHub(pr *github.PullRequest) PullRequest {
	return PullRequest{
		Number: pr.GetNumber(), Title: pr.GetTitle(), Author: pr.GetUser().GetLogin(), Draft: pr.GetDraft(),
		State: pr.GetState(), BaseRef: pr.GetBase().GetRef(), BaseSHA: pr.GetBase().GetSHA(), HeadSHA: pr.GetHead().GetSHA(),
		CreatedAt: pr.GetCreatedAt().Time, MergedAt: pr.GetMergedAt().Time, HTMLURL: pr.GetHTMLURL(),
		Requested: requested(pr), MergeCommit: pr.GetMergeCommitSHA(), Labels: labels(pr),
	}
}

func labels(pr *github.PullRequest) []string {
	var out []string
	for _, l := range pr.Labels {
		out = append(out, l.GetName())
	}
	return out
}

func requested(pr *github.PullRequest) []string {
	var out []string
	for _, u := range pr.RequestedReviewers {
		out = append(out, u.GetLogin())
	}
	return out
}

// PullRequest reads one pull request.
func (c *Client) PullRequest(ctx context.Context, number int) (PullRequest, error) {
	pr, _, err := call(ctx, c, fmt.Sprintf("reading pull request #%d", number), func() (*github.PullRequest, *github.Response, error) {
		return c.gh.PullRequests.Get(ctx, c.owner, c.repo, number)
	})
	if err != nil {
		return PullRequest{}, err
	}
	return fromGitHub(pr), nil
}

// Files reads every changed file of a pull request, all pages.
func (c *Client) Files(ctx context.Context, number int) ([]policy.File, error) {
	files, err := all(ctx, c, fmt.Sprintf("listing the files of pull request #%d", number), func(opt github.ListOptions) ([]*github.CommitFile, *github.Response, error) {
		return c.gh.PullRequests.ListFiles(ctx, c.owner, c.repo, number, &opt)
	})
	if err != nil {
		return nil, err
	}
	out := make([]policy.File, 0, len(files))
	for _, f := range files {
		out = append(out, policy.File{Path: f.GetFilename(), PreviousPath: f.GetPreviousFilename(), Status: policy.FileStatus(f.GetStatus())})
	}
	if len(out) >= maxFiles {
		return nil, fmt.Errorf("pull request #%d changes %d files or more; GitHub lists at most %d, so bbtgen cannot see them all: split it", number, len(out), maxFiles)
	}
	return out, nil
}

// Reviews reads every review of a pull request, all pages.
func (c *Client) Reviews(ctx context.Context, number int) ([]policy.Review, error) {
	reviews, err := all(ctx, c, fmt.Sprintf("listing the reviews of pull request #%d", number), func(opt github.ListOptions) ([]*github.PullRequestReview, *github.Response, error) {
		return c.gh.PullRequests.ListReviews(ctx, c.owner, c.repo, number, &opt)
	})
	if err != nil {
		return nil, err
	}
	out := make([]policy.Review, 0, len(reviews))
	for _, r := range reviews {
		out = append(out, policy.Review{Author: r.GetUser().GetLogin(), State: policy.ReviewState(r.GetState()), CommitID: r.GetCommitID(), SubmittedAt: r.GetSubmittedAt().Time})
	}
	return out, nil
}

// Commits reads the commits of a pull request, oldest first, with the GitHub users GitHub
// links to their author and committer (empty when the e-mail belongs to no user).
func (c *Client) Commits(ctx context.Context, number int) ([]policy.Commit, error) {
	commits, err := all(ctx, c, fmt.Sprintf("listing the commits of pull request #%d", number), func(opt github.ListOptions) ([]*github.RepositoryCommit, *github.Response, error) {
		return c.gh.PullRequests.ListCommits(ctx, c.owner, c.repo, number, &opt)
	})
	if err != nil {
		return nil, err
	}
	out := make([]policy.Commit, 0, len(commits))
	for _, rc := range commits {
		out = append(out, policy.Commit{SHA: rc.GetSHA(), Author: rc.GetAuthor().GetLogin(), Committer: rc.GetCommitter().GetLogin()})
	}
	return out, nil
}

// SymlinkError is a file that is a symbolic link: bbtgen never follows one.
type SymlinkError struct{ Path, Target string }

func (e *SymlinkError) Error() string {
	return fmt.Sprintf("%s is a symbolic link to %s", e.Path, e.Target)
}

// FileAt reads a file at a commit through the contents API. found is false when the file
// does not exist there.
func (c *Client) FileAt(ctx context.Context, ref, filePath string) (data []byte, found bool, err error) {
	what := fmt.Sprintf("reading %s at %s", filePath, diag.ShortSHA(ref))
	fc, resp, err := call(ctx, c, what, func() (*github.RepositoryContent, *github.Response, error) {
		f, _, r, err := c.gh.Repositories.GetContents(ctx, c.owner, c.repo, filePath, &github.RepositoryContentGetOptions{Ref: ref})
		return f, r, err
	})
	if resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if fc == nil {
		return nil, false, fmt.Errorf("%s: it is a folder, not a file", what)
	}
	if fc.GetType() == "symlink" {
		return nil, true, &SymlinkError{Path: filePath, Target: fc.GetTarget()}
	}
	if fc.GetEncoding() != "base64" {
		return nil, false, fmt.Errorf("%s: GitHub sent encoding %q (files over 1 MB are not served by the contents API)", what, fc.GetEncoding())
	}
	text, err := fc.GetContent()
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", what, err)
	}
	return []byte(text), true, nil
}

// Policy reads config.yaml at the base commit of a pull request and resolves its policy.
// The policy is never read from the head: a pull request cannot make its own author an
// approver.
func (c *Client) Policy(ctx context.Context, baseSHA string) (*policy.Policy, error) {
	data, found, err := c.FileAt(ctx, baseSHA, config.FileName)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%s does not exist at the base commit %s", config.FileName, diag.ShortSHA(baseSHA))
	}
	cfg, problems := config.Parse(data, config.FileName+"@"+diag.ShortSHA(baseSHA))
	if cfg == nil || problems.Errors() > 0 {
		return nil, fmt.Errorf("the base branch's %s is invalid, so no pull request can be judged against it:\n%v", config.FileName, diag.List(problems).Err())
	}
	return policy.New(cfg), nil
}

// Snapshot gathers everything the policy needs to judge a pull request: the pull request, its
// files and reviews, the base policy, and the head version of each changed article.
func (c *Client) Snapshot(ctx context.Context, number int, now time.Time) (*policy.Snapshot, *policy.Policy, PullRequest, error) {
	pr, err := c.PullRequest(ctx, number)
	if err != nil {
		return nil, nil, pr, err
	}
	files, err := c.Files(ctx, number)
	if err != nil {
		return nil, nil, pr, err
	}
	reviews, err := c.Reviews(ctx, number)
	if err != nil {
		return nil, nil, pr, err
	}
	commits, err := c.Commits(ctx, number)
	if err != nil {
		return nil, nil, pr, err
	}
	pol, err := c.Policy(ctx, pr.BaseSHA)
	if err != nil {
		return nil, nil, pr, err
	}
	s := &policy.Snapshot{
		Number: number, Title: pr.Title, Author: pr.Author, Draft: pr.Draft, BaseRef: pr.BaseRef, BaseSHA: pr.BaseSHA, HeadSHA: pr.HeadSHA,
		Files: files, Reviews: reviews, Commits: commits, Articles: map[string][]byte{}, Now: now,
	}
	classify := &content.Checker{Cfg: pol.Config()}
	for _, f := range files {
		if kind, _ := classify.Classify(f.Path, nil); f.Status == policy.Removed || kind == content.OtherFile {
			continue
		}
		data, found, err := c.FileAt(ctx, pr.HeadSHA, f.Path)
		if link := (*SymlinkError)(nil); errors.As(err, &link) {
			s.Symlinks = append(s.Symlinks, f.Path)
			continue
		}
		if err != nil {
			return nil, nil, pr, err
		}
		if found {
			s.Articles[f.Path] = data
		}
	}
	return s, pol, pr, nil
}
