package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// TestScaffold: the scaffold's comments are in the reader's language, Vietnamese by default,
// English for developers; the fields are the same.
func TestScaffold(t *testing.T) {
	cfg := testfixture.Config(t)
	cat, _ := cfg.Category("tin-hoat-dong")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, content.Zone)
	for _, c := range []struct {
		lang language.Tag
		want string
	}{
		{i18n.English, `---
title: "Đoàn công tác"
date: 2026-11-25T10:00:00+07:00
draft: true
authors: [lhtrung]
unit: van-phong
slug: doan-cong-tac
id: bbt-3f9a1c2e7b4d5a60   # the article's identity: keep it when you move or edit it, never copy it
summary: ""   # sapo: one or two sentences shown in lists
tags: []
---
`},
		{i18n.Vietnamese, `---
title: "Đoàn công tác"
date: 2026-11-25T10:00:00+07:00
draft: true
authors: [lhtrung]
unit: van-phong
slug: doan-cong-tac
id: bbt-3f9a1c2e7b4d5a60   # mã định danh của bài: giữ nguyên khi chuyển chỗ hay sửa bài, không bao giờ chép sang bài khác
summary: ""   # sapo: một, hai câu tóm tắt, hiện trong danh sách bài
tags: []
---
`},
	} {
		got := scaffold(i18n.New(c.lang), cat, "bbt-3f9a1c2e7b4d5a60", "Đoàn công tác", "doan-cong-tac", "lhtrung", "van-phong", now)
		if got != c.want {
			t.Errorf("scaffold in %s:\n%s\nwant:\n%s", c.lang, got, c.want)
		}
	}
}

