package site

// The citizens' site on a phone (issue 19): the first screen shows what a reader came for,
// nothing is wider than the screen, the menu folds without JavaScript, the legal documents are
// cards in the order of their issue, pictures have thumbnails, captions and full sizes, and
// every word of the interface is Vietnamese. The browser tests reuse browser_test.go's
// helpers: they skip without Chromium (or axe-core) locally and fail when CI is set.

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// phoneNow is the time buildSample builds the sample site at.
var phoneNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// viewports are the screens the layout is held to: a small phone and a laptop.
var viewports = []struct{ w, h int64 }{{360, 640}, {1280, 800}}

type phonePage struct{ name, path string }

// sampleSite is the sample site as bbtgen checked it: its configuration and articles.
func sampleSite(t *testing.T) *sitecheck.Site {
	t.Helper()
	s, err := sitecheck.Check(repoRoot(t), phoneNow)
	if err != nil || s.Problems.Errors() > 0 {
		t.Fatalf("checking the sample site: %v %v", err, s.Problems.Err())
	}
	return s
}

// newest is the newest published article of a category.
func newest(s *sitecheck.Site, folder string) *content.Article {
	var best *content.Article
	for _, a := range s.Content.Articles {
		if a.Category != folder || a.Draft || a.Date.After(phoneNow) {
			continue
		}
		if best == nil || a.Date.After(best.Date.Time) {
			best = a
		}
	}
	return best
}

// phonePages lists a page of every type a citizen meets, from the sample's own configuration
// and content: the home page, each category's list, the newest article of a category of each
// kind, the legal list and a filter page, the tags and a tag's page, the contact page, the
// site map and the page for an unknown address.
func phonePages(t *testing.T) []phonePage {
	t.Helper()
	s := sampleSite(t)
	pages := []phonePage{{"home", "/"}}
	for _, c := range s.Cfg.Categories {
		pages = append(pages, phonePage{"list-" + c.Folder, "/" + c.Folder + "/"})
	}
	var tag string
	for _, kind := range config.Kinds {
		for _, c := range s.Cfg.Categories {
			if c.Kind != kind {
				continue
			}
			a := newest(s, c.Folder)
			if a == nil {
				continue
			}
			pages = append(pages, phonePage{"article-" + string(kind), a.URL()})
			if kind == config.KindLegal {
				pages = append(pages, phonePage{"legal-filter", "/" + c.Folder + "/loai/" + vntext.Slug(a.DocType) + "/"})
			}
			if tag == "" && len(a.Tags) > 0 {
				tag = a.Tags[0]
			}
			break
		}
	}
	if tag == "" {
		t.Fatal("no article of the sample has a tag")
	}
	return append(pages,
		phonePage{"tags", "/tu-khoa/"}, phonePage{"tag", "/tu-khoa/" + vntext.Slug(tag) + "/"},
		phonePage{"contact", "/gioi-thieu/lien-he/"}, phonePage{"units", "/gioi-thieu/co-cau-to-chuc/"},
		phonePage{"board", "/gioi-thieu/ban-bien-tap/"}, phonePage{"sitemap", "/so-do-trang/"},
		phonePage{"search", "/tim-kiem/"}, phonePage{"404", "/khong-co-trang-nay/"})
}

// firstScreen is where the things a citizen looks for first stand on a page, in CSS pixels
// from the top of the document (-1 when absent).
type firstScreen struct {
	H1          float64 `json:"h1"`          // the page's first visible <h1>
	FirstTitle  float64 `json:"firstTitle"`  // the link to firstHref, its top…
	FirstBottom float64 `json:"firstBottom"` // …and its bottom
	Legal       float64 `json:"legal"`       // the home page's "Văn bản" section heading
	Documents   float64 `json:"documents"`   // a legal list's first document
	ScrollWidth float64 `json:"scrollWidth"` // document.scrollingElement.scrollWidth
	InnerWidth  float64 `json:"innerWidth"`
	Wide        string  `json:"wide"` // the widest element that sticks out of the screen, if any
}

