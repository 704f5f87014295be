// Package githubtest is a small GitHub REST API for tests: an httptest server that keeps
// repositories, pull requests, reviews, comments and contents in memory and answers with the
// payload shapes GitHub uses (the fields bbtgen reads and the usual companions), pages lists
// with Link headers, counts requests and can be told to fail: 5xx errors, secondary rate
// limits (403 with Retry-After) and exhausted primary limits.
package githubtest

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// File is a changed file of a pull request.
type File struct {
	Filename         string `yaml:"filename"`
	Status           string `yaml:"status"` // added, modified, removed, renamed
	PreviousFilename string `yaml:"previous_filename"`
}

// Review is a submitted review.
type Review struct {
	ID          int64     `yaml:"id"`
	User        string    `yaml:"user"`
	State       string    `yaml:"state"` // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED
	CommitID    string    `yaml:"commit"`
	SubmittedAt time.Time `yaml:"at"`
}

// Event is a timeline event (ready_for_review, review_requested, …).
type Event struct {
	Event     string    `yaml:"event"`
	Actor     string    `yaml:"actor"`
	CreatedAt time.Time `yaml:"at"`
}

// Comment is an issue comment.
type Comment struct {
	ID        int64
	User      string
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// PR is a pull request.
type PR struct {
	Number             int       `yaml:"number"`
	Title              string    `yaml:"title"`
	User               string    `yaml:"user"`
	Draft              bool      `yaml:"draft"`
	State              string    `yaml:"state"` // open, closed
	BaseRef            string    `yaml:"base_ref"`
	BaseSHA            string    `yaml:"base"`
	HeadRef            string    `yaml:"head_ref"`
	HeadSHA            string    `yaml:"head"`
	CreatedAt          time.Time `yaml:"created_at"`
	MergedAt           time.Time `yaml:"merged_at"`
	MergeCommitSHA     string    `yaml:"merge_commit"`
	MergedBy           string    `yaml:"merged_by"`
	Files              []File    `yaml:"files"`
	Reviews            []Review  `yaml:"reviews"`
	Events             []Event   `yaml:"events"`
	RequestedReviewers []string  `yaml:"requested"`
	Comments           []*Comment
	// Commits are the SHAs of the pull request's commits (for commit → pulls lookups).
	Commits []string `yaml:"commit_shas"`
	// CommitList is what GET /pulls/N/commits lists, oldest first; empty means one commit,
	// the head, written and committed by the pull request's author.
	CommitList []Commit `yaml:"commits"`
	// Labels are the pull request's labels.
	Labels []string `yaml:"labels"`
	// Conflict makes GitHub refuse to merge it (405).
	Conflict bool `yaml:"conflict"`
	// PushedHead is a commit pushed after bbtgen read the pull request: the merge then names
	// an older head and GitHub answers 409.
	PushedHead string `yaml:"pushed_head"`
	// Merge is the merge request it received, once merged through the API.
	Merge *MergeRequest `yaml:"-"`
}

// MergeRequest is the body of PUT /pulls/N/merge.
type MergeRequest struct {
	SHA     string `json:"sha"`
	Method  string `json:"merge_method"`
	Title   string `json:"commit_title"`
	Message string `json:"commit_message"`
}

// Commit is a commit of a pull request, with the GitHub users of its author and committer
// ("" for an e-mail address that belongs to no GitHub user: the payload then has null).
type Commit struct {
	SHA       string    `yaml:"sha"`
	Author    string    `yaml:"author"`
	Committer string    `yaml:"committer"`
	Date      time.Time `yaml:"date"`
}

// Deployment is a deployment to an environment.
type Deployment struct {
	SHA         string
	Environment string
	CreatedAt   time.Time
}

// AddDeployment records a deployment.
func (s *Server) AddDeployment(d Deployment) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deployments = append(s.deployments, d)
}

// Request is one request the server received.
type Request struct {
	Method string
	Path   string // path and query
	Body   string
}

type fault struct {
	after        bool // the request is carried out, then answered with the failure
	method, path string
	times        int
	status       int
	header       http.Header
	body         string
}

