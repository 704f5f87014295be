package audit

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge/githubtest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// mergeHistory makes a repository whose main branch has n merge commits of approved pull
// requests (one article each), written with git fast-import, and a GitHub that knows them.
func mergeHistory(b *testing.B, n int) (string, *githubtest.Server) {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	dir := b.TempDir()
	if out, err := exec.Command("git", "init", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		b.Fatalf("%v: %s", err, out)
	}
	cfg := testfixture.ConfigYAML
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet")
	stdin, _ := cmd.StdinPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(stdin)
	t0 := time.Date(2026, 1, 5, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	data := func(s string) { fmt.Fprintf(w, "data %d\n%s\n", len(s), s) }
	fmt.Fprintf(w, "commit refs/heads/main\nmark :1\ncommitter GitHub <noreply@github.com> %d +0700\n", t0.Unix())
	data("Khởi tạo")
	fmt.Fprintf(w, "M 100644 inline config.yaml\n")
	data(string(cfg))
	for i := 1; i <= n; i++ {
		at := t0.Add(time.Duration(i) * time.Hour)
		fmt.Fprintf(w, "commit refs/heads/pr\nmark :%d\ncommitter Tác giả <tacgia@example.com> %d +0700\n", 2*i, at.Unix())
		data(fmt.Sprintf("Tin %d", i))
		article := fmt.Sprintf("---\ntitle: \"Tin %d\"\ndate: 2026-01-05T09:00:00+07:00\nauthors: [pthanh]\nunit: phong-cchc\nsummary: \"Tóm tắt.\"\n---\nNội dung.\n", i)
		file := fmt.Sprintf("content/cai-cach-hanh-chinh/2026/tin-%04d.md", i)
		fmt.Fprintf(w, "from :%d\nM 100644 inline %s\n", 2*i-1, file)
		data(article)
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\ncommitter GitHub <noreply@github.com> %d +0700\n", 2*i+1, at.Add(30*time.Minute).Unix())
		data(fmt.Sprintf("Merge pull request #%d", i))
		// fast-import does not merge trees: the merge commit lists the change itself.
		fmt.Fprintf(w, "from :%d\nmerge :%d\nM 100644 inline %s\n", 2*i-1, 2*i, file)
		data(article)
	}
	w.Flush()
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		b.Fatal(err)
	}
	log, err := exec.Command("git", "-C", dir, "log", "--first-parent", "--format=%H %P", "main").CombinedOutput()
	if err != nil {
		b.Fatalf("%v: %s", err, log)
	}
	s := githubtest.New("sonoivu", "website")
	b.Cleanup(s.Close)
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	for k, line := range lines {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue // the initial commit
		}
		num := len(lines) - 1 - k
		merged := t0.Add(time.Duration(num)*time.Hour + 30*time.Minute)
		s.AddPR(&githubtest.PR{Number: num, Title: fmt.Sprintf("Tin %d", num), User: "pthanh-snv", State: "closed", HeadSHA: f[2], MergeCommitSHA: f[0], MergedAt: merged.UTC(), MergedBy: "lhtrung-snv",
			Reviews: []githubtest.Review{{User: "ntvu-snv", State: "APPROVED", CommitID: f[2], SubmittedAt: merged.Add(-20 * time.Minute).UTC()}, {User: "lhtrung-snv", State: "APPROVED", CommitID: f[2], SubmittedAt: merged.Add(-25 * time.Minute).UTC()}}})
	}
	return dir, s
}

// BenchmarkAudit2000 audits a publishing branch of 2,000 merged pull requests against the
// in-memory GitHub (two requests per merge: its pull request and its reviews).
func BenchmarkAudit2000(b *testing.B) {
	dir, s := mergeHistory(b, 2000)
	repo, err := gitrepo.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	tip, err := gitrepo.Resolve(repo, "refs/heads/main")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		s.SetRemaining(5000)
		c, _ := forge.New(forge.Options{Token: "x", APIURL: s.APIURL(), Repo: "sonoivu/website"})
		res, err := Run(context.Background(), Options{Repo: repo, Tip: tip, Branch: "main", Forge: c})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Violations) != 1 || res.Commits != 2001 { // the initial commit was pushed directly
			b.Fatalf("%d commits, violations %+v", res.Commits, res.Violations[:min(3, len(res.Violations))])
		}
		b.ReportMetric(float64(c.Requests()), "requests/op")
	}
}
