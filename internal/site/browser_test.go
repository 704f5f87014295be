package site

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/sonoivu-binhdinh/bbtgen/internal/browsertest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// needTool, chromiumPath and browser are internal/browsertest's, shared with the other
// packages' browser tests.
func needTool(t *testing.T, what string, find func() string) string {
	return browsertest.NeedTool(t, what, find)
}

func chromiumPath(t *testing.T) string { return browsertest.ChromiumPath(t) }

func axePath(t *testing.T) string {
	return needTool(t, "axe-core", func() string {
		home, _ := os.UserHomeDir()
		for _, p := range []string{os.Getenv("AXE_CORE_JS"), filepath.Join(home, ".cache/bbtgen-node/node_modules/axe-core/axe.min.js"), filepath.Join(repoRoot(t), "node_modules/axe-core/axe.min.js")} {
			if p == "" {
				continue
			}
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		return ""
	})
}

// browser starts a headless Chromium (see internal/browsertest).
func browser(t *testing.T) context.Context { return browsertest.Browser(t) }

// serveDir serves a built site as GitHub Pages does: files, folders' index.html, and
// 404.html for anything else.
func serveDir(t *testing.T, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path)))
		if _, err := os.Stat(p); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			http.ServeFile(noIndexWriter{w}, r, filepath.Join(dir, "404.html"))
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// noIndexWriter keeps the 404 status ServeFile would otherwise replace.
type noIndexWriter struct{ http.ResponseWriter }

func (w noIndexWriter) WriteHeader(int) {}

func await(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestAccessibility runs axe-core (WCAG 2.1 A and AA rules) on the pages a citizen meets, at
// a phone's and a desktop's width, checks the keyboard path, and saves screenshots.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	base := serveDir(t, buildSample(t))
	shots := os.Getenv("BBTGEN_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	pages := map[string]string{
		"home": "/", "category": "/tin-hoat-dong/", "article": "/tin-hoat-dong/2026/tap-huan-nghiep-vu-van-thu-luu-tru-cho-cong-chuc-cap-xa-nam-2026/",
		"legal": "/van-ban/", "legal-filter": "/van-ban/loai/quyet-dinh/", "search": "/tim-kiem/?q=cai+cach+hanh+chinh", "board": "/gioi-thieu/ban-bien-tap/",
		"gallery": "/hinh-anh/2026/hinh-anh-hoi-thao-chao-mung-ngay-truyen-thong-nganh-to-chuc-nha-nuoc/", "reply": "/tra-loi-cong-dan/", "404": "/khong-co-trang-nay/",
	}
	for _, width := range []int64{375, 1280} {
		for name, path := range pages {
			t.Run(fmt.Sprintf("%s-%d", name, width), func(t *testing.T) {
				var raw string
				var shot []byte
				err := chromedp.Run(ctx,
					chromedp.EmulateViewport(width, 900),
					chromedp.Navigate(base+path),
					chromedp.WaitReady("body"),
					chromedp.Evaluate(`document.fonts.ready.then(() => true)`, nil, await),
					chromedp.ActionFunc(func(ctx context.Context) error {
						if name != "search" {
							return nil
						}
						return chromedp.Poll(`document.querySelector('[data-status]').textContent !== ''`, nil, chromedp.WithPollingTimeout(20*time.Second)).Do(ctx)
					}),
					chromedp.Evaluate(string(axe), nil),
					chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
						.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
							nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary)}))))`, &raw, await),
					chromedp.FullScreenshot(&shot, 100), // quality 100 is PNG
				)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%d.png", name, width)), shot, 0o644); err != nil {
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
	t.Logf("screenshots in %s", shots)
}

// TestKeyboard walks the home page with Tab: the skip link comes first and is visible, focus
// is always visible, and every link, button and field is reached.
func TestKeyboard(t *testing.T) {
	ctx := browser(t)
	base := serveDir(t, buildSample(t))
	var first struct {
		Class   string  `json:"class"`
		Top     float64 `json:"top"`
		Outline string  `json:"outline"`
	}
	var focusable int
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/"),
		chromedp.WaitReady("body"),
		chromedp.KeyEvent(kb.Tab),
		chromedp.Evaluate(`(() => { const e = document.activeElement, r = e.getBoundingClientRect();
			return {class: e.className, top: r.top, outline: getComputedStyle(e).outlineStyle}; })()`, &first),
		chromedp.Evaluate(`[...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
			.filter(e => e.getClientRects().length > 0 && !e.closest('[hidden]')).length`, &focusable),
	)
	if err != nil {
		t.Fatal(err)
	}
	if first.Class != "skip" || first.Top < 0 || first.Outline == "none" {
		t.Fatalf("first Tab: %+v; want the visible skip link with a focus outline", first)
	}
	reached := map[string]bool{}
	var missingOutline []string
	for i := 0; i < focusable+5; i++ {
		var cur struct {
			Key     string `json:"key"`
			Outline string `json:"outline"`
		}
		if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => { const e = document.activeElement;
			return {key: e.tagName + '|' + (e.getAttribute('href') || e.id || e.textContent.trim()) + '|' + [...document.querySelectorAll('*')].indexOf(e),
				outline: getComputedStyle(e).outlineStyle}; })()`, &cur), chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(cur.Key, "BODY") {
			reached[cur.Key] = true
			if cur.Outline == "none" {
				missingOutline = append(missingOutline, cur.Key)
			}
		}
	}
	if len(reached) != focusable {
		t.Errorf("Tab reached %d of %d focusable elements", len(reached), focusable)
	}
	if len(missingOutline) > 0 {
		t.Errorf("no visible focus on: %v", missingOutline)
	}
	// The skip link leads to the main content.
	var active string
	err = chromedp.Run(ctx, chromedp.Navigate(base+"/"), chromedp.WaitReady("body"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter),
		chromedp.Evaluate(`document.activeElement.id`, &active))
	if err != nil || active != "noi-dung" {
		t.Fatalf("after the skip link, focus is on %q (%v)", active, err)
	}
}

