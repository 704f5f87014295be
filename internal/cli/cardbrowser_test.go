package cli

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/sonoivu-binhdinh/bbtgen/internal/browsertest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
)

// githubCSS is the part of GitHub's comment styling that decides the width of a card on a
// phone: the body is 100% wide, long words break, code and tables scroll in their own box.
const githubCSS = `body{margin:0;padding:16px;font:16px/1.5 -apple-system,"Segoe UI",sans-serif;word-wrap:break-word}
.markdown-body{max-width:100%}pre,table{display:block;max-width:100%;overflow:auto}img{max-width:100%}`

// TestCardOnAPhone renders each golden review card, in Vietnamese and in English, as GitHub
// renders Markdown and shows it in Chromium 360 px wide: nothing may scroll sideways (the old four-column table ran off the
// screen).
func TestCardOnAPhone(t *testing.T) {
	ctx := browsertest.Browser(t)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	pages := map[string]string{}
	for _, name := range []string{"news-waiting", "news-stale", "legal-verified", "qa-escape", "gallery-mergeable"} {
		var c *card
		switch name {
		case "news-waiting":
			c = cardCase(t, "content/tin-hoat-dong/2026/tap-huan.md", cardNews)
		case "news-stale":
			c = cardCase(t, "content/tin-hoat-dong/2026/tap-huan.md", cardNews, approved("ttdinh-snv", cardStale, 3))
			c.before["content/tin-hoat-dong/2026/tap-huan.md"] = []byte(strings.Replace(cardNews, "120 công chức", "100 cán bộ, công chức", 1))
		case "legal-verified", "qa-escape", "gallery-mergeable":
			c = cardCase(t, "content/tin-hoat-dong/2026/tap-huan.md", strings.Replace(cardNews, "Sáng 20/11", "Ngày 20/11/2026, "+strings.Repeat("Trung tâm Phục vụ hành chính công tỉnh Bình Định ", 3), 1))
		}
		for _, lang := range []string{"vi", "en"} {
			c.p = i18n.New(i18n.FromEnv(func(string) string { return lang }))
			var buf bytes.Buffer
			if err := md.Convert([]byte(c.markdown()), &buf); err != nil {
				t.Fatal(err)
			}
			pages["/"+name+"."+lang] = `<!doctype html><meta charset=utf-8><meta name=viewport content="width=device-width"><style>` + githubCSS +
				`</style><div class=markdown-body>` + strings.ReplaceAll(buf.String(), "<details>", "<details open>") + `</div>`
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(pages[r.URL.Path]))
	}))
	t.Cleanup(srv.Close)
	if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(360, 640, 2, true)); err != nil {
		t.Fatal(err)
	}
	for path := range pages {
		var scroll, inner, boxes int
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady("body"),
			chromedp.Evaluate(`document.scrollingElement.scrollWidth`, &scroll), chromedp.Evaluate(`innerWidth`, &inner),
			// GitHub lets a wide table or code block scroll inside its own box: that hides what
			// runs off it just as well, so none may be wider than its box either.
			chromedp.Evaluate(`[...document.querySelectorAll('table,pre')].filter(e => e.scrollWidth > e.clientWidth + 1).length`, &boxes)); err != nil {
			t.Fatal(err)
		}
		if scroll > inner || boxes > 0 {
			t.Errorf("%s: the card is %d px wide on a %d px screen, %d box(es) scroll sideways", path, scroll, inner, boxes)
		}
	}
}
