package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge/githubtest"
)

// Fake GitHub scenarios for the scripts: `github start NAME` starts one and points
// GITHUB_API_URL at it; `github count METHOD PATH-REGEXP N` checks the requests it received;
// `github comments PR N` checks how many comments a pull request carries.
var scenarios = map[string]func(s *githubtest.Server, root string){
	"gate": func(s *githubtest.Server, root string) {
		cfg, _ := os.ReadFile(filepath.Join(root, "config.yaml"))
		const base, head = "ba5e000000000000000000000000000000000001", "4ead000000000000000000000000000000000001"
		s.SetFile(base, "config.yaml", cfg)
		t0 := time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)
		article := "---\ntitle: \"Một cửa điện tử\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [pthanh]\nunit: phong-cchc\nsummary: \"Tóm tắt.\"\n%s---\nNội dung.\n"
		// #12: approved by the deputy and verified by the secretariat, on the head commit.
		s.SetFile(head, "content/cai-cach-hanh-chinh/2026/mot-cua.md", fmt.Appendf(nil, article, ""))
		s.AddPR(&githubtest.PR{Number: 12, Title: "Tin một cửa", User: "pthanh-snv", BaseSHA: base, HeadSHA: head,
			Files: []githubtest.File{{Filename: "content/cai-cach-hanh-chinh/2026/mot-cua.md", Status: "added"}},
			Reviews: []githubtest.Review{
				{User: "ntvu-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(time.Hour)},
				{User: "lhtrung-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(2 * time.Hour)},
			}})
		// #13: an article of tin-hoat-dong that moves itself into van-ban, approved by the
		// wrong deputy, on an older commit; it also edits a layout.
		const head13 = "4ead000000000000000000000000000000000013"
		s.SetFile(head13, "content/tin-hoat-dong/2026/gia-mao.md", fmt.Appendf(nil, article, "url: /van-ban/quyet-dinh-gia/\n"))
		s.AddPR(&githubtest.PR{Number: 13, Title: "Tin giả mạo", User: "pthanh-snv", BaseSHA: base, HeadSHA: head13,
			Files: []githubtest.File{{Filename: "content/tin-hoat-dong/2026/gia-mao.md", Status: "added"}, {Filename: "layouts/page.html", Status: "modified"}},
			Reviews: []githubtest.Review{
				{User: "ntvu-snv", State: "APPROVED", CommitID: head13, SubmittedAt: t0.Add(time.Hour)},
				{User: "ttdinh-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(2 * time.Hour)},
			}})
		// #14: GitHub keeps failing while reading its reviews.
		s.AddPR(&githubtest.PR{Number: 14, Title: "Không đọc được", User: "pthanh-snv", BaseSHA: base, HeadSHA: head,
			Files: []githubtest.File{{Filename: "content/cai-cach-hanh-chinh/2026/mot-cua.md", Status: "added"}}})
		s.Fail("GET", "/repos/sonoivu/website/pulls/14/reviews", 1000, 500, nil, "")
		approvedBoth := []githubtest.Review{
			{User: "ntvu-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(time.Hour)},
			{User: "lhtrung-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(2 * time.Hour)},
		}
		mot := []githubtest.File{{Filename: "content/cai-cach-hanh-chinh/2026/mot-cua.md", Status: "added"}}
		// #15: everything approved, but into another branch.
		s.AddPR(&githubtest.PR{Number: 15, Title: "Sai nhánh", User: "pthanh-snv", BaseRef: "thu-nghiem", BaseSHA: base, HeadSHA: head,
			Files: mot, Reviews: approvedBoth})
		// #16: the deputy pushed the last commit into the author's pull request, then approved.
		s.AddPR(&githubtest.PR{Number: 16, Title: "Sửa giúp", User: "pthanh-snv", BaseSHA: base, HeadSHA: head,
			Files: mot, Reviews: approvedBoth, CommitList: []githubtest.Commit{
				{SHA: "4ead00000000000000000000000000000000000f", Author: "pthanh-snv", Committer: "pthanh-snv", Date: t0},
				{SHA: head, Author: "ntvu-snv", Committer: "ntvu-snv", Date: t0.Add(30 * time.Minute)},
			}})
		// #18: an article that is a link to the source of a draft of another category.
		s.SetSymlink(head, "content/cai-cach-hanh-chinh/2026/lien-ket.md", "../../hoi-dap/2026/nhap.md")
		s.AddPR(&githubtest.PR{Number: 18, Title: "Liên kết", User: "pthanh-snv", BaseSHA: base, HeadSHA: head,
			Files: []githubtest.File{{Filename: "content/cai-cach-hanh-chinh/2026/lien-ket.md", Status: "added"}}, Reviews: approvedBoth})
		// #17: a file name that tries to start a workflow command on a line of its own.
		s.AddPR(&githubtest.PR{Number: 17, Title: "Tên tệp", User: "pthanh-snv", BaseSHA: base, HeadSHA: head,
			Files: []githubtest.File{{Filename: "content/cai-cach-hanh-chinh/2026/x\n::error file=config.yaml::approved", Status: "added"}}, Reviews: approvedBoth})
	},
}

func init() {
	scenarios["queue"] = func(s *githubtest.Server, root string) {
		ict := time.FixedZone("ICT", 7*3600)
		vn := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, ict) }
		files := func(paths ...string) []githubtest.File {
			var out []githubtest.File
			for _, p := range paths {
				out = append(out, githubtest.File{Filename: p, Status: "added"})
			}
			return out
		}
		const h = "4ead000000000000000000000000000000000021"
		// #21: verified on Monday, the deputy's day to approve ended Tuesday 17:00.
		s.AddPR(&githubtest.PR{Number: 21, Title: "Một cửa điện tử", User: "pthanh-snv", HeadSHA: h, CreatedAt: vn(23, 9, 0),
			Files:   files("content/cai-cach-hanh-chinh/2026/mot-cua.md"),
			Reviews: []githubtest.Review{{User: "lhtrung-snv", State: "APPROVED", CommitID: h, SubmittedAt: vn(23, 10, 0)}}})
		// #22: opened this morning, waits for verification until tomorrow.
		s.AddPR(&githubtest.PR{Number: 22, Title: "Hội nghị", User: "ttmai-snv", HeadSHA: h, CreatedAt: vn(25, 8, 0),
			Files: files("content/tin-hoat-dong/2026/hoi-nghi.md")})
		// #23: approved and verified yesterday afternoon, not merged yet.
		s.AddPR(&githubtest.PR{Number: 23, Title: "Khảo sát hài lòng", User: "pthanh-snv", HeadSHA: h, CreatedAt: vn(23, 9, 0),
			Files: files("content/danh-gia-hai-long/2026/khao-sat.md"),
			Reviews: []githubtest.Review{
				{User: "ntvu-snv", State: "APPROVED", CommitID: h, SubmittedAt: vn(24, 14, 0)},
				{User: "lhtrung-snv", State: "APPROVED", CommitID: h, SubmittedAt: vn(24, 14, 30)},
			}})
		// #26: verified this morning; the deputy has until tomorrow.
		s.AddPR(&githubtest.PR{Number: 26, Title: "Chỉ số hài lòng quý IV", User: "pthanh-snv", HeadSHA: h, CreatedAt: vn(25, 8, 0),
			Files:   files("content/danh-gia-hai-long/2026/chi-so.md"),
			Reviews: []githubtest.Review{{User: "lhtrung-snv", State: "APPROVED", CommitID: h, SubmittedAt: vn(25, 9, 0)}}})
		// #24: a draft.
		s.AddPR(&githubtest.PR{Number: 24, Title: "Nháp", User: "pthanh-snv", HeadSHA: h, Draft: true, CreatedAt: vn(16, 9, 0),
			Files: files("content/hoi-dap/2026/nhap.md")})
		// #25: opened as a draft last week, marked ready this morning.
		s.AddPR(&githubtest.PR{Number: 25, Title: "Hỏi đáp nghỉ phép", User: "nvbinh-snv", HeadSHA: h, CreatedAt: vn(18, 9, 0),
			Files:  files("content/hoi-dap/2026/nghi-phep.md"),
			Events: []githubtest.Event{{Event: "convert_to_draft", Actor: "nvbinh-snv", CreatedAt: vn(18, 9, 5)}, {Event: "ready_for_review", Actor: "nvbinh-snv", CreatedAt: vn(25, 9, 0)}}})
	}
}

var githubCmd = func(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: github start NAME | count METHOD PATH N | comments PR N")
	}
	if args[0] != "start" && ts.Value("github").(*fakeGitHub).s == nil {
		ts.Fatalf("github %s: no fake GitHub yet (github start NAME first)", args[0])
	}
	switch args[0] {
	case "start":
		scenario, ok := scenarios[args[1]]
		if !ok {
			ts.Fatalf("no scenario %q", args[1])
		}
		s := githubtest.New("sonoivu", "website")
		ts.Defer(s.Close)
		scenario(s, ts.Getenv("WORK"))
		ts.Value("github").(*fakeGitHub).s = s
		ts.Setenv("GITHUB_API_URL", s.APIURL())
		ts.Setenv("GITHUB_REPOSITORY", "sonoivu/website")
		ts.Setenv("GITHUB_TOKEN", "ghs_test")
		ts.Setenv("BBTGEN_RETRY_WAIT", "1ms")
	case "count":
		s := ts.Value("github").(*fakeGitHub).s
		want, _ := strconv.Atoi(args[3])
		if got := s.Count(args[1], args[2]); (got == want) == neg {
			ts.Fatalf("%s %s: %d requests, want %d", args[1], args[2], got, want)
		}
	case "comments":
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		want, _ := strconv.Atoi(args[2])
		if got := len(s.PR(n).Comments); got != want {
			ts.Fatalf("#%d has %d comments, want %d", n, got, want)
		}
		for _, c := range s.PR(n).Comments {
			ts.Logf("comment %d by %s:\n%s", c.ID, c.User, c.Body)
		}
	case "review": // github review PR LOGIN STATE: a review of the head, at 09:30 on 25/11/2026
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		s.AddReview(n, githubtest.Review{User: args[2], State: args[3], CommitID: s.PR(n).HeadSHA, SubmittedAt: time.Date(2026, 11, 25, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))})
	case "comment": // github comment PR REGEXP: bbtgen's comment on PR matches
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		found := false
		for _, c := range s.PR(n).Comments {
			if ok, _ := regexp.MatchString(args[2], c.Body); ok {
				found = true
			}
		}
		if found == neg {
			ts.Fatalf("#%d: no comment matches %q", n, args[2])
		}
	case "requested": // github requested PR LOGIN…: the requested reviewers are exactly these
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		if got := s.PR(n).RequestedReviewers; fmt.Sprint(got) != fmt.Sprint(args[2:]) {
			ts.Fatalf("#%d requested reviewers %v, want %v", n, got, args[2:])
		}
	case "protection":
		s := ts.Value("github").(*fakeGitHub).s
		body := string(s.Protection(args[1]))
		if ok, _ := regexp.MatchString(args[2], body); ok == neg {
			ts.Fatalf("protection of %s: %s does not match %q", args[1], body, args[2])
		}
	default:
		ts.Fatalf("unknown github subcommand %q", args[0])
	}
}

// fakeGitHub holds a script's fake server (set by "github start").
type fakeGitHub struct{ s *githubtest.Server }
