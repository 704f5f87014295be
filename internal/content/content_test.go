package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

func testConfig(t testing.TB) *config.Config {
	t.Helper()
	return testfixture.Config(t)
}

var now = time.Date(2026, 11, 25, 10, 0, 0, 0, Zone)

const goodNews = `---
title: "Hội nghị tổng kết công tác nội vụ năm 2026"
date: 2026-11-20T09:00:00+07:00
authors: [lhtrung, ttmai]
unit: van-phong
summary: "Sáng 20/11, Sở Nội vụ tổ chức hội nghị."
slug: hoi-nghi-tong-ket
tags: [Hội nghị]
---
Nội dung bài viết.
`

func checkOne(t *testing.T, path, text string, files fstest.MapFS) diag.List {
	t.Helper()
	cfg := testConfig(t)
	a, problems := ParseArticle(path, CategoryOf(cfg, path), []byte(text))
	if a != nil {
		c := &Checker{Cfg: cfg, Now: now}
		if files != nil {
			c.FS = files
		}
		problems = append(problems, c.Article(a)...)
	}
	return problems
}

func TestGoodArticle(t *testing.T) {
	withID := strings.Replace(goodNews, "slug:", "id: bbt-3f9a1c2e7b4d5a60\nslug:", 1)
	if p := checkOne(t, "content/tin-hoat-dong/2026/hoi-nghi.md", withID, nil); len(p) > 0 {
		t.Fatalf("problems in a good article: %v", p)
	}
	// An article written before ids (goodNews) keeps working, without a warning.
	if p := checkOne(t, "content/tin-hoat-dong/2026/hoi-nghi.md", goodNews, nil); len(p) > 0 {
		t.Fatalf("an article without id: %v", p)
	}
}

