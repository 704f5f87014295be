package site

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// hugoSettings is Hugo's whole configuration for one build: HugoConfig and the folders.
func hugoSettings(dir, out string, o Options) map[string]any {
	baseURL := o.Cfg.Site.BaseURL
	if o.BaseURL != "" {
		baseURL = o.BaseURL
	}
	m := HugoConfig(o.Cfg, baseURL)
	m["workingDir"] = dir
	m["publishDir"] = out
	m["resourceDir"] = filepath.Join(cacheDir(dir), "resources")
	m["cacheDir"] = filepath.Join(cacheDir(dir), "hugo")
	if o.generated != "" {
		mounts := m["module"].(map[string]any)["mounts"].([]map[string]any)
		m["module"] = map[string]any{"mounts": append(mounts, map[string]any{"source": o.generated, "target": "content"})}
	}
	bbt := m["params"].(map[string]any)["bbt"].(map[string]any)
	if o.NoIndex {
		bbt["noindex"] = true
	}
	// The build's own time, in Vietnam: what is open for comments is decided when the site is
	// built, and a suspension notice shows from the day it was announced until it is over.
	if !o.Now.IsZero() {
		bbt["now"] = o.Now.In(o.Cfg.Location()).Format(time.RFC3339)
		if mt := o.Cfg.Site.Maintenance; mt != nil && (o.Now.After(mt.To.Time) || o.Now.Before(mt.Announced.In(o.Cfg.Location()))) {
			bbt["maintenance"] = nil
		}
	}
	if o.Content != nil {
		if c := TermSlugs(o.Content); len(c) > 0 {
			m["cascade"] = c
		}
	}
	return m
}

