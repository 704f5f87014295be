package ledger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gittest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// The cases of issue 20 where the ledger paid an article twice (or lost it), each on a real
// history: an article deleted and restored, renamed with an edit, moved out of a category that
// config.yaml dropped, and known by its id.

// tiepDan is the text of an article long enough for a small edit to leave it similar.
const tiepDan = "Sáng ngày 22/6, lãnh đạo Sở Nội vụ tiếp công dân định kỳ tại trụ sở tiếp công dân của tỉnh. " +
	"Buổi tiếp có đại diện Thanh tra Sở, Văn phòng Sở và các phòng chuyên môn liên quan. " +
	"Các công dân đã phản ánh về chế độ chính sách đối với cán bộ không chuyên trách cấp xã sau khi sắp xếp đơn vị hành chính. " +
	"Giám đốc Sở đã trả lời trực tiếp các kiến nghị thuộc thẩm quyền và giao các phòng chuyên môn nghiên cứu, tham mưu giải quyết các nội dung còn lại theo quy định."

// edited is tiepDan with a small edit: a date corrected and a sentence added.
var edited = strings.Replace(tiepDan, "22/6", "23/6", 1) + " Kết quả giải quyết sẽ được thông báo bằng văn bản."

// other is an unrelated article of the same length and vocabulary.
const other = "Chiều ngày 6/7, Sở Nội vụ tổ chức tập huấn nghiệp vụ công tác văn thư, lưu trữ cho công chức cấp xã. " +
	"Báo cáo viên của Chi cục Văn thư – Lưu trữ đã hướng dẫn lập hồ sơ điện tử và nộp lưu hồ sơ vào lưu trữ cơ quan. " +
	"Học viên được thực hành trên hệ thống quản lý văn bản và điều hành của tỉnh."

// art is an article of the ledger tests; extra is more front matter (an id, draft: true).
func art(title, authors, unit, extra, body string) string {
	return "---\ntitle: \"" + title + "\"\ndate: 2026-06-01T09:00:00+07:00\nauthors: [" + authors + "]\nunit: " + unit + "\nsummary: \"Tóm tắt.\"\n" + extra + "---\n" + body + "\n"
}

const (
	idA = "id: bbt-3f9a1c2e7b4d5a60\n"
	idB = "id: bbt-0c1d2e3f4a5b6c7d\n"
)

// newRepo starts a history with config.yaml (cfgText, or the fixture) on 30 May.
func newRepo(t *testing.T, cfgText string) *gittest.Repo {
	t.Helper()
	if cfgText == "" {
		cfgText = string(testfixture.ConfigYAML)
	}
	g := gittest.New(t)
	g.Write("config.yaml", cfgText)
	g.Write("content/_index.md", "---\ntitle: \"Trang chủ\"\n---\n")
	g.Commit(at(5, 30, 9, 0), "Khởi tạo")
	return g
}

