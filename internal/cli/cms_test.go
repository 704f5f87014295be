package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cms"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// TestCMSCommand: bbtgen cms writes the CMS configuration from config.yaml, keeps the
// repository it was given, and --check fails with a diff once config.yaml has changed.
func TestCMSCommand(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, config.FileName), testfixture.ConfigYAML, 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(site, filepath.FromSlash(cms.ConfigFile))
	// Not written yet, and nowhere to take the repository from: a usage error.
	if _, stderr, code := runCLI(t, nil, "cms", "--site", site); code != 2 || !strings.Contains(stderr, "--repo") {
		t.Fatalf("without a repository: exit %d, %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, nil, "cms", "--site", site, "--repo", "not a repo"); code != 2 {
		t.Fatalf("a bad repository: exit %d, %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, nil, "cms", "--site", site, "--check"); code != 2 {
		t.Fatalf("--check with nothing committed and no repository: exit %d, %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, map[string]string{"GITHUB_REPOSITORY": "so-noi-vu/trang"}, "cms", "--site", site, "--check"); code != 1 || !strings.Contains(stderr, "đã cũ") {
		t.Fatalf("--check with nothing committed: exit %d, %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, nil, "cms", "--site", site, "--repo", "so-noi-vu/trang", "--auth-url", "https://dang-nhap.example.gov.vn/"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := cms.ReadSettings(first)
	if s.Repo != "so-noi-vu/trang" || s.AuthURL != "https://dang-nhap.example.gov.vn" {
		t.Errorf("settings written: %+v", s)
	}
	// Later runs keep the committed settings; GITHUB_REPOSITORY does not override them.
	env := map[string]string{"GITHUB_REPOSITORY": "someone/fork"}
	if _, stderr, code := runCLI(t, env, "cms", "--site", site, "--check"); code != 0 {
		t.Fatalf("--check right after writing: exit %d, %s", code, stderr)
	}
	if _, _, code := runCLI(t, env, "cms", "--site", site); code != 0 {
		t.Fatal("rewriting an up-to-date file failed")
	}
	if again, _ := os.ReadFile(file); string(again) != string(first) {
		t.Error("a second run changed the file")
	}
	// A new author in config.yaml makes the committed file stale.
	cfg := strings.Replace(string(testfixture.ConfigYAML), "authors:\n", "authors:\n  - {id: nvmoi, name: \"Nguyễn Văn Mới\", unit: van-phong}\n", 1)
	if cfg == string(testfixture.ConfigYAML) {
		t.Fatal("the fixture has no authors: list to add to")
	}
	if err := os.WriteFile(filepath.Join(site, config.FileName), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runCLI(t, env, "cms", "--site", site, "--check")
	if code != 1 || !strings.Contains(out, "+") || !strings.Contains(out, "Nguyễn Văn Mới") || !strings.Contains(stderr, "bbtgen cms") {
		t.Fatalf("--check after a change: exit %d\n%s\n%s", code, out, stderr)
	}
	if _, stderr, code := runCLI(t, env, "cms", "--site", site); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, _, code := runCLI(t, env, "cms", "--site", site, "--check"); code != 0 {
		t.Fatal("still stale after bbtgen cms")
	}
}
