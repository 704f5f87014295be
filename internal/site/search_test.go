package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

func TestSyllables(t *testing.T) {
	tests := []struct {
		in   string
		want string // syllables, "+" before one joined to the one before
	}{
		{"Cải cách hành chính", "cai +cach +hanh +chinh"},
		{"ĐOÀN công tác", "doan +cong +tac"},
		{"533/QĐ-SNV và 18/2014/NĐ-CP", "533 +qd +snv +va +18 +2014 +nd +cp"},
		{"hành. Chính sách, hành chính", "hanh chinh +sach hanh +chinh"},
		{"No\u0323\u0302i vu\u0323 hoà hòa", "noi +vu +hoa +hoa"},
		{"tổ chức chính trị – xã hội\n\nNăm", "to +chuc +chinh +tri +xa +hoi nam"},
		{"“Một cửa” (liên thông)", "mot +cua lien +thong"},
		{"Lý do, lí do; KỸ THUẬT kĩ thuật, quý QUÍ, tỷ lệ", "li +do li +do ki +thuat +ki +thuat qui +qui ti +le"},
		{"Thủy lợi, tuy nhiên, hay, ly, mỹ, ý kiến", "thuy +loi tuy +nhien hay li mi y +kien"},
		{"", ""},
	}
	for _, tt := range tests {
		var got []string
		var buf []byte
		eachSyllable([]byte(tt.in), &buf, func(syl []byte, joined bool) {
			if joined {
				got = append(got, "+"+string(syl))
			} else {
				got = append(got, string(syl))
			}
		})
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("syllables of %q = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	tt := newTermTable()
	id := tt.syllable([]byte("hanh"))
	for _, d := range []int32{0, 1, 2, 3, 4, 40, 41, 1000, 1000, 65535, 3_000_000} {
		tt.add(id, d, uint8(d%7)+1)
	}
	p := tt.lists[id]
	s := encodePostings(p)
	back, err := decodePostings(s)
	if err != nil || !slices.Equal(back, p) {
		t.Fatalf("decode(encode(%v)) = %v, %v (encoded %q)", p, back, err, s)
	}
	if len(p) != 10 || p[7] != 1000<<3|(1000%7+1) {
		t.Errorf("the same article twice is one posting: %v", p)
	}
	// A dense list costs one character an article.
	dense := tt.syllable([]byte("chinh"))
	for d := range int32(1000) {
		tt.add(dense, d, fieldText)
		tt.add(dense, d, fieldTitle)
	}
	if n := len(encodePostings(tt.lists[dense])); n != 1000 || tt.lists[dense][999]&7 != fieldText|fieldTitle {
		t.Errorf("1000 consecutive articles take %d characters; fields %03b", n, tt.lists[dense][999]&7)
	}
}

func TestPlainText(t *testing.T) {
	got := string(appendPlain(nil, "<h2 id=\"a\">Tiêu đề</h2>\n<p>Hội nghị <em>cải cách</em> &amp; <a href=\"/x/\">hành chính</a>&nbsp;2026</p>"))
	if want := " Tiêu đề \n Hội nghị  cải cách  &  hành chính \u00a02026 "; got != want {
		t.Errorf("appendPlain = %q, want %q", got, want)
	}
	if got := cutText(" một  hai\n\nba bốn năm ", 9); got != "một hai …" {
		t.Errorf("cutText = %q", got)
	}
	if got := cutText(" một  hai\n\nba bốn năm ", 100); got != "một hai ba bốn năm" {
		t.Errorf("cutText = %q", got)
	}
}

func TestAppendJSON(t *testing.T) {
	for _, s := range []string{"", "Hành chính", `a "quoted" \ path`, "dòng\nmới\ttab\x01\x1f", "</script> & \u2028"} {
		var back string
		if err := json.Unmarshal(appendJSON(nil, s), &back); err != nil || back != s {
			t.Errorf("appendJSON(%q) = %s, reads back %q (%v)", s, appendJSON(nil, s), back, err)
		}
		if b := appendJSON(nil, []byte(s)); string(b) != string(appendJSON(nil, s)) {
			t.Errorf("appendJSON of bytes %q = %s", s, b)
		}
	}
}

// TestSearchIndexRuns: articles indexed by several cores make one posting list per term,
// in order, across the runs.
func TestSearchIndexRuns(t *testing.T) {
	docs := make([]searchDoc, 300)
	var want postings
	for i := range docs {
		docs[i] = searchDoc{Title: "Tin " + strconv.Itoa(i), Category: "tin-hoat-dong", Content: "<p>Nội dung.</p>"}
		if i%7 == 0 {
			docs[i].Content = "<p>Cải cách <em>hành chính</em>.</p>"
			want = append(want, uint32(i)<<3|fieldText)
		}
	}
	idx, err := buildSearchIndex(docs, "", "v1")
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.tables) < 2 && runtime.GOMAXPROCS(0) > 1 {
		t.Errorf("%d runs for %d articles", len(idx.tables), len(docs))
	}
	shards := idx.shards("v1")
	var shard map[string]string
	if err := json.Unmarshal(shards[termShard("hanh chinh", len(shards))], &shard); err != nil {
		t.Fatal(err)
	}
	got, err := decodePostings(shard["hanh chinh"])
	if err != nil || !slices.Equal(got, want) || shard[""] != "v1" {
		t.Errorf("\"hanh chinh\": %v, %v (version %q); want %v", got, err, shard[""], want)
	}
	if p := idx.postings("#tin-hoat-dong"); len(p) != len(docs) {
		t.Errorf("the category holds %d articles, want %d", len(p), len(docs))
	}
}

// TestShardSizes: shards are about shardTarget bytes each, so that a query fetches little.
func TestShardSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields("cải cách hành chính công chức viên chức tuyển dụng đào tạo bồi dưỡng thi đua khen thưởng tôn giáo văn thư lưu trữ chính quyền cơ sở thanh niên biên chế vị trí việc làm một cửa điện tử số hóa hồ sơ")
	docs := make([]searchDoc, 1500)
	for i := range docs {
		var b strings.Builder
		for range 200 {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		docs[i] = searchDoc{Title: "Tin " + strconv.Itoa(i), Category: "tin-hoat-dong", Content: b.String()}
	}
	idx, err := buildSearchIndex(docs, "", "v1")
	if err != nil {
		t.Fatal(err)
	}
	shards := idx.shards("v1")
	total := 0
	for _, s := range shards {
		total += len(s) - len(`{"":"v1"}`)
	}
	if n := len(shards); n < 2 || n*shardTarget < total || n/2*shardTarget >= total {
		t.Errorf("%d shards for %d bytes: want the power of two that makes them at most %d bytes on average", n, total, shardTarget)
	}
}

// TestSearchScriptAgrees checks that assets/js/search.js reads the index as search.go writes
// it: the same joiners, the same digits, the same hash.
func TestSearchScriptAgrees(t *testing.T) {
	js, err := os.ReadFile(filepath.Join(repoRoot(t), "assets/js/search.js"))
	if err != nil {
		t.Fatal(err)
	}
	constant := func(name string) string {
		m := regexp.MustCompile(`var ` + name + ` = '([^']*)'`).FindSubmatch(js)
		if m == nil {
			t.Fatalf("search.js has no %s", name)
		}
		s, err := strconv.Unquote(`"` + string(m[1]) + `"`)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return s
	}
	if got := constant("JOIN"); got != joiners {
		t.Errorf("search.js joins syllables across %q, search.go across %q", got, joiners)
	}
	if got := constant("DIGITS"); got != varintDigits {
		t.Errorf("search.js digits %q, search.go %q", got, varintDigits)
	}
	for _, s := range []string{"0x811c9dc5", "16777619"} {
		if !strings.Contains(string(js), s) {
			t.Errorf("search.js does not hash with FNV-1a (%s missing)", s)
		}
	}
	// FNV-1a of "a" is 0xe40c292c.
	if termShard("a", 1<<14) != 0xe40c292c&(1<<14-1) {
		t.Errorf("termShard is not FNV-1a")
	}
}

// The search test site: articles whose words test the Vietnamese search, among fillers that
// hold the same syllables apart.
var (
	searchOnce sync.Once
	searchOut  string
	searchErr  error
	searchNow  = time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
)

// searchArticle is an article of the search test site (in tin-hoat-dong unless Category
// says otherwise; Extra is more front matter).
type searchArticle struct {
	Category, Slug, Title, Summary, Body, Extra string
	Date                                        string
}

var searchArticles = []searchArticle{
	{Category: "cai-cach-hanh-chinh", Slug: "ke-hoach-cai-cach-hanh-chinh", Title: "Kế hoạch cải cách hành chính năm 2026", Date: "2026-01-10",
		Summary: "Sở Nội vụ ban hành kế hoạch.", Body: "Kế hoạch đặt mục tiêu nâng cao chỉ số cải cách hành chính của tỉnh."},
	{Slug: "thu-tuc-hanh-chinh", Title: "Thủ tục hành chính tại bộ phận một cửa", Date: "2026-02-10",
		Summary: "Người dân nộp hồ sơ trực tuyến.", Body: "Bộ phận một cửa tiếp nhận hồ sơ của người dân."},
	{Slug: "giao-ban-quy-ba", Title: "Hội nghị giao ban quý III", Date: "2026-09-30",
		Summary: "Giao ban công tác chuyên môn.", Body: "Hội nghị đề nghị rà soát thủ tục hành chính còn chồng chéo."},
	{Slug: "chinh-quyen-hanh-dong", Title: "Chính quyền hành động vì dân", Date: "2026-11-20",
		Summary: "Chính quyền cơ sở gần dân.", Body: "Mỗi cán bộ thực hành tiết kiệm, chính sách đúng người."},
	{Slug: "doan-cong-tac", Title: "Đoàn công tác của Sở làm việc tại Quy Nhơn", Date: "2026-03-06",
		Summary: "Làm việc với phường Quy Nhơn.", Body: "Đoàn kiểm tra việc sắp xếp tổ chức bộ máy."},
	{Slug: "doan-ket", Title: "Đoàn kết, công tác dân vận khéo", Date: "2026-11-21",
		Summary: "Phong trào thi đua dân vận khéo.", Body: "Tăng cường đoàn kết; công tác dân vận ở cơ sở."},
	{Slug: "kho-luu-tru", Title: "Kho lưu trữ chuyên dụng của tỉnh", Date: "2026-04-01",
		Summary: "Kho lưu trữ mới bảo quản tài liệu.", Body: "Kho được xây dựng tại khu kinh tế Nhơn Hội, rộng ba héc-ta."},
	{Slug: "trien-khai-533", Title: "Triển khai quyết định kiện toàn Ban Biên tập", Date: "2026-05-02",
		Summary: "Các phòng triển khai.", Body: "Thực hiện Quyết định số 533/QĐ-SNV, các phòng cử người tham gia."},
	{Category: "van-ban", Slug: "quyet-dinh-533", Title: "Quyết định kiện toàn Ban Biên tập Trang thông tin điện tử", Date: "2026-05-01",
		Summary: "Kiện toàn Ban Biên tập.", Body: "Quyết định có hiệu lực từ ngày ký.", Extra: "number: \"533/QĐ-SNV\"\nissuer: \"Sở Nội vụ tỉnh Bình Định\"\n"},
	{Category: "van-ban", Slug: "quyet-dinh-534", Title: "Quyết định phê duyệt kế hoạch tuyển dụng", Date: "2026-05-03",
		Summary: "Tuyển dụng công chức.", Body: "Phê duyệt kế hoạch.", Extra: "number: \"534/QĐ-SNV\"\nissuer: \"Sở Nội vụ tỉnh Bình Định\"\n"},
	{Category: "van-ban", Slug: "quyet-dinh-533-ubnd", Title: "Quyết định ban hành quy chế thi đua", Date: "2026-05-04",
		Summary: "Quy chế thi đua, khen thưởng.", Body: "Ban hành quy chế.", Extra: "number: \"533/QĐ-UBND\"\nissuer: \"Ủy ban nhân dân tỉnh Bình Định\"\n"},
	{Slug: "hoi-thi-ky-thuat", Title: "Hội thi kỹ thuật nghiệp vụ văn thư", Date: "2026-06-15",
		Summary: "Hội thi dành cho văn thư cấp xã.", Body: "Thí sinh thực hành kỹ thuật lập hồ sơ."},
	// Never indexed: a draft and an article dated after the build.
	{Slug: "ban-nhap", Title: "Bản nháp về khinh khí cầu", Date: "2026-06-01", Summary: "Khinh khí cầu.", Body: "Khinh khí cầu.", Extra: "draft: true\n"},
	{Slug: "sap-dang", Title: "Tin sắp đăng về tàu ngầm", Date: "2026-12-20", Summary: "Tàu ngầm.", Body: "Tàu ngầm."},
}

// searchFillers are articles that hold "hành", "chính", "đoàn", "công", "tác", "cải", "cách"
// and "Sở Nội vụ", but never "hành chính", "cải cách" or "đoàn công" together.
func searchFillers() []searchArticle {
	words := strings.Fields("thực_hành chính_sách điều_hành chính_quyền công_tác đoàn_viên cải_thiện cách_làm hội_nghị tổng_kết đánh_giá cán_bộ công_chức kế_hoạch năm_2026 thi_đua khen_thưởng văn_thư lưu_trữ tôn_giáo thanh_niên tuyển_dụng")
	rng := rand.New(rand.NewPCG(15, 2026))
	sentence := func(n int) string {
		var ws []string
		for range n {
			ws = append(ws, strings.ReplaceAll(words[rng.IntN(len(words))], "_", " "))
		}
		return strings.Join(ws, ", ")
	}
	var out []searchArticle
	for i := range 60 {
		title := []rune(sentence(4))
		a := searchArticle{
			Slug:    fmt.Sprintf("tin-%02d", i),
			Title:   strings.ToUpper(string(title[0])) + string(title[1:]),
			Date:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*5).Format(time.DateOnly),
			Summary: "Sở Nội vụ: " + sentence(5) + ".",
			Body:    sentence(8) + ".\n\n" + sentence(8) + ".",
		}
		out = append(out, a)
	}
	return out
}

