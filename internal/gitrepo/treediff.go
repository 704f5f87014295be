package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/sonoivu-binhdinh/bbtgen/internal/filechange"
)

// A fast differ for the history walks. go-git's DiffTree (merkletrie) decodes every tree on
// the way through go-git's generic object machinery and dominated the walk: 20 s over 5,000
// commits where git log takes 0.3 s. This one reads raw tree objects, keeps the decoded
// entries of recent trees, merges the two sorted entry lists and descends only into subtrees
// whose hashes differ. Renames are found by identical content, then by identical file name in
// the same commit.

// rawTree is the body of a Git tree object: entries of "mode name\x00" and a 20-byte hash.
type rawTree []byte

// entry reads the entry at off; next is the offset of the following one.
func (t rawTree) entry(off int) (name []byte, dir bool, hash []byte, next int, err error) {
	rest := t[off:]
	sp := bytes.IndexByte(rest, ' ')
	nul := bytes.IndexByte(rest, 0)
	if sp < 0 || nul < sp || len(rest) < nul+21 {
		return nil, false, nil, 0, errors.New("malformed tree")
	}
	mode := rest[:sp]
	dir = len(mode) == 5 && mode[0] == '4' // 40000
	return rest[sp+1 : nul], dir, rest[nul+1 : nul+21], off + nul + 21, nil
}

// submodule reports whether the entry at off is a submodule (mode 160000), which has no tree.
func (t rawTree) submodule(off int) bool { return bytes.HasPrefix(t[off:], []byte("160000 ")) }

type Differ struct {
	repo  *Repository
	cache map[plumbing.Hash]rawTree
	// prev holds the previous generation of the cache: trees of the commit before are
	// looked up in it, so that a linear walk keeps what it needs and forgets the rest.
	prev map[plumbing.Hash]rawTree
}

func NewDiffer(repo *Repository) *Differ {
	return &Differ{repo: repo, cache: map[plumbing.Hash]rawTree{}, prev: map[plumbing.Hash]rawTree{}}
}

// rotate forgets trees not used since the last rotation.
func (d *Differ) Rotate() {
	d.prev, d.cache = d.cache, make(map[plumbing.Hash]rawTree, len(d.cache))
}

func (d *Differ) tree(h plumbing.Hash) (rawTree, error) {
	if h.IsZero() {
		return nil, nil
	}
	if t, ok := d.cache[h]; ok {
		return t, nil
	}
	if t, ok := d.prev[h]; ok {
		d.cache[h] = t
		return t, nil
	}
	obj, err := d.repo.Storer.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, fmt.Errorf("reading tree %s: %w", h, err)
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	raw := make([]byte, obj.Size())
	_, err = io.ReadFull(r, raw)
	r.Close()
	if err != nil {
		return nil, fmt.Errorf("reading tree %s: %w", h, err)
	}
	d.cache[h] = raw
	return raw, nil
}

