package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// attackSite writes a small site with the repository's layouts, assets and configuration: the
// home text, the governance pages, two articles of two categories and a draft.
func attackSite(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, ".cache"))
	for _, sub := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = regexp.MustCompile(`(?m)^  notice: .*\n`).ReplaceAll(cfg, nil)
	news := func(title, extra string) string {
		return "---\ntitle: \"" + title + "\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Tóm tắt.\"\n" + extra + "---\nNội dung.\n"
	}
	for rel, text := range map[string]string{
		"config.yaml":                         string(cfg),
		"content/_index.md":                   "---\ntitle: \"Trang chủ\"\n---\nLời giới thiệu của Trưởng ban.\n",
		"content/gioi-thieu/_index.md":        "---\ntitle: \"Giới thiệu\"\n---\nGiới thiệu Sở.\n",
		"content/gioi-thieu/lien-he.md":       "---\ntitle: \"Liên hệ\"\nlayout: contact\n---\n",
		"content/tin-hoat-dong/2026/tin-a.md": news("Tin A", ""),
		"content/cai-cach-hanh-chinh/2026/b.md": strings.Replace(news("Tin B", ""), "authors: [lhtrung]\nunit: van-phong",
			"authors: [pthanh]\nunit: phong-cchc", 1),
		"content/tin-hoat-dong/2026/nhap.md":  news("Bản nháp", "draft: true\n"),
		"static/media/tin-hoat-dong/.gitkeep": "",
	} {
		write(t, dir, rel, text)
	}
	return dir
}