// searchTestSite builds the search test site once per test run and returns its output.
func searchTestSite(t *testing.T) string {
	t.Helper()
	searchOnce.Do(func() { searchOut, searchErr = buildSearchTestSite(t) })
	if searchErr != nil {
		t.Fatalf("building the search test site: %v", searchErr)
	}
	return searchOut
}

// buildSearchTestSite builds the search test site, with more articles if any, into a new
// temporary folder.
func buildSearchTestSite(t *testing.T, more ...searchArticle) (string, error) {
	root := repoRoot(t)
	dir, err := os.MkdirTemp("", "bbtgen-search-")
	if err != nil {
		return "", err
	}
	for _, sub := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			return "", err
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		return "", err
	}
	cfg = regexp.MustCompile(`(?m)^  notice: .*\n`).ReplaceAll(cfg, nil)
	files := map[string]string{
		"config.yaml":                 string(cfg),
		"content/tim-kiem.md":         "---\ntitle: \"Tìm kiếm\"\nlayout: search\n---\n",
		"static/media/van-ban/vb.pdf": "%PDF-1.4\n%%EOF\n",
	}
	for _, a := range slices.Concat(searchArticles, searchFillers(), more) {
		cat := a.Category
		if cat == "" {
			cat = "tin-hoat-dong"
		}
		extra := a.Extra
		if cat == "van-ban" {
			extra += fmt.Sprintf("doc_type: \"Quyết định\"\nissued: %s\neffective: %s\nattachment: /media/van-ban/vb.pdf\n", a.Date, a.Date)
		}
		files[fmt.Sprintf("content/%s/%s/%s.md", cat, a.Date[:4], a.Slug)] = fmt.Sprintf(
			"---\ntitle: %q\ndate: %sT09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: %q\n%s---\n%s\n", a.Title, a.Date, a.Summary, extra, a.Body)
	}
	for rel, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	s, err := sitecheck.Check(dir, searchNow)
	if err != nil {
		return "", err
	}
	if s.Problems.Errors() > 0 {
		return "", s.Problems.Err()
	}
	out := filepath.Join(dir, "public")
	_, err = Build(t.Context(), Options{Dir: dir, Out: out, Cfg: s.Cfg, Content: s.Content, Now: searchNow, Version: "test"})
	return out, err
}

