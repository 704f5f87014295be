package site

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cms"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

var (
	sampleOnce sync.Once
	sampleDir  string
	sampleErr  error
)

// buildSample builds the repository's own sample site once per test run.
func buildSample(t *testing.T) string {
	t.Helper()
	sampleOnce.Do(func() {
		root := repoRoot(t)
		dir, err := os.MkdirTemp("", "bbtgen-sample-")
		if err != nil {
			sampleErr = err
			return
		}
		now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
		s, err := sitecheck.Check(root, now)
		if err != nil {
			sampleErr = err
			return
		}
		if s.Problems.Errors() > 0 {
			sampleErr = s.Problems.Err()
			return
		}
		out := filepath.Join(dir, "public")
		_, sampleErr = Build(t.Context(), Options{Dir: root, Out: out, Cfg: s.Cfg, Content: s.Content, Now: now, Version: "test"})
		sampleDir = out
	})
	if sampleErr != nil {
		t.Fatalf("building the sample site: %v", sampleErr)
	}
	return sampleDir
}

func readPage(t *testing.T, out, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("page %s: %v", rel, err)
	}
	return string(data)
}

var timeRE = regexp.MustCompile(`<time datetime=([0-9T:+-]+)>([^<]+)</time>`)

func TestSampleSite(t *testing.T) {
	out := buildSample(t)
	cfg := loadSampleConfig(t)

	// Every category has its list and its RSS feed under /<folder>/.
	for _, c := range cfg.Categories {
		list := readPage(t, out, c.Folder+"/index.html")
		if !strings.Contains(list, "<h1>"+c.Name+"</h1>") {
			t.Errorf("%s: list page lacks its title", c.Folder)
		}
		if rss := readPage(t, out, c.Folder+"/index.xml"); !strings.Contains(rss, "<rss") || strings.Count(rss, "<item>") < 3 {
			t.Errorf("%s: RSS feed has fewer than 3 items", c.Folder)
		}
	}

	// Dates are written as official documents write them, everywhere.
	dates := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range timeRE.FindAllStringSubmatch(string(data), -1) {
			tm, err := time.Parse(time.RFC3339, m[1])
			if err != nil {
				t.Errorf("%s: datetime %q: %v", p, m[1], err)
				continue
			}
			if want := vntext.OfficialDate(tm); m[2] != want {
				t.Errorf("%s: date %q, want %q", p, m[2], want)
			}
			dates++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if dates < 100 {
		t.Errorf("only %d dates seen", dates)
	}

	// The board page lists every approver of every category, and the decision.
	board := readPage(t, out, "gioi-thieu/ban-bien-tap/index.html")
	for _, c := range cfg.Categories {
		for _, a := range c.Approvers {
			m, _ := cfg.Member(a.Member)
			if !strings.Contains(board, m.Name+", "+m.Position+": trong "+strconv.Itoa(a.DeadlineDays)+" ngày làm việc") {
				t.Errorf("board page does not say %s approves %s within %d days", m.Name, c.Name, a.DeadlineDays)
			}
		}
	}
	for _, want := range []string{"533/QĐ-SNV", "ngày 11 tháng 9 năm 2019", "Tổ trưởng Tổ Thư ký", "Thông báo về việc phân công nhiệm vụ"} {
		if !strings.Contains(board, want) {
			t.Errorf("board page lacks %q", want)
		}
	}

	// The pages a department site must carry (Decree 224/2026/NĐ-CP art. 9).
	for _, p := range []string{"gioi-thieu/chuc-nang-nhiem-vu/index.html", "gioi-thieu/co-cau-to-chuc/index.html", "gioi-thieu/lanh-dao/index.html", "gioi-thieu/lien-he/index.html", "404.html", "sitemap.xml", "tim-kiem/index.html"} {
		readPage(t, out, p)
	}
	if units := readPage(t, out, "gioi-thieu/co-cau-to-chuc/index.html"); !strings.Contains(units, "Phòng Cải cách hành chính") {
		t.Error("organisation page lacks the units of config.yaml")
	}

	// The legal-documents table lists number, form, issuer and a downloadable file.
	legal := readPage(t, out, "van-ban/index.html")
	for _, want := range []string{"01/TB-BBT", "<th scope=col>Ngày có hiệu lực</th>", "download>Tải văn bản"} {
		if !strings.Contains(legal, want) {
			t.Errorf("legal table lacks %q", want)
		}
	}

	// Pre-rendered filters: by type, by year of issue.
	decisions := readPage(t, out, "van-ban/loai/quyet-dinh/index.html")
	if !strings.Contains(decisions, "1245/QĐ-UBND") || !strings.Contains(decisions, "356/QĐ-SNV") || strings.Contains(decisions, "01/TB-BBT</a>") {
		t.Error("the page of decisions lists the wrong documents")
	}
	if y := readPage(t, out, "van-ban/nam/2019/index.html"); !strings.Contains(y, "01/TB-BBT") || strings.Contains(y, "356/QĐ-SNV") {
		t.Error("the page of 2019 lists the wrong documents")
	}

	// Dublin Core, canonical URL and a print action on an article.
	notice := readPage(t, out, "van-ban/2026/thong-bao-phan-cong-nhiem-vu-ban-bien-tap/index.html")
	for _, want := range []string{
		`<meta name=DC.title content="Thông báo về việc phân công nhiệm vụ`,
		`<meta name=DC.creator content="Lê Hoàng Trung">`,
		`<meta name=DC.publisher content="Sở Nội vụ tỉnh Bình Định">`,
		`<meta name=DC.identifier content="https://sonoivu.binhdinh.gov.vn/van-ban/2026/thong-bao-phan-cong-nhiem-vu-ban-bien-tap/">`,
		`<link rel=canonical href=https://sonoivu.binhdinh.gov.vn/van-ban/2026/thong-bao-phan-cong-nhiem-vu-ban-bien-tap/>`,
		"In bài viết", "Trịnh Xuân Long", `<html lang=vi>`, `class=skip href=#noi-dung`,
	} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice page lacks %q", want)
		}
	}
}

func loadSampleConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, problems := config.Load(filepath.Join(repoRoot(t), config.FileName))
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("sample config: %v", problems)
	}
	return cfg
}

var (
	scriptRE   = regexp.MustCompile(`(?is)<script\b[^>]*>`)
	imgRE      = regexp.MustCompile(`(?is)<img\b[^>]*>`)
	resourceRE = regexp.MustCompile(`(?is)<(?:link|script|img|iframe|source|video|audio|embed|object)\b[^>]*?\s(?:src|href|srcset|data)=("[^"]*"|[^\s>]+)`)
	handlerRE  = regexp.MustCompile(`(?is)\son[a-z]+=("[^"]*"|[^\s>]+)`)
	cssURLRE   = regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)
)

// TestBudgets holds the built sample site to the weight and privacy budgets of the citizens'
// site: small pages, little CSS, JavaScript only where search needs it, images with their
// sizes, and nothing loaded from any other server.
func TestBudgets(t *testing.T) {
	out := buildSample(t)
	cfg := loadSampleConfig(t)
	own := strings.TrimSuffix(cfg.Site.BaseURL, "/")
	var css, js int64
	pages, scripted := 0, 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel, _ := filepath.Rel(out, p); rel == cms.Dir {
				return filepath.SkipDir // the editors' CMS is not the citizens' site (its own budget: internal/site/cmsbrowser_test.go)
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		switch filepath.Ext(p) {
		case ".css":
			css += info.Size()
			data, _ := os.ReadFile(p)
			for _, m := range cssURLRE.FindAllStringSubmatch(string(data), -1) {
				if strings.Contains(m[1], "//") {
					t.Errorf("%s loads %s from another server", rel, m[1])
				}
			}
		case ".js":
			js += info.Size()
			if !strings.HasPrefix(rel, "js/search.") {
				t.Errorf("unexpected script %s", rel)
			}
		case ".html":
			pages++
			if info.Size() > 60*1024 {
				t.Errorf("%s is %d KB (budget 60 KB)", rel, info.Size()/1024)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			html := string(data)
			if scripts := scriptRE.FindAllString(html, -1); len(scripts) > 0 {
				scripted++
				if !strings.Contains(html, "data-search") || len(scripts) != 1 || !strings.Contains(scripts[0], "/js/search.") {
					t.Errorf("%s has scripts %v where no search needs them", rel, scripts)
				}
			}
			for _, m := range handlerRE.FindAllStringSubmatch(html, -1) {
				if strings.Trim(m[1], `"`) != "window.print()" {
					t.Errorf("%s has an inline handler %s", rel, m[0])
				}
			}
			for _, img := range imgRE.FindAllString(html, -1) {
				if !strings.Contains(img, " width=") || !strings.Contains(img, " height=") {
					t.Errorf("%s: image without width and height: %s", rel, img)
				}
				if strings.Contains(img, "/media/") && !strings.Contains(img, "srcset=") {
					t.Errorf("%s: media image without responsive sizes: %s", rel, img)
				}
			}
			for _, m := range resourceRE.FindAllStringSubmatch(html, -1) {
				for _, u := range strings.Split(strings.Trim(m[1], `"`), ",") {
					u = strings.Fields(strings.TrimSpace(u) + " ")[0]
					if (strings.HasPrefix(u, "http") || strings.HasPrefix(u, "//")) && !strings.HasPrefix(u, own) && !strings.HasPrefix(m[0], "<link rel=schema.DC") {
						t.Errorf("%s requests %s from another server: %s", rel, u, m[0])
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if css > 30*1024 {
		t.Errorf("CSS totals %d KB (budget 30 KB)", css/1024)
	}
	if js > 30*1024 {
		t.Errorf("JavaScript totals %d KB (budget 30 KB plus the index)", js/1024)
	}
	if pages < 100 || scripted == 0 {
		t.Fatalf("checked %d pages, %d with the search script", pages, scripted)
	}
	t.Logf("%d pages; CSS %d B; JavaScript %d B on %d page(s)", pages, css, js, scripted)
}

// TestRebuild builds a copy of the sample site twice into the same output, the second time
// with an article removed: the second build reuses the staging folder (the build before the
// previous one) yet ends with exactly the files a fresh build makes.
func TestRebuild(t *testing.T) {
	dir := copySample(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	build := func(out string) map[string]string { return buildTree(t, dir, out, now) }
	out := filepath.Join(dir, "public")
	first := build(out)
	build(out) // the staging folder now holds a complete older build
	gone := "content/tin-hoat-dong/2026/tap-huan-nghiep-vu-van-thu-luu-tru-cho-cong-chuc-cap-xa-nam-2026.md"
	if err := os.Remove(filepath.Join(dir, gone)); err != nil {
		t.Fatal(err)
	}
	third := build(out)
	fresh := build(filepath.Join(t.TempDir(), "fresh"))
	if len(third) != len(fresh) {
		t.Errorf("rebuilt output has %d files, a fresh build %d", len(third), len(fresh))
	}
	for name, data := range fresh {
		if third[name] != data {
			t.Errorf("%s differs between the rebuilt and the fresh output", name)
		}
	}
	if _, ok := third["tin-hoat-dong/2026/tap-huan-nghiep-vu-van-thu-luu-tru-cho-cong-chuc-cap-xa-nam-2026/index.html"]; ok {
		t.Error("the removed article is still in the output")
	}
	images := 0
	for name := range third {
		if strings.Contains(name, "_hu_") {
			images++
		}
	}
	if images == 0 || len(first) <= len(third) {
		t.Errorf("processed images: %d; files first %d, after removal %d", images, len(first), len(third))
	}
	if _, err := os.Stat(filepath.Join(dir, ".public.staging", ".bbtgen-build.json")); err == nil {
		t.Error("the staging folder carries a build marker")
	}
}

// The layouts' caching changes no byte of the site: the sample site built again with every
// partialCached turned back into partial (Hugo's partial takes the same arguments and ignores
// the variants), and with time.html and time-short.html calling date.html and date-short.html
// instead of writing the date themselves, is the same, file for file (issue 16).
func TestCachingChangesNothing(t *testing.T) {
	dir := copySample(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	cached := buildTree(t, dir, filepath.Join(t.TempDir(), "cached"), now)
	// The partials whose text is written in place of a call, and the call it replaces.
	inlined := map[string]struct {
		text    *regexp.Regexp
		partial string
	}{
		"time.html":       {regexp.MustCompile(`\{\{ \.Format \(cond \(lt \.Month 3\) [^}]*\}\}`), `{{ partial "date.html" . }}`},
		"time-short.html": {regexp.MustCompile(`\{\{ \.Format "02/01/2006" \}\}`), `{{ partial "date-short.html" . }}`},
	}
	calls := 0
	err := filepath.WalkDir(filepath.Join(dir, "layouts"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		calls += bytes.Count(data, []byte("partialCached "))
		data = bytes.ReplaceAll(data, []byte("partialCached "), []byte("partial "))
		if call, ok := inlined[filepath.Base(p)]; ok {
			if !call.text.Match(data) {
				t.Fatalf("%s no longer writes the date itself: update this test", p)
			}
			data = call.text.ReplaceAll(data, []byte(call.partial))
			delete(inlined, filepath.Base(p))
		}
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(inlined) > 0 {
		t.Fatalf("not found: %v", inlined)
	}
	if calls < 5 {
		t.Fatalf("only %d partialCached calls in the layouts", calls)
	}
	plain := buildTree(t, dir, filepath.Join(t.TempDir(), "plain"), now)
	if len(cached) != len(plain) {
		t.Errorf("%d files with caching, %d without", len(cached), len(plain))
	}
	for name, data := range plain {
		if cached[name] != data {
			t.Errorf("%s differs with caching", name)
		}
	}
}

// copySample copies the sample site into a temporary folder.
func copySample(t *testing.T) string { return testfixture.SampleSite(t, repoRoot(t)) }

// buildTree checks and builds the site in dir into out, and returns every file written but
// the build's own records (which name the time and the source), by path.
func buildTree(t *testing.T, dir, out string, now time.Time) map[string]string {
	t.Helper()
	s, err := sitecheck.Check(dir, now)
	if err != nil || s.Problems.Errors() > 0 {
		t.Fatalf("check: %v %v", err, s.Problems.Err())
	}
	if _, err := Build(t.Context(), Options{Dir: dir, Out: out, Cfg: s.Cfg, Content: s.Content, Now: now, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			data, _ := os.ReadFile(p)
			if rel != ".bbtgen-build.json" && rel != ".well-known/bbtgen.json" {
				files[rel] = string(data)
			}
		}
		return err
	})
	return files
}

// repoRoot is the folder of the sample site (and of the module).
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}
