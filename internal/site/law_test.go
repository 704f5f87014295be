package site

import (
	"html"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// TestNewKindsEndToEnd follows each article of the kinds procedure, consultation and
// disclosure of the sample from check to the built site: its page with the facts of its kind,
// its category's list, its category's RSS feed and the sitemap.
func TestNewKindsEndToEnd(t *testing.T) {
	out := buildSample(t)
	s := sampleSite(t)
	sitemap := readPage(t, out, "sitemap.xml")
	base := strings.TrimSuffix(s.Cfg.Site.BaseURL, "/")
	seen := map[config.CategoryKind]int{}
	for _, a := range s.Content.Articles {
		cat, _ := s.Cfg.Category(a.Category)
		switch cat.Kind {
		case config.KindProcedure, config.KindConsultation, config.KindDisclosure:
		default:
			continue
		}
		seen[cat.Kind]++
		page := readPage(t, out, strings.TrimPrefix(a.URL(), "/")+"index.html")
		list := readPage(t, out, a.Category+"/index.html")
		feed := readPage(t, out, a.Category+"/index.xml")
		if !strings.Contains(page, "<h1>"+html.EscapeString(a.Title)+"</h1>") || !strings.Contains(list, `href=`+a.URL()+`>`) {
			t.Errorf("%s: the page or its category's list lacks it", a.Path)
		}
		if !strings.Contains(feed, "<link>"+base+a.URL()+"</link>") || !strings.Contains(sitemap, "<loc>"+base+a.URL()+"</loc>") {
			t.Errorf("%s: not in the RSS feed of %s or in the sitemap", a.Path, a.Category)
		}
		var want []string
		switch cat.Kind {
		case config.KindProcedure:
			portal := `<a class=button href="` + strings.ReplaceAll(a.Portal, "&", "&amp;") + `" rel=external>`
			want = []string{"<dt>Mã thủ tục</dt><dd>" + a.Code + "</dd>", "<dd>" + content.NameOf(content.ProcedureLevels, a.Level) + "</dd>",
				"<dt>Thời hạn giải quyết</dt><dd>" + a.Duration + "</dd>", "<dt>Phí, lệ phí</dt><dd>" + a.Fee + "</dd>", portal}
		case config.KindConsultation:
			status := content.ConsultationStatusNames[content.ConsultationStatus(a.Opens, a.Closes, phoneNow)]
			want = []string{`<span class="status status-` + content.ConsultationStatus(a.Opens, a.Closes, phoneNow) + `">` + status + "</span>",
				"href=" + a.Attachment + " download>Tải dự thảo (PDF, 1 KB)</a>"}
		case config.KindDisclosure:
			want = []string{"<dt>Năm</dt><dd>" + strconv.Itoa(a.Year) + "</dd>", "<dd>" + content.NameOf(content.DisclosureTypes, a.DisclosureType) + "</dd>",
				"href=" + a.Attachment + " download>Tải tài liệu (PDF, 1 KB)</a>"}
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", a.Path, w)
			}
		}
	}
	for _, k := range []config.CategoryKind{config.KindProcedure, config.KindConsultation, config.KindDisclosure} {
		if seen[k] < 2 {
			t.Errorf("the sample has %d articles of kind %s, want at least 2", seen[k], k)
		}
	}
}

// TestConsultationStatusAsBuilt: what the layouts say of each consultation — on its page, in
// its list, on the home page — agrees with content.ConsultationStatus at the build's time, and
// the open ones come first.
func TestConsultationStatusAsBuilt(t *testing.T) {
	out := buildSample(t)
	s := sampleSite(t)
	home := readPage(t, out, "index.html")
	open := between(home, `class=home-open`, `</section>`)
	lists := map[string]string{}
	statuses := map[string]int{}
	for _, a := range s.Content.Articles {
		if cat, _ := s.Cfg.Category(a.Category); cat.Kind != config.KindConsultation {
			continue
		}
		status := content.ConsultationStatus(a.Opens, a.Closes, phoneNow)
		statuses[status]++
		if status == content.ConsultationOpen {
			if !strings.Contains(open, `href=`+a.URL()+`>`) {
				t.Errorf("%s is open but not on the home page", a.Path)
			}
		} else if strings.Contains(open, a.URL()) {
			t.Errorf("%s is %s but on the home page among the open ones", a.Path, status)
		}
		if lists[a.Category] == "" {
			lists[a.Category] = readPage(t, out, a.Category+"/index.html")
		}
		card := between(lists[a.Category], `href=`+a.URL()+`>`, `</article>`)
		if !strings.Contains(card, ">"+content.ConsultationStatusNames[status]+"</span>") {
			t.Errorf("%s: its card does not say %q: %s", a.Path, content.ConsultationStatusNames[status], card)
		}
	}
	if statuses[content.ConsultationOpen] < 2 || statuses[content.ConsultationClosed] < 1 {
		t.Fatalf("the sample's consultations at %s: %v; want open ones and a closed one", phoneNow, statuses)
	}
	for folder, list := range lists {
		closed := strings.Index(list, ">"+content.ConsultationStatusNames[content.ConsultationClosed]+"<")
		if lastOpen := strings.LastIndex(list, ">"+content.ConsultationStatusNames[content.ConsultationOpen]+"<"); lastOpen > closed {
			t.Errorf("%s: an open consultation is listed after a closed one", folder)
		}
	}
}

