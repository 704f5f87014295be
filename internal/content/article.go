// Package content is the article model of a bbtgen site: Markdown files under
// content/<category>/ with YAML front matter, the fields each kind of article needs, and the
// rules that keep a page in its own category (chuyên mục), in NFC Vietnamese, and free of raw
// HTML. It reads files through an io/fs.FS and never touches the operating system itself, so
// the same checks run on a working tree, on a Git tree or on files fetched from GitHub.
//
// Glossary: article = bài viết / tin; category = chuyên mục; unit = đơn vị; author = tác giả;
// legal document = văn bản; Q&A = hỏi đáp; citizen reply = trả lời công dân;
// gallery = hình ảnh; draft = bản nháp.
package content

import (
	"bytes"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/strictyaml"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// Dir is the folder that holds the content, relative to the site root.
const Dir = "content"

// FrontMatter is every key an article may carry. Which ones are required depends on the
// category's kind; keys not listed here are refused, so that nothing unexpected (a menu entry,
// a layout, a cascade) can ride along with an article.
type FrontMatter struct {
	// ID is the article's stable identity, "bbt-" and 16 hexadecimal digits, written by bbtgen
	// new and the Git CMS: the royalty ledger knows the article by it through moves, removals
	// and restorations, so that it is paid once.
	ID      string    `yaml:"id"`
	Title   string    `yaml:"title"`
	Date    Timestamp `yaml:"date"`
	Lastmod Timestamp `yaml:"lastmod"`
	Draft   bool      `yaml:"draft"`
	// PublishAt (hẹn giờ đăng) holds an approved article back until then: its pull request
	// is merged only from that time on, so nothing of it is public before.
	PublishAt Timestamp `yaml:"publish_at"`
	Authors   []string  `yaml:"authors"`
	Unit      string    `yaml:"unit"`
	Summary   string    `yaml:"summary"`
	Tags      []string  `yaml:"tags"`
	Image     string    `yaml:"image"`
	ImageAlt  string    `yaml:"image_alt"`

	// Keys that decide where a page is published; they must stay inside the category.
	Slug    string   `yaml:"slug"`
	URL     string   `yaml:"url"`
	Aliases []string `yaml:"aliases"`
	Outputs []string `yaml:"outputs"`

	// Legal documents (văn bản).
	Number     string        `yaml:"number"`
	DocType    string        `yaml:"doc_type"`
	Issuer     string        `yaml:"issuer"`
	Signer     string        `yaml:"signer"`
	Issued     calendar.Date `yaml:"issued"`
	Effective  calendar.Date `yaml:"effective"`
	Attachment string        `yaml:"attachment"`
	// Status is whether the document is in force (tình trạng hiệu lực), one of LegalStatuses;
	// optional: a document whose status nobody has checked shows none.
	Status string `yaml:"status"`

	// Q&A and citizen replies (hỏi đáp, trả lời công dân).
	Question   string        `yaml:"question"`
	Asker      string        `yaml:"asker"`
	AnswerUnit string        `yaml:"answer_unit"`
	Answered   calendar.Date `yaml:"answered"`

	// Consent (kinds qa and reply): the verifier has confirmed that the asker agreed to the
	// publication of what touches their religion, health or discipline, or that nothing in it
	// identifies them. It silences the sensitive-topic warning, nothing else (privacy.go).
	Consent bool `yaml:"consent"`

	// Photo galleries (hình ảnh).
	Images []Image `yaml:"images"`
	Credit string  `yaml:"credit"`

	// Administrative procedures (thủ tục hành chính, kinds.go). The title is the procedure's
	// name as the national database writes it.
	Code     string `yaml:"code"`     // mã thủ tục in the national database, "1.001612"
	Level    string `yaml:"level"`    // one of ProcedureLevels
	Field    string `yaml:"field"`    // lĩnh vực, "Tôn giáo"
	Portal   string `yaml:"portal"`   // its page on the national public-service portal
	Fee      string `yaml:"fee"`      // phí, lệ phí, as text
	Duration string `yaml:"duration"` // thời hạn giải quyết, as text

	// Drafts put out for comments (dự thảo lấy ý kiến, kinds.go); the draft is the
	// attachment.
	Opens        calendar.Date `yaml:"opens"`
	Closes       calendar.Date `yaml:"closes"`
	HowToComment string        `yaml:"how_to_comment"`

	// Public disclosures (công khai, kinds.go); the document is the attachment.
	Year           int    `yaml:"year"`
	DisclosureType string `yaml:"disclosure_type"` // one of DisclosureTypes

	// Royalty override, set by the secretariat.
	Royalty *RoyaltyOverride `yaml:"royalty"`
}

// Image is one photo of a gallery.
type Image struct {
	Src     string `yaml:"src"`
	Caption string `yaml:"caption"`
	Credit  string `yaml:"credit"`
}

// RoyaltyOverride replaces the royalty kind or coefficient the category would give, and the
// co-authors' equal shares.
type RoyaltyOverride struct {
	Kind        config.RoyaltyKind `yaml:"kind"`
	Coefficient config.Decimal     `yaml:"coefficient"`
	// Shares are the co-authors' shares in percent, as they agreed (Decree 18/2014/NĐ-CP,
	// art. 4(6)): every author once, adding up to 100. Without it they share equally.
	Shares map[string]config.Decimal `yaml:"shares"`
}

// PageFrontMatter is the front matter of pages that are not articles: the home page text,
// the introduction pages (giới thiệu) and a category's own _index.md.
type PageFrontMatter struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	Weight  int    `yaml:"weight"`
	Layout  string `yaml:"layout"`
	Draft   bool   `yaml:"draft"`
}

