package policy

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

const (
	head   = "txlong-snv"  // Trưởng ban: approves everything
	dinh   = "ttdinh-snv"  // Phó Trưởng ban 1 and Tổ trưởng Tổ Thư ký
	vu     = "ntvu-snv"    // Phó Trưởng ban 2
	trung  = "lhtrung-snv" // Thành viên Tổ Thư ký
	author = "pthanh-snv"  // an author of Phòng CCHC
	sha    = "c0ffee0000000000000000000000000000000001"
	oldSHA = "c0ffee0000000000000000000000000000000000"
)

func samplePolicy(t testing.TB) *Policy {
	t.Helper()
	return New(testfixture.Config(t))
}

var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func approve(login, commit string, minute int) Review {
	return Review{Author: login, State: Approved, CommitID: commit, SubmittedAt: t0.Add(time.Duration(minute) * time.Minute)}
}

func review(login string, state ReviewState, minute int) Review {
	return Review{Author: login, State: state, CommitID: sha, SubmittedAt: t0.Add(time.Duration(minute) * time.Minute)}
}

const article = `---
title: "Một cửa điện tử"
date: 2026-11-20T09:00:00+07:00
authors: [pthanh]
unit: phong-cchc
summary: "Tin về một cửa."
%s---
Nội dung.
`

func art(extra string) []byte { return []byte(strings.Replace(article, "%s", extra, 1)) }

func snap(files []File, reviews ...Review) *Snapshot {
	s := &Snapshot{Number: 7, Author: author, HeadSHA: sha, BaseSHA: "base", BaseRef: "main", Files: files, Reviews: reviews, Articles: map[string][]byte{}, Now: t0}
	for _, f := range files {
		if f.Status != Removed && strings.HasSuffix(f.Path, ".md") {
			extra := ""
			if strings.HasPrefix(f.Path, "content/hoi-dap/") {
				extra = "question: \"Hỏi?\"\nasker: \"Bà T.T.B.\"\nanswer_unit: phong-cchc\nanswered: 2026-11-21\n"
			}
			s.Articles[f.Path] = art(extra)
		}
	}
	return s
}

func file(path string) File { return File{Path: path, Status: Modified} }

const cchc = "content/cai-cach-hanh-chinh/2026/mot-cua.md"
const tin = "content/tin-hoat-dong/2026/hoi-nghi.md"

