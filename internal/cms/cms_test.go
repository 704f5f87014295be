package cms

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// parsed is the generated configuration read back as Decap reads it: plain YAML.
type parsed struct {
	Backend struct {
		Name, Repo, Branch, BaseURL string
	} `yaml:"backend"`
	PublishMode string `yaml:"publish_mode"`
	Locale      string `yaml:"locale"`
	Collections []struct {
		Name         string           `yaml:"name"`
		Label        string           `yaml:"label"`
		Folder       string           `yaml:"folder"`
		Path         string           `yaml:"path"`
		Slug         string           `yaml:"slug"`
		Create       bool             `yaml:"create"`
		Delete       bool             `yaml:"delete"`
		MediaFolder  string           `yaml:"media_folder"`
		PublicFolder string           `yaml:"public_folder"`
		Fields       []map[string]any `yaml:"fields"`
	} `yaml:"collections"`
}

func generate(t *testing.T, cfg *config.Config, s Settings) parsed {
	t.Helper()
	data, err := Config(cfg, s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), Header) {
		t.Error("the file does not start with the header that says it is generated")
	}
	var p parsed
	if err := yaml.Unmarshal(data, &p); err != nil {
		t.Fatalf("the generated configuration is not YAML: %v", err)
	}
	return p
}

// requiredByKind are the fields the CMS must ask for, by kind, besides the common ones.
var requiredByKind = map[config.CategoryKind][]string{
	config.KindNews:         {"summary", "image", "image_alt", "body"},
	config.KindResearch:     {"summary", "image", "image_alt", "body"},
	config.KindLegal:        {"number", "doc_type", "issuer", "signer", "issued", "effective", "attachment", "summary"},
	config.KindQA:           {"question", "asker", "answer_unit", "answered", "body"},
	config.KindReply:        {"question", "asker", "answer_unit", "answered", "body"},
	config.KindGallery:      {"images", "credit"},
	config.KindProcedure:    {"summary", "code", "level", "field", "portal", "fee", "duration", "attachment", "body"},
	config.KindConsultation: {"summary", "attachment", "opens", "closes", "how_to_comment", "body"},
	config.KindDisclosure:   {"summary", "year", "disclosure_type", "attachment", "body"},
}

// allKinds is the fixture with a category of each kind it lacks (the kinds procedure,
// consultation and disclosure), as the repository's config.yaml has them.
func allKinds(t *testing.T) *config.Config {
	t.Helper()
	cfg := testfixture.Config(t)
	extra := map[config.CategoryKind]config.Category{
		config.KindProcedure:    {Folder: "thu-tuc-hanh-chinh", Name: "Thủ tục hành chính", Kind: config.KindProcedure},
		config.KindConsultation: {Folder: "lay-y-kien", Name: "Lấy ý kiến dự thảo", Kind: config.KindConsultation},
		config.KindDisclosure:   {Folder: "cong-khai", Name: "Công khai ngân sách, đầu tư, mua sắm", Kind: config.KindDisclosure},
	}
	for _, k := range config.Kinds {
		if !slices.ContainsFunc(cfg.Categories, func(c config.Category) bool { return c.Kind == k }) {
			c, ok := extra[k]
			if !ok {
				t.Fatalf("no category of kind %s to try", k)
			}
			cfg.Categories = append(cfg.Categories, c)
		}
	}
	return cfg
}

