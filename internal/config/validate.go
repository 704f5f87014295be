package config

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/strictyaml"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

var (
	idRE    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	loginRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`)
)

type validator struct {
	cfg      *Config
	file     string
	problems diag.List
}

func (v *validator) add(p string, rule, hint, format string, args ...any) {
	pos := v.cfg.Pos.At(p)
	v.problems.Add(diag.Problemf(v.file, pos.Line, pos.Column, rule, hint, format, args...))
}

func (v *validator) warn(p string, rule, hint, format string, args ...any) {
	v.add(p, rule, hint, format, args...)
	v.problems[len(v.problems)-1].Severity = diag.Warning
}

// hint sets the hint of the problem added last to a sentence with arguments.
func (v *validator) hint(format string, args ...any) {
	last := &v.problems[len(v.problems)-1]
	*last = last.WithHint(format, args...)
}

// required says that what (a key of the file, or a diag.Text that describes it) is required
// when value is empty.
func (v *validator) required(p, value string, what any) {
	if strings.TrimSpace(value) == "" {
		v.add(p, "config-required", "", "%s is required", what)
	}
}

func (v *validator) validate() {
	c := v.cfg
	v.required("site.title", c.Site.Title, "site.title")
	v.required("site.base_url", c.Site.BaseURL, "site.base_url")
	if c.Site.BaseURL != "" {
		u, err := url.Parse(c.Site.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.add("site.base_url", "config-url", "write a full address, e.g. https://sonoivu.binhdinh.gov.vn/", "site.base_url %q is not an http(s) address", c.Site.BaseURL)
		}
	}
	if c.Site.Language != "vi" {
		v.warn("site.language", "config-language", "the layouts are written in Vietnamese", "site.language is %q; bbtgen is made for \"vi\"", c.Site.Language)
	}
	if c.Site.PageSize < 1 || c.Site.PageSize > 100 {
		v.add("site.page_size", "config-range", "", "site.page_size must be between 1 and 100")
	}
	v.validateResponsible()
	v.validateUnits()
	v.validateMembers()
	v.validateHeadTitles()
	v.validateAuthors()
	v.validateCategories()
	v.validateAreas()
	v.validateCalendar()
	v.validateRoyalty()
	if c.Review.VerifyDeadlineDays < 0 || c.Review.PublishDeadlineDays < 0 {
		v.add("review", "config-range", "", "review deadlines cannot be negative")
	}
	if p := c.Review.Publish; p != PublishAuto && p != PublishManual {
		v.add("review.publish", "config-publish", "write auto (bbtgen merges what is approved) or manual (the secretariat merges)", "%q is not a way to publish", p)
	}
	if s := c.Audit.Since; s != "" && !commitRE.MatchString(s) {
		v.add("audit.since", "config-commit", "write the commit's hash (at least 7 hexadecimal digits), e.g. the merge that introduced the policy", "%q is not a commit hash", s)
	}
	if !IsBranchName(c.Review.PublishingBranch) {
		v.add("review.publishing_branch", "config-branch", "", "%q is not a branch name", c.Review.PublishingBranch)
	}
}

// IsBranchName tells whether s is a name Git accepts for a branch (git check-ref-format):
// no spaces, control characters or ~^:?*[\, no "..", "@{" or "//", no part that starts with
// "." or ends with ".lock", not starting or ending with "/" and not ending with ".".
func IsBranchName(s string) bool {
	if s == "" || s == "@" || strings.ContainsAny(s, " ~^:?*[\\\x7f") || strings.Contains(s, "..") || strings.Contains(s, "@{") ||
		strings.Contains(s, "//") || strings.HasPrefix(s, "/") || strings.HasSuffix(s, "/") || strings.HasSuffix(s, ".") || strings.HasPrefix(s, "-") {
		return false
	}
	for _, r := range s {
		if r < 0x20 {
			return false
		}
	}
	for _, part := range strings.Split(s, "/") {
		if strings.HasPrefix(part, ".") || strings.HasSuffix(part, ".lock") {
			return false
		}
	}
	return true
}

var commitRE = regexp.MustCompile(`^[0-9a-f]{7,40}$`)

func (v *validator) checkID(p, id string, what diag.Text) {
	if !idRE.MatchString(id) {
		v.add(p, "config-id", "use lowercase ASCII letters, digits and single hyphens, e.g. cai-cach-hanh-chinh", "%s %q is not a valid id", what, id)
	}
}

func (v *validator) validateUnits() {
	seen := map[string]diag.Text{}
	for i, u := range v.cfg.Units {
		p := strictyaml.Path("units", i)
		v.checkID(p+".id", u.ID, diag.T("unit id"))
		v.required(p+".name", u.Name, "units[].name")
		if u.Kind != "" && u.Kind != "phong" && u.Kind != "don-vi" {
			v.add(p+".kind", "config-unit-kind", "write phong (a department) or don-vi (an attached unit)", "unit kind %q is unknown", u.Kind)
		}
		if prev, ok := seen[u.ID]; ok {
			v.add(p+".id", "config-duplicate", "give each unit its own id", "unit id %q is used twice (first at %s)", u.ID, prev)
		}
		seen[u.ID] = v.where(p + ".id")
	}
}

// validateResponsible checks the person the footer names as responsible for the content
// (người chịu trách nhiệm chính): optional, but a name goes with a position.
func (v *validator) validateResponsible() {
	r := v.cfg.Site.Responsible
	switch {
	case strings.TrimSpace(r.Name) == "" && strings.TrimSpace(r.Position) != "":
		v.add("site.responsible.position", "config-required", "write the person's full name as name:", "site.responsible has a position but no name")
	case strings.TrimSpace(r.Name) != "" && strings.TrimSpace(r.Position) == "":
		v.add("site.responsible.name", "config-required", `write their position too, e.g. position: "Phó Giám đốc Sở, Trưởng Ban Biên tập"`, "site.responsible has no position")
	}
}

// validateHeadTitles checks the title of each unit's head (head_title): it goes with a head's
// name, and it is the title the board gives the same person, so that an acting head
// ("Quyền Chánh Văn phòng") is acting on every page.
func (v *validator) validateHeadTitles() {
	for i, u := range v.cfg.Units {
		p := strictyaml.Path("units", i)
		if u.HeadTitle == "" {
			continue
		}
		if u.Head == "" {
			v.add(p+".head_title", "config-head-title", "write the head's name as head:, or remove head_title", "unit %q has a head_title but no head", u.ID)
			continue
		}
		for _, m := range v.cfg.Board.Members {
			if m.Unit != u.ID || m.Name != u.Head || m.Position == "" {
				continue
			}
			if !strings.HasPrefix(strings.ToLower(m.Position), strings.ToLower(u.HeadTitle)) {
				v.warn(p+".head_title", "config-head-title", "", "the head of unit %q is titled %q here but %q on the board", u.ID, u.HeadTitle, m.Position)
				v.hint("write the same title in both places (board member %q has position %q); keep \"Quyền\" in both when the head is acting", m.ID, m.Position)
			}
		}
	}
}

// where says where the key p is, for "(first at line 5)".
func (v *validator) where(p string) diag.Text {
	pos := v.cfg.Pos.At(p)
	return diag.T("line %d", pos.Line)
}

func (v *validator) unitRef(p, id string) {
	if id == "" {
		return
	}
	if _, ok := v.cfg.Unit(id); !ok {
		v.add(p, "config-unknown-unit", "", "unknown unit %q", id)
		v.hint("known units: %s", strings.Join(v.cfg.UnitIDs(), ", "))
	}
}

func (v *validator) validateMembers() {
	c := v.cfg
	if len(c.Board.Members) == 0 {
		v.add("board", "config-required", "list the board members under board.members", "the board has no members")
		return
	}
	v.required("board.decision.number", c.Board.Decree.Number, diag.T("board.decision.number (the decision that set up the board)"))
	ids := map[string]diag.Text{}
	logins := map[string]diag.Text{}
	heads := 0
	for i, m := range c.Board.Members {
		p := strictyaml.Path("board", "members", i)
		v.checkID(p+".id", m.ID, diag.T("member id"))
		v.required(p+".name", m.Name, "board.members[].name")
		if prev, ok := ids[m.ID]; ok {
			v.add(p+".id", "config-duplicate", "give each member their own id", "member id %q is used twice (first at %s)", m.ID, prev)
		}
		ids[m.ID] = v.where(p + ".id")
		v.login(p+".github", m.GitHub, logins, true)
		if len(m.Roles) == 0 {
			v.add(p+".roles", "config-required", "roles: head, deputy, secretariat-leader, secretariat-member", "member %q has no role", m.ID)
		}
		for j, r := range m.Roles {
			if !slices.Contains(Roles, r) {
				v.add(strictyaml.Path(p, "roles", j), "config-role", "valid roles: head, deputy, secretariat-leader, secretariat-member", "unknown role %q", r)
			}
			if r == RoleHead {
				heads++
			}
		}
		v.unitRef(p+".unit", m.Unit)
	}
	if heads == 0 {
		v.add("board.members", "config-head", "give the Trưởng ban the role head", "no board member has the role head")
	}
	for i, a := range c.Board.Absences {
		p := strictyaml.Path("board", "absences", i)
		if _, ok := c.Member(a.Member); !ok {
			v.add(p+".member", "config-unknown-member", "", "unknown board member %q", a.Member)
			v.hint("known members: %s", strings.Join(v.memberIDs(), ", "))
		}
		if a.From.IsZero() || a.To.IsZero() {
			v.add(p, "config-required", "write from: and to: dates", "an absence needs from and to dates")
		} else if a.To.Before(a.From) {
			v.add(p+".to", "config-range", "", "absence ends (%s) before it begins (%s)", a.To, a.From)
		}
	}
}

func (v *validator) login(p, login string, seen map[string]diag.Text, required bool) {
	if login == "" {
		if required {
			v.add(p, "config-required", "every board member needs the GitHub account they review with", "github login is required")
		}
		return
	}
	if !loginRE.MatchString(login) {
		v.add(p, "config-login", "write the login without @, e.g. ttdinh-snv", "%q is not a GitHub login", login)
		return
	}
	key := strings.ToLower(login)
	if prev, ok := seen[key]; ok {
		v.add(p, "config-duplicate", "GitHub logins are case-insensitive; each person has one", "GitHub login %q is used twice (first at %s)", login, prev)
		return
	}
	seen[key] = v.where(p)
}

func (v *validator) memberIDs() []string {
	out := []string{}
	for _, m := range v.cfg.Board.Members {
		out = append(out, m.ID)
	}
	return out
}

func (v *validator) validateAuthors() {
	ids := map[string]diag.Text{}
	logins := map[string]diag.Text{}
	for i, a := range v.cfg.Authors {
		p := strictyaml.Path("authors", i)
		v.checkID(p+".id", a.ID, diag.T("author id"))
		v.required(p+".name", a.Name, "authors[].name")
		if prev, ok := ids[a.ID]; ok {
			v.add(p+".id", "config-duplicate", "give each author their own id", "author id %q is used twice (first at %s)", a.ID, prev)
		}
		ids[a.ID] = v.where(p + ".id")
		v.login(p+".github", a.GitHub, logins, false)
		if a.Unit == "" {
			v.add(p+".unit", "config-required", "every author belongs to a unit", "author %q has no unit", a.ID)
		}
		v.unitRef(p+".unit", a.Unit)
	}
}

// approvers checks a list of approvers; what names its owner ("category %q", "the technical area").
func (v *validator) approvers(p string, list []Approver, what diag.Text) {
	if len(list) == 0 {
		v.add(p, "config-no-approver", "list at least one board member under approvers", "%s has no approvers", what)
		return
	}
	seen := map[string]bool{}
	for i, a := range list {
		ap := strictyaml.Path(p, i)
		if _, ok := v.cfg.Member(a.Member); !ok {
			v.add(ap+".member", "config-unknown-member", "", "approver %q is not a board member", a.Member)
			v.hint("approvers must be board members: %s", strings.Join(v.memberIDs(), ", "))
		}
		if seen[a.Member] {
			v.add(ap+".member", "config-duplicate", "", "approver %q is listed twice", a.Member)
		}
		seen[a.Member] = true
		if a.DeadlineDays < 1 || a.DeadlineDays > 30 {
			v.add(ap+".deadline_days", "config-range", "write the number of working days, e.g. deadline_days: 1", "deadline_days of %q must be between 1 and 30", a.Member)
		}
	}
}

func (v *validator) validateCategories() {
	c := v.cfg
	if len(c.Categories) == 0 {
		v.add("categories", "config-required", "", "no categories are configured")
	}
	seen := map[string]diag.Text{}
	hasSecretariat := slices.ContainsFunc(c.Board.Members, Member.IsSecretariat)
	for i, cat := range c.Categories {
		p := strictyaml.Path("categories", i)
		v.checkID(p+".folder", cat.Folder, diag.T("category folder"))
		if !vntext.IsSlug(cat.Folder) {
			continue
		}
		if prev, ok := seen[cat.Folder]; ok {
			v.add(p+".folder", "config-duplicate", "", "category folder %q is used twice (first at %s)", cat.Folder, prev)
		}
		seen[cat.Folder] = v.where(p + ".folder")
		v.required(p+".name", cat.Name, "categories[].name")
		if !slices.Contains(Kinds, cat.Kind) {
			v.add(p+".kind", "config-kind", "", "category %q has unknown kind %q", cat.Folder, cat.Kind)
			v.hint("valid kinds: %s", kindList())
		}
		v.approvers(p+".approvers", cat.Approvers, diag.T("category %q", cat.Folder))
		if cat.Verification && !hasSecretariat {
			v.add(p+".verification", "config-verification", "give someone the role secretariat-leader or secretariat-member", "category %q requires verification but the board has no secretariat", cat.Folder)
		}
	}
}

func (v *validator) validateAreas() {
	c := v.cfg
	for _, a := range []struct {
		key  string
		area Area
		what diag.Text
	}{{"governance", c.Areas.Governance, diag.T("the governance area")}, {"technical", c.Areas.Technical, diag.T("the technical area")}} {
		p := "areas." + a.key
		v.approvers(p+".approvers", a.area.Approvers, a.what)
		for i, ap := range a.area.Paths {
			pp := strictyaml.Path(p, "paths", i)
			clean := path.Clean(ap)
			if ap == "" || path.IsAbs(ap) || strings.HasPrefix(clean, "..") || strings.ContainsAny(ap, "*?[]!\\") {
				v.add(pp, "config-path", "write a path relative to the repository root, e.g. layouts/ or config.yaml; folders end with /", "area path %q is not a plain repository path", ap)
				continue
			}
			if a.key == "technical" && (strings.HasPrefix(clean+"/", "content/") || strings.HasPrefix(clean+"/", "static/")) {
				v.add(pp, "config-path", "remove it: what content/ and static/ publish outside the categories belongs to governance",
					"area path %q would let the technical approver alone change what is published", ap)
				continue
			}
			for _, cat := range c.Categories {
				if strings.HasPrefix(ap, "content/"+cat.Folder+"/") || ap == "content/"+cat.Folder+"/" || ap == "content/"+cat.Folder {
					v.add(pp, "config-path", "a category folder belongs to its category; remove it here", "area path %q lies inside category %q", ap, cat.Folder)
				}
			}
		}
	}
}

func (v *validator) validateCalendar() {
	c := v.cfg
	if _, err := time.LoadLocation(c.Calendar.Timezone); err != nil {
		v.add("calendar.timezone", "config-timezone", "use an IANA zone name such as Asia/Ho_Chi_Minh", "unknown time zone %q", c.Calendar.Timezone)
	}
	oh := c.Calendar.OfficeHours
	if oh.End.Hour*60+oh.End.Minute <= oh.Start.Hour*60+oh.Start.Minute {
		v.add("calendar.office_hours", "config-range", "", "office hours end (%s) before they start (%s)", oh.End, oh.Start)
	}
	check := func(list []DayOff, key string) {
		for i, d := range list {
			p := strictyaml.Path("calendar", key, i)
			switch {
			case !d.Date.IsZero() && (!d.From.IsZero() || !d.To.IsZero()):
				v.add(p, "config-date", "write either date: or from: and to:", "a day entry has both date and from/to")
			case d.Date.IsZero() && (d.From.IsZero() || d.To.IsZero()):
				v.add(p, "config-date", "write date: YYYY-MM-DD, or from: and to: for a range", "a day entry needs a date")
			case d.Date.IsZero() && d.To.Before(d.From):
				v.add(p+".to", "config-range", "", "the range ends (%s) before it begins (%s)", d.To, d.From)
			case d.Date.IsZero() && d.To.Compare(d.From.AddDays(60)) > 0:
				v.add(p+".to", "config-range", "", "a holiday range longer than 60 days is surely a typing error")
			}
			v.required(p+".name", d.Name, diag.T("a name for the day (e.g. Tết Nguyên đán)"))
		}
	}
	check(c.Calendar.Holidays, "holidays")
	check(c.Calendar.WorkingDays, "working_days")
	for i, d := range c.Calendar.WorkingDays {
		for _, day := range d.Days() {
			if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
				v.warn(strictyaml.Path("calendar", "working_days", i), "config-date", "make-up working days are usually Saturdays", "%s is a weekday; it is a working day anyway", day)
			}
		}
	}
}

func (v *validator) validateRoyalty() {
	c := v.cfg
	if c.Royalty.Split != "equal" {
		v.add("royalty.split", "config-royalty", "the only split bbtgen knows is equal", "unknown co-author split %q", c.Royalty.Split)
	}
	for i, t := range c.Royalty.Tables {
		p := strictyaml.Path("royalty", "tables", i)
		if t.From.IsZero() {
			v.add(p+".from", "config-required", "write the date the table takes effect", "a royalty table needs from:")
		}
		if i > 0 && !t.From.After(c.Royalty.Tables[i-1].From) {
			v.add(p+".from", "config-royalty", "list the tables oldest first", "royalty table from %s is not later than the one before it", t.From)
		}
		if t.UnitValue <= 0 {
			v.add(p+".unit_value", "config-royalty", "write the value in đồng of one coefficient point, e.g. 234000", "unit_value must be positive")
		}
		for _, k := range RoyaltyKinds {
			if _, ok := t.Coefficients[k]; !ok {
				v.add(p+".coefficients", "config-royalty", "kinds: news, article, research, qa, photo, legal", "royalty table from %s has no coefficient for %q", t.From, k)
			}
		}
		for k, coef := range t.Coefficients {
			if !slices.Contains(RoyaltyKinds, k) {
				v.add(strictyaml.Path(p, "coefficients", string(k)), "config-royalty", "kinds: news, article, research, qa, photo, legal", "unknown royalty kind %q", k)
			}
			if capv, ok := t.Caps[k]; ok && coef > capv {
				v.add(strictyaml.Path(p, "coefficients", string(k)), "config-royalty", "the regulation in basis: sets the cap", "coefficient %s for %q exceeds its cap %s", coef, k, capv)
			}
		}
	}
}
