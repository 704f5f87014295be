package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/sonoivu-binhdinh/bbtgen/internal/buildinfo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
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
// link that leads outside the site. Hidden files (.gitkeep, .DS_Store) are left out. A static
// file never replaces what Hugo rendered in this build (a page, a feed, an alias): that would
// publish the file under the page's address with only the approval of static/'s area. Links are
// refused outright, as bbtgen check does. Problems name the static file; an I/O failure is one
// problem too, so the build stops either way.
func copyStatic(dir, out string) diag.List {
	var problems diag.List
	fail := func(p, rule, hint, format string, args ...any) {
		problems.Add(diag.Problem{File: p, Rule: rule, Hint: hint, Message: fmt.Sprintf(format, args...)})
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		fail(dir, "read", "", "cannot open the site folder: %v", err)
		return problems
	}
	defer root.Close()
	fsys := root.FS()
	if _, err := fs.Stat(fsys, "static"); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	err = fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fail(p, content.RuleSymlink, "copy the file instead; bbtgen does not follow links under static/", "static file %s is a symbolic link", p)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, "static/")
		if rel == SearchDir || strings.HasPrefix(rel, SearchDir+"/") {
			// The index's folder is its own, and it is written while static files are copied.
			fail(p, sitecheck.RuleStaticOver, "remove the static file; the search index is made by the build",
				"static file %s is in /%s/, where the build writes the search index", p, SearchDir)
			return nil
		}
		dst := filepath.Join(out, filepath.FromSlash(rel))
		if info, err := os.Lstat(dst); err == nil && !info.ModTime().Equal(untouched) {
			fail(p, sitecheck.RuleStaticOver, "remove the static file; pages are made from content/",
				"static file %s would replace /%s, which Hugo rendered", p, rel)
			return nil
		}
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
	if err != nil {
		fail("static", "read", "", "cannot copy the static files: %v", err)
	}
	return problems
}

// writeExtras writes the files bbtgen adds beside Hugo's output: .nojekyll (GitHub Pages
// must not run Jekyll over it) and the provenance; for a build that must not be indexed, a
// robots.txt that disallows everything in place of Hugo's.
func writeExtras(out string, o Options) error {
	if err := writeFile(out, ".nojekyll", nil); err != nil {
		return err
	}
	if o.NoIndex {
		if err := writeFile(out, "robots.txt", []byte(noIndexRobots)); err != nil {
			return err
		}
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

// noIndexRobots is the robots.txt of a build that must not be indexed.
const noIndexRobots = "User-agent: *\nDisallow: /\n"

func writeFile(out, rel string, data []byte) error {
	p := filepath.Join(out, filepath.FromSlash(path.Clean("/"+rel)))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
