// Package site builds the website with Hugo used as a library. Every Hugo call of bbtgen is
// in this package: hugolib is not a documented public API, so an upgrade of Hugo should touch
// nothing else. bbtgen hands Hugo its settings in memory, made from config.yaml; there is no
// Hugo configuration file, and a file named like one in the site folder is never read.
//
// A build writes into a staging folder next to the output and replaces the output only when
// everything succeeded — rendering, the published-output invariant (internal/sitecheck) and
// the static files — so a failed or refused build never leaves a partial site behind.
package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	hconfig "github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
	"github.com/spf13/cast"

	"github.com/sonoivu-binhdinh/bbtgen/internal/buildinfo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// Options describe one build.
type Options struct {
	// Dir is the site folder (holding config.yaml, content/, layouts/, static/).
	Dir string
	// Out is the output folder; it is replaced as a whole on success.
	Out string
	// BaseURL overrides site.base_url (for previews).
	BaseURL string
	// NoIndex builds a site search engines are told not to index (a preview): robots.txt
	// disallows everything and every page carries <meta name="robots" content="noindex, nofollow">.
	NoIndex bool
	// Cfg is the checked configuration and Content the checked content of Dir.
	Cfg     *config.Config
	Content *content.Site
	// Source describes the Git commit the site is built from (may be empty outside Git).
	Source Source
	// Now is the build time.
	Now time.Time
	// Version is bbtgen's version, recorded in the build's provenance.
	Version string
	// Log receives Hugo's warnings and errors.
	Log io.Writer
	// Wait, when set, is called once Hugo has rendered and before anything else: bbtgen build
	// renders while the judging half of the check still runs (sitecheck.Staged), and Wait
	// returns its verdict. An error stops the build; nothing is published.
	Wait func() error

	// generated is a folder of pages bbtgen makes from the content (the legal-document
	// filters), mounted beside content/.
	generated string
}

// Result tells what a build made.
type Result struct {
	Pages    int
	Files    int
	Duration time.Duration
}

// Build checks nothing itself (CheckAndBuild runs the check with it, and waits for its verdict
// through Options.Wait): it renders the site with Hugo, copies static files, writes the build
// marker, and swaps the output folder in.
//
// The build is written into a staging folder beside the output (".public.staging"), which
// holds the build before the previous one: Hugo then overwrites files rather than creating
// thousands of new ones, and nothing has to be deleted on the way. Files the new build did
// not write are removed from staging before the swap, so the result is exactly this build.
func Build(ctx context.Context, o Options) (*Result, error) {
	start := time.Now()
	w, err := prepareOutput(o)
	if err != nil {
		return nil, err
	}
	defer w.unlock()
	res, err := w.build(ctx, o)
	if res != nil {
		res.Duration = time.Since(start)
	}
	return res, err
}

// output is the output folder of a build and its staging folder, locked for the build.
type output struct {
	dir, out, staging string
	unlock            func()
}

// prepareOutput refuses an output folder that is not a previous build, takes the staging
// folder's lock and makes the staging folder ready.
func prepareOutput(o Options) (*output, error) {
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	out, err := filepath.Abs(o.Out)
	if err != nil {
		return nil, err
	}
	if err := safeOutput(dir, out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	staging := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".staging")
	unlock, err := lock(staging + ".lock")
	if err != nil {
		return nil, err
	}
	if err := prepareStaging(staging); err != nil {
		unlock()
		return nil, fmt.Errorf("cannot prepare the build folder %s: %w", staging, err)
	}
	return &output{dir: dir, out: out, staging: staging, unlock: unlock}, nil
}

