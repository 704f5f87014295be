package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// The deployment branch is a record the publishing server relies on: what is online, built
// from which source commit. The checks below keep it true: a deployment never replaces a
// newer one, never lands on a branch that is not a deployment branch (or on the sources
// themselves), never drops the branch's custom domain, never carries Git's own data, and
// never prints the credentials of the remote.

// The trailers of the commits deploy makes, in the last paragraph of the message.
const (
	trailerSource     = "bbtgen-source"
	trailerRollbackOf = "bbtgen-rollback-of"
	// trailerKind says what the branch holds: kindPreviews for a branch of preview folders
	// (absent for a whole site). Every commit of a previews branch carries it, so its tip tells.
	trailerKind  = "bbtgen-kind"
	trailerPath  = "bbtgen-path"    // the folder a preview deployment published
	trailerGone  = "bbtgen-removed" // the folder a preview removal removed
	kindPreviews = "previews"
)

// notFromGit is what the source trailer says for a build made outside Git.
const notFromGit = "(not from a Git commit)"

// trailers reads the bbtgen- lines of the last paragraph of a commit message.
func trailers(message string) map[string]string {
	message = strings.TrimRight(message, "\n")
	if i := strings.LastIndex(message, "\n\n"); i >= 0 {
		message = message[i+2:]
	}
	t := map[string]string{}
	for line := range strings.SplitSeq(message, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.HasPrefix(k, "bbtgen-") {
			t[k] = strings.TrimSpace(v)
		}
	}
	return t
}

func subject(c *object.Commit) string {
	s, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	return s
}

func sourceName(source string) string {
	if source == "" {
		return notFromGit
	}
	return diag.ShortSHA(source)
}

// checkTarget refuses a branch whose tip deploy did not make: its files (a hand-made site, or
// sources) would be replaced by the build. It keeps the two kinds of deployment branch apart:
// a preview folder never lands on a branch that holds a whole site (an unapproved draft would
// be online beside the approved site), and a whole site never replaces a branch of previews.
func checkTarget(o Options, tip *object.Commit) error {
	if tip == nil {
		return nil
	}
	t := trailers(tip.Message)
	previews := t[trailerKind] == kindPreviews
	if previews && o.Rollback != "" {
		// An earlier tree of the branch would bring back the previews removed since.
		return fmt.Errorf("cannot roll back branch %s of %s: it holds previews of pull requests, which are deployed and removed one folder at a time (deploy the preview again, or remove it)", o.Branch, redact(o.Remote))
	}
	if o.Force {
		return nil
	}
	deployment := t[trailerSource] != "" || t[trailerRollbackOf] != "" || previews
	tipName := fmt.Sprintf("%s %q", diag.ShortSHA(tip.Hash.String()), subject(tip))
	switch folder := o.folder(); {
	case !deployment && folder != "":
		return fmt.Errorf("refusing to %s: branch %s of %s is not a bbtgen deployment branch (its tip %s has no %s: line); put previews on a new branch or one that holds previews, or pass --force to add the folder to it",
			o.folderVerb(), o.Branch, redact(o.Remote), tipName, trailerSource)
	case !deployment:
		return fmt.Errorf("refusing to deploy: branch %s of %s is not a bbtgen deployment branch (its tip %s has no %s: line) and its files would be replaced; deploy to a new or deployment branch, or pass --force to replace them",
			o.Branch, redact(o.Remote), tipName, trailerSource)
	case folder != "" && !previews:
		return fmt.Errorf("refusing to %s: branch %s of %s holds a whole site (its tip %s is a deployment of the whole site), not previews; a preview there would be online beside the published site; put previews on a branch of their own (another repository's Pages), or pass --force",
			o.folderVerb(), o.Branch, redact(o.Remote), tipName)
	case folder == "" && previews:
		return fmt.Errorf("refusing to deploy: branch %s of %s holds previews of pull requests in folders (its tip %s); the whole site would replace them; deploy with --path, or to another branch, or pass --force",
			o.Branch, redact(o.Remote), tipName)
	}
	return nil
}

// refuseGitData refuses a build that holds a .git file or folder: Git refuses such a path in
// a tree, so every clone of the branch would fail.
func refuseGitData(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.EqualFold(d.Name(), ".git") {
			kind := "file"
			if d.IsDir() {
				kind = "folder"
			}
			return fmt.Errorf("refusing to deploy: %s is Git's own data (a .git %s); publishing it would break every clone of the branch; remove it from the build", p, kind)
		}
		return nil
	})
}