// TermSlugs gives each tag's page (Hugo's term page) its address from bbtgen's slug,
// /tu-khoa/dao-tao-boi-duong/, where Hugo's urlize would keep "đ" (/tu-khoa/đao-tao-boi-duong/):
// one cascade entry per tag sets the slug the term permalink (/tu-khoa/:slug/) reads, matched
// on the path Hugo keeps the term page at (/tags/ and the tag, lowercased, spaces as hyphens).
// Two tags that Hugo keeps apart but that make the same slug ("hòa giải", "hoà giải") get
// -2, -3… in the order of their keys, so that neither page replaces the other. The entry also
// sets the page's title to the tag as first written: for a tag written "Sở" in one article and
// "sở" in another (one page for Hugo), Hugo would otherwise title the page with whichever it
// met first, which changes from one build of the same site to the next.
func TermSlugs(c *content.Site) []map[string]any {
	keys := map[string]string{} // Hugo's key of a tag → the tag as first written
	for _, a := range c.Articles {
		for _, t := range a.Tags {
			k := termKey(t)
			if _, ok := keys[k]; !ok && k != "" {
				keys[k] = t
			}
		}
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	used := map[string]bool{}
	var out []map[string]any
	for _, k := range sorted {
		base := vntext.Slug(keys[k])
		slug := base
		for i := 2; used[slug]; i++ {
			slug = fmt.Sprintf("%s-%d", base, i)
		}
		used[slug] = true
		out = append(out, map[string]any{
			"slug":   slug,
			"title":  keys[k],
			"target": map[string]any{"kind": "term", "path": "/tags/" + globQuote(k)},
		})
	}
	return out
}

// termKey is the name under /tags/ Hugo keeps a term's page at: its path parser lowercases
// and turns spaces into hyphens (common/paths.NormalizePathStringBasic).
func termKey(tag string) string {
	return strings.ReplaceAll(strings.ToLower(tag), " ", "-")
}

// globQuote escapes the characters Hugo's glob patterns (gobwas/glob) give a meaning.
func globQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]{}!\,-`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// HugoConfig is the Hugo configuration bbtgen derives from config.yaml (without folders).
// bench/ writes it as hugo.json to build the same site with the hugo program for comparison.
func HugoConfig(cfg *config.Config, baseURL string) map[string]any {
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return map[string]any{
		"baseURL":                    baseURL,
		"title":                      cfg.Site.Title,
		"locale":                     cfg.Site.Language,
		"titleCaseStyle":             "none",
		"pluralizeListTitles":        false,
		"defaultContentLanguage":     cfg.Site.Language,
		"timeZone":                   cfg.Calendar.Timezone,
		"noBuildLock":                true,
		"disableHugoGeneratorInject": true,
		"enableRobotsTXT":            true,
		"buildDrafts":                false,
		"buildFuture":                false,
		"buildExpired":               false,
		"enableGitInfo":              false,
		// Vietnamese titles would otherwise become URL paths with diacritics; every article
		// carries its own slug and file names are slugs, so nothing needs Hugo's urlize.
		"removePathAccents": true,
		"taxonomies":        map[string]any{"tag": "tags"},
		"permalinks": map[string]any{
			"taxonomy": map[string]any{"tags": "/tu-khoa/"},
			"term":     map[string]any{"tags": "/tu-khoa/:slug/"},
		},
		"pagination": map[string]any{"pagerSize": cfg.Site.PageSize, "path": "trang"},
		"services":   map[string]any{"rss": map[string]any{"limit": 30}},
		"markup": map[string]any{
			"goldmark": map[string]any{
				// Raw HTML in Markdown is never published; bbtgen check reports it.
				"renderer":   map[string]any{"unsafe": false},
				"extensions": map[string]any{"typographer": map[string]any{"disable": true}},
			},
			"highlight": map[string]any{"noClasses": false, "codeFences": false},
		},
		// The search index is not a Hugo output: bbtgen writes it after rendering, under
		// /tim-kiem/chi-muc/ (search.go).
		"outputs": map[string]any{
			"home":     []string{"html", "rss"},
			"section":  []string{"html", "rss"},
			"page":     []string{"html"},
			"taxonomy": []string{"html"},
			"term":     []string{"html"},
		},
		"minify": map[string]any{"minifyOutput": true},
		"module": map[string]any{"mounts": []map[string]any{
			{"source": "content", "target": "content"},
			{"source": "layouts", "target": "layouts"},
			{"source": "assets", "target": "assets"},
			{"source": "static", "target": "static"},
			// Media are copied as they are, and also mounted as assets so that the layouts
			// can make responsive sizes of images with Hugo's image processing.
			{"source": "static/media", "target": "assets/media"},
		}},
		"security": map[string]any{
			"exec": map[string]any{"allow": []string{"^$"}},
			"http": map[string]any{"urls": []string{"^$"}},
		},
		"params": params(cfg),
	}
}

// params hands the editorial data of config.yaml to the layouts: site.Params.bbt is
// Params, turned into the plain maps Hugo keeps its parameters in.
func params(cfg *config.Config) map[string]any {
	p := Params{
		ShortTitle:  cfg.Site.ShortTitle,
		Authority:   cfg.Site.Authority,
		Publisher:   cfg.Site.Publisher,
		Description: cfg.Site.Description,
		Licence:     cfg.Site.Licence,
		HomeItems:   cfg.Site.HomeItems,
		Contact: ContactParams{
			Address: cfg.Site.Contact.Address, Phone: cfg.Site.Contact.Phone, Fax: cfg.Site.Contact.Fax,
			Email: cfg.Site.Contact.Email, Hours: cfg.Site.Contact.Hours,
		},
		Decision: DecisionParams{
			Number: cfg.Board.Decree.Number, Issuer: cfg.Board.Decree.Issuer, Title: cfg.Board.Decree.Title,
			Date: vntext.OfficialDate(cfg.Board.Decree.Date.In(cfg.Location())),
		},
		Responsible:   ResponsibleParams{Name: cfg.Site.Responsible.Name, Position: cfg.Site.Responsible.Position},
		Notice:        cfg.Board.Notice,
		Members:       []MemberParams{},
		Categories:    []CategoryParams{},
		Units:         []UnitParams{},
		UnitNames:     map[string]string{},
		Authors:       map[string]AuthorParams{},
		LegalStatuses: map[string]string{},
	}
	for _, st := range content.LegalStatuses {
		p.LegalStatuses[st.Value] = st.Name
	}
	lawParams(cfg, &p)
	for _, m := range cfg.Board.Members {
		mp := MemberParams{
			ID: m.ID, Name: m.Name, Position: m.Position, Roles: []string{}, Duties: m.Duties,
			Secretariat: m.IsSecretariat(),
		}
		if u, ok := cfg.Unit(m.Unit); ok {
			mp.Unit = u.Name
		}
		for _, r := range config.Roles {
			if m.Has(r) {
				mp.Roles = append(mp.Roles, config.RoleNames[r])
			}
		}
		for _, c := range cfg.Categories {
			for _, a := range c.Approvers {
				if a.Member == m.ID {
					mp.Approves = append(mp.Approves, ApprovalParams{Name: c.Name, Folder: c.Folder, Days: a.DeadlineDays})
				}
			}
		}
		p.Members = append(p.Members, mp)
	}
	for _, c := range cfg.Categories {
		cp := CategoryParams{
			Folder: c.Folder, Name: c.Name, Kind: string(c.Kind), Description: c.Description,
			Verification: c.Verification,
		}
		for _, a := range c.Approvers {
			m, _ := cfg.Member(a.Member)
			cp.Approvers = append(cp.Approvers, ApproverParams{Name: m.Name, Position: m.Position, Days: a.DeadlineDays})
		}
		p.Categories = append(p.Categories, cp)
	}
	for _, u := range cfg.Units {
		p.Units = append(p.Units, UnitParams{ID: u.ID, Name: u.Name, Kind: u.Kind, Head: u.Head, HeadTitle: u.HeadTitle, Phone: u.Phone, Duties: u.Duties})
		p.UnitNames[u.ID] = u.Name
	}
	for _, a := range cfg.Authors {
		p.Authors[a.ID] = AuthorParams{Name: a.Name, Unit: a.Unit}
	}
	return map[string]any{"bbt": p.Map()}
}

// Params is site.Params.bbt: everything of config.yaml the layouts read, and the one place
// that says what a template may write after site.Params.bbt. The json name of each field is
// its key in the templates; Hugo lowercases parameter keys, so every name is lowercase
// (params_test.go checks that).
type Params struct {
	ShortTitle  string         `json:"shorttitle"`  // after the page title: "<title> – <shorttitle>"
	Authority   string         `json:"authority"`   // the body above the department, in the header
	Publisher   string         `json:"publisher"`   // Dublin Core publisher, the contact page
	Description string         `json:"description"` // a page's description when it has none
	Licence     string         `json:"licence"`     // the licence line of the footer
	HomeItems   int            `json:"homeitems"`   // latest items per category on the home page
	Contact     ContactParams  `json:"contact"`     // footer and contact page
	Decision    DecisionParams `json:"decision"`    // the board's legal basis, on the board page
	// Responsible is who answers for the content, named in the footer (both "" when not set).
	Responsible ResponsibleParams `json:"responsible"`
	// Notice is the content path of the assignment notice ("van-ban/2026/….md"), or "".
	Notice     string           `json:"notice"`
	Members    []MemberParams   `json:"members"`    // the board, in config.yaml's order
	Categories []CategoryParams `json:"categories"` // menu, home page, search, board page
	Units      []UnitParams     `json:"units"`      // the organisation page
	// UnitNames maps a unit id to its name: an article's unit and a reply's answer_unit.
	UnitNames map[string]string `json:"unitnames"`
	// Authors maps an author id to the author: an article's authors (partial authors.html).
	Authors map[string]AuthorParams `json:"authors"`
	// LegalStatuses maps a legal document's status (front matter status:) to the words shown,
	// "con-hieu-luc" → "Còn hiệu lực".
	LegalStatuses map[string]string `json:"legalstatuses"`
	// NoIndex asks search engines not to index the pages (a preview, bbtgen build --noindex);
	// always false from config.yaml.
	NoIndex bool `json:"noindex"`
	// Now is the time of the build in Vietnam (RFC 3339), "" outside a build: the status of a
	// consultation is computed with it (_partials/consultation-status.html).
	Now string `json:"now"`

	// What the law requires of the site (law.go): the favicon, a planned suspension, the
	// leaders, the list of information to be made public and its contact point, and the words
	// shown for the values of the kinds procedure, consultation and disclosure.
	Favicon              string             `json:"favicon"` // site path, "" when none
	Maintenance          *MaintenanceParams `json:"maintenance"`
	Leaders              []LeaderParams     `json:"leaders"`
	Access               []AccessParams     `json:"access"`
	InfoContact          InfoContactParams  `json:"infocontact"`
	ProcedureLevels      map[string]string  `json:"procedurelevels"`
	DisclosureTypes      []NamedParams      `json:"disclosuretypes"`
	ConsultationStatuses map[string]string  `json:"consultationstatuses"`
}

// ResponsibleParams is the person responsible for the content (người chịu trách nhiệm chính).
type ResponsibleParams struct {
	Name     string `json:"name"`
	Position string `json:"position"`
}

// ContactParams is the department's public contact information.
type ContactParams struct {
	Address string `json:"address"`
	Phone   string `json:"phone"`
	Fax     string `json:"fax"`
	Email   string `json:"email"`
	Hours   string `json:"hours"`
}

// DecisionParams is the decision (quyết định) that set up the board.
type DecisionParams struct {
	Number string `json:"number"`
	Issuer string `json:"issuer"`
	Title  string `json:"title"`
	Date   string `json:"date"` // written as official documents write it: "ngày 11 tháng 9 năm 2019"
}

// MemberParams is a member of the board or the secretariat.
type MemberParams struct {
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Position    string           `json:"position"`
	Unit        string           `json:"unit"`     // the unit's name, not its id
	Roles       []string         `json:"roles"`    // Vietnamese role names, in config.Roles order
	Duties      []string         `json:"duties"`   // nil when none
	Approves    []ApprovalParams `json:"approves"` // nil when the member approves no category
	Secretariat bool             `json:"secretariat"`
}

// ApprovalParams is a category a member approves, and their deadline in working days.
type ApprovalParams struct {
	Name   string `json:"name"`
	Folder string `json:"folder"`
	Days   int    `json:"days"`
}

// CategoryParams is a category (chuyên mục). Kind picks the body of its articles
// (layouts/_partials/article/<kind>.html) and, for a kind that lists differently, its list
// (layouts/_partials/section/<kind>.html).
type CategoryParams struct {
	Folder       string           `json:"folder"`
	Name         string           `json:"name"`
	Kind         string           `json:"kind"` // a config.CategoryKind
	Description  string           `json:"description"`
	Verification bool             `json:"verification"`
	Approvers    []ApproverParams `json:"approvers"`
}

// ApproverParams is who approves a category, and in how many working days.
type ApproverParams struct {
	Name     string `json:"name"`
	Position string `json:"position"`
	Days     int    `json:"days"`
}

// UnitParams is a department or attached unit.
type UnitParams struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Kind      string `json:"kind"` // "phong" or "don-vi"
	Head      string `json:"head"`
	HeadTitle string `json:"headtitle"` // "Chánh Văn phòng", "Quyền Trưởng phòng"…; "" when not set
	Phone     string `json:"phone"`
	Duties    string `json:"duties"`
}

// AuthorParams is someone who writes articles.
type AuthorParams struct {
	Name string `json:"name"`
	Unit string `json:"unit"` // the unit's id
}

// Map turns the parameters into the plain maps, slices, strings, numbers (float64) and
// booleans Hugo keeps parameters in, keyed by the json names: the same values Hugo reads when
// bench/ hands it this configuration as hugo.json.
func (p Params) Map() map[string]any {
	data, err := json.Marshal(p)
	if err != nil {
		panic(fmt.Sprintf("site parameters: %v", err)) // only strings, numbers, booleans, slices and maps
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		panic(fmt.Sprintf("site parameters: %v", err))
	}
	return m
}