func TestConfig(t *testing.T) {
	cfg := allKinds(t)
	p := generate(t, cfg, Settings{Repo: "so-noi-vu/trang", AuthURL: "https://dang-nhap.example.gov.vn"})
	// The review policy cannot be weakened: every save is a pull request into the publishing
	// branch, reviewed like any other.
	if p.Backend.Name != "github" || p.Backend.Repo != "so-noi-vu/trang" || p.Backend.Branch != cfg.Review.PublishingBranch ||
		p.Backend.BaseURL != "" && p.Backend.BaseURL != "https://dang-nhap.example.gov.vn" {
		t.Errorf("backend: %+v", p.Backend)
	}
	if p.PublishMode != "editorial_workflow" || p.Locale != "vi" {
		t.Errorf("publish_mode %q, locale %q", p.PublishMode, p.Locale)
	}
	if len(Unsupported(cfg)) > 0 {
		t.Fatalf("the fixture has categories the CMS has no form for: %v", Unsupported(cfg))
	}
	if len(p.Collections) != len(cfg.Categories) {
		t.Fatalf("%d collections for %d categories", len(p.Collections), len(cfg.Categories))
	}
	for i, cat := range cfg.Categories {
		col := p.Collections[i]
		if col.Name != cat.Folder || col.Label != cat.Name || col.Folder != "content/"+cat.Folder ||
			col.Path != "{{year}}/{{slug}}" || col.Slug != "{{fields.slug}}" || !col.Create || col.Delete {
			t.Errorf("collection %s: %+v", cat.Folder, col)
		}
		if col.MediaFolder != "/static/media/"+cat.Folder+"/{{year}}" || col.PublicFolder != "/media/"+cat.Folder+"/{{year}}" {
			t.Errorf("collection %s: media %s, public %s", cat.Folder, col.MediaFolder, col.PublicFolder)
		}
		var names []string
		for _, f := range col.Fields {
			names = append(names, f["name"].(string))
			label, _ := f["label"].(string)
			if label == "" || label == f["name"] {
				t.Errorf("%s.%s has no Vietnamese label", cat.Folder, f["name"])
			}
		}
		for _, want := range append([]string{"title", "date", "draft", "authors", "unit", "slug", "id"}, requiredByKind[cat.Kind]...) {
			if !slices.Contains(names, want) {
				t.Errorf("collection %s (%s) lacks the field %s: %v", cat.Folder, cat.Kind, want, names)
			}
		}
		// Every field is a key bbtgen accepts in front matter (an unknown key is refused).
		known := frontMatterKeys()
		for _, n := range names {
			if n != "body" && !known[n] {
				t.Errorf("collection %s writes %s, which bbtgen check refuses", cat.Folder, n)
			}
		}
		for _, f := range col.Fields {
			switch f["name"] {
			case "authors":
				opts := f["options"].([]any)
				if len(opts) != len(cfg.Authors) || f["multiple"] != true {
					t.Errorf("authors: %d choices for %d authors", len(opts), len(cfg.Authors))
				}
				first := opts[0].(map[string]any)
				if first["value"] != cfg.Authors[0].ID || !strings.HasPrefix(first["label"].(string), cfg.Authors[0].Name) {
					t.Errorf("authors: the first choice is %v", first)
				}
			case "unit", "answer_unit":
				if opts := f["options"].([]any); len(opts) != len(cfg.Units) || opts[0].(map[string]any)["value"] != cfg.Units[0].ID {
					t.Errorf("%s: choices %v", f["name"], opts)
				}
			case "date", "publish_at":
				if f["format"] != "YYYY-MM-DDTHH:mm:ssZ" {
					t.Errorf("%s: format %v", f["name"], f["format"])
				}
			case "issued", "effective", "answered", "opens", "closes":
				if f["format"] != "YYYY-MM-DD" || f["time_format"] != false {
					t.Errorf("%s: format %v, time_format %v", f["name"], f["format"], f["time_format"])
				}
			case "asker":
				if hint, _ := f["hint"].(string); !strings.Contains(hint, "chữ viết tắt") || !strings.Contains(hint, "bbtgen check") {
					t.Errorf("asker: the hint does not say the rule the form cannot check: %q", hint)
				}
			case "image", "attachment":
				if f["choose_url"] != false {
					t.Errorf("%s: pictures from other sites are refused, yet choose_url is %v", f["name"], f["choose_url"])
				}
			case "draft":
				if f["default"] != false || f["widget"] != "boolean" {
					t.Errorf("draft: %v", f)
				}
			case "level":
				checkOptions(t, cat.Folder, f, content.ProcedureLevels)
			case "disclosure_type":
				checkOptions(t, cat.Folder, f, content.DisclosureTypes)
			case "year":
				// A number, written as one (year: 2026), from the first year the check accepts.
				if f["widget"] != "number" || f["value_type"] != "int" || f["min"] != 1990 || !strings.Contains(f["hint"].(string), "1990") {
					t.Errorf("year: %v", f)
				}
			}
		}
	}
}

