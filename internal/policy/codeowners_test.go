package policy

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hmarr/codeowners"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
)

// TestCodeownersMatchesPolicy parses the rendered file with an independent CODEOWNERS matcher
// and requires, for every file of the sample repository and a few that do not exist yet, that
// the owners GitHub would require are exactly the approvers of the file's area.
func TestCodeownersMatchesPolicy(t *testing.T) {
	p := samplePolicy(t)
	rules, err := codeowners.ParseFile(strings.NewReader(Codeowners(p)))
	if err != nil {
		t.Fatalf("the rendered CODEOWNERS does not parse: %v", err)
	}
	paths := []string{
		"content/tin-hoat-dong/2027/moi.md", "static/media/hinh-anh/2027/anh.jpg", "content/tin-tuc/x.md",
		".github/workflows/x.yml", ".github/CODEOWNERS", "config.yaml", "a/b/c", "README.md",
		"content/gioi-thieu/lien-he.md", "content/_index.md", "static/robots.txt",
	}
	root := "../.."
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".git" || rel == "public" {
				return fs.SkipDir
			}
			return nil
		}
		paths = append(paths, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		rule, err := rules.Match(path)
		if err != nil || rule == nil {
			t.Errorf("%s: no CODEOWNERS rule (%v)", path, err)
			continue
		}
		var owners []string
		for _, o := range rule.Owners {
			owners = append(owners, o.Value)
		}
		want := p.AreaOf(path).Logins()
		slices.Sort(owners)
		slices.Sort(want)
		if !slices.Equal(owners, want) {
			t.Errorf("%s: CODEOWNERS owners %v, policy approvers %v", path, owners, want)
		}
	}
	if len(paths) < 20 {
		t.Fatalf("only %d paths checked", len(paths))
	}
}

// TestRepositoryPolicy is the one test that reads the department's live config.yaml: it must
// load without a problem, and the committed CODEOWNERS must be the one it makes. Every other
// test uses the frozen fixture of internal/testfixture.
func TestRepositoryPolicy(t *testing.T) {
	cfg, problems := config.Load(filepath.Join("../..", config.FileName))
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("the repository's config.yaml: %v", problems.Err())
	}
	data, err := os.ReadFile(filepath.Join("../..", CodeownersPath))
	if err != nil {
		t.Fatalf("%s is not committed: run bbtgen codeowners (%v)", CodeownersPath, err)
	}
	if string(data) != Codeowners(New(cfg)) {
		t.Fatalf("%s is stale: run bbtgen codeowners", CodeownersPath)
	}
}
