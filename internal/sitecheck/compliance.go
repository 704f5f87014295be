package sitecheck

// What the law requires of the site, checked against the content (docs/law.md gives the legal
// basis): every section config.yaml lists under compliance is there, has something published
// and, where a freshness limit is set, is not out of date; a planned suspension is announced
// 7 working days ahead (Decree 224/2026/NĐ-CP, art. 13); the pages the "Tiếp cận thông tin"
// list links to exist; the favicon is a file of the site. bbtgen check reports what is not met
// (a warning, or an error where the requirement says level: error); bbtgen report shows the
// whole table, "yêu cầu – căn cứ – trạng thái".

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/strictyaml"
)

// Statuses of a requirement.
const (
	StatusMet     = "met"     // đạt
	StatusMissing = "missing" // no such page
	StatusEmpty   = "empty"   // nothing published in it
	StatusStale   = "stale"   // its newest article is older than the limit
)

// StatusNames are the words the report writes for each status.
var StatusNames = map[string]string{
	StatusMet:     "Đạt",
	StatusMissing: "Thiếu",
	StatusEmpty:   "Chưa có nội dung",
	StatusStale:   "Quá hạn cập nhật",
}

// Rules of the legal checks.
const (
	RuleCompliance  = "compliance"
	RuleMaintenance = "maintenance-notice"
	RuleFavicon     = "favicon"
	RuleAccessList  = "access-to-information"
)

// NoticeWorkingDays is how many working days ahead a planned suspension must be announced.
const NoticeWorkingDays = 7

// RequirementStatus is a requirement of config.yaml's compliance list with what the site has.
type RequirementStatus struct {
	Name       string `json:"name"`
	Basis      string `json:"basis"`
	Section    string `json:"section"`
	Level      string `json:"level"`
	MaxAgeDays int    `json:"max_age_days,omitempty"`
	Status     string `json:"status"` // StatusMet, StatusMissing, StatusEmpty or StatusStale
	// Articles is the number of published articles of a category section.
	Articles int `json:"articles,omitempty"`
	// Newest is the publication date of the newest of them.
	Newest calendar.Date `json:"newest,omitzero"`
	// AgeDays is how many days old the newest is.
	AgeDays int `json:"age_days,omitempty"`
	// Detail says it in Vietnamese, for the report.
	Detail string `json:"detail"`

	index int // in cfg.Compliance, for the position in config.yaml
}

