// Package config reads config.yaml, the one configuration file of a bbtgen site: the site's
// identity, the editorial board (Ban Biên tập) and its secretariat (Tổ Thư ký), the units and
// authors who write, the categories (chuyên mục) with their approvers (người duyệt) and review
// deadlines, the governance and technical areas, the working-day calendar and the royalty
// (nhuận bút) rate tables. Loading is strict: every unknown key, wrong type or broken
// reference is reported with its line and column, all at once.
//
// The policy of a pull request is always read from the base branch; this package only parses
// bytes and never decides where they come from.
package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/strictyaml"
)

// FileName is the name of the configuration file at the root of a site.
const FileName = "config.yaml"

// Config is the whole of config.yaml.
type Config struct {
	Site       Site        `yaml:"site"`
	Board      Board       `yaml:"board"`
	Units      []Unit      `yaml:"units"`
	Authors    []Author    `yaml:"authors"`
	Categories []Category  `yaml:"categories"`
	Areas      Areas       `yaml:"areas"`
	Review     ReviewRules `yaml:"review"`
	Calendar   Calendar    `yaml:"calendar"`
	Royalty    Royalty     `yaml:"royalty"`
	Audit      AuditRules  `yaml:"audit"`
	// Leaders are the department's leaders (lãnh đạo Sở), for the leaders page (law.go).
	Leaders []Leader `yaml:"leaders"`
	// AccessToInformation is the list of information to be made public (danh mục thông tin
	// phải được công khai) of the "Tiếp cận thông tin" page (law.go).
	AccessToInformation []InformationItem `yaml:"access_to_information"`
	// Compliance lists the sections the law requires of the site (law.go).
	Compliance []Requirement `yaml:"compliance"`
	Legal      Legal         `yaml:"legal"`

	// File is the name the configuration was read from, for messages.
	File string `yaml:"-"`
	// Pos tells where each value stood in the file.
	Pos strictyaml.Positions `yaml:"-"`

	loc *time.Location     // made once by Parse; see Location
	cal *calendar.Calendar // made once by Parse; see WorkCalendar
}

// Site describes the website itself.
type Site struct {
	Title       string  `yaml:"title"`
	ShortTitle  string  `yaml:"short_title"`
	Authority   string  `yaml:"authority"` // the body above the department: "UBND tỉnh Bình Định"
	Publisher   string  `yaml:"publisher"`
	Description string  `yaml:"description"`
	BaseURL     string  `yaml:"base_url"`
	Language    string  `yaml:"language"`
	PageSize    int     `yaml:"page_size"`
	HomeItems   int     `yaml:"home_items"`
	Contact     Contact `yaml:"contact"`
	Licence     string  `yaml:"licence"` // the operating licence line every government site shows
	// Responsible is the person who answers for the site's content (người chịu trách nhiệm
	// chính), named in every page's footer as a licensed site must.
	Responsible Responsible `yaml:"responsible"`
	// Favicon is the site path of the site's icon, a file under static/ ("/favicon.png").
	Favicon string `yaml:"favicon"`
	// Maintenance is a planned suspension of the site, announced on every page (law.go).
	Maintenance *Maintenance `yaml:"maintenance"`
	// InformationContact is the contact point for requests for information (người làm đầu
	// mối tiếp nhận yêu cầu cung cấp thông tin), on the "Tiếp cận thông tin" page (law.go).
	InformationContact InformationContact `yaml:"information_contact"`
	// PublicContacts are other offices' published phone numbers, e-mail addresses and street
	// addresses that answers to citizens may cite (the provincial public-service centre): the
	// personal-data check lets them through like the department's own.
	PublicContacts []string `yaml:"public_contacts"`
}

// Responsible is the person responsible for the site's content: a name and their position,
// e.g. "Trịnh Xuân Long", "Phó Giám đốc Sở, Trưởng Ban Biên tập".
type Responsible struct {
	Name     string `yaml:"name"`
	Position string `yaml:"position"`
}