// Timestamp is a publication moment: "2026-11-20T09:00:00+07:00", or a date alone
// ("2026-11-20"), which means the start of that day in Vietnam.
type Timestamp struct {
	time.Time
	DateOnly bool
}

// Zone is the offset every timestamp must carry: Vietnam, UTC+7, no daylight saving.
var Zone = time.FixedZone("+07:00", 7*3600)

// UnmarshalScalar reads a timestamp and insists on the +07:00 zone.
func (t *Timestamp) UnmarshalScalar(value, _ string) error {
	if d, err := time.ParseInLocation(time.DateOnly, value, Zone); err == nil {
		*t = Timestamp{Time: d, DateOnly: true}
		return nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05Z07:00"} {
		v, err := time.Parse(layout, value)
		if err != nil {
			continue
		}
		if _, off := v.Zone(); off != 7*3600 {
			return sentenceError{diag.T("%q is not in Vietnam's time zone: end it with +07:00, e.g. %s", value, v.In(Zone).Format(time.RFC3339))}
		}
		*t = Timestamp{Time: v.In(Zone)}
		return nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if _, err := time.Parse(layout, value); err == nil {
			return sentenceError{diag.T("%q has no time zone: add +07:00, e.g. %sT09:00:00+07:00", value, value[:10])}
		}
	}
	if len(value) >= 10 {
		if _, err := time.Parse(time.DateOnly, value[:10]); err != nil && strings.Count(value[:10], "-") == 2 {
			return sentenceError{diag.T("%q is not a real date", value)}
		}
	}
	if d, ok := calendar.DayMonthYear(value); ok {
		return sentenceError{diag.T("%q is written day/month/year: write %s (year-month-day), or %sT09:00:00+07:00 with the time", value, d, d)}
	}
	return sentenceError{diag.T("%q is not a date: write 2026-11-25T09:00:00+07:00 or 2026-11-25", value)}
}

// sentenceError is an error whose text is a sentence of the message catalog, so that whoever
// reports it (strictyaml, for a Timestamp) can print it in its reader's language: Sentence is
// the sentence, Error the same in English.
type sentenceError struct{ text diag.Text }

func (e sentenceError) Error() string { return e.text.String() }

// Sentence is the error's sentence, for the message catalog.
func (e sentenceError) Sentence() diag.Text { return e.text }