// TestAgencyPages: the pages the law asks of an agency's site are built from config.yaml and
// content: leaders with their biographies, the history, "Tiếp cận thông tin" with the list of
// information to be made public and the contact point, the privacy policy, the favicon.
func TestAgencyPages(t *testing.T) {
	out := buildSample(t)
	cfg := loadSampleConfig(t)
	leaders := readPage(t, out, "gioi-thieu/lanh-dao/index.html")
	for _, l := range cfg.Leaders {
		first, _, _ := strings.Cut(strings.TrimSpace(l.Biography), "\n")
		if !strings.Contains(leaders, html.EscapeString(l.Name)+" – "+html.EscapeString(l.Position)) || !strings.Contains(leaders, html.EscapeString(first)) || !strings.Contains(leaders, html.EscapeString(l.Duties[0])) {
			t.Errorf("the leaders page lacks %s, their biography or duties", l.Name)
		}
	}
	if strings.Count(leaders, "<h3>Tiểu sử tóm tắt</h3>") != len(cfg.Leaders) {
		t.Errorf("the leaders page has %d biographies, want %d", strings.Count(leaders, "<h3>Tiểu sử tóm tắt</h3>"), len(cfg.Leaders))
	}
	access := readPage(t, out, "gioi-thieu/tiep-can-thong-tin/index.html")
	for _, it := range cfg.AccessToInformation {
		if !strings.Contains(access, "<th scope=row>"+html.EscapeString(it.Title)+"</th><td data-label=\"Căn cứ\">"+html.EscapeString(it.Basis)+"</td>") {
			t.Errorf("the access page lacks %q with its basis", it.Title)
		}
	}
	for _, w := range []string{`<a href=/van-ban/>Văn bản QPPL, quản lý nhà nước</a>`, `<a href=/gioi-thieu/lien-he/>Liên hệ</a>`,
		"Đầu mối tiếp nhận yêu cầu cung cấp thông tin", cfg.Site.InformationContact.Name, "Cách yêu cầu cung cấp thông tin"} {
		if !strings.Contains(access, w) {
			t.Errorf("the access page lacks %q", w)
		}
	}
	for _, p := range []string{"gioi-thieu/lich-su/index.html", "gioi-thieu/bao-ve-du-lieu-ca-nhan/index.html"} {
		readPage(t, out, p)
	}
	home := readPage(t, out, "index.html")
	for _, w := range []string{`<link rel=icon href=/favicon.png>`, `href=/gioi-thieu/tiep-can-thong-tin/>Tiếp cận thông tin</a>`,
		`href=/gioi-thieu/bao-ve-du-lieu-ca-nhan/>Chính sách bảo vệ dữ liệu cá nhân</a>`} {
		if !strings.Contains(home, w) {
			t.Errorf("the home page lacks %q", w)
		}
	}
	if info, err := os.Stat(filepath.Join(out, "favicon.png")); err != nil || info.Size() == 0 {
		t.Errorf("the favicon is not served: %v", err)
	}
	// The sample's notice is announced after the time of the sample's build.
	if strings.Contains(home, "class=maintenance") {
		t.Error("the maintenance notice is shown before it is announced")
	}
}

// TestMaintenanceBanner: a planned suspension shows on every page from the day it is
// announced until it is over, as of the build.
func TestMaintenanceBanner(t *testing.T) {
	cfg := loadSampleConfig(t)
	m := cfg.Site.Maintenance
	if m == nil {
		t.Fatal("the sample has no site.maintenance to test with")
	}
	shown := func(now time.Time) bool {
		bbt := hugoSettings(t.TempDir(), t.TempDir(), Options{Cfg: cfg, Now: now})["params"].(map[string]any)["bbt"].(map[string]any)
		return bbt["maintenance"] != nil
	}
	loc := cfg.Location()
	for _, tt := range []struct {
		now  time.Time
		want bool
	}{
		{m.Announced.In(loc).Add(-time.Minute), false},
		{m.Announced.In(loc), true},
		{m.From.Time, true},
		{m.To.Time, true},
		{m.To.Add(time.Minute), false},
	} {
		if got := shown(tt.now); got != tt.want {
			t.Errorf("at %s: shown = %v, want %v", tt.now.Format(time.RFC3339), got, tt.want)
		}
	}

	now := m.Announced.In(loc).Add(10 * time.Hour)
	s, err := sitecheck.Check(repoRoot(t), now)
	if err != nil || s.Problems.Errors() > 0 {
		t.Fatalf("check: %v %v", err, s.Problems.Err())
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Dir: repoRoot(t), Out: out, Cfg: s.Cfg, Content: s.Content, Now: now, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	want := "<summary class=wrap>Trang tạm ngừng hoạt động từ " + m.From.In(loc).Format("15:04 ngày 02/01/2006") + " đến " + m.To.In(loc).Format("15:04 ngày 02/01/2006") + "</summary><p class=wrap>" + html.EscapeString(m.Message) + "</p>"
	for _, p := range []string{"index.html", "van-ban/index.html", "gioi-thieu/lien-he/index.html", "404.html"} {
		if page := readPage(t, out, p); !strings.Contains(page, want) {
			t.Errorf("%s lacks the notice %q:\n%s", p, want, between(page, "<body>", "<header"))
		}
	}
}