// build renders the site into the staging folder and swaps it in.
func (w *output) build(ctx context.Context, o Options) (*Result, error) {
	dir, staging := w.dir, w.staging
	gen, err := os.MkdirTemp("", "bbtgen-pages-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(gen)
	if err := writeGenerated(gen, o); err != nil {
		return nil, err
	}
	o.generated = gen
	// The search index is written beside what follows Hugo (renderHugo): it has its own
	// folder, which nothing else writes into and pruneUnwritten leaves to it.
	var pages []sitecheck.PublishedPage
	var files int
	indexed, err := renderHugo(ctx, dir, staging, o, func(model []sitecheck.PublishedPage) error {
		pages = model
		if err := ctx.Err(); err != nil {
			return err
		}
		if o.Content != nil {
			if problems := sitecheck.CheckPublished(o.Cfg, o.Content, pages, o.Now); len(problems) > 0 {
				return &UnsafeError{Problems: problems}
			}
		}
		if problems := copyStatic(dir, staging); len(problems) > 0 {
			return &UnsafeError{Problems: problems}
		}
		if err := writeExtras(staging, o); err != nil {
			return err
		}
		if err := writeCMS(dir, staging, o); err != nil {
			return err
		}
		n, err := pruneUnwritten(staging, indexDir(o))
		files = n
		return err
	})
	if err != nil {
		return nil, err
	}
	files += indexed
	if err := writeMarker(staging, files, o); err != nil {
		return nil, err
	}
	if err := swap(staging, w.out); err != nil {
		return nil, err
	}
	return &Result{Pages: len(pages), Files: files}, nil
}

// UnsafeError is a build refused because what Hugo would publish differs from what was checked
// and approved; the previous output is left as it was.
type UnsafeError struct {
	Problems diag.List
}

func (e *UnsafeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the build was refused: what Hugo would publish differs from what bbtgen checked (%d problem(s)); the previous site is unchanged", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// untouched is the modification time staging files are set to before a build: whatever
// still has it afterwards was not written by the build. (Comparing with the build's start
// would fail on file systems that keep times to the second or two.)
var untouched = time.Unix(0, 0)

// prepareStaging makes the staging folder ready: it exists, holds no marker (it is not a
// complete build), and every file in it is marked untouched.
func prepareStaging(staging string) error {
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(staging, buildinfo.MarkerFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return filepath.WalkDir(staging, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		// Hugo does not publish a processed image again when a file of that name exists
		// (the name holds a hash of the processing, "…_hu_<hash>.jpg"): remove them, and the
		// build writes back those it uses. TestRebuild notices if Hugo changes this.
		if strings.Contains(d.Name(), "_hu_") {
			return os.Remove(p)
		}
		return os.Chtimes(p, untouched, untouched)
	})
}

// pruneUnwritten removes from staging the files the build did not write (pages deleted since
// the build that left them) and empty folders, and counts the files that remain. The folder
// skip (relative to staging; "" for none) is left alone and not counted: the search index
// clears and counts its own folder while this runs.
func pruneUnwritten(staging, skip string) (int, error) {
	files := 0
	var dirs []string
	if skip != "" {
		skip = filepath.Join(staging, filepath.FromSlash(skip))
	}
	err := filepath.WalkDir(staging, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == skip {
				return fs.SkipDir
			}
			dirs = append(dirs, p)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().Equal(untouched) {
			return os.Remove(p)
		}
		files++
		return nil
	})
	for i := len(dirs) - 1; i > 0; i-- { // deepest first; an error means "not empty"
		if skip != "" && strings.HasPrefix(skip, dirs[i]+string(filepath.Separator)) {
			continue // the index may be making it right now
		}
		_ = os.Remove(dirs[i])
	}
	return files, err
}

// lock takes a lock file so that two builds never write the same staging folder; a lock older
// than an hour is left over from a killed build and is taken over.
func lock(path string) (func(), error) {
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if info, err := os.Stat(path); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(path)
			continue
		}
		break
	}
	return nil, fmt.Errorf("another bbtgen build is writing next to %s (remove %s if it is not running)", filepath.Dir(path), path)
}

