package site

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// firstScreen is where the things a citizen looks for first stand on a page, in CSS pixels
// from the top of the document (-1 when absent).
type firstScreen struct {
	H1          float64 `json:"h1"`          // the page's <h1>, when it is visible
	FirstTitle  float64 `json:"firstTitle"`  // the home page's link to the newest article of the first category
	Legal       float64 `json:"legal"`       // the home page's "Văn bản" section heading
	ScrollWidth float64 `json:"scrollWidth"` // document.scrollingElement.scrollWidth
	InnerWidth  float64 `json:"innerWidth"`
}

// measureJS measures firstScreen; firstHref is the address of the first category's newest
// article (the home page's link to it is looked for).
const measureJS = `((firstHref) => {
	const top = e => e ? e.getBoundingClientRect().top + window.scrollY : -1;
	const visible = e => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' &&
		e.getBoundingClientRect().width > 1;
	const h1 = [...document.querySelectorAll('h1')].find(visible);
	const first = firstHref ? [...document.querySelectorAll('main a')].find(a => a.getAttribute('href') === firstHref && visible(a)) : null;
	const legal = document.getElementById('h-van-ban');
	return {h1: top(h1), firstTitle: top(first), legal: top(legal),
		scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth};
})`

// measure opens url at the given viewport and measures it.
func measure(ctx context.Context, url string, width, height int64, firstHref string) (firstScreen, error) {
	var m firstScreen
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(width, height),
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
		chromedp.Evaluate(`document.fonts.ready.then(() => true)`, nil, await),
		chromedp.Evaluate(measureJS+"("+jsString(firstHref)+")", &m),
	)
	return m, err
}

func jsString(s string) string {
	if s == "" {
		return "null"
	}
	b := []byte{'"'}
	for _, r := range s {
		if r == '"' || r == '\\' {
			b = append(b, '\\')
		}
		b = append(b, string(r)...)
	}
	return string(append(b, '"'))
}

// TestFirstScreenOf measures a site built elsewhere (BBTGEN_MEASURE_SITE=dir): the numbers
// the phone tests hold, for comparing two builds.
func TestFirstScreenOf(t *testing.T) {
	dir := os.Getenv("BBTGEN_MEASURE_SITE")
	if dir == "" {
		t.Skip("set BBTGEN_MEASURE_SITE to a built site to measure its first screen")
	}
	ctx := browser(t)
	base := serveDir(t, dir)
	var firstHref string
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"/tin-hoat-dong/"), chromedp.WaitReady("body"),
		chromedp.Evaluate(`document.querySelector('main article a, main .card a').getAttribute('href')`, &firstHref)); err != nil {
		t.Fatal(err)
	}
	for _, vp := range [][2]int64{{360, 640}, {390, 844}, {1280, 800}} {
		home, err := measure(ctx, base+"/", vp[0], vp[1], firstHref)
		if err != nil {
			t.Fatal(err)
		}
		art, err := measure(ctx, base+firstHref, vp[0], vp[1], "")
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%dx%d: article h1 top %.0f; home: first article title top %.0f, Văn bản top %.0f, scroll width %.0f/%0.f",
			vp[0], vp[1], art.H1, home.FirstTitle, home.Legal, home.ScrollWidth, home.InnerWidth)
	}
}
