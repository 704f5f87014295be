package content

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// goodQA is a question answered as it may be published: the asker as initials and a place, the
// department's own contacts in the answer.
const goodQA = `---
title: "Điều kiện đăng ký dự tuyển công chức"
date: 2026-11-20T09:00:00+07:00
authors: [ttmai]
unit: phong-ccvc
summary: "Giải đáp về điều kiện dự tuyển."
question: "Tôi tốt nghiệp đại học ngành Luật năm 2024. Tôi cần đáp ứng những điều kiện gì?"
asker: "Ông N.V.A., phường Quy Nhơn"
answer_unit: phong-ccvc
answered: 2026-11-19
---
Sở Nội vụ trả lời ông N.V.A. như sau:

Theo Điều 36 Luật Cán bộ, công chức, người dự tuyển phải đủ 18 tuổi trở lên. Mức lệ phí là 500.000 đồng.

Hồ sơ nộp tại Sở Nội vụ, số 02 Trần Phú, phường Quy Nhơn; điện thoại 0256 3822 427 hoặc 0256.3822.571, thư điện tử sonoivu@binhdinh.gov.vn. Xem Quyết định số 35/2026/QĐ-UBND ngày 16/11/2026.
`

func TestGoodQuestionAnswered(t *testing.T) {
	for _, path := range []string{"content/hoi-dap/2026/x.md", "content/tra-loi-cong-dan/2026/x.md"} {
		if p := checkOne(t, path, goodQA, nil); len(p) > 0 {
			t.Errorf("%s: problems in a good question answered:\n%v", path, p)
		}
	}
}

