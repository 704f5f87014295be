package config

import (
	"os"
	"strings"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

func loadSample(t *testing.T) *Config {
	t.Helper()
	cfg, problems := Load("../testfixture/config.yaml")
	for _, p := range problems {
		t.Errorf("sample config: %s", p)
	}
	if cfg == nil {
		t.Fatal("sample config did not load")
	}
	return cfg
}

func TestSampleConfig(t *testing.T) {
	cfg := loadSample(t)
	if got := len(cfg.Categories); got != 8 {
		t.Fatalf("categories = %d, want 8", got)
	}
	cat, ok := cfg.Category("tin-hoat-dong")
	if !ok || cat.Name != "Tin hoạt động" || len(cat.Approvers) != 2 || !cat.Verification {
		t.Fatalf("tin-hoat-dong = %+v", cat)
	}
	m, ok := cfg.MemberByLogin("TTDINH-snv")
	if !ok || !m.Has(RoleDeputy) || !m.IsSecretariat() {
		t.Fatalf("member by login (case-insensitive) = %+v, %v", m, ok)
	}
	tbl, ok := cfg.RoyaltyTableOn(calendar.Date{Year: 2026, Month: 7, Day: 1})
	if !ok || tbl.UnitValue != 253000 {
		t.Fatalf("royalty table on 2026-07-01 = %+v", tbl)
	}
	tbl, _ = cfg.RoyaltyTableOn(calendar.Date{Year: 2026, Month: 6, Day: 30})
	if tbl.UnitValue != 234000 || tbl.Coefficients[RoyaltyPhoto] != 1500 {
		t.Fatalf("royalty table on 2026-06-30 = %+v", tbl)
	}
	if cfg.Calendar.OfficeHours.End != (Clock{17, 0}) {
		t.Fatalf("office hours = %+v", cfg.Calendar.OfficeHours)
	}
	for _, p := range GovernancePaths {
		found := false
		for _, q := range cfg.Areas.Governance.Paths {
			found = found || q == p
		}
		if !found {
			t.Errorf("governance lacks %s", p)
		}
	}
}

// minimal is a small valid configuration the bad-input cases below break one way each.
const minimal = `site:
  title: "Sở Nội vụ"
  base_url: "https://example.gov.vn/"
board:
  decision: {number: "533/QĐ-SNV", date: 2019-09-11}
  members:
    - id: head
      name: "Trịnh Xuân Long"
      github: head-login
      roles: [head]
    - id: sec
      name: "Lê Hoàng Trung"
      github: sec-login
      roles: [secretariat-member]
units:
  - {id: vp, name: "Văn phòng"}
authors:
  - {id: a1, name: "Tác giả", unit: vp, github: a1-login}
categories:
  - folder: tin-hoat-dong
    name: "Tin hoạt động"
    kind: news
    verification: true
    approvers:
      - {member: head, deadline_days: 2}
areas:
  governance:
    approvers: [{member: head, deadline_days: 2}]
  technical:
    approvers: [{member: sec, deadline_days: 1}]
`

func TestMinimalIsValid(t *testing.T) {
	cfg, problems := Parse([]byte(minimal), "config.yaml")
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("minimal config: %v", problems)
	}
}

