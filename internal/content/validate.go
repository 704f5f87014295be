package content

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/strictyaml"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// MediaDir is where media files live; a category's media is under MediaDir/<folder>/, and
// front matter refers to them by their site path, /media/<folder>/….
const MediaDir = "static/media"

// DocTypes are the forms of legal documents (hình thức văn bản) a site lists when its
// config.yaml names none (legal.doc_types): the legal normative documents (Luật Ban hành văn
// bản quy phạm pháp luật), the administrative documents of Nghị định 30/2020, Phụ lục III, and
// those in common use in the Party's and the Government's practice.
var DocTypes = []string{"Hiến pháp", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Thông tư",
	"Thông tư liên tịch", "Kết luận", "Quy chế", "Quy định", "Thông cáo", "Thông báo", "Hướng dẫn", "Chương trình", "Kế hoạch",
	"Phương án", "Đề án", "Dự án", "Báo cáo", "Biên bản", "Tờ trình", "Hợp đồng", "Công văn", "Công điện", "Bản ghi nhớ",
	"Bản thỏa thuận", "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Thư công"}

// docTypes are the document types of the site: legal.doc_types of config.yaml, else DocTypes.
func (c *Checker) docTypes() []string {
	if len(c.Cfg.Legal.DocTypes) > 0 {
		return c.Cfg.Legal.DocTypes
	}
	return DocTypes
}

// LegalStatuses are the values of a legal document's status (tình trạng hiệu lực), in the
// order the site lists them, with the words the site shows for each.
var LegalStatuses = []struct{ Value, Name string }{
	{"con-hieu-luc", "Còn hiệu lực"},
	{"het-hieu-luc-mot-phan", "Hết hiệu lực một phần"},
	{"het-hieu-luc", "Hết hiệu lực"},
	{"chua-co-hieu-luc", "Chưa có hiệu lực"},
}

// LegalStatusName is the words the site shows for a status value, or "" for an unknown one.
func LegalStatusName(value string) string {
	for _, s := range LegalStatuses {
		if s.Value == value {
			return s.Name
		}
	}
	return ""
}

// abbr is one abbreviation of a document number: QĐ, SNV, TTg, UBND, TW.
const abbr = `\p{Lu}[\p{L}0-9]*`

