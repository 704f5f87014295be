package content

import (
	"testing"
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
