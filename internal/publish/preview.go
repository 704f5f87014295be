package publish

// Previews (bản xem trước): the build of a pull request published as one folder of a branch
// that holds nothing else but such folders, pr-12/, pr-13/…, on a host that is never the
// official site's. A deployment with a folder replaces only that folder in the tip's tree, so
// the previews of other pull requests stay; a removal takes the folder out. Every commit of
// such a branch says so (bbtgen-kind: previews), and checkTarget keeps previews and whole
// sites on branches of their own.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/sonoivu-binhdinh/bbtgen/internal/buildinfo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// folderSegment is one folder name of a preview path: a slug.
var folderSegment = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// folderPath checks a preview folder ("pr-12/", "xem-truoc/pr-12") and returns its names and
// its canonical spelling with a trailing slash. Only slugs are allowed: no "..", no leading
// "/", no hidden or Git folder, nothing a web server or Git reads differently.
func folderPath(p string) ([]string, string, error) {
	segs := strings.Split(strings.TrimSuffix(p, "/"), "/")
	for _, s := range segs {
		if !folderSegment.MatchString(s) {
			return nil, "", fmt.Errorf("folder %q is not a plain relative folder: want lowercase letters, digits and hyphens, folders separated by /, such as pr-12/ (no .., no leading /)", p)
		}
	}
	return segs, strings.Join(segs, "/") + "/", nil
}

// folder is the preview folder a deployment publishes or removes ("" for a whole site).
func (o Options) folder() string {
	if o.Path != "" {
		return o.Path
	}
	return o.RemovePath
}

func (o Options) folderVerb() string {
	if o.RemovePath != "" {
		return "remove preview " + o.RemovePath
	}
	return "deploy preview " + o.Path
}

// folderState is what a branch holds in a preview folder.
type folderState struct {
	tree   plumbing.Hash // zero when the folder is absent
	source string        // the source commit of the build in it, from its provenance ("" unknown)
}

// readFolder finds the folder in the tip's tree, and the source commit its build's
// provenance (/.well-known/bbtgen.json of the folder) names.
func readFolder(st *filesystem.Storage, tip *object.Commit, segs []string) (folderState, error) {
	if tip == nil {
		return folderState{}, nil
	}
	t, err := tip.Tree()
	if err != nil {
		return folderState{}, err
	}
	for _, s := range segs {
		i := slices.IndexFunc(t.Entries, func(e object.TreeEntry) bool { return e.Name == s })
		if i < 0 || t.Entries[i].Mode != filemode.Dir {
			return folderState{}, nil // absent, or a file of that name
		}
		if t, err = object.GetTree(st, t.Entries[i].Hash); err != nil {
			return folderState{}, err
		}
	}
	fs := folderState{tree: t.Hash}
	if f, err := t.File(buildinfo.ProvenanceFile); err == nil {
		if text, err := f.Contents(); err == nil {
			var p buildinfo.Provenance
			if json.Unmarshal([]byte(text), &p) == nil {
				fs.source = p.Source
			}
		}
	}
	return fs, nil
}

// decideFolder is decide for a preview folder: the build online is the one in the folder, not
// the branch's tip (the tip may be the preview of another pull request). After a lost race,
// a folder nobody touched meanwhile is ours to replace; one that changed is decided as decide
// does, and one removed meanwhile (the pull request was closed) is not put back.
func (s *sourceRepo) decideFolder(now folderState, seen plumbing.Hash, path, ours string, retry, force bool) (verdict, string, error) {
	switch {
	case now.tree.IsZero() && !retry:
		return proceed, "", nil
	case retry && now.tree == seen:
		return proceed, now.source, nil
	case retry && now.tree.IsZero():
		return 0, "", fmt.Errorf(moved+"preview %s was removed meanwhile (its pull request may have been closed); refusing to put it back; deploy again if it should be online", path)
	case retry && now.source == "":
		return 0, "", fmt.Errorf(moved+"preview %s was replaced by a folder that is not a bbtgen build; refusing to overwrite it; check the branch and deploy again", path)
	}
	return s.order(now.source, ours, retry, force)
}

