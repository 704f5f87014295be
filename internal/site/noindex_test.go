package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// robotsMeta is the tag head.html writes for a build that must not be indexed, as minified.
var robotsMeta = regexp.MustCompile(`<meta name="?robots"? content="noindex, nofollow">`)

// TestNoIndex: a --noindex build (a preview) tells search engines not to index it in
// robots.txt and in every page; a normal build does neither.
func TestNoIndex(t *testing.T) {
	dir := attackSite(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	s, err := sitecheck.Check(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.Problems.Errors() > 0 {
		t.Fatalf("the small site has problems: %v", s.Problems.Err())
	}
	for _, noindex := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(t.Context(), Options{Dir: dir, Out: out, Cfg: s.Cfg, Content: s.Content, Now: now, Version: "test", NoIndex: noindex}); err != nil {
			t.Fatalf("noindex %v: %v", noindex, err)
		}
		robots := readPage(t, out, "robots.txt")
		if disallows := strings.Contains(robots, "Disallow: /\n"); disallows != noindex {
			t.Errorf("noindex %v: robots.txt is %q", noindex, robots)
		}
		pages := 0
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(data), `http-equiv="refresh"`) || strings.Contains(string(data), "http-equiv=refresh") {
				return nil // Hugo's redirect of an alias (…/trang/1/): no content, its target is tagged
			}
			pages++
			if tagged := robotsMeta.Match(data); tagged != noindex {
				rel, _ := filepath.Rel(out, p)
				t.Errorf("noindex %v: %s has the robots tag: %v", noindex, rel, tagged)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if pages < 5 {
			t.Errorf("noindex %v: only %d pages seen", noindex, pages)
		}
	}
}