var (
	// numberRE is a document number (số, ký hiệu) as Vietnamese documents write it: the number,
	// the year for legal normative documents, then the type and the issuer's abbreviations,
	// each starting with a capital and mixing cases where custom does (TTg = Thủ tướng):
	// 533/QĐ-SNV, 18/2014/NĐ-CP, 1664/QĐ-TTg, 26/CT-TTg, 03/CĐ-UBND; and the Party's form
	// with a hyphen before the type: 18-NQ/TW, 12-KL/TU.
	numberRE     = regexp.MustCompile(`^[0-9]{1,5}((/[0-9]{4})?/` + abbr + `(-` + abbr + `)*|-` + abbr + `/` + abbr + `(-` + abbr + `)*)$`)
	idRE         = regexp.MustCompile(`^bbt-[0-9a-f]{16}$`)
	imageExts    = []string{".jpg", ".jpeg", ".png", ".webp", ".gif"}
	documentExts = []string{".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".zip"}
)

// Checker validates articles and pages against the configuration.
type Checker struct {
	Cfg *config.Config
	// FS is the site root, used to verify that images and attachments exist. Nil skips that.
	FS fs.FS
	// Now is the current time, for warnings about dates in the future.
	Now time.Time

	// allowed are Cfg's own contacts (Allowed), made once for all the articles checked.
	allowedMu  sync.Mutex
	allowed    *AllowedContacts
	allowedFor *config.Config
}

// allowedContacts returns Allowed(c.Cfg), made on first use for this Cfg.
func (c *Checker) allowedContacts() *AllowedContacts {
	c.allowedMu.Lock()
	defer c.allowedMu.Unlock()
	if c.allowed == nil || c.allowedFor != c.Cfg {
		c.allowed, c.allowedFor = Allowed(c.Cfg), c.Cfg
	}
	return c.allowed
}

type report struct {
	doc      *Doc
	draft    bool
	problems diag.List
}

// bodyKey names the body in report positions.
const bodyKey = "\x00body"

// add reports an error at a front-matter key; hint is a sentence of the catalog without
// arguments (addHint takes one with arguments), format and args the message's.
func (r *report) add(key, rule, hint, format string, args ...any) {
	r.put(diag.Error, key, rule, diag.T(hint), format, args...)
}

// warn reports a warning at a front-matter key.
func (r *report) warn(key, rule, hint, format string, args ...any) {
	r.put(diag.Warning, key, rule, diag.T(hint), format, args...)
}

// addHint reports an error whose hint has arguments: diag.T(format, args...).
func (r *report) addHint(key, rule string, hint diag.Text, format string, args ...any) {
	r.put(diag.Error, key, rule, hint, format, args...)
}

// warnHint reports a warning whose hint has arguments.
func (r *report) warnHint(key, rule string, hint diag.Text, format string, args ...any) {
	r.put(diag.Warning, key, rule, hint, format, args...)
}

// put reports a problem at a front-matter key (or the body) and tells whether it did.
func (r *report) put(sev diag.Severity, key, rule string, hint diag.Text, format string, args ...any) bool {
	if rule == "required" && r.doc.Bad[key] {
		return false // the key is there but unreadable: its own error says so, once
	}
	pos := r.doc.At(key)
	if key == bodyKey {
		pos.Line, pos.Column = r.doc.BodyLine, 1
	}
	p := diag.Problemf(r.doc.Path, pos.Line, pos.Column, rule, "", format, args...).WithHint(hint.Format, hint.Args...)
	p.Severity = sev
	r.problems.Add(p)
	return true
}

// missing reports a required field, what it is in the words of the catalog. In a draft it is
// a warning: a draft may be unfinished, but it is told what publishing will need.
func (r *report) missing(key string, what diag.Text) {
	if r.draft {
		r.warn(key, "required", "fill it in before publishing", "%s is empty; a published article needs it", what)
		return
	}
	r.add(key, "required", "fill it in before publishing", "%s is required", what)
}

// Article checks one article.
func (c *Checker) Article(a *Article) diag.List {
	r := &report{doc: &a.Doc, draft: a.Draft}
	cat, ok := c.Cfg.Category(a.Category)
	if !ok {
		r.addHint("", "category", diag.T("categories: %s", strings.Join(c.Cfg.CategoryFolders(), ", ")), "%q is not a category folder", a.Category)
		return r.problems
	}
	fm := &a.FrontMatter
	// The id (written by bbtgen new and the Git CMS) lets the royalty ledger know a moved or
	// restored article. Articles written before it have none and are followed by their text:
	// no warning, since an author cannot act on it.
	if fm.ID != "" && !idRE.MatchString(fm.ID) {
		r.add("id", "id", "write bbt- and 16 hexadecimal digits (0-9, a-f), e.g. bbt-3f9a1c2e7b4d5a60; never copy another article's id",
			"id %q is not bbt- followed by 16 hexadecimal digits", fm.ID)
	}
	if strings.TrimSpace(fm.Title) == "" {
		r.add("title", "required", "write the headline as title: \"…\"", "title is required")
	} else if n := utf8.RuneCountInString(fm.Title); n > 250 {
		r.add("title", "title", "shorten it; put details in the summary", "title is %d characters long (at most 250)", n)
	}
	if fm.Date.IsZero() {
		r.add("date", "required", "write the publication time, e.g. date: 2026-11-25T09:00:00+07:00", "date is required")
	} else if !c.Now.IsZero() && fm.Date.After(c.Now) && !a.Draft {
		r.warn("date", "future", "it will appear on the site only from then on", "date %s is in the future", fm.Date.Format(time.RFC3339))
	}
	if !fm.Lastmod.IsZero() && !fm.Date.IsZero() && fm.Lastmod.Before(fm.Date.Time) {
		r.add("lastmod", "date-order", "", "lastmod is earlier than date")
	}
	c.people(r, fm)
	c.placement(r, a)
	switch cat.Kind {
	case config.KindNews, config.KindResearch:
		if strings.TrimSpace(fm.Summary) == "" {
			r.missing("summary", diag.T("summary (the sapo shown in lists)"))
		}
		if len(strings.TrimSpace(string(a.Body))) == 0 {
			r.missing(bodyKey, diag.T("the article text"))
		}
	case config.KindLegal:
		c.legal(r, a)
	case config.KindQA, config.KindReply:
		c.answer(r, a)
		c.privacy(r, a)
	case config.KindGallery:
		c.gallery(r, a)
	case config.KindProcedure:
		c.procedure(r, a)
	case config.KindConsultation:
		c.consultation(r, a)
	case config.KindDisclosure:
		c.disclosure(r, a)
	}
	c.kindFields(r, a, cat.Kind)
	c.royaltyShares(r, fm)
	if cat.Kind != config.KindLegal && fm.Status != "" {
		r.add("status", "legal-status", "remove it: status says whether a legal document is in force", "status is only for legal documents")
	}
	if fm.Image != "" {
		c.media(r, "image", fm.Image, a.Category, imageExts)
		if strings.TrimSpace(fm.ImageAlt) == "" {
			r.add("image", "alt", "describe the picture in image_alt for readers who cannot see it", "image has no image_alt text")
		}
	}
	if fm.Royalty != nil && fm.Royalty.Kind != "" && !slices.Contains(config.RoyaltyKinds, fm.Royalty.Kind) {
		r.add("royalty.kind", "royalty", "kinds: news, article, research, qa, photo, legal", "unknown royalty kind %q", fm.Royalty.Kind)
	}
	for i, tag := range fm.Tags {
		if strings.TrimSpace(tag) == "" || vntext.Slug(tag) == "" {
			r.add(fmt.Sprintf("tags[%d]", i), "tag", "", "tag %q has no letters or digits", tag)
		}
	}
	r.problems = append(r.problems, c.body(&a.Doc, a.Category)...)
	return r.problems
}

func (c *Checker) people(r *report, fm *FrontMatter) {
	if len(fm.Authors) == 0 {
		r.missing("authors", diag.T("authors (author ids from config.yaml)"))
	}
	seen := map[string]bool{}
	for i, id := range fm.Authors {
		key := fmt.Sprintf("authors[%d]", i)
		if _, ok := c.Cfg.Author(id); !ok {
			hint := diag.T("known: %s", closest(id, c.Cfg.AuthorIDs()))
			for _, au := range c.Cfg.Authors {
				if strings.EqualFold(vntext.NFC(strings.TrimSpace(id)), au.Name) {
					hint = diag.T("%s is %s in config.yaml: write authors: [%s]", au.Name, au.ID, au.ID)
				}
			}
			r.addHint(key, "author", hint, "unknown author %q", id)
		}
		if seen[id] {
			r.add(key, "author", "", "author %q is listed twice", id)
		}
		seen[id] = true
	}
	if fm.Unit == "" {
		r.missing("unit", diag.T("unit (the unit id from config.yaml)"))
	} else if _, ok := c.Cfg.Unit(fm.Unit); !ok {
		r.addHint("unit", "unit", unitHint(c.Cfg, fm.Unit), "unknown unit %q", fm.Unit)
	}
}

// unitHint suggests the id of a unit written by its name ("Văn phòng Sở" → van-phong), else
// the known ids nearest to what was written.
func unitHint(cfg *config.Config, written string) diag.Text {
	for _, u := range cfg.Units {
		if strings.EqualFold(vntext.NFC(strings.TrimSpace(written)), u.Name) {
			return diag.T("%s is %s in config.yaml: write %s", u.Name, u.ID, u.ID)
		}
	}
	return diag.T("known: %s", closest(written, cfg.UnitIDs()))
}

// numberHint says how to write a document number that is not one.
func numberHint(n string) diag.Text {
	switch {
	case strings.ContainsAny(n, " \t"):
		return diag.T("write it without spaces, as on the document, e.g. 533/QĐ-SNV")
	case n != "" && (n[0] < '0' || n[0] > '9'):
		return diag.T("it starts with the number, e.g. 533/QĐ-SNV, 18/2014/NĐ-CP, 18-NQ/TW")
	}
	return diag.T("write it as on the document: 533/QĐ-SNV, 18/2014/NĐ-CP, 1664/QĐ-TTg, 26/CT-TTg, or the Party's 18-NQ/TW (each abbreviation starts with a capital)")
}

// placement keeps a page inside its category: slug, url, aliases and outputs decide where a
// page is published, and an approver of one category must not be able to publish in another.
func (c *Checker) placement(r *report, a *Article) {
	fm := &a.FrontMatter
	prefix := "/" + a.Category + "/"
	if fm.Slug != "" && !vntext.IsSlug(fm.Slug) {
		hint := diag.T("use lowercase letters without diacritics, digits and hyphens")
		if s := vntext.Slug(fm.Slug); s != "" {
			hint = diag.T("write slug: %s", s)
		}
		r.addHint("slug", "slug", hint, "slug %q is not a plain slug", fm.Slug)
	}
	if fm.URL != "" {
		if p, ok := sitePath(fm.URL); !ok || !strings.HasPrefix(p, prefix) {
			r.addHint("url", RuleEscape, diag.T("a page of %s must stay under %s; remove url or start it with %s", a.Category, prefix, prefix),
				"url %q moves the page outside its category", fm.URL)
		}
	}
	for i, al := range fm.Aliases {
		if p, ok := sitePath(al); !ok || !strings.HasPrefix(p, prefix) {
			r.addHint(fmt.Sprintf("aliases[%d]", i), RuleEscape, diag.T("aliases must be absolute paths under %s", prefix),
				"alias %q lies outside the category", al)
		}
	}
	for i, o := range fm.Outputs {
		if !strings.EqualFold(o, "html") {
			r.add(fmt.Sprintf("outputs[%d]", i), RuleEscape, "articles are published as HTML only; remove outputs", "output format %q is not allowed", o)
		}
	}
}

// sitePath cleans an absolute site path; it refuses hosts, schemes, relative paths and "..".
func sitePath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\?#%") || strings.Contains(p, "..") {
		return "", false
	}
	clean := path.Clean(p)
	if clean != "/" {
		clean += "/"
	}
	return clean, true
}