// measureJS measures firstScreen; its argument is the address of the first category's newest
// article (the home page's link to it is looked for) or null.
const measureJS = `((firstHref) => {
	const top = e => e ? e.getBoundingClientRect().top + window.scrollY : -1;
	const visible = e => e && e.checkVisibility({visibilityProperty: true}) && e.getBoundingClientRect().width > 1;
	const h1 = [...document.querySelectorAll('h1')].find(visible);
	const first = firstHref ? [...document.querySelectorAll('main a')].find(a => a.getAttribute('href') === firstHref && visible(a)) : null;
	let wide = '';
	for (const e of document.body.querySelectorAll('*')) {
		const r = e.getBoundingClientRect();
		if (r.right > window.innerWidth + 0.5 && visible(e) && !e.closest('.table-scroll')) {
			wide = e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' right=' + Math.round(r.right);
			break;
		}
	}
	return {h1: top(h1), firstTitle: top(first), firstBottom: first ? first.getBoundingClientRect().bottom + window.scrollY : -1,
		legal: top(document.getElementById('h-van-ban')),
		documents: top([...document.querySelectorAll('.legal-card, table.legal')].find(visible)),
		scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth, wide: wide};
})`

// measure opens url at a viewport and measures it.
func measure(ctx context.Context, url string, width, height int64, firstHref string) (firstScreen, error) {
	var m firstScreen
	arg := "null"
	if firstHref != "" {
		b, _ := json.Marshal(firstHref)
		arg = string(b)
	}
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(width, height),
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
		chromedp.Evaluate(`document.fonts.ready.then(() => true)`, nil, await),
		chromedp.Evaluate(measureJS+"("+arg+")", &m),
	)
	return m, err
}

// firstHref is the address of the first category's newest article: what the home page must
// show in its first screen.
func firstHref(t *testing.T) string {
	t.Helper()
	s := sampleSite(t)
	a := newest(s, s.Cfg.Categories[0].Folder)
	if a == nil {
		t.Fatalf("the first category, %s, has no article", s.Cfg.Categories[0].Folder)
	}
	return a.URL()
}

// TestPhoneFirstScreen holds the first screen of a phone (360×640) and of a laptop to what a
// citizen came for: an article's headline starts within the first 300 pixels, for every kind
// of article, and the home page shows the newest article of the first category whole.
func TestPhoneFirstScreen(t *testing.T) {
	ctx := browser(t)
	base := serveDir(t, buildSample(t))
	href := firstHref(t)
	pages := phonePages(t)
	for _, vp := range viewports {
		home, err := measure(ctx, base+"/", vp.w, vp.h, href)
		if err != nil {
			t.Fatal(err)
		}
		if home.FirstTitle < 0 || home.FirstBottom > float64(vp.h) {
			t.Errorf("%d×%d: the home page's link to %s stands at %.0f–%.0f px, outside the first screen (%d px)", vp.w, vp.h, href, home.FirstTitle, home.FirstBottom, vp.h)
		}
		t.Logf("%d×%d: home: first article title %.0f–%.0f px, \"Văn bản\" section %.0f px", vp.w, vp.h, home.FirstTitle, home.FirstBottom, home.Legal)
		for _, p := range pages {
			if !strings.HasPrefix(p.name, "article-") {
				continue
			}
			m, err := measure(ctx, base+p.path, vp.w, vp.h, "")
			if err != nil {
				t.Fatal(err)
			}
			if m.H1 < 0 || m.H1 > 300 {
				t.Errorf("%d×%d: %s (%s): the <h1> starts at %.0f px; want it within the first 300 px", vp.w, vp.h, p.name, p.path, m.H1)
			}
			t.Logf("%d×%d: %s: <h1> at %.0f px", vp.w, vp.h, p.name, m.H1)
		}
	}
}