// Doc is a content file split into its parts.
type Doc struct {
	// Path is the file's path relative to the site root, with slashes: content/van-ban/2026/x.md.
	Path string
	// Node is the parsed front matter, for positions.
	Node *yaml.Node
	// FrontLine is the file line of the first front-matter line (the line after "---").
	FrontLine int
	// Body is the Markdown after the front matter; BodyLine is its first line in the file.
	Body     []byte
	BodyLine int
	// Pos maps front-matter paths to file positions (already shifted by FrontLine).
	Pos strictyaml.Positions
	// Bad are the front-matter keys that could not be read (a wrong type, a date written
	// otherwise): their own error is reported once, not again as "required".
	Bad map[string]bool

	// raw is the whole file and front its front matter, from parseFile until verify.
	raw, front []byte
}

// Article is an article of a category.
type Article struct {
	Doc
	FrontMatter
	// Category is the folder under content/ (the chuyên mục).
	Category string
}

// Page is a page that is not an article.
type Page struct {
	Doc
	PageFrontMatter
}

// Split separates YAML front matter from the body. It checks the bytes first: valid UTF-8,
// NFC, a "---" fence; and that Hugo reads the front matter as bbtgen does.
func Split(path string, data []byte) (*Doc, diag.List) {
	doc, problems := parseFile(path, data)
	if doc == nil {
		return nil, problems
	}
	nfc, differs := doc.verify()
	problems = append(nfc, problems...)
	if len(differs) > 0 {
		return nil, append(problems, differs...)
	}
	return doc, problems
}

// parseFile is the part of Split that reads: it separates and parses the front matter and
// refuses what cannot be read. The Doc keeps the file's bytes for verify, the part that only
// judges; a file refused here gets its NFC problem at once.
func parseFile(path string, data []byte) (*Doc, diag.List) {
	doc, problems := splitFront(path, data)
	if doc == nil && vntext.InvalidUTF8(data) < 0 {
		problems = append(nfcProblems(path, data), problems...)
	}
	return doc, problems
}

// verify judges a Doc from parseFile without changing what was read: whether its text is NFC,
// and whether Hugo's YAML library reads the front matter as bbtgen's does (differs: the file
// must not be used). It releases the file's bytes.
func (d *Doc) verify() (nfc, differs diag.List) {
	data, front := d.raw, d.front
	d.raw, d.front = nil, nil
	nfc = nfcProblems(d.Path, data)
	if d.Node != nil {
		differs = compareWithHugo(d.Path, d.FrontLine, front, d.Node)
	}
	return nfc, differs
}

// nfcProblems reports text that is not in Unicode NFC.
func nfcProblems(path string, data []byte) diag.List {
	off := vntext.NotNFC(string(data))
	if off < 0 {
		return nil
	}
	line, col := vntext.Position(string(data), off)
	return diag.List{diag.Problemf(path, line, col, "nfc", "the text was typed or pasted decomposed; run bbtgen check --fix-nfc", "text is not in Unicode NFC (decomposed Vietnamese letters)")}
}