// TestNewScaffoldLanguages: bbtgen new writes its comments in Vietnamese unless BBTGEN_LANG=en,
// for every kind of category, and every scaffold, in either language, passes bbtgen check.
func TestNewScaffoldLanguages(t *testing.T) {
	cfgYAML, cfg := allKindsConfig(t)
	for _, c := range []struct {
		lang    string // BBTGEN_LANG
		comment string // the comment of id:
		legal   string // the comment of number: in a legal document
		asker   string // the comment of asker: in a question
		said    string // what new says on stderr
		// kinds are lines the scaffold of a procedure, a consultation and a disclosure has,
		// by category folder.
		kinds map[string][]string
	}{
		{"", "# mã định danh của bài: giữ nguyên khi chuyển chỗ hay sửa bài, không bao giờ chép sang bài khác\n",
			"number: \"\"     # số ký hiệu, ví dụ 533/QĐ-SNV\n", "asker: \"\"     # chỉ ghi họ tên hoặc tên viết tắt\n",
			"đã tạo bản nháp một bài thuộc chuyên mục",
			map[string][]string{
				"thu-tuc-hanh-chinh": {
					"\ncode: \"\"             # mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính: một chữ số, dấu chấm và sáu chữ số, ví dụ 1.001612\n",
					"\nlevel: \"\"            # mức độ thực hiện trực tuyến; ghi một trong các mã sau:\n" +
						"                     #   toan-trinh  Dịch vụ công trực tuyến toàn trình\n" +
						"                     #   mot-phan    Dịch vụ công trực tuyến một phần\n" +
						"                     #   truc-tiep   Nộp hồ sơ trực tiếp hoặc qua bưu chính\n" +
						"field: \"\"            # lĩnh vực, ví dụ Thi đua – Khen thưởng; không bắt buộc, có thể để trống\n",
					"\nportal: \"\"           # địa chỉ trang của thủ tục trên Cổng Dịch vụ công quốc gia, https://dichvucong.gov.vn/…\n",
					"\nfee: \"\"              # phí, lệ phí, ví dụ \"Không thu phí\"\n",
					"\nduration: \"\"         # thời hạn giải quyết, ví dụ \"10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ\"\n",
					"\nattachment: \"\"       # mẫu đơn, tờ khai (nếu có), ví dụ /media/thu-tuc-hanh-chinh/2026/cap-giay-phep-to-chuc-cuoc-le.pdf\n",
				},
				"lay-y-kien": {
					"\nattachment: \"\"       # tệp dự thảo, ví dụ /media/lay-y-kien/2026/du-thao-quy-che-lam-viec.pdf\n",
					"\nopens:               # ngày bắt đầu nhận ý kiến góp ý, dạng năm-tháng-ngày YYYY-MM-DD\n" +
						"closes:              # ngày cuối cùng nhận ý kiến góp ý, dạng năm-tháng-ngày YYYY-MM-DD\n" +
						"how_to_comment: \"\"   # nơi nhận và cách gửi ý kiến góp ý: đơn vị tiếp nhận, thư điện tử, địa chỉ gửi văn bản\n",
				},
				"cong-khai": {
					"\nsummary: \"\"          # nội dung được công khai, hiện trong danh sách bài\n" +
						"year:                # năm ngân sách hoặc năm kế hoạch của số liệu, ví dụ 2026\n" +
						"disclosure_type: \"\"  # loại nội dung công khai; ghi một trong các mã sau:\n" +
						"                     #   du-toan            Dự toán ngân sách\n",
					"                     #   von-vay            Quản lý, sử dụng vốn vay\n" +
						"attachment: \"\"       # văn bản đã ký, ví dụ /media/cong-khai/2026/du-toan-ngan-sach-nam-2027.pdf\n",
				},
			}},
		{"en", "# the article's identity: keep it when you move or edit it, never copy it\n",
			"number: \"\"     # reference number (số ký hiệu), e.g. 533/QĐ-SNV\n", "asker: \"\"     # a name or initials only\n",
			"created a draft",
			map[string][]string{
				"thu-tuc-hanh-chinh": {
					"\ncode: \"\"             # procedure code (mã thủ tục) in the national database: a digit, a dot and six digits, e.g. 1.001612\n",
					"\nlevel: \"\"            # how far it can be done online (mức độ); write one of these codes:\n" +
						"                     #   toan-trinh  Dịch vụ công trực tuyến toàn trình\n" +
						"                     #   mot-phan    Dịch vụ công trực tuyến một phần\n" +
						"                     #   truc-tiep   Nộp hồ sơ trực tiếp hoặc qua bưu chính\n" +
						"field: \"\"            # field (lĩnh vực), e.g. Thi đua – Khen thưởng; may be left empty\n",
					"\nportal: \"\"           # the address of the procedure's page on the national public-service portal, https://dichvucong.gov.vn/…\n",
					"\nattachment: \"\"       # the forms (mẫu đơn, tờ khai), if any, e.g. /media/thu-tuc-hanh-chinh/2026/cap-giay-phep-to-chuc-cuoc-le.pdf\n",
				},
				"lay-y-kien": {
					"\nopens:               # the first day comments are received, YYYY-MM-DD\n" +
						"closes:              # the last day comments are received, YYYY-MM-DD\n",
				},
				"cong-khai": {
					"\nyear:                # the budget or plan year the figures are for, e.g. 2026\n" +
						"disclosure_type: \"\"  # the kind of disclosure; write one of these codes:\n" +
						"                     #   du-toan            Dự toán ngân sách\n",
				},
			}},
	} {
		site := t.TempDir()
		if err := os.WriteFile(filepath.Join(site, config.FileName), cfgYAML, 0o644); err != nil {
			t.Fatal(err)
		}
		env := map[string]string{"BBTGEN_NOW": "2026-11-25T10:00:00+07:00", "BBTGEN_LANG": c.lang}
		for _, a := range [][3]string{
			{"tin-hoat-dong", "Hội nghị sơ kết", "lhtrung"},
			{"van-ban", "Quyết định về việc tuyển dụng công chức", "ttdinh"},
			{"hoi-dap", "Chế độ nghỉ phép của công chức", "pthanh"},
			{"hinh-anh", "Lễ kỷ niệm Ngày thành lập ngành", "lhtrung"},
			{"thu-tuc-hanh-chinh", "Cấp giấy phép tổ chức cuộc lễ", "htlan"},
			{"lay-y-kien", "Dự thảo Quy chế làm việc", "pthanh"},
			{"cong-khai", "Dự toán ngân sách năm 2027", "nddung"},
		} {
			out, stderr, code := runCLI(t, env, "new", "--site", site, "--author", a[2], a[0], a[1])
			if code != 0 {
				t.Fatalf("BBTGEN_LANG=%q new %s: exit %d: %s", c.lang, a[0], code, stderr)
			}
			if !strings.Contains(stderr, c.said) {
				t.Errorf("BBTGEN_LANG=%q new %s said %q, want %q", c.lang, a[0], stderr, c.said)
			}
			rel := strings.TrimSpace(out)
			data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			if !strings.Contains(text, c.comment) {
				t.Errorf("BBTGEN_LANG=%q %s lacks %q:\n%s", c.lang, rel, c.comment, text)
			}
			switch a[0] {
			case "van-ban":
				if !strings.Contains(text, c.legal) {
					t.Errorf("BBTGEN_LANG=%q %s lacks %q:\n%s", c.lang, rel, c.legal, text)
				}
			case "hoi-dap":
				if !strings.Contains(text, c.asker) {
					t.Errorf("BBTGEN_LANG=%q %s lacks %q:\n%s", c.lang, rel, c.asker, text)
				}
			}
			for _, want := range c.kinds[a[0]] {
				if !strings.Contains(text, want) {
					t.Errorf("BBTGEN_LANG=%q %s lacks %q:\n%s", c.lang, rel, want, text)
				}
			}
			// The comments in the reader's language leave the front matter as it was.
			ar, problems := content.ParseArticle(rel, a[0], data)
			if ar == nil {
				t.Fatalf("%s does not parse: %v", rel, problems)
			}
			problems = append(problems, (&content.Checker{Cfg: cfg}).Article(ar)...)
			if problems.Errors() > 0 {
				t.Errorf("BBTGEN_LANG=%q %s does not pass the checks: %v\n%s", c.lang, rel, problems.Err(), text)
			}
		}
		// And bbtgen check passes the whole site (warnings only: the fields are to fill in).
		if out, stderr, code := runCLI(t, env, "check", "--site", site); code != 0 {
			t.Errorf("BBTGEN_LANG=%q: bbtgen check of the scaffolds: exit %d\n%s%s", c.lang, code, out, stderr)
		}
	}
}

