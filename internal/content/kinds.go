package content

// The kinds of article the law asks an agency's site to carry besides news and documents:
// administrative procedures (thủ tục hành chính) with their page on the national
// public-service portal, drafts put out for comments (dự thảo lấy ý kiến) and public
// disclosures of budget, public investment and procurement (công khai). docs/law.md gives
// the legal basis of each; README ("For authors") the fields.

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// Named is a value of front matter with the words the site shows for it.
type Named struct{ Value, Name string }

// ProcedureLevels are the values of a procedure's level: how far it can be done online.
var ProcedureLevels = []Named{
	{"toan-trinh", "Dịch vụ công trực tuyến toàn trình"},
	{"mot-phan", "Dịch vụ công trực tuyến một phần"},
	{"truc-tiep", "Nộp hồ sơ trực tiếp hoặc qua bưu chính"},
}

// DisclosureTypes are the values of a disclosure's disclosure_type, in the order the site lists
// them (Law on Access to Information 2016, art. 19(1)(d) and (e)).
var DisclosureTypes = []Named{
	{"du-toan", "Dự toán ngân sách"},
	{"thuc-hien-du-toan", "Tình hình thực hiện dự toán ngân sách"},
	{"quyet-toan", "Quyết toán ngân sách"},
	{"bao-cao-tai-chinh", "Báo cáo tài chính"},
	{"dau-tu-cong", "Đầu tư công"},
	{"mua-sam-cong", "Mua sắm công"},
	{"von-vay", "Quản lý, sử dụng vốn vay"},
}

// NameOf is the words the site shows for value in list, or "" for an unknown value.
func NameOf(list []Named, value string) string {
	for _, n := range list {
		if n.Value == value {
			return n.Name
		}
	}
	return ""
}

// PortalHost is the national public-service portal (Cổng Dịch vụ công quốc gia): a
// procedure's portal link must lead there, and nowhere else.
const PortalHost = "dichvucong.gov.vn"

var procedureCodeRE = regexp.MustCompile(`^[0-9]\.[0-9]{6}$`)

// ConsultationStatus values.
const (
	ConsultationUpcoming = "upcoming" // not open yet
	ConsultationOpen     = "open"     // đang lấy ý kiến
	ConsultationClosed   = "closed"   // đã hết hạn
)

// ConsultationStatusNames are the words the site shows for each status.
var ConsultationStatusNames = map[string]string{
	ConsultationUpcoming: "Sắp lấy ý kiến",
	ConsultationOpen:     "Đang lấy ý kiến",
	ConsultationClosed:   "Đã hết hạn lấy ý kiến",
}

// ConsultationStatus is the status of a consultation open from opens to closes (both days
// included) at now, in Vietnam: the site computes it when it is built, and
// layouts/_partials/consultation-status.html must agree with this function (site tests check).
func ConsultationStatus(opens, closes calendar.Date, now time.Time) string {
	today := calendar.DateOf(now.In(Zone))
	switch {
	case !opens.IsZero() && today.Before(opens):
		return ConsultationUpcoming
	case !closes.IsZero() && today.After(closes):
		return ConsultationClosed
	}
	return ConsultationOpen
}

