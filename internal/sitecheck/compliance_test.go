package sitecheck

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

var ict = time.FixedZone("ICT", 7*3600)

// sampleNow is the time the sample site's tests are run at.
var sampleNow = time.Date(2026, 11, 25, 10, 0, 0, 0, ict)

// TestComplianceOfTheSample: the repository's own site meets every requirement its
// config.yaml lists, and bbtgen check says nothing about them.
func TestComplianceOfTheSample(t *testing.T) {
	root, _ := filepath.Abs("../..")
	s, err := Check(root, sampleNow)
	if err != nil || s.Cfg == nil {
		t.Fatalf("check: %v %v", err, s.Problems)
	}
	table := Compliance(s.Cfg, s.Content, sampleNow)
	if len(table) < 10 {
		t.Fatalf("the sample lists %d requirements", len(table))
	}
	for _, r := range table {
		t.Logf("%-50s | %-70s | %s: %s", r.Name, r.Basis, StatusNames[r.Status], r.Detail)
		if r.Status != StatusMet {
			t.Errorf("%s (%s): %s", r.Name, r.Section, r.Detail)
		}
	}
	for _, p := range s.Problems {
		switch p.Rule {
		case RuleCompliance, RuleMaintenance, RuleFavicon, RuleAccessList:
			t.Errorf("the sample: %s", p)
		}
	}
}

// lawSite is a small site: the fixture's configuration with requirements, and content that
// meets some of them.
func lawSite(t *testing.T, extra string) (*config.Config, *content.Site) {
	t.Helper()
	cfg, problems := config.Parse(append(append([]byte{}, testfixture.ConfigYAML...), extra...), config.FileName)
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("configuration: %v", problems)
	}
	day := func(m time.Month, d int) content.Timestamp {
		return content.Timestamp{Time: time.Date(2026, m, d, 9, 0, 0, 0, content.Zone)}
	}
	article := func(path string, date content.Timestamp, draft bool) *content.Article {
		a := &content.Article{Doc: content.Doc{Path: path}, Category: content.CategoryOf(cfg, path)}
		a.Date, a.Draft = date, draft
		return a
	}
	page := func(path, body, layout string) *content.Page {
		return &content.Page{Doc: content.Doc{Path: path, Body: []byte(body)}, PageFrontMatter: content.PageFrontMatter{Layout: layout}}
	}
	site := &content.Site{
		Articles: []*content.Article{
			article("content/tin-hoat-dong/2026/a.md", day(9, 1), false),
			article("content/tin-hoat-dong/2026/b.md", day(10, 1), false),
			article("content/tin-hoat-dong/2026/nhap.md", day(11, 20), true),     // a draft does not count
			article("content/tin-hoat-dong/2026/sau.md", day(12, 1), false),      // nor what is not out yet
			article("content/van-ban/2026/nhap.md", day(11, 1), true),            // the only one: a draft
			article("content/cai-cach-hanh-chinh/2026/c.md", day(11, 24), false), // fresh
		},
		Pages: []*content.Page{
			page("content/gioi-thieu/lien-he.md", "", "contact"), // filled by its layout
			page("content/gioi-thieu/chuc-nang-nhiem-vu.md", "Sở Nội vụ là cơ quan chuyên môn…", ""),
			page("content/gioi-thieu/trong.md", "\n\n", ""),
		},
	}
	return cfg, site
}

const requirements = `
compliance:
  - {name: "Chức năng, nhiệm vụ", basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k1 a", section: gioi-thieu/chuc-nang-nhiem-vu.md}
  - {name: "Liên hệ", basis: "Luật Tiếp cận thông tin 2016, Điều 19 k1 đ", section: gioi-thieu/lien-he.md}
  - {name: "Lịch sử", basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k1 a", section: gioi-thieu/lich-su.md, level: error}
  - {name: "Văn bản quy phạm pháp luật", basis: "Luật Tiếp cận thông tin 2016, Điều 19 k1 a", section: van-ban}
  - {name: "Tin hoạt động", basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k3", section: tin-hoat-dong, max_age_days: 30}
  - {name: "Cải cách hành chính", basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k3", section: cai-cach-hanh-chinh, max_age_days: 30}
  - {name: "Trang trống", basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k1 a", section: gioi-thieu/trong.md}
`

