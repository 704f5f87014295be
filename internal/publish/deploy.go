// Package publish puts a built site online as one commit on a branch of a Git remote, with
// go-git: a GitHub Pages branch, or the repository a web server checks out. History is kept,
// so any earlier version can be put back (Rollback). Only a folder that a successful
// bbtgen build marked as complete is ever published.
//
// The branch is a record the publishing server relies on; safety.go keeps it true (a
// deployment never replaces a newer one, lands only on a deployment branch, keeps the custom
// domain) and keeps credentials out of every message.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/sonoivu-binhdinh/bbtgen/internal/buildinfo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// Options describe one deployment.
type Options struct {
	// Dir is the built site (ignored for a rollback).
	Dir string
	// Remote is the Git remote: https://…, http://…, file://… or a local path.
	Remote string
	// Branch is the branch that holds the published site (default gh-pages).
	Branch string
	// Message is added to the commit message.
	Message string
	// Token authenticates to https remotes (GITHUB_TOKEN).
	Token string
	// Rollback, when set, republishes the site of that earlier commit of the branch.
	Rollback string
	// Now is the commit time.
	Now time.Time
	// Name and Email sign the commit (default "bbtgen").
	Name, Email string
	// Retries is how often a push that lost a race is redone on the new tip (default 3).
	Retries int
	// Log receives progress.
	Log io.Writer
	// Translate writes a progress sentence in the reader's language (the message catalog's
	// printer); nil writes it in English.
	Translate func(diag.Text) string
	// SourceRepo is the site's own Git repository (any folder inside it): it tells which of two
	// source commits is newer, and which branches hold the sources. Without it, a deployment
	// that lost a race to one of another source refuses.
	SourceRepo string
	// PublishingBranch is the source repository's publishing branch (default main).
	PublishingBranch string
	// Force replaces a branch that is not a bbtgen deployment branch, and puts the build over a
	// deployment of a newer source commit. It never allows the source branches themselves, nor
	// overwriting, after a lost race, a deployment the caller never saw.
	Force bool
	// Path, when set, publishes the build as that folder of the branch ("pr-12/"), a preview:
	// the new tree is the tip's with only that folder replaced, so the other previews stay.
	// It is a plain relative folder of slugs, and the branch must be new or hold previews.
	Path string
	// RemovePath, when set, removes that preview folder from the branch as one commit (nothing
	// to do when it is absent); Dir is ignored.
	RemovePath string
}

// Result tells what was published.
type Result struct {
	Commit  string // the new commit, or the tip when nothing changed
	Parent  string // the previous tip ("" for the first deployment)
	Changed bool
	Files   int
	Source  string // the source commit of the published build
	// Superseded is the source commit of a newer deployment found online; nothing was published.
	Superseded string
	// Path is the preview folder published or removed, as written in the commit ("pr-12/").
	Path string
}

// logf writes a progress sentence to Log, in the reader's language.
func (o Options) logf(format string, args ...any) {
	t := diag.T(format, args...)
	if o.Translate != nil {
		fmt.Fprintln(o.Log, o.Translate(t))
		return
	}
	fmt.Fprintln(o.Log, t.String())
}