// Compliance evaluates config.yaml's compliance list against the checked content at now.
func Compliance(cfg *config.Config, site *content.Site, now time.Time) []RequirementStatus {
	out := make([]RequirementStatus, 0, len(cfg.Compliance))
	today := calendar.DateOf(now.In(cfg.Location()))
	for i, r := range cfg.Compliance {
		st := RequirementStatus{Name: r.Name, Basis: r.Basis, Section: r.Section, Level: r.Level, MaxAgeDays: r.MaxAgeDays, index: i}
		if st.Level == "" {
			st.Level = config.LevelWarning
		}
		switch cfg.Section(r.Section) {
		case config.SectionCategory:
			var newest time.Time
			for _, a := range site.Articles {
				if a.Category != r.Section || a.Draft || a.Date.IsZero() || a.Date.After(now) {
					continue
				}
				st.Articles++
				if a.Date.After(newest) {
					newest = a.Date.Time
				}
			}
			cat, _ := cfg.Category(r.Section)
			switch {
			case st.Articles == 0:
				st.Status, st.Detail = StatusEmpty, fmt.Sprintf("Chuyên mục %s chưa có tin, bài nào được đăng", cat.Name)
			default:
				st.Newest = calendar.DateOf(newest.In(cfg.Location()))
				st.AgeDays = daysBetween(st.Newest, today)
				st.Status = StatusMet
				st.Detail = fmt.Sprintf("%d tin, bài; mới nhất ngày %s", st.Articles, dmy(st.Newest))
				if r.MaxAgeDays > 0 && st.AgeDays > r.MaxAgeDays {
					st.Status = StatusStale
					st.Detail = fmt.Sprintf("Tin, bài mới nhất ngày %s, đã %d ngày (giới hạn %d ngày)", dmy(st.Newest), st.AgeDays, r.MaxAgeDays)
				}
			}
		case config.SectionPage:
			file := content.Dir + "/" + r.Section
			var page *content.Page
			for _, p := range site.Pages {
				if p.Path == file {
					page = p
				}
			}
			var article *content.Article
			for _, a := range site.Articles {
				if a.Path == file {
					article = a
				}
			}
			switch {
			case page != nil && !page.Draft && (page.Layout != "" || strings.TrimSpace(string(page.Body)) != ""):
				st.Status, st.Detail = StatusMet, "Trang "+config.SectionPagePath(r.Section)+"/"
			case page != nil && !page.Draft:
				st.Status, st.Detail = StatusEmpty, "Trang "+config.SectionPagePath(r.Section)+"/ chưa có nội dung"
			case article != nil && !article.Draft && !article.Date.After(now):
				st.Status, st.Detail = StatusMet, "Bài "+config.SectionPagePath(r.Section)+"/"
			default:
				st.Status, st.Detail = StatusMissing, "Chưa có trang "+config.SectionPagePath(r.Section)+"/"
			}
		default:
			st.Status, st.Detail = StatusMissing, fmt.Sprintf("%q không phải chuyên mục hay trang của Trang", r.Section)
		}
		out = append(out, st)
	}
	return out
}

// legalProblems reports what Compliance finds unmet, and the other legal checks of
// config.yaml against the site: the suspension notice, the favicon, the list of information to
// be made public and its contact point.
func legalProblems(cfg *config.Config, site *content.Site, fsys fs.FS, now time.Time) diag.List {
	var problems diag.List
	// The hint is a diag.Text: some have arguments.
	addLegal := func(key string, sev diag.Severity, rule string, hint diag.Text, format string, args ...any) {
		pos := cfg.Pos.At(key)
		p := diag.Problemf(config.FileName, pos.Line, pos.Column, rule, "", format, args...)
		if !hint.IsZero() {
			p = p.WithHint(hint.Format, hint.Args...)
		}
		p.Severity = sev
		problems.Add(p)
	}
	for _, st := range Compliance(cfg, site, now) {
		if st.Status == StatusMet {
			continue
		}
		sev := diag.Warning
		if st.Level == config.LevelError {
			sev = diag.Error
		}
		key := strictyaml.Path("compliance", st.index, "section")
		what := diag.T("required section %q (%s)", st.Name, st.Basis)
		switch st.Status {
		case StatusMissing:
			addLegal(key, sev, RuleCompliance, diag.T("write the page %s/%s, or correct compliance[].section", content.Dir, st.Section),
				"%s is missing: %s/%s is not a page of the site", what, content.Dir, st.Section)
		case StatusEmpty:
			if cfg.Section(st.Section) == config.SectionCategory {
				addLegal(key, sev, RuleCompliance, diag.T("publish what the law requires there"), "%s is empty: category %s has no published article", what, st.Section)
			} else {
				addLegal(key, sev, RuleCompliance, diag.T("write the page's text"), "%s is empty: %s/%s has no text", what, content.Dir, st.Section)
			}
		case StatusStale:
			addLegal(key, sev, RuleCompliance, diag.T("publish the current information (the site is updated as soon as anything changes: Decree 224/2026/NĐ-CP, art. 9(3)), or correct max_age_days"),
				"%s is out of date: the newest article of %s is from %s, %d days ago (at most %d)", what, st.Section, st.Newest, st.AgeDays, st.MaxAgeDays)
		}
	}
	problems = append(problems, maintenanceProblems(cfg, now)...)
	if f := cfg.Site.Favicon; f != "" && fsys != nil {
		file := "static" + path.Clean("/"+f)
		if info, err := fs.Stat(fsys, file); err != nil || !info.Mode().IsRegular() {
			addLegal("site.favicon", diag.Warning, RuleFavicon, diag.T("add the file, or correct site.favicon"), "site.favicon names %s, which is not a file of the site", file)
		}
	}
	for i, it := range cfg.AccessToInformation {
		if cfg.Section(it.Section) != config.SectionPage {
			continue
		}
		file := content.Dir + "/" + it.Section
		found := false
		for _, p := range site.Pages {
			found = found || (p.Path == file && !p.Draft)
		}
		for _, a := range site.Articles {
			found = found || (a.Path == file && !a.Draft)
		}
		if !found {
			addLegal(strictyaml.Path("access_to_information", i, "section"), diag.Warning, RuleAccessList, diag.T("write the page, or correct the section: the list links to nothing meanwhile"),
				"access_to_information names %s, which is not a published page", file)
		}
	}
	if ic := cfg.Site.InformationContact; len(cfg.AccessToInformation) > 0 && ic.Unit == "" && ic.Name == "" {
		addLegal("access_to_information", diag.Warning, RuleAccessList, diag.T("write site.information_contact: the unit or person who receives requests, with phone and e-mail"),
			"the contact point for requests for information is not set (Law on Access to Information 2016, art. 19(1)(đ))")
	}
	return problems
}

