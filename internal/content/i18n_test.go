package content

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
)

// The problems of the articles people of the department wrote, as they read them: in
// Vietnamese, the sentences given as arguments translated too.
func TestProblemsInVietnamese(t *testing.T) {
	vi := i18n.New(i18n.Vietnamese)
	news := func(old, new string) string { return strings.Replace(goodNews, old, new, 1) }
	legal := news("slug:", "number: \"533 QĐ-SNV\"\ndoc_type: Quyết định\nissuer: Sở Nội vụ\nissued: 2026-11-01\neffective: 2026-11-01\nattachment: /media/van-ban/2026/qd.pdf\nslug:")
	qa := news("slug:", "question: \"Hỏi về thủ tục\"\nasker: \"Ông N.V.A., 0905123456\"\nanswer_unit: van-phong\nanswered: 2026-11-21\nslug:")
	tests := []struct {
		name, path, text string
		want             []string // every problem, in order, as bbtgen check prints it in Vietnamese
	}{
		{"an author by name", "content/tin-hoat-dong/2026/x.md", news("[lhtrung, ttmai]", "[Lê Hoàng Trung]"), []string{
			`content/tin-hoat-dong/2026/x.md:4:11: không có tác giả "Lê Hoàng Trung" trong danh sách — trong config.yaml, Lê Hoàng Trung có mã là lhtrung: hãy ghi authors: [lhtrung]`}},
		{"a document number with a space", "content/van-ban/2026/x.md", legal, []string{
			`content/van-ban/2026/x.md:7:9: "533 QĐ-SNV" không phải số ký hiệu văn bản — hãy ghi liền, không có dấu cách, đúng như trên văn bản, ví dụ: 533/QĐ-SNV`}},
		{"a phone number in the asker", "content/hoi-dap/2026/x.md", qa, []string{
			`content/hoi-dap/2026/x.md:8:21: người hỏi (asker) có ghi số điện thoại (0905 … 56) — hãy xóa: số điện thoại của công dân là dữ liệu cá nhân, và Git lưu giữ mãi mọi nội dung đã ghi (commit); nếu người đọc cần số điện thoại, hãy ghi số của Sở, 0256 3822 427`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range checkOne(t, tt.path, tt.text, nil) {
				if p.Rule != "media-missing" {
					got = append(got, vi.Problem(p))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}

	// A date written day/month/year: the sentence of Timestamp's error. (strictyaml puts it in
	// the problem; it keeps only the English until it carries the sentence along.)
	var ts Timestamp
	err := ts.UnmarshalScalar("25/11/2026", "!!str")
	s, ok := err.(interface{ Sentence() diag.Text })
	if !ok {
		t.Fatalf("the error %v has no sentence", err)
	}
	if got, want := vi.Text(s.Sentence()), `"25/11/2026" được ghi theo kiểu ngày/tháng/năm: hãy ghi 2026-11-25 (năm-tháng-ngày), hoặc 2026-11-25T09:00:00+07:00 nếu ghi cả giờ`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := err.Error(), `"25/11/2026" is written day/month/year: write 2026-11-25 (year-month-day), or 2026-11-25T09:00:00+07:00 with the time`; got != want {
		t.Errorf("English: got %s", got)
	}
}

// Every problem the checks report has its message and hint in the catalog, and in English it
// reads as it always did. It checks the articles of the tests of issues 10 and 18 and bad
// articles and files covering every rule of the package.
func TestEveryProblemInVietnamese(t *testing.T) {
	var problems diag.List
	for _, tt := range forgivingCases() {
		problems = append(problems, checkOne(t, tt.path, tt.text, nil)...)
	}
	for _, tt := range attackCases() {
		problems = append(problems, checkOne(t, attackPath, tt.text, nil)...)
	}
	for _, in := range badArticles() {
		problems = append(problems, checkOne(t, in.path, in.text, fstest.MapFS{})...)
	}
	law := lawConfig(t)
	for _, c := range law.Categories {
		p := "content/" + c.Folder + "/2026/x.md"
		for _, text := range []string{
			strings.Replace(goodNews, "slug:", "code: x\nlevel: x\nportal: http://x\nyear: 1900\ndisclosure_type: Dự Toán\nopens: 2026-12-01\ncloses: 2026-11-01\nattachment: /media/x.pdf\nslug:", 1),
			strings.Replace(goodNews, "slug:", "disclosure_type: xx\nattachment: /media/"+c.Folder+"/2026/none.exe\nslug:", 1),
			strings.Replace(goodNews, "summary: \"Sáng 20/11, Sở Nội vụ tổ chức hội nghị.\"\n", "", 1),
		} {
			problems = append(problems, checkWith(t, law, p, text)...)
		}
	}
	site := badSite()
	_, scanned := (&Checker{Cfg: testConfig(t), FS: site, Now: now}).Scan(site)
	problems = append(problems, scanned...)
	_, scanned = (&Checker{Cfg: testConfig(t), Now: now}).Scan(fstest.MapFS{})
	problems = append(problems, scanned...)

	vi, en := i18n.New(i18n.Vietnamese), i18n.New(i18n.English)
	rules := map[string]bool{}
	for _, p := range problems {
		rules[p.Rule] = true
		if got := en.Problem(p); got != p.String() {
			t.Errorf("in English the catalog writes\n%s\nnot\n%s", got, p)
		}
		if got := vi.Problem(p); strings.Contains(got, "%!") {
			t.Errorf("the Vietnamese does not take the arguments: %s", got)
		}
		left := inEnglish(p)
		if len(left) == 0 {
			continue
		}
		if p.Text.IsZero() && strings.HasPrefix(p.Rule, "front-matter-") && !strings.HasPrefix(p.Rule, RuleFence) &&
			p.Rule != RuleYAMLFeature && p.Rule != RuleHugoReading {
			// The errors of strictyaml (front-matter-type, -unknown-key, -duplicate-key) carry
			// no sentence yet: Doc.decode copies their English Message.
			t.Logf("left to strictyaml: %s", vi.Problem(p))
			continue
		}
		t.Errorf("%s\n\tnot in the catalog: %q", vi.Problem(p), left)
	}
	// The inputs reach every rule of the package (a rule added later gets an input here).
	for _, r := range []string{"category", "id", "required", "title", "future", "date-order", "author", "unit", "slug", RuleEscape,
		"legal-number", "legal-type", "legal-status", "alt", "credit", "media", "media-missing", "royalty", "tag", "kind-field",
		"procedure-code", "procedure-level", "procedure-portal", "disclosure-year", "disclosure-type", "royalty-shares",
		RulePrivacyPhone, RulePrivacyEmail, RulePrivacyID, RulePrivacyAddress, RulePrivacyName, RulePrivacyAsker, RulePrivacySensitive,
		"utf8", "nfc", "bom", "front-matter", RuleFence, RuleYAMLFeature, "shortcode", "script", "raw-html", "read", "file-name",
		"file-type", RuleSymlink, RuleStaticActive, RuleShadow, "layout", "duplicate-url", "duplicate-id"} {
		if !rules[r] {
			t.Errorf("no input reaches the rule %s", r)
		}
	}
}

// A draft whose required field cannot be read reports the field once, and does not crash (it
// did: the warning of the missing field marked the last problem of an empty list).
func TestDraftWithUnreadableField(t *testing.T) {
	text := strings.Replace(strings.Replace(goodNews, `summary: "Sáng 20/11, Sở Nội vụ tổ chức hội nghị."`, "summary: [a, b]", 1),
		"slug:", "draft: true\nslug:", 1)
	problems := checkOne(t, "content/tin-hoat-dong/2026/x.md", text, nil)
	if len(problems) != 1 || problems[0].Rule != "front-matter-type" || problems[0].Severity != diag.Error {
		t.Fatalf("problems: %v", problems)
	}
}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// inEnglish lists the sentences of a problem the catalog does not translate: its message, its
// hint, and the sentences given as their arguments.
func inEnglish(p diag.Problem) []string {
	var out []string
	literal := func(s string) {
		if s != "" && !i18n.Has(s) && hasLetters(s) {
			out = append(out, s)
		}
	}
	var text func(diag.Text)
	text = func(t diag.Text) {
		if !i18n.Has(t.Format) && hasLetters(verbRE.ReplaceAllString(t.Format, "")) {
			out = append(out, t.Format)
		}
		for _, a := range t.Args {
			switch a := a.(type) {
			case diag.Text:
				text(a)
			case []diag.Text:
				for _, x := range a {
					text(x)
				}
			}
		}
	}
	if p.Text.IsZero() {
		literal(p.Message)
	} else {
		text(p.Text)
	}
	if p.HintText.IsZero() {
		literal(p.Hint)
	} else {
		text(p.HintText)
	}
	return out
}

func hasLetters(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' })
}

type badArticle struct{ path, text string }

// badArticles break every rule of the checks of one article.
func badArticles() []badArticle {
	news := func(old, new string) string { return strings.Replace(goodNews, old, new, 1) }
	legal := func(extra string) string {
		return news("slug:", "number: \"26/CT-TTg\"\ndoc_type: Chỉ thị\nissuer: Thủ tướng Chính phủ\nissued: 2026-11-01\neffective: 2026-11-01\nattachment: /media/van-ban/2026/qd.pdf\n"+extra+"slug:")
	}
	answer := func(question, asker, unit string) string {
		return news("slug:", "question: \""+question+"\"\nasker: \""+asker+"\"\nanswer_unit: "+unit+"\nanswered: 2026-11-21\nslug:")
	}
	const tin, vb, hd, ha = "content/tin-hoat-dong/2026/x.md", "content/van-ban/2026/x.md", "content/hoi-dap/2026/x.md", "content/hinh-anh/2026/x.md"
	return []badArticle{
		{tin, news("[lhtrung, ttmai]", "[lhtrung, nvana, lhtrung]")},
		{tin, news("[lhtrung, ttmai]", "[]")},
		{tin, news("unit: van-phong", "unit: Văn phòng Sở")},
		{tin, news("unit: van-phong", "unit: phong-x")},
		{tin, news("unit: van-phong", "unit: \"\"")},
		{tin, news("date: 2026-11-20T09:00:00+07:00", "date: hôm nay")},
		{tin, news("date: 2026-11-20T09:00:00+07:00", "date: 2026-11-20T09:00:00Z")},
		{tin, news("date: 2026-11-20T09:00:00+07:00", "date: 2026-11-20T09:00:00")},
		{tin, news("date: 2026-11-20T09:00:00+07:00", "date: 2026-02-30")},
		{tin, news("date: 2026-11-20T09:00:00+07:00", "date: 2026-12-20T09:00:00+07:00\nlastmod: 2026-01-01")},
		{tin, news("date: 2026-11-20T09:00:00+07:00\n", "")},
		{tin, news(`title: "Hội nghị tổng kết công tác nội vụ năm 2026"`, `title: ""`)},
		{tin, news(`title: "Hội nghị tổng kết công tác nội vụ năm 2026"`, `title: "`+strings.Repeat("a", 260)+`"`)},
		{tin, news("slug:", "id: bbt-XYZ\nslug:")},
		{tin, news("slug: hoi-nghi-tong-ket", "slug: Hội Nghị")},
		{tin, news("slug: hoi-nghi-tong-ket", "slug: \"!!!\"")},
		{tin, news("slug: hoi-nghi-tong-ket", "url: /van-ban/x/\naliases: [/hoi-dap/x/]\noutputs: [json]")},
		{tin, news("slug:", "status: con-hieu-luc\nimage: /media/tin-hoat-dong/2026/a.jpg\nroyalty: {kind: xyz}\nslug:")},
		{tin, news("tags: [Hội nghị]", `tags: ["", "!!"]`)},
		{tin, news("slug:", "image: /media/van-ban/a.jpg\nimage_alt: x\nslug:")},
		{tin, news("slug:", "image: /media/tin-hoat-dong/a.exe\nimage_alt: x\nslug:")},
		{tin, news("slug:", "code: \"1.0\"\nopens: 2026-01-01\nyear: 2026\nconsent: true\nslug:")},
		{tin, news("slug:", "royalty:\n  shares: {lhtrung: 60, nvana: 30}\nslug:")},
		{tin, news("summary: \"Sáng 20/11, Sở Nội vụ tổ chức hội nghị.\"\n", "draft: true\n")},
		{tin, news("Nội dung bài viết.", "{{< youtube x >}}\n\n<script>x</script>\n\nA <b>b</b> [c](javascript:x) ![](https://e.com/a.jpg) ![x](/media/tin-hoat-dong/none.jpg)")},
		{tin, news("Nội dung bài viết.", "")},
		{tin, "\ufeff---\ntitle: x\n---\n"},
		{tin, "+++\ntitle = 'x'\n+++\n"},
		{tin, "{\"title\": 1}\n"},
		{tin, "Chỉ có nội dung.\n"},
		{tin, "---\ntitle: x\n"},
		{tin, "N\xffi dung"},
		{tin, news("Hội nghị", "Ho\u0323\u0302i nghị")},
		{tin, news("slug:", "layout: x\ndraft: yes\nslug:")},
		{vb, goodNews},
		{vb, strings.Replace(legal("status: hết hiệu lực\n"), "26/CT-TTg", "26 CT-TTg", 1)},
		{vb, strings.Replace(legal("status: xyz\n"), "26/CT-TTg", "CT-26", 1)},
		{vb, strings.Replace(strings.Replace(legal(""), "26/CT-TTg", "26/ct", 1), "Chỉ thị", "chỉ thị", 1)},
		{vb, strings.Replace(strings.Replace(legal(""), "Chỉ thị", "Lệnh", 1), "effective: 2026-11-01", "effective: 2026-10-01", 1)},
		{hd, goodNews},
		{hd, answer("Tôi là tín đồ, bị bệnh, bị kỷ luật. Gọi 0905123456, nva1980@gmail.com, CCCD 012345678901, nhà số 12 đường Lê Lợi", "Nguyễn Văn An, 0905123456", "xyz")},
		{hd, answer("Bà Lê Thị G. và ông Nguyễn Văn Bình hỏi", "Ông Nguyễn Văn An, phường Quy Nhơn", "van-phong")},
		{hd, answer("Hỏi?", "Ông Nguyễn A., phường Quy Nhơn", "van-phong")},
		{hd, answer("Hỏi?", "Ông <b>", "Văn phòng Sở")},
		{hd, answer("Hỏi?", strings.Repeat("a", 130), "van-phong")},
		{ha, goodNews},
		{ha, news("slug:", "images:\n  - {caption: \"\"}\n  - {src: /media/van-ban/a.jpg}\nslug:")},
	}
}

// badSite is a site whose files break every rule of Scan and Classify.
func badSite() fstest.MapFS {
	page := []byte("---\ntitle: Trang\n---\n")
	return fstest.MapFS{
		"content/_index.md":                      {Data: page},
		"content/gioi-thieu/lien-he.md":          {Data: []byte("---\ntitle: Liên hệ\nlayout: xyz\n---\n")},
		"content/gioi-thieu/b.md":                {Data: []byte("---\ntitle: \"\"\n---\n")},
		"content/tin-hoat-dong/_index.md":        {Data: []byte("---\ntitle: x\nlayout: board\n---\n")},
		"content/tin-hoat-dong/2026/hoi-nghi.md": {Data: []byte(goodNews)},
		"content/tin-hoat-dong/2026/h2.md":       {Data: []byte(goodNews)},
		"content/tin-hoat-dong/2026/id-1.md":     {Data: []byte(strings.Replace(goodNews, "slug: hoi-nghi-tong-ket", "id: bbt-3f9a1c2e7b4d5a60\nslug: id-1", 1))},
		"content/tin-hoat-dong/2026/id-2.md":     {Data: []byte(strings.Replace(goodNews, "slug: hoi-nghi-tong-ket", "id: bbt-3f9a1c2e7b4d5a60\nslug: id-2", 1))},
		"content/tin-hoat-dong/2026/Hội nghị.md": {Data: []byte(strings.Replace(goodNews, "slug: hoi-nghi-tong-ket\n", "", 1))},
		"content/tin-hoat-dong/Thư Mục/a.md":     {Data: []byte(goodNews)},
		"content/tin-hoat-dong/2026/anh.jpg":     {Data: []byte("x")},
		"content/gioi-thieu/anh.jpg":             {Data: []byte("x")},
		"content/tin-hoat-dong/2026/index.md":    {Data: []byte(goodNews)},
		"content/tin-hoat-dong/2026/x.vi.md":     {Data: []byte(goodNews)},
		"content/tin-hoat-dong/2026/con.md":      {Data: []byte(goodNews)},
		"content/gioi-thieu.md":                  {Data: page},
		"content/tin-tuc/2026/a.md":              {Data: []byte(goodNews)},
		"content/tin-hoat-dong/2026/link.md":     {Data: []byte("content/x"), Mode: fs.ModeSymlink},
		"static/media/van-ban/passwd":            {Data: []byte("../../../../etc/passwd"), Mode: fs.ModeSymlink},
		"static/media/van-ban/2026/x.svg":        {Data: []byte("<svg onload=x>")},
		"static/media/van-ban/2026/x.exe":        {Data: []byte("x")},
		"static/media/khac/a.jpg":                {Data: []byte("x")},
		"static/media/a.jpg":                     {Data: []byte("x")},
		"static/robots.txt":                      {Data: []byte("x")},
		"assets/media/a.jpg":                     {Data: []byte("x")},
	}
}