func (c *Checker) legal(r *report, a *Article) {
	fm := &a.FrontMatter
	if fm.Number == "" {
		r.missing("number", diag.T("number (số ký hiệu, e.g. 533/QĐ-SNV)"))
	} else if !numberRE.MatchString(fm.Number) {
		r.addHint("number", "legal-number", numberHint(fm.Number), "%q is not a document number", fm.Number)
	}
	if fm.DocType == "" {
		r.missing("doc_type", diag.T("doc_type (hình thức văn bản)"))
	} else if types := c.docTypes(); !slices.Contains(types, fm.DocType) {
		hint := diag.T("one of: %s (legal.doc_types of config.yaml)", strings.Join(types, ", "))
		for _, t := range types {
			if strings.EqualFold(t, fm.DocType) {
				hint = diag.T("write %q", t)
			}
		}
		r.addHint("doc_type", "legal-type", hint, "unknown document type %q", fm.DocType)
	}
	if strings.TrimSpace(fm.Issuer) == "" {
		r.missing("issuer", diag.T("issuer (cơ quan ban hành)"))
	}
	if fm.Issued.IsZero() {
		r.missing("issued", diag.T("issued (ngày ban hành)"))
	}
	if fm.Effective.IsZero() {
		r.missing("effective", diag.T("effective (ngày hiệu lực)"))
	} else if !fm.Issued.IsZero() && fm.Effective.Before(fm.Issued) {
		r.add("effective", "date-order", "", "the document takes effect (%s) before it was issued (%s)", fm.Effective, fm.Issued)
	}
	if fm.Attachment == "" {
		r.missing("attachment", diag.T("attachment (the signed file, e.g. /media/van-ban/2026/533-qd-snv.pdf)"))
	} else {
		c.media(r, "attachment", fm.Attachment, a.Category, documentExts)
	}
	if strings.TrimSpace(fm.Summary) == "" {
		r.missing("summary", diag.T("summary (trích yếu)"))
	}
	if fm.Status != "" && LegalStatusName(fm.Status) == "" {
		var values []string
		for _, s := range LegalStatuses {
			values = append(values, fmt.Sprintf("%s (%s)", s.Value, s.Name))
		}
		hint := diag.T("write one of: %s; or leave status out", strings.Join(values, ", "))
		if s := vntext.Slug(fm.Status); LegalStatusName(s) != "" {
			hint = diag.T("write status: %s", s)
		}
		r.addHint("status", "legal-status", hint, "unknown status %q", fm.Status)
	}
}