// allKindsConfig is the fixture configuration, without its board.notice (which names an
// article the tests' sites do not have), with a category of each kind it lacks, as the
// department's config.yaml has them: thu-tuc-hanh-chinh (procedure), lay-y-kien (consultation)
// and cong-khai (disclosure).
func allKindsConfig(t *testing.T) ([]byte, *config.Config) {
	t.Helper()
	data := regexp.MustCompile(`(?m)^  notice: .*\n`).ReplaceAll(testfixture.ConfigYAML, nil)
	fixture := testfixture.Config(t)
	var extra strings.Builder
	for _, c := range []struct {
		kind               config.CategoryKind
		folder, name, desc string
	}{
		{config.KindProcedure, "thu-tuc-hanh-chinh", "Thủ tục hành chính", "Thủ tục hành chính thuộc thẩm quyền giải quyết của Sở Nội vụ."},
		{config.KindConsultation, "lay-y-kien", "Lấy ý kiến dự thảo", "Dự thảo văn bản đăng tải để lấy ý kiến góp ý."},
		{config.KindDisclosure, "cong-khai", "Công khai ngân sách, đầu tư, mua sắm", "Công khai dự toán, quyết toán ngân sách, đầu tư công, mua sắm công."},
	} {
		if _, ok := fixture.Category(c.folder); ok {
			continue
		}
		fmt.Fprintf(&extra, "  - folder: %s\n    name: %q\n    kind: %s\n    description: %q\n    verification: true\n    approvers:\n      - {member: txlong, deadline_days: 2}\n",
			c.folder, c.name, c.kind, c.desc)
	}
	at := bytes.Index(data, []byte("\nareas:"))
	if at < 0 {
		t.Fatal("the fixture configuration has no areas: after its categories")
	}
	data = slices.Concat(data[:at+1], []byte(extra.String()), data[at:])
	cfg, problems := config.Parse(data, config.FileName)
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("the fixture configuration with every kind: %v\n%s", problems.Err(), data)
	}
	for _, kind := range config.Kinds {
		if !slices.ContainsFunc(cfg.Categories, func(c config.Category) bool { return c.Kind == kind }) {
			t.Fatalf("the configuration has no category of kind %s", kind)
		}
	}
	return data, cfg
}

