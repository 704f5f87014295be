package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge/githubtest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gittest"
)

// historyRepo is a small publishing branch: November 2026, two units, a co-authored article.
func historyRepo(t *testing.T) string {
	t.Helper()
	g := gittest.New(t)
	cfg, err := os.ReadFile(filepath.Join(repoRoot(t), "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ict := time.FixedZone("ICT", 7*3600)
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, ict) }
	g.Write("config.yaml", string(cfg))
	g.Commit(at(2, 9), "Khởi tạo")
	art := func(title, authors, unit string) string {
		return "---\ntitle: \"" + title + "\"\ndate: 2026-11-02T09:00:00+07:00\nauthors: [" + authors + "]\nunit: " + unit + "\nsummary: \"Tóm tắt.\"\n---\nNội dung.\n"
	}
	g.Write("content/cai-cach-hanh-chinh/2026/mot-cua.md", art("Một cửa điện tử", "pthanh, ntvu", "phong-cchc"))
	g.Commit(at(23, 10), "Tin một cửa (#21)")
	g.Write("content/tin-hoat-dong/2026/hoi-nghi.md", art("Hội nghị", "lhtrung", "van-phong"))
	g.Commit(at(24, 15), "Tin hội nghị (#22)")
	g.Write("content/tin-hoat-dong/2026/hoi-nghi.md", art("Hội nghị sơ kết", "lhtrung", "van-phong"))
	g.Commit(at(25, 9), "Sửa tin hội nghị")
	return g.Dir
}

func runCLI(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }, Now: time.Now}, Tool{Name: "bbtgen", Commands: Commands()})
	return out.String(), errOut.String(), code
}

func TestRoyaltyCommand(t *testing.T) {
	dir := historyRepo(t)
	out, stderr, code := runCLI(t, nil, "royalty", "--site", dir, "--month", "2026-11")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "\uFEFFNgày đăng,Tiêu đề,") || !strings.Contains(out, "\r\n") {
		t.Fatalf("CSV without BOM or CRLF:\n%q", out[:80])
	}
	for _, want := range []string{"23/11/2026,Một cửa điện tử,Cải cách hành chính,Tin,3,1,1/2,Phạm Thị Hạnh,Phòng Cải cách hành chính,253000,379500,22/01/2027",
		"Tổng cộng tháng 2026-11,,,,,3,,,,,1518000"} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q:\n%s", want, out)
		}
	}
	again, _, _ := runCLI(t, nil, "royalty", "--site", dir, "--month", "2026-11")
	if again != out {
		t.Error("the same history gave different bytes")
	}
	out, _, _ = runCLI(t, nil, "royalty", "--site", dir, "--month", "2026-11", "--unit", "van-phong", "--format", "md")
	if !strings.Contains(out, "| 24/11/2026 | Hội nghị |") || strings.Contains(out, "Một cửa") || !strings.Contains(out, "**Tổng cộng: 759.000 đ** (1 dòng)") {
		t.Errorf("markdown for one unit:\n%s", out)
	}
	for _, bad := range [][]string{{"royalty", "--site", dir, "--month", "11/2026"}, {"royalty", "--site", dir, "--month", "2026-11", "--unit", "khong-co"}, {"royalty", "--site", dir, "--month", "2026-11", "--format", "xlsx"}} {
		if _, _, code := runCLI(t, nil, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func TestReportCommand(t *testing.T) {
	dir := historyRepo(t)
	s := githubtest.New("sonoivu", "website")
	t.Cleanup(s.Close)
	ict := time.FixedZone("ICT", 7*3600)
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, ict).UTC() }
	const h = "4ead000000000000000000000000000000000021"
	s.AddPR(&githubtest.PR{Number: 21, Title: "Tin một cửa", User: "pthanh-snv", State: "closed", HeadSHA: h, CreatedAt: at(18, 9), MergedAt: at(23, 10), MergeCommitSHA: "m21",
		Files: []githubtest.File{{Filename: "content/cai-cach-hanh-chinh/2026/mot-cua.md", Status: "added"}},
		Reviews: []githubtest.Review{{User: "lhtrung-snv", State: "APPROVED", CommitID: h, SubmittedAt: at(19, 14)},
			{User: "ntvu-snv", State: "APPROVED", CommitID: h, SubmittedAt: at(23, 9)}}}) // verified Thursday 19, approved Monday 23: late
	s.AddPR(&githubtest.PR{Number: 22, Title: "Tin hội nghị", User: "lhtrung-snv", State: "closed", HeadSHA: h, CreatedAt: at(24, 8), MergedAt: at(24, 15), MergeCommitSHA: "m22",
		Files:   []githubtest.File{{Filename: "content/tin-hoat-dong/2026/hoi-nghi.md", Status: "added"}},
		Reviews: []githubtest.Review{{User: "ttdinh-snv", State: "APPROVED", CommitID: h, SubmittedAt: at(24, 10)}}})
	s.AddPR(&githubtest.PR{Number: 5, Title: "Cũ", User: "pthanh-snv", State: "closed", HeadSHA: h, CreatedAt: at(1, 8), MergedAt: at(1, 9)})
	env := map[string]string{"GITHUB_TOKEN": "x", "GITHUB_API_URL": s.APIURL(), "GITHUB_REPOSITORY": "sonoivu/website", "BBTGEN_RETRY_WAIT": "1ms"}

	out, stderr, code := runCLI(t, env, "report", "--site", dir, "--from", "2026-11-15", "--to", "2026-11-30", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"publications": 2,`, `"revisions": 1,`, `"pull_requests": 2,`,
		`"login": "ntvu-snv",`, `"stage": "approve",`, `"deadlines_met": 0,`, `"login": "ttdinh-snv",`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	html, _, code := runCLI(t, env, "report", "--site", dir, "--from", "2026-11-15", "--to", "2026-11-30", "--format", "html")
	if code != 0 || !strings.Contains(html, "<svg") || strings.Contains(html, "<script") || strings.Contains(html, "http://") && !strings.Contains(html, "xmlns=\"http://www.w3.org/2000/svg\"") {
		t.Fatalf("HTML report (exit %d):\n%s", code, html)
	}
	for _, want := range []string{`<html lang="vi">`, "Tin, bài xuất bản theo tháng và đơn vị", "Tỷ lệ đúng hạn theo người duyệt", "Nguyễn Thanh Vũ – Duyệt", ">0%<", ">100%<"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// Without a token the report still counts contributions.
	md, stderr, code := runCLI(t, nil, "report", "--site", dir, "--from", "2026-11-01", "--to", "2026-11-30")
	if code != 0 || !strings.Contains(md, "| Phòng Cải cách hành chính | 1 | 0 | Cải cách hành chính: 1 |") || !strings.Contains(stderr, "chưa đặt GITHUB_TOKEN") {
		t.Fatalf("markdown report (exit %d):\n%s\n%s", code, md, stderr)
	}
}

// repoRoot is the folder of the sample site (and of the module).
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}