// Deploy publishes the build in o.Dir (or the rollback target) as one new commit on o.Branch.
// Whatever fails, the error never holds the credentials of o.Remote or o.Token.
func Deploy(ctx context.Context, o Options) (res *Result, err error) {
	defer func() {
		if err != nil {
			err = redactError(err, o.Remote, o.Token)
		}
	}()
	if o.Branch == "" {
		o.Branch = "gh-pages"
	}
	if o.PublishingBranch == "" {
		o.PublishingBranch = "main"
	}
	if o.Retries == 0 {
		o.Retries = 3
	}
	if o.Name == "" {
		o.Name, o.Email = "bbtgen", "bbtgen@users.noreply.github.com"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if !config.IsBranchName(o.Branch) {
		return nil, fmt.Errorf("%q is not a branch name", o.Branch)
	}
	var segs []string // the preview folder's names
	switch {
	case o.Path != "" && o.RemovePath != "":
		return nil, errors.New("a deployment either publishes a preview folder or removes one, not both")
	case o.Rollback != "" && o.folder() != "":
		return nil, errors.New("a rollback puts back a whole earlier deployment of the branch; it takes no preview folder")
	case o.Path != "":
		if segs, o.Path, err = folderPath(o.Path); err != nil {
			return nil, fmt.Errorf("refusing to deploy: %w", err)
		}
	case o.RemovePath != "":
		if segs, o.RemovePath, err = folderPath(o.RemovePath); err != nil {
			return nil, fmt.Errorf("refusing to remove a preview: %w", err)
		}
	}
	res = &Result{Path: o.folder()}
	var marker *buildinfo.Marker
	if o.Rollback == "" && o.RemovePath == "" {
		m, err := buildinfo.ReadMarker(o.Dir)
		if err != nil {
			return nil, fmt.Errorf("refusing to deploy: %w", err)
		}
		if err := refuseGitData(o.Dir); err != nil {
			return nil, err
		}
		marker = m
	}
	src := openSource(o.SourceRepo)
	if err := src.refuseOwnBranch(o); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "bbtgen-deploy-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	st := filesystem.NewStorage(osfs.New(tmp), cache.NewObjectLRUDefault())
	repo, err := git.Init(st, nil)
	if err != nil {
		return nil, err
	}
	if _, err := repo.CreateRemote(&gitconfig.RemoteConfig{Name: "origin", URLs: []string{o.Remote}}); err != nil {
		return nil, err
	}
	auth := authFor(o.Remote, o.Token)

	var built plumbing.Hash // the build's own tree, stored once
	var seen plumbing.Hash  // the preview folder as the first attempt found it
	for attempt := 0; ; attempt++ {
		tip, err := fetchTip(ctx, repo, o.Branch, auth, o.Rollback == "")
		if err != nil {
			return nil, err
		}
		if err := checkTarget(o, tip); err != nil {
			return nil, err
		}
		var tree plumbing.Hash
		message := commitMessage(o, marker)
		if segs != nil {
			folder, err := readFolder(st, tip, segs)
			if err != nil {
				return nil, err
			}
			var tipTree plumbing.Hash
			if tip != nil {
				tipTree = tip.TreeHash
			}
			if o.RemovePath != "" {
				if folder.tree.IsZero() {
					o.logf("%s holds no preview %s; nothing to remove", o.Branch, o.RemovePath)
					if tip != nil {
						res.Commit, res.Parent = tip.Hash.String(), tip.Hash.String()
					}
					return res, nil
				}
				if tree, err = replaceFolder(st, tipTree, segs, plumbing.ZeroHash); err == nil && tree.IsZero() {
					tree, err = emptyTree(st)
				}
				if err != nil {
					return nil, err
				}
				message = removalMessage(o)
			} else {
				res.Source = marker.Source
				if attempt == 0 {
					seen = folder.tree
				}
				switch v, theirs, err := src.decideFolder(folder, seen, o.Path, marker.Source, attempt > 0, o.Force); {
				case err != nil:
					return nil, err
				case v == superseded:
					res.Commit, res.Parent, res.Superseded = tip.Hash.String(), tip.Hash.String(), theirs
					return res, nil
				case v == sameSource:
					o.logf("preview %s now online is of the same source %s; nothing published", o.Path, diag.ShortSHA(theirs))
					res.Commit, res.Parent = tip.Hash.String(), tip.Hash.String()
					return res, nil
				}
				if built.IsZero() {
					o.logf("hashing %d files of %s…", marker.Files, o.Dir)
					if built, res.Files, err = storeTree(st, o.Dir); err != nil {
						return nil, err
					}
				}
				if tree, err = replaceFolder(st, tipTree, segs, built); err != nil {
					return nil, err
				}
				// Root files only for a new branch of previews: never a robots.txt over a site
				// forced to take a preview.
				if tip == nil {
					if tree, err = addRootFiles(st, tree, o); err != nil {
						return nil, err
					}
				}
				message = previewMessage(o, marker)
			}
		} else if marker != nil {
			res.Source = marker.Source
			switch v, theirs, err := src.decide(tip, marker.Source, attempt > 0, o.Force); {
			case err != nil:
				return nil, err
			case v == superseded:
				res.Commit, res.Parent, res.Superseded = tip.Hash.String(), tip.Hash.String(), theirs
				return res, nil
			case v == sameSource:
				o.logf("the deployment now online is of the same source %s; nothing published", diag.ShortSHA(theirs))
				res.Commit, res.Parent = tip.Hash.String(), tip.Hash.String()
				return res, nil
			}
			// The tree is stored after the first fetch: files the branch already holds are
			// then found in the fetched pack and not written again.
			if built.IsZero() {
				o.logf("hashing %d files of %s…", marker.Files, o.Dir)
				if built, res.Files, err = storeTree(st, o.Dir); err != nil {
					return nil, err
				}
			}
			tree = built
		} else {
			target, err := rollbackTarget(repo, tip, o.Rollback)
			if err != nil {
				return nil, err
			}
			tree = target.TreeHash
			message = fmt.Sprintf("Khôi phục phiên bản %s (rollback)\n\n", diag.ShortSHA(target.Hash.String()))
			if msg := strings.TrimSpace(o.Message); msg != "" {
				message += msg + "\n\n"
			}
			message += "bbtgen-rollback-of: " + target.Hash.String() + "\n"
		}
		if segs == nil {
			// A preview leaves the root as it is, the CNAME with it.
			if tree, err = keepCNAME(st, tree, tip, o); err != nil {
				return nil, err
			}
		}
		if tip != nil && tip.TreeHash == tree {
			res.Commit, res.Parent = tip.Hash.String(), tip.Hash.String()
			return res, nil
		}
		commit, err := storeCommit(st, tree, tip, message, o)
		if err != nil {
			return nil, err
		}
		ref := plumbing.NewBranchReferenceName(o.Branch)
		if err := st.SetReference(plumbing.NewHashReference(ref, commit)); err != nil {
			return nil, err
		}
		err = repo.PushContext(ctx, &git.PushOptions{
			RemoteName: "origin",
			RefSpecs:   []gitconfig.RefSpec{gitconfig.RefSpec(ref + ":" + ref)},
			Auth:       auth,
		})
		if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
			res.Commit, res.Changed = commit.String(), true
			if tip != nil {
				res.Parent = tip.Hash.String()
			}
			return res, nil
		}
		if !isRace(err) || attempt >= o.Retries {
			return nil, fmt.Errorf("pushing to %s of %s: %w", o.Branch, redact(o.Remote), err)
		}
		// The decision is made again on the new tip: it may hold a newer deployment.
		o.logf("the branch moved while deploying (%s); deciding again on the new tip", redactString(err.Error(), o.Remote, o.Token))
	}
}