// checkOptions: a select offers exactly the values bbtgen check accepts, in its order, each
// with the words the site shows for it.
func checkOptions(t *testing.T, folder string, f map[string]any, want []content.Named) {
	t.Helper()
	opts, _ := f["options"].([]any)
	var got []content.Named
	for _, o := range opts {
		m := o.(map[string]any)
		got = append(got, content.Named{Value: m["value"].(string), Name: m["label"].(string)})
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s.%s offers %v, bbtgen check accepts %v", folder, f["name"], got, want)
	}
}

// frontMatterKeys are the keys content.FrontMatter accepts.
func frontMatterKeys() map[string]bool {
	var fm content.FrontMatter
	data, _ := yaml.Marshal(&fm)
	var m map[string]any
	yaml.Unmarshal(data, &m)
	keys := map[string]bool{}
	for k := range m {
		keys[k] = true
	}
	return keys
}

// TestUnknownKind: a category of a kind the CMS has no form for is left out, said so in the
// file, and the rest is generated as usual.
func TestUnknownKind(t *testing.T) {
	cfg := testfixture.Config(t)
	cfg.Categories = append(cfg.Categories, config.Category{Folder: "podcast", Name: "Podcast", Kind: "podcast"})
	data, err := Config(cfg, Settings{Repo: "a/b"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "# Chưa có biểu mẫu cho chuyên mục podcast (loại podcast)") {
		t.Error("the left-out category is not named in the file")
	}
	var p parsed
	if err := yaml.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Collections) != len(cfg.Categories)-1 {
		t.Errorf("%d collections", len(p.Collections))
	}
	if u := Unsupported(cfg); len(u) != 1 || u[0].Folder != "podcast" {
		t.Errorf("Unsupported = %v", u)
	}
	// Every kind bbtgen knows has its form.
	for _, k := range config.Kinds {
		if !HasForm(k) {
			t.Errorf("the CMS has no form for kind %s", k)
		}
	}
}

func TestConfigIsStable(t *testing.T) {
	cfg := testfixture.Config(t)
	a, _ := Config(cfg, Settings{Repo: "a/b"})
	b, _ := Config(cfg, Settings{Repo: "a/b"})
	if string(a) != string(b) {
		t.Error("two runs on the same config.yaml differ")
	}
}

// TestRepositoryConfig: the committed configuration follows the live config.yaml, as
// bbtgen cms --check says in CI.
func TestRepositoryConfig(t *testing.T) {
	root, _ := filepath.Abs("../..")
	cfg, problems := config.Load(filepath.Join(root, config.FileName))
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("config.yaml: %v", problems.Err())
	}
	committed, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ConfigFile)))
	if err != nil {
		t.Fatalf("%s: %v (run bbtgen cms --repo OWNER/NAME)", ConfigFile, err)
	}
	want, err := Config(cfg, ReadSettings(committed))
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(committed) {
		t.Errorf("%s is stale: run bbtgen cms and commit it", ConfigFile)
	}
}

func TestSettings(t *testing.T) {
	for _, s := range []Settings{
		{}, {Repo: "a"}, {Repo: "a/b/c"}, {Repo: "a/b.git"}, {Repo: "-a/b"},
		{Repo: "a/b", AuthURL: "http://dang-nhap.example"}, {Repo: "a/b", AuthURL: "https://x/?q=1"},
		{Repo: "a/b", APIRoot: "ftp://x"}, {Repo: "a/b", AuthEndpoint: "https://x/auth"},
	} {
		if s.Validate() == nil {
			t.Errorf("%+v is accepted", s)
		}
	}
	s := Settings{Repo: "so-noi-vu/trang", AuthURL: "https://dang-nhap.example.gov.vn", AuthEndpoint: "oauth/auth", APIRoot: "https://git.example.gov.vn/api/v3"}
	data, err := Config(testfixture.Config(t), s)
	if err != nil {
		t.Fatal(err)
	}
	if got := ReadSettings(data); got != s {
		t.Errorf("read back %+v, wrote %+v", got, s)
	}
	if got := ReadSettings([]byte("not: [yaml")); got != (Settings{}) {
		t.Errorf("from broken YAML: %+v", got)
	}
	for remote, want := range map[string]string{
		"https://github.com/so-noi-vu/trang.git":       "so-noi-vu/trang",
		"https://x-access-token:s3cr3t@github.com/a/b": "a/b",
		"git@github.com:so-noi-vu/trang.git":           "so-noi-vu/trang",
		"https://gitlab.com/a/b.git":                   "",
		"https://github.com/a":                         "",
		"":                                             "",
	} {
		if got := RepoFromRemote(remote); got != want {
			t.Errorf("RepoFromRemote(%q) = %q, want %q", remote, got, want)
		}
	}
}