// TestPhoneNoOverflow opens a page of every type at a phone's and a laptop's width: nothing
// may make the page scroll sideways. With BBTGEN_SCREENSHOTS=dir it saves a full-page
// screenshot of each (phone-<page>-<width>.png) to look at.
func TestPhoneNoOverflow(t *testing.T) {
	ctx := browser(t)
	base := serveDir(t, buildSample(t))
	shots := os.Getenv("BBTGEN_SCREENSHOTS")
	for _, vp := range viewports {
		for _, p := range phonePages(t) {
			m, err := measure(ctx, base+p.path, vp.w, vp.h, "")
			if err != nil {
				t.Fatal(err)
			}
			if m.ScrollWidth > m.InnerWidth {
				t.Errorf("%d×%d: %s (%s) scrolls sideways: %.0f px wide for %.0f px (%s)", vp.w, vp.h, p.name, p.path, m.ScrollWidth, m.InnerWidth, m.Wide)
			}
			if shots == "" {
				continue
			}
			var shot []byte
			if err := chromedp.Run(ctx, chromedp.FullScreenshot(&shot, 100)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("phone-%s-%d.png", p.name, vp.w)), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if shots != "" {
		t.Logf("screenshots in %s", shots)
	}
}

// TestPhoneAccessibility runs axe-core (WCAG 2.1 A and AA) on a page of every type at both
// widths, the folded menu open on the phone.
func TestPhoneAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	base := serveDir(t, buildSample(t))
	for _, vp := range viewports {
		for _, p := range phonePages(t) {
			t.Run(fmt.Sprintf("%s-%d", p.name, vp.w), func(t *testing.T) {
				var raw string
				err := chromedp.Run(ctx,
					chromedp.EmulateViewport(vp.w, vp.h),
					chromedp.Navigate(base+p.path),
					chromedp.WaitReady("body"),
					chromedp.Evaluate(`document.querySelectorAll('details').forEach(d => d.open = true)`, nil),
					chromedp.Evaluate(string(axe), nil),
					chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
						.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
							nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary)}))))`, &raw, await),
				)
				if err != nil {
					t.Fatal(err)
				}
				var violations []axeViolation
				if err := json.Unmarshal([]byte(raw), &violations); err != nil {
					t.Fatalf("axe result %q: %v", raw, err)
				}
				for _, v := range violations {
					t.Errorf("%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n    "))
				}
			})
		}
	}
}

// TestPhoneMenuWithoutJavaScript folds and unfolds the menu with JavaScript off: on a phone
// the most used pages are in the first screen and the whole menu opens with a tap on its
// button; on a laptop the whole menu is a bar and there is no button.
func TestPhoneMenuWithoutJavaScript(t *testing.T) {
	ctx := browser(t)
	base := serveDir(t, buildSample(t))
	type menu struct {
		Button bool     `json:"button"` // the menu's button is shown
		Covers bool     `json:"covers"` // …over the site's name
		All    int      `json:"all"`    // links of the whole menu shown
		Quick  []string `json:"quick"`  // the most used pages shown at once, with their bottom edge
	}
	const state = `(() => {
		// checkVisibility: a closed <details> keeps its content laid out but hidden.
		const shown = e => e.checkVisibility({visibilityProperty: true}) && e.getBoundingClientRect().width > 1;
		const button = document.querySelector('.nav-menu > summary').getBoundingClientRect();
		const name = document.createRange();
		name.selectNodeContents(document.querySelector('.brand-link'));
		const covers = [...name.getClientRects()].some(r => r.width > 0 && r.right > button.left && r.left < button.right && r.bottom > button.top && r.top < button.bottom);
		return {button: shown(document.querySelector('.nav-menu > summary')), covers: covers,
			all: [...document.querySelectorAll('.nav-all a')].filter(shown).length,
			quick: [...document.querySelectorAll('.nav-quick a')].filter(shown).map(a => a.textContent + '@' + Math.round(a.getBoundingClientRect().bottom))};
	})()`
	if err := chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(true)); err != nil {
		t.Fatal(err)
	}
	cfg := loadSampleConfig(t)
	wantAll := len(cfg.Categories) + 2 // Trang chủ, Giới thiệu and the categories
	var phone, opened, laptop menu
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(360, 640), chromedp.Navigate(base+"/tin-hoat-dong/"), chromedp.WaitReady("body"),
		chromedp.Evaluate(state, &phone),
		chromedp.Click(".nav-menu > summary", chromedp.ByQuery),
		chromedp.Evaluate(state, &opened),
		chromedp.EmulateViewport(1280, 800), chromedp.Navigate(base+"/tin-hoat-dong/"), chromedp.WaitReady("body"),
		chromedp.Evaluate(state, &laptop),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !phone.Button || phone.All != 0 {
		t.Errorf("phone: menu button shown %v, %d links of the menu shown; want the button and the menu folded", phone.Button, phone.All)
	}
	if phone.Covers {
		t.Error("phone: the menu button covers the site's name")
	}
	var names []string
	for _, q := range phone.Quick {
		name, bottom, _ := strings.Cut(q, "@")
		names = append(names, name)
		var b int
		if fmt.Sscan(bottom, &b); b > 200 {
			t.Errorf("phone: %q ends %d px down; the most used pages belong at the top", name, b)
		}
	}
	if want := []string{"Văn bản", "Hỏi đáp", "Liên hệ", "Tìm kiếm"}; !slices.Equal(names, want) {
		t.Errorf("phone: most used pages %q, want %q", names, want)
	}
	if opened.All != wantAll {
		t.Errorf("phone, menu opened without JavaScript: %d links shown, want %d", opened.All, wantAll)
	}
	if laptop.Button || laptop.All != wantAll {
		t.Errorf("laptop: menu button shown %v, %d links shown; want no button and all %d", laptop.Button, laptop.All, wantAll)
	}
}

// englishUI are English words of an interface that have no place on the Vietnamese site.
var englishUI = regexp.MustCompile(`(?i)\b(tags|page|next|previous|search|home|read more)\b`)

var (
	invisibleRE = regexp.MustCompile(`(?is)<(script|style|svg)\b.*?</(script|style|svg)>|<!--.*?-->`)
	tagRE       = regexp.MustCompile(`(?s)<[^>]*>`)
	// The attributes a reader sees or hears: alternative text, labels, tooltips, placeholders.
	shownAttrRE = regexp.MustCompile(`(?i)\s(?:alt|aria-label|title|placeholder)=("[^"]*"|[^\s>]+)`)
	headRE      = regexp.MustCompile(`(?is)<head\b.*?</head>`)
	titleRE     = regexp.MustCompile(`(?is)<title>(.*?)</title>`)
)