// walk reads the events of main with cfg as the working tree's configuration.
func walk(t *testing.T, g *gittest.Repo, cfg *config.Config) ([]Event, []Warning) {
	t.Helper()
	repo, err := gitrepo.Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	tip, err := gitrepo.Resolve(repo, "refs/heads/main")
	if err != nil {
		t.Fatal(err)
	}
	events, warnings, err := Events(repo, tip, cfg, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return events, warnings
}

func eventLines(events []Event) []string {
	out := []string{}
	for _, e := range events {
		out = append(out, e.Date.String()+" "+string(e.Type)+" "+e.Path)
	}
	return out
}

// paid lists the ledger lines of June to September 2026 as "month author category amount path".
func paid(t *testing.T, cfg *config.Config, events []Event) []string {
	t.Helper()
	out := []string{}
	for m := time.June; m <= time.September; m++ {
		l, err := Royalty(cfg, events, 2026, m, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range l.Lines {
			out = append(out, fmt.Sprintf("%s %s %s %d %s", l.Month, x.Author, x.CategoryName, x.Amount, x.Path))
		}
	}
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestPaidOnce(t *testing.T) {
	const (
		tapHuan  = "content/tin-hoat-dong/2026/tap-huan.md"
		tiepDanP = "content/tin-hoat-dong/2026/tiep-dan.md"
		moved    = "content/cai-cach-hanh-chinh/2026/tiep-cong-dan.md"
	)
	tests := []struct {
		name     string
		build    func(g *gittest.Repo)
		events   []string
		paid     []string
		warnings []string
	}{
		{
			name: "deleted, then git revert",
			build: func(g *gittest.Repo) {
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", "", other))
				g.Commit(at(6, 10, 9, 0), "Tin tập huấn")
				g.Remove(tapHuan)
				g.Commit(at(7, 3, 9, 0), "Gỡ nhầm")
				g.Git(at(7, 4, 9, 0), "revert", "--no-edit", "HEAD")
			},
			events: []string{"2026-06-10 publication " + tapHuan, "2026-07-03 unpublication " + tapHuan, "2026-07-04 revision " + tapHuan},
			paid:   []string{"2026-06 ttmai Tin hoạt động 702000 " + tapHuan},
		},
		{
			name: "deleted, then the same file added back a month later",
			build: func(g *gittest.Repo) {
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", "", other))
				g.Commit(at(6, 10, 9, 0), "Tin tập huấn")
				g.Remove(tapHuan)
				g.Commit(at(6, 20, 9, 0), "Gỡ")
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", "", other))
				g.Commit(at(7, 20, 9, 0), "Đăng lại")
			},
			events: []string{"2026-06-10 publication " + tapHuan, "2026-06-20 unpublication " + tapHuan, "2026-07-20 revision " + tapHuan},
			paid:   []string{"2026-06 ttmai Tin hoạt động 702000 " + tapHuan},
		},
		{
			name: "deleted, then added back with an edit, no id",
			build: func(g *gittest.Repo) {
				g.Write(tiepDanP, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", "", tiepDan))
				g.Commit(at(6, 22, 9, 0), "Tin tiếp dân")
				g.Remove(tiepDanP)
				g.Commit(at(6, 25, 9, 0), "Gỡ để sửa")
				g.Write(tiepDanP, art("Tiếp công dân định kỳ tháng 6", "dqhuy", "phong-xdcq", "", edited))
				g.Commit(at(7, 2, 9, 0), "Đăng lại")
			},
			events: []string{"2026-06-22 publication " + tiepDanP, "2026-06-25 unpublication " + tiepDanP, "2026-07-02 revision " + tiepDanP},
			paid:   []string{"2026-06 dqhuy Tin hoạt động 702000 " + tiepDanP},
		},
		{
			name: "deleted, then added back elsewhere and rewritten, with its id",
			build: func(g *gittest.Repo) {
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", idA, other))
				g.Commit(at(6, 10, 9, 0), "Tin tập huấn")
				g.Remove(tapHuan)
				g.Commit(at(6, 20, 9, 0), "Gỡ")
				g.Write("content/cai-cach-hanh-chinh/2026/tap-huan-van-thu.md", art("Tập huấn văn thư", "ttmai", "phong-ccvc", idA, tiepDan))
				g.Commit(at(7, 6, 9, 0), "Đăng lại ở chuyên mục khác")
			},
			events: []string{"2026-06-10 publication " + tapHuan, "2026-06-20 unpublication " + tapHuan, "2026-07-06 revision content/cai-cach-hanh-chinh/2026/tap-huan-van-thu.md"},
			paid:   []string{"2026-06 ttmai Tin hoạt động 702000 " + tapHuan},
		},
		{
			name: "another article at the path of a removed one is new",
			build: func(g *gittest.Repo) {
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", "", other))
				g.Commit(at(6, 10, 9, 0), "Tin tập huấn")
				g.Remove(tapHuan)
				g.Commit(at(6, 20, 9, 0), "Gỡ")
				g.Write(tapHuan, art("Tập huấn tiếp công dân", "lthoa", "thanh-tra", "", tiepDan))
				g.Commit(at(7, 6, 9, 0), "Tin khác, cùng tên tệp")
			},
			events: []string{"2026-06-10 publication " + tapHuan, "2026-06-20 unpublication " + tapHuan, "2026-07-06 publication " + tapHuan},
			paid:   []string{"2026-06 ttmai Tin hoạt động 702000 " + tapHuan, "2026-07 lthoa Tin hoạt động 759000 " + tapHuan},
		},
		{
			name: "renamed with a small edit in the same commit",
			build: func(g *gittest.Repo) {
				g.Write(tiepDanP, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", "", tiepDan))
				g.Commit(at(6, 22, 9, 0), "Tin tiếp dân")
				g.Remove(tiepDanP)
				g.Write(moved, art("Tiếp công dân định kỳ tháng 6", "dqhuy", "phong-xdcq", "", edited))
				g.Commit(at(7, 6, 9, 0), "Chuyển chuyên mục, sửa ngày")
			},
			events: []string{"2026-06-22 publication " + tiepDanP, "2026-07-06 revision " + moved},
			paid:   []string{"2026-06 dqhuy Tin hoạt động 702000 " + tiepDanP},
		},
		{
			name: "renamed and rewritten, with its id",
			build: func(g *gittest.Repo) {
				g.Write(tiepDanP, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", idA, tiepDan))
				g.Commit(at(6, 22, 9, 0), "Tin tiếp dân")
				g.Remove(tiepDanP)
				g.Write(moved, art("Tiếp công dân", "dqhuy", "phong-xdcq", idA, other))
				g.Commit(at(7, 6, 9, 0), "Viết lại")
			},
			events: []string{"2026-06-22 publication " + tiepDanP, "2026-07-06 revision " + moved},
			paid:   []string{"2026-06 dqhuy Tin hoạt động 702000 " + tiepDanP},
		},
		{
			name: "a removal and an unrelated addition in one commit are two articles",
			build: func(g *gittest.Repo) {
				g.Write(tiepDanP, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", "", tiepDan))
				g.Commit(at(6, 22, 9, 0), "Tin tiếp dân")
				g.Remove(tiepDanP)
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", "", other))
				g.Commit(at(7, 6, 9, 0), "Gỡ một tin, đăng một tin")
			},
			events: []string{"2026-06-22 publication " + tiepDanP, "2026-07-06 publication " + tapHuan, "2026-07-06 unpublication " + tiepDanP},
			paid:   []string{"2026-06 dqhuy Tin hoạt động 702000 " + tiepDanP, "2026-07 ttmai Tin hoạt động 759000 " + tapHuan},
		},
		{
			name: "two articles with the same id and different names and texts in one commit",
			build: func(g *gittest.Repo) {
				g.Write(tiepDanP, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", idA, tiepDan))
				g.Commit(at(6, 22, 9, 0), "Tin tiếp dân")
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", idA, other)) // copied as a template
				g.Commit(at(7, 6, 9, 0), "Tin mới chép từ tin cũ")
			},
			events:   []string{"2026-06-22 publication " + tiepDanP, "2026-07-06 publication " + tapHuan},
			paid:     []string{"2026-06 dqhuy Tin hoạt động 702000 " + tiepDanP, "2026-07 ttmai Tin hoạt động 759000 " + tapHuan},
			warnings: []string{"id-duplicate " + tapHuan},
		},
		{
			name: "a copy of a published article under another name is not paid",
			build: func(g *gittest.Repo) {
				g.Write(tiepDanP, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", idA, tiepDan))
				g.Commit(at(6, 22, 9, 0), "Tin tiếp dân")
				g.Write(moved, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", idA, tiepDan))
				g.Commit(at(7, 6, 9, 0), "Chép nhầm sang chuyên mục khác")
			},
			events:   []string{"2026-06-22 publication " + tiepDanP, "2026-07-06 revision " + moved},
			paid:     []string{"2026-06 dqhuy Tin hoạt động 702000 " + tiepDanP},
			warnings: []string{"id-duplicate " + moved},
		},
		{
			name: "an id written into an old article, then moved and rewritten",
			build: func(g *gittest.Repo) {
				g.Write(tiepDanP, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", "", tiepDan))
				g.Commit(at(6, 22, 9, 0), "Tin tiếp dân")
				g.Write(tiepDanP, art("Tiếp công dân định kỳ", "dqhuy", "phong-xdcq", idB, tiepDan))
				g.Commit(at(7, 1, 9, 0), "CMS ghi id")
				g.Remove(tiepDanP)
				g.Commit(at(7, 3, 9, 0), "Gỡ")
				g.Write(moved, art("Tiếp công dân", "dqhuy", "phong-xdcq", idB, other))
				g.Commit(at(8, 3, 9, 0), "Đăng lại, viết lại")
			},
			events: []string{"2026-06-22 publication " + tiepDanP, "2026-07-01 revision " + tiepDanP, "2026-07-03 unpublication " + tiepDanP, "2026-08-03 revision " + moved},
			paid:   []string{"2026-06 dqhuy Tin hoạt động 702000 " + tiepDanP},
		},
		{
			name: "a draft deleted and added back published is published then",
			build: func(g *gittest.Repo) {
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", "draft: true\n", other))
				g.Commit(at(6, 10, 9, 0), "Bản nháp")
				g.Remove(tapHuan)
				g.Commit(at(6, 12, 9, 0), "Bỏ bản nháp")
				g.Write(tapHuan, art("Tập huấn nghiệp vụ", "ttmai", "phong-ccvc", "", other))
				g.Commit(at(7, 6, 9, 0), "Đăng")
			},
			events: []string{"2026-07-06 publication " + tapHuan},
			paid:   []string{"2026-07 ttmai Tin hoạt động 759000 " + tapHuan},
		},
	}
	cfg := testfixture.Config(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newRepo(t, "")
			tt.build(g)
			events, warnings := walk(t, g, cfg)
			sameLines(t, "events", eventLines(events), tt.events)
			sameLines(t, "paid", paid(t, cfg, events), tt.paid)
			sameLines(t, "warnings", warningLines(warnings), tt.warnings)
		})
	}
}

func warningLines(ws []Warning) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.Rule+" "+w.Path)
	}
	return out
}

// withoutCategory is the fixture configuration without the category danh-gia-hai-long.
func withoutCategory(t *testing.T) string {
	t.Helper()
	text := string(testfixture.ConfigYAML)
	start := strings.Index(text, "  - folder: danh-gia-hai-long\n")
	end := strings.Index(text, "  - folder: van-ban\n")
	if start < 0 || end < start {
		t.Fatal("the fixture configuration has changed: update withoutCategory")
	}
	return text[:start] + text[end:]
}

// move moves a file of the work tree, making the folders it needs (git mv does not).
func move(t *testing.T, g *gittest.Repo, from, to string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(g.Dir, filepath.FromSlash(from)))
	if err != nil {
		t.Fatal(err)
	}
	g.Write(to, string(data))
	g.Remove(from)
}

func parseConfig(t *testing.T, text string) *config.Config {
	t.Helper()
	cfg, problems := config.Parse([]byte(text), config.FileName)
	if cfg == nil || problems.Errors() > 0 {
		t.Fatal(problems.Err())
	}
	return cfg
}

// TestConfigOfEachCommit: a month is read with the config.yaml of its commits, so that a later
// config.yaml never changes it.
func TestConfigOfEachCommit(t *testing.T) {
	const (
		ketQua = "content/danh-gia-hai-long/2026/ket-qua-quy-2.md"
		moved  = "content/cai-cach-hanh-chinh/2026/ket-qua-quy-2.md"
		mot    = "content/cai-cach-hanh-chinh/2026/mot-cua.md"
	)
	fixture := string(testfixture.ConfigYAML)
	dropped := withoutCategory(t)
	renamed := strings.Replace(fixture, `name: "Cải cách hành chính"`, `name: "CCHC"`, 1)
	broken := strings.Replace(fixture, "payment_days: 60", "payment_days: sáu mươi", 1)
	tests := []struct {
		name     string
		first    string // config.yaml of the first commit ("": the fixture, "-": none)
		build    func(t *testing.T, g *gittest.Repo)
		current  string // config.yaml of the working tree
		events   []string
		paid     []string
		due      []string // payment dates of the lines, when checked
		warnings []string
	}{
		{
			name: "a category dropped and its files moved in one commit",
			build: func(t *testing.T, g *gittest.Repo) {
				g.Write(ketQua, art("Kết quả đánh giá quý II", "ntvu", "phong-cchc", "", tiepDan))
				g.Commit(at(6, 12, 9, 0), "Kết quả quý II")
				g.Write("config.yaml", dropped)
				move(t, g, ketQua, moved)
				g.Commit(at(7, 6, 9, 0), "Bỏ chuyên mục, chuyển bài")
			},
			current: dropped,
			events:  []string{"2026-06-12 publication " + ketQua},
			paid:    []string{"2026-06 ntvu Đánh giá mức độ hài lòng 702000 " + ketQua},
		},
		{
			name: "a category dropped, its files moved (and edited) a week later",
			build: func(t *testing.T, g *gittest.Repo) {
				g.Write(ketQua, art("Kết quả đánh giá quý II", "ntvu", "phong-cchc", "", tiepDan))
				g.Commit(at(6, 12, 9, 0), "Kết quả quý II")
				g.Write("config.yaml", dropped)
				g.Commit(at(7, 1, 9, 0), "Bỏ chuyên mục")
				g.Remove(ketQua)
				g.Write(moved, art("Kết quả đánh giá quý II năm 2026", "ntvu", "phong-cchc", "", edited))
				g.Commit(at(7, 8, 9, 0), "Chuyển bài")
			},
			current: dropped,
			events:  []string{"2026-06-12 publication " + ketQua, "2026-07-08 revision " + moved},
			paid:    []string{"2026-06 ntvu Đánh giá mức độ hài lòng 702000 " + ketQua},
		},
		{
			name: "a category renamed later keeps its name in the past month",
			build: func(t *testing.T, g *gittest.Repo) {
				g.Write(mot, art("Một cửa điện tử", "pthanh", "phong-cchc", "", tiepDan))
				g.Commit(at(6, 10, 9, 0), "Tin một cửa")
				g.Write("config.yaml", renamed)
				g.Commit(at(7, 1, 9, 0), "Đổi tên chuyên mục")
			},
			current: renamed,
			events:  []string{"2026-06-10 publication " + mot},
			paid:    []string{"2026-06 pthanh Cải cách hành chính 702000 " + mot},
		},
		{
			name: "an invalid config.yaml: the last valid one is used, with a warning",
			build: func(t *testing.T, g *gittest.Repo) {
				g.Write("config.yaml", broken)
				g.Write(mot, art("Một cửa điện tử", "pthanh", "phong-cchc", "", tiepDan))
				g.Commit(at(6, 10, 9, 0), "Tin một cửa, config.yaml hỏng")
				g.Write("config.yaml", fixture)
				g.Commit(at(6, 11, 9, 0), "Sửa config.yaml")
			},
			current:  fixture,
			events:   []string{"2026-06-10 publication " + mot},
			paid:     []string{"2026-06 pthanh Cải cách hành chính 702000 " + mot},
			due:      []string{"2026-08-09"}, // 60 days: payment_days of the last valid config.yaml
			warnings: []string{"config-invalid config.yaml"},
		},
		{
			name:  "no config.yaml yet: the working tree's is used, with a warning",
			first: "-",
			build: func(t *testing.T, g *gittest.Repo) {
				g.Write(mot, art("Một cửa điện tử", "pthanh", "phong-cchc", "", tiepDan))
				g.Commit(at(6, 10, 9, 0), "Tin một cửa")
				g.Write("config.yaml", renamed)
				g.Commit(at(6, 11, 9, 0), "config.yaml")
			},
			current:  fixture,
			events:   []string{"2026-06-10 publication " + mot},
			paid:     []string{"2026-06 pthanh Cải cách hành chính 702000 " + mot},
			warnings: []string{"config-missing config.yaml"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g *gittest.Repo
			if tt.first == "-" {
				g = gittest.New(t)
			} else {
				g = newRepo(t, tt.first)
			}
			tt.build(t, g)
			cfg := parseConfig(t, tt.current)
			events, warnings := walk(t, g, cfg)
			sameLines(t, "events", eventLines(events), tt.events)
			sameLines(t, "paid", paid(t, cfg, events), tt.paid)
			sameLines(t, "warnings", warningLines(warnings), tt.warnings)
			if tt.due != nil {
				l, err := Royalty(cfg, events, 2026, time.June, "")
				if err != nil {
					t.Fatal(err)
				}
				var due []string
				for _, x := range l.Lines {
					due = append(due, x.PaymentDue.String())
				}
				sameLines(t, "payment due", due, tt.due)
			}
		})
	}
}

// TestCSVFormulas: a cell that a spreadsheet would read as a formula is written as text.
func TestCSVFormulas(t *testing.T) {
	cfg := testfixture.Config(t)
	g := newRepo(t, "")
	title := `=HYPERLINK("https://example.com/x","Bấm vào đây")`
	g.Write("content/tin-hoat-dong/2026/cong-thuc.md", art(`=HYPERLINK(\"https://example.com/x\",\"Bấm vào đây\")`, "lhtrung", "van-phong", "", other))
	g.Commit(at(6, 10, 9, 0), "Tiêu đề là công thức")
	events, _ := walk(t, g, cfg)
	l, err := Royalty(cfg, events, 2026, time.June, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Lines) != 1 || l.Lines[0].Title != title {
		t.Fatalf("lines: %+v", l.Lines)
	}
	var csvOut, md, js bytes.Buffer
	if err := WriteCSV(&csvOut, l); err != nil {
		t.Fatal(err)
	}
	row := `10/06/2026,"'=HYPERLINK(""https://example.com/x"",""Bấm vào đây"")",Tin hoạt động,Tin,3,1,1/1,Lê Hoàng Trung,Văn phòng Sở,234000,702000,09/08/2026,`
	if !strings.Contains(csvOut.String(), "\r\n"+row) {
		t.Errorf("CSV lacks the row\n%s\nin:\n%s", row, csvOut.String())
	}
	if err := WriteMarkdown(&md, l); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| "+title+" |") {
		t.Errorf("Markdown changed the title:\n%s", md.String())
	}
	if err := json.NewEncoder(&js).Encode(l); err != nil {
		t.Fatal(err)
	}
	var back RoyaltyLedger
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Lines[0].Title != title {
		t.Errorf("JSON changed the title: %v %q", err, back.Lines[0].Title)
	}

	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+84 256": "'+84 256", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"Tin hoạt động": "Tin hoạt động", "": "", "1=1": "1=1", "'=x": "'=x",
	} {
		if got := csvText(in); got != want {
			t.Errorf("csvText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWarningLines: a commit read with another commit's config.yaml is reported once, after
// the totals, in every format.
func TestWarningLines(t *testing.T) {
	fixture := string(testfixture.ConfigYAML)
	g := newRepo(t, "")
	valid := g.Git(at(5, 30, 9, 0), "rev-parse", "HEAD")
	g.Write("config.yaml", strings.Replace(fixture, "payment_days: 60", "payment_days: sáu mươi", 1))
	g.Write("content/tin-hoat-dong/2026/a.md", art("Tin A", "ttmai", "phong-ccvc", "", other))
	first := g.Commit(at(6, 10, 9, 0), "config.yaml hỏng")
	g.Write("content/tin-hoat-dong/2026/b.md", art("Tin B", "lhtrung", "van-phong", "", tiepDan))
	last := g.Commit(at(6, 12, 9, 0), "vẫn hỏng")
	g.Write("config.yaml", fixture)
	g.Commit(at(6, 13, 9, 0), "Sửa config.yaml")
	cfg := testfixture.Config(t)
	events, warnings := walk(t, g, cfg)
	if len(warnings) != 1 {
		t.Fatalf("warnings: %+v", warnings)
	}
	line := strings.Count(fixture[:strings.Index(fixture, "payment_days: 60")], "\n") + 1
	want := fmt.Sprintf("2 commit, từ %s (10/06/2026) đến %s (12/06/2026): config.yaml không hợp lệ (config.yaml:%d:17: royalty.payment_days must be a whole number, not \"sáu mươi\"); các tin, bài đã được đọc theo config.yaml của commit %s.",
		first[:7], last[:7], line, valid[:7])
	if warnings[0].Message != want {
		t.Fatalf("message:\n%s\nwant:\n%s", warnings[0].Message, want)
	}
	l, err := Royalty(cfg, events, 2026, time.June, "")
	if err != nil {
		t.Fatal(err)
	}
	l.Warnings = warnings
	var csvOut, md bytes.Buffer
	if err := WriteCSV(&csvOut, l); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(csvOut.String(), ",,,,,2,,,,,1404000\r\n\r\nCảnh báo,\""+strings.ReplaceAll(want, `"`, `""`)+"\"\r\n") {
		t.Errorf("CSV does not end with the warning:\n%s", csvOut.String())
	}
	if err := WriteMarkdown(&md, l); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(md.String(), "(2 dòng).\n\n### Cảnh báo\n\n- "+want+"\n") {
		t.Errorf("Markdown does not end with the warning:\n%s", md.String())
	}
	// Outside the period asked for, nothing is reported.
	repo, _ := gitrepo.Open(g.Dir)
	tip, _ := gitrepo.Resolve(repo, "refs/heads/main")
	_, warnings, err = Events(repo, tip, cfg, WalkOptions{From: calendar.Date{Year: 2026, Month: time.July, Day: 1}})
	if err != nil || len(warnings) != 0 {
		t.Errorf("July: %v %+v", err, warnings)
	}
}
