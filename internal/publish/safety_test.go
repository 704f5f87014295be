package publish

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// gitCommit makes a commit in the working repository dir and returns its hash.
func gitCommit(t *testing.T, dir, message string, files map[string]string) string {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, dir, "add", "-A")
	run(t, dir, "-c", "user.name=Tổ thư ký", "-c", "user.email=tkt@example.vn", "commit", "-q", "--allow-empty", "-m", message)
	return run(t, dir, "rev-parse", "HEAD")
}

// siteRepo makes the site's own repository, on branch main, with a linear history of n
// commits (oldest first).
func siteRepo(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	run(t, ".", "init", "-q", "-b", "main", dir)
	var commits []string
	for i := range n {
		commits = append(commits, gitCommit(t, dir, fmt.Sprintf("Bài %d", i), map[string]string{"content/bai.md": fmt.Sprintf("phiên bản %d", i)}))
	}
	return dir, commits
}

func siteOf(version string) map[string]string {
	return map[string]string{"index.html": "<title>" + version + "</title>", ".nojekyll": ""}
}

// holdFirstPush installs a pre-receive hook in the bare repository that holds the first push
// until release is called; held is closed once that push is being held.
func holdFirstPush(t *testing.T, repo string) (held <-chan struct{}, release func()) {
	t.Helper()
	marks := t.TempDir()
	hook := fmt.Sprintf(`#!/bin/sh
cat >/dev/null
if mkdir %[1]q/held 2>/dev/null; then
	i=0
	while [ ! -e %[1]q/release ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
fi
exit 0
`, marks)
	if err := os.WriteFile(filepath.Join(repo, "hooks", "pre-receive"), []byte(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{})
	go func() {
		for i := 0; i < 600; i++ {
			if _, err := os.Stat(filepath.Join(marks, "held")); err == nil {
				close(ch)
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	released := false
	release = func() {
		if !released {
			released = true
			os.WriteFile(filepath.Join(marks, "release"), nil, 0o644)
		}
	}
	t.Cleanup(release)
	return ch, release
}

type raceResult struct {
	first, second       *Result
	firstErr, secondErr error
	firstLog            strings.Builder
}

// race deploys the build of firstSource, holds its push, deploys the build of secondSource
// meanwhile, then lets the first push go on.
func race(t *testing.T, remoteRepo, src, firstSource, secondSource string) *raceResult {
	t.Helper()
	held, release := holdFirstPush(t, remoteRepo)
	remote := "file://" + remoteRepo
	r := &raceResult{}
	done := make(chan struct{})
	firstDir, secondDir := built(t, siteOf(firstSource), firstSource), built(t, siteOf(secondSource), secondSource)
	go func() {
		defer close(done)
		r.first, r.firstErr = Deploy(context.Background(), Options{Dir: firstDir, Remote: remote, SourceRepo: src, Now: time.Now(), Log: &r.firstLog})
	}()
	select {
	case <-held:
	case <-done:
		t.Fatalf("the first deployment ended before its push was held: %+v, %v\n%s", r.first, r.firstErr, r.firstLog.String())
	case <-time.After(30 * time.Second):
		t.Fatal("the first push was never held")
	}
	r.second, r.secondErr = Deploy(context.Background(), Options{Dir: secondDir, Remote: remote, SourceRepo: src, Now: time.Now()})
	release()
	<-done
	t.Logf("first deployment's log:\n%s", r.firstLog.String())
	return r
}

// TestDeployRaceNewerLandsFirst: the deployment of an older source commit loses its push to
// a newer one; its retry must not put the older site back on top.
func TestDeployRaceNewerLandsFirst(t *testing.T) {
	gitBin(t)
	src, c := siteRepo(t, 3)
	repo := bare(t)
	deploy(t, built(t, siteOf(c[0]), c[0]), "file://"+repo, func(o *Options) { o.SourceRepo = src })

	r := race(t, repo, src, c[1], c[2])
	if r.secondErr != nil || !r.second.Changed {
		t.Fatalf("newer deployment: %+v, %v", r.second, r.secondErr)
	}
	if r.firstErr != nil {
		t.Fatalf("older deployment failed: %v", r.firstErr)
	}
	if r.first.Changed || r.first.Superseded != c[2] || r.first.Commit != r.second.Commit {
		t.Fatalf("older deployment: %+v, want superseded by %s at %s", r.first, c[2], r.second.Commit)
	}
	if r.first.Source != c[1] || !strings.Contains(r.firstLog.String(), "the branch moved while deploying") {
		t.Errorf("older deployment: source %s, log:\n%s", r.first.Source, r.firstLog.String())
	}
	if tip := run(t, repo, "rev-parse", "gh-pages"); tip != r.second.Commit {
		t.Fatalf("tip %s, want the newer deployment %s", tip, r.second.Commit)
	}
	if got := run(t, repo, "show", "gh-pages:index.html"); got != "<title>"+c[2]+"</title>" {
		t.Fatalf("online: %s", got)
	}
	if n := run(t, repo, "rev-list", "--count", "gh-pages"); n != "2" {
		t.Fatalf("history has %s commits, want 2", n)
	}
	run(t, repo, "fsck", "--strict")
}

// TestDeployRaceOlderLandsFirst: the newer deployment loses its push to an older one; its
// retry goes on top.
func TestDeployRaceOlderLandsFirst(t *testing.T) {
	gitBin(t)
	src, c := siteRepo(t, 3)
	repo := bare(t)
	deploy(t, built(t, siteOf(c[0]), c[0]), "file://"+repo, func(o *Options) { o.SourceRepo = src })

	r := race(t, repo, src, c[2], c[1])
	if r.secondErr != nil || !r.second.Changed {
		t.Fatalf("older deployment: %+v, %v", r.second, r.secondErr)
	}
	if r.firstErr != nil || !r.first.Changed || r.first.Superseded != "" || r.first.Parent != r.second.Commit {
		t.Fatalf("newer deployment: %+v, %v; want a commit on top of %s", r.first, r.firstErr, r.second.Commit)
	}
	if tip := run(t, repo, "rev-parse", "gh-pages"); tip != r.first.Commit {
		t.Fatalf("tip %s, want the newer deployment %s", tip, r.first.Commit)
	}
	if got := run(t, repo, "show", "gh-pages:index.html"); got != "<title>"+c[2]+"</title>" {
		t.Fatalf("online: %s", got)
	}
	if n := run(t, repo, "rev-list", "--count", "gh-pages"); n != "3" {
		t.Fatalf("history has %s commits, want 3", n)
	}
	run(t, repo, "fsck", "--strict")
}

// TestDeployRaceUndecided: without the source repository nobody can tell which build is newer;
// the loser of the race refuses rather than overwrite, and the same source counts as deployed.
func TestDeployRaceUndecided(t *testing.T) {
	gitBin(t)
	src, c := siteRepo(t, 3)
	otherSrc, _ := siteRepo(t, 1)
	for _, tc := range []struct {
		name, src string
		want      string
	}{
		{"no source repository", "", fmt.Sprintf("the branch moved while deploying: a deployment of source %s is now online, and whether ours (%s) is newer cannot be told (no source repository was given); refusing to overwrite it; check which should be online and deploy again", diag.ShortSHA(c[2]), diag.ShortSHA(c[1]))},
		{"commit unknown", otherSrc, fmt.Sprintf("the branch moved while deploying: a deployment of source %s is now online, and whether ours (%s) is newer cannot be told (", diag.ShortSHA(c[2]), diag.ShortSHA(c[1]))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := bare(t)
			deploy(t, built(t, siteOf(c[0]), c[0]), "file://"+repo)
			r := race(t, repo, tc.src, c[1], c[2])
			if r.secondErr != nil {
				t.Fatal(r.secondErr)
			}
			if r.firstErr == nil || !strings.HasPrefix(r.firstErr.Error(), tc.want) {
				t.Fatalf("got %+v, %v\nwant %s", r.first, r.firstErr, tc.want)
			}
			if tip := run(t, repo, "rev-parse", "gh-pages"); tip != r.second.Commit {
				t.Fatalf("tip %s, want %s", tip, r.second.Commit)
			}
		})
	}
	t.Run("diverged", func(t *testing.T) {
		run(t, src, "checkout", "-q", "-b", "nhanh", c[1])
		other := gitCommit(t, src, "Nhánh khác", map[string]string{"content/khac.md": "x"})
		run(t, src, "checkout", "-q", "main")
		repo := bare(t)
		deploy(t, built(t, siteOf(c[0]), c[0]), "file://"+repo)
		r := race(t, repo, src, c[2], other)
		want := fmt.Sprintf("the branch moved while deploying: a deployment of source %s is now online, and ours (%s) is not newer (neither is an ancestor of the other); refusing to overwrite it; check which should be online and deploy again", diag.ShortSHA(other), diag.ShortSHA(c[2]))
		if r.secondErr != nil || r.firstErr == nil || r.firstErr.Error() != want {
			t.Fatalf("got %v / %v\nwant %s", r.secondErr, r.firstErr, want)
		}
	})
	t.Run("same source", func(t *testing.T) {
		repo := bare(t)
		deploy(t, built(t, siteOf(c[0]), c[0]), "file://"+repo)
		held, release := holdFirstPush(t, repo)
		var first *Result
		var err error
		done := make(chan struct{})
		// Two builds of the same commit differ (the build time is in every build).
		firstDir := built(t, map[string]string{"index.html": "lần 1"}, c[1])
		go func() {
			defer close(done)
			first, err = Deploy(context.Background(), Options{Dir: firstDir, Remote: "file://" + repo})
		}()
		<-held
		second := deploy(t, built(t, map[string]string{"index.html": "lần 2"}, c[1]), "file://"+repo)
		release()
		<-done
		if err != nil || first.Changed || first.Commit != second.Commit {
			t.Fatalf("same source: %+v, %v; want already deployed at %s", first, err, second.Commit)
		}
	})
}

// TestDeployOlderThanOnline: a deployment that starts after a newer one finished does not
// go backwards either, unless forced.
func TestDeployOlderThanOnline(t *testing.T) {
	gitBin(t)
	src, c := siteRepo(t, 2)
	repo := bare(t)
	newer := deploy(t, built(t, siteOf(c[1]), c[1]), "file://"+repo, func(o *Options) { o.SourceRepo = src })
	older := deploy(t, built(t, siteOf(c[0]), c[0]), "file://"+repo, func(o *Options) { o.SourceRepo = src })
	if older.Changed || older.Superseded != c[1] || older.Commit != newer.Commit {
		t.Fatalf("older: %+v", older)
	}
	forced := deploy(t, built(t, siteOf(c[0]), c[0]), "file://"+repo, func(o *Options) { o.SourceRepo, o.Force = src, true })
	if !forced.Changed || forced.Parent != newer.Commit {
		t.Fatalf("forced: %+v", forced)
	}
}

// handMade makes a bare repository whose branch holds commits made by hand.
func handMade(t *testing.T, branch string, files map[string]string) (repo, tip string) {
	t.Helper()
	repo = bare(t)
	work := t.TempDir()
	run(t, work, "init", "-q", "-b", branch)
	tip = gitCommit(t, work, "Trang tự làm", files)
	run(t, work, "push", "-q", repo, branch)
	return repo, tip
}

func TestDeployTargetBranch(t *testing.T) {
	gitBin(t)
	src, c := siteRepo(t, 1)
	run(t, src, "branch", "ban-nhap")
	run(t, src, "remote", "add", "origin", "https://deployer:tok3n@GitHub.com/sonoivu/site.git")

	type tc struct {
		name         string
		remote       string // a bare repository's path unless it has a scheme
		branch       string
		force        bool
		checkout     string // the branch checked out in the source repository
		want         string // the error; "" for success
		wantExisting string // for success: the previous tip ("" for none)
	}
	handMain, handMainTip := handMade(t, "main", map[string]string{"README.md": "# Mã nguồn"})
	handPages, _ := handMade(t, "gh-pages", map[string]string{"index.html": "tự làm", "CNAME": "www.example.vn\n"})
	deployed := bare(t)
	first := deploy(t, built(t, siteOf("a"), c[0]), "file://"+deployed)
	deploy(t, built(t, siteOf("b"), c[0]), "file://"+deployed)
	back := deploy(t, "", "file://"+deployed, func(o *Options) { o.Rollback = first.Commit })
	for _, tc := range []tc{
		{name: "empty remote", remote: bare(t), branch: "gh-pages"},
		{name: "new branch", remote: handMain, branch: "gh-pages"},
		{name: "tip is a rollback", remote: deployed, branch: "gh-pages", wantExisting: back.Commit},
		{name: "hand-made main", remote: handMain, branch: "main",
			want: fmt.Sprintf(`refusing to deploy: branch main of file://%s is not a bbtgen deployment branch (its tip %s "Trang tự làm" has no bbtgen-source: line) and its files would be replaced; deploy to a new or deployment branch, or pass --force to replace them`, handMain, diag.ShortSHA(handMainTip))},
		{name: "hand-made main forced", remote: handMain, branch: "main", force: true, wantExisting: handMainTip},
		{name: "hand-made gh-pages", remote: handPages, branch: "gh-pages",
			want: "refusing to deploy: branch gh-pages of file://" + handPages + " is not a bbtgen deployment branch"},
		{name: "source repository, publishing branch", remote: src, branch: "main", force: true,
			want: fmt.Sprintf("refusing to deploy to branch main of file://%s: that is the site's own source repository and main is its publishing branch; the built pages would replace the sources (deploy to another branch, such as gh-pages)", src)},
		{name: "source repository, checked-out branch", remote: src, branch: "ban-nhap", force: true, checkout: "ban-nhap",
			want: fmt.Sprintf("refusing to deploy to branch ban-nhap of file://%s: that is the site's own source repository and ban-nhap is the branch checked out in %s; the built pages would replace the sources (deploy to another branch, such as gh-pages)", src, src)},
		{name: "source repository's origin", remote: "https://GitHub.com/sonoivu/site", branch: "main", force: true,
			want: "refusing to deploy to branch main of https://GitHub.com/sonoivu/site: that is the site's own source repository and main is its publishing branch;"},
		{name: "source repository's origin with credentials", remote: "https://x-access-token:ghs_s3cr3t@github.com/sonoivu/site.git", branch: "main", force: true,
			want: "refusing to deploy to branch main of https://***@github.com/sonoivu/site.git: that is the site's own source repository and main is its publishing branch;"},
		{name: "source repository, another branch", remote: src, branch: "gh-pages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.checkout != "" {
				run(t, src, "checkout", "-q", tc.checkout)
				t.Cleanup(func() { run(t, src, "checkout", "-q", "main") })
			}
			remote := tc.remote
			if !strings.Contains(remote, "://") {
				remote = "file://" + remote
			}
			before := ""
			if !strings.HasPrefix(remote, "https://") {
				before = run(t, tc.remote, "for-each-ref")
			}
			res, err := Deploy(context.Background(), Options{Dir: built(t, siteOf("mới"), c[0]), Remote: remote, Branch: tc.branch, Force: tc.force, SourceRepo: src, Now: time.Now()})
			if tc.want != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
					t.Fatalf("got %+v, %v\nwant %s", res, err, tc.want)
				}
				if !strings.HasPrefix(remote, "https://") {
					if after := run(t, tc.remote, "for-each-ref"); after != before {
						t.Fatalf("the remote changed:\n%s\nwas\n%s", after, before)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !res.Changed || res.Parent != tc.wantExisting {
				t.Fatalf("got %+v, want a commit on %q", res, tc.wantExisting)
			}
		})
	}
}

func TestDeployKeepsCNAME(t *testing.T) {
	gitBin(t)
	for _, tc := range []struct {
		name      string
		build     map[string]string
		wantCNAME string
	}{
		{"build has none", siteOf("mới"), "www.sonoivu.example.vn\n"},
		{"build has its own", map[string]string{"index.html": "mới", "CNAME": "moi.example.vn\n"}, "moi.example.vn\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo, _ := handMade(t, "gh-pages", map[string]string{"index.html": "tự làm", "CNAME": "www.sonoivu.example.vn\n", "cu.html": "cũ"})
			var log strings.Builder
			deploy(t, built(t, tc.build, "abc1234"), "file://"+repo, func(o *Options) { o.Force, o.Log = true, &log })
			if got := run(t, repo, "show", "gh-pages:CNAME"); got+"\n" != tc.wantCNAME {
				t.Fatalf("CNAME = %q, want %q", got, tc.wantCNAME)
			}
			if files := run(t, repo, "ls-tree", "--name-only", "gh-pages"); strings.Contains(files, "cu.html") {
				t.Fatalf("the old files stayed:\n%s", files)
			}
			kept := strings.Contains(log.String(), "keeping the CNAME of gh-pages (www.sonoivu.example.vn): the build has none")
			if kept != (tc.name == "build has none") {
				t.Fatalf("log:\n%s", log.String())
			}
			// The next deployment keeps it too, and an unchanged one makes no commit.
			if res := deploy(t, built(t, tc.build, "abc1234"), "file://"+repo); res.Changed {
				t.Fatalf("unchanged deployment made a commit: %+v", res)
			}
			run(t, repo, "fsck", "--strict")
		})
	}
}

func TestDeployRefusesGitData(t *testing.T) {
	gitBin(t)
	for _, tc := range []struct {
		name  string
		files map[string]string
		path  string
		kind  string
	}{
		{"folder at the top", map[string]string{"index.html": "x", ".git/HEAD": "ref: refs/heads/main\n"}, ".git", "folder"},
		{"file deeper", map[string]string{"index.html": "x", "media/goi/.git": "gitdir: ../../.git/modules/goi\n"}, "media/goi/.git", "file"},
		{"other case", map[string]string{"index.html": "x", "tin/.GIT/config": ""}, "tin/.GIT", "folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := bare(t)
			dir := built(t, tc.files, "abc1234")
			_, err := Deploy(context.Background(), Options{Dir: dir, Remote: repo})
			want := fmt.Sprintf("refusing to deploy: %s is Git's own data (a .git %s); publishing it would break every clone of the branch; remove it from the build", filepath.Join(dir, tc.path), tc.kind)
			if err == nil || err.Error() != want {
				t.Fatalf("got %v\nwant %s", err, want)
			}
			if out := run(t, repo, "for-each-ref"); out != "" {
				t.Fatalf("something was pushed: %s", out)
			}
		})
	}
}