type searchMeta struct {
	Version string `json:"v"`
	Docs    int    `json:"n"`
	Shards  int    `json:"b"`
}

type searchDocFile struct {
	URL, Title, Category, Date, Official, Number, Summary, Text string
}

func readSearchIndex(t *testing.T, out string) (searchMeta, map[string]postings, []searchDocFile) {
	t.Helper()
	dir := filepath.Join(out, filepath.FromSlash(SearchDir))
	var meta searchMeta
	if err := json.Unmarshal([]byte(readPage(t, out, SearchDir+"/meta.json")), &meta); err != nil {
		t.Fatal(err)
	}
	terms := map[string]postings{}
	for k := range meta.Shards {
		var shard map[string]string
		if err := json.Unmarshal([]byte(readPage(t, out, fmt.Sprintf("%s/s/%d.json", SearchDir, k))), &shard); err != nil {
			t.Fatal(err)
		}
		if v := shard[""]; v != meta.Version {
			t.Errorf("shard %d is of version %q, meta.json of %q", k, v, meta.Version)
		}
		delete(shard, "")
		for term, enc := range shard {
			if termShard(term, meta.Shards) != k {
				t.Errorf("term %q is in shard %d, not in shard %d where its hash puts it", term, k, termShard(term, meta.Shards))
			}
			p, err := decodePostings(enc)
			if err != nil {
				t.Fatalf("term %q: %v", term, err)
			}
			terms[term] = p
		}
	}
	docs := make([]searchDocFile, meta.Docs)
	for i := range docs {
		var d struct{ U, T, C, D, O, N, S, X string }
		var v map[string]any
		data := []byte(readPage(t, out, fmt.Sprintf("%s/d/%d.json", SearchDir, i)))
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatal(err)
		}
		if json.Unmarshal(data, &v); v[""] != meta.Version {
			t.Errorf("article file %d is of version %v, meta.json of %q", i, v[""], meta.Version)
		}
		docs[i] = searchDocFile{d.U, d.T, d.C, d.D, d.O, d.N, d.S, d.X}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "d")); len(entries) != meta.Docs {
		t.Errorf("%d article files for %d articles", len(entries), meta.Docs)
	}
	return meta, terms, docs
}

