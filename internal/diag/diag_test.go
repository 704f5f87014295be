package diag

import "testing"

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"content/tin-hoat-dong/2026/hội-nghị.md": "content/tin-hoat-dong/2026/hội-nghị.md",
		"content/a\n::error file=x::approved.md": `content/a\n::error file=x::approved.md`,
		"a\r\nb\tc\x1b[31m":                      `a\r\nb\tc\x1b[31m`,
		"content/\u202egnp.md":                   `content/\u202egnp.md`,
		"x\u2028y":                               `x\u2028y`,
		string([]byte{'a', 0xff, 'b'}):           `a\ufffdb`,
		"Quyết định số 533/QĐ-SNV: \"trích yếu\" — ghi chú": "Quyết định số 533/QĐ-SNV: \"trích yếu\" — ghi chú",
	} {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
	p := Problem{File: "content/a\n::error::x.md", Line: 3, Message: "bad\nline", Hint: "fix\rit"}
	if got, want := p.String(), `content/a\n::error::x.md:3: bad\nline — fix\rit`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
