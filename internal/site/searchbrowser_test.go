package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// countingServer serves a built site and counts the requests for each path, as a server
// sees them (the browser's own accounting misses what workers fetch).
type countingServer struct {
	URL  string
	mu   sync.Mutex
	hits map[string]int
	dir  string
}

func serveCounting(t *testing.T, dir string) *countingServer {
	t.Helper()
	s := &countingServer{hits: map[string]int{}, dir: dir}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		dir := s.dir
		s.mu.Unlock()
		http.FileServer(http.Dir(dir)).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// deploy serves another build from now on, as a new deployment does.
func (s *countingServer) deploy(dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dir = dir
}

// fetched returns the paths under prefix requested since the last call, and how often.
func (s *countingServer) fetched(prefix string) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for p, n := range s.hits {
		if strings.HasPrefix(p, prefix) {
			out[p] = n
		}
	}
	s.hits = map[string]int{}
	return out
}

type fullSearchResult struct {
	Status  string   `json:"status"`
	Titles  []string `json:"titles"`
	Marks   []string `json:"marks"`
	Snippet []string `json:"snippets"`
	Timing  struct {
		Total float64 `json:"total"`
		Work  float64 `json:"work"`
	} `json:"timing"`
}

const readResults = `(() => { const box = document.querySelector('[data-search]'); return {
	status: box.querySelector('[data-status]').textContent,
	titles: [...box.querySelectorAll('.result-title a')].map(a => a.textContent),
	marks: [...box.querySelectorAll('.results mark')].map(m => m.textContent),
	snippets: [...box.querySelectorAll('.results .snippet')].map(p => p.textContent),
	timing: window.__bbtgenSearch || {}}; })()`