// TestPersonalDataRefused puts each kind of personal data in a question answered and expects
// it refused at its line, with the words of bbtgen check.
func TestPersonalDataRefused(t *testing.T) {
	const path = "content/hoi-dap/2026/x.md"
	qa := func(old, new string) string {
		if !strings.Contains(goodQA, old) {
			t.Fatalf("goodQA has no %q", old)
		}
		return strings.Replace(goodQA, old, new, 1)
	}
	const (
		phoneHint   = "remove it: a citizen's phone number is personal data, and Git keeps what is committed for ever; if readers need a number, write the department's, 0256 3822 427"
		emailHint   = "remove it: a citizen's e-mail address is personal data, and Git keeps what is committed for ever; if readers need an address, write the department's, sonoivu@binhdinh.gov.vn"
		idHint      = "remove it: CMND and CCCD numbers are never published"
		addressHint = `write only the ward or commune, e.g. "phường Quy Nhơn"`
	)
	tests := []struct {
		name, text string
		want       string // the whole problem, as bbtgen check prints it
		sev        diag.Severity
	}{
		{"mobile in the question", qa("năm 2024.", "năm 2024, số điện thoại 0905 123 456."),
			path + ":7:70: the question gives a phone number (0905 … 56) — " + phoneHint, diag.Error},
		{"mobile in the answer", qa("như sau:", "như sau (gọi lại 0905123456):"),
			path + ":12:47: the answer gives a phone number (0905 … 56) — " + phoneHint, diag.Error},
		{"landline with dots", qa("Mức lệ phí", "Ông có thể gọi 0256.3821.999. Mức lệ phí"),
			path + ":14:93: the answer gives a phone number (0256 … 99) — " + phoneHint, diag.Error},
		{"+84", qa("năm 2024.", "năm 2024 (ĐT: +84 905 123 456)."),
			path + ":7:60: the question gives a phone number (+84  … 56) — " + phoneHint, diag.Error},
		{"e-mail", qa("như sau:", "như sau, qua nva1980@gmail.com:"),
			path + ":12:43: the answer gives an e-mail address (n…@gmail.com) — " + emailHint, diag.Error},
		{"CMND", qa("năm 2024.", "năm 2024, CMND số 212345678."),
			path + ":7:64: the question gives an identity card number (2123 … 78) — " + idHint, diag.Error},
		{"CCCD", qa("Mức lệ phí", "Căn cước của ông là 052095001234. Mức lệ phí"),
			path + ":14:98: the answer gives an identity card number (0520 … 34) — " + idHint, diag.Error},
		{"street address", qa("năm 2024.", "năm 2024, nhà ở số 12 đường Lê Lợi."),
			path + ":7:62: the question gives a house address (số 12 đường Lê Lợi) — " + addressHint, diag.Error},
		{"number and street", qa(`"Ông N.V.A., phường Quy Nhơn"`, `"Ông N.V.A., 123 Trần Phú"`),
			path + ":8:21: asker gives a house address (123 Trần Phú) — " + addressHint, diag.Error},
		{"alley", qa("như sau:", "như sau, gửi về hẻm 45 Nguyễn Huệ:"),
			path + ":12:46: the answer gives a house address (hẻm 45 Nguyễn Huệ) — " + addressHint, diag.Error},
		{"asker full name", qa(`"Ông N.V.A., phường Quy Nhơn"`, `"Ông Nguyễn Văn An, phường Quy Nhơn"`),
			path + `:8:8: asker "Ông Nguyễn Văn An, phường Quy Nhơn" is a full name: a citizen's name is personal data and is not published — write initials and a place: "Ông N.V.A., phường Quy Nhơn"`, diag.Error},
		{"asker full name and a place without comma", qa(`"Ông N.V.A., phường Quy Nhơn"`, `"Bà Trần Thị Bình ở xã Tuy Phước"`),
			path + `:8:8: asker "Bà Trần Thị Bình ở xã Tuy Phước" is a full name: a citizen's name is personal data and is not published — write initials and a place: "Bà T.T.B., ở xã Tuy Phước"`, diag.Error},
		{"asker partly written out", qa(`"Ông N.V.A., phường Quy Nhơn"`, `"Bà Trần Thị B."`),
			path + `:8:8: warning: asker "Bà Trần Thị B." writes out part of a name (Trần Thị) — write initials only: "Bà T.T.B."`, diag.Warning},
		{"asker with other characters", qa(`"Ông N.V.A., phường Quy Nhơn"`, `"Ông N.V.A. <nva@>"`),
			path + `:8:8: asker "Ông N.V.A. <nva@>" has characters a name and a place do not need — write initials and a place only, e.g. "Ông N.V.A., phường Quy Nhơn"`, diag.Error},
		{"a person named in the answer", qa("trả lời ông N.V.A.", "trả lời ông Nguyễn Văn An"),
			path + `:12:19: the answer names a person (ông Nguyễn Văn An): a citizen's name is personal data and is not published — write initials: "ông N.V.A."`, diag.Error},
		{"a person partly named in the answer", qa("trả lời ông N.V.A.", "trả lời ông Nguyễn Văn A."),
			path + `:12:19: warning: the answer writes out part of a name (ông Nguyễn Văn A.) — write initials only: "ông N.V.A."`, diag.Warning},
		{"religion", qa("Tôi tốt nghiệp", "Tôi là tín đồ Phật giáo, tốt nghiệp"),
			path + `:7:19: warning: the question touches religion ("tín đồ"): publishing it needs the asker's consent — religion, health and discipline are sensitive personal data (Luật Bảo vệ dữ liệu cá nhân 2025; Nghị định 356/2025/NĐ-CP, Điều 4): the verifier confirms that the asker agreed to publication, or that nothing here identifies them, and then writes consent: true`, diag.Warning},
		{"health", qa("Tôi tốt nghiệp", "Tôi bị bệnh tim, tốt nghiệp"), path + `:7:19: warning: the question touches health ("bệnh")`, diag.Warning},
		{"discipline in the title", qa(`title: "Điều kiện`, `title: "Bị kỷ luật khiển trách có được dự tuyển? Điều kiện`),
			path + `:2:12: warning: the title touches discipline ("kỷ luật")`, diag.Warning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := checkOne(t, path, tt.text, nil)
			for _, p := range problems {
				if strings.HasPrefix(p.String(), tt.want) {
					if p.Severity != tt.sev {
						t.Errorf("severity = %v, want %v", p.Severity, tt.sev)
					}
					if len(problems) != 1 {
						t.Errorf("want one problem, got:\n%v", problems)
					}
					return
				}
			}
			t.Fatalf("no problem %q; got:\n%v", tt.want, problems)
		})
	}
}

