package ledger

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gittest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var ict = time.FixedZone("ICT", 7*3600)

func at(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, ict) }

func news(title, authors, unit, extra string) string {
	return "---\ntitle: \"" + title + "\"\ndate: 2026-06-01T09:00:00+07:00\nauthors: [" + authors + "]\nunit: " + unit + "\nsummary: \"Tóm tắt.\"\n" + extra + "---\nNội dung " + title + ".\n"
}

func gallery(n int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Hội thao ngành Nội vụ\"\ndate: 2026-06-25T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Ảnh.\"\ncredit: \"Ảnh: Lê Hoàng Trung\"\nimages:\n")
	for i := 1; i <= n; i++ {
		b.WriteString("  - {src: /media/hinh-anh/2026/anh-" + string(rune('0'+i)) + ".jpg, caption: \"Ảnh " + string(rune('0'+i)) + "\"}\n")
	}
	b.WriteString("---\n")
	return b.String()
}

// history builds the repository of the ledger tests: four months of publications with
// everything the ledger must get right. It returns the configuration of its last commit, which
// no longer has the category danh-gia-hai-long.
func history(t *testing.T) (*gittest.Repo, *config.Config) {
	t.Helper()
	cfgText := testfixture.ConfigYAML
	g := gittest.New(t)
	g.Write("config.yaml", string(cfgText))
	g.Write("content/_index.md", "---\ntitle: \"Trang chủ\"\n---\n")
	g.Commit(at(5, 30, 9, 0), "Khởi tạo")

	g.Write("content/cai-cach-hanh-chinh/2026/mot-cua.md", news("Một cửa điện tử", "pthanh", "phong-cchc", ""))
	g.Commit(at(6, 10, 9, 0), "Tin một cửa")
	g.Write("content/tin-hoat-dong/2026/hoi-nghi.md", news("Hội nghị sơ kết", "lhtrung, ttmai", "van-phong", "")) // co-authored
	g.Write("content/tin-hoat-dong/2026/se-go.md", news("Tin sẽ gỡ", "dqhuy", "phong-xdcq", ""))
	g.Commit(at(6, 15, 10, 30), "Hai tin")
	g.Write("content/nghien-cuu/2026/vi-tri-viec-lam.md", news("Vị trí việc làm", "nvbinh", "phong-tcbc", "draft: true\n"))
	g.Commit(at(6, 20, 14, 0), "Bản nháp nghiên cứu")
	g.Write("content/hinh-anh/2026/hoi-thao.md", gallery(7))
	g.Commit(at(6, 30, 23, 30), "Hình ảnh hội thao") // late evening: still 30 June in Vietnam

	g.Write("content/tin-hoat-dong/2026/sau-nua-dem.md", news("Tin sau nửa đêm", "vmtuan", "ban-tdkt", ""))
	g.Commit(at(7, 1, 1, 0), "Tin đêm") // 30 June in UTC, 1 July in Vietnam
	g.Write("content/nghien-cuu/2026/vi-tri-viec-lam.md", news("Vị trí việc làm", "nvbinh", "phong-tcbc", ""))
	g.Commit(at(7, 2, 9, 0), "Xuất bản bài nghiên cứu") // the draft is published in July
	g.Git(at(7, 5, 9, 0), "mv", "content/cai-cach-hanh-chinh/2026/mot-cua.md", "content/cai-cach-hanh-chinh/2026/mot-cua-dien-tu.md")
	g.Commit(at(7, 5, 9, 0), "Đổi tên tệp") // a move is not a publication
	g.Write("content/tin-hoat-dong/2026/hoi-nghi.md", news("Hội nghị sơ kết 6 tháng", "lhtrung, ttmai", "van-phong", ""))
	g.Commit(at(7, 8, 9, 0), "Sửa tin hội nghị") // a revision
	g.Remove("content/tin-hoat-dong/2026/se-go.md")
	g.Commit(at(7, 10, 9, 0), "Gỡ tin") // an unpublication
	g.Write("content/cai-cach-hanh-chinh/2026/binh-luan.md", news("Bình luận cải cách", "pthanh, ntvu, nddung", "phong-cchc", "royalty: {kind: article, coefficient: 8}\n"))
	g.Commit(at(7, 15, 16, 0), "Bài bình luận") // an override, three co-authors

	g.Write("content/danh-gia-hai-long/2026/ket-qua-quy-2.md", news("Kết quả đánh giá quý II", "ntvu", "phong-cchc", idB))
	g.Commit(at(8, 3, 9, 0), "Kết quả quý II") // in a category config.yaml drops in September
	g.Write("content/tin-hoat-dong/2026/tap-huan.md", art("Tập huấn nghiệp vụ văn thư", "ttmai", "phong-ccvc", idA, other))
	g.Commit(at(8, 5, 9, 0), "Tin tập huấn")
	g.Write("content/tin-hoat-dong/2026/tiep-dan.md", art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", "", tiepDan))
	g.Commit(at(8, 7, 9, 0), "Tin tiếp dân") // no id: known again by its text
	g.Remove("content/tin-hoat-dong/2026/tap-huan.md")
	g.Commit(at(8, 20, 9, 0), "Gỡ nhầm tin tập huấn")
	g.Git(at(8, 21, 9, 0), "revert", "--no-edit", "HEAD") // restored: a revision, not paid again

	g.Remove("content/tin-hoat-dong/2026/tiep-dan.md")
	g.Write("content/cai-cach-hanh-chinh/2026/tiep-cong-dan.md", art("Tiếp công dân định kỳ tháng 8", "dqhuy", "phong-xdcq", "", edited))
	g.Commit(at(9, 4, 9, 0), "Chuyển tin tiếp dân, sửa ngày") // a move with an edit: a revision
	g.Write("config.yaml", withoutCategory(t))
	move(t, g, "content/danh-gia-hai-long/2026/ket-qua-quy-2.md", "content/cai-cach-hanh-chinh/2026/ket-qua-quy-2.md")
	g.Commit(at(9, 10, 9, 0), "Bỏ chuyên mục Đánh giá mức độ hài lòng") // August keeps its line
	g.Write("content/tin-hoat-dong/2026/trien-khai.md", news("Hội nghị triển khai nhiệm vụ quý IV", "lhtrung", "van-phong", ""))
	g.Commit(at(9, 15, 9, 0), "Tin triển khai")
	g.Write("content/nghien-cuu/2026/chuyen-doi-so.md", news("Chuyển đổi số trong công tác văn thư", "lhtrung, ttmai", "van-phong", "royalty: {shares: {lhtrung: 60, ttmai: 40}}\n"))
	g.Commit(at(9, 18, 9, 0), "Bài nghiên cứu, nhuận bút chia theo thỏa thuận") // agreed shares
	g.Write("content/nghien-cuu/2026/luu-tru-so.md", news("Lưu trữ tài liệu số", "lhtrung, ttmai", "van-phong", "royalty: {shares: {lhtrung: 70, ttmai: 40}}\n"))
	g.Commit(at(9, 21, 9, 0), "Bài có tỷ lệ sai") // shares the check refuses: paid equally, with a warning
	return g, parseConfig(t, withoutCategory(t))
}

func TestEvents(t *testing.T) {
	g, cfg := history(t)
	repo, err := gitrepo.Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	tip, err := gitrepo.Resolve(repo, "refs/heads/main")
	if err != nil {
		t.Fatal(err)
	}
	events, _, err := Events(repo, tip, cfg, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Date.String()+" "+string(e.Type)+" "+e.Path)
	}
	want := []string{
		"2026-06-10 publication content/cai-cach-hanh-chinh/2026/mot-cua.md",
		"2026-06-15 publication content/tin-hoat-dong/2026/hoi-nghi.md",
		"2026-06-15 publication content/tin-hoat-dong/2026/se-go.md",
		"2026-06-30 publication content/hinh-anh/2026/hoi-thao.md",
		"2026-07-01 publication content/tin-hoat-dong/2026/sau-nua-dem.md",
		"2026-07-02 publication content/nghien-cuu/2026/vi-tri-viec-lam.md",
		"2026-07-08 revision content/tin-hoat-dong/2026/hoi-nghi.md",
		"2026-07-10 unpublication content/tin-hoat-dong/2026/se-go.md",
		"2026-07-15 publication content/cai-cach-hanh-chinh/2026/binh-luan.md",
		"2026-08-03 publication content/danh-gia-hai-long/2026/ket-qua-quy-2.md",
		"2026-08-05 publication content/tin-hoat-dong/2026/tap-huan.md",
		"2026-08-07 publication content/tin-hoat-dong/2026/tiep-dan.md",
		"2026-08-20 unpublication content/tin-hoat-dong/2026/tap-huan.md",
		"2026-08-21 revision content/tin-hoat-dong/2026/tap-huan.md",
		"2026-09-04 revision content/cai-cach-hanh-chinh/2026/tiep-cong-dan.md",
		"2026-09-15 publication content/tin-hoat-dong/2026/trien-khai.md",
		"2026-09-18 publication content/nghien-cuu/2026/chuyen-doi-so.md",
		"2026-09-21 publication content/nghien-cuu/2026/luu-tru-so.md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRoyaltyGolden(t *testing.T) {
	g, cfg := history(t)
	repo, _ := gitrepo.Open(g.Dir)
	tip, _ := gitrepo.Resolve(repo, "refs/heads/main")
	events, _, err := Events(repo, tip, cfg, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, month := range []time.Month{time.June, time.July, time.August, time.September} {
		l, err := Royalty(cfg, events, 2026, month, "")
		if err != nil {
			t.Fatal(err)
		}
		var csvOut, jsonOut bytes.Buffer
		if err := WriteCSV(&csvOut, l); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&jsonOut)
		enc.SetIndent("", "  ")
		if err := enc.Encode(l); err != nil {
			t.Fatal(err)
		}
		// Commit hashes depend on the machine's git; the golden files leave them out.
		golden := func(name string, data []byte) {
			t.Helper()
			data = hashRE(data)
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(data, want) {
				t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, data)
			}
		}
		golden(fmt.Sprintf("royalty-2026-%02d.csv", int(month)), csvOut.Bytes())
		golden(fmt.Sprintf("royalty-2026-%02d.json", int(month)), jsonOut.Bytes())
		// Totals are the sums of the lines.
		var sum int64
		for _, x := range l.Lines {
			sum += x.Amount
		}
		var byAuthor int64
		for _, a := range l.Authors {
			byAuthor += a.Amount
		}
		if sum != l.Total || byAuthor != l.Total {
			t.Errorf("%s: total %d, lines %d, authors %d", month, l.Total, sum, byAuthor)
		}
	}
}

func hashRE(b []byte) []byte {
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(b, []byte("\n")) {
		out.Write(stripHashes(line))
	}
	return out.Bytes()
}

// stripHashes replaces 40-hex-digit commit hashes with a placeholder.
func stripHashes(line []byte) []byte {
	var out []byte
	for i := 0; i < len(line); {
		if i+40 <= len(line) && isHex(line[i:i+40]) && (i+40 == len(line) || !isHexByte(line[i+40])) && (i == 0 || !isHexByte(line[i-1])) {
			out = append(out, "<commit>"...)
			i += 40
			continue
		}
		out = append(out, line[i])
		i++
	}
	return out
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !isHexByte(c) {
			return false
		}
	}
	return true
}

func isHexByte(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }
