package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// lawCategories are the categories of the kinds of kinds.go, added to the fixture's.
const lawCategories = `categories:
  - folder: thu-tuc-hanh-chinh
    name: "Thủ tục hành chính"
    kind: procedure
    approvers: [{member: ntvu, deadline_days: 1}]
  - folder: lay-y-kien
    name: "Lấy ý kiến dự thảo"
    kind: consultation
    approvers: [{member: ttdinh, deadline_days: 1}]
  - folder: cong-khai
    name: "Công khai ngân sách"
    kind: disclosure
    approvers: [{member: ttdinh, deadline_days: 1}]
`

// lawConfig is the fixture configuration with the categories of the new kinds.
func lawConfig(t testing.TB) *config.Config {
	t.Helper()
	text := strings.Replace(string(testfixture.ConfigYAML), "categories:\n", lawCategories, 1)
	cfg, problems := config.Parse([]byte(text), config.FileName)
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("the configuration with the new kinds: %v", problems.Err())
	}
	return cfg
}

var lawMedia = fstest.MapFS{
	"static/media/thu-tuc-hanh-chinh/2026/mau-don.pdf": {Data: []byte("%PDF")},
	"static/media/lay-y-kien/2026/du-thao.pdf":         {Data: []byte("%PDF")},
	"static/media/cong-khai/2026/du-toan.pdf":          {Data: []byte("%PDF")},
}

func checkWith(t *testing.T, cfg *config.Config, path, text string) diag.List {
	t.Helper()
	a, problems := ParseArticle(path, CategoryOf(cfg, path), []byte(text))
	if a != nil {
		problems = append(problems, (&Checker{Cfg: cfg, FS: lawMedia, Now: now}).Article(a)...)
	}
	return problems
}

const goodProcedure = `---
title: "Công nhận ban vận động thành lập hội"
date: 2026-11-20T09:00:00+07:00
authors: [nvbinh]
unit: phong-tcbc
summary: "Người sáng lập đề nghị công nhận ban vận động."
code: "1.003822"
level: mot-phan
field: "Tổ chức phi chính phủ"
portal: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.003822"
fee: "Không thu phí"
duration: "15 ngày làm việc"
attachment: /media/thu-tuc-hanh-chinh/2026/mau-don.pdf
---
Trình tự, hồ sơ, nơi nộp.
`

const goodConsultation = `---
title: "Lấy ý kiến dự thảo Kế hoạch cải cách hành chính năm 2027"
date: 2026-11-20T09:00:00+07:00
authors: [pthanh]
unit: phong-cchc
summary: "Sở Nội vụ lấy ý kiến dự thảo."
attachment: /media/lay-y-kien/2026/du-thao.pdf
opens: 2026-11-20
closes: 2026-12-04
how_to_comment: "Gửi thư điện tử về sonoivu@binhdinh.gov.vn."
---
Nội dung dự thảo.
`

const goodDisclosure = `---
title: "Công khai dự toán ngân sách năm 2026"
date: 2026-01-20T09:00:00+07:00
authors: [lhtrung, ttmai]
unit: van-phong
summary: "Dự toán được giao."
year: 2026
disclosure_type: du-toan
attachment: /media/cong-khai/2026/du-toan.pdf
royalty: {shares: {lhtrung: 60, ttmai: 40}}
---
`

func TestGoodArticlesOfTheNewKinds(t *testing.T) {
	cfg := lawConfig(t)
	for path, text := range map[string]string{
		"content/thu-tuc-hanh-chinh/2026/x.md": goodProcedure,
		"content/lay-y-kien/2026/x.md":         goodConsultation,
		"content/cong-khai/2026/x.md":          goodDisclosure,
	} {
		if p := checkWith(t, cfg, path, text); len(p) > 0 {
			t.Errorf("%s: problems in a good article:\n%v", path, p)
		}
	}
}