// Contact is the department's public contact information.
type Contact struct {
	Address string `yaml:"address"`
	Phone   string `yaml:"phone"`
	Fax     string `yaml:"fax"`
	Email   string `yaml:"email"`
	Hours   string `yaml:"hours"`
}

// Board is the editorial board and its secretariat.
type Board struct {
	Decree   BoardDecree `yaml:"decision"`
	Notice   string      `yaml:"notice"` // content path of the assignment notice, if published
	Members  []Member    `yaml:"members"`
	Absences []Absence   `yaml:"absences"`
}

// BoardDecree is the legal basis of the board: the decision (quyết định) that set it up.
type BoardDecree struct {
	Number string        `yaml:"number"`
	Date   calendar.Date `yaml:"date"`
	Issuer string        `yaml:"issuer"`
	Title  string        `yaml:"title"`
}

// Role is a member's role on the board.
type Role string

const (
	RoleHead              Role = "head"               // Trưởng ban
	RoleDeputy            Role = "deputy"             // Phó Trưởng ban
	RoleSecretariatLeader Role = "secretariat-leader" // Tổ trưởng Tổ Thư ký
	RoleSecretariatMember Role = "secretariat-member" // Thành viên (thường trực) Tổ Thư ký
)

// Roles lists the valid roles in the order the board page shows them.
var Roles = []Role{RoleHead, RoleDeputy, RoleSecretariatLeader, RoleSecretariatMember}

// RoleNames are the Vietnamese names of the roles.
var RoleNames = map[Role]string{
	RoleHead:              "Trưởng ban",
	RoleDeputy:            "Phó Trưởng ban",
	RoleSecretariatLeader: "Tổ trưởng Tổ Thư ký",
	RoleSecretariatMember: "Thành viên Tổ Thư ký",
}

// Member is a person on the board or the secretariat.
type Member struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Position string   `yaml:"position"`
	Unit     string   `yaml:"unit"`
	GitHub   string   `yaml:"github"`
	Roles    []Role   `yaml:"roles"`
	Duties   []string `yaml:"duties"`
}

// Has reports whether the member holds role r.
func (m Member) Has(r Role) bool {
	for _, x := range m.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// IsSecretariat reports whether the member belongs to the secretariat (leader or member):
// the people whose approving review counts as verification (xác thực).
func (m Member) IsSecretariat() bool {
	return m.Has(RoleSecretariatLeader) || m.Has(RoleSecretariatMember)
}

// Absence is a period when a member is away; their review work goes to the other approvers.
type Absence struct {
	Member string        `yaml:"member"`
	From   calendar.Date `yaml:"from"`
	To     calendar.Date `yaml:"to"`
	Reason string        `yaml:"reason"`
}

// Unit is a department (phòng chuyên môn) or attached unit (đơn vị trực thuộc).
type Unit struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	Kind string `yaml:"kind"` // "phong" or "don-vi"
	Head string `yaml:"head"`
	// HeadTitle is the head's title as the unit's own statute writes it, "Chánh Văn phòng",
	// "Chánh Thanh tra", "Chi cục trưởng", with "Quyền" when the head is acting
	// ("Quyền Chánh Văn phòng"): the organisation page shows it before the head's name.
	HeadTitle string `yaml:"head_title"`
	Phone     string `yaml:"phone"`
	Duties    string `yaml:"duties"`
}

// Author is someone who writes articles.
type Author struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	Unit   string `yaml:"unit"`
	GitHub string `yaml:"github"`
}

// CategoryKind is what articles of a category are, which decides their required fields.
type CategoryKind string

