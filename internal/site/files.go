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
	"time"
)

// MarkerFile is written last into every successful build. Deploy refuses a folder without it,
// so a failed or partial build can never be published.
const MarkerFile = ".bbtgen-build.json"

// Source describes what a build was made from.
type Source struct {
	// Commit is the Git commit of the site (empty outside a repository).
	Commit string `json:"commit,omitempty"`
	// Articles maps article paths to the commit that last changed them.
	Articles map[string]string `json:"-"`
}

// Marker is the content of MarkerFile.
type Marker struct {
	Source  string    `json:"source_commit,omitempty"`
	Built   time.Time `json:"built"`
	Version string    `json:"bbtgen_version"`
	Files   int       `json:"files"`
}

func writeMarker(out string, o Options) error {
	n, err := countFiles(out)
	if err != nil {
		return err
	}
	m := Marker{Source: o.Source.Commit, Built: o.Now.UTC(), Version: o.Version, Files: n}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, MarkerFile), append(data, '\n'), 0o644)
}

// ReadMarker reads the marker of a built folder; it fails when the folder is not a complete
// bbtgen build (no marker, or fewer files than the marker counted).
func ReadMarker(dir string) (*Marker, error) {
	data, err := os.ReadFile(filepath.Join(dir, MarkerFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s was not produced by a successful bbtgen build (no %s)", dir, MarkerFile)
	}
	if err != nil {
		return nil, err
	}
	var m Marker
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", MarkerFile, err)
	}
	n, err := countFiles(dir)
	if err != nil {
		return nil, err
	}
	if n-1 != m.Files {
		return nil, fmt.Errorf("%s holds %d files but its build made %d: it was changed after the build", dir, n-1, m.Files)
	}
	return &m, nil
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

// writeExtras writes the files bbtgen adds beside Hugo's output.
func writeExtras(out string, o Options) error {
	return writeFile(out, ".nojekyll", nil)
}

func writeFile(out, rel string, data []byte) error {
	p := filepath.Join(out, filepath.FromSlash(path.Clean("/"+rel)))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