// searchSite builds a small site whose titles test the Vietnamese search.
func searchSite(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	dir := t.TempDir()
	for _, sub := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, _ := os.ReadFile(filepath.Join(root, "config.yaml"))
	cfg = []byte(strings.Replace(string(cfg), "  notice: van-ban/2026/thong-bao-phan-cong-nhiem-vu-ban-bien-tap.md\n", "", 1))
	files := map[string]string{"config.yaml": string(cfg), "content/tim-kiem.md": "---\ntitle: \"Tìm kiếm\"\nlayout: search\n---\n"}
	art := func(slug, title, summary, date string) {
		files["content/tin-hoat-dong/2026/"+slug+".md"] = fmt.Sprintf("---\ntitle: %q\ndate: %sT09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: %q\n---\nNội dung.\n", title, date, summary)
	}
	art("hoa-giai", "Hòa giải ở cơ sở năm 2026", "Công tác hòa giải tại các xã.", "2026-03-02")
	art("hoa-nhap", "Hoà nhập cộng đồng cho người khuyết tật", "Chính sách hoà nhập.", "2026-03-03")
	art("hanh-chinh", "Thủ tục hành chính mới", "Tin về hành chính công.", "2026-03-04")
	art("chinh-hanh", "Chính sách và hành động", "Chính quyền hành động vì dân, chính sách hành chính mềm dẻo.", "2026-03-05")
	art("doan-cong-tac", "Đoàn công tác làm việc tại Quy Nhơn", "Đoàn kiểm tra của Sở.", "2026-03-06")
	art("cai-cach", "Cải cách hành chính năm 2026", "Kế hoạch cải cách.", "2026-03-07")
	for rel, text := range files {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	s, err := sitecheck.Check(dir, now)
	if err != nil || s.Problems.Errors() > 0 {
		t.Fatalf("search site: %v %v", err, s.Problems)
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(t.Context(), Options{Dir: dir, Out: out, Cfg: s.Cfg, Content: s.Content, Now: now, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	return out
}

type searchResult struct {
	Status string   `json:"status"`
	Titles []string `json:"titles"`
	Marks  []string `json:"marks"`
	Dates  []string `json:"dates"`
}

func runSearch(t *testing.T, ctx context.Context, url string) searchResult {
	t.Helper()
	var r searchResult
	err := chromedp.Run(ctx, chromedp.Navigate(url), chromedp.WaitReady("body"),
		chromedp.Poll(`document.querySelector('[data-status]').textContent !== ''`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`({status: document.querySelector('[data-status]').textContent,
			titles: [...document.querySelectorAll('.result-title a')].map(a => a.textContent),
			marks: [...document.querySelectorAll('.results mark')].map(m => m.textContent),
			dates: [...document.querySelectorAll('.results time')].map(e => e.getAttribute('datetime') + '=' + e.textContent)})`, &r))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSearch(t *testing.T) {
	ctx := browser(t)
	base := serveDir(t, searchSite(t))
	// Without diacritics, "cai cach hanh chinh" finds "Cải cách hành chính", marked.
	r := runSearch(t, ctx, base+"/tim-kiem/?q=cai+cach+hanh+chinh")
	if len(r.Titles) == 0 || r.Titles[0] != "Cải cách hành chính năm 2026" || !strings.Contains(strings.Join(r.Marks, "|"), "Cải") {
		t.Errorf("cai cach hanh chinh: %+v", r)
	}
	// "d" matches "đ".
	if r := runSearch(t, ctx, base+"/tim-kiem/?q=doan+cong+tac"); len(r.Titles) != 1 || r.Titles[0] != "Đoàn công tác làm việc tại Quy Nhơn" {
		t.Errorf("doan cong tac: %+v", r)
	}
	// "hoa" matches both "hòa" and "hoà".
	r = runSearch(t, ctx, base+"/tim-kiem/?q=hoa")
	if got := strings.Join(r.Titles, "|"); !strings.Contains(got, "Hòa giải") || !strings.Contains(got, "Hoà nhập") {
		t.Errorf("hoa: %+v", r)
	}
	// A phrase ranks first: "hành chính" together, before pages holding both words apart.
	r = runSearch(t, ctx, base+"/tim-kiem/?q="+strings.ReplaceAll("hành chính", " ", "+"))
	if len(r.Titles) < 3 || r.Titles[len(r.Titles)-1] != "Chính sách và hành động" {
		t.Errorf("hành chính: the page without the phrase should come last: %+v", r)
	}
	// Dates are written the official way in results too.
	for _, d := range r.Dates {
		iso, text, _ := strings.Cut(d, "=")
		tm, _ := time.Parse(time.DateOnly, iso)
		if want := vntext.OfficialDate(tm); text != want {
			t.Errorf("result date %q, want %q", text, want)
		}
	}
	if r := runSearch(t, ctx, base+"/tim-kiem/?q=khongcogi"); len(r.Titles) != 0 || !strings.Contains(r.Status, "Không tìm thấy") {
		t.Errorf("no result: %+v", r)
	}
}

// TestSearchLatency measures queries on a large built site in the browser; it runs when
// BBTGEN_SEARCH_SITE names one (bench/search.sh leaves one in /tmp/bbtgen-bench/search-N/out;
// bench/search.sh also compares with Pagefind and counts gzip bytes on the server).
func TestSearchLatency(t *testing.T) {
	dir := os.Getenv("BBTGEN_SEARCH_SITE")
	if dir == "" {
		t.Skip("set BBTGEN_SEARCH_SITE to a built site to measure search latency")
	}
	ctx := browser(t)
	base := serveDir(t, dir)
	type measure struct {
		Total    float64 `json:"total"`
		Work     float64 `json:"work"`
		Results  int     `json:"results"`
		Requests int     `json:"requests"`
		Bytes    float64 `json:"bytes"`
	}
	// What the index cost so far: requests and bytes under /tim-kiem/chi-muc/ (uncompressed
	// here: serveDir does not gzip).
	const read = `(() => { const e = performance.getEntriesByType('resource').filter(r => r.name.includes('/tim-kiem/chi-muc/'));
		return Object.assign({requests: e.length, bytes: e.reduce((n, r) => n + r.encodedBodySize, 0)}, window.__bbtgenSearch); })()`
	var first, second measure
	err := chromedp.Run(ctx, chromedp.Navigate(base+"/tim-kiem/?q=cai+cach+hanh+chinh"), chromedp.WaitReady("body"),
		chromedp.Poll(`window.__bbtgenSearch`, nil, chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.Evaluate(read, &first),
		chromedp.Evaluate(`window.__bbtgenSearch = null; document.querySelector('#q').value = 'hành chính'; document.querySelector('#q').form.requestSubmit()`, nil),
		chromedp.Poll(`window.__bbtgenSearch`, nil, chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.Evaluate(read, &second))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first query: %d results in %.0f ms (%.0f ms not waiting for files), %d index files, %.0f KB",
		first.Results, first.Total, first.Work, first.Requests, first.Bytes/1024)
	t.Logf("second query: %d results in %.0f ms (%.0f ms not waiting for files), %d more index files, %.0f KB more",
		second.Results, second.Total, second.Work, second.Requests-first.Requests, (second.Bytes-first.Bytes)/1024)
	for _, m := range []measure{first, second} {
		if m.Work > 300 {
			t.Errorf("results took %.0f ms after the index files arrived (goal: 300 ms)", m.Work)
		}
	}
}
