// Package buildinfo is what a build leaves in its output for the steps after it: the marker
// that says the folder is a complete build (deploy refuses anything else) and the provenance
// that says what it was made from. It is apart from the site package so that deploy can read
// a build without linking Hugo.
package buildinfo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// MarkerFile is written last into every successful build.
const MarkerFile = ".bbtgen-build.json"

// ProvenanceFile is where a build records what it was made from; no page links to it.
const ProvenanceFile = ".well-known/bbtgen.json"

// Marker is the content of MarkerFile.
type Marker struct {
	Source  string    `json:"source_commit,omitempty"`
	Built   time.Time `json:"built"`
	Version string    `json:"bbtgen_version"`
	// Files counts the files of the build, the marker excluded.
	Files int `json:"files"`
}

// Provenance is the content of ProvenanceFile.
type Provenance struct {
	Source   string              `json:"source_commit,omitempty"`
	Built    time.Time           `json:"built"`
	Version  string              `json:"bbtgen_version"`
	Articles []ArticleProvenance `json:"articles"`
}

// ArticleProvenance tells which commit last changed a published article.
type ArticleProvenance struct {
	Path   string `json:"path"`
	URL    string `json:"url"`
	Commit string `json:"commit,omitempty"`
}

// CountFiles counts the regular files under dir.
func CountFiles(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	return n, err
}

// WriteMarker marks dir, which holds m.Files files, as a complete build.
func WriteMarker(dir string, m Marker) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, MarkerFile), append(data, '\n'), 0o644)
}

// ReadMarker reads the marker of a built folder; it fails when the folder is not a complete
// bbtgen build (no marker, or not the files the build counted).
func ReadMarker(dir string) (*Marker, error) {
	data, err := os.ReadFile(filepath.Join(dir, MarkerFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s was not produced by a successful bbtgen build (it has no %s); run bbtgen build first", dir, MarkerFile)
	}
	if err != nil {
		return nil, err
	}
	var m Marker
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, MarkerFile), err)
	}
	n, err := CountFiles(dir)
	if err != nil {
		return nil, err
	}
	if n-1 != m.Files {
		return nil, fmt.Errorf("%s holds %d files but its build made %d: it is partial or was changed after the build; build again", dir, n-1, m.Files)
	}
	return &m, nil
}