func TestArticleRules(t *testing.T) {
	media := fstest.MapFS{
		"static/media/van-ban/2026/qd.pdf":      {Data: []byte("%PDF")},
		"static/media/hinh-anh/2026/a.jpg":      {Data: []byte("jpg")},
		"static/media/tin-hoat-dong/2026/b.jpg": {Data: []byte("jpg")},
	}
	news := func(old, new string) string { return strings.Replace(goodNews, old, new, 1) }
	tests := []struct {
		name, path, text string
		want             string // substring of a problem
		line             int
		sev              diag.Severity
	}{
		{"id not hexadecimal", "content/tin-hoat-dong/2026/x.md", news("slug:", "id: bbt-3F9A1C2E7B4D5A6Z\nslug:"), `id "bbt-3F9A1C2E7B4D5A6Z" is not bbt- followed by 16 hexadecimal digits`, 7, diag.Error},
		{"id too short", "content/tin-hoat-dong/2026/x.md", news("slug:", "id: \"3f9a1c2e\"\nslug:"), `id "3f9a1c2e" is not bbt-`, 7, diag.Error},
		{"id not a string", "content/tin-hoat-dong/2026/x.md", news("slug:", "id: [bbt-3f9a1c2e7b4d5a60]\nslug:"), "id must be text, not a list", 7, diag.Error},
		{"unknown author", "content/tin-hoat-dong/2026/x.md", news("[lhtrung, ttmai]", "[lhtrung, nvana]"), `unknown author "nvana"`, 4, diag.Error},
		{"unknown unit", "content/tin-hoat-dong/2026/x.md", news("unit: van-phong", "unit: phong-x"), `unknown unit "phong-x"`, 5, diag.Error},
		{"unknown key", "content/tin-hoat-dong/2026/x.md", news("slug:", "layout: board\nslug:"), `unknown key "layout"`, 7, diag.Error},
		{"menu cannot ride along", "content/tin-hoat-dong/2026/x.md", news("slug:", "menu: main\nslug:"), `unknown key "menu"`, 7, diag.Error},
		{"escaping url", "content/tin-hoat-dong/2026/x.md", news("slug: hoi-nghi-tong-ket", "url: /van-ban/gia/"), `url "/van-ban/gia/" moves the page outside its category`, 7, diag.Error},
		{"dot-dot url", "content/tin-hoat-dong/2026/x.md", news("slug: hoi-nghi-tong-ket", "url: /tin-hoat-dong/../van-ban/x/"), `moves the page outside`, 7, diag.Error},
		{"escaping alias", "content/tin-hoat-dong/2026/x.md", news("slug: hoi-nghi-tong-ket", "aliases: [/tin-hoat-dong/cu/, /hoi-dap/x/]"), `alias "/hoi-dap/x/" lies outside the category`, 7, diag.Error},
		{"relative alias", "content/tin-hoat-dong/2026/x.md", news("slug: hoi-nghi-tong-ket", "aliases: [../../van-ban/x]"), `lies outside the category`, 7, diag.Error},
		{"slash in slug", "content/tin-hoat-dong/2026/x.md", news("slug: hoi-nghi-tong-ket", "slug: ../van-ban/x"), `is not a plain slug`, 7, diag.Error},
		{"outputs", "content/tin-hoat-dong/2026/x.md", news("slug: hoi-nghi-tong-ket", "outputs: [html, json]"), `output format "json" is not allowed`, 7, diag.Error},
		{"NFD title", "content/tin-hoat-dong/2026/x.md", news("Hội nghị", "Ho\u0323\u0302i nghị"), "not in Unicode NFC", 2, diag.Error},
		{"invalid UTF-8", "content/tin-hoat-dong/2026/x.md", news("Nội dung", "N\xffi dung"), "not valid UTF-8", 10, diag.Error},
		{"UTC date", "content/tin-hoat-dong/2026/x.md", news("+07:00", "Z"), "not in Vietnam's time zone", 3, diag.Error},
		{"no zone", "content/tin-hoat-dong/2026/x.md", news("T09:00:00+07:00", "T09:00:00"), "has no time zone", 3, diag.Error},
		{"impossible date", "content/tin-hoat-dong/2026/x.md", news("2026-11-20T", "2026-02-30T"), "is not a real date", 3, diag.Error},
		{"script", "content/tin-hoat-dong/2026/x.md", news("Nội dung bài viết.", "Nội dung.\n\n<script>alert(1)</script>"), "raw HTML with script", 12, diag.Error},
		{"inline onclick", "content/tin-hoat-dong/2026/x.md", news("Nội dung bài viết.", "Xem <a href=x onclick=\"steal()\">đây</a>."), "raw HTML with script", 10, diag.Error},
		{"plain raw html", "content/tin-hoat-dong/2026/x.md", news("Nội dung bài viết.", "Dòng <b>đậm</b>."), "will not be published", 10, diag.Warning},
		{"javascript link", "content/tin-hoat-dong/2026/x.md", news("Nội dung bài viết.", "[bấm](javascript:alert(1))"), "javascript: links", 10, diag.Error},
		{"foreign image", "content/tin-hoat-dong/2026/x.md", news("Nội dung bài viết.", "![Ảnh](https://example.com/a.jpg)"), "is not a file of this site", 10, diag.Error},
		{"missing body image", "content/tin-hoat-dong/2026/x.md", news("Nội dung bài viết.", "\n![Ảnh hội nghị](/media/tin-hoat-dong/2026/none.jpg)"), "does not exist", 11, diag.Error},
		{"image without alt", "content/tin-hoat-dong/2026/x.md", news("Nội dung bài viết.", "![](/media/tin-hoat-dong/2026/b.jpg)"), "no alternative text", 10, diag.Error},
		{"youtube shortcode", "content/tin-hoat-dong/2026/x.md", news("Nội dung bài viết.", "{{< youtube abc >}}"), `shortcode "youtube" is not allowed`, 10, diag.Error},
		{"missing cover", "content/tin-hoat-dong/2026/x.md", news("slug:", "image: /media/tin-hoat-dong/2026/none.jpg\nimage_alt: \"Ảnh\"\nslug:"), "static/media/tin-hoat-dong/2026/none.jpg does not exist", 7, diag.Error},
		{"cover of another category", "content/tin-hoat-dong/2026/x.md", news("slug:", "image: /media/hinh-anh/2026/a.jpg\nimage_alt: \"Ảnh\"\nslug:"), "is not a file of this category's media", 7, diag.Error},
		{"missing summary", "content/tin-hoat-dong/2026/x.md", news("summary: \"Sáng 20/11, Sở Nội vụ tổ chức hội nghị.\"\n", ""), "summary (the sapo shown in lists) is required", 2, diag.Error},
		{"draft may be unfinished", "content/tin-hoat-dong/2026/x.md", news("summary: \"Sáng 20/11, Sở Nội vụ tổ chức hội nghị.\"\n", "draft: true\n"), "summary (the sapo shown in lists) is empty", 2, diag.Warning},
		{"future date", "content/tin-hoat-dong/2026/x.md", news("2026-11-20T", "2026-12-20T"), "is in the future", 3, diag.Warning},
		{"no front matter", "content/tin-hoat-dong/2026/x.md", "Chỉ có nội dung.\n", "no front matter", 1, diag.Error},
		{"toml", "content/tin-hoat-dong/2026/x.md", "+++\ntitle = 'x'\n+++\n", "TOML front matter", 1, diag.Error},
		{"unclosed", "content/tin-hoat-dong/2026/x.md", "---\ntitle: x\n", "never closed", 1, diag.Error},
		{"broken yaml", "content/tin-hoat-dong/2026/x.md", news("unit: van-phong", "unit: [van-phong"), "YAML syntax error", 0, diag.Error},
		{"legal fields", "content/van-ban/2026/x.md", goodNews, "number (số ký hiệu, e.g. 533/QĐ-SNV) is required", 2, diag.Error},
		{"legal number", "content/van-ban/2026/x.md", news("slug:", "number: \"533/qd-snv\"\ndoc_type: Quyết định\nissuer: Sở Nội vụ\nissued: 2026-11-01\neffective: 2026-10-01\nattachment: /media/van-ban/2026/qd.pdf\nslug:"), `"533/qd-snv" is not a document number`, 7, diag.Error},
		{"legal effective before issued", "content/van-ban/2026/x.md", news("slug:", "number: \"533/QĐ-SNV\"\ndoc_type: Quyết định\nissuer: Sở Nội vụ\nissued: 2026-11-01\neffective: 2026-10-01\nattachment: /media/van-ban/2026/qd.pdf\nslug:"), "takes effect (2026-10-01) before it was issued", 11, diag.Error},
		{"legal attachment type", "content/van-ban/2026/x.md", news("slug:", "number: \"533/QĐ-SNV\"\ndoc_type: Quyết định\nissuer: Sở Nội vụ\nissued: 2026-11-01\neffective: 2026-11-01\nattachment: /media/van-ban/2026/qd.html\nslug:"), `file type ".html" is not allowed here`, 12, diag.Error},
		{"asker privacy", "content/hoi-dap/2026/x.md", news("slug:", "question: \"Hỏi?\"\nasker: \"Nguyễn Văn A, 0905123456\"\nanswer_unit: van-phong\nanswered: 2026-11-21\nslug:"), "asker gives a phone number (0905 … 56)", 8, diag.Error},
		{"gallery caption", "content/hinh-anh/2026/x.md", news("slug:", "credit: \"Ảnh: Trung\"\nimages:\n  - {src: /media/hinh-anh/2026/a.jpg}\nslug:"), "image 1 has no caption", 9, diag.Error},
		{"gallery credit", "content/hinh-anh/2026/x.md", news("slug:", "images:\n  - {src: /media/hinh-anh/2026/a.jpg, caption: \"Ảnh\"}\nslug:"), "image 1 has no credit", 8, diag.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := checkOne(t, tt.path, tt.text, media)
			for _, p := range problems {
				if strings.Contains(p.String(), tt.want) {
					if tt.line > 0 && p.Line != tt.line {
						t.Errorf("line = %d, want %d: %s", p.Line, tt.line, p)
					}
					if p.Severity != tt.sev {
						t.Errorf("severity = %v, want %v", p.Severity, tt.sev)
					}
					if p.File != tt.path {
						t.Errorf("file = %q", p.File)
					}
					return
				}
			}
			t.Fatalf("no problem containing %q; got:\n%v", tt.want, problems)
		})
	}
}