// safeOutput refuses an output folder that would overwrite the site or something that is not
// a previous build: replacing the output deletes it.
func safeOutput(dir, out string) error {
	if out == dir || strings.HasPrefix(dir+string(filepath.Separator), out+string(filepath.Separator)) {
		return fmt.Errorf("the output folder %s contains the site; choose another --out", out)
	}
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read the output folder: %w", err)
	}
	if _, err := os.Stat(filepath.Join(out, buildinfo.MarkerFile)); err != nil {
		return fmt.Errorf("the output folder %s exists and was not made by bbtgen build (no %s); remove it or choose another --out", out, buildinfo.MarkerFile)
	}
	return nil
}

// swap puts the staging folder in place of out; the previous output becomes the next
// staging folder, so nothing is deleted.
func swap(staging, out string) error {
	old := staging + ".old"
	hadOld := false
	if _, err := os.Stat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("cannot move the previous output aside: %w", err)
		}
		hadOld = true
	}
	if err := os.Rename(staging, out); err != nil {
		if hadOld {
			_ = os.Rename(old, out)
		}
		return fmt.Errorf("cannot put the new site in place: %w", err)
	}
	if hadOld {
		if err := os.Rename(old, staging); err != nil {
			return removeAll(old)
		}
		// The next staging folder is not a complete build any more.
		return os.Remove(filepath.Join(staging, buildinfo.MarkerFile))
	}
	return nil
}

// removeAll removes a previous output, its top-level folders in parallel: unlinking the
// thousands of files of a large site is the slowest part of a build after rendering.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	errs := make(chan error, len(entries))
	sem := make(chan struct{}, 4)
	for _, e := range entries {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			errs <- os.RemoveAll(filepath.Join(dir, e.Name()))
		}()
	}
	for range entries {
		if err := <-errs; err != nil {
			return err
		}
	}
	return os.RemoveAll(dir)
}

// cacheDir is where Hugo keeps processed images between builds: outside the site, so that a
// build leaves the repository as it found it.
func cacheDir(dir string) string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(base, "bbtgen", hex.EncodeToString(sum[:6]))
}

// renderHugo runs Hugo over the site and, once Wait has accepted the check's verdict, calls
// then with Hugo's page model (every page it rendered, with its source file and the addresses
// it was written to) while it writes the search index from the text Hugo holds. It returns
// how many files the index wrote; the index and then are both finished when it returns.
func renderHugo(ctx context.Context, dir, out string, o Options, then func([]sitecheck.PublishedPage) error) (int, error) {
	h, logger, basePath, err := openHugo(dir, out, o, false)
	if err != nil {
		return 0, err
	}
	defer h.Close()
	done := make(chan error, 1)
	go func() { done <- h.Build(hugolib.BuildCfg{}) }()
	select {
	case err = <-done:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	if err != nil {
		return 0, fmt.Errorf("hugo build failed: %w", err)
	}
	if n := logger.LoggCount(logg.LevelError); n > 0 {
		return 0, fmt.Errorf("hugo build reported %d error(s): %s", n, strings.TrimSpace(logger.Errors()))
	}
	if o.Wait != nil {
		if err := o.Wait(); err != nil {
			return 0, err
		}
	}
	type index struct {
		files int
		err   error
	}
	indexed := make(chan index, 1)
	go func() {
		n, err := writeSearchIndex(ctx, h, dir, out, o)
		if err != nil {
			err = fmt.Errorf("search index: %w", err)
		}
		indexed <- index{n, err}
	}()
	err = then(pageModel(h, dir, o.generated, basePath))
	idx := <-indexed // before h.Close: the index reads what Hugo holds
	if err != nil {
		return 0, err
	}
	return idx.files, idx.err
}

// openHugo makes Hugo's sites for a build of dir into out, with their logger and the path of
// the base URL. running keeps the sites for more builds, as hugo server does: bbtgen serve
// gives them the files that changed (preview.go).
func openHugo(dir, out string, o Options, running bool) (*hugolib.HugoSites, loggers.Logger, string, error) {
	settings := hugoSettings(dir, out, o)
	flags := hconfig.New()
	for k, v := range settings {
		flags.Set(k, v)
	}
	if running {
		// Server mode as hugo server sets it: rebuilds take file events, and only the pages a
		// change affects and someone looks at are rendered again. bbtgen serve injects its own
		// reload script, so Hugo's is left out.
		flags.Set("internal", map[string]any{"running": true, "watch": true, "fastRenderMode": true})
		flags.Set("disableLiveReload", true)
	}
	logOut := o.Log
	if logOut == nil {
		logOut = io.Discard
	}
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: logOut, StdErr: logOut, DistinctLevel: logg.LevelWarn, StoreErrors: true})
	osFs := afero.NewOsFs()
	res, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:    osFs,
		Flags: flags,
		// A name that cannot exist: Hugo would otherwise read the site's config.yaml (ours)
		// as its own configuration. All of Hugo's settings come from Flags.
		Filename:    filepath.Join(dir, ".bbtgen-has-no-hugo-config"),
		Logger:      logger,
		Environ:     hugoEnviron(),
		Environment: "production",
	})
	if err != nil {
		return nil, nil, "", fmt.Errorf("hugo configuration: %w", err)
	}
	base, err := url.Parse(settings["baseURL"].(string))
	if err != nil {
		return nil, nil, "", fmt.Errorf("base URL: %w", err)
	}
	hfs := hugofs.NewFrom(osFs, res.LoadingInfo.BaseConfig)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: res, Fs: hfs, LogLevel: logger.Level(), StdOut: logOut, StdErr: logOut})
	if err != nil {
		return nil, nil, "", fmt.Errorf("hugo: %w", err)
	}
	return h, logger, base.Path, nil
}