// kindKeys are the front-matter keys only some kinds may carry: a key that means nothing to
// the article's kind would be silently ignored by its layout.
var kindKeys = []struct {
	key   string
	kinds []config.CategoryKind
	what  diag.Text
	set   func(*FrontMatter) bool
}{
	{"code", []config.CategoryKind{config.KindProcedure}, diag.T("administrative procedures"), func(f *FrontMatter) bool { return f.Code != "" }},
	{"level", []config.CategoryKind{config.KindProcedure}, diag.T("administrative procedures"), func(f *FrontMatter) bool { return f.Level != "" }},
	{"field", []config.CategoryKind{config.KindProcedure}, diag.T("administrative procedures"), func(f *FrontMatter) bool { return f.Field != "" }},
	{"portal", []config.CategoryKind{config.KindProcedure}, diag.T("administrative procedures"), func(f *FrontMatter) bool { return f.Portal != "" }},
	{"fee", []config.CategoryKind{config.KindProcedure}, diag.T("administrative procedures"), func(f *FrontMatter) bool { return f.Fee != "" }},
	{"duration", []config.CategoryKind{config.KindProcedure}, diag.T("administrative procedures"), func(f *FrontMatter) bool { return f.Duration != "" }},
	{"opens", []config.CategoryKind{config.KindConsultation}, diag.T("drafts put out for comments"), func(f *FrontMatter) bool { return !f.Opens.IsZero() }},
	{"closes", []config.CategoryKind{config.KindConsultation}, diag.T("drafts put out for comments"), func(f *FrontMatter) bool { return !f.Closes.IsZero() }},
	{"how_to_comment", []config.CategoryKind{config.KindConsultation}, diag.T("drafts put out for comments"), func(f *FrontMatter) bool { return f.HowToComment != "" }},
	{"year", []config.CategoryKind{config.KindDisclosure}, diag.T("public disclosures"), func(f *FrontMatter) bool { return f.Year != 0 }},
	{"disclosure_type", []config.CategoryKind{config.KindDisclosure}, diag.T("public disclosures"), func(f *FrontMatter) bool { return f.DisclosureType != "" }},
	{"consent", []config.CategoryKind{config.KindQA, config.KindReply}, diag.T("questions answered"), func(f *FrontMatter) bool { return f.Consent }},
}

// kindFields refuses the keys of the kinds above in an article of another kind.
func (c *Checker) kindFields(r *report, a *Article, kind config.CategoryKind) {
	for _, k := range kindKeys {
		if k.set(&a.FrontMatter) && !slices.Contains(k.kinds, kind) {
			r.add(k.key, "kind-field", "remove it, or move the article to a category of that kind", "%s is only for %s", k.key, k.what)
		}
	}
}

// procedure checks an administrative procedure (kind procedure).
func (c *Checker) procedure(r *report, a *Article) {
	fm := &a.FrontMatter
	if fm.Code == "" {
		r.missing("code", diag.T("code (mã thủ tục in the national database, e.g. 1.001612)"))
	} else if !procedureCodeRE.MatchString(fm.Code) {
		r.add("code", "procedure-code", "write the code as the national database writes it: a digit, a dot and six digits, e.g. 1.001612", "%q is not a procedure code", fm.Code)
	}
	if fm.Level == "" {
		r.missing("level", diag.T("level (%s)", namedValues(ProcedureLevels)))
	} else if NameOf(ProcedureLevels, fm.Level) == "" {
		r.addHint("level", "procedure-level", diag.T("write one of: %s", namedValues(ProcedureLevels)), "unknown level %q", fm.Level)
	}
	if fm.Portal == "" {
		r.missing("portal", diag.T("portal (the procedure's page on https://%s/)", PortalHost))
	} else if !IsPortalURL(fm.Portal) {
		r.addHint("portal", "procedure-portal", diag.T("copy the address of the procedure's page on the national public-service portal, https://%s/…; no other site is linked", PortalHost),
			"portal %q is not a page of https://%s/", fm.Portal, PortalHost)
	}
	if strings.TrimSpace(fm.Fee) == "" {
		r.missing("fee", diag.T(`fee (phí, lệ phí, e.g. "Không thu phí")`))
	}
	if strings.TrimSpace(fm.Duration) == "" {
		r.missing("duration", diag.T(`duration (thời hạn giải quyết, e.g. "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")`))
	}
	if strings.TrimSpace(fm.Summary) == "" {
		r.missing("summary", diag.T("summary (who the procedure is for, shown in lists)"))
	}
	if len(strings.TrimSpace(string(a.Body))) == 0 {
		r.missing(bodyKey, diag.T("the text (trình tự thực hiện, thành phần hồ sơ, nơi nộp)"))
	}
	if fm.Attachment != "" {
		c.media(r, "attachment", fm.Attachment, a.Category, documentExts)
	}
}

// IsPortalURL tells whether u is an https address of the national public-service portal.
func IsPortalURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "https" && p.User == nil && strings.EqualFold(p.Host, PortalHost) && p.Opaque == "" &&
		!strings.ContainsAny(u, " \t\n\"'<>\\")
}