// TestSearchIndex reads the index of the search test site as search.js does.
func TestSearchIndex(t *testing.T) {
	out := searchTestSite(t)
	meta, terms, docs := readSearchIndex(t, out)
	if want := len(searchArticles) - 2 + len(searchFillers()); meta.Docs != want {
		t.Errorf("%d articles indexed, want %d (all but the draft and the future one)", meta.Docs, want)
	}
	if meta.Shards < 2 || meta.Shards&(meta.Shards-1) != 0 || len(meta.Version) != 12 {
		t.Errorf("meta %+v: want a power of two shards above 1 and a version", meta)
	}
	for i, d := range docs {
		if i > 0 && d.Date > docs[i-1].Date {
			t.Errorf("article %d (%s) is newer than article %d: the numbers go newest first", i, d.Date, i-1)
		}
		if strings.Contains(d.Title, "khinh khí cầu") || strings.Contains(d.Title, "tàu ngầm") {
			t.Errorf("a draft or future article is indexed: %+v", d)
		}
		tm, _ := time.Parse(time.DateOnly, d.Date)
		if d.Official != vntext.OfficialDate(tm) || !strings.HasPrefix(d.URL, "/") {
			t.Errorf("article %d: %+v", i, d)
		}
	}
	for _, term := range []string{"khinh", "khi cau", "ngam", "tau ngam"} {
		if _, ok := terms[term]; ok {
			t.Errorf("term %q of a draft or future article is indexed", term)
		}
	}
	find := func(title string) int32 {
		for i, d := range docs {
			if d.Title == title {
				return int32(i)
			}
		}
		t.Fatalf("%q is not indexed", title)
		return -1
	}
	has := func(term string, doc int32, fields uint8) {
		t.Helper()
		for _, p := range terms[term] {
			if int32(p>>3) == doc {
				if uint8(p&7) != fields {
					t.Errorf("%q in %q: fields %03b, want %03b", term, docs[doc].Title, p&7, fields)
				}
				return
			}
		}
		t.Errorf("%q is not indexed in %q", term, docs[doc].Title)
	}
	plan := find("Kế hoạch cải cách hành chính năm 2026")
	has("hanh chinh", plan, fieldTitle|fieldText)
	has("cai cach", plan, fieldTitle|fieldText)
	has("#cai-cach-hanh-chinh", plan, 0)
	has("doan cong", find("Đoàn công tác của Sở làm việc tại Quy Nhơn"), fieldTitle)
	has("nhon hoi", find("Kho lưu trữ chuyên dụng của tỉnh"), fieldText)
	dec := find("Quyết định kiện toàn Ban Biên tập Trang thông tin điện tử")
	has("533 qd", dec, fieldMeta)
	has("qd snv", dec, fieldMeta)
	has("uy ban", find("Quyết định ban hành quy chế thi đua"), fieldMeta) // the issuer
	has("533 qd", find("Triển khai quyết định kiện toàn Ban Biên tập"), fieldText)
	// Fillers hold "hành" and "chính" but never together.
	if n, all := len(terms["hanh chinh"]), len(terms["hanh"]); n != 3 || all < 20 {
		t.Errorf("\"hanh chinh\" in %d articles, \"hanh\" in %d; want 3 and many", n, all)
	}
	if got := len(terms["#van-ban"]); got != 3 {
		t.Errorf("the legal category holds %d articles, want 3", got)
	}
	// The no-JavaScript path: the search page links to every category.
	page := readPage(t, out, "tim-kiem/index.html")
	for _, c := range loadSampleConfig(t).Categories {
		if !strings.Contains(page, `href=/`+c.Folder+`/`) && !strings.Contains(page, `href="/`+c.Folder+`/"`) {
			t.Errorf("the search page does not link to /%s/ for readers without JavaScript", c.Folder)
		}
	}
	if !strings.Contains(page, "<noscript>") || !strings.Contains(page, `data-index=/tim-kiem/chi-muc/meta.json`) {
		t.Errorf("search page: no noscript text or no index address")
	}
}