func (c *Checker) answer(r *report, a *Article) {
	fm := &a.FrontMatter
	if strings.TrimSpace(fm.Question) == "" {
		r.missing("question", diag.T("question"))
	}
	if fm.Asker == "" {
		r.missing("asker", diag.T("asker (initials and a place, e.g. \"Ông N.V.A., phường Quy Nhơn\")"))
	} // what the asker may say: privacy.go
	if fm.AnswerUnit == "" {
		r.missing("answer_unit", diag.T("answer_unit (the unit that answers)"))
	} else if _, ok := c.Cfg.Unit(fm.AnswerUnit); !ok {
		r.addHint("answer_unit", "unit", unitHint(c.Cfg, fm.AnswerUnit), "unknown unit %q", fm.AnswerUnit)
	}
	if fm.Answered.IsZero() {
		r.missing("answered", diag.T("answered (the date of the answer)"))
	}
	if len(strings.TrimSpace(string(a.Body))) == 0 {
		r.missing(bodyKey, diag.T("the answer text"))
	}
}

func (c *Checker) gallery(r *report, a *Article) {
	fm := &a.FrontMatter
	if len(fm.Images) == 0 {
		r.missing("images", diag.T("images (each with src and caption)"))
	}
	for i, img := range fm.Images {
		key := fmt.Sprintf("images[%d]", i)
		if img.Src == "" {
			r.add(key, "required", "", "image %d has no src", i+1)
		} else {
			c.media(r, key+".src", img.Src, a.Category, imageExts)
		}
		if strings.TrimSpace(img.Caption) == "" {
			r.add(key, "alt", "the caption is also the text read to blind readers", "image %d has no caption", i+1)
		}
		if img.Credit == "" && fm.Credit == "" {
			r.add(key, "credit", "write credit: once for the gallery or on each image", "image %d has no credit (tác giả ảnh)", i+1)
		}
	}
}

