// Package gittest builds real Git repositories for tests with the git command: files written,
// commits made at given times, branches merged.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Repo is a repository in a temporary folder.
type Repo struct {
	T   testing.TB
	Dir string
}

// New makes an empty repository whose first branch is main. It skips the test when git is
// missing, except in CI, where it fails.
func New(t testing.TB) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is required in CI")
		}
		t.Skip("git is not installed")
	}
	r := &Repo{T: t, Dir: t.TempDir()}
	r.Git(time.Now(), "init", "-q", "-b", "main")
	return r
}

// Git runs git in the repository with author and committer dates set to when.
func (r *Repo) Git(when time.Time, args ...string) string {
	r.T.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	stamp := when.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+stamp, "GIT_COMMITTER_DATE="+stamp,
		"GIT_AUTHOR_NAME=Tác giả", "GIT_AUTHOR_EMAIL=tacgia@example.com",
		"GIT_COMMITTER_NAME=GitHub", "GIT_COMMITTER_EMAIL=noreply@github.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.Dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.T.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// Write writes a file (making its folders).
func (r *Repo) Write(path, text string) {
	r.T.Helper()
	p := filepath.Join(r.Dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.T.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.T.Fatal(err)
	}
}

// Remove deletes a file.
func (r *Repo) Remove(path string) {
	r.T.Helper()
	if err := os.Remove(filepath.Join(r.Dir, filepath.FromSlash(path))); err != nil {
		r.T.Fatal(err)
	}
}

// Commit stages everything and commits at when; it returns the commit's hash.
func (r *Repo) Commit(when time.Time, msg string) string {
	r.T.Helper()
	r.Git(when, "add", "-A")
	r.Git(when, "commit", "-q", "--allow-empty", "-m", msg)
	return r.Git(when, "rev-parse", "HEAD")
}