func TestAreaOf(t *testing.T) {
	p := samplePolicy(t)
	for path, want := range map[string]string{
		"content/tin-hoat-dong/2026/x.md":    "tin-hoat-dong",
		"static/media/van-ban/2026/x.pdf":    "van-ban",
		"config.yaml":                        "governance",
		".github/workflows/pull-request.yml": "governance",
		".github/CODEOWNERS":                 "governance",
		"content/gioi-thieu/lien-he.md":      "governance",
		"some/new/file":                      "technical",
		"layouts/page.html":                  "technical",
		"go.mod":                             "technical",
		// Whatever under content/ and static/ no category owns changes what is published:
		// the Head decides it, never the technical approver alone.
		"content/index.md":                       "governance", // would turn the home page into a leaf bundle
		"content/tin-hoat-dong.md":               "governance", // a page over a category's page
		"content/_index.vi.md":                   "governance", // the home text, by language suffix
		"content/tim-kiem.md":                    "governance",
		"content/tin-tuc/x.md":                   "governance", // unknown folder: never unowned
		"content/tin-hoat-dong-2/x.md":           "governance", // prefix of a folder name is not the folder
		"content/tin-hoat-dong":                  "governance",
		"static/gioi-thieu/index.html":           "governance", // a static file over a rendered page
		"static/tin-hoat-dong/2026/x/index.html": "governance",
		"static/css/x.css":                       "governance",
		"static/media/x.jpg":                     "governance",
		"static/media/khac/a.jpg":                "governance",
		"static/media/van-ban":                   "governance",
	} {
		if got := p.AreaOf(path).Name; got != want {
			t.Errorf("AreaOf(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestEvaluate(t *testing.T) {
	p := samplePolicy(t)
	tests := []struct {
		name      string
		snap      *Snapshot
		mergeable bool
		rules     []string // rules of the reasons, in order
		check     func(t *testing.T, d *Decision)
	}{
		{"approved and verified on head", snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, sha, 2)), true, nil, nil},
		{"stale approval", snap([]File{file(cchc)}, approve(vu, oldSHA, 1), approve(trung, sha, 2)), false, []string{"approval"},
			func(t *testing.T, d *Decision) {
				if !strings.Contains(d.Reasons[0].Message, "@ntvu-snv approved an earlier commit") {
					t.Errorf("message: %s", d.Reasons[0].Message)
				}
				if got := d.Areas[0].StaleApprovals; !slices.Equal(got, []string{vu}) {
					t.Errorf("stale = %v", got)
				}
			}},
		{"re-approved after a push", snap([]File{file(cchc)}, approve(vu, oldSHA, 1), approve(vu, sha, 5), approve(trung, sha, 6)), true, nil, nil},
		{"self-approval never counts", func() *Snapshot {
			s := snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, sha, 2))
			s.Author = vu
			return s
		}(), false, []string{"approval"}, func(t *testing.T, d *Decision) {
			r := d.Reasons[0]
			if !strings.Contains(r.Message, "cannot approve their own pull request") || !slices.Equal(r.Unblock, []string{head}) {
				t.Errorf("reason = %+v", r)
			}
		}},
		{"approval then changes requested", snap([]File{file(cchc)}, approve(vu, sha, 1), review(vu, ChangesRequested, 2), approve(trung, sha, 3)), false, []string{"approval", "changes-requested"}, nil},
		{"changes requested then approval", snap([]File{file(cchc)}, review(vu, ChangesRequested, 1), approve(vu, sha, 2), approve(trung, sha, 3)), true, nil, nil},
		{"changes requested by another approver blocks", snap([]File{file(cchc)}, approve(vu, sha, 1), review(head, ChangesRequested, 2), approve(trung, sha, 3)), false, []string{"changes-requested"}, nil},
		{"dismissed review counts for nothing", snap([]File{file(cchc)}, approve(vu, sha, 1), review(vu, Dismissed, 2), approve(trung, sha, 3)), false, []string{"approval"}, nil},
		{"comments do not change the state", snap([]File{file(cchc)}, approve(vu, sha, 1), review(vu, Commented, 2), review(vu, Pending, 3), approve(trung, sha, 4)), true, nil, nil},
		{"comment-only reviews approve nothing", snap([]File{file(cchc)}, review(vu, Commented, 1), review(trung, Commented, 2)), false, []string{"approval", "verification"}, nil},
		{"logins are case-insensitive", snap([]File{file(cchc)}, approve("NTVU-SNV", sha, 1), approve("LHTrung-snv", sha, 2)), true, nil, nil},
		{"a delegate of another area", snap([]File{file(tin)}, approve(vu, sha, 1), approve(trung, sha, 2)), false, []string{"approval"},
			func(t *testing.T, d *Decision) {
				if !slices.Equal(d.Reasons[0].Unblock, []string{dinh, head}) {
					t.Errorf("unblock = %v", d.Reasons[0].Unblock)
				}
			}},
		{"the head approves every area", snap([]File{file(tin), file(cchc), file("content/hoi-dap/2026/a.md"), file("layouts/page.html"), file("config.yaml")}, approve(head, sha, 1), approve(trung, sha, 2)), true, nil,
			func(t *testing.T, d *Decision) {
				if len(d.Areas) != 5 {
					t.Errorf("areas = %d", len(d.Areas))
				}
			}},
		{"verification missing", snap([]File{file(cchc)}, approve(vu, sha, 1)), false, []string{"verification"},
			func(t *testing.T, d *Decision) {
				if !slices.Equal(d.Reasons[0].Unblock, []string{dinh, trung}) {
					t.Errorf("unblock = %v", d.Reasons[0].Unblock)
				}
			}},
		{"verification on an older commit", snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, oldSHA, 2)), false, []string{"verification"}, nil},
		{"one person holding both roles", snap([]File{file(tin)}, approve(dinh, sha, 1)), true, nil,
			func(t *testing.T, d *Decision) {
				a := d.Areas[0]
				if !slices.Equal(a.ApprovedBy, []string{dinh}) || !slices.Equal(a.VerifiedBy, []string{dinh}) {
					t.Errorf("area = %+v", a)
				}
			}},
		{"technical needs no verification", snap([]File{file("layouts/page.html")}, approve(trung, sha, 1)), true, nil, nil},
		{"rename across categories needs both", snap([]File{{Path: "content/hoi-dap/2026/mot-cua.md", PreviousPath: cchc, Status: Renamed}}, approve(vu, sha, 1), approve(trung, sha, 2)), false, []string{"approval"},
			func(t *testing.T, d *Decision) {
				if len(d.Areas) != 2 || d.Areas[0].Name != "cai-cach-hanh-chinh" || d.Areas[1].Name != "hoi-dap" || !d.Areas[0].Satisfied || d.Areas[1].Satisfied {
					t.Errorf("areas = %+v", d.Areas)
				}
				if d.Areas[1].Files[0] != cchc+" → content/hoi-dap/2026/mot-cua.md" {
					t.Errorf("files = %v", d.Areas[1].Files)
				}
			}},
		{"rename across categories with both approvals", snap([]File{{Path: "content/hoi-dap/2026/mot-cua.md", PreviousPath: cchc, Status: Renamed}}, approve(vu, sha, 1), approve(head, sha, 2), approve(trung, sha, 3)), true, nil, nil},
		{"deletion needs the old area", snap([]File{{Path: cchc, Status: Removed}}, approve(dinh, sha, 1)), false, []string{"approval"},
			func(t *testing.T, d *Decision) {
				if d.Areas[0].Name != "cai-cach-hanh-chinh" {
					t.Errorf("area = %s", d.Areas[0].Name)
				}
			}},
		{"config.yaml needs the head; the author's own approval never counts", func() *Snapshot {
			// The pull request makes its author an approver of governance in its own
			// config.yaml; the policy evaluated is the base one, where only the head is.
			s := snap([]File{file("config.yaml")}, approve(vu, sha, 1))
			s.Author = vu
			return s
		}(), false, []string{"approval"}, func(t *testing.T, d *Decision) {
			if d.Areas[0].Name != "governance" || !slices.Equal(d.Reasons[0].Unblock, []string{head}) {
				t.Errorf("decision = %+v", d)
			}
		}},
		{"workflows are governance", snap([]File{file(".github/workflows/publish.yml")}, approve(trung, sha, 1)), false, []string{"approval"}, nil},
		{"draft pull request", func() *Snapshot {
			s := snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, sha, 2))
			s.Draft = true
			return s
		}(), false, []string{"draft"}, nil},
		{"url escaping the category", func() *Snapshot {
			s := snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, sha, 2))
			s.Articles[cchc] = art("url: /van-ban/quyet-dinh-moi/\n")
			return s
		}(), false, []string{"escape"}, func(t *testing.T, d *Decision) {
			r := d.Reasons[0]
			if r.File != cchc || r.Line != 7 || !strings.Contains(r.Message, `url "/van-ban/quyet-dinh-moi/" moves the page outside its category`) {
				t.Errorf("reason = %+v", r)
			}
		}},
		{"alias escaping the category", func() *Snapshot {
			s := snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, sha, 2))
			s.Articles[cchc] = art("aliases: [/cai-cach-hanh-chinh/cu/, /index.html]\n")
			return s
		}(), false, []string{"escape"}, nil},
		{"an invalid article", func() *Snapshot {
			s := snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, sha, 2))
			s.Articles[cchc] = []byte(strings.Replace(string(art("")), "pthanh", "nobody", 1))
			return s
		}(), false, []string{"content"}, nil},
		{"an article that could not be read", func() *Snapshot {
			s := snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, sha, 2))
			delete(s.Articles, cchc)
			return s
		}(), false, []string{"content"}, nil},
		{"no approver left but the author", func() *Snapshot {
			s := snap([]File{file("config.yaml")})
			s.Author = head
			return s
		}(), false, []string{"approval"}, func(t *testing.T, d *Decision) {
			if len(d.Reasons[0].Unblock) != 0 || !strings.Contains(d.Reasons[0].Message, "needs an approver who is neither the author of this pull request nor wrote part of it") {
				t.Errorf("reason = %+v", d.Reasons[0])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Evaluate(p, tt.snap)
			var rules []string
			for _, r := range d.Reasons {
				rules = append(rules, r.Rule)
			}
			if d.Mergeable != tt.mergeable || !slices.Equal(rules, tt.rules) {
				t.Fatalf("mergeable = %v, rules = %v; want %v, %v\nreasons: %+v", d.Mergeable, rules, tt.mergeable, tt.rules, d.Reasons)
			}
			if tt.check != nil {
				tt.check(t, d)
			}
		})
	}
}