// TestConsent: consent: true answers the warning about a sensitive topic, and nothing else.
func TestConsent(t *testing.T) {
	const path = "content/tra-loi-cong-dan/2026/x.md"
	text := strings.Replace(goodQA, "Tôi tốt nghiệp", "Tôi bị kỷ luật khiển trách, tốt nghiệp", 1)
	if p := checkOne(t, path, text, nil); len(p) != 1 || p[0].Rule != RulePrivacySensitive {
		t.Fatalf("without consent: %v", p)
	}
	consented := strings.Replace(text, "answer_unit:", "consent: true\nanswer_unit:", 1)
	if p := checkOne(t, path, consented, nil); len(p) != 0 {
		t.Fatalf("with consent: %v", p)
	}
	phone := strings.Replace(consented, "như sau:", "như sau (0905 123 456):", 1)
	if p := checkOne(t, path, phone, nil); len(p) != 1 || p[0].Rule != RulePrivacyPhone {
		t.Fatalf("consent lets a phone number through: %v", p)
	}
	if p := checkOne(t, "content/tin-hoat-dong/2026/x.md", strings.Replace(goodNews, "slug:", "consent: true\nslug:", 1), nil); len(p) != 1 || !strings.Contains(p[0].Message, "consent is only for questions answered") {
		t.Fatalf("consent on a news article: %v", p)
	}
}

// TestFindPersonalData: what is personal data, and what only looks like it.
func TestFindPersonalData(t *testing.T) {
	allowed := Allowed(testConfig(t))
	for _, tt := range []struct {
		text string
		want []string // rule:text
	}{
		{"Gọi 0905 123 456, 0905.123.456, 0905-123-456 hay 0905123456.", []string{
			"privacy-phone:0905 123 456", "privacy-phone:0905.123.456", "privacy-phone:0905-123-456", "privacy-phone:0905123456"}},
		{"Máy bàn 0256 3821 999, 024 3822 1234; di động +84905123456, (+84) 905 123 456.", []string{
			"privacy-phone:0256 3821 999", "privacy-phone:024 3822 1234", "privacy-phone:+84905123456", "privacy-phone:(+84) 905 123 456"}},
		{"CMND 212345678; CCCD 052095001234 hoặc 052 095 001 234.", []string{
			"privacy-id:212345678", "privacy-id:052095001234", "privacy-id:052 095 001 234"}},
		{"Thư: nva.1980@gmail.com, sonoivu@binhdinh.gov.vn.", []string{"privacy-email:nva.1980@gmail.com"}},
		{"Ở số 12 đường Lê Lợi; nhà 123 Trần Phú; 45/7B Nguyễn Huệ, phường Quy Nhơn; kiệt 12 Bạch Đằng.", []string{
			"privacy-address:số 12 đường Lê Lợi", "privacy-address:123 Trần Phú", "privacy-address:45/7B Nguyễn Huệ", "privacy-address:kiệt 12 Bạch Đằng"}},
		// The department's own contacts, and what only looks like personal data.
		{"Sở Nội vụ, số 02 Trần Phú, phường Quy Nhơn; 0256 3822 427, 0256.3822.428; sonoivu@binhdinh.gov.vn.", nil},
		{"Theo Điều 12 Luật Tiếp cận thông tin, khoản 2, 3 Điều 5; tại 3 Phòng chuyên môn; năm 2026 Sở Nội vụ.", nil},
		{"Ngày 20/11/2026, Quyết định số 533/QĐ-SNV; mã 1.001612; 2.340.000 đồng; 150000000 đồng; lúc 08:30; 98,6%.", nil},
		{"https://dichvucong.gov.vn/p/home/x.html?ma_thu_tuc=1.001612&id=123456789", nil},
	} {
		var got []string
		for _, f := range FindPersonalData(tt.text, allowed) {
			got = append(got, f.Rule+":"+f.Text)
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s\n got: %q\nwant: %q", tt.text, got, tt.want)
		}
	}
}

