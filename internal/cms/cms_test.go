package cms

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
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
	config.KindNews:     {"summary", "image", "image_alt", "body"},
	config.KindResearch: {"summary", "image", "image_alt", "body"},
	config.KindLegal:    {"number", "doc_type", "issuer", "signer", "issued", "effective", "attachment", "summary"},
	config.KindQA:       {"question", "asker", "answer_unit", "answered", "body"},
	config.KindReply:    {"question", "asker", "answer_unit", "answered", "body"},
	config.KindGallery:  {"images", "credit"},
}

func TestConfig(t *testing.T) {
	cfg := testfixture.Config(t)
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
			case "issued", "effective", "answered":
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
			}
		}
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
	cfg.Categories = append(cfg.Categories, config.Category{Folder: "thu-tuc", Name: "Thủ tục", Kind: "procedure"})
	data, err := Config(cfg, Settings{Repo: "a/b"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "# Chưa có biểu mẫu cho chuyên mục thu-tuc (loại procedure)") {
		t.Error("the left-out category is not named in the file")
	}
	var p parsed
	if err := yaml.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Collections) != len(cfg.Categories)-1 {
		t.Errorf("%d collections", len(p.Collections))
	}
	if u := Unsupported(cfg); len(u) != 1 || u[0].Folder != "thu-tuc" {
		t.Errorf("Unsupported = %v", u)
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