func TestDeployRollbackTarget(t *testing.T) {
	gitBin(t)
	repo, handTip := handMade(t, "gh-pages", map[string]string{"index.html": "tự làm"})
	remote := "file://" + repo
	first := deploy(t, built(t, siteOf("a"), "aaaa111"), remote, func(o *Options) { o.Force = true })
	deploy(t, built(t, siteOf("b"), "bbbb222"), remote)
	back := deploy(t, "", remote, func(o *Options) { o.Rollback = first.Commit[:9] })
	for _, tc := range []struct {
		name, target, want string
	}{
		{"hand-made commit", handTip[:8], fmt.Sprintf(`cannot roll back to %s: commit %s "Trang tự làm" is not a bbtgen deployment (it has no bbtgen-source: line)`, handTip[:8], diag.ShortSHA(handTip))},
		{"a rollback", back.Commit, fmt.Sprintf("cannot roll back to %s: it is a rollback (of %s), not a deployment; roll back to %s instead", back.Commit, diag.ShortSHA(first.Commit), diag.ShortSHA(first.Commit))},
		{"unknown", "0123456789abcdef0123456789abcdef01234567", "cannot roll back to 0123456789abcdef0123456789abcdef01234567: no such commit on the branch"},
		{"a deployment", first.Commit[:7], ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Deploy(context.Background(), Options{Remote: remote, Rollback: tc.target, Now: time.Now()})
			if tc.want == "" {
				if err != nil || res.Changed {
					// The tip already holds the first deployment's site: nothing to do.
					t.Fatalf("got %+v, %v", res, err)
				}
				return
			}
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got %+v, %v\nwant %s", res, err, tc.want)
			}
		})
	}
}

