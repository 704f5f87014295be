package site

import (
	"strings"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
)

// MaintenanceParams is a planned suspension of the site, shown on every page from the day it
// was announced until it is over (hugoSettings leaves it out otherwise).
type MaintenanceParams struct {
	From    string `json:"from"` // "22:00 ngày 12/12/2026"
	To      string `json:"to"`
	Message string `json:"message"`
}

// LeaderParams is one of the department's leaders, on the leaders page.
type LeaderParams struct {
	Name      string   `json:"name"`
	Position  string   `json:"position"`
	Phone     string   `json:"phone"`
	Email     string   `json:"email"`
	Duties    []string `json:"duties"`
	Biography []string `json:"biography"` // paragraphs; nil when none
}

// AccessParams is one line of the list of information to be made public: where it is
// published is Page, a Hugo page path ("/van-ban", "/gioi-thieu/lich-su"), "" when not set.
type AccessParams struct {
	Title string `json:"title"`
	Basis string `json:"basis"`
	Form  string `json:"form"`
	Page  string `json:"page"`
}

// InfoContactParams is the contact point for requests for information.
type InfoContactParams struct {
	Unit     string `json:"unit"` // the unit's name
	Name     string `json:"name"`
	Position string `json:"position"`
	Phone    string `json:"phone"`
	Email    string `json:"email"`
	Address  string `json:"address"`
	Hours    string `json:"hours"`
}

// NamedParams is a value of front matter with the words shown for it, in the order listed.
type NamedParams struct {
	Value string `json:"value"`
	Name  string `json:"name"`
}

// lawParams fills the parameters of what the law requires of the site.
func lawParams(cfg *config.Config, p *Params) {
	s := cfg.Site
	p.Favicon = s.Favicon
	if m := s.Maintenance; m != nil && !m.From.IsZero() && !m.To.IsZero() {
		loc := cfg.Location()
		const short = "15:04 ngày 02/01/2006" // one line on a phone
		p.Maintenance = &MaintenanceParams{From: m.From.In(loc).Format(short), To: m.To.In(loc).Format(short), Message: m.Message}
	}
	p.Leaders = []LeaderParams{}
	for _, l := range cfg.Leaders {
		lp := LeaderParams{Name: l.Name, Position: l.Position, Phone: l.Phone, Email: l.Email, Duties: l.Duties}
		for _, para := range strings.Split(strings.ReplaceAll(l.Biography, "\r\n", "\n"), "\n\n") {
			if para = strings.Join(strings.Fields(para), " "); para != "" {
				lp.Biography = append(lp.Biography, para)
			}
		}
		p.Leaders = append(p.Leaders, lp)
	}
	p.Access = []AccessParams{}
	for _, it := range cfg.AccessToInformation {
		ap := AccessParams{Title: it.Title, Basis: it.Basis, Form: it.Form}
		if cfg.Section(it.Section) != config.SectionInvalid {
			ap.Page = config.SectionPagePath(it.Section)
		}
		p.Access = append(p.Access, ap)
	}
	ic := s.InformationContact
	p.InfoContact = InfoContactParams{Name: ic.Name, Position: ic.Position, Phone: ic.Phone, Email: ic.Email, Address: ic.Address, Hours: ic.Hours}
	if u, ok := cfg.Unit(ic.Unit); ok {
		p.InfoContact.Unit = u.Name
	}
	p.ProcedureLevels = map[string]string{}
	for _, l := range content.ProcedureLevels {
		p.ProcedureLevels[l.Value] = l.Name
	}
	p.DisclosureTypes = []NamedParams{}
	for _, t := range content.DisclosureTypes {
		p.DisclosureTypes = append(p.DisclosureTypes, NamedParams{t.Value, t.Name})
	}
	p.ConsultationStatuses = content.ConsultationStatusNames
}
