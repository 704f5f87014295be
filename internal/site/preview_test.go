package site

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// previewSite copies the repository's sample site into a new folder.
func previewSite(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, ".cache"))
	for _, sub := range []string{"content", "static", "layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "config.yaml", string(cfg))
	return dir
}

const previewArticle = "---\ntitle: \"Tin xem trước\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Tóm tắt.\"\n%s---\nNội dung thứ nhất.\n"

func previewText(extra string) string { return strings.Replace(previewArticle, "%s", extra, 1) }

// TestPreview changes files of a built preview one by one and checks, each time, that only
// the changed files were checked and built (no full build), that the problems are exactly
// those of the whole-site check, and that the pages show the change.
func TestPreview(t *testing.T) {
	dir := previewSite(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	const a, b = "content/tin-hoat-dong/2026/tin-xem-truoc.md", "content/tin-hoat-dong/2026/tin-khac.md"
	write(t, dir, a, previewText(""))
	var before func(n int)
	p, err := NewPreview(PreviewOptions{Dir: dir, Out: filepath.Join(t.TempDir(), "out"), BaseURL: "http://localhost:1313/",
		Now: func() time.Time { return now }, Version: "test", BeforeRender: func(n int) {
			if before != nil {
				before(n)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if res, err := p.Update(t.Context(), nil); err != nil || !res.Full {
		t.Fatalf("first build: %+v, %v", res, err)
	}
	page := func(sitePath string) string {
		t.Helper()
		var text string
		p.Read(t.Context(), sitePath, func(dir string, failed error) {
			if failed != nil {
				t.Fatalf("%s: the preview shows %v", sitePath, failed)
			}
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(sitePath), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			text = string(data)
		})
		return text
	}
	if !strings.Contains(page("/tin-hoat-dong/2026/tin-xem-truoc/"), "Nội dung thứ nhất.") {
		t.Fatal("the article is not shown")
	}
	page("/tin-hoat-dong/") // looked at once: Hugo renders it again with the next change

	steps := []struct {
		name  string
		files map[string]string // "" removes the file
		rule  string            // an error the checks must find, or "" for a build
		show  map[string]string // site path → text it must contain
		hide  []string          // site paths that must be gone
		full  bool              // the change needs everything built again
	}{
		{name: "edit", files: map[string]string{a: strings.Replace(previewText(""), "Tin xem trước", "Tin đã sửa", 1)},
			show: map[string]string{"/tin-hoat-dong/2026/tin-xem-truoc/": "Tin đã sửa", "/tin-hoat-dong/": "Tin đã sửa"}},
		{name: "add", files: map[string]string{b: strings.Replace(previewText(""), "Nội dung thứ nhất.", "Bài thứ hai.", 1)},
			show: map[string]string{"/tin-hoat-dong/2026/tin-khac/": "Bài thứ hai."}},
		{name: "duplicate address", files: map[string]string{b: previewText("slug: tin-xem-truoc\n")}, rule: "duplicate-url"},
		{name: "two problems", files: map[string]string{a: strings.Replace(previewText(""), "lhtrung", "nvana", 1)}, rule: "author"},
		{name: "fixed and removed", files: map[string]string{a: previewText(""), b: ""},
			show: map[string]string{"/tin-hoat-dong/2026/tin-xem-truoc/": "Tin xem trước"}, hide: []string{"/tin-hoat-dong/2026/tin-khac/"}},
		// A tag nobody used before needs an address in Hugo's configuration.
		{name: "new tag", files: map[string]string{a: previewText("tags: [\"Đổi mới xem trước\"]\n")}, full: true,
			show: map[string]string{"/tu-khoa/doi-moi-xem-truoc/": "Tin xem trước"}},
	}
	for _, s := range steps {
		var changed []string
		for rel, text := range s.files {
			if text == "" {
				if err := os.Remove(filepath.Join(dir, rel)); err != nil {
					t.Fatal(err)
				}
			} else {
				write(t, dir, rel, text)
			}
			changed = append(changed, filepath.Join(dir, rel))
		}
		res, err := p.Update(t.Context(), changed)
		if res.Full != s.full {
			t.Errorf("%s: full build %v, want %v", s.name, res.Full, s.full)
		}
		full, cerr := sitecheck.Check(dir, now)
		if cerr != nil {
			t.Fatal(cerr)
		}
		if !slices.EqualFunc(res.Problems, full.Problems, func(a, b diag.Problem) bool {
			return a.String() == b.String() && a.Rule == b.Rule && a.Severity == b.Severity
		}) {
			t.Errorf("%s: the preview found\n%v\nthe whole-site check\n%v", s.name, res.Problems, full.Problems)
		}
		var check *CheckError
		if s.rule != "" {
			if !errors.As(err, &check) || !slices.ContainsFunc(check.Problems, func(pr diag.Problem) bool { return pr.Rule == s.rule }) {
				t.Fatalf("%s: want a %s error, got %v", s.name, s.rule, err)
			}
			p.Read(t.Context(), "/", func(_ string, failed error) {
				if failed != err {
					t.Errorf("%s: the preview shows %v", s.name, failed)
				}
			})
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		for u, text := range s.show {
			if got := page(u); !strings.Contains(got, text) {
				t.Errorf("%s: %s does not show %q", s.name, u, text)
			}
		}
		for _, u := range s.hide {
			p.Read(t.Context(), u, func(dir string, _ error) {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(u), "index.html")); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s: %s is still there", s.name, u)
				}
			})
		}
	}

	// A file that changes after the checks and before Hugo reads it (what a difference between
	// the two readings would look like) is caught by the published-output invariant on Hugo's
	// page model, and the preview shows the problem instead of the site.
	const tag = "tags: [\"Đổi mới xem trước\"]\n"
	before = func(int) { write(t, dir, a, previewText(tag+"url: /cai-cach-hanh-chinh/chen-ngang/\n")) }
	write(t, dir, a, previewText(tag+"lastmod: 2026-11-21T09:00:00+07:00\n"))
	_, err = p.Update(t.Context(), []string{a})
	before = nil
	var unsafe *UnsafeError
	if !errors.As(err, &unsafe) || !slices.ContainsFunc(unsafe.Problems, func(pr diag.Problem) bool { return pr.Rule == sitecheck.RuleOutsideArea }) {
		t.Fatalf("a page published outside its category: %v", err)
	}
	p.Read(t.Context(), "/cai-cach-hanh-chinh/chen-ngang/", func(_ string, failed error) {
		if failed != err {
			t.Errorf("the preview shows %v", failed)
		}
	})
	// The next change is checked as usual; fixing the file brings the site back.
	if _, err := p.Update(t.Context(), []string{a}); err == nil {
		t.Fatal("the checks let the url outside the category through")
	}
	write(t, dir, a, previewText(tag))
	if res, err := p.Update(t.Context(), []string{a}); err != nil || res.Full {
		t.Fatalf("after the fix: %+v, %v", res, err)
	}
	if got := page("/tin-hoat-dong/2026/tin-xem-truoc/"); !strings.Contains(got, "Tin xem trước") {
		t.Error("the article is not back")
	}

	// config.yaml builds everything again.
	write(t, dir, "config.yaml", readFile(t, filepath.Join(dir, "config.yaml"))+"\n")
	if res, err := p.Update(t.Context(), []string{"config.yaml"}); err != nil || !res.Full {
		t.Fatalf("config.yaml changed: %+v, %v", res, err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// walkOrder must sort paths as fs.WalkDir visits them: the whole-site check reports the
// second of two duplicates in that order.
func TestWalkOrder(t *testing.T) {
	want := []string{"content/a/b.md", "content/a-c.md", "content/a.md", "content/b/x/y.md", "content/b/z.md"}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, walkOrder)
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// pageURL names the page Hugo renders for each path a browser may ask for.
func TestPageURL(t *testing.T) {
	for in, want := range map[string]string{
		"/": "/", "": "/", "/index.html": "/", "/a/b/": "/a/b/", "/a/b": "/a/b/", "/a/b/index.html": "/a/b/",
		"/a/b/index.xml": "/a/b/", "/404.html": "/404.html", "/a/trang/2/": "/a/", "/trang/3/": "/",
		"/tu-khoa/x/trang/12/": "/tu-khoa/x/", "/trang/": "/trang/", "/a/trang/hai/": "/a/trang/hai/",
		"/css/main.css": "", "/media/a/b.jpg": "",
	} {
		got, ok := pageURL(in, "trang")
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("pageURL(%q) = %q, want %q", in, got, want)
		}
	}
}