// replaceFolder returns the tree root with the folder segs set to sub, or removed when sub is
// zero; folders left empty by a removal go too. A zero root is an empty tree; the result is
// zero when the tree ends up empty.
func replaceFolder(st *filesystem.Storage, root plumbing.Hash, segs []string, sub plumbing.Hash) (plumbing.Hash, error) {
	var entries []object.TreeEntry
	if !root.IsZero() {
		t, err := object.GetTree(st, root)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entries = slices.Clone(t.Entries)
	}
	i := slices.IndexFunc(entries, func(e object.TreeEntry) bool { return e.Name == segs[0] })
	child := sub
	if len(segs) > 1 {
		var below plumbing.Hash
		if i >= 0 && entries[i].Mode == filemode.Dir {
			below = entries[i].Hash
		}
		var err error
		if child, err = replaceFolder(st, below, segs[1:], sub); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	if i >= 0 {
		entries = slices.Delete(entries, i, i+1)
	}
	if !child.IsZero() {
		entries = append(entries, object.TreeEntry{Name: segs[0], Mode: filemode.Dir, Hash: child})
	}
	if len(entries) == 0 {
		return plumbing.ZeroHash, nil
	}
	return storeEntries(st, entries)
}

func storeEntries(st *filesystem.Storage, entries []object.TreeEntry) (plumbing.Hash, error) {
	slices.SortFunc(entries, func(a, b object.TreeEntry) int { return strings.Compare(sortName(a), sortName(b)) })
	obj := st.NewEncodedObject()
	if err := (&object.Tree{Entries: entries}).Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return storeObject(st, obj)
}

// emptyTree stores the tree of a branch whose last preview was removed.
func emptyTree(st *filesystem.Storage) (plumbing.Hash, error) {
	return storeEntries(st, nil)
}

// previewRootFiles are put at the root of a new branch of previews: GitHub Pages
// runs Jekyll over a branch without .nojekyll (it would drop .well-known/), and a crawler reads
// robots.txt only at the root of a host, not in pr-12/.
var previewRootFiles = []struct{ name, text string }{
	{".nojekyll", ""},
	{"robots.txt", "User-agent: *\nDisallow: /\n"},
}

// addRootFiles adds the previewRootFiles that the root tree lacks.
func addRootFiles(st *filesystem.Storage, root plumbing.Hash, o Options) (plumbing.Hash, error) {
	t, err := object.GetTree(st, root)
	if err != nil {
		return root, err
	}
	entries := slices.Clone(t.Entries)
	var added []string
	for _, f := range previewRootFiles {
		if slices.ContainsFunc(entries, func(e object.TreeEntry) bool { return e.Name == f.name }) {
			continue
		}
		obj := st.NewEncodedObject()
		obj.SetType(plumbing.BlobObject)
		w, err := obj.Writer()
		if err != nil {
			return root, err
		}
		if _, err := w.Write([]byte(f.text)); err != nil {
			return root, err
		}
		if err := w.Close(); err != nil {
			return root, err
		}
		h, err := storeObject(st, obj)
		if err != nil {
			return root, err
		}
		entries = append(entries, object.TreeEntry{Name: f.name, Mode: filemode.Regular, Hash: h})
		added = append(added, f.name)
	}
	if len(added) == 0 {
		return root, nil
	}
	o.logf("adding %s at the root of the new previews branch %s", strings.Join(added, ", "), o.Branch)
	return storeEntries(st, entries)
}

// previewMessage is the commit message of a preview deployment.
func previewMessage(o Options, m *buildinfo.Marker) string {
	var b strings.Builder
	src := m.Source
	if src == "" {
		src = notFromGit
	}
	fmt.Fprintf(&b, "Xem trước %s từ %s\n\n", o.Path, diag.ShortSHA(src))
	if msg := strings.TrimSpace(o.Message); msg != "" {
		b.WriteString(msg + "\n\n")
	}
	fmt.Fprintf(&b, "%s: %s\n%s: %s\n%s: %s\nbbtgen-built: %s\nbbtgen-version: %s\n",
		trailerSource, src, trailerPath, o.Path, trailerKind, kindPreviews, m.Built.Format(time.RFC3339), m.Version)
	return b.String()
}

// removalMessage is the commit message of a preview removal.
func removalMessage(o Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Gỡ bản xem trước %s\n\n", o.RemovePath)
	if msg := strings.TrimSpace(o.Message); msg != "" {
		b.WriteString(msg + "\n\n")
	}
	fmt.Fprintf(&b, "%s: %s\n%s: %s\n", trailerGone, o.RemovePath, trailerKind, kindPreviews)
	return b.String()
}