// Server is the fake API.
type Server struct {
	*httptest.Server
	Owner, Repo string
	// Login is the user the token belongs to (comments are posted as them).
	Login string
	// CodeownersErrors are the messages GitHub reports about CODEOWNERS.
	CodeownersErrors []string
	// Disallow lists the merge methods the repository does not allow (merge, squash, rebase).
	Disallow map[string]bool
	// Dispatches records the workflows started by workflow_dispatch, as "file@ref".
	Dispatches []string

	mu            sync.Mutex
	deployments   []Deployment
	prs           map[int]*PR
	contents      map[string]map[string][]byte // ref → path → bytes
	protection    map[string]json.RawMessage   // branch → protection request body
	protectionGet map[string]map[string]any    // branch → protection as GET answers it
	requests      []Request
	faults        []*fault
	nextID        int64
	remaining     int
}

// New starts a server for owner/repo. Close it with t.Cleanup(s.Close).
func New(owner, repo string) *Server {
	s := &Server{Owner: owner, Repo: repo, Login: "github-actions[bot]", prs: map[int]*PR{},
		contents: map[string]map[string][]byte{}, protection: map[string]json.RawMessage{}, protectionGet: map[string]map[string]any{}, nextID: 1000, remaining: 5000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL returns the API root to give bbtgen as GITHUB_API_URL.
func (s *Server) APIURL() string { return s.Server.URL + "/" }

// AddPR adds (or replaces) a pull request.
func (s *Server) AddPR(pr *PR) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pr.State == "" {
		pr.State = "open"
	}
	if pr.BaseRef == "" {
		pr.BaseRef = "main"
	}
	if pr.HeadRef == "" {
		pr.HeadRef = fmt.Sprintf("bai-%d", pr.Number)
	}
	if pr.CreatedAt.IsZero() {
		pr.CreatedAt = time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)
	}
	for i := range pr.Reviews {
		if pr.Reviews[i].ID == 0 {
			s.nextID++
			pr.Reviews[i].ID = s.nextID
		}
	}
	s.prs[pr.Number] = pr
}

// PR returns a pull request for inspection (do not modify it while requests run).
func (s *Server) PR(n int) *PR {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prs[n]
}

// AddReview appends a review to a pull request.
func (s *Server) AddReview(n int, r Review) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	r.ID = s.nextID
	s.prs[n].Reviews = append(s.prs[n].Reviews, r)
}

// SetFile stores a file's content at a ref (a commit SHA or a branch name).
func (s *Server) SetFile(ref, path string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.contents[ref] == nil {
		s.contents[ref] = map[string][]byte{}
	}
	s.contents[ref][path] = data
}

// FailAfter makes the next `times` matching requests succeed on the server and then answer
// with status anyway, as when GitHub stored a comment but its front end answered 502.
func (s *Server) FailAfter(method, path string, times, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{after: true, method: method, path: path, times: times, status: status})
}

// SetSymlink makes path a symbolic link to target at ref, as GitHub's contents API shows one.
func (s *Server) SetSymlink(ref, path, target string) {
	s.SetFile(ref, path, []byte(symlinkPrefix+target))
}

// symlinkPrefix marks stored contents that are a link's target.
const symlinkPrefix = "\x00symlink:"

// Fail makes the next `times` requests whose method and path (without query) match answer
// with status, headers and body instead. path may end in "*" to match a prefix.
func (s *Server) Fail(method, path string, times, status int, header http.Header, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{method: method, path: path, times: times, status: status, header: header, body: body})
}

// FailSecondaryRateLimit makes the next matching request hit GitHub's secondary rate limit.
func (s *Server) FailSecondaryRateLimit(method, path string, retryAfter int) {
	s.Fail(method, path, 1, http.StatusForbidden, http.Header{"Retry-After": {strconv.Itoa(retryAfter)}},
		`{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`)
}