// TestPrivacyGates: each expression of the personal-data scans is skipped only on a text none
// of its matches can be in. Texts are made of pieces that come close to matching.
func TestPrivacyGates(t *testing.T) {
	pieces := []string{"ông", "Ông", "ÔNG", "bà", "BÀ", "anh", "thanh", "cụ", "Cụ", "em", " ", "  ", "\t", "\n", ", ",
		"Lê", "Văn", "N.V.A.", "A", "12", "12A", "45/7B", "số", "nhà", "số nhà", "đường", "ĐƯỜNG", "Hẻm", "ngõ", "phường",
		"Trần", "Phú", "Điều", "tại", "ở", "xã", "Nguyễn", "3", "@", "a@b.vn", "090", "1234", ".", "x"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		lower := strings.ToLower(text)
		for _, c := range []struct {
			re   *regexp.Regexp
			gate bool
		}{
			{personRE, mayNamePerson(text)},
			{bareStreetRE, numberThenName(text)},
			{beforeWardRE, numberThenName(text)},
			{streetWordRE, containsAny(lower, streetWords)},
			{alleyRE, containsAny(lower, alleyWords)},
			{emailRE, strings.Contains(text, "@")},
			{digitRunExpr, strings.ContainsAny(text, "0123456789")},
		} {
			if !c.gate && c.re.MatchString(text) {
				t.Fatalf("%q: the gate of %s skips a text it matches", text, c.re)
			}
		}
	}
}

// digitRunExpr is what digitRuns finds, as a regular expression.
var digitRunExpr = regexp.MustCompile(`(?:\(\+84\) ?|\+84[ .\-]?)?\d(?:[ \x{00A0}.\-]?\d)*`)

// TestDigitRuns: digitRuns finds what its regular expression finds, on texts made of the
// pieces that matter to it (digits, the separators, the prefixes) and others.
func TestDigitRuns(t *testing.T) {
	pieces := []string{"0", "9", "84", "+84", "(+84)", "(+8", "+8", " ", "\u00a0", ".", "-", "(", ")", "+", "a", "đ", "/", "  ", "\u00a0\u00a0", "-.", "0905 123 456", "(+84) 905.123.456"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 200000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		want := digitRunExpr.FindAllStringIndex(text, -1)
		if got := digitRuns(text); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("text %d %q: digitRuns %v, the expression %v", n, text, got, want)
		}
	}
}

func FuzzDigitRuns(f *testing.F) {
	for _, s := range []string{"0905 123 456", "(+84) 905.123.456", "+84-905-123-456", "12\u00a034", "+84 ", "(+84)x1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want := digitRunExpr.FindAllStringIndex(text, -1)
		if got := digitRuns(text); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%q: digitRuns %v, the expression %v", text, got, want)
		}
	})
}

// BenchmarkDigitRuns compares digitRuns with its regular expression on article text with
// dates, numbers and phone numbers.
func BenchmarkDigitRuns(b *testing.B) {
	text := strings.Repeat("Sở Nội vụ tỉnh ngày 12/3/2026 gọi 0905 123 456 hoặc (+84) 905.123.456, năm 2025 tăng 1,1 điểm; 201.365 lượt. ", 30)
	b.Run("expression", func(b *testing.B) {
		for b.Loop() {
			digitRunExpr.FindAllStringIndex(text, -1)
		}
	})
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			digitRuns(text)
		}
	})
}