// visibleText is what a reader of a page sees or hears: its title, the text of its body
// without scripts and styles, and the text of the attributes read aloud.
func visibleText(page string) string {
	var b strings.Builder
	if m := titleRE.FindStringSubmatch(page); m != nil {
		b.WriteString(m[1] + "\n")
	}
	body := invisibleRE.ReplaceAllString(headRE.ReplaceAllString(page, ""), " ")
	for _, m := range shownAttrRE.FindAllStringSubmatch(body, -1) {
		b.WriteString(strings.Trim(m[1], `"`) + "\n")
	}
	b.WriteString(tagRE.ReplaceAllString(body, " "))
	return html.UnescapeString(b.String())
}

// TestNoEnglishUI reads every page of the sample site for the English words of an interface
// (tags, page, next, previous, search, home, read more) in what a reader sees.
func TestNoEnglishUI(t *testing.T) {
	out := buildSample(t)
	pages := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), `http-equiv=refresh`) {
			return nil // Hugo's alias redirects: no reader sees them
		}
		pages++
		text := visibleText(string(data))
		if ws := englishUI.FindAllString(text, -1); len(ws) > 0 {
			rel, _ := filepath.Rel(out, p)
			i := englishUI.FindStringIndex(text)
			before, after := []rune(text[:i[0]]), []rune(text[i[1]:])
			near := string(before[max(0, len(before)-30):]) + text[i[0]:i[1]] + string(after[:min(len(after), 30)])
			t.Errorf("%s shows English %q: …%s…", rel, ws, strings.Join(strings.Fields(near), " "))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Fatalf("read only %d pages", pages)
	}
	if englishUI.FindString(visibleText(`<html><head><title>x</title></head><body><p>Đọc tiếp</p><a aria-label="Next page">›</a></body></html>`)) == "" {
		t.Fatal("visibleText misses the words of aria-label")
	}
}