// pageModel reads Hugo's page model after a build.
func pageModel(h *hugolib.HugoSites, dir, generated, basePath string) []sitecheck.PublishedPage {
	var out []sitecheck.PublishedPage
	for _, p := range h.Pages() {
		pp := sitecheck.PublishedPage{Kind: p.Kind()}
		if f := p.File(); f != nil {
			pp.Source = relSource(f.Filename(), dir, generated)
		}
		for _, of := range p.OutputFormats() {
			pp.URLs = append(pp.URLs, sitecheck.SitePathOf(of.RelPermalink(), basePath))
		}
		// p.Aliases() answers for whichever output format Hugo rendered last, so the aliases
		// are resolved here the way Hugo writes them: for each output format of the page, an
		// absolute alias under the format's path, a relative one beside the page.
		self := sitecheck.SitePathOf(p.RelPermalink(), basePath)
		for _, a := range cast.ToStringSlice(p.Params()["aliases"]) {
			for _, of := range p.OutputFormats() {
				target := path.Join("/", of.Format.Path, a)
				if !strings.HasPrefix(a, "/") {
					target = path.Join(self, "..", a)
				}
				pp.Aliases = append(pp.Aliases, sitecheck.SitePathOf(target+"/", ""))
			}
		}
		out = append(out, pp)
	}
	return out
}

// relSource names a page's file relative to the site folder, or as a generated page.
func relSource(filename, dir, generated string) string {
	for _, root := range []struct{ dir, prefix string }{{generated, sitecheck.GeneratedPrefix}, {dir, ""}} {
		if root.dir == "" {
			continue
		}
		if rel, err := filepath.Rel(root.dir, filename); err == nil && !strings.HasPrefix(rel, "..") {
			return root.prefix + filepath.ToSlash(rel)
		}
	}
	return filename
}

// hugoEnviron passes Hugo only the variables that tune its resource use; anything else in the
// environment (HUGO_PARAMS_…, HUGO_BASEURL) could change the site behind config.yaml's back.
func hugoEnviron() []string {
	env := []string{"HUGO_ENVIRONMENT=production"}
	for _, k := range []string{"HUGO_MEMORYLIMIT", "HUGO_NUMWORKERMULTIPLIER"} {
		if v := os.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}
