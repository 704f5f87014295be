package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

func TestScaffold(t *testing.T) {
	cfg := testfixture.Config(t)
	cat, _ := cfg.Category("tin-hoat-dong")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, content.Zone)
	got := scaffold(cat, "bbt-3f9a1c2e7b4d5a60", "Đoàn công tác", "doan-cong-tac", "lhtrung", "van-phong", now)
	want := `---
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
`
	if got != want {
		t.Errorf("scaffold:\n%s\nwant:\n%s", got, want)
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