// TestPhoneSiteWords checks the words and details a citizen reads on the sample site: tags
// in Vietnamese at addresses without diacritics, the legal documents in the order of issue with
// their status and file size, each unit's head with their own title, the person responsible
// for the content, the readable site map, the way to send a question, pictures with their
// credit apart and their full size, and dates short in lists.
func TestPhoneSiteWords(t *testing.T) {
	out := buildSample(t)
	s := sampleSite(t)
	cfg := s.Cfg

	// Tags: an address of bbtgen's slug for every tag (đ → d), the page named "Từ khóa".
	tagSlugs := map[string]bool{}
	for _, a := range s.Content.Articles {
		for _, tag := range a.Tags {
			tagSlugs[vntext.Slug(tag)] = true
		}
	}
	entries, err := os.ReadDir(filepath.Join(out, "tu-khoa"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !tagSlugs[e.Name()] && e.Name() != "trang" {
			t.Errorf("tag page /tu-khoa/%s/ is not at the slug of any tag", e.Name())
		}
	}
	for slug := range tagSlugs {
		readPage(t, out, "tu-khoa/"+slug+"/index.html")
	}
	tags := readPage(t, out, "tu-khoa/index.html")
	if !regexp.MustCompile(`<li><a href=/>Trang chủ</a></li>\s*<li><span aria-current=page>Từ khóa</span>`).MatchString(tags) ||
		!strings.Contains(tags, "<title>Từ khóa – ") || strings.Contains(tags, ">tags<") {
		t.Errorf("the tags page is not titled Từ khóa:\n%s", between(tags, `class=breadcrumb`, `</nav>`))
	}
	if term := readPage(t, out, "tu-khoa/dao-tao-boi-duong/index.html"); !strings.Contains(term, "<h1>Từ khóa: đào tạo, bồi dưỡng</h1>") {
		t.Errorf("the page of the tag đào tạo, bồi dưỡng lacks its title")
	}

	// Legal documents: newest issued first, status shown and filterable, size of the file.
	var legal config.Category
	for _, c := range cfg.Categories {
		if c.Kind == config.KindLegal {
			legal = c
			break
		}
	}
	list := readPage(t, out, legal.Folder+"/index.html")
	var issued []string
	for _, a := range s.Content.Articles {
		if a.Category == legal.Folder {
			issued = append(issued, a.Issued.String()+" "+a.Number)
		}
	}
	slices.Sort(issued)
	slices.Reverse(issued)
	cards := between(list, `class=legal-cards`, `</ol>`)
	last := -1
	for _, d := range issued {
		_, number, _ := strings.Cut(d, " ")
		i := strings.Index(cards, "số "+number+"<")
		if i < last {
			t.Errorf("legal list: %s is not in the order of issue (newest first): %v", number, issued)
		}
		last = i
	}
	for _, want := range []string{"Còn hiệu lực", "Hết hiệu lực một phần", "Chưa có hiệu lực", "Ngày có hiệu lực", "Tải văn bản<span class=visually-hidden> số 356/QĐ-SNV</span> (PDF, 1 KB)", "Lọc văn bản"} {
		if !strings.Contains(list, want) {
			t.Errorf("legal list lacks %q", want)
		}
	}
	if inForce := readPage(t, out, legal.Folder+"/tinh-trang/con-hieu-luc/index.html"); !strings.Contains(inForce, "356/QĐ-SNV") || strings.Contains(inForce, "số 01/TB-BBT<") {
		t.Error("the page of documents in force lists the wrong documents")
	}
	doc := readPage(t, out, "van-ban/2026/thong-bao-phan-cong-nhiem-vu-ban-bien-tap/index.html")
	for _, want := range []string{"<dt>Loại văn bản</dt>", "<dt>Ngày có hiệu lực</dt>", "<dt>Tệp đính kèm</dt>", "Tải văn bản (PDF, 1 KB)", "Hết hiệu lực một phần"} {
		if !strings.Contains(doc, want) {
			t.Errorf("legal document page lacks %q", want)
		}
	}

	// The organisation page gives each head the title config.yaml gives them.
	units := readPage(t, out, "gioi-thieu/co-cau-to-chuc/index.html")
	for _, u := range cfg.Units {
		if u.Head != "" && u.HeadTitle != "" && !strings.Contains(units, u.HeadTitle+": "+u.Head) {
			t.Errorf("organisation page lacks %q", u.HeadTitle+": "+u.Head)
		}
	}
	if strings.Contains(units, "Trưởng phòng: "+cfg.Units[0].Head) {
		t.Errorf("organisation page titles the head of %s Trưởng phòng", cfg.Units[0].Name)
	}

	// Every page: the skip link, one label for search, the responsible person, the site map.
	home := readPage(t, out, "index.html")
	r := cfg.Site.Responsible
	for _, want := range []string{">Chuyển đến nội dung chính</a>", "<button type=submit>Tìm kiếm</button>",
		"Chịu trách nhiệm chính: " + r.Name + ", " + r.Position + ".", `href=/so-do-trang/>Sơ đồ trang</a>`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if strings.Contains(home, `sitemap.xml>Sơ đồ trang`) || strings.Contains(home, "Trưởng ban Biên tập") {
		t.Error("the footer links the raw sitemap.xml or writes Trưởng ban Biên tập")
	}
	sitemap := readPage(t, out, "so-do-trang/index.html")
	for _, c := range cfg.Categories {
		if !strings.Contains(sitemap, fmt.Sprintf(`href=/%s/>%s</a>`, c.Folder, c.Name)) {
			t.Errorf("site map lacks the category %s", c.Name)
		}
	}

	// Questions: a way to send one, on the list and on each answer.
	for _, c := range cfg.Categories {
		if c.Kind != config.KindQA && c.Kind != config.KindReply {
			continue
		}
		pages := []string{c.Folder + "/index.html"}
		if a := newest(s, c.Folder); a != nil {
			pages = append(pages, strings.TrimPrefix(a.URL(), "/")+"index.html")
		}
		for _, p := range pages {
			if page := readPage(t, out, p); !strings.Contains(page, `<h2 id=gui-cau-hoi>Gửi câu hỏi</h2>`) || !strings.Contains(page, `href=/gioi-thieu/lien-he/>`) {
				t.Errorf("%s lacks the way to send a question", p)
			}
		}
	}

	// Pictures: the home page's lead story has its cover; every photo of a gallery links to its
	// full size, its credit apart from its caption; lists show thumbnails.
	if lead := between(home, `class="lead-story`, `</article>`); !strings.Contains(lead, "<img") {
		t.Errorf("the home page's lead story has no picture: %s", lead)
	}
	for _, a := range s.Content.Articles {
		if len(a.Images) == 0 || a.Draft {
			continue
		}
		page := readPage(t, out, strings.TrimPrefix(a.URL(), "/")+"index.html")
		for _, img := range a.Images {
			if !strings.Contains(page, `<a class=photo href=`+img.Src+`>`) {
				t.Errorf("%s: %s does not link to its full size", a.Path, img.Src)
			}
		}
		if credit := firstOf(a.Images[0].Credit, a.Credit); !strings.Contains(page, `<span class=caption>`+html.EscapeString(a.Images[0].Caption)+`</span><span class=credit>`+html.EscapeString(credit)+`</span>`) {
			t.Errorf("%s: the first caption and its credit are not apart", a.Path)
		}
	}
	for _, c := range cfg.Categories {
		if c.Kind == config.KindGallery || c.Kind == config.KindNews {
			hasCover := false
			for _, a := range s.Content.Articles {
				hasCover = hasCover || (a.Category == c.Folder && (a.Image != "" || len(a.Images) > 0))
			}
			if list := readPage(t, out, c.Folder+"/index.html"); hasCover && !strings.Contains(list, `class=thumb><img`) {
				t.Errorf("the list of %s shows no thumbnail", c.Folder)
			}
		}
	}

	// Dates: short in lists, in full on the article.
	if !regexp.MustCompile(`<time class=short datetime=\d{4}-\d\d-\d\d>\d\d/\d\d/\d{4}</time>`).MatchString(between(home, `class=home-grid`, `</main>`)) {
		t.Error("the home page's lists do not write dates short (dd/mm/yyyy)")
	}
	if a := newest(s, cfg.Categories[0].Folder); !strings.Contains(readPage(t, out, strings.TrimPrefix(a.URL(), "/")+"index.html"), ">"+vntext.OfficialDate(a.Date.Time)+"</time>") {
		t.Errorf("%s does not write its date in full", a.Path)
	}
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// between is the part of s from the first from to the next to after it ("" if absent).
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j+len(to)]
}

// TestPhoneConfigChecks checks what bbtgen check says about the fields this layout reads: a
// unit head's title against the board, the person responsible, a legal document's status.
func TestPhoneConfigChecks(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join(repoRoot(t), config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	rules := func(problems diag.List) []string {
		var out []string
		for _, p := range problems {
			out = append(out, fmt.Sprintf("%s/%v", p.Rule, p.Severity == diag.Warning))
		}
		return out
	}
	for _, tt := range []struct {
		name, old, new string
		want           []string // rule/is-a-warning, beyond the sample's own
	}{
		{"acting head lost", `head_title: "Quyền Chánh Văn phòng"`, `head_title: "Chánh Văn phòng"`, []string{"config-head-title/true"}},
		{"title without head", "    head: \"Lê Thị Hòa\"\n", "", []string{"config-head-title/false"}},
		{"responsible without position", `    position: "Phó Giám đốc Sở, Trưởng Ban Biên tập"` + "\n", "", []string{"config-required/false"}},
		{"sample", "", "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := string(sample)
			if tt.old != "" {
				if !strings.Contains(text, tt.old) {
					t.Fatalf("the sample config.yaml has no %q", tt.old)
				}
				text = strings.Replace(text, tt.old, tt.new, 1)
			}
			_, problems := config.Parse([]byte(text), config.FileName)
			var got []string
			for _, r := range rules(problems) {
				if r != "calendar-horizon/true" {
					got = append(got, r)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems %v, want %v\n%v", got, tt.want, problems)
			}
		})
	}

	cfg := loadSampleConfig(t)
	checker := &content.Checker{Cfg: cfg, Now: phoneNow}
	legal := "---\ntitle: \"Quyết định\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Trích yếu.\"\n" +
		"number: \"12/QĐ-SNV\"\ndoc_type: \"Quyết định\"\nissuer: \"Sở Nội vụ\"\nissued: 2026-11-20\neffective: 2026-11-20\nattachment: /media/van-ban/2026/12-qd-snv.pdf\n%s---\nNội dung.\n"
	for _, tt := range []struct {
		category, status, hint string
		ok                     bool
	}{
		{"van-ban", "status: het-hieu-luc\n", "", true},
		{"van-ban", "", "", true},
		{"van-ban", "status: \"Còn hiệu lực\"\n", "write status: con-hieu-luc", false},
		{"van-ban", "status: bai-bo\n", "write one of: con-hieu-luc (Còn hiệu lực)", false},
		{"tin-hoat-dong", "status: con-hieu-luc\n", "remove it", false},
	} {
		a, problems := content.ParseArticle("content/"+tt.category+"/2026/x.md", tt.category, fmt.Appendf(nil, legal, tt.status))
		if a != nil {
			problems = append(problems, checker.Article(a)...)
		}
		var status []diag.Problem
		for _, p := range problems {
			if p.Rule == "legal-status" {
				status = append(status, p)
			}
		}
		switch {
		case tt.ok && len(status) > 0:
			t.Errorf("%s %q: %v", tt.category, tt.status, status)
		case !tt.ok && (len(status) != 1 || !strings.Contains(status[0].Hint, tt.hint) || status[0].Line != 13):
			t.Errorf("%s %q: want one legal-status problem at line 13 with hint %q, got %v", tt.category, tt.status, tt.hint, status)
		}
	}
}

// TestFirstScreenOf measures a site built elsewhere (BBTGEN_MEASURE_SITE=dir), for comparing
// two builds: the numbers TestPhoneFirstScreen holds.
func TestFirstScreenOf(t *testing.T) {
	dir := os.Getenv("BBTGEN_MEASURE_SITE")
	if dir == "" {
		t.Skip("set BBTGEN_MEASURE_SITE to a built site to measure its first screen")
	}
	ctx := browser(t)
	base := serveDir(t, dir)
	var href string
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"/tin-hoat-dong/"), chromedp.WaitReady("body"),
		chromedp.Evaluate(`document.querySelector('main .card a').getAttribute('href')`, &href)); err != nil {
		t.Fatal(err)
	}
	for _, vp := range [][2]int64{{360, 640}, {390, 844}, {1280, 800}} {
		home, err := measure(ctx, base+"/", vp[0], vp[1], href)
		if err != nil {
			t.Fatal(err)
		}
		art, err := measure(ctx, base+href, vp[0], vp[1], "")
		if err != nil {
			t.Fatal(err)
		}
		legal, err := measure(ctx, base+"/van-ban/", vp[0], vp[1], "")
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%dx%d: article h1 top %.0f; home: first article title top %.0f, Văn bản top %.0f, scroll width %.0f/%0.f; legal list: first document %.0f, scroll width %.0f",
			vp[0], vp[1], art.H1, home.FirstTitle, home.Legal, home.ScrollWidth, home.InnerWidth, legal.Documents, legal.ScrollWidth)
	}
}

