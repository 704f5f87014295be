package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
)

// ProgramFile and ProgramGenerated are what WriteProgramConfig writes into a site folder.
const (
	ProgramFile      = "hugo.json"
	ProgramGenerated = "hugo-generated"
)

// WriteProgramConfig writes into dir, for the hugo program, the settings Build gives Hugo for
// the checked site: hugo.json (HugoConfig with the tags' slugs and the build time) and the
// pages bbtgen generates (the legal documents' filters) in hugo-generated/, mounted beside
// content/. The benchmarks in bench/ build a site with both programs from the same folder:
// without these, hugo would render a smaller site than bbtgen build does (no filter pages)
// and the comparison would flatter hugo. bbtgen itself never reads these files.
func WriteProgramConfig(dir string, cfg *config.Config, c *content.Site, now time.Time) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	gen := filepath.Join(abs, ProgramGenerated)
	if err := os.RemoveAll(gen); err != nil {
		return err
	}
	o := Options{Dir: abs, Cfg: cfg, Content: c, Now: now, generated: gen}
	if err := writeGenerated(gen, o); err != nil {
		return fmt.Errorf("generated pages: %w", err)
	}
	m := hugoSettings(abs, "", o)
	// The hugo program runs in the site folder and is given its output folder (-d); its caches
	// are its own.
	for _, k := range []string{"workingDir", "publishDir", "resourceDir", "cacheDir"} {
		delete(m, k)
	}
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(abs, ProgramFile), data, 0o644)
}
