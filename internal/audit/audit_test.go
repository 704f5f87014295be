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
	qa := article("Nghỉ phép", "nvbinh", "phong-tcbc", "question: \"Hỏi?\"\nasker: \"Ông N.V.A.\"\nanswer_unit: phong-tcbc\nanswered: 2026-11-20\n")
	g.Git(vn(24, 16, 0), "checkout", "-q", "-b", "bai-2")
	g.Write("content/hoi-dap/2026/nghi-phep.md", strings.Replace(qa, "Nội dung.", "Bản đầu.", 1))
	h2old := g.Commit(vn(24, 15, 0), "Hỏi đáp nghỉ phép")
	g.Write("content/hoi-dap/2026/nghi-phep.md", qa)
	h2 := g.Commit(vn(25, 8, 0), "Sửa câu trả lời")
	g.Git(vn(25, 9, 0), "checkout", "-q", "main")
	g.Git(vn(25, 9, 0), "merge", "-q", "--squash", "bai-2")
	s3 := g.Commit(vn(25, 9, 0), "Hỏi đáp nghỉ phép (#2)")
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
	// #1 went online 35 minutes after its approval; #2 and #3 have no valid approval time.
	if res.MedianToOnline != 35*time.Minute {
		t.Errorf("median approval → online = %s, want 35m", res.MedianToOnline)
	}
	// Requests: deployments, then one commit→pulls lookup per commit and the reviews of each
	// pull request once.
	if n := len(s.Requests()); n != 1+4+3 {
		t.Errorf("requests = %d, want 8: %v", n, s.Requests())
	}
}

