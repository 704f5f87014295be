package forge

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge/githubtest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

const (
	base = "ba5e000000000000000000000000000000000000"
	head = "4ead000000000000000000000000000000000000"
)

func sampleConfig(t *testing.T) []byte {
	t.Helper()
	return testfixture.ConfigYAML
}

const article = "---\ntitle: \"Tin %d\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [pthanh]\nunit: phong-cchc\nsummary: \"Tóm tắt.\"\n---\nNội dung.\n"

// server makes a fake GitHub with one pull request of nFiles files (one article, the rest
// media) and nReviews reviews.
func server(t *testing.T, nFiles, nReviews int) *githubtest.Server {
	t.Helper()
	s := githubtest.New("sonoivu", "website")
	t.Cleanup(s.Close)
	s.SetFile(base, "config.yaml", sampleConfig(t))
	pr := &githubtest.PR{Number: 12, Title: "Tin cải cách hành chính", User: "pthanh-snv", BaseSHA: base, HeadSHA: head}
	pr.Files = append(pr.Files, githubtest.File{Filename: "content/cai-cach-hanh-chinh/2026/tin.md", Status: "added"})
	s.SetFile(head, "content/cai-cach-hanh-chinh/2026/tin.md", fmt.Appendf(nil, article, 1))
	for i := 1; i < nFiles; i++ {
		pr.Files = append(pr.Files, githubtest.File{Filename: fmt.Sprintf("static/media/cai-cach-hanh-chinh/2026/anh-%03d.jpg", i), Status: "added"})
	}
	t0 := time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)
	for i := 0; i < nReviews; i++ {
		pr.Reviews = append(pr.Reviews, githubtest.Review{User: "ntvu-snv", State: "COMMENTED", CommitID: head, SubmittedAt: t0.Add(time.Duration(i) * time.Minute)})
	}
	pr.Reviews = append(pr.Reviews,
		githubtest.Review{User: "ntvu-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(1000 * time.Minute)},
		githubtest.Review{User: "lhtrung-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(1001 * time.Minute)})
	s.AddPR(pr)
	return s
}

func client(t *testing.T, s *githubtest.Server) *Client {
	t.Helper()
	c, err := New(Options{Token: "t0k3n", APIURL: s.APIURL(), Repo: "sonoivu/website", WaitMin: time.Millisecond, WaitMax: 5 * time.Millisecond, MaxRateLimitWait: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSnapshotPaginates(t *testing.T) {
	s := server(t, 250, 118) // 120 reviews in all
	c := client(t, s)
	snap, pol, pr, err := c.Snapshot(context.Background(), 12, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Files) != 250 || len(snap.Reviews) != 120 || pr.Author != "pthanh-snv" || snap.HeadSHA != head || snap.BaseSHA != base {
		t.Fatalf("snapshot: %d files, %d reviews, author %s", len(snap.Files), len(snap.Reviews), pr.Author)
	}
	if len(snap.Articles) != 1 || !strings.Contains(string(snap.Articles["content/cai-cach-hanh-chinh/2026/tin.md"]), "Tin 1") {
		t.Fatalf("articles: %v", snap.Articles)
	}
	d := policy.Evaluate(pol, snap)
	if !d.Mergeable {
		t.Fatalf("decision: %+v", d.Reasons)
	}
	// 1 pull request + 3 pages of files + 2 pages of reviews + 1 of commits + config.yaml at
	// base + 1 article at head.
	if got := len(s.Requests()); got != 9 || c.Requests() != 9 {
		t.Fatalf("requests = %d (client counted %d), want 9:\n%v", got, c.Requests(), s.Requests())
	}
	if s.Count("GET", "/repos/sonoivu/website/contents/config.yaml") != 1 {
		t.Fatal("config.yaml not read once")
	}
	for _, r := range s.Requests() {
		if strings.Contains(r.Path, "contents/config.yaml") && !strings.Contains(r.Path, "ref="+base) {
			t.Fatalf("config.yaml read at %s, not at the base commit", r.Path)
		}
		if strings.Contains(r.Path, "contents/content/") && !strings.Contains(r.Path, "ref="+head) {
			t.Fatalf("article read at %s, not at the head commit", r.Path)
		}
	}
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name     string
		fail     func(s *githubtest.Server)
		requests int
		wantErr  string
	}{
		{"502 then success", func(s *githubtest.Server) {
			s.Fail("GET", "/repos/sonoivu/website/pulls/12/files", 1, 502, nil, `{"message":"Server Error"}`)
		}, 7, ""},
		{"secondary rate limit then success", func(s *githubtest.Server) {
			s.FailSecondaryRateLimit("GET", "/repos/sonoivu/website/pulls/12/reviews", 1)
		}, 7, ""},
		{"primary rate limit resets soon", func(s *githubtest.Server) {
			s.FailPrimaryRateLimit("GET", "/repos/sonoivu/website/pulls/12", time.Second)
		}, 7, ""},
		{"permanent 500", func(s *githubtest.Server) {
			s.Fail("GET", "/repos/sonoivu/website/pulls/12/reviews", 100, 500, nil, "")
		}, 2 + 5, "listing the reviews of pull request #12: GitHub answered 500"},
		{"primary rate limit too far away", func(s *githubtest.Server) {
			s.FailPrimaryRateLimit("GET", "/repos/sonoivu/website/pulls/12", time.Hour)
		}, 1, "rate limit is used up until"},
		{"not found", func(s *githubtest.Server) {
			s.Fail("GET", "/repos/sonoivu/website/pulls/12", 1, 404, nil, `{"message":"Not Found"}`)
		}, 1, "check the repository name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := server(t, 1, 0)
			tt.fail(s)
			c := client(t, s)
			_, _, _, err := c.Snapshot(context.Background(), 12, time.Now())
			if tt.wantErr == "" && err != nil {
				t.Fatalf("error: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			if got := len(s.Requests()); got != tt.requests {
				t.Fatalf("requests = %d, want %d: %v", got, tt.requests, s.Requests())
			}
		})
	}
}

func TestNew(t *testing.T) {
	if _, err := New(Options{Repo: "a/b"}); err != ErrNoToken {
		t.Fatalf("no token: %v", err)
	}
	if _, err := New(Options{Token: "x", Repo: "ab"}); err == nil || !strings.Contains(err.Error(), "OWNER/NAME") {
		t.Fatalf("bad repo: %v", err)
	}
	c, err := New(Options{Token: "x", Repo: "a/b", APIURL: "https://ghe.example/api/v3"})
	if err != nil || c.gh.BaseURL.String() != "https://ghe.example/api/v3/" {
		t.Fatalf("enterprise URL: %v %v", c, err)
	}
}

func TestUpsertComment(t *testing.T) {
	s := server(t, 1, 0)
	c := client(t, s)
	ctx := context.Background()
	s.PR(12).Comments = append(s.PR(12).Comments, &githubtest.Comment{ID: 1, User: "pthanh-snv", Body: "<!-- bbtgen:gate -->\nfake card by the author"})
	for i, want := range []string{Created, Unchanged, Updated} {
		body := "Thẻ duyệt bài"
		if i == 2 {
			body = "Thẻ duyệt bài đã đổi"
		}
		got, err := c.UpsertComment(ctx, 12, s.Login, "<!-- bbtgen:gate -->", body)
		if err != nil || got != want {
			t.Fatalf("upsert %d: %v %v, want %v", i, got, err, want)
		}
	}
	comments := s.PR(12).Comments
	if len(comments) != 2 || comments[0].Body != "<!-- bbtgen:gate -->\nfake card by the author" || comments[1].Body != "<!-- bbtgen:gate -->\nThẻ duyệt bài đã đổi" {
		t.Fatalf("comments: %+v %+v", comments[0], comments[len(comments)-1])
	}
	if n := s.Count("POST", "/repos/sonoivu/website/issues/12/comments"); n != 1 {
		t.Fatalf("posted %d comments", n)
	}
}

// TestQueueRequests counts the requests the review queue makes for 50 open pull requests: one
// page of pull requests, then files, reviews and timeline of each.
func TestQueueRequests(t *testing.T) {
	s := githubtest.New("sonoivu", "website")
	t.Cleanup(s.Close)
	for n := 1; n <= 50; n++ {
		s.AddPR(&githubtest.PR{Number: n, Title: "Bài", User: "pthanh-snv", HeadSHA: head,
			Files:   []githubtest.File{{Filename: fmt.Sprintf("content/hoi-dap/2026/bai-%d.md", n), Status: "added"}},
			Reviews: []githubtest.Review{{User: "lhtrung-snv", State: "APPROVED", CommitID: head, SubmittedAt: time.Now()}}})
	}
	c := client(t, s)
	inputs, _, err := c.QueueInputs(context.Background(), "main")
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) != 50 || len(inputs[0].Snapshot.Reviews) != 1 {
		t.Fatalf("inputs: %d", len(inputs))
	}
	if got := len(s.Requests()); got != 151 {
		t.Fatalf("requests = %d, want 151", got)
	}
}

// A POST that GitHub carried out but answered with 502 must not be sent again blindly: the
// comment is looked for first, so there is exactly one. Duplicates an older run left are removed.
func TestCommentExactlyOnce(t *testing.T) {
	const marker = "<!-- bbtgen:remind -->"
	for _, tt := range []struct {
		name  string
		fault func(s *githubtest.Server)
		posts int
	}{
		{"stored, then 502", func(s *githubtest.Server) { s.FailAfter("POST", "/repos/sonoivu/website/issues/12/comments", 1, 502) }, 1},
		{"refused with 502, then stored", func(s *githubtest.Server) {
			s.Fail("POST", "/repos/sonoivu/website/issues/12/comments", 1, 502, nil, "")
		}, 2},
		{"secondary rate limit, then stored", func(s *githubtest.Server) {
			s.FailSecondaryRateLimit("POST", "/repos/sonoivu/website/issues/12/comments", 1)
		}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := server(t, 1, 0)
			tt.fault(s)
			c := client(t, s)
			if err := c.CreateComment(context.Background(), 12, s.Login, marker, "Nhắc việc"); err != nil {
				t.Fatal(err)
			}
			if n := len(s.PR(12).Comments); n != 1 {
				t.Fatalf("%d comments, want 1", n)
			}
			if n := s.Count("POST", "/repos/sonoivu/website/issues/12/comments"); n != tt.posts {
				t.Fatalf("%d POSTs, want %d", n, tt.posts)
			}
		})
	}
	t.Run("duplicates removed", func(t *testing.T) {
		s := server(t, 1, 0)
		for id := int64(1); id <= 3; id++ {
			s.PR(12).Comments = append(s.PR(12).Comments, &githubtest.Comment{ID: id, User: s.Login, Body: marker + "\nNhắc việc"})
		}
		s.PR(12).Comments = append(s.PR(12).Comments, &githubtest.Comment{ID: 4, User: "pthanh-snv", Body: marker + "\nbản sao của tác giả"})
		c := client(t, s)
		got, err := c.UpsertComment(context.Background(), 12, s.Login, marker, "Nhắc việc")
		if err != nil || got != Unchanged {
			t.Fatalf("upsert: %v %v", got, err)
		}
		var ids []int64
		for _, cm := range s.PR(12).Comments {
			ids = append(ids, cm.ID)
		}
		if fmt.Sprint(ids) != "[1 4]" || s.Count("DELETE", "/repos/sonoivu/website/issues/comments/.*") != 2 {
			t.Fatalf("comments left: %v", ids)
		}
	})
}

// setup github reads the protection first and only tightens it: nothing stricter that an
// administrator set is lost.
func TestProtectOnlyTightens(t *testing.T) {
	s := server(t, 1, 0)
	s.SetProtection("main", `{
		"required_status_checks": {"strict": false, "checks": [{"context": "security scan", "app_id": 42}]},
		"required_pull_request_reviews": {"dismiss_stale_reviews": false, "require_code_owner_reviews": true, "required_approving_review_count": 2,
			"dismissal_restrictions": {"users": ["txlong-snv"], "teams": []}},
		"enforce_admins": false,
		"restrictions": {"users": ["lhtrung-snv"], "teams": ["ban-bien-tap"]},
		"required_linear_history": true,
		"allow_force_pushes": true,
		"required_conversation_resolution": true
	}`)
	c := client(t, s)
	changes, err := c.Protect(context.Background(), Protection{Branch: "main", Checks: []string{"bbtgen check", "bbtgen review gate"}})
	if err != nil {
		t.Fatal(err)
	}
	var sent map[string]any
	if err := json.Unmarshal(s.Protection("main"), &sent); err != nil {
		t.Fatal(err)
	}
	body := string(s.Protection("main"))
	for _, want := range []string{`"context":"security scan","app_id":42`, `"context":"bbtgen check"`, `"context":"bbtgen review gate"`, `"strict":true`,
		`"required_approving_review_count":2`, `"dismiss_stale_reviews":true`, `"require_last_push_approval":true`, `"enforce_admins":true`,
		`"restrictions":{"users":["lhtrung-snv"],"teams":["ban-bien-tap"],"apps":[]}`, `"required_linear_history":true`,
		`"allow_force_pushes":false`, `"required_conversation_resolution":true`, `"dismissal_restrictions":{"users":["txlong-snv"],"teams":[],"apps":[]}`} {
		if !strings.Contains(body, want) {
			t.Errorf("the protection sent lacks %s:\n%s", want, body)
		}
	}
	var lines []string
	for _, ch := range changes {
		lines = append(lines, ch.String())
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"status checks must now be up to date", "required check added: bbtgen check", "now required: dismissal of stale approvals",
		"now enforced for administrators too", "force pushes are no longer allowed"} {
		if !strings.Contains(text, want) {
			t.Errorf("changes lack %q:\n%s", want, text)
		}
	}
	// A second run changes nothing.
	changes, err = c.Protect(context.Background(), Protection{Branch: "main", Checks: []string{"bbtgen check", "bbtgen review gate"}})
	if err != nil || len(changes) != 0 {
		t.Fatalf("second run: %v %v", changes, err)
	}
}