// media checks a reference to a media file: under /media/<category>/, with a known
// extension, and present in the site.
func (c *Checker) media(r *report, key, ref, category string, exts []string) {
	prefix := "/media/" + category + "/"
	p, ok := sitePath(ref + "/")
	if !ok || !strings.HasPrefix(p, prefix) || strings.HasPrefix(ref, "//") {
		r.addHint(key, "media", diag.T("put the file under %s%s/ and write %s…", MediaDir, "/"+category, prefix), "%q is not a file of this category's media", ref)
		return
	}
	if ext := strings.ToLower(path.Ext(ref)); !slices.Contains(exts, ext) {
		r.addHint(key, "media", diag.T("allowed: %s", strings.Join(exts, " ")), "file type %q is not allowed here", ext)
		return
	}
	if c.FS == nil {
		return
	}
	if file, err := statMedia(c.FS, ref); err != nil {
		r.addHint(key, "media-missing", diag.T("add the file at %s or fix the path", file), "%s does not exist", file)
	}
}

// statMedia finds the file behind a site path such as /media/van-ban/2026/x.pdf: a regular
// file under static/.
func statMedia(fsys fs.FS, ref string) (string, error) {
	file := "static" + path.Clean("/"+ref)
	info, err := fs.Stat(fsys, file)
	if err == nil && !info.Mode().IsRegular() {
		err = fmt.Errorf("%s is not a regular file", file)
	}
	return file, err
}

// Page checks a page that is not an article.
func (c *Checker) Page(p *Page, inCategory bool) diag.List {
	r := &report{doc: &p.Doc, draft: p.Draft}
	if strings.TrimSpace(p.Title) == "" && !strings.HasSuffix(p.Path, "_index.md") {
		r.add("title", "required", "", "title is required")
	}
	if p.Layout != "" {
		if inCategory {
			r.add("layout", RuleEscape, "a category page uses the category's layout", "layout cannot be set inside a category")
		} else if !slices.Contains(PageLayouts, p.Layout) {
			r.addHint("layout", "layout", diag.T("layouts: %s", strings.Join(PageLayouts, ", ")), "unknown layout %q", p.Layout)
		}
	}
	r.problems = append(r.problems, c.body(&p.Doc, "")...)
	return r.problems
}

// PageLayouts are the special layouts a page outside the categories may ask for.
var PageLayouts = []string{"board", "units", "leaders", "contact", "search", "access"}

// closest lists the known ids nearest to id, at most eight, for hints.
func closest(id string, known []string) string {
	if len(known) <= 8 {
		return strings.Join(known, ", ")
	}
	type scored struct {
		id    string
		score int
	}
	var list []scored
	for _, k := range known {
		list = append(list, scored{k, strictyaml.Distance(strings.ToLower(id), strings.ToLower(k))})
	}
	slices.SortStableFunc(list, func(a, b scored) int { return a.score - b.score })
	out := make([]string, 0, 8)
	for _, s := range list[:8] {
		out = append(out, s.id)
	}
	return strings.Join(out, ", ") + ", …"
}