// splitFront is the part of Split that reads: it separates and parses the front matter,
// refusing what cannot be read; the Doc keeps the bytes for verify.
func splitFront(path string, data []byte) (*Doc, diag.List) {
	var problems diag.List
	refuseFile := func(line, col int, rule, hint, format string, args ...any) {
		problems.Add(diag.Problemf(path, line, col, rule, hint, format, args...))
	}
	if off := vntext.InvalidUTF8(data); off >= 0 {
		line, col := vntext.Position(string(data[:off]), off)
		refuseFile(line, col, "utf8", "save the file as UTF-8", "the file is not valid UTF-8")
		return nil, problems
	}
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		refuseFile(1, 1, "bom", "save the file as UTF-8 without BOM", "the file starts with a byte-order mark")
		return nil, problems
	}
	switch {
	case bytes.HasPrefix(data, []byte("+++")):
		refuseFile(1, 1, "front-matter", "bbtgen articles use YAML front matter between --- lines", "TOML front matter is not supported")
		return nil, problems
	case bytes.HasPrefix(data, []byte("{")):
		refuseFile(1, 1, "front-matter", "bbtgen articles use YAML front matter between --- lines", "JSON front matter is not supported")
		return nil, problems
	case !exactFence(data, 0):
		refuseFile(1, 1, "front-matter", "start the file with a line \"---\", the front matter, and another \"---\" (bbtgen new writes one for you)", "the file has no front matter")
		return nil, problems
	}
	// Where the front matter ends is decided by the rule of Hugo's lexer, the code that publishes.
	front, bodyStart, closeAt, err := hugoSplit(data)
	if err != nil {
		refuseFile(1, 1, "front-matter", "close the front matter with a line \"---\"", "the front matter is never closed")
		return nil, problems
	}
	closeLine := 1 + bytes.Count(data[:closeAt], []byte("\n"))
	if !exactFence(data, closeAt) {
		line, _, _ := bytes.Cut(data[closeAt:], []byte("\n"))
		refuseFile(closeLine, 1, RuleFence, "Hugo ends the front matter at any line that starts with \"---\"; write the closing line as exactly \"---\" (no spaces, tabs or comments after it)",
			"the line %q closes the front matter but is not exactly \"---\"", strings.TrimRight(string(line), "\r"))
		return nil, problems
	}
	doc := &Doc{Path: path, FrontLine: 2, Body: data[bodyStart:], BodyLine: closeLine + 1, raw: data, front: front}
	var node yaml.Node
	if err := yaml.Unmarshal(front, &node); err != nil {
		p := config.SyntaxProblem(path, 1, err)
		if p.Line == 0 {
			// yaml.v3 gives some scanner errors without a line; Hugo's YAML library knows it.
			p.Line, p.Column = hugoErrorPosition(front)
			if p.Line > 0 {
				p.Line += doc.FrontLine - 1
			}
		}
		problems.Add(p)
		return nil, problems
	}
	if more := yamlFeatures(path, doc.FrontLine, &node); len(more) > 0 {
		return nil, append(problems, more...)
	}
	doc.Node = &node
	return doc, problems
}

// decode decodes the front matter strictly into v and shifts positions to file lines.
func (d *Doc) decode(v any) diag.List {
	var problems diag.List
	if d.Node.Kind == 0 {
		d.Pos = strictyaml.Positions{"": {Line: 1, Column: 1}}
		return nil
	}
	pos, errs := strictyaml.Decode(d.Node, v)
	for k, p := range pos {
		p.Line += d.FrontLine - 1
		pos[k] = p
	}
	d.Pos = pos
	for _, e := range errs {
		problems.Add(diag.Problem{File: d.Path, Line: e.Line + d.FrontLine - 1, Column: e.Column, Rule: "front-matter-" + e.Rule,
			Message: e.Message, Hint: e.Hint, Text: e.Text, HintText: e.HintText})
		if d.Bad == nil {
			d.Bad = map[string]bool{}
		}
		d.Bad[e.Path] = true
	}
	return problems
}

// ParseArticle parses an article file of the given category.
func ParseArticle(path, category string, data []byte) (*Article, diag.List) {
	doc, problems := Split(path, data)
	if doc == nil {
		return nil, problems
	}
	a := &Article{Doc: *doc, Category: category}
	problems = append(problems, a.decode(&a.FrontMatter)...)
	return a, problems
}

// ParsePage parses a page that is not an article.
func ParsePage(path string, data []byte) (*Page, diag.List) {
	doc, problems := Split(path, data)
	if doc == nil {
		return nil, problems
	}
	p := &Page{Doc: *doc}
	problems = append(problems, p.decode(&p.PageFrontMatter)...)
	return p, problems
}

// At returns the file position of a front-matter key (or of the front matter itself).
func (d *Doc) At(key string) strictyaml.Pos {
	if d.Pos == nil {
		return strictyaml.Pos{Line: 1, Column: 1}
	}
	return d.Pos.At(key)
}