func TestURL(t *testing.T) {
	cfg := testConfig(t)
	for text, want := range map[string]string{
		goodNews: "/tin-hoat-dong/2026/hoi-nghi-tong-ket/",
		strings.Replace(goodNews, "slug: hoi-nghi-tong-ket\n", "", 1):                           "/tin-hoat-dong/2026/hoi-nghi/",
		strings.Replace(goodNews, "slug: hoi-nghi-tong-ket", "url: /tin-hoat-dong/dac-biet", 1): "/tin-hoat-dong/dac-biet/",
	} {
		a, _ := ParseArticle("content/tin-hoat-dong/2026/hoi-nghi.md", "tin-hoat-dong", []byte(text))
		if got := a.URL(); got != want {
			t.Errorf("URL = %q, want %q", got, want)
		}
	}
	if CategoryOf(cfg, "content/hinh-anh/2026/x.md") != "hinh-anh" || CategoryOf(cfg, "content/gioi-thieu/x.md") != "" || CategoryOf(cfg, "layouts/x") != "" {
		t.Fatal("CategoryOf")
	}
}

func TestScan(t *testing.T) {
	cfg := testConfig(t)
	site := fstest.MapFS{
		"content/_index.md":                        {Data: []byte("---\ntitle: Trang chủ\n---\n")},
		"content/gioi-thieu/lien-he.md":            {Data: []byte("---\ntitle: Liên hệ\nlayout: contact\n---\n")},
		"content/tin-hoat-dong/2026/hoi-nghi.md":   {Data: []byte(goodNews)},
		"content/tin-hoat-dong/2026/hoi-nghi-2.md": {Data: []byte(goodNews)}, // same slug
		"content/tin-hoat-dong/2026/id-1.md":       {Data: []byte(strings.Replace(goodNews, "slug: hoi-nghi-tong-ket", "id: bbt-3f9a1c2e7b4d5a60\nslug: id-1", 1))},
		"content/tin-hoat-dong/2026/id-2.md":       {Data: []byte(strings.Replace(goodNews, "slug: hoi-nghi-tong-ket", "id: bbt-3f9a1c2e7b4d5a60\nslug: id-2", 1))},
		"content/tin-hoat-dong/2026/Hội nghị.md":   {Data: []byte(strings.Replace(goodNews, "slug: hoi-nghi-tong-ket\n", "", 1))},
		"content/tin-hoat-dong/2026/anh.jpg":       {Data: []byte("x")},
		"content/tin-tuc/2026/a.md":                {Data: []byte(goodNews)},
		"content/tin-hoat-dong/2026/link.md":       {Data: []byte("content/x"), Mode: fs.ModeSymlink},
		"static/media/van-ban/passwd":              {Data: []byte("../../../../etc/passwd"), Mode: fs.ModeSymlink},
		"static/media/van-ban/2026/x.svg":          {Data: []byte("<svg onload=x>")},
		"static/media/khac/a.jpg":                  {Data: []byte("x")},
		"static/favicon.ico":                       {Data: []byte("x")},
	}
	s, problems := (&Checker{Cfg: cfg, FS: site, Now: now}).Scan(site)
	wants := []string{
		`content/tin-hoat-dong/2026/hoi-nghi.md:7:7: /tin-hoat-dong/2026/hoi-nghi-tong-ket/ is also the address of content/tin-hoat-dong/2026/hoi-nghi-2.md:7`,
		`content/tin-hoat-dong/2026/Hội nghị.md: file name "Hội nghị.md" is not a slug — rename it to hoi-nghi.md`,
		`content/tin-hoat-dong/2026/anh.jpg: "anh.jpg" is not a Markdown file — put media files under static/media/tin-hoat-dong/`,
		`content/tin-tuc: "tin-tuc" is not a category folder`,
		`content/tin-hoat-dong/2026/link.md: symbolic link to content/x`,
		`content/tin-hoat-dong/2026/id-2.md:7:5: id bbt-3f9a1c2e7b4d5a60 is also the id of content/tin-hoat-dong/2026/id-1.md:7`,
		`static/media/van-ban/passwd: symbolic link to ../../../../etc/passwd points outside the site`,
		`static/media/van-ban/2026/x.svg: static files of type ".svg" are not published`,
		`static/media/khac: "khac" is not a category folder`,
	}
	text := ""
	for _, p := range problems {
		text += p.String() + "\n"
	}
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("missing problem %q in:\n%s", w, text)
		}
	}
	if strings.Contains(text, "favicon") || strings.Contains(text, "lien-he") || strings.Contains(text, "_index") {
		t.Errorf("unexpected problems:\n%s", text)
	}
	if len(s.Articles) != 5 || len(s.Pages) != 2 {
		t.Errorf("articles = %d, pages = %d", len(s.Articles), len(s.Pages))
	}
}
