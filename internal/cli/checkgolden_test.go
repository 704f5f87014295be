package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// checkGoldenSite writes a small site with the mistakes department members make: a title with
// an unquoted colon, a value starting with @, a date written the Vietnamese way, an author by
// name, a malformed document number, a folder that is no category; and config.yaml with a head's title that
// differs from the board's and a board notice that names no article.
func checkGoldenSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	cfg := string(testfixture.ConfigYAML)
	withTitle := strings.Replace(cfg, "    head: \"Trần Trung Định\"\n", "    head: \"Trần Trung Định\"\n    head_title: \"Chánh Văn phòng\"\n", 1)
	if withTitle == cfg {
		t.Fatal("the fixture configuration changed: no head of van-phong to give a head_title")
	}
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(config.FileName, withTitle)
	news := func(title, date, authors string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\nauthors: " + authors + "\nunit: van-phong\nsummary: \"Sáng 20/11, Sở Nội vụ tổ chức hội nghị.\"\n---\nSáng 20/11, Sở Nội vụ tổ chức hội nghị tổng kết công tác năm 2026.\n"
	}
	write("content/tin-hoat-dong/2026/hoi-nghi-tong-ket.md", news(`"Hội nghị tổng kết công tác năm 2026"`, "2026-11-20T09:00:00+07:00", "[lhtrung]"))
	write("content/tin-hoat-dong/2026/dau-hai-cham.md", news("Sở Nội vụ: hội nghị tổng kết", "2026-11-20T09:00:00+07:00", "[lhtrung]"))
	write("content/tin-hoat-dong/2026/ngay-viet-tay.md", news(`"Hội nghị sơ kết"`, "25/11/2026", "[lhtrung]"))
	write("content/tin-hoat-dong/2026/tac-gia-ghi-ten.md", news(`"Tập huấn văn thư"`, "2026-11-20T09:00:00+07:00", "[Lê Hoàng Trung]"))
	write("content/tin-hoat-dong/2026/a-cong.md", strings.Replace(news(`"Giao ban tháng 11"`, "2026-11-20T09:00:00+07:00", "[lhtrung]"), "summary: \"", "summary: @ttdinh-snv chủ trì \"", 1))
	write("content/van-ban/2026/so-hieu-sai.md", "---\ntitle: \"Quyết định kiện toàn Ban Biên tập\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [ttdinh]\nunit: van-phong\nsummary: \"Kiện toàn Ban Biên tập Trang thông tin điện tử.\"\nnumber: \"533 QĐ SNV\"\ndoc_type: Quyết định\nissuer: Sở Nội vụ\nissued: 2026-11-01\neffective: 2026-11-01\n---\n")
	write("content/thong-bao/2026/lich-truc.md", news(`"Lịch trực Tết"`, "2026-11-20T09:00:00+07:00", "[lhtrung]"))
	return site
}

// TestCheckGolden runs bbtgen check --config on that site in Vietnamese and in English and
// compares what it prints (stdout, then stderr) with testdata/check/vi.txt and en.txt
// (go test -run TestCheckGolden -update ./internal/cli rewrites them). The JSON output has the
// same rule codes in both languages.
func TestCheckGolden(t *testing.T) {
	site := checkGoldenSite(t)
	type row struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Rule    string `json:"rule"`
		Message string `json:"message"`
	}
	var rules, messages [2][]string
	for i, lang := range []string{"vi", "en"} {
		env := map[string]string{"BBTGEN_LANG": lang, "BBTGEN_NOW": "2026-11-25T10:00:00+07:00"}
		t.Run(lang, func(t *testing.T) {
			out, stderr, code := runCLI(t, env, "check", "--site", site, "--config")
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			got := strings.ReplaceAll(out+stderr, site, "SITE")
			golden(t, filepath.Join("testdata", "check", lang+".txt"), got)

			out, stderr, code = runCLI(t, env, "check", "--site", site, "--config", "--format", "json")
			if code != 1 {
				t.Errorf("--format json: exit %d, want 1: %s", code, stderr)
			}
			var rows []row
			if err := json.Unmarshal([]byte(out), &rows); err != nil {
				t.Fatalf("--format json: %v\n%s", err, out)
			}
			for _, r := range rows {
				rules[i] = append(rules[i], r.File+":"+r.Rule)
				messages[i] = append(messages[i], r.Message)
			}
		})
	}
	if len(rules[0]) == 0 || !slices.Equal(rules[0], rules[1]) {
		t.Errorf("the rule codes differ between the languages:\nvi: %v\nen: %v", rules[0], rules[1])
	}
	if slices.Equal(messages[0], messages[1]) {
		t.Error("--format json gives the same messages in Vietnamese and in English")
	}
	for _, want := range []string{"content/tin-hoat-dong/2026/dau-hai-cham.md:yaml-syntax", "config.yaml:config-head-title", "config.yaml:config-notice", "config.yaml:calendar-horizon"} {
		if !slices.Contains(rules[0], want) {
			t.Errorf("no %s among %v", want, rules[0])
		}
	}
}
