// Package gitrepo is bbtgen's Git plumbing, on go-git: open a repository, resolve a revision,
// walk the first-parent history of the publishing branch, diff two commits' trees, read
// blobs and files, and find the commit that last changed a file. The royalty ledger, the
// audit, the build's provenance and deploy use it; none of them walks Git itself.
//
// History is walked along first parents only (the publishing branch as it was), diffing each
// commit against its first parent, restricted to the folders asked for. go-git's Log with a
// path filter is avoided on purpose: it diffs every commit with rename detection and is orders
// of magnitude slower (see treediff.go for the differ used instead).
package gitrepo

import (
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/sonoivu-binhdinh/bbtgen/internal/filechange"
)

// Open opens the Git repository holding dir.
func Open(dir string) (*git.Repository, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, fmt.Errorf("%s is not in a Git repository: %w", dir, err)
	}
	return Reopen(repo), nil
}

// Reopen opens the storage of repo again, keeping pack files open (the history walks read
// thousands of objects, and go-git otherwise opens the pack again for each one) and with a
// cache of its own: goroutines that each hold their own reopened repository read in parallel
// safely.
func Reopen(repo *git.Repository) *git.Repository {
	st, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return repo
	}
	fast := filesystem.NewStorageWithOptions(st.Filesystem(), cache.NewObjectLRU(8*cache.MiByte), filesystem.Options{KeepDescriptors: true})
	var wt billy.Filesystem
	if w, err := repo.Worktree(); err == nil {
		wt = w.Filesystem
	}
	if r, err := git.Open(fast, wt); err == nil {
		return r
	}
	return repo
}

// Resolve finds the commit a revision names: a branch, a tag, "HEAD" or a hash.
func Resolve(repo *git.Repository, rev string) (*object.Commit, error) {
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("cannot find %q in the repository: %w", rev, err)
	}
	return repo.CommitObject(*h)
}

// FirstParents returns the first-parent chain that ends at tip, oldest first. When stop is
// not nil the walk back ends at the first commit for which it returns true (that commit is
// left out).
func FirstParents(tip *object.Commit, stop func(*object.Commit) bool) ([]*object.Commit, error) {
	var chain []*object.Commit
	for c := tip; c != nil; {
		if stop != nil && stop(c) {
			break
		}
		chain = append(chain, c)
		if c.NumParents() == 0 {
			break
		}
		p, err := c.Parent(0)
		if err != nil {
			return nil, fmt.Errorf("reading the parent of %s: %w", c.Hash.String()[:7], err)
		}
		c = p
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain, nil
}

// FileChange is a change to one file.
type FileChange struct {
	Status  filechange.Status
	Path    string // the file's path after the change (before it, for removals)
	OldPath string // for renames
	Blob    plumbing.Hash
}

// Diff lists the changes from parent (nil for a root commit) to c under each of dirs (nil: the
// whole tree), with renames paired up.
func Diff(repo *Repository, parent, c *object.Commit, dirs []string, renames bool) ([]FileChange, error) {
	if dirs == nil {
		dirs = []string{""}
	}
	return NewDiffer(repo).CommitDiff(parent, c, dirs, renames)
}

// ReadBlob reads a file's bytes by its blob hash.
func ReadBlob(repo *git.Repository, h plumbing.Hash) ([]byte, error) {
	b, err := repo.BlobObject(h)
	if err != nil {
		return nil, err
	}
	r, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// FileAt reads a file of a commit; found is false when the commit has no such file.
func FileAt(c *object.Commit, p string) (data []byte, found bool, err error) {
	f, err := c.File(p)
	if errors.Is(err, object.ErrFileNotFound) || errors.Is(err, object.ErrDirectoryNotFound) || errors.Is(err, object.ErrEntryNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	s, err := f.Contents()
	if err != nil {
		return nil, false, err
	}
	return []byte(s), true, nil
}

// LastChanged finds, for each path, the newest commit on the first-parent history of tip that
// changed it (the provenance of a published page). The walk stops as soon as every path is
// found.
func LastChanged(repo *Repository, tip *object.Commit, paths []string, dirs []string) (map[string]plumbing.Hash, error) {
	d := NewDiffer(repo)
	left := map[string]bool{}
	for _, p := range paths {
		left[p] = true
	}
	out := map[string]plumbing.Hash{}
	for c := tip; c != nil && len(left) > 0; {
		var parent *object.Commit
		if c.NumParents() > 0 {
			p, err := c.Parent(0)
			if err != nil {
				return nil, err
			}
			parent = p
		}
		changes, err := d.CommitDiff(parent, c, dirs, false)
		if err != nil {
			return nil, err
		}
		d.Rotate()
		for _, ch := range changes {
			if left[ch.Path] {
				out[ch.Path] = c.Hash
				delete(left, ch.Path)
			}
		}
		c = parent
	}
	return out, nil
}

// Repository is a Git repository (an alias, so that callers need not import go-git).
type Repository = git.Repository