// TestTermSlugs builds a small site whose tags Hugo's urlize would publish with "đ", with
// slashes, or twice at the same address: every tag's page is at bbtgen's slug, and two tags
// that differ only in where the tone mark sits each keep a page.
func TestTermSlugs(t *testing.T) {
	root := repoRoot(t)
	dir := t.TempDir()
	for _, sub := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, _ := os.ReadFile(filepath.Join(root, config.FileName))
	cfg = regexp.MustCompile(`(?m)^  notice: .*\n`).ReplaceAll(cfg, nil)
	write(t, dir, config.FileName, string(cfg))
	tags := map[string]string{
		"a": `["Đào tạo, bồi dưỡng", "Nghị định 30/2020/NĐ-CP", "Sở"]`,
		"b": `["hòa giải", "Đào tạo, bồi dưỡng", "sở"]`,
		"c": `["hoà giải", "[Tin nóng]*"]`,
	}
	for name, list := range tags {
		write(t, dir, "content/tin-hoat-dong/2026/"+name+".md", "---\ntitle: \"Tin "+name+"\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Tóm tắt.\"\ntags: "+list+"\n---\nNội dung.\n")
	}
	s, err := sitecheck.Check(dir, phoneNow)
	if err != nil || s.Problems.Errors() > 0 {
		t.Fatalf("check: %v %v", err, s.Problems.Err())
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(t.Context(), Options{Dir: dir, Out: out, Cfg: s.Cfg, Content: s.Content, Now: phoneNow, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"dao-tao-boi-duong":       "Đào tạo, bồi dưỡng",
		"nghi-dinh-30-2020-nd-cp": "Nghị định 30/2020/NĐ-CP",
		"hoa-giai":                "hoà giải", // the first of the two in byte order
		"hoa-giai-2":              "hòa giải",
		"tin-nong":                "[Tin nóng]*",
		"so":                      "Sở", // as a.md writes it, in every build (Hugo alone picks either)
	}
	for slug, tag := range want {
		page := readPage(t, out, "tu-khoa/"+slug+"/index.html")
		if !strings.Contains(page, "<h1>Từ khóa: "+html.EscapeString(tag)+"</h1>") {
			t.Errorf("/tu-khoa/%s/ is not the page of %q:\n%s", slug, tag, between(page, "<h1>", "</h1>"))
		}
	}
	entries, _ := os.ReadDir(filepath.Join(out, "tu-khoa"))
	var got []string
	for _, e := range entries {
		if e.IsDir() {
			got = append(got, e.Name())
		}
	}
	if len(got) != len(want) {
		t.Errorf("tag pages %v, want exactly %d", got, len(want))
	}
}
