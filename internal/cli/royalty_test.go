package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/gittest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// TestRoyaltyWarnings: a commit read with an earlier config.yaml is said in the ledger and on
// stderr; a title that a spreadsheet would run as a formula is written as text.
func TestRoyaltyWarnings(t *testing.T) {
	g := gittest.New(t)
	ict := time.FixedZone("ICT", 7*3600)
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, ict) }
	fixture := string(testfixture.ConfigYAML)
	g.Write("config.yaml", fixture)
	g.Commit(at(2, 9), "Khởi tạo")
	g.Write("config.yaml", strings.Replace(fixture, "payment_days: 60", "payment_days: [60]", 1))
	g.Write("content/tin-hoat-dong/2026/cong-thuc.md", "---\ntitle: \"=HYPERLINK(\\\"https://example.com\\\")\"\ndate: 2026-11-02T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Tóm tắt.\"\n---\nNội dung.\n")
	g.Commit(at(23, 10), "Tin, config.yaml hỏng")
	g.Write("config.yaml", fixture)
	g.Commit(at(24, 10), "Sửa config.yaml")

	out, stderr, code := runCLI(t, nil, "royalty", "--site", g.Dir, "--month", "2026-11")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "\r\n23/11/2026,\"'=HYPERLINK(\"\"https://example.com\"\")\",Tin hoạt động,Tin,3,1,1/1,Lê Hoàng Trung,") {
		t.Errorf("the title is not neutralised:\n%s", out)
	}
	if !strings.Contains(out, "\r\nCảnh báo,\"commit ") || !strings.Contains(out, "config.yaml không hợp lệ") {
		t.Errorf("no warning line in the ledger:\n%s", out)
	}
	if !strings.Contains(stderr, "cảnh báo: commit ") { // in Vietnamese, the default
		t.Errorf("no warning on stderr: %q", stderr)
	}
	// December reads no commit with that config.yaml: no warning.
	out, stderr, _ = runCLI(t, nil, "royalty", "--site", g.Dir, "--month", "2026-12", "--format", "json")
	if strings.Contains(out, "warnings") || strings.Contains(stderr, "cảnh báo") {
		t.Errorf("a warning outside the month:\n%s\n%s", out, stderr)
	}
}
