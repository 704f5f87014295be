package publish

import (
	"context"
	"fmt"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/buildinfo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

func gitBin(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("git")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is required in CI for deploy tests")
		}
		t.Skip("git is not installed: the file:// and HTTP transports need git-receive-pack / git http-backend")
	}
	return p
}

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// bare makes an empty bare repository that accepts pushes over HTTP too.
func bare(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site.git")
	run(t, ".", "init", "-q", "--bare", dir)
	run(t, dir, "config", "http.receivepack", "true")
	return dir
}

// built writes a folder as bbtgen build would leave it.
func built(t *testing.T, files map[string]string, source string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	n, err := buildinfo.CountFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := buildinfo.WriteMarker(dir, buildinfo.Marker{Source: source, Built: time.Unix(1764000000, 0).UTC(), Version: "test", Files: n}); err != nil {
		t.Fatal(err)
	}
	return dir
}

var site1 = map[string]string{
	"index.html":                             "<!doctype html><title>Trang chủ</title>",
	".nojekyll":                              "",
	"tin-hoat-dong/index.html":               "<h1>Tin hoạt động</h1>",
	"tin-hoat-dong/2026/hoi-nghi/index.html": "<h1>Hội nghị</h1>",
	".well-known/bbtgen.json":                "{}",
	"media/van-ban/2026/qd.pdf":              "%PDF-1.4",
}

