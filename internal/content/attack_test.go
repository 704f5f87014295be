package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// The attacks of issue 10 that the checks must refuse before anything is built: each one made
// Hugo publish something other than what bbtgen had checked. Each case names the exact problem.
func TestReadingAttacks(t *testing.T) {
	for _, tt := range attackCases() {
		t.Run(tt.name, func(t *testing.T) {
			problems := checkOne(t, attackPath, tt.text, nil)
			var all []string
			for _, p := range problems {
				all = append(all, p.String())
				if strings.HasPrefix(p.String(), tt.want) && p.Severity == 0 {
					return
				}
			}
			t.Fatalf("no error starting with %q; got:\n%s", tt.want, strings.Join(all, "\n"))
		})
	}
}

// attackPath is the file of every attack.
const attackPath = "content/tin-hoat-dong/2026/x.md"

// attackCase is an attack and the error that must refuse it.
type attackCase struct {
	name, text, want string
}

func attackCases() []attackCase {
	const path = attackPath
	base := "title: \"Tin\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Tóm tắt.\"\n"
	return []attackCase{
		{"alias as a key", "---\n" + base + "x: &url /gioi-thieu/\n*url : /gioi-thieu/\n---\nBody\n",
			path + `:7:4: the anchor &url is not allowed in front matter — remove it and write each value in full`},
		{"alias value", "---\n" + base + "slug: &s a\ntags: [*s]\n---\nBody\n",
			path + `:8:8: the alias *s is not allowed in front matter`},
		{"merge key", "---\n" + base + "<<: {url: /gioi-thieu/}\n---\nBody\n",
			path + `:7:1: the merge key << is not allowed in front matter — write every key in full`},
		{"int tag on url", "---\n" + base + "url: !!int 1\n---\nBody\n",
			path + `:7:6: the explicit tag !!int is not allowed in front matter`},
		{"binary slug", "---\n" + base + "slug: !!binary Li4vLi4vZ2lvaS10aGlldQ==\n---\nBody\n",
			path + `:7:7: the explicit tag !!binary is not allowed in front matter`},
		{"timestamp tag", "---\n" + base + "url: !!timestamp 2026-01-01\n---\nBody\n",
			path + `:7:6: the explicit tag !!timestamp is not allowed in front matter`},
		{"local tag", "---\n" + base + "url: !x /gioi-thieu/\n---\nBody\n",
			path + `:7:6: the explicit tag !x is not allowed in front matter`},
		{"fence with a space", "---\n" + base + "--- \n{{< youtube x >}}\n---\nBody\n",
			path + `:7:1: the line "--- " closes the front matter but is not exactly "---"`},
		{"fence with a tab", "---\n" + base + "---\t\nurl: /gioi-thieu/\n---\n",
			path + `:7:1: the line "---\t" closes the front matter but is not exactly "---"`},
		{"fence with a comment", "---\n" + base + "--- # x\n![x](https://evil.example/x.jpg)\n",
			path + `:7:1: the line "--- # x" closes the front matter but is not exactly "---"`},
		{"four dashes", "---\n" + base + "----\nBody\n",
			path + `:7:1: the line "----" closes the front matter but is not exactly "---"`},
		{"opening fence with text", "--- x\n" + base + "---\nBody\n",
			path + `:1:1: the file has no front matter`},
		{"yes as draft", "---\n" + base + "draft: yes\n---\nBody\n",
			path + `:7:8: draft must be true or false, not "yes"`},
		{"CR line break hides a key", "---\n" + base + "image_alt: x\rurl: /gioi-thieu/\n---\nBody\n",
			path + `:8:6: url "/gioi-thieu/" moves the page outside its category`},
	}
}

// Files that Hugo publishes with a meaning bbtgen does not give them.
func TestFileAttacks(t *testing.T) {
	cfg := testConfig(t)
	page := []byte("---\ntitle: Trang\n---\n")
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"leaf bundle home", fstest.MapFS{"content/index.md": {Data: page}},
			`content/index.md: index.md makes its folder a Hugo page bundle`},
		{"leaf bundle in a category", fstest.MapFS{"content/tin-hoat-dong/2026/index.md": {Data: []byte(goodNews)}},
			`content/tin-hoat-dong/2026/index.md: index.md makes its folder a Hugo page bundle`},
		{"page over a category", fstest.MapFS{"content/tin-hoat-dong.md": {Data: page}},
			`content/tin-hoat-dong.md: tin-hoat-dong.md would be published over the page of the folder content/tin-hoat-dong/ — edit content/tin-hoat-dong/_index.md instead`},
		{"language suffix on the home", fstest.MapFS{"content/_index.vi.md": {Data: page}},
			`content/_index.vi.md: file name "_index.vi.md" has a suffix Hugo reads as a language`},
		{"language suffix on an article", fstest.MapFS{"content/tin-hoat-dong/2026/a.vi.md": {Data: []byte(goodNews)}},
			`content/tin-hoat-dong/2026/a.vi.md: file name "a.vi.md" has a suffix Hugo reads as a language`},
		{"static page", fstest.MapFS{"static/gioi-thieu/index.html": {Data: []byte("<script>")}},
			`static/gioi-thieu/index.html: static files of type ".html" are not published`},
		{"static script", fstest.MapFS{"static/js/x.js": {Data: []byte("alert(1)")}},
			`static/js/x.js: static files of type ".js" are not published`},
		{"a picture over a category's picture", fstest.MapFS{"assets/media/tin-hoat-dong/2026/anh.jpg": {Data: []byte("jpg")}},
			`assets/media/tin-hoat-dong/2026/anh.jpg: assets/media/ is where static/media/ is mounted for Hugo's image processing`},
		{"a page name that is not a slug", fstest.MapFS{"content/gioi-thieu/_gia.md": {Data: page}},
			`content/gioi-thieu/_gia.md: file name "_gia.md" is not a slug`},
		{"a content adapter", fstest.MapFS{"content/tin-hoat-dong/_content.gotmpl": {Data: []byte("{{ .AddPage }}")}},
			`content/tin-hoat-dong/_content.gotmpl: "_content.gotmpl" is not a Markdown file`},
		{"link inside the site", fstest.MapFS{
			"static/media/tin-hoat-dong/nhap.jpg":          {Data: []byte("../../../content/hoi-dap/2026/nhap.md"), Mode: fs.ModeSymlink},
			"content/hoi-dap/2026/nhap.md":                 {Data: []byte("x")},
			"static/media/tin-hoat-dong/2026/.placeholder": {Data: nil}},
			`static/media/tin-hoat-dong/nhap.jpg: symbolic link to ../../../content/hoi-dap/2026/nhap.md — copy the file instead`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fsys["content/_index.md"] == nil {
				tt.fsys["content/_index.md"] = &fstest.MapFile{Data: page}
			}
			_, problems := (&Checker{Cfg: cfg, FS: tt.fsys, Now: now}).Scan(tt.fsys)
			var all []string
			for _, p := range problems {
				all = append(all, p.String())
				if strings.HasPrefix(p.String(), tt.want) {
					return
				}
			}
			t.Fatalf("no problem starting with %q; got:\n%s", tt.want, strings.Join(all, "\n"))
		})
	}
}