// TestSearchIndexKeepsItsFolder: the index refuses to replace a file Hugo wrote in this build,
// and writes nothing outside /tim-kiem/chi-muc/.
func TestSearchIndexKeepsItsFolder(t *testing.T) {
	docs := []searchDoc{{URL: "/tin-hoat-dong/a/", Title: "Hành chính", Category: "tin-hoat-dong", Date: searchNow}}
	out := t.TempDir()
	if _, err := writeIndex(docs, out); err != nil {
		t.Fatal(err)
	}
	var written []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			written = append(written, filepath.ToSlash(rel))
		}
		return err
	})
	for _, p := range written {
		if !strings.HasPrefix(p, SearchDir+"/") {
			t.Errorf("the index wrote %s outside /%s/", p, SearchDir)
		}
	}
	if len(written) != 3 { // meta, one shard, one article
		t.Errorf("written: %v", written)
	}
	// A previous build's files are untouched and may be replaced; a file of this build may not.
	for _, p := range written {
		os.Chtimes(filepath.Join(out, p), untouched, untouched)
	}
	if _, err := writeIndex(docs, out); err != nil {
		t.Fatalf("over a previous build: %v", err)
	}
	for _, p := range written {
		os.Chtimes(filepath.Join(out, p), untouched, untouched)
	}
	// The index owns its folder (pruneUnwritten leaves it alone): what an earlier index of
	// more articles left there, and anything else, is gone, and the count is what remains.
	stale := []string{SearchDir + "/d/1.json", SearchDir + "/d/01.json", SearchDir + "/s/7.json", SearchDir + "/old.txt"}
	for _, p := range stale {
		write(t, out, p, "{}")
		os.Chtimes(filepath.Join(out, p), untouched, untouched)
	}
	if n, err := writeIndex(docs, out); err != nil || n != 3 {
		t.Fatalf("over a larger previous index: %d files, %v", n, err)
	}
	for _, p := range stale {
		if _, err := os.Stat(filepath.Join(out, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s of an earlier index is still there (%v)", p, err)
		}
	}
	for _, p := range written {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		os.Chtimes(filepath.Join(out, p), untouched, untouched)
	}
	write(t, out, SearchDir+"/index.html", "<p>page</p>")
	if _, err := writeIndex(docs, out); err == nil || !strings.Contains(err.Error(), "/tim-kiem/chi-muc/index.html") {
		t.Errorf("over a page rendered in this build: %v", err)
	}
}