// keepCNAME carries the branch's CNAME (the custom domain of GitHub Pages, often added on the
// branch by GitHub's settings page) into a tree that has none.
func keepCNAME(st *filesystem.Storage, tree plumbing.Hash, tip *object.Commit, o Options) (plumbing.Hash, error) {
	if tip == nil {
		return tree, nil
	}
	tipTree, err := tip.Tree()
	if err != nil {
		return tree, err
	}
	cname, err := tipTree.FindEntry("CNAME")
	if err != nil || !cname.Mode.IsFile() {
		return tree, nil
	}
	t, err := object.GetTree(st, tree)
	if err != nil {
		return tree, err
	}
	if _, err := t.FindEntry("CNAME"); err == nil {
		return tree, nil
	}
	entries := append(slices.Clone(t.Entries), object.TreeEntry{Name: "CNAME", Mode: cname.Mode, Hash: cname.Hash})
	slices.SortFunc(entries, func(a, b object.TreeEntry) int { return strings.Compare(sortName(a), sortName(b)) })
	obj := st.NewEncodedObject()
	if err := (&object.Tree{Entries: entries}).Encode(obj); err != nil {
		return tree, err
	}
	domain := "?"
	if f, err := tipTree.TreeEntryFile(cname); err == nil {
		if text, err := f.Contents(); err == nil {
			domain = strings.TrimSpace(text)
		}
	}
	what := diag.T("the build")
	if o.Rollback != "" {
		what = diag.T("the version rolled back to")
	}
	o.logf("keeping the CNAME of %s (%s): %s has none", o.Branch, domain, what)
	return storeObject(st, obj)
}

// sourceRepo is the site's own repository: it tells which of two source commits is newer,
// and whether the remote is the sources themselves.
type sourceRepo struct {
	repo *git.Repository
	root string // the working tree, or the repository folder when bare
	why  string // why there is no repository
}

func openSource(path string) *sourceRepo {
	if path == "" {
		return &sourceRepo{why: "no source repository was given"}
	}
	r, err := git.PlainOpenWithOptions(path, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return &sourceRepo{why: fmt.Sprintf("%s is not in a Git repository", path)}
	}
	s := &sourceRepo{repo: r}
	if wt, err := r.Worktree(); err == nil {
		s.root = wt.Filesystem.Root()
	} else if st, ok := r.Storer.(*filesystem.Storage); ok {
		s.root = st.Filesystem().Root()
	}
	return s
}

// commit finds a source commit named by a trailer or a build marker.
func (s *sourceRepo) commit(sha string) (*object.Commit, error) {
	switch {
	case sha == "" || sha == notFromGit:
		return nil, errors.New("a build not from a Git commit")
	case s.repo == nil:
		return nil, errors.New(s.why)
	case len(sha) < 4 || strings.Trim(strings.ToLower(sha), "0123456789abcdef") != "":
		return nil, fmt.Errorf("%q is not a commit hash", sha)
	}
	h := plumbing.NewHash(sha)
	if len(sha) != 40 {
		p, err := s.repo.ResolveRevision(plumbing.Revision(sha))
		if err != nil {
			return nil, fmt.Errorf("the source repository %s has no commit %s", s.root, sha)
		}
		h = *p
	}
	c, err := s.repo.CommitObject(h)
	if err != nil {
		return nil, fmt.Errorf("the source repository %s has no commit %s", s.root, diag.ShortSHA(sha))
	}
	return c, nil
}

type verdict int

const (
	proceed    verdict = iota
	superseded         // a newer deployment is online
	sameSource         // a deployment of the same source is online
)

// decide tells whether the build of source ours may go on top of tip. On the first attempt
// only a deployment known to be newer (ours is its ancestor) stops it, unless forced. After a
// lost race the branch holds someone else's deployment that the person deploying never saw:
// it is replaced only when ours is known to be newer.
func (s *sourceRepo) decide(tip *object.Commit, ours string, retry, force bool) (verdict, string, error) {
	if tip == nil {
		return proceed, "", nil
	}
	t := trailers(tip.Message)
	theirs := t[trailerSource]
	if retry && theirs == "" {
		if of := t[trailerRollbackOf]; of != "" {
			return 0, "", fmt.Errorf(moved+"a rollback to %s is now online; refusing to put source %s over it; deploy again if it should be replaced", diag.ShortSHA(of), sourceName(ours))
		}
		return 0, "", fmt.Errorf(moved+"its tip %s %q is not a bbtgen deployment; refusing to overwrite it; check the branch and deploy again", diag.ShortSHA(tip.Hash.String()), subject(tip))
	}
	return s.order(theirs, ours, retry, force)
}

const moved = "the branch moved while deploying: "