// maintenanceProblems checks a planned suspension: announced at least NoticeWorkingDays
// working days before it begins (days between the announcement and the first day of the
// suspension, both left out), and removed once it is over.
func maintenanceProblems(cfg *config.Config, now time.Time) diag.List {
	m := cfg.Site.Maintenance
	if m == nil || m.From.IsZero() || m.To.IsZero() || m.Announced.IsZero() {
		return nil // config validation has said what is missing
	}
	var problems diag.List
	add := func(key string, sev diag.Severity, hint, format string, args ...any) *diag.Problem {
		pos := cfg.Pos.At(key)
		p := diag.Problemf(config.FileName, pos.Line, pos.Column, RuleMaintenance, hint, format, args...)
		p.Severity = sev
		problems.Add(p)
		return &problems[len(problems)-1]
	}
	loc := cfg.Location()
	if now.After(m.To.Time) {
		add("site.maintenance", diag.Warning, "remove site.maintenance: the notice is no longer shown",
			"the suspension announced in site.maintenance ended at %s", m.To.In(loc).Format(time.RFC3339))
		return problems
	}
	start := calendar.DateOf(m.From.In(loc))
	if n := WorkingDaysBetween(cfg.WorkCalendar(), m.Announced, start); n < NoticeWorkingDays {
		p := add("site.maintenance.announced", diag.Error, "", "the suspension beginning %s was announced on %s, only %d working day(s) ahead", start, m.Announced, n)
		*p = p.WithHint("a planned suspension is announced %d working days ahead (Decree 224/2026/NĐ-CP, art. 13): begin it on %s or later, or announce it earlier",
			NoticeWorkingDays, EarliestSuspension(cfg.WorkCalendar(), m.Announced))
	}
	return problems
}

// WorkingDaysBetween counts the working days strictly between a and b.
func WorkingDaysBetween(cal *calendar.Calendar, a, b calendar.Date) int {
	n := 0
	for d := a.AddDays(1); d.Before(b); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// EarliestSuspension is the first day a suspension announced on day a may begin.
func EarliestSuspension(cal *calendar.Calendar, a calendar.Date) calendar.Date {
	d := a
	for i := 0; i < NoticeWorkingDays; i++ {
		d = cal.NextWorkingDay(d)
	}
	return d.AddDays(1)
}

func daysBetween(a, b calendar.Date) int {
	return int(b.In(time.UTC).Sub(a.In(time.UTC)).Hours() / 24)
}

func dmy(d calendar.Date) string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }
