package vntext

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đoàn công tác Sở Nội vụ làm việc tại Quy Nhơn", "doan-cong-tac-so-noi-vu-lam-viec-tai-quy-nhon"},
		{"Cải cách hành chính năm 2026", "cai-cach-hanh-chinh-nam-2026"},
		{"  Hỏi -- đáp: “Chế độ” nghỉ phép?  ", "hoi-dap-che-do-nghi-phep"},
		{"ĐẠI HỘI ĐẢNG", "dai-hoi-dang"},
		{"Quyết định 533/QĐ-SNV", "quyet-dinh-533-qd-snv"},
		{"hoà hòa", "hoa-hoa"},
		{"No\u0323\u0302i vu\u0323", "noi-vu"}, // decomposed input
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugLength(t *testing.T) {
	long := ""
	for range 30 {
		long += "Cải cách "
	}
	s := Slug(long)
	if len(s) > MaxSlugLen || s[len(s)-1] == '-' {
		t.Fatalf("Slug too long or ends with a hyphen: %q (%d)", s, len(s))
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Cải cách hành chính", "cai cach hanh chinh"},
		{"Đánh giá mức độ hài lòng", "danh gia muc do hai long"},
		{"hoà", "hoa"},
		{"hòa", "hoa"},
		{"533/QĐ-SNV", "533/qd-snv"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOfficialDate(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	tests := []struct {
		y    int
		m    time.Month
		d    int
		want string
	}{
		{2026, time.February, 5, "ngày 05 tháng 02 năm 2026"},
		{2026, time.November, 25, "ngày 25 tháng 11 năm 2026"},
		{2026, time.January, 1, "ngày 01 tháng 01 năm 2026"},
		{2026, time.March, 9, "ngày 09 tháng 3 năm 2026"},
		{2026, time.December, 31, "ngày 31 tháng 12 năm 2026"},
		{2019, time.September, 11, "ngày 11 tháng 9 năm 2019"},
	}
	for _, tt := range tests {
		got := OfficialDate(time.Date(tt.y, tt.m, tt.d, 9, 0, 0, 0, loc))
		if got != tt.want {
			t.Errorf("OfficialDate(%d-%d-%d) = %q, want %q", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

func TestNotNFC(t *testing.T) {
	if got := NotNFC("Sở Nội vụ"); got != -1 {
		t.Fatalf("NFC text reported at %d", got)
	}
	s := "Sở No\u0323\u0302i vụ" // "Nội" decomposed
	off := NotNFC(s)
	if off < 0 {
		t.Fatal("NFD text not found")
	}
	line, col := Position(s, off)
	if line != 1 || col != 5 {
		t.Fatalf("position = %d:%d, want 1:5 (the ộ of Nội)", line, col)
	}
	if NFC(s) != "Sở Nội vụ" {
		t.Fatal("NFC did not compose")
	}
}

func TestPosition(t *testing.T) {
	text := "a\nbđc\nd"
	off := len("a\nbđ")
	if l, c := Position(text, off); l != 2 || c != 3 {
		t.Fatalf("Position = %d:%d, want 2:3", l, c)
	}
}

func TestInvalidUTF8(t *testing.T) {
	if InvalidUTF8([]byte("Nội vụ")) != -1 {
		t.Fatal("valid text reported invalid")
	}
	if got := InvalidUTF8([]byte("ab\xffc")); got != 2 {
		t.Fatalf("InvalidUTF8 = %d, want 2", got)
	}
}

func TestIsReservedName(t *testing.T) {
	for name, want := range map[string]bool{"con": true, "CON.md": true, "nul": true, "com1.md": true, "LPT9": true, "aux.tar.gz": true,
		"con-vit": false, "console.md": false, "com10": false, "hoi-nghi.md": false, "comx": false} {
		if got := IsReservedName(name); got != want {
			t.Errorf("IsReservedName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestMoment(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 11, 26, 17, 0, 0, 0, ict), "17:00 thứ Năm, ngày 26 tháng 11 năm 2026"},
		{time.Date(2026, 2, 1, 8, 5, 0, 0, ict), "08:05 chủ nhật, ngày 01 tháng 02 năm 2026"},
	} {
		if got := Moment(tt.t); got != tt.want {
			t.Errorf("Moment(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestFoldRune(t *testing.T) {
	for r := rune(0); r < 0x2100; r++ {
		if got, want := FoldRune(r), Fold(string(r)); got != want {
			t.Fatalf("FoldRune(%U) = %q, want %q", r, got, want)
		}
	}
	for _, s := range []string{"Đoàn công tác Sở Nội vụ, QUYẾT ĐỊNH 533/QĐ-SNV", "No\u0323\u0302i vu\u0323 hoà hòa", "Ελληνικά 漢字 한국어 ﬁ"} {
		var b strings.Builder
		for _, r := range s {
			b.WriteString(FoldRune(r))
		}
		if got, want := b.String(), Fold(s); got != want {
			t.Errorf("FoldRune over %q = %q, want Fold's %q", s, got, want)
		}
	}
}

func BenchmarkFoldRune(b *testing.B) {
	text := "Cải cách hành chính năm 2026: Đoàn công tác Sở Nội vụ làm việc tại Quy Nhơn. "
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		n := 0
		for _, r := range text {
			n += len(FoldRune(r))
		}
		_ = n
	}
}

// plainlyNFC's claim, checked against the normalisation tables: every rune it answers for is
// NFC on its own and starts a segment (combines with nothing before it), so any text made of
// them is NFC.
func TestPlainlyNFC(t *testing.T) {
	plain := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !plainRune(r) {
			continue
		}
		plain++
		s := string(r)
		if !plainlyNFC(s) {
			t.Fatalf("U+%04X is not answered for", r)
		}
		if !norm.NFC.IsNormalString(s) || !norm.NFC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("U+%04X is not NFC on its own or combines with what comes before it", r)
		}
	}
	if plain != 0x300+0x5A+0x18 {
		t.Fatalf("%d plain runes", plain)
	}
	for _, s := range []string{"a\u0300", "Ho\u0323i", "\u0340", "\u2000", "\ufffd", "\xff", "한국"} {
		if plainlyNFC(s) {
			t.Errorf("%q is answered for; it must go to the tables", s)
		}
	}
	for _, s := range []string{"Hội nghị tổng kết công tác năm 2026 của Sở Nội vụ tỉnh Bình Định", "đường ưu tiên", "ĐẠI HỘI", "“Một cửa” – 2026…"} {
		if !plainlyNFC(s) || NotNFC(s) != -1 {
			t.Errorf("%q: plain Vietnamese must be answered for as NFC", s)
		}
	}
}

// BenchmarkNotNFC: NotNFC on Vietnamese text, against the tables alone (what it did before
// plainlyNFC) in the same run.
func BenchmarkNotNFC(b *testing.B) {
	text := strings.Repeat("Sáng ngày 25/11/2026, Sở Nội vụ tỉnh Bình Định tổ chức hội nghị “tổng kết” công tác cải cách hành chính – đánh giá mức độ hài lòng của người dân và doanh nghiệp… ", 30)
	for _, bb := range []struct {
		name string
		nfc  func(string) bool
	}{{"NotNFC", func(s string) bool { return NotNFC(s) == -1 }}, {"tables", norm.NFC.IsNormalString}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if !bb.nfc(text) {
					b.Fatal("not NFC")
				}
			}
		})
	}
}