func commitMessage(o Options, m *buildinfo.Marker) string {
	if m == nil {
		return ""
	}
	var b strings.Builder
	src := m.Source
	if src == "" {
		src = "(not from a Git commit)"
	}
	fmt.Fprintf(&b, "Xuất bản trang từ %s\n\n", diag.ShortSHA(src))
	if msg := strings.TrimSpace(o.Message); msg != "" {
		b.WriteString(msg + "\n\n")
	}
	fmt.Fprintf(&b, "bbtgen-source: %s\nbbtgen-built: %s\nbbtgen-version: %s\n", src, m.Built.Format(time.RFC3339), m.Version)
	return b.String()
}

// authFor authenticates https remotes with the token, as GitHub expects from Actions.
func authFor(remote, token string) transport.AuthMethod {
	if token != "" && strings.HasPrefix(remote, "https://") {
		return &githttp.BasicAuth{Username: "x-access-token", Password: token}
	}
	return nil
}

// isRace tells a push rejected because someone else pushed first.
func isRace(err error) bool {
	msg := err.Error()
	return errors.Is(err, git.ErrNonFastForwardUpdate) || strings.Contains(msg, "non-fast-forward") ||
		strings.Contains(msg, "fetch first") || strings.Contains(msg, "failed to update ref") || strings.Contains(msg, "stale info")
}

// fetchTip fetches the branch (only its tip when shallow) and returns its commit, or nil when
// the branch or the whole remote is still empty.
func fetchTip(ctx context.Context, repo *git.Repository, branch string, auth transport.AuthMethod, shallow bool) (*object.Commit, error) {
	remoteRef := plumbing.NewRemoteReferenceName("origin", branch)
	opts := &git.FetchOptions{
		RemoteName: "origin",
		RefSpecs:   []gitconfig.RefSpec{gitconfig.RefSpec("+" + plumbing.NewBranchReferenceName(branch) + ":" + remoteRef)},
		Auth:       auth, Tags: git.NoTags, Force: true,
	}
	if shallow {
		opts.Depth = 1
	}
	err := repo.FetchContext(ctx, opts)
	var noMatch git.NoMatchingRefSpecError
	switch {
	case err == nil, errors.Is(err, git.NoErrAlreadyUpToDate):
	case errors.Is(err, transport.ErrEmptyRemoteRepository), errors.As(err, &noMatch):
		return nil, nil
	default:
		return nil, fmt.Errorf("fetching %s: %w", branch, err)
	}
	ref, err := repo.Reference(remoteRef, true)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return repo.CommitObject(ref.Hash())
}

