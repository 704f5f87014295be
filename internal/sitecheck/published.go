package sitecheck

// The published-output invariant (BRIEF §6): whatever reaches the site must have been approved
// by the area that owns it, judged on what Hugo actually rendered — its page model after the
// build — not on bbtgen's reading of the source. The checks of internal/content keep the two
// readings equal; this is the net under them, so that a difference nobody has found yet still
// cannot publish a page outside its area.

import (
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// PublishedPage is one page of Hugo's page model after a build.
type PublishedPage struct {
	// Source is the file the page was rendered from, relative to the site folder with
	// slashes ("content/van-ban/2026/x.md"); GeneratedPrefix+path for the pages bbtgen
	// generates; "" for pages the layouts make without a file (taxonomies, a section without
	// _index.md).
	Source string
	// Kind is Hugo's page kind: home, section, page, taxonomy, term.
	Kind string
	// URLs are the site paths the page was written to: one per output format.
	URLs []string
	// Aliases are the site paths of its redirect pages.
	Aliases []string
}

// GeneratedPrefix marks the source of a page bbtgen generated (the legal-document filters).
const GeneratedPrefix = "generated:"

// Rules of the published-output invariant.
const (
	RuleOutsideArea = "published-outside-area"
	RuleUnchecked   = "published-unchecked"
	RuleNotRendered = "published-missing"
	RuleSameAddress = "published-same-address"
	RuleOwner       = "published-owner"
	RuleStaticOver  = "static-overwrites-page"
)

// CheckPublished verifies Hugo's page model against what bbtgen checked:
//   - every page with a source file was checked by bbtgen, and it and each of its aliases lie in
//     the URL space of the area of that file (a category's folder; governance everywhere else);
//   - no two pages or aliases share an address (Hugo would let one silently replace the other);
//   - the home page and each category's page come from the files that own them;
//   - every article bbtgen checked as published is a page of Hugo's, and no other page is.
func CheckPublished(cfg *config.Config, site *content.Site, pages []PublishedPage, now time.Time) diag.List {
	var problems diag.List
	add := func(file, rule, hint, format string, args ...any) {
		if file == "" {
			file = "(layouts)"
		}
		problems.Add(diag.Problemf(file, 0, 0, rule, hint, format, args...))
	}
	checked := map[string]bool{}
	published := map[string]bool{}
	for _, a := range site.Articles {
		checked[a.Path] = true
		if !a.Draft && !a.Date.After(now) {
			published[a.Path] = true
		}
	}
	for _, p := range site.Pages {
		checked[p.Path] = true
	}
	categoryOf := func(u string) string {
		for _, c := range cfg.Categories {
			if strings.HasPrefix(u, "/"+c.Folder+"/") {
				return c.Folder
			}
		}
		return ""
	}
	type claim struct{ source, what string }
	owners := map[string]claim{}
	rendered := map[string]bool{}
	for _, p := range pages {
		area := "" // the category the source belongs to; "" for governance
		switch {
		case p.Source == "":
		case strings.HasPrefix(p.Source, GeneratedPrefix):
			area, _, _ = strings.Cut(strings.TrimPrefix(p.Source, GeneratedPrefix), "/")
		default:
			if !checked[p.Source] {
				add(p.Source, RuleUnchecked, "only Markdown files that bbtgen check reads may publish; remove or rename it",
					"Hugo published a page from %s, which bbtgen did not check", p.Source)
				continue
			}
			area = content.CategoryOf(cfg, p.Source)
			if p.Kind == "page" && area != "" {
				rendered[p.Source] = true
				if !published[p.Source] {
					add(p.Source, RuleUnchecked, "Hugo and bbtgen disagree on whether it is published yet",
						"Hugo published %s, which bbtgen checked as a draft or an article of the future", p.Source)
				}
			}
		}
		for _, u := range append(slices.Clone(p.URLs), p.Aliases...) {
			got := categoryOf(u)
			if p.Source != "" && got != area {
				owner := diag.T("governance")
				if area != "" {
					owner = diag.T("category %s", area)
				}
				add(p.Source, RuleOutsideArea, "a page stays in the address space of the area that approves its file",
					"Hugo published %s at %s, outside the addresses of %s", p.Source, u, owner)
			}
			if prev, ok := owners[u]; ok && prev.source != p.Source {
				add(p.Source, RuleSameAddress, "give one of them another slug or file name",
					"%s is published by both %s and %s", u, describeSource(prev.source), describeSource(p.Source))
				continue
			}
			owners[u] = claim{p.Source, p.Kind}
		}
		switch {
		case p.Kind == "home" && p.Source != "" && p.Source != content.Dir+"/_index.md":
			add(p.Source, RuleOwner, "the home page's text is content/_index.md", "the home page was rendered from %s", p.Source)
		case p.Kind == "section" && p.Source != "" && path.Base(p.Source) != "_index.md":
			add(p.Source, RuleOwner, "a folder's page is its _index.md", "the page of a folder was rendered from %s", p.Source)
		}
	}
	if c, ok := owners["/"]; !ok || c.what != "home" {
		add(c.source, RuleOwner, "", "the home page / is not Hugo's home page")
	}
	for _, cat := range cfg.Categories {
		u := "/" + cat.Folder + "/"
		if c, ok := owners[u]; ok && c.what != "section" {
			add(c.source, RuleOwner, "", "the page of category %s at %s was replaced by %s", cat.Folder, u, describeSource(c.source))
			problems[len(problems)-1] = problems[len(problems)-1].WithHint("a category's page is made from content/%s/_index.md", cat.Folder)
		}
	}
	var missing []string
	for p := range published {
		if !rendered[p] {
			missing = append(missing, p)
		}
	}
	slices.Sort(missing)
	for _, p := range missing {
		add(p, RuleNotRendered, "a file beside it (an index.md, a second language) may have changed how Hugo reads the folder",
			"bbtgen checked %s as a published article, but Hugo did not publish it as a page", p)
	}
	problems.Sort()
	return problems
}

// describeSource names the source of a page: its file, or a sentence of the catalog for a page
// without one.
func describeSource(s string) any {
	if s == "" {
		return diag.T("a page the layouts make")
	}
	return s
}

// SitePathOf turns a permalink Hugo gives (relative, percent-encoded, under the base URL's
// path) into a clean site path such as /tin-hoat-dong/2026/x/.
func SitePathOf(rel, basePath string) string {
	if u, err := url.Parse(rel); err == nil {
		if u.Path != "" || u.Host != "" {
			rel = u.Path
		}
	}
	rel = "/" + strings.TrimPrefix(rel, strings.TrimSuffix(basePath, "/"))
	clean := path.Clean(rel)
	if strings.HasSuffix(rel, "/") && clean != "/" {
		clean += "/"
	}
	return clean
}