// FailPrimaryRateLimit makes the next matching request report an exhausted primary limit
// that resets after reset.
func (s *Server) FailPrimaryRateLimit(method, path string, reset time.Duration) {
	s.Fail(method, path, 1, http.StatusForbidden, http.Header{
		"X-Ratelimit-Limit": {"5000"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Used": {"5000"},
		"X-Ratelimit-Reset": {strconv.FormatInt(time.Now().Add(reset).Unix(), 10)}, "X-Ratelimit-Resource": {"core"},
	}, `{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}`)
}

// SetRemaining sets the primary rate limit left (5,000 at the start, as GitHub gives a token).
func (s *Server) SetRemaining(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.remaining = n
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Count counts the requests with the method whose path (without query) matches pattern,
// a regular expression anchored at both ends.
func (s *Server) Count(method, pattern string) int {
	re := regexp.MustCompile("^" + pattern + "$")
	n := 0
	for _, r := range s.Requests() {
		p, _, _ := strings.Cut(r.Path, "?")
		if r.Method == method && re.MatchString(p) {
			n++
		}
	}
	return n
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// SetProtection sets the protection a branch already has, in the shape GitHub's
// GET /branches/{branch}/protection answers (written as the PUT request body, which is
// converted the way GitHub stores it).
func (s *Server) SetProtection(branch string, request string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.protectionGet[branch] = s.protectionAsStored([]byte(request), "/repos/"+s.Owner+"/"+s.Repo+"/branches/"+branch+"/protection")
}

// protectionAsStored turns a protection request into what GitHub answers when asked for it:
// flags become {"enabled": …}, required checks list their contexts too, restrictions and
// review lists name users and teams as objects.
func (s *Server) protectionAsStored(body []byte, path string) map[string]any {
	var req map[string]any
	_ = json.Unmarshal(body, &req)
	out := map[string]any{"url": s.URL + path}
	for k, v := range req {
		switch val := v.(type) {
		case bool:
			out[k] = map[string]any{"enabled": val, "url": s.URL + path + "/" + k}
		case map[string]any:
			if k == "restrictions" {
				out[k] = map[string]any{"users": users(val["users"]), "teams": teams(val["teams"]), "apps": []any{}}
				continue
			}
			if k == "required_status_checks" {
				var contexts []any
				checks, _ := val["checks"].([]any)
				for _, c := range checks {
					if m, ok := c.(map[string]any); ok {
						contexts = append(contexts, m["context"])
						if m["app_id"] == nil {
							m["app_id"] = 15368 // GitHub Actions
						}
					}
				}
				val["contexts"] = contexts
			}
			if k == "required_pull_request_reviews" {
				for _, list := range []string{"dismissal_restrictions", "bypass_pull_request_allowances"} {
					if m, ok := val[list].(map[string]any); ok {
						val[list] = map[string]any{"users": users(m["users"]), "teams": teams(m["teams"]), "apps": []any{}}
					}
				}
			}
			out[k] = val
		default:
			out[k] = v
		}
	}
	return out
}

func users(v any) []any {
	out := []any{}
	list, _ := v.([]any)
	for _, l := range list {
		out = append(out, userJSON(fmt.Sprint(l)))
	}
	return out
}

func teams(v any) []any {
	out := []any{}
	list, _ := v.([]any)
	for _, t := range list {
		out = append(out, map[string]any{"slug": t, "name": t})
	}
	return out
}

// Protection returns the body of the last branch-protection update of branch.
func (s *Server) Protection(branch string) json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.protection[branch]
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.RequestURI(), Body: string(body)})
	for _, f := range s.faults {
		if f.times > 0 && f.method == r.Method && (f.path == r.URL.Path || strings.HasSuffix(f.path, "*") && strings.HasPrefix(r.URL.Path, strings.TrimSuffix(f.path, "*"))) {
			f.times--
			if f.after {
				// GitHub did the work, then the answer was lost (a 502 from its front end).
				s.route(httptest.NewRecorder(), r, body)
			}
			for k, v := range f.header {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(f.status)
			if f.body == "" {
				f.body = `{"message":"Server Error"}`
			}
			io.WriteString(w, f.body)
			return
		}
	}
	s.route(w, r, body)
}

// route answers a request as GitHub would.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.Header.Get("Authorization") == "" {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Requires authentication", "documentation_url": "https://docs.github.com/rest"})
		return
	}
	s.remaining--
	w.Header().Set("X-RateLimit-Limit", "5000")
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(s.remaining))
	w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	w.Header().Set("X-RateLimit-Resource", "core")
	w.Header().Set("X-GitHub-Api-Version-Selected", "2022-11-28")

	if r.Method == "GET" && r.URL.Path == fmt.Sprintf("/repos/%s/%s", s.Owner, s.Repo) {
		repo := s.repoJSON()
		for _, m := range []string{"merge", "squash", "rebase"} {
			key := "allow_" + m + "_commit"
			if m != "merge" {
				key = "allow_" + m + "_merge"
			}
			repo[key] = !s.Disallow[m]
		}
		writeJSON(w, 200, repo)
		return
	}
	prefix := fmt.Sprintf("/repos/%s/%s/", s.Owner, s.Repo)
	rest, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		notFound(w)
		return
	}
	parts := strings.Split(rest, "/")
	num := func(i int) (int, bool) {
		if i >= len(parts) {
			return 0, false
		}
		n, err := strconv.Atoi(parts[i])
		return n, err == nil
	}
	switch {
	case r.Method == "GET" && rest == "pulls":
		s.listPulls(w, r)
	case len(parts) >= 2 && parts[0] == "pulls":
		n, ok := num(1)
		pr := s.prs[n]
		if !ok || pr == nil {
			notFound(w)
			return
		}
		switch {
		case len(parts) == 2 && r.Method == "GET":
			writeJSON(w, 200, s.prJSON(pr))
		case len(parts) == 3 && parts[2] == "files" && r.Method == "GET":
			items := make([]any, len(pr.Files))
			for i, f := range pr.Files {
				items[i] = fileJSON(f, pr)
			}
			s.page(w, r, items)
		case len(parts) == 3 && parts[2] == "commits" && r.Method == "GET":
			commits := pr.CommitList
			if len(commits) == 0 {
				commits = []Commit{{SHA: pr.HeadSHA, Author: pr.User, Committer: pr.User}}
			}
			items := make([]any, len(commits))
			for i, c := range commits {
				items[i] = s.commitJSON(c, pr)
			}
			s.page(w, r, items)
		case len(parts) == 3 && parts[2] == "merge" && r.Method == "PUT":
			var req MergeRequest
			_ = json.Unmarshal(body, &req)
			switch {
			case pr.State != "open" || pr.Conflict:
				writeJSON(w, 405, map[string]any{"message": "Pull Request is not mergeable", "documentation_url": "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request"})
			case req.SHA != "" && req.SHA != cmp.Or(pr.PushedHead, pr.HeadSHA):
				writeJSON(w, 409, map[string]any{"message": "Head branch was modified. Review and try the merge again.", "documentation_url": "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request"})
			case s.Disallow[cmp.Or(req.Method, "merge")]:
				writeJSON(w, 405, map[string]any{"message": "Merge commits are not allowed on this repository.", "documentation_url": "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request"})
			default:
				s.nextID++
				pr.Merge = &req
				pr.State, pr.MergedAt, pr.MergedBy = "closed", time.Now().UTC(), s.Login
				pr.MergeCommitSHA = fmt.Sprintf("3e49e%035d", s.nextID)
				writeJSON(w, 200, map[string]any{"sha": pr.MergeCommitSHA, "merged": true, "message": "Pull Request successfully merged"})
			}
		case len(parts) == 3 && parts[2] == "reviews" && r.Method == "GET":
			items := make([]any, len(pr.Reviews))
			for i, rv := range pr.Reviews {
				items[i] = s.reviewJSON(rv, pr)
			}
			s.page(w, r, items)
		case len(parts) == 3 && parts[2] == "requested_reviewers" && r.Method == "POST":
			var req struct {
				Reviewers []string `json:"reviewers"`
			}
			_ = json.Unmarshal(body, &req)
			for _, l := range req.Reviewers {
				if !slices.ContainsFunc(pr.RequestedReviewers, func(x string) bool { return strings.EqualFold(x, l) }) {
					pr.RequestedReviewers = append(pr.RequestedReviewers, l)
					pr.Events = append(pr.Events, Event{Event: "review_requested", Actor: s.Login, CreatedAt: time.Now().UTC()})
				}
			}
			writeJSON(w, 201, s.prJSON(pr))
		case len(parts) == 3 && parts[2] == "requested_reviewers" && r.Method == "GET":
			users := []any{}
			for _, l := range pr.RequestedReviewers {
				users = append(users, userJSON(l))
			}
			writeJSON(w, 200, map[string]any{"users": users, "teams": []any{}})
		default:
			notFound(w)
		}
	case len(parts) == 3 && parts[0] == "issues" && parts[1] == "comments" && r.Method == "DELETE":
		id, _ := strconv.ParseInt(parts[2], 10, 64)
		for _, pr := range s.prs {
			for i, c := range pr.Comments {
				if c.ID == id {
					if c.User != s.Login {
						writeJSON(w, 403, map[string]any{"message": "Resource not accessible by integration"})
						return
					}
					pr.Comments = slices.Delete(pr.Comments, i, i+1)
					w.WriteHeader(http.StatusNoContent)
					return
				}
			}
		}
		notFound(w)
	case len(parts) >= 3 && parts[0] == "issues" && parts[1] == "comments" && r.Method == "PATCH":
		id, _ := strconv.ParseInt(parts[2], 10, 64)
		var req struct {
			Body string `json:"body"`
		}
		_ = json.Unmarshal(body, &req)
		for _, pr := range s.prs {
			for _, c := range pr.Comments {
				if c.ID == id {
					if c.User != s.Login {
						writeJSON(w, 403, map[string]any{"message": "Resource not accessible by integration"})
						return
					}
					c.Body = req.Body
					c.UpdatedAt = time.Now().UTC()
					writeJSON(w, 200, s.commentJSON(c, pr))
					return
				}
			}
		}
		notFound(w)
	case len(parts) == 3 && parts[0] == "issues" && parts[2] == "comments":
		n, _ := num(1)
		pr := s.prs[n]
		if pr == nil {
			notFound(w)
			return
		}
		if r.Method == "POST" {
			var req struct {
				Body string `json:"body"`
			}
			_ = json.Unmarshal(body, &req)
			s.nextID++
			now := time.Now().UTC()
			c := &Comment{ID: s.nextID, User: s.Login, Body: req.Body, CreatedAt: now, UpdatedAt: now}
			pr.Comments = append(pr.Comments, c)
			writeJSON(w, 201, s.commentJSON(c, pr))
			return
		}
		items := make([]any, len(pr.Comments))
		for i, c := range pr.Comments {
			items[i] = s.commentJSON(c, pr)
		}
		s.page(w, r, items)
	case len(parts) == 3 && parts[0] == "issues" && parts[2] == "timeline" && r.Method == "GET":
		n, _ := num(1)
		pr := s.prs[n]
		if pr == nil {
			notFound(w)
			return
		}
		var items []any
		for _, e := range pr.Events {
			items = append(items, map[string]any{
				"id": s.nextID, "node_id": "TE_x", "event": e.Event, "actor": userJSON(e.Actor),
				"created_at": e.CreatedAt.UTC().Format(time.RFC3339), "url": s.URL + "/events/1",
			})
		}
		for _, rv := range pr.Reviews { // reviews appear on the timeline as "reviewed"
			m := s.reviewJSON(rv, pr)
			m["event"] = "reviewed"
			items = append(items, m)
		}
		s.page(w, r, items)
	case r.Method == "GET" && len(parts) >= 2 && parts[0] == "contents":
		s.getContents(w, r, strings.Join(parts[1:], "/"))
	case r.Method == "GET" && len(parts) == 3 && parts[0] == "commits" && parts[2] == "pulls":
		var items []any
		for _, n := range s.sortedPRs() {
			pr := s.prs[n]
			if slices.Contains(pr.Commits, parts[1]) || pr.MergeCommitSHA == parts[1] || pr.HeadSHA == parts[1] {
				items = append(items, s.prJSON(pr))
			}
		}
		s.page(w, r, items)
	case r.Method == "GET" && rest == "deployments":
		env := r.URL.Query().Get("environment")
		var items []any
		for i := len(s.deployments) - 1; i >= 0; i-- { // newest first, as GitHub lists them
			d := s.deployments[i]
			if env == "" || env == d.Environment {
				items = append(items, map[string]any{
					"url": fmt.Sprintf("%s/repos/%s/%s/deployments/%d", s.URL, s.Owner, s.Repo, 500+i), "id": 500 + i,
					"node_id": fmt.Sprintf("DE_%d", i), "sha": d.SHA, "ref": "main", "task": "deploy", "payload": map[string]any{},
					"original_environment": d.Environment, "environment": d.Environment, "description": nil,
					"creator": userJSON("github-actions[bot]"), "created_at": d.CreatedAt.UTC().Format(time.RFC3339),
					"updated_at": d.CreatedAt.UTC().Format(time.RFC3339), "production_environment": true,
				})
			}
		}
		s.page(w, r, items)
	case r.Method == "GET" && rest == "codeowners/errors":
		errs := []any{}
		for _, e := range s.CodeownersErrors {
			errs = append(errs, map[string]any{"line": 3, "column": 1, "kind": "Unknown owner", "source": "* @x",
				"suggestion": nil, "message": e, "path": ".github/CODEOWNERS"})
		}
		writeJSON(w, 200, map[string]any{"errors": errs})
	case len(parts) == 4 && parts[0] == "actions" && parts[1] == "workflows" && parts[3] == "dispatches" && r.Method == "POST":
		var req struct {
			Ref string `json:"ref"`
		}
		_ = json.Unmarshal(body, &req)
		s.Dispatches = append(s.Dispatches, parts[2]+"@"+req.Ref)
		w.WriteHeader(http.StatusNoContent)
	case len(parts) == 3 && parts[0] == "branches" && parts[2] == "protection":
		switch r.Method {
		case "PUT":
			s.protection[parts[1]] = json.RawMessage(body)
			stored := s.protectionAsStored(body, r.URL.Path)
			s.protectionGet[parts[1]] = stored
			writeJSON(w, 200, stored)
		case "GET":
			if p, ok := s.protectionGet[parts[1]]; ok {
				writeJSON(w, 200, p)
				return
			}
			writeJSON(w, 404, map[string]any{"message": "Branch not protected", "documentation_url": "https://docs.github.com/rest/branches/branch-protection#get-branch-protection"})
		default:
			notFound(w)
		}
	default:
		notFound(w)
	}
}