// rollbackTarget finds an earlier deployment on the branch by (abbreviated) hash.
func rollbackTarget(repo *git.Repository, tip *object.Commit, rev string) (*object.Commit, error) {
	if tip == nil {
		return nil, errors.New("cannot roll back: the branch has no deployment yet")
	}
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("cannot roll back to %s: no such commit on the branch", rev)
	}
	target, err := repo.CommitObject(*h)
	if err != nil {
		return nil, err
	}
	if target.Hash != tip.Hash {
		ok, err := target.IsAncestor(tip)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("cannot roll back to %s: it is not an earlier deployment of the branch", rev)
		}
	}
	// Only a deployment is a version of the site: a rollback commit repeats one (roll back to
	// that one instead), and a hand-made commit was never published by bbtgen.
	t := trailers(target.Message)
	if t[trailerSource] == "" {
		if of := t[trailerRollbackOf]; of != "" {
			return nil, fmt.Errorf("cannot roll back to %s: it is a rollback (of %s), not a deployment; roll back to %s instead", rev, diag.ShortSHA(of), diag.ShortSHA(of))
		}
		return nil, fmt.Errorf("cannot roll back to %s: commit %s %q is not a bbtgen deployment (it has no %s: line)", rev, diag.ShortSHA(target.Hash.String()), subject(target), trailerSource)
	}
	return target, nil
}

// storeTree stores every file of dir (but the build marker) as blobs and returns the root
// tree's hash and the number of files.
func storeTree(st *filesystem.Storage, dir string) (plumbing.Hash, int, error) {
	files := 0
	var build func(abs string) (plumbing.Hash, error)
	build = func(abs string) (plumbing.Hash, error) {
		entries, err := os.ReadDir(abs)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		var tree object.Tree
		for _, e := range entries {
			p := filepath.Join(abs, e.Name())
			if abs == dir && e.Name() == buildinfo.MarkerFile {
				continue
			}
			switch {
			case e.IsDir():
				h, err := build(p)
				if err != nil {
					return plumbing.ZeroHash, err
				}
				tree.Entries = append(tree.Entries, object.TreeEntry{Name: e.Name(), Mode: filemode.Dir, Hash: h})
			case e.Type().IsRegular():
				h, err := storeBlob(st, p)
				if err != nil {
					return plumbing.ZeroHash, err
				}
				files++
				tree.Entries = append(tree.Entries, object.TreeEntry{Name: e.Name(), Mode: filemode.Regular, Hash: h})
			default:
				return plumbing.ZeroHash, fmt.Errorf("%s is not a regular file; a build never makes links", p)
			}
		}
		// Git orders tree entries by name, with folders compared as if they ended in "/".
		slices.SortFunc(tree.Entries, func(a, b object.TreeEntry) int {
			return strings.Compare(sortName(a), sortName(b))
		})
		obj := st.NewEncodedObject()
		if err := tree.Encode(obj); err != nil {
			return plumbing.ZeroHash, err
		}
		return storeObject(st, obj)
	}
	h, err := build(dir)
	return h, files, err
}

func sortName(e object.TreeEntry) string {
	if e.Mode == filemode.Dir {
		return e.Name + "/"
	}
	return e.Name
}

func storeBlob(st *filesystem.Storage, path string) (plumbing.Hash, error) {
	f, err := os.Open(path)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	obj := st.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(info.Size())
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := io.Copy(w, f); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return storeObject(st, obj)
}

// storeObject writes an object unless the storage (the fetched branch) already has it: an
// unchanged page or folder is never written again.
func storeObject(st *filesystem.Storage, obj plumbing.EncodedObject) (plumbing.Hash, error) {
	if st.HasEncodedObject(obj.Hash()) == nil {
		return obj.Hash(), nil
	}
	return st.SetEncodedObject(obj)
}

func storeCommit(st *filesystem.Storage, tree plumbing.Hash, parent *object.Commit, message string, o Options) (plumbing.Hash, error) {
	sig := object.Signature{Name: o.Name, Email: o.Email, When: o.Now}
	c := &object.Commit{Author: sig, Committer: sig, Message: message, TreeHash: tree}
	if parent != nil {
		c.ParentHashes = []plumbing.Hash{parent.Hash}
	}
	obj := st.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return st.SetEncodedObject(obj)
}