// consultation checks a draft put out for comments (kind consultation).
func (c *Checker) consultation(r *report, a *Article) {
	fm := &a.FrontMatter
	if fm.Attachment == "" {
		r.missing("attachment", diag.T("attachment (the draft, e.g. /media/%s/2026/du-thao.pdf)", a.Category))
	} else {
		c.media(r, "attachment", fm.Attachment, a.Category, documentExts)
	}
	if fm.Opens.IsZero() {
		r.missing("opens", diag.T("opens (the first day comments are received, YYYY-MM-DD)"))
	}
	if fm.Closes.IsZero() {
		r.missing("closes", diag.T("closes (the last day comments are received, YYYY-MM-DD)"))
	} else if !fm.Opens.IsZero() && fm.Closes.Before(fm.Opens) {
		r.add("closes", "date-order", "", "comments close (%s) before they open (%s)", fm.Closes, fm.Opens)
	}
	if strings.TrimSpace(fm.HowToComment) == "" {
		r.missing("how_to_comment", diag.T("how_to_comment (where and how to send comments)"))
	}
	if strings.TrimSpace(fm.Summary) == "" {
		r.missing("summary", diag.T("summary (what the draft is about, shown in lists)"))
	}
}

// disclosure checks a public disclosure (kind disclosure).
func (c *Checker) disclosure(r *report, a *Article) {
	fm := &a.FrontMatter
	if fm.Year == 0 {
		r.missing("year", diag.T("year (the budget or plan year, e.g. 2026)"))
	} else if maxYear := c.Now.Year() + 1; fm.Year < 1990 || (!c.Now.IsZero() && fm.Year > maxYear) {
		r.add("year", "disclosure-year", "write the year the figures are for, e.g. 2026", "%d is not a plausible year", fm.Year)
	}
	if fm.DisclosureType == "" {
		r.missing("disclosure_type", diag.T("disclosure_type (%s)", namedValues(DisclosureTypes)))
	} else if NameOf(DisclosureTypes, fm.DisclosureType) == "" {
		hint := diag.T("write one of: %s", namedValues(DisclosureTypes))
		if s := vntext.Slug(fm.DisclosureType); NameOf(DisclosureTypes, s) != "" {
			hint = diag.T("write disclosure_type: %s", s)
		}
		r.addHint("disclosure_type", "disclosure-type", hint, "unknown disclosure type %q", fm.DisclosureType)
	}
	if fm.Attachment == "" {
		r.missing("attachment", diag.T("attachment (the signed document, e.g. /media/%s/2026/du-toan-2026.pdf)", a.Category))
	} else {
		c.media(r, "attachment", fm.Attachment, a.Category, documentExts)
	}
	if strings.TrimSpace(fm.Summary) == "" {
		r.missing("summary", diag.T("summary (what is disclosed, shown in lists)"))
	}
}

// hundred is 100 % as a config.Decimal (thousandths).
const hundred = config.Decimal(100 * 1000)

// royaltyShares checks the co-authors' agreed shares: each author once, nobody else, adding
// up to 100.
func (c *Checker) royaltyShares(r *report, fm *FrontMatter) {
	if fm.Royalty == nil || len(fm.Royalty.Shares) == 0 {
		return
	}
	shares := fm.Royalty.Shares
	ids := make([]string, 0, len(shares))
	for id := range shares {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var sum config.Decimal
	for _, id := range ids {
		sum += shares[id]
		if !slices.Contains(fm.Authors, id) {
			r.addHint("royalty.shares."+id, "royalty-shares", diag.T("shares are for the article's authors: %s", strings.Join(fm.Authors, ", ")),
				"royalty share for %q, who is not among the authors", id)
		}
	}
	for _, id := range fm.Authors {
		if _, ok := shares[id]; !ok {
			r.addHint("royalty.shares", "royalty-shares", diag.T("write %s: and their percentage (0 if they agreed to none), or leave shares out to split equally", id),
				"author %q has no royalty share", id)
		}
	}
	if sum != hundred {
		r.add("royalty.shares", "royalty-shares", "the co-authors' shares are percentages of the whole: correct them so that they add up to 100, or leave shares out to split equally",
			"royalty shares add up to %s, not 100", sum)
	}
}

func namedValues(list []Named) string {
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = fmt.Sprintf("%s (%s)", n.Value, n.Name)
	}
	return strings.Join(out, ", ")
}
