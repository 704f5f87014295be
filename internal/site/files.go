package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/sonoivu-binhdinh/bbtgen/internal/buildinfo"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Source describes what a build was made from.
type Source struct {
	// Commit is the Git commit of the site (empty outside a repository).
	Commit string
	// Articles maps article paths to the commit that last changed them.
	Articles map[string]string
}

func writeMarker(out string, files int, o Options) error {
	return buildinfo.WriteMarker(out, buildinfo.Marker{Source: o.Source.Commit, Built: o.Now.UTC(), Version: o.Version, Files: files})
}

// copyStatic copies static/ into the output through an os.Root, which refuses any path or
// link that leads outside the site. Hidden files (.gitkeep, .DS_Store) are left out.
func copyStatic(dir, out string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	fsys := root.FS()
	if _, err := fs.Stat(fsys, "static"); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, "static/")
		dst := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		src, err := fsys.Open(p) // follows a link only while it stays inside the site
		if err != nil {
			return fmt.Errorf("static file %s: %w", p, err)
		}
		defer src.Close()
		if info, err := src.Stat(); err != nil || !info.Mode().IsRegular() {
			return fmt.Errorf("static file %s is not a regular file", p)
		}
		f, err := os.Create(dst)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, src); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}

// writeExtras writes the files bbtgen adds beside Hugo's output: .nojekyll (GitHub Pages
// must not run Jekyll over it) and the provenance.
func writeExtras(out string, o Options) error {
	if err := writeFile(out, ".nojekyll", nil); err != nil {
		return err
	}
	p := buildinfo.Provenance{Source: o.Source.Commit, Built: o.Now.UTC(), Version: o.Version, Articles: []buildinfo.ArticleProvenance{}}
	if o.Content != nil {
		for _, a := range o.Content.Articles {
			if a.Draft || a.Date.After(o.Now) {
				continue // not published by this build
			}
			p.Articles = append(p.Articles, buildinfo.ArticleProvenance{Path: a.Path, URL: a.URL(), Commit: o.Source.Articles[a.Path]})
		}
	}
	data, err := json.MarshalIndent(p, "", " ")
	if err != nil {
		return err
	}
	return writeFile(out, buildinfo.ProvenanceFile, append(data, '\n'))
}

func writeFile(out, rel string, data []byte) error {
	p := filepath.Join(out, filepath.FromSlash(path.Clean("/"+rel)))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