// searchFor types q into the search field of the page and waits for the status to change.
func searchFor(t *testing.T, ctx context.Context, field, q string) fullSearchResult {
	t.Helper()
	var r fullSearchResult
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector('[data-status]').textContent = ''`, nil),
		chromedp.SetValue(field, q, chromedp.ByQuery),
		// As Enter does: the form's submit event, which the script answers in place.
		chromedp.Evaluate(`document.querySelector('`+field+`').form.requestSubmit()`, nil),
		// Polled by time, not by animation frame: a page in a background tab has none.
		chromedp.Poll(`document.querySelector('[data-status]').textContent !== ''`, nil,
			chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(readResults, &r))
	if err != nil {
		t.Fatalf("searching %q: %v", q, err)
	}
	return r
}

func top(r fullSearchResult, n int) []string { return r.Titles[:min(n, len(r.Titles))] }

// TestFullTextSearch searches the search test site in Chromium as a reader would: with and
// without diacritics, "d" for "đ", phrases, document numbers, words only in the text, within
// a category, more results, and queries that reuse what earlier ones fetched.
func TestFullTextSearch(t *testing.T) {
	ctx := browser(t)
	srv := serveCounting(t, searchTestSite(t))
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/tim-kiem/"), chromedp.WaitReady("#q", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	srv.fetched("/")
	want := func(q string, r fullSearchResult, title string, within int) {
		t.Helper()
		if !slices.Contains(top(r, within), title) {
			t.Errorf("%q: %q is not in the first %d results: %q (%s)", q, title, within, r.Titles, r.Status)
		}
	}

	plan := "Kế hoạch cải cách hành chính năm 2026"
	folded := searchFor(t, ctx, "#q", "cai cach hanh chinh")
	want("cai cach hanh chinh", folded, plan, 1)
	accented := searchFor(t, ctx, "#q", "cải cách hành chính")
	if !slices.Equal(folded.Titles, accented.Titles) {
		t.Errorf("with and without diacritics differ:\n  %q\n  %q", folded.Titles, accented.Titles)
	}
	if !slices.Contains(accented.Marks, "cải cách hành chính") {
		t.Errorf("marks %q: want the phrase marked as one, in its original letters", accented.Marks)
	}

	r := searchFor(t, ctx, "#q", "doan cong tac")
	want("doan cong tac", r, "Đoàn công tác của Sở làm việc tại Quy Nhơn", 1)
	if !slices.Contains(r.Marks, "Đoàn công tác") || !slices.Contains(r.Marks, "Đoàn") {
		t.Errorf("doan cong tac: marks %q, want \"Đoàn công tác\" (the phrase) and \"Đoàn\" (alone) marked as written", r.Marks)
	}

	// Pages holding the phrase come first, even before pages with both syllables apart in
	// their title.
	r = searchFor(t, ctx, "#q", "hành chính")
	phrase := []string{plan, "Thủ tục hành chính tại bộ phận một cửa", "Hội nghị giao ban quý III"}
	if got := slices.Sorted(slices.Values(top(r, 3))); !slices.Equal(got, slices.Sorted(slices.Values(phrase))) {
		t.Errorf("hành chính: the first three should be the pages with the phrase %q, got %q", phrase, r.Titles)
	}
	if len(r.Titles) < 5 || !strings.Contains(r.Status, "kết quả") {
		t.Errorf("hành chính: pages with the syllables apart should follow: %+v", r)
	}

	decision := "Quyết định kiện toàn Ban Biên tập Trang thông tin điện tử"
	exact := searchFor(t, ctx, "#q", "533/QĐ-SNV")
	want("533/QĐ-SNV", exact, decision, 1)
	want("533/QĐ-SNV", exact, "Triển khai quyết định kiện toàn Ban Biên tập", 3)
	noD := searchFor(t, ctx, "#q", "533/QD-SNV")
	if !slices.Equal(exact.Titles, noD.Titles) {
		t.Errorf("533/QĐ-SNV and 533/QD-SNV differ:\n  %q\n  %q", exact.Titles, noD.Titles)
	}

	// A word only in the text: found, and shown in context with its own letters marked.
	r = searchFor(t, ctx, "#q", "nhon hoi")
	want("nhon hoi", r, "Kho lưu trữ chuyên dụng của tỉnh", 1)
	if len(r.Snippet) == 0 || !strings.Contains(r.Snippet[0], "Nhơn Hội") || !slices.Contains(r.Marks, "Nhơn Hội") {
		t.Errorf("nhon hoi: snippet %q, marks %q", r.Snippet, r.Marks)
	}

	// Both spellings of final y/i: "kĩ thuật" finds "kỹ thuật", marked as written.
	r = searchFor(t, ctx, "#q", "kĩ thuật")
	want("kĩ thuật", r, "Hội thi kỹ thuật nghiệp vụ văn thư", 1)
	if !slices.Contains(r.Marks, "kỹ thuật") {
		t.Errorf("kĩ thuật: marks %q, want \"kỹ thuật\"", r.Marks)
	}

	// Drafts and future articles are not found.
	for _, q := range []string{"khinh khí cầu", "tàu ngầm"} {
		if r := searchFor(t, ctx, "#q", q); len(r.Titles) != 0 || !strings.Contains(r.Status, "Không tìm thấy") {
			t.Errorf("%q finds %q", q, r.Titles)
		}
	}

	// Later queries reuse what was fetched: a query of syllables already looked up fetches
	// no shard.
	srv.fetched("/")
	searchFor(t, ctx, "#q", "hành chính")
	searchFor(t, ctx, "#q", "chính")
	if got := srv.fetched("/tim-kiem/chi-muc/s/"); len(got) > 0 {
		t.Errorf("queries of known syllables fetched shards again: %v", got)
	}

	// Many results: ten at first, ten more on request, focus on the first new one.
	r = searchFor(t, ctx, "#q", "sở nội vụ")
	var after struct {
		Count   int    `json:"count"`
		Focused string `json:"focused"`
		Hidden  bool   `json:"hidden"`
	}
	if len(r.Titles) != 10 || !strings.Contains(r.Status, "hiển thị 10") {
		t.Fatalf("sở nội vụ: %d results shown, status %q", len(r.Titles), r.Status)
	}
	err := chromedp.Run(ctx, chromedp.Click("[data-more]", chromedp.ByQuery),
		chromedp.Poll(`document.querySelectorAll('.result-title a').length > 10`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`({count: document.querySelectorAll('.result-title a').length, focused: document.activeElement.textContent,
			hidden: document.querySelector('[data-more]').hidden})`, &after))
	if err != nil {
		t.Fatal(err)
	}
	if after.Count != 20 || after.Focused == "" {
		t.Errorf("after “Xem thêm”: %+v", after)
	}

	// The address keeps the query, so that a result page can be shared.
	var loc string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`location.search`, &loc)); err != nil || loc != "?q=s%E1%BB%9F%20n%E1%BB%99i%20v%E1%BB%A5" {
		t.Errorf("location %q (%v)", loc, err)
	}

	// Within a category: the legal list's own box finds only documents.
	err = chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/van-ban/"), chromedp.WaitReady("#q-van-ban", chromedp.ByQuery))
	if err != nil {
		t.Fatal(err)
	}
	r = searchFor(t, ctx, "#q-van-ban", "533/QD-SNV")
	want("533/QD-SNV in van-ban", r, decision, 1)
	if slices.Contains(r.Titles, "Triển khai quyết định kiện toàn Ban Biên tập") || len(r.Titles) == 0 {
		t.Errorf("the legal list's search found a news article: %q", r.Titles)
	}
	if r.Timing.Work > 300 {
		t.Errorf("ranking and showing the results took %.0f ms", r.Timing.Work)
	}
}

// TestSearchAcrossDeploys: a reader searches, the site is deployed anew with one more article
// (every article's number moves by one), and the reader searches again in the same page. What
// the page fetched before is of the first build and stays consistent with it; the first file
// of the new build it fetches is of another version than its meta.json, so the script drops
// what it holds, fetches meta.json again and shows the new build's results, not a mix.
func TestSearchAcrossDeploys(t *testing.T) {
	ctx := browser(t)
	out := searchTestSite(t)
	meta, _, _ := readSearchIndex(t, out)
	srv := serveCounting(t, out)
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/tim-kiem/"), chromedp.WaitReady("#q", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	// Every shard of the first build is in the page (the test site has few).
	shards := map[string]bool{}
	for _, q := range []string{"đoàn công tác", "hành chính", "kho lưu trữ", "khen thưởng", "533/QĐ-SNV"} {
		searchFor(t, ctx, "#q", q)
		for p := range srv.fetched("/tim-kiem/chi-muc/s/") {
			shards[p] = true
		}
	}
	if len(shards) != meta.Shards {
		t.Fatalf("the first build's %d shards were not all fetched: %v", meta.Shards, shards)
	}
	title := "Tuyển dụng công chức Sở Nội vụ năm 2027"
	next, err := buildSearchTestSite(t, searchArticle{Slug: "tin-moi", Title: title, Date: "2026-11-24", Summary: "Thông báo.", Body: "Thông báo tuyển dụng."})
	if err != nil {
		t.Fatal(err)
	}
	srv.deploy(next)
	// What the new build shows in a new page.
	var want fullSearchResult
	tab, cancel := chromedp.NewContext(ctx)
	err = chromedp.Run(tab, chromedp.Navigate(srv.URL+"/tim-kiem/?q=tuy%E1%BB%83n+d%E1%BB%A5ng"),
		chromedp.Poll(`window.__bbtgenSearch`, nil, chromedp.WithPollingTimeout(20*time.Second)), chromedp.Evaluate(readResults, &want))
	cancel()
	if err != nil || !slices.Contains(want.Titles, title) {
		t.Fatalf("the new build in a new page: %q (%v)", want.Titles, err)
	}
	srv.fetched("/")
	got := searchFor(t, ctx, "#q", "tuyển dụng")
	if !slices.Equal(got.Titles, want.Titles) {
		t.Errorf("after the deploy, the open page shows\n  %q\nwhere the new build shows\n  %q", got.Titles, want.Titles)
	}
	if n := srv.fetched("/tim-kiem/chi-muc/meta.json")["/tim-kiem/chi-muc/meta.json"]; n != 1 {
		t.Errorf("meta.json fetched %d times after the deploy, want once", n)
	}
}