func TestDeployRedactsCredentials(t *testing.T) {
	gitBin(t)
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	t.Cleanup(failing.Close)
	failingHost := strings.TrimPrefix(failing.URL, "http://")
	// A real repository that can be read but not pushed to: the push fails.
	readOnly := bare(t)
	run(t, readOnly, "config", "http.receivepack", "false")
	readOnlyURL := strings.Replace(httpRemote(t, readOnly), "http://", "http://ghp_FAKEpushTOKEN0123@", 1)
	dir := built(t, siteOf("a"), "abc1234")
	for _, tc := range []struct {
		name, remote, token string
		secrets             []string
	}{
		{"token as user, unreachable", "https://ghp_FAKE0123456789abcdefTOKEN@127.0.0.1:1/sonoivu/site.git", "", []string{"ghp_FAKE0123456789abcdefTOKEN"}},
		{"user and password, unreachable", "http://deployer:s3cr3t-pa55@127.0.0.1:1/sonoivu/site.git", "", []string{"deployer", "s3cr3t-pa55"}},
		{"token as user, failing server", "http://ghp_FAKE0123456789abcdefTOKEN@" + failingHost + "/sonoivu/site.git", "", []string{"ghp_FAKE0123456789abcdefTOKEN"}},
		{"token as user, push refused", readOnlyURL, "", []string{"ghp_FAKEpushTOKEN0123"}},
		{"rollback, failing server", "http://x-access-token:ghs_FAKEs3cr3t@" + failingHost + "/site.git", "ghs_FAKEs3cr3t", []string{"ghs_FAKEs3cr3t", "x-access-token"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log strings.Builder
			o := Options{Dir: dir, Remote: tc.remote, Token: tc.token, Log: &log, Retries: 1}
			if strings.HasPrefix(tc.name, "rollback") {
				o.Dir, o.Rollback = "", "abc1234"
			}
			_, err := Deploy(context.Background(), o)
			if err == nil {
				t.Fatal("deploying to an unreachable remote succeeded")
			}
			for _, s := range tc.secrets {
				if strings.Contains(err.Error(), s) || strings.Contains(log.String(), s) {
					t.Fatalf("%q is in the error or log:\n%v\n%s", s, err, log.String())
				}
			}
			if !strings.Contains(err.Error(), "://***@") {
				t.Errorf("the error does not name the remote: %v", err)
			}
			t.Log(err)
		})
	}
}

