package content

import (
	"strings"
	"testing"
)

// Real document numbers are accepted as documents write them; malformed ones are refused with
// a hint.
func TestDocumentNumbers(t *testing.T) {
	for _, n := range []string{"533/QĐ-SNV", "18/2014/NĐ-CP", "05/2025/TT-BNV", "1664/QĐ-TTg", "26/CT-TTg", "18-NQ/TW", "12-KL/TU",
		"03/CĐ-UBND", "35/2026/QĐ-UBND", "01/TB-BBT", "45-CT/TW", "117/2025/NĐ-CP"} {
		if !numberRE.MatchString(n) {
			t.Errorf("%q refused", n)
		}
	}
	for n, hint := range map[string]string{
		"533/qd-snv":  "each abbreviation starts with a capital",
		"QĐ-533":      "it starts with the number",
		"533 QĐ-SNV":  "without spaces",
		"533/QĐ/SNV":  "each abbreviation starts with a capital",
		"533//QĐ-SNV": "each abbreviation starts with a capital",
		"18-NQ":       "the Party's 18-NQ/TW",
		"533/QĐ-":     "each abbreviation starts with a capital",
	} {
		if numberRE.MatchString(n) {
			t.Errorf("%q accepted", n)
			continue
		}
		if h := numberHint(n).String(); !strings.Contains(h, hint) {
			t.Errorf("%q: hint %q lacks %q", n, h, hint)
		}
	}
}

// forgivingCase is an article people of the department wrote and every problem it has.
type forgivingCase struct {
	name, path, text string
	want             []string // every problem, in order
}

// forgivingCases are the articles people of the department wrote when they tried the checks
// (issue 18).
func forgivingCases() []forgivingCase {
	news := func(old, new string) string { return strings.Replace(goodNews, old, new, 1) }
	legal := func(extra string) string {
		return news("slug:", "number: \"26/CT-TTg\"\ndoc_type: Chỉ thị\nissuer: Thủ tướng Chính phủ\nissued: 2026-11-01\neffective: 2026-11-01\nattachment: /media/van-ban/2026/qd.pdf\n"+extra+"slug:")
	}
	return []forgivingCase{
		{"a colon in the title", "content/tin-hoat-dong/2026/x.md", news(`title: "Hội nghị tổng kết công tác nội vụ năm 2026"`, "title: Sở Nội vụ: hội nghị"),
			[]string{`:2:8: YAML syntax error: mapping values are not allowed in this context — a value that contains ": " must be in quotes, e.g. title: "Sở Nội vụ: hội nghị tổng kết"`}},
		{"an author by name", "content/tin-hoat-dong/2026/x.md", news("[lhtrung, ttmai]", "[Lê Hoàng Trung]"),
			[]string{`:4:11: unknown author "Lê Hoàng Trung" — Lê Hoàng Trung is lhtrung in config.yaml: write authors: [lhtrung]`}},
		{"a unit by name", "content/tin-hoat-dong/2026/x.md", news("unit: van-phong", "unit: Văn phòng Sở"),
			[]string{`:5:7: unknown unit "Văn phòng Sở" — Văn phòng Sở is van-phong in config.yaml: write van-phong`}},
		{"a date written day/month/year: one error", "content/tin-hoat-dong/2026/x.md", news("date: 2026-11-20T09:00:00+07:00", "date: 25/11/2026"),
			[]string{`:3:7: date: "25/11/2026" is written day/month/year: write 2026-11-25 (year-month-day), or 2026-11-25T09:00:00+07:00 with the time`}},
		{"issued day/month/year", "content/van-ban/2026/x.md", strings.Replace(legal(""), "issued: 2026-11-01", "issued: 1/11/2026", 1),
			[]string{`:10:9: issued: "1/11/2026" is written day/month/year: write 2026-11-01 (year-month-day)`}},
		{"the Prime Minister's directive", "content/van-ban/2026/x.md", legal(""), nil},
		{"a Party document", "content/van-ban/2026/x.md", strings.Replace(strings.Replace(legal(""), "26/CT-TTg", "18-NQ/TW", 1), "Chỉ thị", "Nghị quyết", 1), nil},
		{"Kết luận, Công điện, Đề án", "content/van-ban/2026/x.md", strings.Replace(legal(""), "Chỉ thị", "Kết luận", 1), nil},
		{"a type in the wrong case", "content/van-ban/2026/x.md", strings.Replace(legal(""), "Chỉ thị", "chỉ thị", 1),
			[]string{`:8:11: unknown document type "chỉ thị" — write "Chỉ thị"`}},
	}
}

// The checks people of the department met when they tried them (issue 18).
func TestForgivingChecks(t *testing.T) {
	for _, tt := range forgivingCases() {
		t.Run(tt.name, func(t *testing.T) {
			problems := checkOne(t, tt.path, tt.text, nil)
			var got []string
			for _, p := range problems {
				if p.Rule == "media-missing" {
					continue
				}
				got = append(got, p.String())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant %d:\n%s", strings.Join(got, "\n"), len(tt.want), strings.Join(tt.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.path+tt.want[i]) {
					t.Errorf("problem %d:\n%s\nwant prefix\n%s", i, got[i], tt.path+tt.want[i])
				}
			}
		})
	}
}