// The ways issue 20 found to make the audit say something untrue, each on a real history.
func TestAuditCannotBeDodged(t *testing.T) {
	g := gittest.New(t)
	cfg := string(testfixture.ConfigYAML)
	g.Write("config.yaml", cfg)
	g.Write("content/_index.md", "---\ntitle: \"Trang chủ\"\n---\n")
	root := g.Commit(vn(1, 8, 0), "Khởi tạo")

	s := githubtest.New("sonoivu", "website")
	t.Cleanup(s.Close)
	rv := func(user, commit string, at time.Time) githubtest.Review {
		return githubtest.Review{User: user, State: "APPROVED", CommitID: commit, SubmittedAt: at.UTC()}
	}
	merged := func(n int, head, merge string, at time.Time, commits []string, reviews ...githubtest.Review) {
		s.AddPR(&githubtest.PR{Number: n, Title: fmt.Sprintf("PR %d", n), User: "pthanh-snv", State: "closed", HeadSHA: head,
			MergedAt: at.UTC(), MergeCommitSHA: merge, MergedBy: "lhtrung-snv", Commits: commits, Reviews: reviews})
	}
	mergeBranch := func(when time.Time, branch, msg string) string {
		g.Git(when, "checkout", "-q", "main")
		g.Git(when, "merge", "-q", "--no-ff", "-m", msg, branch)
		return g.Git(when, "rev-parse", "HEAD")
	}

	// #5, a rebase merge: its first commit switches verification off for Cải cách hành chính
	// (with the Head's approval of config.yaml), its second publishes an article of it that
	// nobody of the secretariat verified. Judged with the policy before the pull request.
	g.Git(vn(20, 8, 0), "checkout", "-q", "-b", "bai-5")
	g.Write("config.yaml", strings.Replace(cfg, "    description: \"Tin, bài về cải cách hành chính trên địa bàn tỉnh.\"\n    verification: true",
		"    description: \"Tin, bài về cải cách hành chính trên địa bàn tỉnh.\"\n    verification: false", 1))
	c5a := g.Commit(vn(20, 8, 0), "Bỏ xác thực")
	g.Write("content/cai-cach-hanh-chinh/2026/mot-cua.md", article("Một cửa", "pthanh", "phong-cchc", ""))
	c5b := g.Commit(vn(20, 8, 5), "Tin một cửa")
	g.Git(vn(20, 9, 0), "checkout", "-q", "main")
	g.Git(vn(20, 9, 0), "rebase", "-q", "bai-5") // fast-forward: the two commits land on main as they are
	merged(5, c5b, c5b, vn(20, 9, 0), []string{c5a, c5b}, rv("txlong-snv", c5b, vn(20, 8, 30)), rv("ntvu-snv", c5b, vn(20, 8, 40)))

	// #6: an approved pull request whose final diff dropped a commit again; that commit is then
	// pushed to main directly. GitHub lists it under #6.
	g.Git(vn(21, 8, 0), "checkout", "-q", "-b", "bai-6")
	g.Write("content/tin-hoat-dong/2026/tin-6.md", article("Tin 6", "lhtrung", "van-phong", ""))
	h6 := g.Commit(vn(21, 8, 0), "Tin 6")
	m6 := mergeBranch(vn(21, 9, 0), "bai-6", "Merge pull request #6")
	g.Write("content/hoi-dap/2026/cau-hoi-gia.md", article("Giả", "lhtrung", "van-phong", ""))
	evil := g.Commit(vn(21, 10, 0), "Sửa nhỏ")
	merged(6, h6, m6, vn(21, 9, 0), []string{h6, evil}, rv("ttdinh-snv", h6, vn(21, 8, 30)))

	// #7: a hand-made merge of an approved pull request that slips in an extra file.
	g.Git(vn(22, 8, 0), "checkout", "-q", "-b", "bai-7")
	g.Write("content/tin-hoat-dong/2026/tin-7.md", article("Tin 7", "lhtrung", "van-phong", ""))
	h7 := g.Commit(vn(22, 8, 0), "Tin 7")
	g.Git(vn(22, 9, 0), "checkout", "-q", "main")
	g.Git(vn(22, 9, 0), "merge", "-q", "--no-ff", "--no-commit", "bai-7")
	g.Write("content/gioi-thieu/them.md", "---\ntitle: \"Thêm\"\n---\n")
	m7 := g.Commit(vn(22, 9, 0), "Merge pull request #7")
	merged(7, h7, m7, vn(22, 9, 0), []string{h7}, rv("ttdinh-snv", h7, vn(22, 8, 30)))

	// A direct push breaks config.yaml; #8, approved, comes after it: the bad configuration is a
	// finding of its own and #8 is still judged (with the last valid policy).
	g.Write("config.yaml", "site: [\n")
	broken := g.Commit(vn(23, 8, 0), "Sửa cấu hình")
	g.Git(vn(23, 9, 0), "checkout", "-q", "-b", "bai-8")
	g.Write("content/tin-hoat-dong/2026/tin-8.md", article("Tin 8", "lhtrung", "van-phong", ""))
	h8 := g.Commit(vn(23, 9, 0), "Tin 8")
	m8 := mergeBranch(vn(23, 10, 0), "bai-8", "Merge pull request #8")
	merged(8, h8, m8, vn(23, 10, 0), []string{h8})

	// A direct push backdated to before the audited range, after commits inside it.
	g.Write("content/tin-hoat-dong/2026/lui-ngay.md", article("Lùi ngày", "lhtrung", "van-phong", ""))
	backdated := g.Commit(vn(2, 8, 0), "Lùi ngày")

	repo, err := gitrepo.Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	tip, err := gitrepo.Resolve(repo, "refs/heads/main")
	if err != nil {
		t.Fatal(err)
	}
	run := func(o Options) map[string][]Violation {
		t.Helper()
		c, err := forge.New(forge.Options{Token: "x", APIURL: s.APIURL(), Repo: "sonoivu/website", WaitMin: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		o.Repo, o.Tip, o.Branch, o.Forge = repo, tip, "main", c
		res, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]Violation{}
		for _, v := range res.Violations {
			got[v.Commit] = append(got[v.Commit], v)
		}
		return got
	}
	has := func(vs []Violation, kind, text string) bool {
		for _, v := range vs {
			for _, r := range v.Reasons {
				if v.Kind == kind && strings.Contains(r.Message, text) {
					return true
				}
			}
		}
		return false
	}

	got := run(Options{Since: vn(15, 0, 0)})
	if !has(got[c5b], KindNotApproved, "Cải cách hành chính (cai-cach-hanh-chinh) needs verification") {
		t.Errorf("#5 judged with its own config.yaml: %+v", got[c5b])
	}
	if len(got[c5a]) != 0 {
		t.Errorf("the first commit of a rebase merge is judged with the run: %+v", got[c5a])
	}
	if !has(got[evil], KindDirectPush, "reached main without a merged pull request") {
		t.Errorf("a commit of an approved pull request pushed on its own: %+v", got[evil])
	}
	if len(got[m6]) != 0 {
		t.Errorf("#6 itself is fine: %+v", got[m6])
	}
	if !has(got[m7], KindNotApprovedAs, "content/gioi-thieu/them.md is on main after pull request #7, but the approved head") {
		t.Errorf("an extra file in a hand-made merge: %+v", got[m7])
	}
	if !has(got[broken], KindDirectPush, "") {
		t.Errorf("the broken config.yaml came by a direct push: %+v", got[broken])
	}
	if !has(got[m8], KindPolicyUnknown, "config.yaml at "+broken[:7]+" is invalid") || !has(got[m8], KindNotApproved, "needs an approving review") {
		t.Errorf("#8 after an invalid config.yaml: %+v", got[m8])
	}
	if !has(got[backdated], KindDirectPush, "") || !has(got[backdated], KindBackdated, "is dated 2026-11-02") {
		t.Errorf("a backdated direct push inside the range: %+v", got[backdated])
	}

	// By position: --from a commit audits what follows it, whatever the dates say.
	got = run(Options{From: m7})
	if _, ok := got[m7]; ok {
		t.Errorf("--from %s audited %s itself", m7[:7], m7[:7])
	}
	if !has(got[backdated], KindDirectPush, "") || len(got[evil]) != 0 {
		t.Errorf("--from: %v", got)
	}
	if _, err := Run(context.Background(), Options{Repo: repo, Tip: tip, Branch: "main", From: h7, Forge: nil}); err == nil ||
		!strings.Contains(err.Error(), "is not a commit of the first-parent history of main") {
		t.Errorf("--from a commit off the first-parent chain: %v", err)
	}
	_ = root
}