func write(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// treeHash is a digest of every file of a folder (names and bytes).
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestBuildRefusesAttacks builds a site, then tries each attack of issue 10 on it: the build
// must refuse, naming the file, and leave the previous site byte for byte as it was. In "check"
// attacks the files are on disk before the check, as a pull request would bring them. In
// "differential" attacks the files change after the check and before Hugo reads them: that is
// what a reading difference nobody has found yet would look like, and the published-output
// invariant must catch it on Hugo's own page model.
func TestBuildRefusesAttacks(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	tests := []struct {
		name         string
		differential bool
		attack       func(t *testing.T, dir string)
		want         string
	}{
		{"a fence that only Hugo ends at", false, func(t *testing.T, dir string) {
			write(t, dir, tin, strings.Replace(attackArticle(""), "summary", "--- \nsummary", 1)+"{{< youtube x >}}\n")
		}, tin + `:6:1: the line "--- " closes the front matter but is not exactly "---"`},
		{"an alias used as a key", false, func(t *testing.T, dir string) {
			write(t, dir, tin, attackArticle("x: &u url\n*u : /gioi-thieu/\n"))
		}, tin + `:7:4: the anchor &u is not allowed in front matter`},
		{"the home page as a leaf bundle", false, func(t *testing.T, dir string) {
			write(t, dir, "content/index.md", "---\ntitle: x\n---\n")
		}, `content/index.md: index.md makes its folder a Hugo page bundle`},
		{"a page over a category", false, func(t *testing.T, dir string) {
			write(t, dir, "content/tin-hoat-dong.md", "---\ntitle: x\n---\n")
		}, `content/tin-hoat-dong.md: tin-hoat-dong.md would be published over the page of the folder content/tin-hoat-dong/`},
		{"the Head's home text by language", false, func(t *testing.T, dir string) {
			write(t, dir, "content/_index.vi.md", "---\ntitle: x\n---\n")
		}, `content/_index.vi.md: file name "_index.vi.md" has a suffix Hugo reads as a language`},
		{"a static page over a governance page", false, func(t *testing.T, dir string) {
			write(t, dir, "static/gioi-thieu/index.html", "<script>alert(1)</script>")
		}, `static/gioi-thieu/index.html: static files of type ".html" are not published`},
		{"a link to another category's draft", false, func(t *testing.T, dir string) {
			if err := os.Symlink("../../../content/tin-hoat-dong/2026/nhap.md", filepath.Join(dir, "static/media/tin-hoat-dong/nhap.jpg")); err != nil {
				t.Fatal(err)
			}
		}, `static/media/tin-hoat-dong/nhap.jpg: symbolic link to ../../../content/tin-hoat-dong/2026/nhap.md`},
		{"a plain static file over what Hugo writes", false, func(t *testing.T, dir string) {
			write(t, dir, "static/robots.txt", "User-agent: *\nDisallow: /\n")
		}, `static/robots.txt: static/robots.txt would replace the /robots.txt the build writes`},
		{"a static file in the search index's folder", false, func(t *testing.T, dir string) {
			write(t, dir, "static/tim-kiem/chi-muc/meta.json", `{"v":"x","n":0,"b":1}`)
		}, `static/tim-kiem/chi-muc/meta.json: static/tim-kiem/chi-muc/meta.json is in /tim-kiem/chi-muc/, where the build writes the search index`},
		// Judged while Hugo renders (sitecheck.Staged): the rendering waits in staging.
		{"a number only Hugo reads as text", false, func(t *testing.T, dir string) {
			write(t, dir, tin, attackArticle("weight: 1e3\n"))
		}, tin + `:7:1: Hugo reads weight as string "1e3", bbtgen as float64 "1000"`},
		{"a script in an article", false, func(t *testing.T, dir string) {
			write(t, dir, tin, attackArticle("")+"<script>alert(1)</script>\n")
		}, tin + `:9:1: raw HTML with script or embedded content`},
		{"a static file over a rendered page", true, func(t *testing.T, dir string) {
			write(t, dir, "static/tin-hoat-dong/2026/tin-a/index.txt", "x") // a name the check allows
			write(t, dir, "static/tin-hoat-dong/index.xml", "<rss/>")
		}, `static/tin-hoat-dong/index.xml: static file static/tin-hoat-dong/index.xml would replace /tin-hoat-dong/index.xml, which Hugo rendered`},
		{"a static file in the search index's folder, after the check", true, func(t *testing.T, dir string) {
			write(t, dir, "static/tim-kiem/chi-muc/d/0.json", `{"u":"/gioi-thieu/","t":"x"}`)
		}, `static/tim-kiem/chi-muc/d/0.json: static file static/tim-kiem/chi-muc/d/0.json is in /tim-kiem/chi-muc/, where the build writes the search index`},

		{"Hugo reads a url bbtgen did not", true, func(t *testing.T, dir string) {
			write(t, dir, tin, attackArticle("url: /gioi-thieu/tin-a/\n"))
		}, tin + `: Hugo published ` + tin + ` at /gioi-thieu/tin-a/, outside the addresses of category tin-hoat-dong`},
		{"Hugo reads an alias bbtgen did not", true, func(t *testing.T, dir string) {
			write(t, dir, tin, attackArticle("aliases: [/cai-cach-hanh-chinh/2026/b/]\n"))
		}, tin + `: Hugo published ` + tin + ` at /cai-cach-hanh-chinh/2026/b/, outside the addresses of category tin-hoat-dong`},
		{"a file bbtgen never read", true, func(t *testing.T, dir string) {
			write(t, dir, "content/gioi-thieu/them.md", "---\ntitle: x\n---\n")
		}, `content/gioi-thieu/them.md: Hugo published a page from content/gioi-thieu/them.md, which bbtgen did not check`},
		{"a leaf bundle bbtgen never saw", true, func(t *testing.T, dir string) {
			write(t, dir, "content/tin-hoat-dong/2026/index.md", "---\ntitle: x\n---\n")
		}, tin + `: bbtgen checked ` + tin + ` as a published article, but Hugo did not publish it as a page`},
		{"a draft Hugo publishes", true, func(t *testing.T, dir string) {
			write(t, dir, "content/tin-hoat-dong/2026/nhap.md", attackArticle(""))
		}, `content/tin-hoat-dong/2026/nhap.md: Hugo published content/tin-hoat-dong/2026/nhap.md, which bbtgen checked as a draft`},
		{"a governance page over a category's page", true, func(t *testing.T, dir string) {
			write(t, dir, "content/gioi-thieu/lien-he.md", "---\ntitle: x\nurl: /tin-hoat-dong/\n---\n")
		}, `content/gioi-thieu/lien-he.md: Hugo published content/gioi-thieu/lien-he.md at /tin-hoat-dong/, outside the addresses of governance`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := attackSite(t)
			out := filepath.Join(dir, "public")
			buildChecked(t, dir, out, now, nil)
			before := treeHash(t, out)
			err := buildChecked(t, dir, out, now, func() {
				if !tt.differential {
					tt.attack(t, dir)
				}
			}, func() {
				if tt.differential {
					tt.attack(t, dir)
				}
			})
			if err == nil {
				t.Fatal("the build was not refused")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("the refusal does not say %q:\n%v", tt.want, err)
			}
			if after := treeHash(t, out); after != before {
				t.Fatal("the previous site was changed")
			}
		})
	}
}