func deploy(t *testing.T, dir, remote string, extra ...func(*Options)) *Result {
	t.Helper()
	o := Options{Dir: dir, Remote: remote, Branch: "gh-pages", Now: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	for _, f := range extra {
		f(&o)
	}
	res, err := Deploy(context.Background(), o)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	return res
}

// httpRemote serves the bare repository over smart HTTP with git http-backend.
func httpRemote(t *testing.T, repo string) string {
	t.Helper()
	git := gitBin(t)
	h := &cgi.Handler{Path: git, Args: []string{"http-backend"}, Env: []string{
		"GIT_PROJECT_ROOT=" + filepath.Dir(repo), "GIT_HTTP_EXPORT_ALL=1",
	}}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/" + filepath.Base(repo)
}

func TestDeploy(t *testing.T) {
	gitBin(t)
	for _, transport := range []string{"file", "http"} {
		t.Run(transport, func(t *testing.T) {
			repo := bare(t)
			remote := "file://" + repo
			if transport == "http" {
				remote = httpRemote(t, repo)
			}
			// First deployment: one commit, the files, no marker.
			first := deploy(t, built(t, site1, "aaaa111"), remote)
			if !first.Changed || first.Parent != "" || first.Files != 6 {
				t.Fatalf("first deploy: %+v", first)
			}
			if got := run(t, repo, "rev-parse", "gh-pages"); got != first.Commit {
				t.Fatalf("branch at %s, deploy said %s", got, first.Commit)
			}
			files := run(t, repo, "ls-tree", "-r", "--name-only", "gh-pages")
			if strings.Contains(files, buildinfo.MarkerFile) || !strings.Contains(files, ".nojekyll") || !strings.Contains(files, "tin-hoat-dong/2026/hoi-nghi/index.html") {
				t.Fatalf("published files:\n%s", files)
			}
			if msg := run(t, repo, "log", "-1", "--format=%B", "gh-pages"); !strings.Contains(msg, "bbtgen-source: aaaa111") {
				t.Fatalf("message: %s", msg)
			}
			run(t, repo, "fsck", "--strict")

			// Unchanged: no commit.
			same := deploy(t, built(t, site1, "aaaa222"), remote)
			if same.Changed || same.Commit != first.Commit {
				t.Fatalf("unchanged deploy made a commit: %+v", same)
			}

			// Changed: one new commit on top, history kept.
			site2 := map[string]string{}
			for k, v := range site1 {
				site2[k] = v
			}
			site2["index.html"] = "<!doctype html><title>Trang chủ mới</title>"
			delete(site2, "media/van-ban/2026/qd.pdf")
			second := deploy(t, built(t, site2, "bbbb333"), remote)
			if !second.Changed || second.Parent != first.Commit {
				t.Fatalf("second deploy: %+v", second)
			}
			if n := run(t, repo, "rev-list", "--count", "gh-pages"); n != "2" {
				t.Fatalf("history has %s commits", n)
			}
			if got := run(t, repo, "show", "gh-pages:index.html"); !strings.Contains(got, "mới") {
				t.Fatalf("index.html = %s", got)
			}

			// Rollback: a new commit with the first tree.
			back := deploy(t, "", remote, func(o *Options) { o.Rollback = first.Commit[:10] })
			if !back.Changed || back.Parent != second.Commit {
				t.Fatalf("rollback: %+v", back)
			}
			if a, b := run(t, repo, "rev-parse", "gh-pages^{tree}"), run(t, repo, "rev-parse", first.Commit+"^{tree}"); a != b {
				t.Fatalf("rollback tree %s, want %s", a, b)
			}
			if n := run(t, repo, "rev-list", "--count", "gh-pages"); n != "3" {
				t.Fatalf("history has %s commits after rollback", n)
			}
			if _, err := Deploy(context.Background(), Options{Remote: remote, Rollback: "0123456789abcdef0123456789abcdef01234567"}); err == nil {
				t.Fatal("rollback to an unknown commit succeeded")
			}
			run(t, repo, "fsck", "--strict")
		})
	}
}

func TestDeployRefusesUnfinishedBuilds(t *testing.T) {
	gitBin(t)
	repo := bare(t)
	unmarked := t.TempDir()
	os.WriteFile(filepath.Join(unmarked, "index.html"), []byte("x"), 0o644)
	if _, err := Deploy(context.Background(), Options{Dir: unmarked, Remote: repo}); err == nil || !strings.Contains(err.Error(), "was not produced by a successful bbtgen build") {
		t.Fatalf("unmarked: %v", err)
	}
	partial := built(t, site1, "x")
	os.Remove(filepath.Join(partial, "index.html"))
	if _, err := Deploy(context.Background(), Options{Dir: partial, Remote: repo}); err == nil || !strings.Contains(err.Error(), "partial") {
		t.Fatalf("partial: %v", err)
	}
	if out := run(t, repo, "for-each-ref"); out != "" {
		t.Fatalf("something was pushed: %s", out)
	}
}

// TestConcurrentDeploys races two deployments of successive source commits, in whatever order
// they happen to run: neither fails, the newer site ends up online, each deployment that
// landed is a commit on the branch, and the repository stays sound.
func TestConcurrentDeploys(t *testing.T) {
	gitBin(t)
	src, c := siteRepo(t, 3)
	repo := bare(t)
	remote := "file://" + repo
	deploy(t, built(t, site1, c[0]), remote)
	var wg sync.WaitGroup
	results := make([]*Result, 2)
	errs := make([]error, 2)
	logs := make([]strings.Builder, 2)
	for i := range 2 {
		files := map[string]string{"index.html": fmt.Sprintf("phiên bản %d", i), ".nojekyll": ""}
		dir := built(t, files, c[i+1])
		wg.Go(func() {
			results[i], errs[i] = Deploy(context.Background(), Options{Dir: dir, Remote: remote, Branch: "gh-pages", SourceRepo: src, Now: time.Now(), Log: &logs[i]})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("deploy %d: %v", i, err)
		}
	}
	t.Logf("deploy logs:\n%s\n%s", logs[0].String(), logs[1].String())
	run(t, repo, "fsck", "--strict")
	want := "3" // base and both deployments
	if results[0].Superseded != "" {
		want = "2" // the older one found the newer one online
	}
	if n := run(t, repo, "rev-list", "--count", "gh-pages"); n != want {
		t.Fatalf("history has %s commits, want %s", n, want)
	}
	if tip := run(t, repo, "rev-parse", "gh-pages"); tip != results[1].Commit {
		t.Fatalf("tip %s is not the newer deployment %s", tip, results[1].Commit)
	}
}

// TestLogTranslated: progress goes through Translate (the reader's language) when it is set,
// and is English otherwise.
func TestLogTranslated(t *testing.T) {
	var en, vi strings.Builder
	Options{Log: &en}.logf("hashing %d files of %s…", 3, "public")
	Options{Log: &vi, Translate: func(t diag.Text) string { return "[" + t.Format + "]" }}.logf("hashing %d files of %s…", 3, "public")
	if en.String() != "hashing 3 files of public…\n" || vi.String() != "[hashing %d files of %s…]\n" {
		t.Errorf("English %q, translated %q", en.String(), vi.String())
	}
}