// sub finds the hash of the folder dir ("a/b") in the tree h, or the zero hash.
func (d *Differ) sub(h plumbing.Hash, dir string) (plumbing.Hash, error) {
	for _, part := range strings.Split(dir, "/") {
		if part == "" {
			continue
		}
		t, err := d.tree(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		h = plumbing.ZeroHash
		for off := 0; off < len(t); {
			name, isDir, hash, next, err := t.entry(off)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			if isDir && string(name) == part {
				copy(h[:], hash)
				break
			}
			off = next
		}
		if h.IsZero() {
			return h, nil
		}
	}
	return h, nil
}

// compareKeys orders tree entries as Git does: folders compare as if their name ended in "/".
func compareKeys(a []byte, aDir bool, b []byte, bDir bool) int {
	n := min(len(a), len(b))
	if c := bytes.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	ca, cb := byte(0), byte(0)
	if len(a) > n {
		ca = a[n]
	} else if aDir {
		ca = '/'
	}
	if len(b) > n {
		cb = b[n]
	} else if bDir {
		cb = '/'
	}
	// Names never hold "/", so past the common part at most one side goes on, or both end.
	return int(ca) - int(cb)
}

// diff appends the file changes from tree a to tree b (either may be zero), under prefix.
func (d *Differ) diff(a, b plumbing.Hash, prefix string, out *[]FileChange) error {
	if a == b {
		return nil
	}
	ta, err := d.tree(a)
	if err != nil {
		return err
	}
	tb, err := d.tree(b)
	if err != nil {
		return err
	}
	i, j := 0, 0
	for i < len(ta) || j < len(tb) {
		var na, nb, ha, hb []byte
		var da, db bool
		var ni, nj int
		if i < len(ta) {
			if na, da, ha, ni, err = ta.entry(i); err != nil {
				return fmt.Errorf("tree %s: %w", a, err)
			}
		}
		if j < len(tb) {
			if nb, db, hb, nj, err = tb.entry(j); err != nil {
				return fmt.Errorf("tree %s: %w", b, err)
			}
		}
		oi, oj := i, j
		c := 0
		switch {
		case j >= len(tb):
			c = -1
		case i >= len(ta):
			c = 1
		default:
			c = compareKeys(na, da, nb, db)
		}
		switch {
		case c < 0:
			if !ta.submodule(i) {
				if err := d.one(na, da, ha, true, prefix, out); err != nil {
					return err
				}
			}
			i = ni
		case c > 0:
			if !tb.submodule(j) {
				if err := d.one(nb, db, hb, false, prefix, out); err != nil {
					return err
				}
			}
			j = nj
		default:
			i, j = ni, nj
			if bytes.Equal(ha, hb) || ta.submodule(oi) || tb.submodule(oj) {
				continue
			}
			var x, y plumbing.Hash
			copy(x[:], ha)
			copy(y[:], hb)
			if da {
				if err := d.diff(x, y, path.Join(prefix, string(na)), out); err != nil {
					return err
				}
				continue
			}
			*out = append(*out, FileChange{Status: filechange.Modified, Path: path.Join(prefix, string(nb)), Blob: y})
		}
	}
	return nil
}

// one records a whole entry removed (or added), recursing into folders.
func (d *Differ) one(name []byte, dir bool, hash []byte, removed bool, prefix string, out *[]FileChange) error {
	p := path.Join(prefix, string(name))
	var h plumbing.Hash
	copy(h[:], hash)
	if !dir {
		act := filechange.Added
		if removed {
			act = filechange.Removed
		}
		*out = append(*out, FileChange{Status: act, Path: p, Blob: h})
		return nil
	}
	if removed {
		return d.diff(h, plumbing.ZeroHash, p, out)
	}
	return d.diff(plumbing.ZeroHash, h, p, out)
}

// commitDiff lists the changes of c against parent (nil for a root commit) under dirs, with
// renames paired up.
func (d *Differ) CommitDiff(parent, c *object.Commit, dirs []string, renames bool) ([]FileChange, error) {
	var out []FileChange
	for _, dir := range dirs {
		b, err := d.sub(c.TreeHash, dir)
		if err != nil {
			return nil, err
		}
		a := plumbing.ZeroHash
		if parent != nil {
			if a, err = d.sub(parent.TreeHash, dir); err != nil {
				return nil, err
			}
		}
		if err := d.diff(a, b, dir, &out); err != nil {
			return nil, err
		}
	}
	if renames {
		out = pairRenames(out)
	}
	return out, nil
}

// pairRenames turns a removal and an addition into a rename: first when the content is the
// same, then when the file name is.
func pairRenames(changes []FileChange) []FileChange {
	var removed, added []int
	for i, ch := range changes {
		switch ch.Status {
		case filechange.Removed:
			removed = append(removed, i)
		case filechange.Added:
			added = append(added, i)
		}
	}
	if len(removed) == 0 || len(added) == 0 {
		return changes
	}
	gone := map[int]bool{}
	match := func(same func(r, a FileChange) bool) {
		for _, ai := range added {
			if changes[ai].Status != filechange.Added {
				continue
			}
			for _, ri := range removed {
				if gone[ri] || !same(changes[ri], changes[ai]) {
					continue
				}
				changes[ai] = FileChange{Status: filechange.Renamed, Path: changes[ai].Path, OldPath: changes[ri].Path, Blob: changes[ai].Blob}
				gone[ri] = true
				break
			}
		}
	}
	match(func(r, a FileChange) bool { return r.Blob == a.Blob })
	match(func(r, a FileChange) bool { return path.Base(r.Path) == path.Base(a.Path) })
	out := changes[:0]
	for i, ch := range changes {
		if !gone[i] {
			out = append(out, ch)
		}
	}
	return out
}

// blobIn finds the blob of a file in a commit's tree, or the zero hash.
func (d *Differ) BlobIn(c *object.Commit, p string) (plumbing.Hash, error) {
	if c == nil {
		return plumbing.ZeroHash, nil
	}
	dir, file := path.Split(p)
	h, err := d.sub(c.TreeHash, dir)
	if err != nil || h.IsZero() {
		return plumbing.ZeroHash, err
	}
	t, err := d.tree(h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	for off := 0; off < len(t); {
		name, isDir, hash, next, err := t.entry(off)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if !isDir && string(name) == file {
			var out plumbing.Hash
			copy(out[:], hash)
			return out, nil
		}
		off = next
	}
	return plumbing.ZeroHash, nil
}
