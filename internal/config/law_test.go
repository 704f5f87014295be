package config

import (
	"strings"
	"testing"
)

// TestLawKeys checks the keys of law.go: each mistake reported with its line, and the sample's
// values read as the layouts and checks need them.
func TestLawKeys(t *testing.T) {
	good := minimal + `leaders:
  - {name: "Trịnh Xuân Long", position: "Phó Giám đốc Sở", member: head, biography: "Sinh năm 1975."}
access_to_information:
  - {title: "Văn bản", basis: "Luật Tiếp cận thông tin 2016, Điều 19 k1 a", section: tin-hoat-dong}
  - {title: "Liên hệ", basis: "Luật Tiếp cận thông tin 2016, Điều 19 k1 đ", section: gioi-thieu/lien-he.md}
compliance:
  - {name: "Tin hoạt động", basis: "Nghị định 224/2026/NĐ-CP, Điều 9 k3", section: tin-hoat-dong, max_age_days: 30, level: error}
`
	site := func(extra string) string { return strings.Replace(good, "site:\n", "site:\n"+extra, 1) }
	cfg, problems := Parse([]byte(site("  favicon: /favicon.png\n  maintenance: {announced: 2026-11-27, from: 2026-12-12T22:00:00+07:00, to: 2026-12-13T06:00:00+07:00, message: \"Nâng cấp.\"}\n")), FileName)
	if cfg == nil || len(problems) > 0 {
		t.Fatalf("a good configuration: %v", problems)
	}
	if m := cfg.Site.Maintenance; m == nil || m.From.Hour() != 22 || m.Announced.Day != 27 {
		t.Errorf("maintenance = %+v", cfg.Site.Maintenance)
	}
	if cfg.Section("tin-hoat-dong") != SectionCategory || cfg.Section("gioi-thieu/lien-he.md") != SectionPage || cfg.Section("../x.md") != SectionInvalid || cfg.Section("x") != SectionInvalid {
		t.Error("Section does not tell categories from pages")
	}
	if SectionPagePath("gioi-thieu/lien-he.md") != "/gioi-thieu/lien-he" || SectionPagePath("van-ban") != "/van-ban" {
		t.Error("SectionPagePath")
	}
	for _, tt := range []struct {
		name, text, want string
	}{
		{"favicon svg", site("  favicon: /favicon.svg\n"), `config.yaml:2:12: site.favicon "/favicon.svg" is not an .ico or .png file`},
		{"favicon elsewhere", site("  favicon: https://example.com/f.png\n"), `config.yaml:2:12: site.favicon "https://example.com/f.png" is not a site path`},
		{"maintenance backwards", site("  maintenance: {announced: 2026-11-27, from: 2026-12-13T22:00:00+07:00, to: 2026-12-12T06:00:00+07:00, message: \"x\"}\n"),
			`the suspension ends (2026-12-12T06:00:00+07:00) before it begins (2026-12-13T22:00:00+07:00)`},
		{"maintenance without zone", site("  maintenance: {announced: 2026-11-27, from: 2026-12-13 22:00, to: 2026-12-14T06:00:00+07:00, message: \"x\"}\n"),
			`"2026-12-13 22:00" is not a time: write it with its zone, e.g. 2026-12-05T22:00:00+07:00`},
		{"maintenance not announced", site("  maintenance: {from: 2026-12-12T22:00:00+07:00, to: 2026-12-13T06:00:00+07:00, message: \"x\"}\n"),
			`config.yaml:2:16: site.maintenance needs announced`},
		{"unknown leader member", strings.Replace(good, "member: head, biography", "member: nobody, biography", 1), `unknown board member "nobody"`},
		{"section neither", strings.Replace(good, "section: gioi-thieu/lien-he.md", "section: /gioi-thieu/lien-he/", 1),
			`"/gioi-thieu/lien-he/" is neither a category folder nor the path of a page — write a category folder (tin-hoat-dong) or a page under content/, e.g. gioi-thieu/lich-su.md`},
		{"requirement without section", strings.Replace(good, "section: tin-hoat-dong, max_age_days", "max_age_days", 1), `compliance[].section is required`},
		{"level", strings.Replace(good, "level: error", "level: fatal", 1), `unknown level "fatal" — write warning or error`},
		{"max age of a page", strings.Replace(good, "section: tin-hoat-dong, max_age_days: 30", "section: gioi-thieu/lien-he.md, max_age_days: 30", 1),
			`max_age_days is for a category, and gioi-thieu/lien-he.md is a page`},
		{"kind", strings.Replace(good, "kind: news", "kind: thu-tuc", 1), `category "tin-hoat-dong" has unknown kind "thu-tuc"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Parse([]byte(tt.text), FileName)
			for _, p := range problems {
				if strings.Contains(p.String(), tt.want) {
					return
				}
			}
			t.Errorf("no problem %q in:\n%v", tt.want, problems)
		})
	}
	for _, k := range []CategoryKind{KindProcedure, KindConsultation, KindDisclosure} {
		if _, problems := Parse([]byte(strings.Replace(good, "kind: news", "kind: "+string(k), 1)), FileName); len(problems) > 0 {
			t.Errorf("kind %s: %v", k, problems)
		}
	}
}