func TestEntryURL(t *testing.T) {
	for _, c := range []struct{ base, cat, slug, want string }{
		{"https://sonoivu.binhdinh.gov.vn/", "tin-hoat-dong", "2026/hoi-nghi", "https://sonoivu.binhdinh.gov.vn/quan-tri/#/collections/tin-hoat-dong/entries/2026/hoi-nghi"},
		{"https://sonoivu.binhdinh.gov.vn", "van-ban", "2026/quyet-dinh-533.md", "https://sonoivu.binhdinh.gov.vn/quan-tri/#/collections/van-ban/entries/2026/quyet-dinh-533"},
		{"https://example.github.io/site/", "hoi-dap", "hoi-dap-1", "https://example.github.io/site/quan-tri/#/collections/hoi-dap/entries/hoi-dap-1"},
		{"https://x/", "tin-hoat-dong", "2026/a b#c", "https://x/quan-tri/#/collections/tin-hoat-dong/entries/2026/a%20b%23c"},
	} {
		if got := EntryURL(c.base, c.cat, c.slug); got != c.want {
			t.Errorf("EntryURL(%q, %q, %q) = %q, want %q", c.base, c.cat, c.slug, got, c.want)
		}
	}
	cfg := testfixture.Config(t)
	if got, want := FileEntryURL(cfg, "content/tin-hoat-dong/2026/hoi-nghi.md"), EntryURL(cfg.Site.BaseURL, "tin-hoat-dong", "2026/hoi-nghi"); got != want {
		t.Errorf("FileEntryURL = %q, want %q", got, want)
	}
	for _, file := range []string{"content/gioi-thieu/lien-he.md", "content/tin-hoat-dong/_index.md", "static/media/tin-hoat-dong/a.jpg", "config.yaml"} {
		if got := FileEntryURL(cfg, file); got != "" {
			t.Errorf("FileEntryURL(%q) = %q, want none", file, got)
		}
	}
	if got := WorkflowURL("https://x/"); got != "https://x/quan-tri/#/workflow" {
		t.Errorf("WorkflowURL = %q", got)
	}
}

// TestNoBundleInReviewTool: bbtgen-review (compiled from nothing by every gate job) and this
// package do not link the vendored CMS bundle; only the site build does.
func TestNoBundleInReviewTool(t *testing.T) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("the go command is needed to list the dependencies")
			}
			t.Skip("no go command to list the dependencies with")
		}
	}
	const bundle = "github.com/sonoivu-binhdinh/bbtgen/internal/cms/admin"
	for _, pkg := range []string{"../../cmd/bbtgen-review", ".", "../cli"} {
		out, err := exec.Command(goTool, "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		if slices.Contains(strings.Fields(string(out)), bundle) {
			t.Errorf("%s links the CMS bundle (%s)", pkg, bundle)
		}
	}
	out, err := exec.Command(goTool, "list", "-deps", "../../cmd/bbtgen").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if !slices.Contains(strings.Fields(string(out)), bundle) {
		t.Error("bbtgen does not link the CMS bundle, so its build cannot write /quan-tri/")
	}
}

