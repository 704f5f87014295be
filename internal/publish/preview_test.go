package publish

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/buildinfo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// previewOf is a build of source, with the provenance a real build writes.
func previewOf(version, source string) map[string]string {
	return map[string]string{
		"index.html":             "<title>" + version + "</title>",
		"tin/index.html":         "<h1>" + version + "</h1>",
		".nojekyll":              "",
		buildinfo.ProvenanceFile: fmt.Sprintf(`{"source_commit": %q}`, source),
	}
}

func withPath(p string) func(*Options) { return func(o *Options) { o.Path = p } }

func removing(p string) func(*Options) {
	return func(o *Options) { o.Dir, o.RemovePath = "", p }
}

// TestDeployPreviews: two previews side by side, one updated, one removed; the other folder
// is never touched, and the root of the branch gets what GitHub Pages and crawlers need.
func TestDeployPreviews(t *testing.T) {
	gitBin(t)
	repo := bare(t)
	remote := "file://" + repo
	tree := func(path string) string { return run(t, repo, "rev-parse", "gh-pages:"+path) }

	a := deploy(t, built(t, previewOf("pr-12 a", "aaaa111"), "aaaa111"), remote, withPath("pr-12/"))
	if !a.Changed || a.Parent != "" || a.Files != 4 || a.Source != "aaaa111" {
		t.Fatalf("first preview: %+v", a)
	}
	files := run(t, repo, "ls-tree", "-r", "--name-only", "gh-pages")
	if want := "pr-12/.nojekyll\npr-12/.well-known/bbtgen.json\npr-12/index.html\npr-12/tin/index.html"; !strings.Contains(files, want) || strings.Contains(files, buildinfo.MarkerFile) {
		t.Fatalf("published files:\n%s", files)
	}
	if got := run(t, repo, "show", "gh-pages:robots.txt"); got != "User-agent: *\nDisallow: /" {
		t.Errorf("robots.txt at the root = %q", got)
	}
	msg := run(t, repo, "log", "-1", "--format=%B", "gh-pages")
	for _, want := range []string{"Xem trước pr-12/ từ aaaa111", "bbtgen-source: aaaa111", "bbtgen-path: pr-12/", "bbtgen-kind: previews"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}

	// A second pull request: its folder beside the first, the first untouched.
	pr12 := tree("pr-12")
	b := deploy(t, built(t, previewOf("pr-13 a", "bbbb222"), "bbbb222"), remote, withPath("pr-13"))
	if !b.Changed || b.Parent != a.Commit {
		t.Fatalf("second preview: %+v", b)
	}
	if tree("pr-12") != pr12 {
		t.Fatal("deploying pr-13/ changed pr-12/")
	}
	if got := run(t, repo, "show", "gh-pages:pr-13/index.html"); got != "<title>pr-13 a</title>" {
		t.Fatalf("pr-13/index.html = %q", got)
	}

	// The first updated: only its folder changes.
	pr13 := tree("pr-13")
	c := deploy(t, built(t, previewOf("pr-12 b", "cccc333"), "cccc333"), remote, withPath("pr-12/"))
	if !c.Changed || c.Parent != b.Commit || tree("pr-13") != pr13 {
		t.Fatalf("update: %+v", c)
	}
	if got := run(t, repo, "show", "gh-pages:pr-12/index.html"); got != "<title>pr-12 b</title>" {
		t.Fatalf("pr-12/index.html = %q", got)
	}
	// The same build again: no commit.
	if same := deploy(t, built(t, previewOf("pr-12 b", "cccc333"), "cccc333"), remote, withPath("pr-12/")); same.Changed || same.Commit != c.Commit {
		t.Fatalf("an unchanged preview made a commit: %+v", same)
	}

	// A nested folder, then its removal takes the emptied parent too.
	deploy(t, built(t, previewOf("nested", "dddd444"), "dddd444"), remote, withPath("xem-truoc/pr-14/"))
	deploy(t, "", remote, removing("xem-truoc/pr-14"))
	if top := run(t, repo, "ls-tree", "--name-only", "gh-pages"); top != ".nojekyll\npr-12\npr-13\nrobots.txt" {
		t.Fatalf("root after removing the nested preview:\n%s", top)
	}

	// The first removed: one commit; the second stays.
	tip := run(t, repo, "rev-parse", "gh-pages")
	gone := deploy(t, "", remote, removing("pr-12/"))
	if !gone.Changed || gone.Parent != tip || tree("pr-13") != pr13 {
		t.Fatalf("removal: %+v", gone)
	}
	if top := run(t, repo, "ls-tree", "--name-only", "gh-pages"); top != ".nojekyll\npr-13\nrobots.txt" {
		t.Fatalf("root after removing pr-12/:\n%s", top)
	}
	if msg := run(t, repo, "log", "-1", "--format=%B", "gh-pages"); !strings.Contains(msg, "Gỡ bản xem trước pr-12/") || !strings.Contains(msg, "bbtgen-removed: pr-12/\nbbtgen-kind: previews") {
		t.Fatalf("removal message:\n%s", msg)
	}
	// Nothing left to remove: no commit.
	if again := deploy(t, "", remote, removing("pr-12")); again.Changed || again.Commit != gone.Commit {
		t.Fatalf("removing an absent preview: %+v", again)
	}
	// Removing from a branch that does not exist yet: nothing to do either.
	if none := deploy(t, "", "file://"+bare(t), removing("pr-1/")); none.Changed || none.Commit != "" {
		t.Fatalf("removing from an empty remote: %+v", none)
	}
	// The branch stays a previews branch after its last preview is removed.
	last := deploy(t, "", remote, removing("pr-13"))
	if !last.Changed {
		t.Fatalf("removing the last preview: %+v", last)
	}
	deploy(t, built(t, previewOf("pr-15", "eeee555"), "eeee555"), remote, withPath("pr-15"))
	if n := run(t, repo, "rev-list", "--count", "gh-pages"); n != "8" {
		t.Fatalf("history has %s commits, want 8", n)
	}
	run(t, repo, "fsck", "--strict")
}