// BenchmarkSearchIndex indexes 10,000 articles of a few kilobytes, as many as bench/gensite
// makes for bench/search.sh 10000, and writes the files.
func BenchmarkSearchIndex(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("cải cách hành chính công chức viên chức tuyển dụng đào tạo bồi dưỡng thi đua khen thưởng tôn giáo văn thư lưu trữ chính quyền cơ sở thanh niên biên chế vị trí việc làm một cửa điện tử số hóa hồ sơ kiểm tra giám sát hội nghị 533/QĐ-SNV")
	text := func(n int) string {
		var s strings.Builder
		for i := range n {
			s.WriteString(words[rng.IntN(len(words))])
			if i%12 == 11 {
				s.WriteString(". ")
			} else {
				s.WriteByte(' ')
			}
		}
		return s.String()
	}
	docs := make([]searchDoc, 10000)
	size := 0
	for i := range docs {
		docs[i] = searchDoc{URL: fmt.Sprintf("/tin-hoat-dong/%d/", i), Title: text(10), Summary: text(30), Category: "tin-hoat-dong", Date: searchNow, Content: "<p>" + text(600) + "</p>"}
		size += len(docs[i].Content)
	}
	out := b.TempDir()
	b.SetBytes(int64(size))
	for b.Loop() {
		if _, err := writeIndex(docs, out); err != nil {
			b.Fatal(err)
		}
		b.StopTimer() // the next build finds this one's files untouched, as in staging
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				os.Chtimes(p, untouched, untouched)
			}
			return err
		})
		b.StartTimer()
	}
}