func (s *Server) sortedPRs() []int {
	var nums []int
	for n := range s.prs {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	return nums
}

// updated is when a pull request last changed (its merge, else its creation).
func updated(pr *PR) time.Time {
	if pr.MergedAt.After(pr.CreatedAt) {
		return pr.MergedAt
	}
	return pr.CreatedAt
}

func (s *Server) listPulls(w http.ResponseWriter, r *http.Request) {
	state := r.URL.Query().Get("state")
	if state == "" {
		state = "open"
	}
	var items []any
	nums := s.sortedPRs()
	slices.Reverse(nums) // newest first, as GitHub sorts by created desc
	if r.URL.Query().Get("sort") == "updated" {
		slices.SortStableFunc(nums, func(a, b int) int { return updated(s.prs[b]).Compare(updated(s.prs[a])) })
	}
	for _, n := range nums {
		pr := s.prs[n]
		if state == "all" || pr.State == state {
			items = append(items, s.prJSON(pr))
		}
	}
	s.page(w, r, items)
}

func (s *Server) getContents(w http.ResponseWriter, r *http.Request, path string) {
	ref := r.URL.Query().Get("ref")
	data, ok := s.contents[ref][path]
	if !ok {
		notFound(w)
		return
	}
	u := fmt.Sprintf("%s/repos/%s/%s/contents/%s?ref=%s", s.URL, s.Owner, s.Repo, path, ref)
	if target, ok := strings.CutPrefix(string(data), symlinkPrefix); ok {
		writeJSON(w, 200, map[string]any{
			"type": "symlink", "target": target, "size": len(target), "name": path[strings.LastIndex(path, "/")+1:], "path": path,
			"sha": fmt.Sprintf("%040x", len(target)), "url": u, "_links": map[string]any{"self": u},
		})
		return
	}
	enc := base64.StdEncoding.EncodeToString(data)
	var wrapped strings.Builder // GitHub wraps base64 at 60 characters
	for i := 0; i < len(enc); i += 60 {
		wrapped.WriteString(enc[i:min(i+60, len(enc))])
		wrapped.WriteByte('\n')
	}
	writeJSON(w, 200, map[string]any{
		"type": "file", "encoding": "base64", "size": len(data), "name": path[strings.LastIndex(path, "/")+1:], "path": path,
		"content": wrapped.String(), "sha": fmt.Sprintf("%040x", len(data)), "url": u,
		"git_url": s.URL + "/git/blobs/x", "html_url": "https://github.com/" + s.Owner + "/" + s.Repo + "/blob/" + ref + "/" + path,
		"download_url": "https://raw.githubusercontent.com/" + s.Owner + "/" + s.Repo + "/" + ref + "/" + path,
		"_links":       map[string]any{"self": u},
	})
}

// page writes one page of items with GitHub's Link header.
func (s *Server) page(w http.ResponseWriter, r *http.Request, items []any) {
	q := r.URL.Query()
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	if per > 100 {
		per = 100
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page <= 0 {
		page = 1
	}
	last := max(1, (len(items)+per-1)/per)
	start, end := (page-1)*per, page*per
	if start > len(items) {
		start = len(items)
	}
	if end > len(items) {
		end = len(items)
	}
	link := func(p int, rel string) string {
		u := *r.URL
		v := u.Query()
		v.Set("page", strconv.Itoa(p))
		v.Set("per_page", strconv.Itoa(per))
		u.RawQuery = v.Encode()
		return fmt.Sprintf(`<%s%s>; rel="%s"`, s.URL, u.RequestURI(), rel)
	}
	var links []string
	if page > 1 {
		links = append(links, link(page-1, "prev"), link(1, "first"))
	}
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := items[start:end]
	if out == nil {
		out = []any{}
	}
	writeJSON(w, 200, out)
}

func labelsJSON(names []string) []any {
	out := []any{}
	for i, n := range names {
		out = append(out, map[string]any{"id": 9000 + i, "node_id": "LA_" + n, "name": n, "color": "d73a4a", "default": false, "description": ""})
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, 404, map[string]any{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
}

func userJSON(login string) map[string]any {
	typ := "User"
	if strings.HasSuffix(login, "[bot]") {
		typ = "Bot"
	}
	id := 0
	for _, c := range login {
		id = id*31 + int(c)
	}
	return map[string]any{
		"login": login, "id": id & 0xffffff, "node_id": "U_" + login, "type": typ, "site_admin": false,
		"avatar_url": "https://avatars.githubusercontent.com/u/1?v=4", "html_url": "https://github.com/" + url.PathEscape(login),
		"url": "https://api.github.com/users/" + url.PathEscape(login),
	}
}

func (s *Server) repoJSON() map[string]any {
	full := s.Owner + "/" + s.Repo
	return map[string]any{"id": 42, "node_id": "R_1", "name": s.Repo, "full_name": full, "private": false,
		"owner": userJSON(s.Owner), "html_url": "https://github.com/" + full, "default_branch": "main"}
}

func (s *Server) prJSON(pr *PR) map[string]any {
	full := s.Owner + "/" + s.Repo
	reviewers := []any{}
	for _, l := range pr.RequestedReviewers {
		reviewers = append(reviewers, userJSON(l))
	}
	m := map[string]any{
		"url": fmt.Sprintf("%s/repos/%s/pulls/%d", s.URL, full, pr.Number),
		"id":  100000 + pr.Number, "node_id": fmt.Sprintf("PR_%d", pr.Number),
		"html_url": fmt.Sprintf("https://github.com/%s/pull/%d", full, pr.Number),
		"number":   pr.Number, "state": pr.State, "locked": false, "title": pr.Title,
		"user": userJSON(pr.User), "body": "", "draft": pr.Draft,
		"created_at": pr.CreatedAt.UTC().Format(time.RFC3339), "updated_at": updated(pr).UTC().Format(time.RFC3339),
		"closed_at": nil, "merged_at": nil, "merge_commit_sha": nil,
		"requested_reviewers": reviewers, "requested_teams": []any{}, "labels": labelsJSON(pr.Labels),
		"head":               map[string]any{"label": s.Owner + ":" + pr.HeadRef, "ref": pr.HeadRef, "sha": pr.HeadSHA, "user": userJSON(pr.User), "repo": s.repoJSON()},
		"base":               map[string]any{"label": s.Owner + ":" + pr.BaseRef, "ref": pr.BaseRef, "sha": pr.BaseSHA, "user": userJSON(s.Owner), "repo": s.repoJSON()},
		"author_association": "MEMBER", "auto_merge": nil, "active_lock_reason": nil,
	}
	if !pr.MergedAt.IsZero() {
		m["merged_at"] = pr.MergedAt.UTC().Format(time.RFC3339)
		m["closed_at"] = m["merged_at"]
		m["merge_commit_sha"] = pr.MergeCommitSHA
		m["merged_by"] = userJSON(pr.MergedBy)
	}
	return m
}

func fileJSON(f File, pr *PR) map[string]any {
	m := map[string]any{
		"sha": fmt.Sprintf("%040x", len(f.Filename)), "filename": f.Filename, "status": f.Status,
		"additions": 10, "deletions": 0, "changes": 10,
		"blob_url":     "https://github.com/o/r/blob/" + pr.HeadSHA + "/" + f.Filename,
		"raw_url":      "https://github.com/o/r/raw/" + pr.HeadSHA + "/" + f.Filename,
		"contents_url": "https://api.github.com/repos/o/r/contents/" + f.Filename + "?ref=" + pr.HeadSHA,
		"patch":        "@@ -0,0 +1 @@\n+…",
	}
	if f.PreviousFilename != "" {
		m["previous_filename"] = f.PreviousFilename
	}
	return m
}

func (s *Server) commitJSON(c Commit, pr *PR) map[string]any {
	full := s.Owner + "/" + s.Repo
	person := func(login string) map[string]any {
		name := login
		if name == "" {
			name = "Người không có tài khoản"
		}
		return map[string]any{"name": name, "email": strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.gov.vn", "date": c.Date.UTC().Format(time.RFC3339)}
	}
	user := func(login string) any {
		if login == "" {
			return nil
		}
		return userJSON(login)
	}
	return map[string]any{
		"sha": c.SHA, "node_id": "C_" + c.SHA,
		"commit": map[string]any{
			"author": person(c.Author), "committer": person(c.Committer), "message": "Cập nhật bài viết",
			"tree":          map[string]any{"sha": strings.Repeat("7", 40), "url": s.URL + "/repos/" + full + "/git/trees/" + strings.Repeat("7", 40)},
			"url":           s.URL + "/repos/" + full + "/git/commits/" + c.SHA,
			"comment_count": 0,
			"verification":  map[string]any{"verified": false, "reason": "unsigned", "signature": nil, "payload": nil},
		},
		"url":      s.URL + "/repos/" + full + "/commits/" + c.SHA,
		"html_url": "https://github.com/" + full + "/commit/" + c.SHA,
		"author":   user(c.Author), "committer": user(c.Committer),
		"parents": []any{},
	}
}

func (s *Server) reviewJSON(r Review, pr *PR) map[string]any {
	return map[string]any{
		"id": r.ID, "node_id": fmt.Sprintf("PRR_%d", r.ID), "user": userJSON(r.User), "body": "",
		"state": r.State, "html_url": fmt.Sprintf("https://github.com/%s/%s/pull/%d#pullrequestreview-%d", s.Owner, s.Repo, pr.Number, r.ID),
		"pull_request_url":   fmt.Sprintf("%s/repos/%s/%s/pulls/%d", s.URL, s.Owner, s.Repo, pr.Number),
		"author_association": "MEMBER", "submitted_at": r.SubmittedAt.UTC().Format(time.RFC3339), "commit_id": r.CommitID,
	}
}

func (s *Server) commentJSON(c *Comment, pr *PR) map[string]any {
	return map[string]any{
		"id": c.ID, "node_id": fmt.Sprintf("IC_%d", c.ID), "user": userJSON(c.User), "body": c.Body,
		"created_at": c.CreatedAt.Format(time.RFC3339), "updated_at": c.UpdatedAt.Format(time.RFC3339),
		"html_url":           fmt.Sprintf("https://github.com/%s/%s/pull/%d#issuecomment-%d", s.Owner, s.Repo, pr.Number, c.ID),
		"issue_url":          fmt.Sprintf("%s/repos/%s/%s/issues/%d", s.URL, s.Owner, s.Repo, pr.Number),
		"author_association": "NONE",
	}
}