// completeArticle is an article of kind k that passes bbtgen check, with every field its form
// has, as front-matter lines (key → YAML value) and a body.
func completeArticle(cfg *config.Config, cat config.Category) (map[string]string, string) {
	media := "/media/" + cat.Folder + "/2026/"
	fm := map[string]string{
		"title": `"Tiêu đề thử"`, "date": "2026-11-20T09:00:00+07:00", "draft": "false", "publish_at": "2026-11-21T09:00:00+07:00",
		"authors": "[" + cfg.Authors[0].ID + "]", "unit": cfg.Units[0].ID, "tags": `["cải cách hành chính"]`,
		"summary": `"Một câu tóm tắt."`,
	}
	more := map[string]string{}
	switch cat.Kind {
	case config.KindNews, config.KindResearch:
		more = map[string]string{"image": media + "anh.jpg", "image_alt": `"Quang cảnh hội nghị"`}
	case config.KindLegal:
		docTypes := cfg.Legal.DocTypes
		if len(docTypes) == 0 {
			docTypes = content.DocTypes
		}
		more = map[string]string{"number": "533/QĐ-SNV", "doc_type": `"` + docTypes[0] + `"`, "issuer": `"Sở Nội vụ"`, "signer": `"Trần Trung Định"`,
			"issued": "2026-11-19", "effective": "2026-11-20", "status": content.LegalStatuses[0].Value, "attachment": media + "qd.pdf"}
	case config.KindQA, config.KindReply:
		more = map[string]string{"question": `"Điều kiện nâng lương trước thời hạn là gì?"`, "asker": `"Ông N.V.A."`,
			"answer_unit": cfg.Units[0].ID, "answered": "2026-11-19"}
	case config.KindGallery:
		// Each picture has its own credit, so that the gallery's is not needed.
		more = map[string]string{"credit": `"Ảnh: Đặng Quốc Huy"`,
			"images": "[{src: " + media + `anh.jpg, caption: "Đại hội", credit: "Ảnh: Lê Hoàng Trung"}]`}
	case config.KindProcedure:
		more = map[string]string{"code": `"1.003822"`, "level": content.ProcedureLevels[0].Value, "field": `"Tôn giáo"`,
			"portal": `"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.003822"`,
			"fee":    `"Không thu phí"`, "duration": `"15 ngày làm việc"`, "attachment": media + "mau-don.pdf"}
	case config.KindConsultation:
		more = map[string]string{"attachment": media + "du-thao.pdf", "opens": "2026-11-20", "closes": "2026-12-04",
			"how_to_comment": `"Gửi thư điện tử đến sonoivu@binhdinh.gov.vn."`}
	case config.KindDisclosure:
		more = map[string]string{"year": "2026", "disclosure_type": content.DisclosureTypes[0].Value, "attachment": media + "du-toan.pdf"}
	}
	for k, v := range more {
		fm[k] = v
	}
	return fm, "Nội dung của bài.\n"
}

// checkArticle runs bbtgen check's article checks on front matter fm and body, in category cat.
func checkArticle(t *testing.T, cfg *config.Config, cat config.Category, fm map[string]string, body string) diag.List {
	t.Helper()
	keys := slices.Sorted(maps.Keys(fm))
	var b strings.Builder
	b.WriteString("---\n")
	for _, k := range keys {
		b.WriteString(k + ": " + fm[k] + "\n")
	}
	b.WriteString("---\n\n" + body)
	path := "content/" + cat.Folder + "/2026/bai-thu.md"
	a, problems := content.ParseArticle(path, cat.Folder, []byte(b.String()))
	if a == nil {
		t.Fatalf("%s cannot be read: %v\n%s", path, problems, b.String())
	}
	checker := &content.Checker{Cfg: cfg, Now: time.Date(2026, 12, 1, 9, 0, 0, 0, content.Zone)}
	return append(problems, checker.Article(a)...)
}

