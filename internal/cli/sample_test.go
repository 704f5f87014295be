package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/site"
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
		s, err := checkSite(root, now)
		if err != nil {
			sampleErr = err
			return
		}
		if s.Problems.Errors() > 0 {
			sampleErr = s.Problems.Err()
			return
		}
		out := filepath.Join(dir, "public")
		_, sampleErr = site.Build(t.Context(), site.Options{Dir: root, Out: out, Cfg: s.Cfg, Content: s.Content, Now: now, Version: "test"})
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
	for _, want := range []string{"01/TB-BBT", "<th scope=col>Ngày hiệu lực</th>", "download>Tải về"} {
		if !strings.Contains(legal, want) {
			t.Errorf("legal table lacks %q", want)
		}
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