const (
	KindNews     CategoryKind = "news"     // tin, bài
	KindResearch CategoryKind = "research" // nghiên cứu, trao đổi
	KindLegal    CategoryKind = "legal"    // văn bản
	KindQA       CategoryKind = "qa"       // hỏi đáp
	KindReply    CategoryKind = "reply"    // trả lời công dân
	KindGallery  CategoryKind = "gallery"  // hình ảnh
	// KindProcedure is an administrative procedure (thủ tục hành chính) with its page on the
	// national public-service portal.
	KindProcedure CategoryKind = "procedure"
	// KindConsultation is a draft put out for comments (dự thảo lấy ý kiến), open between two
	// dates.
	KindConsultation CategoryKind = "consultation"
	// KindDisclosure is a public disclosure (công khai) of budget, public investment or
	// procurement, with its document.
	KindDisclosure CategoryKind = "disclosure"
)

// Kinds lists the valid kinds.
var Kinds = []CategoryKind{KindNews, KindResearch, KindLegal, KindQA, KindReply, KindGallery, KindProcedure, KindConsultation, KindDisclosure}

// Category is a chuyên mục: a folder under content/ with its approvers.
type Category struct {
	Folder       string       `yaml:"folder"`
	Name         string       `yaml:"name"`
	Kind         CategoryKind `yaml:"kind"`
	Description  string       `yaml:"description"`
	Verification bool         `yaml:"verification"`
	Approvers    []Approver   `yaml:"approvers"`
}

// Approver is a board member who may approve an area, with their deadline.
type Approver struct {
	Member       string `yaml:"member"`
	DeadlineDays int    `yaml:"deadline_days"`
}

// Areas are the two areas that are not categories.
type Areas struct {
	Governance Area `yaml:"governance"`
	Technical  Area `yaml:"technical"`
}

// Area is a set of repository paths with its approvers. Paths ending in "/" are folders.
type Area struct {
	Name      string     `yaml:"name"`
	Paths     []string   `yaml:"paths"`
	Approvers []Approver `yaml:"approvers"`
}

// Legal describes the legal documents (văn bản) the site publishes.
type Legal struct {
	// DocTypes are the document types (hình thức văn bản) an article may name; empty means
	// bbtgen's own list (content.DocTypes).
	DocTypes []string `yaml:"doc_types"`
}

// AuditRules configure bbtgen audit.
type AuditRules struct {
	// Since is the commit of the publishing branch where the review policy began: a plain
	// bbtgen audit checks every commit after it (by position on the first-parent history,
	// never by date).
	Since string `yaml:"since"`
}

// ReviewRules are the rules of the review process that are not per area.
type ReviewRules struct {
	// PublishingBranch is the branch the site is built and published from.
	PublishingBranch string `yaml:"publishing_branch"`
	// VerifyDeadlineDays is the secretariat's deadline to verify a submitted article.
	VerifyDeadlineDays int `yaml:"verify_deadline_days"`
	// PublishDeadlineDays is the deadline to merge an approved pull request: 0 means the same
	// working day ("đảm bảo đăng trong ngày tiếp nhận").
	PublishDeadlineDays int `yaml:"publish_deadline_days"`
	// Publish is how an approved pull request reaches the branch: "auto" (bbtgen merges it as
	// soon as the gate finds it mergeable and its publish_at, if any, has come) or "manual"
	// (the secretariat presses merge).
	Publish string `yaml:"publish"`
	// HoldLabel is the label that holds a pull request back from automatic publication.
	HoldLabel string `yaml:"hold_label"`
}

// Publication modes of review.publish.
const (
	PublishAuto   = "auto"
	PublishManual = "manual"
)

// Calendar is the working-day calendar: weekends, public holidays and make-up working days.
type Calendar struct {
	Timezone    string      `yaml:"timezone"`
	OfficeHours OfficeHours `yaml:"office_hours"`
	Holidays    []DayOff    `yaml:"holidays"`
	WorkingDays []DayOff    `yaml:"working_days"` // make-up Saturdays (làm bù)
}

// OfficeHours bound the working day.
type OfficeHours struct {
	Start Clock `yaml:"start"`
	End   Clock `yaml:"end"`
}