// order compares the source of the build online (theirs; "" when unknown) with ours, by the
// rules of decide.
func (s *sourceRepo) order(theirs, ours string, retry, force bool) (verdict, string, error) {
	if !retry {
		if force || theirs == "" {
			return proceed, theirs, nil
		}
		o, err1 := s.commit(ours)
		th, err2 := s.commit(theirs)
		if err1 != nil || err2 != nil || o.Hash == th.Hash {
			return proceed, theirs, nil
		}
		if older, err := o.IsAncestor(th); err == nil && older {
			return superseded, theirs, nil
		}
		return proceed, theirs, nil
	}
	if ours != "" && theirs == ours {
		return sameSource, theirs, nil
	}
	undecided := func(err error) (verdict, string, error) {
		return 0, "", fmt.Errorf(moved+"a deployment of source %s is now online, and whether ours (%s) is newer cannot be told (%v); refusing to overwrite it; check which should be online and deploy again", sourceName(theirs), sourceName(ours), err)
	}
	o, err := s.commit(ours)
	if err != nil {
		return undecided(err)
	}
	th, err := s.commit(theirs)
	if err != nil {
		return undecided(err)
	}
	if o.Hash == th.Hash {
		return sameSource, theirs, nil
	}
	if older, err := o.IsAncestor(th); err != nil {
		return undecided(err)
	} else if older {
		return superseded, theirs, nil
	}
	if newer, err := th.IsAncestor(o); err != nil {
		return undecided(err)
	} else if newer {
		return proceed, theirs, nil
	}
	return 0, "", fmt.Errorf(moved+"a deployment of source %s is now online, and ours (%s) is not newer (neither is an ancestor of the other); refusing to overwrite it; check which should be online and deploy again", sourceName(theirs), sourceName(ours))
}

// refuseOwnBranch refuses, even when forced, to deploy onto the branch that holds the sources:
// the publishing branch or the branch checked out, of the site's own repository.
func (s *sourceRepo) refuseOwnBranch(o Options) error {
	if s.repo == nil || !s.isRemote(o.Remote) {
		return nil
	}
	var why string
	switch {
	case o.Branch == o.PublishingBranch:
		why = "its publishing branch"
	case o.Branch == s.currentBranch():
		why = "the branch checked out in " + s.root
	default:
		return nil
	}
	return fmt.Errorf("refusing to deploy to branch %s of %s: that is the site's own source repository and %s is %s; the built pages would replace the sources (deploy to another branch, such as gh-pages)",
		o.Branch, redact(o.Remote), o.Branch, why)
}

func (s *sourceRepo) currentBranch() string {
	ref, err := s.repo.Storer.Reference(plumbing.HEAD)
	if err != nil || ref.Type() != plumbing.SymbolicReference || !ref.Target().IsBranch() {
		return ""
	}
	return ref.Target().Short()
}

// isRemote tells whether remote is this repository: its folder, or the URL of one of its
// remotes (GitHub's copy of it).
func (s *sourceRepo) isRemote(remote string) bool {
	key := endpointKey(remote, "")
	if key == "" {
		return false
	}
	keys := []string{"file:" + localKey(s.root)}
	if st, ok := s.repo.Storer.(*filesystem.Storage); ok {
		keys = append(keys, "file:"+localKey(st.Filesystem().Root()))
	}
	if remotes, err := s.repo.Remotes(); err == nil {
		for _, r := range remotes {
			for _, u := range r.Config().URLs {
				keys = append(keys, endpointKey(u, s.root))
			}
		}
	}
	return slices.Contains(keys, key)
}

// endpointKey names a remote so that two spellings of one repository compare equal: a local
// path as an absolute path, a URL as host and path without credentials, ".git" or case.
func endpointKey(remote, base string) string {
	ep, err := transport.NewEndpoint(remote)
	if err != nil {
		return ""
	}
	if ep.Protocol == "file" {
		p := ep.Path
		if !filepath.IsAbs(p) && base != "" {
			p = filepath.Join(base, p)
		}
		return "file:" + localKey(p)
	}
	path := strings.Trim(strings.TrimSuffix(strings.Trim(ep.Path, "/"), ".git"), "/")
	return strings.ToLower(ep.Host + "/" + path)
}

func localKey(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	return strings.TrimSuffix(filepath.Clean(p), string(filepath.Separator)+".git")
}

// urlCredentials is the user information of a URL (a token given as user name, or
// user:password), up to the last @ before the host.
var urlCredentials = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)[^/\s"'<>]*@`)

// redact removes credentials from a remote URL for messages.
func redact(remote string) string {
	return urlCredentials.ReplaceAllString(remote, "${1}***@")
}

// redactString removes from a message the remote's credentials, in whatever URL they appear
// (go-git and net/http quote the URL in their errors, net/http hiding only a password), and
// the token.
func redactString(s, remote, token string) string {
	if r := redact(remote); remote != "" && r != remote {
		s = strings.ReplaceAll(s, remote, r)
	}
	s = redact(s)
	if len(token) >= 8 {
		s = strings.ReplaceAll(s, token, "***")
	}
	return s
}

// redactedError is an error whose message had credentials; Error tells it without them.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func redactError(err error, remote, token string) error {
	if msg := redactString(err.Error(), remote, token); msg != err.Error() {
		return &redactedError{msg: msg, err: err}
	}
	return err
}
