package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// TestScaffold: the scaffold's comments are in the reader's language, Vietnamese by default,
// English for developers; the fields are the same.
func TestScaffold(t *testing.T) {
	cfg := testfixture.Config(t)
	cat, _ := cfg.Category("tin-hoat-dong")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, content.Zone)
	for _, c := range []struct {
		lang language.Tag
		want string
	}{
		{i18n.English, `---
title: "Đoàn công tác"
date: 2026-11-25T10:00:00+07:00
draft: true
authors: [lhtrung]
unit: van-phong
slug: doan-cong-tac
id: bbt-3f9a1c2e7b4d5a60   # the article's identity: keep it when you move or edit it, never copy it
summary: ""   # sapo: one or two sentences shown in lists
tags: []
---
`},
		{i18n.Vietnamese, `---
title: "Đoàn công tác"
date: 2026-11-25T10:00:00+07:00
draft: true
authors: [lhtrung]
unit: van-phong
slug: doan-cong-tac
id: bbt-3f9a1c2e7b4d5a60   # mã định danh của bài: giữ nguyên khi chuyển chỗ hay sửa bài, không bao giờ chép sang bài khác
summary: ""   # sapo: một, hai câu tóm tắt, hiện trong danh sách bài
tags: []
---
`},
	} {
		got := scaffold(i18n.New(c.lang), cat, "bbt-3f9a1c2e7b4d5a60", "Đoàn công tác", "doan-cong-tac", "lhtrung", "van-phong", now)
		if got != c.want {
			t.Errorf("scaffold in %s:\n%s\nwant:\n%s", c.lang, got, c.want)
		}
	}
}

// TestNewScaffoldLanguages: bbtgen new writes its comments in Vietnamese unless BBTGEN_LANG=en,
// for every kind of category, and every scaffold, in either language, passes bbtgen check.
func TestNewScaffoldLanguages(t *testing.T) {
	cfg := testfixture.Config(t)
	for _, c := range []struct {
		lang    string // BBTGEN_LANG
		comment string // the comment of id:
		legal   string // the comment of number: in a legal document
		asker   string // the comment of asker: in a question
		said    string // what new says on stderr
	}{
		{"", "# mã định danh của bài: giữ nguyên khi chuyển chỗ hay sửa bài, không bao giờ chép sang bài khác\n",
			"number: \"\"     # số ký hiệu, ví dụ 533/QĐ-SNV\n", "asker: \"\"     # chỉ ghi họ tên hoặc tên viết tắt\n",
			"đã tạo bản nháp một bài thuộc chuyên mục"},
		{"en", "# the article's identity: keep it when you move or edit it, never copy it\n",
			"number: \"\"     # reference number (số ký hiệu), e.g. 533/QĐ-SNV\n", "asker: \"\"     # a name or initials only\n",
			"created a draft"},
	} {
		site := t.TempDir()
		// The sample's board.notice names an article this site does not have.
		cfgYAML := regexp.MustCompile(`(?m)^  notice: .*\n`).ReplaceAll(testfixture.ConfigYAML, nil)
		if err := os.WriteFile(filepath.Join(site, config.FileName), cfgYAML, 0o644); err != nil {
			t.Fatal(err)
		}
		env := map[string]string{"BBTGEN_NOW": "2026-11-25T10:00:00+07:00", "BBTGEN_LANG": c.lang}
		for _, a := range [][3]string{
			{"tin-hoat-dong", "Hội nghị sơ kết", "lhtrung"},
			{"van-ban", "Quyết định về việc tuyển dụng công chức", "ttdinh"},
			{"hoi-dap", "Chế độ nghỉ phép của công chức", "pthanh"},
			{"hinh-anh", "Lễ kỷ niệm Ngày thành lập ngành", "lhtrung"},
		} {
			out, stderr, code := runCLI(t, env, "new", "--site", site, "--author", a[2], a[0], a[1])
			if code != 0 {
				t.Fatalf("BBTGEN_LANG=%q new %s: exit %d: %s", c.lang, a[0], code, stderr)
			}
			if !strings.Contains(stderr, c.said) {
				t.Errorf("BBTGEN_LANG=%q new %s said %q, want %q", c.lang, a[0], stderr, c.said)
			}
			rel := strings.TrimSpace(out)
			data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			if !strings.Contains(text, c.comment) {
				t.Errorf("BBTGEN_LANG=%q %s lacks %q:\n%s", c.lang, rel, c.comment, text)
			}
			switch a[0] {
			case "van-ban":
				if !strings.Contains(text, c.legal) {
					t.Errorf("BBTGEN_LANG=%q %s lacks %q:\n%s", c.lang, rel, c.legal, text)
				}
			case "hoi-dap":
				if !strings.Contains(text, c.asker) {
					t.Errorf("BBTGEN_LANG=%q %s lacks %q:\n%s", c.lang, rel, c.asker, text)
				}
			}
			// The comments in the reader's language leave the front matter as it was.
			ar, problems := content.ParseArticle(rel, a[0], data)
			if ar == nil {
				t.Fatalf("%s does not parse: %v", rel, problems)
			}
			problems = append(problems, (&content.Checker{Cfg: cfg}).Article(ar)...)
			if problems.Errors() > 0 {
				t.Errorf("BBTGEN_LANG=%q %s does not pass the checks: %v\n%s", c.lang, rel, problems.Err(), text)
			}
		}
		// And bbtgen check passes the whole site (warnings only: the fields are to fill in).
		if out, stderr, code := runCLI(t, env, "check", "--site", site); code != 0 {
			t.Errorf("BBTGEN_LANG=%q: bbtgen check of the scaffolds: exit %d\n%s%s", c.lang, code, out, stderr)
		}
	}
}

// TestNewWritesID: every article bbtgen new makes has an id of the checked form, its own.
func TestNewWritesID(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, config.FileName), testfixture.ConfigYAML, 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"BBTGEN_NOW": "2026-11-25T10:00:00+07:00"}
	idRE := regexp.MustCompile(`(?m)^id: (bbt-[0-9a-f]{16}) `)
	cfg := testfixture.Config(t)
	var ids []string
	for _, title := range []string{"Hội nghị sơ kết", "Hội nghị tổng kết"} {
		out, stderr, code := runCLI(t, env, "new", "--site", site, "--author", "lhtrung", "tin-hoat-dong", title)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		rel := strings.TrimSpace(out)
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		m := idRE.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s has no id:\n%s", rel, data)
		}
		ids = append(ids, string(m[1]))
		a, problems := content.ParseArticle(rel, "tin-hoat-dong", data)
		if a == nil || a.ID != string(m[1]) {
			t.Fatalf("%s: the front matter does not read the id: %v", rel, problems)
		}
		for _, p := range append(problems, (&content.Checker{Cfg: cfg}).Article(a)...) {
			if p.Rule == "id" {
				t.Errorf("%s: %s", rel, p)
			}
		}
	}
	if ids[0] == ids[1] {
		t.Errorf("two articles got the same id %s", ids[0])
	}
}
