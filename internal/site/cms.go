package site

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cms"
	"github.com/sonoivu-binhdinh/bbtgen/internal/cms/admin"
)

// writeCMS writes the CMS's page, /quan-tri/ (index.html, bbtgen's script and the vendored
// Decap bundle), beside its configuration, which is a static file (static/quan-tri/config.yml,
// written by bbtgen cms) and already copied. A site without that file has no CMS and gets no
// page. The page is never linked from public pages, says noindex, and is neither a Hugo page
// (so not in the sitemap) nor in the search index. Like a static file, it never replaces what
// this build has already written.
func writeCMS(dir, out string, o Options) error {
	cfgFile := filepath.Join(dir, filepath.FromSlash(cms.ConfigFile))
	data, err := os.ReadFile(cfgFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("the CMS configuration: %w", err)
	}
	page := admin.Page{Connect: cmsOrigins(cms.ReadSettings(data).APIRoot)}
	if o.Cfg != nil {
		page.Title = o.Cfg.Site.ShortTitle
	}
	files, err := admin.Files(page)
	if err != nil {
		return fmt.Errorf("the CMS page: %w", err)
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		rel := path.Join(cms.Dir, name)
		if info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(rel))); err == nil && !info.ModTime().Equal(untouched) {
			return fmt.Errorf("/%s is part of the CMS page, but this build has already written a file there (a page or a static file); remove it", rel)
		}
	}
	for _, name := range names {
		if err := writeFile(out, path.Join(cms.Dir, name), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// cmsOrigins are the origins the CMS talks to: GitHub's API (or GitHub Enterprise's, from the
// configuration's api_root) and GitHub's status page, which Decap asks before signing in.
func cmsOrigins(apiRoot string) []string {
	api := "https://api.github.com"
	if u, err := url.Parse(apiRoot); apiRoot != "" && err == nil && u.Host != "" {
		api = u.Scheme + "://" + u.Host
	}
	return []string{api, "https://www.githubstatus.com"}
}
