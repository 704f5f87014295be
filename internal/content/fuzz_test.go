package content

import (
	"bytes"
	"slices"
	"testing"

	"github.com/gohugoio/hugo/parser/pageparser"
	"github.com/spf13/cast"
)

// FuzzParseArticle feeds arbitrary bytes to the front-matter parser and the article checks:
// they must report problems, never panic, and a parsed article must keep its invariants.
func FuzzParseArticle(f *testing.F) {
	cfg := testConfig(f)
	for _, seed := range []string{
		goodNews,
		"---\n---\n",
		"---\ntitle: [\n---\n",
		"---\ndate: 2026-02-30\n---\n",
		"---\nimages:\n  - {src: /media/hinh-anh/../../x.jpg}\n---\n",
		"---\naliases: [/tin-hoat-dong/x/, \"//evil\"]\nurl: /tin-hoat-dong/../x\n---\n<script>x</script>\n",
		"---\ntitle: &a [*a]\n---\n",
		"+++\ntitle = 'x'\n+++\n",
		"---\r\ntitle: x\r\n---\r\nbody\r\n",
		"\xef\xbb\xbf---\ntitle: x\n---\n",
		"---\ntitle: \"No\u0323\u0302i\"\n---\n",
		"---\nroyalty: {kind: photo, coefficient: 1.25}\n---\n![](/media/x.jpg) {{< youtube x >}}",
	} {
		f.Add([]byte(seed))
	}
	c := &Checker{Cfg: cfg, Now: now}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, problems := ParseArticle("content/tin-hoat-dong/2026/x.md", "tin-hoat-dong", data)
		for _, p := range problems {
			if p.File != "content/tin-hoat-dong/2026/x.md" || p.Message == "" || p.Line < 0 {
				t.Fatalf("malformed problem %+v", p)
			}
		}
		if a == nil {
			if problems.Errors() == 0 {
				t.Fatal("no article and no error")
			}
			return
		}
		more := c.Article(a)
		for _, p := range more {
			if p.Message == "" || p.Line < 1 {
				t.Fatalf("malformed problem %+v", p)
			}
		}
		if more.Errors() == 0 && problems.Errors() == 0 {
			u := a.URL()
			if len(u) < len("/tin-hoat-dong/") || u[:len("/tin-hoat-dong/")] != "/tin-hoat-dong/" {
				t.Fatalf("an article that passed the checks is published outside its category: %s", u)
			}
		}
	})
}

// FuzzHugoReading is the differential target of "one reading": whenever bbtgen accepts a file's
// front matter, Hugo's own reader (pageparser.ParseFrontMatterAndContent, the code that
// publishes) must find the same body and the same values, and the keys that decide where and
// whether a page is published must mean the same to Hugo as to bbtgen's strict decoder.
func FuzzHugoReading(f *testing.F) {
	for _, seed := range []string{
		goodNews,
		"---\r\ntitle: x\r\nurl: /tin-hoat-dong/a/\r\n---\r\nbody\r\n",
		"---\ntitle: x\n--- \nurl: /x/\n---\n",
		"---\nx: &u url\n*u : /gioi-thieu/\n---\n",
		"---\nslug: !!binary YQ==\n---\n",
		"---\n<<: {url: /x/}\n---\n",
		"---\ndraft: false\naliases: [/tin-hoat-dong/a/]\noutputs: [html]\n---\n",
		"---\ntitle: 'a\n  b'\ndate: 2026-01-02\n---\n{{< x >}}",
		"---\ntitle: x\rurl: /x/\n---\n",
		"---\ntitle: ! 12\n---\n",
		"---\n? url\n: /x/\n---\n",
		"---\nurl: \"/tin-hoat-dong/\\u0000\"\n---\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, problems := Split("content/tin-hoat-dong/2026/x.md", data)
		if doc == nil || problems.Errors() > 0 {
			return
		}
		hugo, err := pageparser.ParseFrontMatterAndContent(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("bbtgen accepted what Hugo cannot read: %v", err)
		}
		if !bytes.Equal(hugo.Content, doc.Body) {
			t.Fatalf("body differs:\nHugo:   %q\nbbtgen: %q", hugo.Content, doc.Body)
		}
		var ours map[string]any
		if doc.Node.Kind != 0 {
			if err := doc.Node.Decode(&ours); err != nil {
				t.Fatalf("bbtgen accepted front matter it cannot decode: %v", err)
			}
		}
		if len(ours) != len(hugo.FrontMatter) || (len(ours) > 0 && !sameValue(ours, hugo.FrontMatter)) {
			t.Fatalf("front matter differs:\nHugo:   %#v\nbbtgen: %#v", hugo.FrontMatter, ours)
		}
		var fm FrontMatter
		if more := (&Doc{Node: doc.Node, Path: doc.Path, FrontLine: 2}).decode(&fm); more.Errors() > 0 {
			return
		}
		h := hugo.FrontMatter
		if v, ok := h["url"]; ok && cast.ToString(v) != fm.URL {
			t.Fatalf("url: Hugo %q, bbtgen %q", cast.ToString(v), fm.URL)
		}
		if v, ok := h["slug"]; ok && cast.ToString(v) != fm.Slug {
			t.Fatalf("slug: Hugo %q, bbtgen %q", cast.ToString(v), fm.Slug)
		}
		if v, ok := h["draft"]; ok && cast.ToBool(v) != fm.Draft {
			t.Fatalf("draft: Hugo %v, bbtgen %v", cast.ToBool(v), fm.Draft)
		}
		for key, list := range map[string][]string{"aliases": fm.Aliases, "outputs": fm.Outputs} {
			if v, ok := h[key]; ok && !slices.Equal(cast.ToStringSlice(v), list) {
				t.Fatalf("%s: Hugo %q, bbtgen %q", key, cast.ToStringSlice(v), list)
			}
		}
	})
}
