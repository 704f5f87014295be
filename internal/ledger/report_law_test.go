package ledger

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// TestReportCompliance: bbtgen report ends with the table of what the law requires of the site,
// "yêu cầu – căn cứ – trạng thái", and says nothing of it when config.yaml lists nothing.
func TestReportCompliance(t *testing.T) {
	cfg := testfixture.Config(t)
	day := calendar.Date{Year: 2026, Month: 11, Day: 25}
	r := BuildReport(cfg, nil, day, day, nil, 0, false)
	var plain bytes.Buffer
	if err := WriteReportMarkdown(&plain, cfg, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "Yêu cầu") {
		t.Errorf("a report without requirements has their table:\n%s", plain.String())
	}

	r.ComplianceDate = day
	r.Compliance = []sitecheck.RequirementStatus{
		{Name: "Thủ tục hành chính", Basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k1 b", Level: "error", Status: sitecheck.StatusEmpty, Detail: "Chuyên mục Thủ tục hành chính chưa có tin, bài nào được đăng"},
		{Name: "Tin hoạt động", Basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k3", Level: "warning", Status: sitecheck.StatusMet, Detail: "5 tin, bài; mới nhất ngày 17/11/2026"},
		{Name: "Lịch sử | tóm lược", Basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k1 a", Level: "warning", Status: sitecheck.StatusMissing, Detail: "Chưa có trang /gioi-thieu/lich-su/"},
	}
	var md bytes.Buffer
	if err := WriteReportMarkdown(&md, cfg, r); err != nil {
		t.Fatal(err)
	}
	want := `
### Yêu cầu của pháp luật đối với Trang (ngày 25/11/2026)

| Yêu cầu | Căn cứ | Trạng thái |
|---|---|---|
| Thủ tục hành chính | Nghị định 224/2026/NĐ-CP, Điều 9 k1 b | Chưa có nội dung (bắt buộc): Chuyên mục Thủ tục hành chính chưa có tin, bài nào được đăng |
| Tin hoạt động | Nghị định 224/2026/NĐ-CP, Điều 9 k3 | Đạt: 5 tin, bài; mới nhất ngày 17/11/2026 |
| Lịch sử \| tóm lược | Nghị định 224/2026/NĐ-CP, Điều 9 k1 a | Thiếu: Chưa có trang /gioi-thieu/lich-su/ |
`
	if !strings.HasPrefix(md.String(), plain.String()) || md.String()[plain.Len():] != want {
		t.Errorf("markdown:\n%s\nwant the report as before and then:\n%s", md.String(), want)
	}
	var page bytes.Buffer
	if err := WriteReportHTML(&page, cfg, r); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<h2>Yêu cầu của pháp luật đối với Trang</h2>", "<caption>Yêu cầu, căn cứ và trạng thái ngày 25/11/2026</caption>",
		`<th scope="row">Thủ tục hành chính</th><td>Nghị định 224/2026/NĐ-CP, Điều 9 k1 b</td><td>Chưa có nội dung (bắt buộc): `} {
		if !strings.Contains(page.String(), s) {
			t.Errorf("HTML lacks %q", s)
		}
	}
}
