package sitecheck

import (
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

func TestSitePathOf(t *testing.T) {
	for _, tt := range []struct{ rel, base, want string }{
		{"/tin-hoat-dong/2026/a/", "/", "/tin-hoat-dong/2026/a/"},
		{"/preview/pr-12/tin-hoat-dong/a/", "/preview/pr-12/", "/tin-hoat-dong/a/"},
		{"/tin-hoat-dong/../gioi-thieu/", "/", "/gioi-thieu/"},
		{"/tin-ho%E1%BA%A1t/x/", "/", "/tin-hoạt/x/"},
		{"https://example.org/van-ban/index.xml", "/", "/van-ban/index.xml"},
		{"/", "/", "/"},
	} {
		if got := SitePathOf(tt.rel, tt.base); got != tt.want {
			t.Errorf("SitePathOf(%q, %q) = %q, want %q", tt.rel, tt.base, got, tt.want)
		}
	}
}

// Owners and shared addresses, on hand-made page models.
func TestCheckPublishedOwners(t *testing.T) {
	cfg := testfixture.Config(t)
	site := &content.Site{Pages: []*content.Page{{Doc: content.Doc{Path: "content/_index.md"}}, {Doc: content.Doc{Path: "content/gioi-thieu/lien-he.md"}}}}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		pages []PublishedPage
		want  string
	}{
		{"the home page from another file", []PublishedPage{{Source: "content/gioi-thieu/lien-he.md", Kind: "home", URLs: []string{"/"}}},
			"content/gioi-thieu/lien-he.md: the home page was rendered from content/gioi-thieu/lien-he.md"},
		{"a category page replaced by a page", []PublishedPage{{Kind: "home", URLs: []string{"/"}}, {Kind: "page", URLs: []string{"/hoi-dap/"}}},
			"(layouts): the page of category hoi-dap at /hoi-dap/ was replaced by a page the layouts make"},
		{"two pages at one address", []PublishedPage{{Kind: "home", URLs: []string{"/"}}, {Source: "content/gioi-thieu/lien-he.md", Kind: "page", URLs: []string{"/tim-kiem/"}}, {Kind: "section", URLs: []string{"/tim-kiem/"}}},
			"(layouts): /tim-kiem/ is published by both content/gioi-thieu/lien-he.md and a page the layouts make"},
		{"no home page", []PublishedPage{{Kind: "section", URLs: []string{"/hoi-dap/"}}},
			"(layouts): the home page / is not Hugo's home page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var all []string
			for _, p := range CheckPublished(cfg, site, tt.pages, now) {
				all = append(all, p.String())
				if strings.HasPrefix(p.String(), tt.want) {
					return
				}
			}
			t.Fatalf("no problem %q in:\n%s", tt.want, strings.Join(all, "\n"))
		})
	}
}