// TestScaffoldEveryKind: for every kind of category, the scaffold has a line for each field
// the checks will ask for, lists the codes a field takes, passes the checks in either
// language, and has the same fields in both (only the comments differ).
func TestScaffoldEveryKind(t *testing.T) {
	_, cfg := allKindsConfig(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, content.Zone)
	comment := regexp.MustCompile(`(?m)^ *#.*\n| +#.*$`)
	for _, kind := range config.Kinds {
		i := slices.IndexFunc(cfg.Categories, func(c config.Category) bool { return c.Kind == kind })
		cat := cfg.Categories[i]
		rel := "content/" + cat.Folder + "/2026/bai-moi.md"
		var fields []string
		for _, lang := range []language.Tag{i18n.Vietnamese, i18n.English} {
			text := scaffold(i18n.New(lang), cat, "bbt-3f9a1c2e7b4d5a60", "Bài mới", "bai-moi", "lhtrung", "van-phong", now)
			a, problems := content.ParseArticle(rel, cat.Folder, []byte(text))
			if a == nil {
				t.Fatalf("%s in %s does not parse: %v\n%s", kind, lang, problems, text)
			}
			problems = append(problems, (&content.Checker{Cfg: cfg, Now: now}).Article(a)...)
			if problems.Errors() > 0 {
				t.Errorf("%s in %s does not pass the checks: %v\n%s", kind, lang, problems.Err(), text)
			}
			// A field the checks find empty is reported at its own line: the scaffold has it.
			lines := strings.Split(text, "\n")
			for _, p := range problems {
				if p.Rule != "required" || strings.HasPrefix(p.Message, "the ") { // the text, below the front matter
					continue
				}
				key, _, _ := strings.Cut(p.Message, " ")
				if p.Line < 1 || p.Line > len(lines) || !strings.HasPrefix(lines[p.Line-1], key+":") {
					t.Errorf("%s in %s: the scaffold has no line for %s (%s)\n%s", kind, lang, key, p.Message, text)
				}
			}
			// The codes a field takes are listed under it.
			var codes []content.Named
			switch kind {
			case config.KindProcedure:
				codes = content.ProcedureLevels
			case config.KindDisclosure:
				codes = content.DisclosureTypes
			}
			for _, n := range codes {
				if !regexp.MustCompile(`(?m)^ +#   ` + regexp.QuoteMeta(n.Value) + ` +` + regexp.QuoteMeta(n.Name) + `$`).MatchString(text) {
					t.Errorf("%s in %s does not list %s (%s):\n%s", kind, lang, n.Value, n.Name, text)
				}
			}
			bare := comment.ReplaceAllString(text, "")
			bare = regexp.MustCompile(`(?m) +$`).ReplaceAllString(bare, "")
			fields = append(fields, bare)
		}
		if fields[0] != fields[1] {
			t.Errorf("%s: the fields differ with the language:\n%s\nand:\n%s", kind, fields[0], fields[1])
		}
	}
}

// TestNewWritesID: every article bbtgen new makes has an id of the checked form, its own.
func TestNewWritesID(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, config.FileName), testfixture.ConfigYAML, 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"BBTGEN_NOW": "2026-11-25T10:00:00+07:00"}
	idRE := regexp.MustCompile(`(?m)^id: (bbt-[0-9a-f]{16}) `)
	cfg := testfixture.Config(t)
	var ids []string
	for _, title := range []string{"Hội nghị sơ kết", "Hội nghị tổng kết"} {
		out, stderr, code := runCLI(t, env, "new", "--site", site, "--author", "lhtrung", "tin-hoat-dong", title)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		rel := strings.TrimSpace(out)
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		m := idRE.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s has no id:\n%s", rel, data)
		}
		ids = append(ids, string(m[1]))
		a, problems := content.ParseArticle(rel, "tin-hoat-dong", data)
		if a == nil || a.ID != string(m[1]) {
			t.Fatalf("%s: the front matter does not read the id: %v", rel, problems)
		}
		for _, p := range append(problems, (&content.Checker{Cfg: cfg}).Article(a)...) {
			if p.Rule == "id" {
				t.Errorf("%s: %s", rel, p)
			}
		}
	}
	if ids[0] == ids[1] {
		t.Errorf("two articles got the same id %s", ids[0])
	}
}
