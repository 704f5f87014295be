package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

const (
	cardHead  = "4ead000000000000000000000000000000000001"
	cardStale = "4ead000000000000000000000000000000000000"
)

var cardNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// cardCase is a pull request of one article, with its reviews, as the gate sees it.
func cardCase(t *testing.T, path, text string, reviews ...policy.Review) *card {
	t.Helper()
	cfg := testfixture.Config(t)
	pol := policy.New(cfg)
	snap := &policy.Snapshot{Number: 12, Title: "Bài", Author: "pthanh-snv", BaseRef: "main", HeadSHA: cardHead, BaseSHA: "ba5e",
		Files: []policy.File{{Path: path, Status: policy.Added}}, Reviews: reviews, Articles: map[string][]byte{path: []byte(text)}, Now: cardNow}
	d := policy.Evaluate(pol, snap)
	pr := forge.PullRequest{Number: 12, Title: "Bài", Author: "pthanh-snv", HeadSHA: cardHead}
	ready := cardNow.Add(-26 * time.Hour)
	return &card{p: i18n.New(i18n.Vietnamese), d: d, pr: pr, snap: snap, cfg: cfg, fileURL: fileURL(pr, "sonoivu/website"), before: map[string][]byte{},
		items: policy.BuildQueue(pol, cfg.WorkCalendar(), cardNow, []policy.QueueInput{{Snapshot: snap, Ready: ready}})}
}

func approved(login, commit string, hoursAgo int) policy.Review {
	return policy.Review{Author: login, State: policy.Approved, CommitID: commit, SubmittedAt: cardNow.Add(-time.Duration(hoursAgo) * time.Hour)}
}

const cardNews = `---
title: "Sở Nội vụ: tập huấn nghiệp vụ văn thư cho công chức cấp xã"
date: 2026-11-20T09:00:00+07:00
publish_at: 2026-11-26T08:00:00+07:00
authors: [lhtrung, ttmai]
unit: van-phong
summary: "Sáng 20/11, Sở Nội vụ tổ chức lớp tập huấn."
image: /media/tin-hoat-dong/2026/tap-huan.jpg
image_alt: "Quang cảnh lớp tập huấn"
---
Sáng 20/11, **Sở Nội vụ** tổ chức lớp tập huấn cho 120 công chức. Liên hệ @ttdinh-snv nếu cần.

![Lớp học](/media/tin-hoat-dong/2026/lop.jpg)
`

// TestCardGolden renders the review card for each kind of article and for a stale approval,
// in Vietnamese (testdata/card/<case>.md) and in English (<case>.en.md), against golden files
// (go test -run TestCardGolden ./internal/cli -args -update rewrites them).
func TestCardGolden(t *testing.T) {
	legal := "---\ntitle: \"Quyết định kiện toàn Ban Biên tập\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [ttdinh]\nunit: van-phong\nsummary: \"Kiện toàn Ban Biên tập Trang thông tin điện tử.\"\nnumber: \"533/QĐ-SNV\"\ndoc_type: Quyết định\nissuer: Sở Nội vụ\nissued: 2026-11-01\neffective: 2026-11-01\nattachment: /media/van-ban/2026/533-qd-snv.pdf\n---\n"
	qa := "---\ntitle: \"Nghỉ phép năm của công chức\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [nvbinh]\nunit: phong-tcbc\nquestion: \"Công chức được nghỉ phép năm bao nhiêu ngày?\"\nasker: \"Ông N.V.A., phường Quy Nhơn\"\nanswer_unit: phong-tcbc\nanswered: 2026-11-21\n---\nTheo Bộ luật Lao động, công chức được nghỉ 12 ngày.\n"
	gallery := "---\ntitle: \"Hình ảnh hội nghị\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\ncredit: \"Ảnh: Lê Hoàng Trung\"\nimages:\n  - {src: /media/hinh-anh/2026/a.jpg, caption: \"Toàn cảnh hội nghị\"}\n  - {src: /media/hinh-anh/2026/b.jpg, caption: \"Phát biểu\", credit: \"Ảnh: Trần Thị Mai\"}\n---\n"
	stale := cardCase(t, "content/tin-hoat-dong/2026/tap-huan.md", cardNews, approved("ttdinh-snv", cardStale, 3), approved("lhtrung-snv", cardHead, 2))
	stale.before["content/tin-hoat-dong/2026/tap-huan.md"] = []byte(strings.Replace(strings.Replace(cardNews, "120 công chức", "100 cán bộ, công chức", 1),
		"tập huấn nghiệp vụ văn thư", "tập huấn văn thư", 1))
	for name, c := range map[string]*card{
		"news-waiting":      cardCase(t, "content/tin-hoat-dong/2026/tap-huan.md", cardNews),
		"news-stale":        stale,
		"news-mergeable":    cardCase(t, "content/tin-hoat-dong/2026/tap-huan.md", cardNews, approved("ttdinh-snv", cardHead, 2), approved("lhtrung-snv", cardHead, 1)),
		"legal-verified":    cardCase(t, "content/van-ban/2026/533-qd-snv.md", legal, approved("lhtrung-snv", cardHead, 2)),
		"qa-escape":         cardCase(t, "content/hoi-dap/2026/nghi-phep.md", strings.Replace(qa, "answered:", "url: /gioi-thieu/x/\nanswered:", 1)),
		"gallery-mergeable": cardCase(t, "content/hinh-anh/2026/hoi-nghi.md", gallery, approved("txlong-snv", cardHead, 2), approved("lhtrung-snv", cardHead, 1)),
	} {
		for _, lang := range []struct{ suffix, tag string }{{".md", "vi"}, {".en.md", "en"}} {
			t.Run(name+lang.suffix, func(t *testing.T) {
				c.p = i18n.New(i18n.FromEnv(func(string) string { return lang.tag }))
				got := c.markdown()
				golden(t, filepath.Join("testdata", "card", name+lang.suffix), got)
				if strings.Contains(got, "@ttdinh-snv nếu cần") {
					t.Error("a mention in the article's text would notify somebody")
				}
				if len(got) > cardLimit+100 {
					t.Errorf("card of %d characters", len(got))
				}
			})
		}
	}
}

// golden compares got with the golden file at path, which -update rewrites.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -args -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -args -update after checking):\n%s", path, got)
	}
}

func TestAnnotation(t *testing.T) {
	for _, tt := range []struct {
		p    diag.Problem
		want string
	}{
		{diag.Problem{File: "content/tin-hoat-dong/2026/a.md", Line: 4, Column: 3, Rule: "author", Message: `unknown author "nvana"`, Hint: "known: lhtrung"},
			`::error file=content/tin-hoat-dong/2026/a.md,line=4,col=3,title=bbtgen author::unknown author "nvana" — known: lhtrung`},
		{diag.Problem{File: "config.yaml", Line: 9, Rule: "calendar-horizon", Message: "50% done\n::error::x", Severity: diag.Warning},
			`::warning file=config.yaml,line=9,title=bbtgen calendar-horizon::50%25 done%0A::error::x`},
		{diag.Problem{File: "content/a,b:c.md\n::error::x", Rule: "file-name", Message: "m"},
			`::error file=content/a%2Cb%3Ac.md%0A%3A%3Aerror%3A%3Ax,title=bbtgen file-name::m`},
	} {
		if got := annotation(i18n.New(i18n.English), tt.p); got != tt.want {
			t.Errorf("annotation = %q\nwant         %q", got, tt.want)
		}
		if strings.Count(annotation(i18n.New(i18n.English), tt.p), "\n") != 0 {
			t.Errorf("an annotation spans lines: %q", annotation(i18n.New(i18n.English), tt.p))
		}
	}
}