// tin is the article the attacks change, and attackArticle its text with extra front matter.
const tin = "content/tin-hoat-dong/2026/tin-a.md"

func attackArticle(extra string) string {
	return "---\ntitle: \"Tin A\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Tóm tắt.\"\n" + extra + "---\nNội dung.\n"
}

// buildChecked runs what bbtgen build runs: CheckAndBuild (Hugo renders while the check
// finishes). before runs ahead of the check's reading, after between the reading and Hugo
// (in the place of the build's source, which is looked up there).
func buildChecked(t *testing.T, dir, out string, now time.Time, hooks ...func()) error {
	t.Helper()
	if len(hooks) > 0 && hooks[0] != nil {
		hooks[0]()
	}
	var after func(*sitecheck.Site) Source
	if len(hooks) > 1 {
		after = func(*sitecheck.Site) Source { hooks[1](); return Source{} }
	}
	s, _, err := CheckAndBuild(t.Context(), Options{Dir: dir, Out: out, Now: now, Version: "test"}, after)
	var unsafe *UnsafeError
	var refused *CheckedError
	switch {
	case errors.As(err, &refused):
		if len(hooks) == 0 {
			t.Fatalf("the clean site has problems: %v", s.Problems.Err())
		}
		return s.Problems.Err()
	case err != nil && !errors.As(err, &unsafe):
		t.Fatalf("the build failed otherwise: %v", err)
	case len(hooks) == 0 && err != nil:
		t.Fatalf("the clean site does not build: %v", err)
	}
	return err
}

// Hugo renders only a site whose reading passed, and what it renders while the check is still
// judging stays in the staging folder when the check then refuses the site.
func TestCheckAndBuildRendersOnlyWhatWasRead(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	dir := attackSite(t)
	out := filepath.Join(dir, "public")
	staging := filepath.Join(dir, ".public.staging")
	buildChecked(t, dir, out, now)
	before := treeHash(t, out)
	if _, err := os.Stat(staging); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a first build leaves no staging folder: %v", err)
	}

	// Refused by the reading: a link out of the site. Hugo never starts.
	link := filepath.Join(dir, "static/media/tin-hoat-dong/passwd.jpg")
	if err := os.Symlink("/etc/passwd", link); err != nil {
		t.Fatal(err)
	}
	err := buildChecked(t, dir, out, now, nil)
	if err == nil || !strings.Contains(err.Error(), "symbolic link to /etc/passwd") {
		t.Fatalf("not refused for the link: %v", err)
	}
	if _, err := os.Stat(staging); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Hugo rendered a site whose reading failed, or its empty staging folder is left: %v", err)
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}

	// A shortcode Hugo would run, though only the judging half reports it: not rendered either.
	write(t, dir, tin, attackArticle("")+"{{< youtube x >}}\n")
	err = buildChecked(t, dir, out, now, nil)
	if err == nil || !strings.Contains(err.Error(), `shortcode "youtube" is not allowed`) {
		t.Fatalf("not refused for the shortcode: %v", err)
	}
	if _, err := os.Stat(staging); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Hugo rendered a site with a shortcode bbtgen refuses: %v", err)
	}

	// Refused by the judging half: Hugo has rendered into staging, nothing is published.
	write(t, dir, tin, strings.Replace(attackArticle(""), "[lhtrung]", "[lhtrung, khongco]", 1))
	err = buildChecked(t, dir, out, now, nil)
	if err == nil || !strings.Contains(err.Error(), `unknown author "khongco"`) {
		t.Fatalf("not refused for the author: %v", err)
	}
	if _, err := os.Stat(filepath.Join(staging, "tin-hoat-dong", "2026", "tin-a", "index.html")); err != nil {
		t.Fatalf("Hugo did not render while the check judged: %v", err)
	}
	if treeHash(t, out) != before {
		t.Fatal("the previous site was changed")
	}
}
