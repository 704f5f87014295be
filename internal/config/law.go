package config

// What the law requires of an agency's site, as data: the leaders with their biographies, the
// list of information to be made public, the contact point for requests for information, the
// required sections with their legal basis and freshness, and a planned suspension. The legal
// basis of each is in docs/law.md; the checks that involve the content (a section missing,
// empty or stale; a suspension announced too late) are in internal/sitecheck (compliance.go).

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/strictyaml"
)

// Leader is one of the department's leaders (Giám đốc, Phó Giám đốc): the leaders page shows
// each with their duties and a short biography (tiểu sử tóm tắt), as Decree 224/2026/NĐ-CP,
// art. 9(1)(a) requires of an agency's site.
type Leader struct {
	Name     string `yaml:"name"`
	Position string `yaml:"position"`
	// Member is the board member id of a leader who sits on the editorial board, if any.
	Member string   `yaml:"member"`
	Phone  string   `yaml:"phone"`
	Email  string   `yaml:"email"`
	Duties []string `yaml:"duties"`
	// Biography is the short biography: a few paragraphs, separated by blank lines.
	Biography string `yaml:"biography"`
}

// InformationItem is one line of the list of information to be made public (danh mục thông tin
// phải được công khai, Law on Access to Information 2016, art. 19(1)(g)): what, on what legal
// basis, and where on the site.
type InformationItem struct {
	Title string `yaml:"title"`
	Basis string `yaml:"basis"`
	// Section is where it is published: a category folder ("van-ban") or the path of a page
	// under content/ ("gioi-thieu/lich-su.md").
	Section string `yaml:"section"`
	// Form says how and when it is made public, e.g. "Đăng tải trong 05 ngày làm việc kể
	// từ ngày ban hành" (optional).
	Form string `yaml:"form"`
}

// InformationContact is the contact point for requests for information.
type InformationContact struct {
	Unit     string `yaml:"unit"` // the unit id of the office that receives requests
	Name     string `yaml:"name"`
	Position string `yaml:"position"`
	Phone    string `yaml:"phone"`
	Email    string `yaml:"email"`
	Address  string `yaml:"address"`
	Hours    string `yaml:"hours"`
}

// Requirement is a section the law requires of the site, checked by bbtgen check: missing
// (no such category or page), empty (no published article; a page with neither text nor a
// layout that fills it) or stale (its newest article older than MaxAgeDays).
type Requirement struct {
	Name  string `yaml:"name"`
	Basis string `yaml:"basis"`
	// Section is a category folder or the path of a page under content/, as InformationItem's.
	Section string `yaml:"section"`
	// MaxAgeDays is how old, in calendar days, the newest article of a category may be;
	// 0 means no limit. Only categories have dated articles.
	MaxAgeDays int `yaml:"max_age_days"`
	// Level is what a requirement not met is: "warning" (the default) or "error".
	Level string `yaml:"level"`
}

// Levels of a requirement not met.
const (
	LevelWarning = "warning"
	LevelError   = "error"
)

// Maintenance is a planned suspension of the site (tạm ngừng hoạt động), which Decree
// 224/2026/NĐ-CP, art. 13 asks to announce 7 working days ahead.
type Maintenance struct {
	From    Moment `yaml:"from"`
	To      Moment `yaml:"to"`
	Message string `yaml:"message"`
	// Announced is the day the notice was first published.
	Announced calendar.Date `yaml:"announced"`
}

// Moment is a point in time written with its zone, "2026-12-05T22:00:00+07:00".
type Moment struct{ time.Time }

// UnmarshalScalar reads an RFC 3339 time.
func (m *Moment) UnmarshalScalar(value, _ string) error {
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return fmt.Errorf("%q is not a time: write it with its zone, e.g. 2026-12-05T22:00:00+07:00", value)
	}
	m.Time = t
	return nil
}

// SectionKind tells what a section reference names.
type SectionKind int

const (
	SectionInvalid  SectionKind = iota
	SectionCategory             // a category folder
	SectionPage                 // a Markdown file under content/
)

// Section says what a section reference ("van-ban", "gioi-thieu/lich-su.md") names.
func (c *Config) Section(ref string) SectionKind {
	if _, ok := c.Category(ref); ok {
		return SectionCategory
	}
	clean := path.Clean(ref)
	if ref != "" && clean == ref && !path.IsAbs(ref) && !strings.HasPrefix(ref, "..") && strings.HasSuffix(ref, ".md") && strings.Contains(ref, "/") {
		return SectionPage
	}
	return SectionInvalid
}