// DayOff is a holiday (or a make-up working day): one date, or a range from..to inclusive.
type DayOff struct {
	Date calendar.Date `yaml:"date"`
	From calendar.Date `yaml:"from"`
	To   calendar.Date `yaml:"to"`
	Name string        `yaml:"name"`
}

// Days returns every date the entry covers.
func (d DayOff) Days() []calendar.Date {
	if !d.Date.IsZero() {
		return []calendar.Date{d.Date}
	}
	var out []calendar.Date
	for x := d.From; !x.After(d.To) && len(out) < 366; x = x.AddDays(1) {
		out = append(out, x)
	}
	return out
}

// Clock is a time of day, "17:00".
type Clock struct{ Hour, Minute int }

// UnmarshalScalar reads "HH:MM".
func (c *Clock) UnmarshalScalar(value, _ string) error {
	t, err := time.Parse("15:04", value)
	if err != nil {
		return fmt.Errorf("%q is not a time of day: write it as HH:MM, e.g. 17:00", value)
	}
	c.Hour, c.Minute = t.Hour(), t.Minute()
	return nil
}

func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// Royalty holds the royalty (nhuận bút) rules.
type Royalty struct {
	PaymentDays int            `yaml:"payment_days"`
	Split       string         `yaml:"split"` // "equal"
	Tables      []RoyaltyTable `yaml:"tables"`
}

// RoyaltyKind is the genre a royalty coefficient applies to.
type RoyaltyKind string

const (
	RoyaltyNews     RoyaltyKind = "news"     // tin
	RoyaltyArticle  RoyaltyKind = "article"  // bài viết
	RoyaltyResearch RoyaltyKind = "research" // nghiên cứu, trao đổi
	RoyaltyQA       RoyaltyKind = "qa"       // trả lời hỏi đáp, trả lời bạn đọc
	RoyaltyPhoto    RoyaltyKind = "photo"    // ảnh, per photo
	RoyaltyLegal    RoyaltyKind = "legal"    // đăng văn bản
)

// RoyaltyKinds lists the valid royalty kinds.
var RoyaltyKinds = []RoyaltyKind{RoyaltyNews, RoyaltyArticle, RoyaltyResearch, RoyaltyQA, RoyaltyPhoto, RoyaltyLegal}

// RoyaltyTable is a rate table in force from a date until the next table's date.
type RoyaltyTable struct {
	From         calendar.Date           `yaml:"from"`
	Basis        string                  `yaml:"basis"`
	UnitValue    int64                   `yaml:"unit_value"` // đồng per coefficient point
	Coefficients map[RoyaltyKind]Decimal `yaml:"coefficients"`
	Caps         map[RoyaltyKind]Decimal `yaml:"caps"`
}

// Decimal is a non-negative number with up to three decimals, kept exactly as thousandths,
// so that money computed from it does not drift.
type Decimal int64

// ParseDecimal reads "1.5", "10", "0.125".
func ParseDecimal(s string) (Decimal, error) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" || len(frac) > 3 || strings.HasPrefix(whole, "-") || strings.HasPrefix(whole, "+") {
		return 0, fmt.Errorf("%q is not a number with at most three decimals", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e12 {
		return 0, fmt.Errorf("%q is not a number with at most three decimals", s)
	}
	f := int64(0)
	if frac != "" {
		f, err = strconv.ParseInt((frac + "00")[:3], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number with at most three decimals", s)
		}
	}
	return Decimal(w*1000 + f), nil
}

// UnmarshalScalar lets strict YAML decoding read decimals.
func (d *Decimal) UnmarshalScalar(value, tag string) error {
	if tag != "!!int" && tag != "!!float" {
		return fmt.Errorf("%q is not a number", value)
	}
	v, err := ParseDecimal(value)
	*d = v
	return err
}

func (d Decimal) String() string {
	s := fmt.Sprintf("%d.%03d", int64(d)/1000, int64(d)%1000)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// MarshalText writes the decimal as a plain number.
func (d Decimal) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// MarshalJSON writes the decimal as a JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }
