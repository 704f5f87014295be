// Package testfixture holds what bbtgen's own tests share: a small frozen configuration with
// the sample board, units, authors and categories, and a copy of the sample site. Unit tests use it instead of the
// department's live config.yaml, so that a governance change (a new approver, a renamed
// category) never breaks the tool's tests; one test (policy.TestRepositoryPolicy) checks that
// the live config.yaml loads and that CODEOWNERS follows it.
package testfixture

import (
	_ "embed"
	"os"
	"path/filepath"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
)

// ConfigYAML is the text of the fixture configuration.
//
//go:embed config.yaml
var ConfigYAML []byte

// Config parses the fixture configuration, failing the test if it does not load cleanly.
func Config(t testing.TB) *config.Config {
	t.Helper()
	cfg, problems := config.Parse(ConfigYAML, config.FileName)
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("the fixture configuration: %v", problems.Err())
	}
	return cfg
}

// SampleSite copies the repository's sample site — config.yaml, content/, static/, layouts/
// and assets/ of root — into a new temporary folder, for a test that changes or builds it.
func SampleSite(t testing.TB, root string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"content", "static", "layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(root, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, config.FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
