package audit

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge/githubtest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gittest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

var ict = time.FixedZone("ICT", 7*3600)

func vn(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, ict) }

func article(title, authors, unit string, extra string) string {
	return "---\ntitle: \"" + title + "\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [" + authors + "]\nunit: " + unit + "\nsummary: \"Tóm tắt.\"\n" + extra + "---\nNội dung.\n"
}

func TestAudit(t *testing.T) {
	g := gittest.New(t)
	cfg := testfixture.ConfigYAML
	g.Write("config.yaml", string(cfg))
	g.Write("content/_index.md", "---\ntitle: \"Trang chủ\"\n---\n")
	g.Commit(vn(1, 8, 0), "Khởi tạo")

	s := githubtest.New("sonoivu", "website")
	t.Cleanup(s.Close)
	pr := func(n int, title, user, head, merge string, merged time.Time, reviews ...githubtest.Review) {
		s.AddPR(&githubtest.PR{Number: n, Title: title, User: user, State: "closed", HeadSHA: head, MergedAt: merged.UTC(), MergeCommitSHA: merge, MergedBy: "lhtrung-snv", Commits: []string{head}, Reviews: reviews})
	}
	rv := func(user, state, commit string, at time.Time) githubtest.Review {
		return githubtest.Review{User: user, State: state, CommitID: commit, SubmittedAt: at.UTC()}
	}

	// #1: a merge commit of an approved and verified pull request, deployed the same day.
	g.Git(vn(24, 8, 0), "checkout", "-q", "-b", "bai-1")
	g.Write("content/cai-cach-hanh-chinh/2026/mot-cua.md", article("Một cửa", "pthanh", "phong-cchc", ""))
	h1 := g.Commit(vn(24, 8, 0), "Tin một cửa")
	g.Git(vn(24, 10, 0), "checkout", "-q", "main")
	g.Git(vn(24, 10, 0), "merge", "-q", "--no-ff", "-m", "Merge pull request #1", "bai-1")
	m1 := g.Git(vn(24, 10, 0), "rev-parse", "HEAD")
	pr(1, "Tin một cửa", "pthanh-snv", h1, m1, vn(24, 10, 0), rv("ntvu-snv", "APPROVED", h1, vn(24, 9, 0)), rv("lhtrung-snv", "APPROVED", h1, vn(24, 9, 30)),
		rv("txlong-snv", "CHANGES_REQUESTED", h1, vn(24, 11, 0))) // after the merge: does not count
	s.AddDeployment(githubtest.Deployment{SHA: m1, Environment: "github-pages", CreatedAt: vn(24, 10, 5).UTC()})

	// A direct push.
	g.Write("content/tin-hoat-dong/2026/sua-nhanh.md", article("Sửa nhanh", "lhtrung", "van-phong", ""))
	d2 := g.Commit(vn(24, 15, 0), "Sửa nhanh trên main")

	// #2: a squash merge whose publication approval was given on an older commit.
	g.Write("content/hoi-dap/2026/nghi-phep.md", article("Nghỉ phép", "nvbinh", "phong-tcbc", "question: \"Hỏi?\"\nasker: \"Ông N.V.A.\"\nanswer_unit: phong-tcbc\nanswered: 2026-11-20\n"))
	s3 := g.Commit(vn(25, 9, 0), "Hỏi đáp nghỉ phép (#2)")
	const h2, h2old = "2222222222222222222222222222222222222222", "2222222222222222222222222222222222220000"
	pr(2, "Hỏi đáp nghỉ phép", "nvbinh-snv", h2, s3, vn(25, 9, 0), rv("txlong-snv", "APPROVED", h2old, vn(24, 16, 0)), rv("lhtrung-snv", "APPROVED", h2, vn(25, 8, 0)))

	// #3: config.yaml changed by a deputy who approved it himself.
	g.Git(vn(25, 10, 0), "checkout", "-q", "-b", "cau-hinh")
	g.Write("config.yaml", strings.Replace(string(cfg), "  absences: []", "  absences:\n    - {member: ntvu, from: 2026-12-01, to: 2026-12-05}", 1))
	h3 := g.Commit(vn(25, 10, 0), "Nghỉ phép tháng 12")
	g.Git(vn(25, 11, 0), "checkout", "-q", "main")
	g.Git(vn(25, 11, 0), "merge", "-q", "--no-ff", "-m", "Merge pull request #3", "cau-hinh")
	m4 := g.Git(vn(25, 11, 0), "rev-parse", "HEAD")
	pr(3, "Nghỉ phép tháng 12", "ntvu-snv", h3, m4, vn(25, 11, 0), rv("ntvu-snv", "APPROVED", h3, vn(25, 10, 30)), rv("lhtrung-snv", "APPROVED", h3, vn(25, 10, 40)))

	repo, err := gitrepo.Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	tip, err := gitrepo.Resolve(repo, "refs/heads/main")
	if err != nil {
		t.Fatal(err)
	}
	c, err := forge.New(forge.Options{Token: "x", APIURL: s.APIURL(), Repo: "sonoivu/website", WaitMin: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Repo: repo, Tip: tip, Branch: "main", Since: vn(20, 0, 0), Environment: "github-pages", Forge: c})
	if err != nil {
		t.Fatal(err)
	}
	if res.Commits != 4 {
		t.Errorf("audited %d commits, want 4 (the initial commit is before --since)", res.Commits)
	}
	got := map[string]Violation{}
	for _, v := range res.Violations {
		got[v.Commit] = v
	}
	if len(res.Violations) != 3 {
		t.Fatalf("violations: %+v", res.Violations)
	}
	if v := got[d2]; v.Kind != "direct-push" || v.PR != 0 {
		t.Errorf("direct push: %+v", v)
	}
	if v := got[s3]; v.Kind != "not-approved" || v.PR != 2 || !strings.Contains(v.Reasons[0].Message, "@txlong-snv approved an earlier commit") {
		t.Errorf("stale approval: %+v", v)
	}
	if v := got[m4]; v.Kind != "not-approved" || v.PR != 3 || v.Reasons[0].Area != "governance" || fmt.Sprint(v.Reasons[0].Unblock) != "[txlong-snv]" {
		t.Errorf("self-approved governance change: %+v", v)
	}
	if _, ok := got[m1]; ok {
		t.Errorf("the approved pull request #1 was flagged: %+v", got[m1])
	}
	// Timing: #1 approved 09:30, merged 10:00, online 10:05 the same day.
	var p1 *Publication
	for i := range res.Publications {
		if res.Publications[i].PR == 1 {
			p1 = &res.Publications[i]
		}
	}
	if p1 == nil || p1.ApprovedAt == nil || !p1.ApprovedAt.Equal(vn(24, 9, 30)) || p1.DeployedAt == nil || !p1.DeployedAt.Equal(vn(24, 10, 5)) || !p1.SameDay {
		t.Fatalf("publication of #1: %+v", p1)
	}
	// Requests: deployments, then one commit→pulls lookup per commit and the reviews of each
	// pull request once.
	if n := len(s.Requests()); n != 1+4+3 {
		t.Errorf("requests = %d, want 8: %v", n, s.Requests())
	}
}