func TestBadConfig(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(string) string
		want    string // substring of one problem's String()
		line    int
		column  int
		wantNil bool
	}{
		{"unknown key", func(s string) string {
			return strings.Replace(s, "  base_url:", "  base_ulr: x\n  base_url:", 1)
		}, `unknown key "base_ulr" in site — did you mean "base_url"?`, 3, 3, false},
		{"wrong type", func(s string) string {
			return strings.Replace(s, "deadline_days: 2}\nareas", "deadline_days: two}\nareas", 1)
		}, `deadline_days must be a whole number, not "two"`, 25, 39, false},
		{"approver not a member", func(s string) string {
			return strings.Replace(s, "- {member: head, deadline_days: 2}\nareas", "- {member: nobody, deadline_days: 2}\nareas", 1)
		}, `approver "nobody" is not a board member`, 25, 18, false},
		{"category without approvers", func(s string) string {
			return strings.Replace(s, "    approvers:\n      - {member: head, deadline_days: 2}\n", "", 1)
		}, `category "tin-hoat-dong" has no approvers`, 20, 5, false},
		{"duplicate login", func(s string) string {
			return strings.Replace(s, "github: sec-login", "github: HEAD-login", 1)
		}, `GitHub login "HEAD-login" is used twice (first at line 9)`, 13, 15, false},
		{"unknown unit", func(s string) string {
			return strings.Replace(s, "unit: vp,", "unit: vx,", 1)
		}, `unknown unit "vx" — known units: vp`, 18, 37, false},
		{"broken yaml", func(s string) string {
			return strings.Replace(s, "  title: \"Sở Nội vụ\"", "  title: \"Sở Nội vụ", 1)
		}, "YAML syntax error", 0, 0, true},
		{"unknown role", func(s string) string {
			return strings.Replace(s, "roles: [secretariat-member]", "roles: [secretary]", 1)
		}, `unknown role "secretary"`, 14, 15, false},
		{"duplicate key", func(s string) string {
			return strings.Replace(s, "  base_url:", "  title: again\n  base_url:", 1)
		}, `key "title" appears twice`, 3, 3, false},
		{"list expected", func(s string) string {
			return strings.Replace(s, "roles: [head]", "roles: head", 1)
		}, "roles must be a list", 10, 14, false},
		{"nfd", func(s string) string {
			return strings.Replace(s, "Sở Nội vụ", "Sở No\u0323\u0302i vụ", 1)
		}, "not in Unicode NFC", 2, 15, false},
		{"invalid utf-8", func(s string) string {
			return strings.Replace(s, "Sở Nội vụ", "S\xff", 1)
		}, "not valid UTF-8", 2, 12, true},
		{"no head", func(s string) string {
			return strings.Replace(s, "roles: [head]", "roles: [deputy]", 1)
		}, "no board member has the role head", 0, 0, false},
		{"bad date", func(s string) string {
			return strings.Replace(s, "date: 2019-09-11", "date: 2019-02-30", 1)
		}, `"2019-02-30" is not a date`, 5, 42, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, problems := Parse([]byte(tt.edit(minimal)), "config.yaml")
			if (cfg == nil) != tt.wantNil {
				t.Fatalf("config nil = %v, want %v", cfg == nil, tt.wantNil)
			}
			var found *diag.Problem
			for i, p := range problems {
				if strings.Contains(p.String(), tt.want) {
					found = &problems[i]
				}
			}
			if found == nil {
				t.Fatalf("no problem containing %q in:\n%v", tt.want, problems)
			}
			if tt.line > 0 && (found.Line != tt.line || found.Column != tt.column) {
				t.Errorf("position = %d:%d, want %d:%d (%s)", found.Line, found.Column, tt.line, tt.column, found)
			}
			if found.Severity != diag.Error {
				t.Errorf("severity = %v, want error", found.Severity)
			}
		})
	}
}

func TestDecimal(t *testing.T) {
	for in, want := range map[string]Decimal{"1.5": 1500, "10": 10000, "0.125": 125, "3.10": 3100} {
		got, err := ParseDecimal(in)
		if err != nil || got != want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"-1", "1.2345", "abc", ""} {
		if _, err := ParseDecimal(bad); err == nil {
			t.Errorf("ParseDecimal(%q) accepted", bad)
		}
	}
	if s := Decimal(1500).String(); s != "1.5" {
		t.Errorf("String = %q", s)
	}
}

func TestLoadMissingFile(t *testing.T) {
	cfg, problems := Load(t.TempDir() + "/config.yaml")
	if cfg != nil || len(problems) != 1 || !strings.Contains(problems[0].String(), "--site") {
		t.Fatalf("missing file: %v", problems)
	}
	_ = os.ErrNotExist
}