func TestDeployRemoteKey(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ a, b string }{
		{"https://github.com/sonoivu/site.git", "git@github.com:sonoivu/site.git"},
		{"https://x-access-token:tok@GitHub.com/Sonoivu/site/", "ssh://git@github.com/sonoivu/site"},
		{"file://" + dir, dir + "/.git"},
		{dir + "/", "file://" + dir + "/.git/"},
	} {
		if a, b := endpointKey(tc.a, ""), endpointKey(tc.b, ""); a != b || a == "" {
			t.Errorf("%s → %q, %s → %q", tc.a, a, tc.b, b)
		}
	}
	if a, b := endpointKey("https://github.com/sonoivu/site", ""), endpointKey("https://github.com/sonoivu/site-www", ""); a == b {
		t.Errorf("two repositories compare equal: %q", a)
	}
}

func TestDeployRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://ghp_abc@github.com/o/r.git", "https://***@github.com/o/r.git"},
		{"http://u:p@ss@host:8080/r", "http://***@host:8080/r"},
		{`Get "https://tok@h/x": dial tcp: refused; mail admin@example.vn`, `Get "https://***@h/x": dial tcp: refused; mail admin@example.vn`},
		{"file:///home/a@b/site.git", "file:///home/a@b/site.git"},
		{"https://github.com/o/r.git", "https://github.com/o/r.git"},
	} {
		if got := redact(tc.in); got != tc.want {
			t.Errorf("redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
