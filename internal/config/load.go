package config

import (
	"errors"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/strictyaml"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// Load reads and validates the configuration file at path. It returns the configuration
// (nil when it cannot be used at all) and every problem found. A problem list without errors
// (only warnings) means the configuration is usable.
func Load(path string) (*Config, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		p := diag.Problemf(path, 0, 0, "config-read", "", "cannot read the configuration: %v", unwrapPathError(err))
		if errors.Is(err, os.ErrNotExist) {
			p = p.WithHint("run bbtgen from the site's folder or pass --site DIR")
		}
		return nil, diag.List{p}
	}
	return Parse(data, path)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse reads and validates a configuration from bytes; file names it in messages.
func Parse(data []byte, file string) (*Config, diag.List) {
	var problems diag.List
	if off := vntext.InvalidUTF8(data); off >= 0 {
		line, col := vntext.Position(string(data[:off]), off)
		problems.Add(diag.Problem{File: file, Line: line, Column: col, Rule: "utf8",
			Message: "the file is not valid UTF-8", Hint: "save it as UTF-8 (in most editors: File → Save with encoding → UTF-8)"})
		return nil, problems
	}
	if off := vntext.NotNFC(string(data)); off >= 0 {
		line, col := vntext.Position(string(data), off)
		problems.Add(diag.Problem{File: file, Line: line, Column: col, Rule: "nfc",
			Message: "text is not in Unicode NFC (decomposed Vietnamese letters)", Hint: "retype the line or convert the file to NFC (bbtgen check --fix-nfc)"})
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		problems.Add(SyntaxProblem(file, 0, err))
		return nil, problems
	}
	cfg := &Config{File: file}
	if doc.Kind == 0 {
		problems.Add(diag.Problem{File: file, Line: 1, Rule: "config-empty", Message: "the configuration is empty", Hint: "start from the sample config.yaml of bbtgen"})
		return nil, problems
	}
	pos, errs := strictyaml.Decode(&doc, cfg)
	cfg.Pos = pos
	for _, e := range errs {
		problems.Add(diag.Problem{File: file, Line: e.Line, Column: e.Column, Rule: "config-" + e.Rule,
			Message: e.Message, Hint: e.Hint, Text: e.Text, HintText: e.HintText})
	}
	cfg.applyDefaults()
	v := &validator{cfg: cfg, file: file}
	v.validate()
	v.validateLaw()
	problems = append(problems, v.problems...)
	problems.Sort()
	// Both are asked for on every deadline and date; the configuration does not change after
	// loading, so they are made once.
	cfg.loc = cfg.location()
	cfg.cal = cfg.workCalendar()
	return cfg, problems
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// SyntaxProblem turns a yaml.v3 syntax error into a problem. lineOffset is added to the
// line yaml reports (front matter starts after the "---" line).
func SyntaxProblem(file string, lineOffset int, err error) diag.Problem {
	msg := err.Error()
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if line > 0 {
		line += lineOffset
	}
	// The library's own words (msg) stay in English; the sentence around them and the hint
	// are the catalog's.
	hint := syntaxHint(msg)
	return diag.Problemf(file, line, 0, "yaml-syntax", "", "YAML syntax error: %s", msg).WithHint(hint.Format, hint.Args...)
}

// syntaxHint says what usually causes a YAML syntax error, for people who write front matter
// and config.yaml by hand.
func syntaxHint(msg string) diag.Text {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return diag.T("a value that contains \": \" must be in quotes, e.g. title: \"Sở Nội vụ: hội nghị tổng kết\"")
	case strings.Contains(msg, "found character that cannot start any token"):
		// The "%" is an argument, so that the sentence is a format of the catalog.
		return diag.T("indent with spaces, not tabs; a value starting with @, ` or %s must be in quotes", "%")
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected node content"):
		return diag.T("check the indentation of this line and the one before, and close every [ or { you opened")
	case strings.Contains(msg, "found unexpected end of stream"), strings.Contains(msg, "found unexpected end of"):
		return diag.T("a quote or bracket is opened but never closed")
	case strings.Contains(msg, "did not find expected alphabetic or numeric character"):
		return diag.T("a value starting with * or & must be in quotes")
	}
	return diag.T("check the indentation (spaces, not tabs) and quote values that contain \": \" or start with a special character")
}

func (c *Config) applyDefaults() {
	if c.Site.Language == "" {
		c.Site.Language = "vi"
	}
	if c.Site.PageSize == 0 {
		c.Site.PageSize = 10
	}
	if c.Site.HomeItems == 0 {
		c.Site.HomeItems = 5
	}
	if c.Calendar.Timezone == "" {
		c.Calendar.Timezone = "Asia/Ho_Chi_Minh"
	}
	if c.Calendar.OfficeHours == (OfficeHours{}) {
		c.Calendar.OfficeHours = OfficeHours{Start: Clock{7, 30}, End: Clock{17, 0}}
	}
	if c.Review.PublishingBranch == "" {
		c.Review.PublishingBranch = "main"
	}
	if c.Review.Publish == "" {
		c.Review.Publish = PublishManual
	}
	if c.Review.HoldLabel == "" {
		c.Review.HoldLabel = "giu-lai"
	}
	if c.Review.VerifyDeadlineDays == 0 {
		c.Review.VerifyDeadlineDays = 1
	}
	if c.Royalty.PaymentDays == 0 {
		c.Royalty.PaymentDays = 60
	}
	if c.Royalty.Split == "" {
		c.Royalty.Split = "equal"
	}
	if c.Areas.Governance.Name == "" {
		c.Areas.Governance.Name = "Quản trị Ban Biên tập"
	}
	if c.Areas.Technical.Name == "" {
		c.Areas.Technical.Name = "Kỹ thuật"
	}
	// The policy must protect itself: whatever the file says, config.yaml and .github/
	// belong to governance.
	for _, p := range GovernancePaths {
		if !slices.Contains(c.Areas.Governance.Paths, p) {
			c.Areas.Governance.Paths = append(c.Areas.Governance.Paths, p)
		}
	}
}

// GovernancePaths always belong to the governance area.
var GovernancePaths = []string{FileName, ".github/"}

// Location returns the configured time zone (Asia/Ho_Chi_Minh by default).
func (c *Config) Location() *time.Location {
	if c.loc != nil {
		return c.loc
	}
	return c.location()
}

func (c *Config) location() *time.Location {
	loc, err := time.LoadLocation(c.Calendar.Timezone)
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// Member returns the board member with the given id.
func (c *Config) Member(id string) (Member, bool) {
	for _, m := range c.Members() {
		if m.ID == id {
			return m, true
		}
	}
	return Member{}, false
}

// Members returns the board members.
func (c *Config) Members() []Member { return c.Board.Members }

// MemberByLogin returns the board member with the given GitHub login (case-insensitive).
func (c *Config) MemberByLogin(login string) (Member, bool) {
	for _, m := range c.Board.Members {
		if strings.EqualFold(m.GitHub, login) {
			return m, true
		}
	}
	return Member{}, false
}

// Author returns the author with the given id.
func (c *Config) Author(id string) (Author, bool) {
	for _, a := range c.Authors {
		if a.ID == id {
			return a, true
		}
	}
	return Author{}, false
}

// AuthorByLogin returns the author with the given GitHub login (case-insensitive).
func (c *Config) AuthorByLogin(login string) (Author, bool) {
	for _, a := range c.Authors {
		if a.GitHub != "" && strings.EqualFold(a.GitHub, login) {
			return a, true
		}
	}
	return Author{}, false
}

// Unit returns the unit with the given id.
func (c *Config) Unit(id string) (Unit, bool) {
	for _, u := range c.Units {
		if u.ID == id {
			return u, true
		}
	}
	return Unit{}, false
}

// Category returns the category whose folder is name.
func (c *Config) Category(folder string) (Category, bool) {
	for _, cat := range c.Categories {
		if cat.Folder == folder {
			return cat, true
		}
	}
	return Category{}, false
}

// CategoryFolders returns the folder names of all categories, in configuration order.
func (c *Config) CategoryFolders() []string {
	out := make([]string, len(c.Categories))
	for i, cat := range c.Categories {
		out[i] = cat.Folder
	}
	return out
}

// AuthorIDs returns the ids of all authors.
func (c *Config) AuthorIDs() []string {
	out := make([]string, len(c.Authors))
	for i, a := range c.Authors {
		out[i] = a.ID
	}
	return out
}

// UnitIDs returns the ids of all units.
func (c *Config) UnitIDs() []string {
	out := make([]string, len(c.Units))
	for i, u := range c.Units {
		out[i] = u.ID
	}
	return out
}

// Away reports whether the member is absent on date d, and the absence.
func (c *Config) Away(memberID string, d calendar.Date) (Absence, bool) {
	for _, a := range c.Board.Absences {
		if a.Member == memberID && !d.Before(a.From) && !d.After(a.To) {
			return a, true
		}
	}
	return Absence{}, false
}

// RoyaltyTableOn returns the rate table in force on date d.
func (c *Config) RoyaltyTableOn(d calendar.Date) (RoyaltyTable, bool) {
	var found RoyaltyTable
	ok := false
	for _, t := range c.Royalty.Tables {
		if !t.From.After(d) {
			found, ok = t, true
		}
	}
	return found, ok
}

// BaseURL returns the site's base URL parsed; it is valid once the configuration loaded.
func (c *Config) BaseURL() *url.URL {
	u, err := url.Parse(c.Site.BaseURL)
	if err != nil {
		return &url.URL{Scheme: "https", Host: "localhost", Path: "/"}
	}
	return u
}

// WorkCalendar is the working-day calendar of the calendar section.
func (c *Config) WorkCalendar() *calendar.Calendar {
	if c.cal != nil {
		return c.cal
	}
	return c.workCalendar()
}

func (c *Config) workCalendar() *calendar.Calendar {
	days := func(list []DayOff) map[calendar.Date]string {
		out := map[calendar.Date]string{}
		for _, e := range list {
			for _, d := range e.Days() {
				out[d] = e.Name
			}
		}
		return out
	}
	oh := c.Calendar.OfficeHours
	return calendar.New(calendar.Options{
		Location:    c.Location(),
		Holidays:    days(c.Calendar.Holidays),
		WorkingDays: days(c.Calendar.WorkingDays),
		OfficeStart: oh.Start.Hour*60 + oh.Start.Minute,
		OfficeEnd:   oh.End.Hour*60 + oh.End.Minute,
	})
}