// TestNewKindRules gives each rule of the kinds procedure, consultation and disclosure, and of
// the agreed royalty shares, its exact message and line.
func TestNewKindRules(t *testing.T) {
	cfg := lawConfig(t)
	proc := func(old, new string) string { return strings.Replace(goodProcedure, old, new, 1) }
	cons := func(old, new string) string { return strings.Replace(goodConsultation, old, new, 1) }
	disc := func(old, new string) string { return strings.Replace(goodDisclosure, old, new, 1) }
	const (
		p = "content/thu-tuc-hanh-chinh/2026/x.md"
		c = "content/lay-y-kien/2026/x.md"
		d = "content/cong-khai/2026/x.md"
	)
	tests := []struct {
		name, path, text string
		want             string // the whole problem, as bbtgen check prints it
		sev              diag.Severity
	}{
		{"procedure code", p, proc(`code: "1.003822"`, `code: "1003822"`),
			p + `:7:7: "1003822" is not a procedure code — write the code as the national database writes it: a digit, a dot and six digits, e.g. 1.001612`, diag.Error},
		{"procedure level", p, proc("level: mot-phan", "level: muc-do-4"),
			p + `:8:8: unknown level "muc-do-4" — write one of: toan-trinh (Dịch vụ công trực tuyến toàn trình), mot-phan (Dịch vụ công trực tuyến một phần), truc-tiep (Nộp hồ sơ trực tiếp hoặc qua bưu chính)`, diag.Error},
		{"portal of another site", p, proc("https://dichvucong.gov.vn/", "https://dichvucong.example.com/"),
			p + `:10:9: portal "https://dichvucong.example.com/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.003822" is not a page of https://dichvucong.gov.vn/ — copy the address of the procedure's page on the national public-service portal, https://dichvucong.gov.vn/…; no other site is linked`, diag.Error},
		{"portal over http", p, proc("https://dichvucong.gov.vn/", "http://dichvucong.gov.vn/"),
			`is not a page of https://dichvucong.gov.vn/`, diag.Error},
		{"portal missing", p, proc("portal: \"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.003822\"\n", ""),
			p + `:2:1: portal (the procedure's page on https://dichvucong.gov.vn/) is required — fill it in before publishing`, diag.Error},
		{"procedure fee", p, proc("fee: \"Không thu phí\"\n", ""), `fee (phí, lệ phí, e.g. "Không thu phí") is required`, diag.Error},
		{"procedure form of another category", p, proc("/media/thu-tuc-hanh-chinh/", "/media/van-ban/"), `"/media/van-ban/2026/mau-don.pdf" is not a file of this category's media`, diag.Error},
		{"consultation closes before it opens", c, cons("closes: 2026-12-04", "closes: 2026-11-04"),
			c + `:9:9: comments close (2026-11-04) before they open (2026-11-20)`, diag.Error},
		{"consultation without its draft", c, cons("attachment: /media/lay-y-kien/2026/du-thao.pdf\n", ""),
			c + `:2:1: attachment (the draft, e.g. /media/lay-y-kien/2026/du-thao.pdf) is required — fill it in before publishing`, diag.Error},
		{"consultation without how to comment", c, cons(`how_to_comment: "Gửi thư điện tử về sonoivu@binhdinh.gov.vn."`+"\n", ""),
			`how_to_comment (where and how to send comments) is required`, diag.Error},
		{"consultation draft may be unfinished", c, cons("how_to_comment: \"Gửi thư điện tử về sonoivu@binhdinh.gov.vn.\"\n", "draft: true\n"),
			`how_to_comment (where and how to send comments) is empty; a published article needs it`, diag.Warning},
		{"disclosure type", d, disc("disclosure_type: du-toan", "disclosure_type: Dự toán"),
			d + `:8:18: unknown disclosure type "Dự toán" — write disclosure_type: du-toan`, diag.Error},
		{"disclosure year", d, disc("year: 2026", "year: 2062"), d + `:7:7: 2062 is not a plausible year — write the year the figures are for, e.g. 2026`, diag.Error},
		{"disclosure attachment missing", d, disc("/cong-khai/2026/du-toan.pdf", "/cong-khai/2026/khong-co.pdf"), `static/media/cong-khai/2026/khong-co.pdf does not exist`, diag.Error},
		{"a key of another kind", "content/tin-hoat-dong/2026/x.md", strings.Replace(goodNews, "slug:", "portal: \"https://dichvucong.gov.vn/x\"\nslug:", 1),
			`content/tin-hoat-dong/2026/x.md:7:9: portal is only for administrative procedures — remove it, or move the article to a category of that kind`, diag.Error},
		{"shares that do not add up to 100", d, disc("ttmai: 40", "ttmai: 30"),
			d + `:10:19: royalty shares add up to 90, not 100 — the co-authors' shares are percentages of the whole: correct them so that they add up to 100, or leave shares out to split equally`, diag.Error},
		{"shares above 100", d, disc("ttmai: 40", "ttmai: 40.5"), `royalty shares add up to 100.5, not 100`, diag.Error},
		{"a share for someone else", d, disc("ttmai: 40", "ttmai: 20, ntvu: 20"),
			d + `:10:50: royalty share for "ntvu", who is not among the authors — shares are for the article's authors: lhtrung, ttmai`, diag.Error},
		{"an author without a share", d, disc("{lhtrung: 60, ttmai: 40}", "{lhtrung: 100}"),
			d + `:10:19: author "ttmai" has no royalty share — write ttmai: and their percentage (0 if they agreed to none), or leave shares out to split equally`, diag.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := checkWith(t, cfg, tt.path, tt.text)
			for _, p := range problems {
				if strings.Contains(p.String(), tt.want) {
					if p.Severity != tt.sev {
						t.Errorf("severity = %v, want %v", p.Severity, tt.sev)
					}
					return
				}
			}
			t.Fatalf("no problem %q; got:\n%v", tt.want, problems)
		})
	}
}

func TestConsultationStatus(t *testing.T) {
	opens, closes := calendar.Date{Year: 2026, Month: 11, Day: 20}, calendar.Date{Year: 2026, Month: 12, Day: 4}
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 19, 23, 59, 0, 0, Zone), ConsultationUpcoming},
		{time.Date(2026, 11, 20, 0, 0, 0, 0, Zone), ConsultationOpen},
		{time.Date(2026, 12, 4, 23, 59, 0, 0, Zone), ConsultationOpen},
		// 4 December, 20:00 in UTC is already 5 December in Vietnam.
		{time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC), ConsultationClosed},
		{time.Date(2026, 12, 5, 0, 0, 0, 0, Zone), ConsultationClosed},
	} {
		if got := ConsultationStatus(opens, closes, tt.now); got != tt.want {
			t.Errorf("at %s: %s, want %s", tt.now.Format(time.RFC3339), got, tt.want)
		}
	}
}

func TestIsPortalURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.003822": true,
		"https://DICHVUCONG.gov.vn/":                  true,
		"http://dichvucong.gov.vn/":                   false,
		"https://dichvucong.gov.vn.evil.example/":     false,
		"https://evil.example/?u=dichvucong.gov.vn":   false,
		"https://user@dichvucong.gov.vn/":             false,
		"https://csdl.dichvucong.gov.vn/":             false,
		"javascript:alert(1)//https://dichvucong.gov": false,
		"https://dichvucong.gov.vn/\"onclick=x":       false,
	} {
		if got := IsPortalURL(u); got != want {
			t.Errorf("IsPortalURL(%q) = %v, want %v", u, got, want)
		}
	}
}