// SectionPagePath is the Hugo page path of a section reference: "/van-ban",
// "/gioi-thieu/lich-su".
func SectionPagePath(ref string) string {
	return "/" + strings.TrimSuffix(ref, ".md")
}

// validateLaw checks the keys of this file.
func (v *validator) validateLaw() {
	c := v.cfg
	if f := c.Site.Favicon; f != "" {
		ext := strings.ToLower(path.Ext(f))
		switch {
		case !strings.HasPrefix(f, "/") || strings.HasPrefix(f, "//") || path.Clean(f) != f || strings.ContainsAny(f, "?#\\"):
			v.add("site.favicon", "config-favicon", "write the site path of a file under static/, e.g. /favicon.png for static/favicon.png", "site.favicon %q is not a site path", f)
		case !slices.Contains([]string{".ico", ".png"}, ext):
			v.add("site.favicon", "config-favicon", "use an .ico or .png file (an SVG could carry a script and static/ refuses it)", "site.favicon %q is not an .ico or .png file", f)
		}
	}
	if m := c.Site.Maintenance; m != nil {
		p := "site.maintenance"
		switch {
		case m.From.IsZero() || m.To.IsZero():
			v.add(p, "config-maintenance", "write from: and to:, e.g. from: 2026-12-05T22:00:00+07:00", "site.maintenance needs from and to")
		case !m.To.After(m.From.Time):
			v.add(p+".to", "config-maintenance", "", "the suspension ends (%s) before it begins (%s)", m.To.Format(time.RFC3339), m.From.Format(time.RFC3339))
		}
		if m.Announced.IsZero() {
			v.add(p, "config-maintenance", "write announced: the day the notice was first published, YYYY-MM-DD", "site.maintenance needs announced")
		}
		v.required(p+".message", m.Message, diag.T("site.maintenance.message (what readers are told)"))
	}
	v.unitRef("site.information_contact.unit", c.Site.InformationContact.Unit)
	for i, l := range c.Leaders {
		p := strictyaml.Path("leaders", i)
		v.required(p+".name", l.Name, "leaders[].name")
		v.required(p+".position", l.Position, "leaders[].position")
		if l.Member != "" {
			if _, ok := c.Member(l.Member); !ok {
				v.add(p+".member", "config-unknown-member", "", "unknown board member %q", l.Member)
				v.hint("known members: %s", strings.Join(v.memberIDs(), ", "))
			}
		}
	}
	for i, it := range c.AccessToInformation {
		p := strictyaml.Path("access_to_information", i)
		v.required(p+".title", it.Title, "access_to_information[].title")
		v.required(p+".basis", it.Basis, diag.T("access_to_information[].basis (the legal basis)"))
		if it.Section != "" {
			v.sectionRef(p+".section", it.Section)
		}
	}
	names := map[string]diag.Text{}
	for i, r := range c.Compliance {
		p := strictyaml.Path("compliance", i)
		v.required(p+".name", r.Name, "compliance[].name")
		v.required(p+".basis", r.Basis, diag.T("compliance[].basis (the legal basis)"))
		if prev, ok := names[r.Name]; ok && r.Name != "" {
			v.add(p+".name", "config-duplicate", "give each requirement its own name", "requirement %q is listed twice (first at %s)", r.Name, prev)
		}
		names[r.Name] = v.where(p + ".name")
		if strings.TrimSpace(r.Section) == "" {
			v.add(p+".section", "config-required", "write the category folder (van-ban) or the page (gioi-thieu/lich-su.md) that meets it", "compliance[].section is required")
		} else {
			v.sectionRef(p+".section", r.Section)
		}
		if r.MaxAgeDays < 0 {
			v.add(p+".max_age_days", "config-range", "write a number of days, or leave it out for no limit", "max_age_days cannot be negative")
		} else if r.MaxAgeDays > 0 && c.Section(r.Section) == SectionPage {
			v.add(p+".max_age_days", "config-compliance", "leave it out: only a category's articles have dates", "max_age_days is for a category, and %s is a page", r.Section)
		}
		if r.Level != "" && r.Level != LevelWarning && r.Level != LevelError {
			v.add(p+".level", "config-compliance", "write warning or error", "unknown level %q", r.Level)
		}
	}
}

// sectionRef checks a section reference: a category folder or a page path under content/.
func (v *validator) sectionRef(p, ref string) {
	if v.cfg.Section(ref) == SectionInvalid {
		v.add(p, "config-section", "", "%q is neither a category folder nor the path of a page", ref)
		v.hint("write a category folder (%s) or a page under content/, e.g. gioi-thieu/lich-su.md", strings.Join(v.cfg.CategoryFolders(), ", "))
	}
}

// kindList names the valid kinds, for messages.
func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