// TestComplianceOfASiteMissingSections: a site that lacks two sections (a page that does not
// exist, a category with nothing published), has one out of date and one empty page.
func TestComplianceOfASiteMissingSections(t *testing.T) {
	cfg, site := lawSite(t, requirements)
	var got []string
	for _, r := range Compliance(cfg, site, sampleNow) {
		got = append(got, fmt.Sprintf("%s | %s | %s: %s", r.Name, r.Basis, StatusNames[r.Status], r.Detail))
	}
	want := []string{
		"Chức năng, nhiệm vụ | Nghị định 224/2026/NĐ-CP, Điều 9 k1 a | Đạt: Trang /gioi-thieu/chuc-nang-nhiem-vu/",
		"Liên hệ | Luật Tiếp cận thông tin 2016, Điều 19 k1 đ | Đạt: Trang /gioi-thieu/lien-he/",
		"Lịch sử | Nghị định 224/2026/NĐ-CP, Điều 9 k1 a | Thiếu: Chưa có trang /gioi-thieu/lich-su/",
		"Văn bản quy phạm pháp luật | Luật Tiếp cận thông tin 2016, Điều 19 k1 a | Chưa có nội dung: Chuyên mục Văn bản QPPL, quản lý nhà nước chưa có tin, bài nào được đăng",
		"Tin hoạt động | Nghị định 224/2026/NĐ-CP, Điều 9 k3 | Quá hạn cập nhật: Tin, bài mới nhất ngày 01/10/2026, đã 55 ngày (giới hạn 30 ngày)",
		"Cải cách hành chính | Nghị định 224/2026/NĐ-CP, Điều 9 k3 | Đạt: 1 tin, bài; mới nhất ngày 24/11/2026",
		"Trang trống | Nghị định 224/2026/NĐ-CP, Điều 9 k1 a | Chưa có nội dung: Trang /gioi-thieu/trong/ chưa có nội dung",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("compliance table:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	problems := legalProblems(cfg, site, nil, sampleNow)
	var lines []string
	for _, p := range problems {
		lines = append(lines, p.String())
	}
	line := cfg.Pos.At("compliance[2].section").Line
	wantProblems := []string{
		fmt.Sprintf(`config.yaml:%d:80: required section "Lịch sử" (Nghị định 224/2026/NĐ-CP, Điều 9 k1 a) is missing: content/gioi-thieu/lich-su.md is not a page of the site — write the page content/gioi-thieu/lich-su.md, or correct compliance[].section`, line),
		fmt.Sprintf(`config.yaml:%d:104: warning: required section "Văn bản quy phạm pháp luật" (Luật Tiếp cận thông tin 2016, Điều 19 k1 a) is empty: category van-ban has no published article — publish what the law requires there`, line+1),
		fmt.Sprintf(`config.yaml:%d:84: warning: required section "Tin hoạt động" (Nghị định 224/2026/NĐ-CP, Điều 9 k3) is out of date: the newest article of tin-hoat-dong is from 2026-10-01, 55 days ago (at most 30) — publish the current information (the site is updated as soon as anything changes: Decree 224/2026/NĐ-CP, art. 9(3)), or correct max_age_days`, line+2),
		fmt.Sprintf(`config.yaml:%d:84: warning: required section "Trang trống" (Nghị định 224/2026/NĐ-CP, Điều 9 k1 a) is empty: content/gioi-thieu/trong.md has no text — write the page's text`, line+4),
	}
	if strings.Join(lines, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantProblems, "\n"))
	}
	if problems.Errors() != 1 {
		t.Errorf("%d errors: only the requirement with level: error is one", problems.Errors())
	}
}

// TestMaintenanceNotice: a planned suspension is announced 7 working days ahead, counted with
// the configuration's calendar (weekends and public holidays are not working days).
func TestMaintenanceNotice(t *testing.T) {
	notice := func(announced, from, to string) string {
		return strings.Replace(string(testfixture.ConfigYAML), "site:\n", fmt.Sprintf("site:\n  maintenance:\n    announced: %s\n    from: %s\n    to: %s\n    message: \"Nâng cấp hạ tầng.\"\n", announced, from, to), 1)
	}
	for _, tt := range []struct {
		name, announced, from, to string
		now                       time.Time
		want                      string
	}{
		// Friday 20 November: Monday 23 … Monday 30 November and Tuesday 1 December are 7
		// working days; Wednesday 2 December is the first day allowed.
		{"7 working days", "2026-11-20", "2026-12-02T22:00:00+07:00", "2026-12-03T06:00:00+07:00", sampleNow, ""},
		{"6 working days", "2026-11-20", "2026-12-01T22:00:00+07:00", "2026-12-02T06:00:00+07:00", sampleNow,
			"config.yaml:%d:16: the suspension beginning 2026-12-01 was announced on 2026-11-20, only 6 working day(s) ahead — a planned suspension is announced 7 working days ahead (Decree 224/2026/NĐ-CP, art. 13): begin it on 2026-12-02 or later, or announce it earlier"},
		// Announced Thursday 27 August 2026: 31 August and 1–2 September are public holidays.
		{"over the National Day", "2026-08-27", "2026-09-08T22:00:00+07:00", "2026-09-09T06:00:00+07:00", time.Date(2026, 8, 27, 9, 0, 0, 0, ict),
			"config.yaml:%d:16: the suspension beginning 2026-09-08 was announced on 2026-08-27, only 4 working day(s) ahead — a planned suspension is announced 7 working days ahead (Decree 224/2026/NĐ-CP, art. 13): begin it on 2026-09-11 or later, or announce it earlier"},
		{"over", "2026-11-02", "2026-11-14T22:00:00+07:00", "2026-11-15T06:00:00+07:00", sampleNow,
			"config.yaml:%d:5: warning: the suspension announced in site.maintenance ended at 2026-11-15T06:00:00+07:00 — remove site.maintenance: the notice is no longer shown"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, problems := config.Parse([]byte(notice(tt.announced, tt.from, tt.to)), config.FileName)
			if cfg == nil || problems.Errors() > 0 {
				t.Fatalf("configuration: %v", problems)
			}
			got := maintenanceProblems(cfg, tt.now)
			if tt.want == "" {
				if len(got) > 0 {
					t.Fatalf("problems: %v", got)
				}
				return
			}
			key := "site.maintenance.announced"
			if strings.Contains(tt.want, "warning") {
				key = "site.maintenance"
			}
			want := fmt.Sprintf(tt.want, cfg.Pos.At(key).Line)
			if len(got) != 1 || got[0].String() != want {
				t.Fatalf("got %v\nwant %s", got, want)
			}
			if strings.Contains(tt.want, "warning") != (got[0].Severity == diag.Warning) {
				t.Errorf("severity %v", got[0].Severity)
			}
		})
	}
}