func TestDeployPreviewRefusesBadPaths(t *testing.T) {
	gitBin(t)
	repo := bare(t)
	dir := built(t, previewOf("x", "aaaa111"), "aaaa111")
	for _, p := range []string{"../pr-1", "/pr-1", "pr-1/../../x", "./pr-1", "..", ".git", "pr-1/.git", "PR-1", "pr 1", "pr-1//a", `pr-1\a`, "pr_1", "-pr", "pr-", "//", "/"} {
		for _, remove := range []bool{false, true} {
			o := Options{Dir: dir, Remote: repo, Path: p}
			if remove {
				o = Options{Remote: repo, RemovePath: p}
			}
			_, err := Deploy(context.Background(), o)
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("folder %q is not a plain relative folder", p)) {
				t.Errorf("path %q (removal %v): %v", p, remove, err)
			}
		}
	}
	for _, o := range []Options{
		{Dir: dir, Remote: repo, Path: "pr-1/", RemovePath: "pr-2/"},
		{Remote: repo, Rollback: "abc1234", Path: "pr-1/"},
		{Remote: repo, Rollback: "abc1234", RemovePath: "pr-1/"},
	} {
		if _, err := Deploy(context.Background(), o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	if out := run(t, repo, "for-each-ref"); out != "" {
		t.Fatalf("something was pushed: %s", out)
	}
}

// TestDeployPreviewBranchKinds: previews and whole sites never share a branch, and the source
// branches stay refused.
func TestDeployPreviewBranchKinds(t *testing.T) {
	gitBin(t)
	src, c := siteRepo(t, 1)
	site := bare(t)
	online := deploy(t, built(t, siteOf("a"), c[0]), "file://"+site)
	previews := bare(t)
	preview := deploy(t, built(t, previewOf("pr-1", c[0]), c[0]), "file://"+previews, withPath("pr-1/"))
	hand, handTip := handMade(t, "gh-pages", map[string]string{"index.html": "tự làm"})
	for _, tc := range []struct {
		name   string
		remote string
		opts   func(*Options)
		want   string // "" for success
	}{
		{"preview onto a whole site", site, withPath("pr-2/"),
			fmt.Sprintf(`refusing to deploy preview pr-2/: branch gh-pages of file://%s holds a whole site (its tip %s "Xuất bản trang từ %s" is a deployment of the whole site), not previews; a preview there would be online beside the published site; put previews on a branch of their own (another repository's Pages), or pass --force`, site, diag.ShortSHA(online.Commit), diag.ShortSHA(c[0]))},
		{"removal from a whole site", site, removing("pr-2/"), "refusing to remove preview pr-2/: branch gh-pages of file://" + site + " holds a whole site"},
		{"whole site onto previews", previews, nil,
			fmt.Sprintf(`refusing to deploy: branch gh-pages of file://%s holds previews of pull requests in folders (its tip %s "Xem trước pr-1/ từ %s"); the whole site would replace them; deploy with --path, or to another branch, or pass --force`, previews, diag.ShortSHA(preview.Commit), diag.ShortSHA(c[0]))},
		{"rollback of previews", previews, func(o *Options) { o.Dir, o.Rollback, o.Force = "", preview.Commit, true },
			"cannot roll back branch gh-pages of file://" + previews + ": it holds previews of pull requests"},
		{"preview onto a hand-made branch", hand, withPath("pr-2/"),
			fmt.Sprintf(`refusing to deploy preview pr-2/: branch gh-pages of file://%s is not a bbtgen deployment branch (its tip %s "Trang tự làm" has no bbtgen-source: line); put previews on a new branch or one that holds previews, or pass --force to add the folder to it`, hand, diag.ShortSHA(handTip))},
		{"the source repository's publishing branch, forced", src, func(o *Options) { o.Path, o.Branch, o.Force = "pr-2/", "main", true },
			"refusing to deploy to branch main of file://" + src + ": that is the site's own source repository and main is its publishing branch"},
		{"removal from the publishing branch, forced", src, func(o *Options) { o.Dir, o.RemovePath, o.Branch, o.Force = "", "pr-2/", "main", true },
			"refusing to deploy to branch main of file://" + src + ": that is the site's own source repository"},
		{"preview onto a whole site, forced", site, func(o *Options) { o.Path, o.Force = "pr-2/", true }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := run(t, tc.remote, "for-each-ref")
			o := Options{Dir: built(t, previewOf("pr-2", c[0]), c[0]), Remote: "file://" + tc.remote, Branch: "gh-pages", SourceRepo: src, Now: time.Now()}
			if tc.opts != nil {
				tc.opts(&o)
			}
			res, err := Deploy(context.Background(), o)
			if tc.want == "" {
				if err != nil || !res.Changed {
					t.Fatalf("got %+v, %v", res, err)
				}
				// The site is kept, and nothing is added at its root (robots.txt would hide it).
				if files := run(t, tc.remote, "ls-tree", "--name-only", "gh-pages"); files != ".nojekyll\nindex.html\npr-2" {
					t.Fatalf("root after the forced preview:\n%s", files)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("got %+v, %v\nwant %s", res, err, tc.want)
			}
			if after := run(t, tc.remote, "for-each-ref"); after != before {
				t.Fatalf("the remote changed:\n%s\nwas\n%s", after, before)
			}
		})
	}
}

// TestDeployPreviewOrder: a preview is never replaced by the build of an older commit, judged
// on the source its folder holds, not on the branch's tip (another pull request's preview).
func TestDeployPreviewOrder(t *testing.T) {
	gitBin(t)
	src, c := siteRepo(t, 2)
	repo := bare(t)
	remote := "file://" + repo
	withSrc := func(p string) func(*Options) { return func(o *Options) { o.Path, o.SourceRepo = p, src } }
	newer := deploy(t, built(t, previewOf("mới", c[1]), c[1]), remote, withSrc("pr-1/"))
	deploy(t, built(t, previewOf("khác", c[0]), c[0]), remote, withSrc("pr-2/")) // an older source, another folder
	older := deploy(t, built(t, previewOf("cũ", c[0]), c[0]), remote, withSrc("pr-1/"))
	if older.Changed || older.Superseded != c[1] {
		t.Fatalf("older preview: %+v (newer %s)", older, newer.Commit)
	}
	if got := run(t, repo, "show", "gh-pages:pr-1/index.html"); got != "<title>mới</title>" {
		t.Fatalf("pr-1/ = %q", got)
	}
}

// TestDeployPreviewRace: a preview whose push lost to another pull request's preview goes on
// top of it; one whose folder was removed meanwhile (the pull request closed) is not put back.
func TestDeployPreviewRace(t *testing.T) {
	gitBin(t)
	for _, tc := range []struct {
		name      string
		meanwhile func(t *testing.T, remote string)
		want      string // the held deployment's error; "" for success
	}{
		{"another folder", func(t *testing.T, remote string) {
			deploy(t, built(t, previewOf("pr-2", "bbbb222"), "bbbb222"), remote, withPath("pr-2/"))
		}, ""},
		{"the same folder removed", func(t *testing.T, remote string) {
			deploy(t, "", remote, removing("pr-1/"))
		}, "the branch moved while deploying: preview pr-1/ was removed meanwhile (its pull request may have been closed); refusing to put it back; deploy again if it should be online"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := bare(t)
			remote := "file://" + repo
			deploy(t, built(t, previewOf("pr-1 a", "aaaa111"), "aaaa111"), remote, withPath("pr-1/"))
			held, release := holdFirstPush(t, repo)
			dir := built(t, previewOf("pr-1 b", "aaaa333"), "aaaa333")
			var res *Result
			var err error
			var log strings.Builder
			done := make(chan struct{})
			go func() {
				defer close(done)
				res, err = Deploy(context.Background(), Options{Dir: dir, Remote: remote, Path: "pr-1/", Now: time.Now(), Log: &log})
			}()
			select {
			case <-held:
			case <-done:
				t.Fatalf("the deployment ended before its push was held: %+v, %v", res, err)
			case <-time.After(30 * time.Second):
				t.Fatal("the push was never held")
			}
			tc.meanwhile(t, remote)
			release()
			<-done
			t.Logf("held deployment's log:\n%s", log.String())
			if tc.want != "" {
				if err == nil || err.Error() != tc.want {
					t.Fatalf("got %+v, %v\nwant %s", res, err, tc.want)
				}
				if files := run(t, repo, "ls-tree", "--name-only", "gh-pages"); strings.Contains(files, "pr-1") {
					t.Fatalf("the removed preview came back:\n%s", files)
				}
				return
			}
			if err != nil || !res.Changed {
				t.Fatalf("got %+v, %v", res, err)
			}
			if got := run(t, repo, "show", "gh-pages:pr-1/index.html"); got != "<title>pr-1 b</title>" {
				t.Errorf("pr-1/ = %q", got)
			}
			if got := run(t, repo, "show", "gh-pages:pr-2/index.html"); got != "<title>pr-2</title>" {
				t.Errorf("pr-2/ = %q", got)
			}
			run(t, repo, "fsck", "--strict")
		})
	}
}