// TestRequiredAsTheCheck: a field of a form is required exactly when bbtgen check requires it
// of an article to be published, for every kind: the form refuses to save without what the
// check would refuse, and never holds an author back for what the check lets through. (What
// depends on another field — a picture's description, a gallery's credit — is left to the
// check, and said in the hint.)
func TestRequiredAsTheCheck(t *testing.T) {
	cfg := allKinds(t)
	p := generate(t, cfg, Settings{Repo: "a/b"})
	for i, cat := range cfg.Categories {
		fm, body := completeArticle(cfg, cat)
		if problems := checkArticle(t, cfg, cat, fm, body); problems.Errors() > 0 {
			t.Fatalf("the complete %s article does not pass: %v", cat.Kind, problems)
		}
		for _, f := range p.Collections[i].Fields {
			name := f["name"].(string)
			if f["widget"] == "hidden" {
				continue // filled by bbtgen-cms.js
			}
			without, b := maps.Clone(fm), body
			if name == "body" {
				b = ""
			} else if _, ok := fm[name]; !ok {
				t.Errorf("%s: the complete article lacks %s", cat.Kind, name)
				continue
			}
			delete(without, name)
			problems := checkArticle(t, cfg, cat, without, b)
			checkRequires := slices.ContainsFunc(problems, func(p diag.Problem) bool { return p.Rule == "required" && p.Severity == diag.Error })
			formRequires := f["required"] != false
			if checkRequires != formRequires {
				t.Errorf("%s (%s): the form requires %s: %v, bbtgen check: %v (%v)", cat.Folder, cat.Kind, name, formRequires, checkRequires, problems)
			}
		}
	}
}

// TestProcedurePatterns: the form's patterns for a procedure's code and portal accept what
// bbtgen check accepts and refuse what it refuses, so that an author learns it while typing.
func TestProcedurePatterns(t *testing.T) {
	cfg := allKinds(t)
	p := generate(t, cfg, Settings{Repo: "a/b"})
	var cat config.Category
	var patterns = map[string]*regexp.Regexp{}
	for i, c := range cfg.Categories {
		if c.Kind != config.KindProcedure {
			continue
		}
		cat = c
		for _, f := range p.Collections[i].Fields {
			if pat, ok := f["pattern"].([]any); ok && (f["name"] == "code" || f["name"] == "portal") {
				if len(pat) != 2 || !strings.Contains(pat[1].(string), "ví dụ") && !strings.Contains(pat[1].(string), "https://") {
					t.Errorf("%s: the pattern's message %v does not say what to write", f["name"], pat)
				}
				patterns[f["name"].(string)] = regexp.MustCompile(pat[0].(string))
			}
		}
	}
	if patterns["code"] == nil || patterns["portal"] == nil {
		t.Fatalf("the procedure form has no pattern for code or portal: %v", patterns)
	}
	try := func(key, rule string, values map[string]bool) {
		for v, want := range values {
			fm, body := completeArticle(cfg, cat)
			fm[key] = strconv.Quote(v)
			problems := checkArticle(t, cfg, cat, fm, body)
			check := !slices.ContainsFunc(problems, func(p diag.Problem) bool { return p.Rule == rule })
			form := patterns[key].MatchString(v)
			if check != want || form != want {
				t.Errorf("%s %q: the form accepts it: %v, bbtgen check: %v (want %v)", key, v, form, check, want)
			}
		}
	}
	try("code", "procedure-code", map[string]bool{
		"1.001612": true, "2.000123": true, "1.00161": false, "1.0016123": false, "1,001612": false, "1001612": false,
		" 1.001612": false, "1.001612 ": false, "A.001612": false, "12.001612": false,
	})
	try("portal", "procedure-portal", map[string]bool{
		"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.003822": true,
		"https://dichvucong.gov.vn/":                  true,
		"https://dichvucong.gov.vn":                   true,
		"https://DICHVUCONG.gov.vn/":                  true,
		"https://dichvucong.gov.vn?ma_thu_tuc=1":      true,
		"http://dichvucong.gov.vn/":                   false,
		"https://dichvucong.gov.vn.evil.example/":     false,
		"https://dichvucong.gov.vn@evil.example/":     false,
		"https://evil.example/?u=dichvucong.gov.vn":   false,
		"https://user@dichvucong.gov.vn/":             false,
		"https://csdl.dichvucong.gov.vn/":             false,
		"https://dichvucongXgov.vn/":                  false,
		"javascript:alert(1)//https://dichvucong.gov": false,
		"https://dichvucong.gov.vn/\"onclick=x":       false,
		"https://dichvucong.gov.vn/a b":               false,
		" https://dichvucong.gov.vn/":                 false,
	})
}
