package site

// The preview of bbtgen serve. A full build for every saved file takes as long as bbtgen build
// (about 14 s for 10,000 articles); an author wants to see an edit in a second or two. So the
// preview keeps one Hugo site in server mode between changes and gives it the files that
// changed, as hugo server does (HugoSites.Build with file events): Hugo reads those files
// again and renders the pages they affect. In the same way bbtgen checks only the files that
// changed, keeps the other files' results, and runs the site-wide checks (duplicate
// addresses and ids) over the articles it already holds. The published-output invariant still
// runs on Hugo's page model after every build, and a check or invariant that fails is shown
// instead of the site, never a site part old and part new.
//
// Like hugo server, Hugo renders again only the pages someone has looked at recently; any
// other page a change left out of date is rendered when it is asked for (Read).
//
// A change to config.yaml, layouts/, assets/ or static/, to a folder, or one that changes
// what Hugo's configuration holds (a new tag's address), builds everything again.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bep/logg"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/hugolib"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// PreviewOptions describe a preview.
type PreviewOptions struct {
	// Dir is the site folder.
	Dir string
	// Out is a folder the preview owns; each full build writes a new folder inside it.
	Out string
	// BaseURL is where the preview is served (http://localhost:1313/).
	BaseURL string
	// Now gives the time of each build.
	Now func() time.Time
	// Version is bbtgen's version, recorded in the provenance.
	Version string
	// Log receives Hugo's warnings and errors.
	Log io.Writer
	// BeforeRender and AfterRender, when set, run in build number n (1 is the first) after
	// the checks and before Hugo reads the files, and after Hugo has rendered and before the
	// result is checked and shown. Tests use them to change files during a build.
	BeforeRender, AfterRender func(n int)
}

// PreviewResult tells what an update of the preview did.
type PreviewResult struct {
	// Full is set when everything was checked and built again.
	Full bool
	// Problems are what the checks found: warnings, or the errors that stopped the update.
	Problems diag.List
	// Changed counts the files the update was given (0 for a full build).
	Changed int
	// Duration is the whole update; Hugo the part of it Hugo's build took.
	Duration, Hugo time.Duration
}

// CheckError is an update stopped by the checks: Hugo was not run, and the preview shows the
// problems until a change fixes them.
type CheckError struct {
	Problems diag.List
}

func (e *CheckError) Error() string {
	return fmt.Sprintf("bbtgen check found %d error(s); the site was not rebuilt", e.Problems.Errors())
}

// Preview is a site kept built for bbtgen serve. Its methods may be called from several
// goroutines: an update and a Read never run at the same time.
type Preview struct {
	o   PreviewOptions
	dir string // the site folder, absolute

	mu     sync.Mutex
	builds int
	failed error // why the last update is not shown; nil when it is

	// What the checks know: the configuration, each Markdown file under content/ (its article
	// or page and its own problems) and every other problem of the last whole-site check.
	cfg   *config.Config
	files map[string]*checkedFile
	base  diag.List

	// What Hugo knows. h is nil until a full build succeeds, and again after a build fails.
	h        *hugolib.HugoSites
	logger   loggers.Logger
	basePath string
	out      string // the folder Hugo writes into and the preview serves
	gen      string // the generated pages, mounted as content
	cascade  []map[string]any
	built    time.Time       // when the sites were made (Hugo decides then what is in the future)
	stale    bool            // a change since they were made needs new sites (config.yaml, layouts…)
	known    map[string]bool // content Markdown files Hugo has read
	model    map[string]bool // the site paths of Hugo's last page model
	pending  map[string]bool // files changed since Hugo was last given any (the checks failed)
	visited  *types.EvictingQueue[string]
	removing sync.WaitGroup
	hugoTime time.Duration // spent in Hugo's builds by the current update
}

type checkedFile struct {
	article  *content.Article
	page     *content.Page
	problems diag.List
}

// NewPreview makes a preview; nothing is built until the first Update.
func NewPreview(o PreviewOptions) (*Preview, error) {
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	return &Preview{o: o, dir: dir, pending: map[string]bool{}, visited: types.NewEvictingQueue[string](20)}, nil
}

// Close lets Hugo go and waits for old builds to be removed.
func (p *Preview) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dropHugo()
	p.removing.Wait()
	if p.gen != "" {
		return os.RemoveAll(p.gen)
	}
	return nil
}

// Update brings the preview up to date with the files that changed (paths in the site
// folder, absolute or relative to it); nil means everything, as for the first build. The
// error is a *CheckError when the checks found errors, an *UnsafeError when the
// published-output invariant refused the build, or why the build failed; the preview then
// shows that error instead of the site until an update succeeds.
func (p *Preview) Update(ctx context.Context, changed []string) (*PreviewResult, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	start := time.Now()
	now := p.o.Now()
	res := &PreviewResult{Full: changed == nil}
	var rels []string
	for _, c := range changed {
		if rel, ok := p.rel(c); ok && !slices.Contains(rels, rel) {
			rels = append(rels, rel)
		}
	}
	if changed != nil && len(rels) == 0 {
		res.Duration = time.Since(start)
		return res, p.failed // nothing the site is made of
	}
	res.Changed = len(rels)
	err := p.update(ctx, rels, res, now)
	p.failed = err
	res.Duration = time.Since(start)
	return res, err
}

func (p *Preview) update(ctx context.Context, rels []string, res *PreviewResult, now time.Time) error {
	p.hugoTime = 0
	defer func() { res.Hugo = p.hugoTime }()
	incremental := !res.Full && p.incremental(rels)
	if incremental {
		if err := p.recheck(rels, now); err != nil {
			return err
		}
	} else {
		res.Full = true
		p.stale = true
		if err := p.checkAll(now); err != nil {
			return err
		}
	}
	for _, rel := range rels {
		p.pending[rel] = true
	}
	site := p.site()
	res.Problems = p.problems(site)
	if p.cfg == nil || res.Problems.Errors() > 0 {
		return &CheckError{Problems: res.Problems}
	}
	o := Options{Dir: p.dir, BaseURL: p.o.BaseURL, Cfg: p.cfg, Content: site, Now: now, Version: p.o.Version, Log: p.o.Log}
	if p.stale || p.h == nil || !reflect.DeepEqual(TermSlugs(o.Content), p.cascade) || p.futureArrived(o.Content) {
		res.Full = true
		return p.buildAll(ctx, o)
	}
	return p.buildChanges(ctx, o)
}

// rel turns a changed path into a slash path relative to the site folder, if the site is
// made of it: config.yaml and what is under content/, layouts/, assets/ and static/.
func (p *Preview) rel(name string) (string, bool) {
	if !filepath.IsAbs(name) {
		name = filepath.Join(p.dir, name)
	}
	r, err := filepath.Rel(p.dir, name)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	switch top {
	case config.FileName, content.Dir, "layouts", "assets", "static":
		return r, true
	}
	return "", false
}

// incremental tells whether the changes can be checked file by file: they are all Markdown
// files under content/ (changed, added or removed, not folders or links), in folders the last
// whole-site check found nothing wrong with, and none is the board's notice, which the
// site-wide check of the configuration looks for.
func (p *Preview) incremental(rels []string) bool {
	if p.cfg == nil || p.files == nil {
		return false
	}
	for _, rel := range rels {
		if !strings.HasPrefix(rel, content.Dir+"/") || path.Ext(rel) != ".md" {
			return false
		}
		if p.cfg.Board.Notice != "" && rel == content.Dir+"/"+p.cfg.Board.Notice {
			return false
		}
		info, err := os.Lstat(filepath.Join(p.dir, filepath.FromSlash(rel)))
		if err == nil && !info.Mode().IsRegular() || err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false
		}
		for _, b := range p.base {
			if strings.HasPrefix(rel, b.File+"/") {
				return false // a folder with a problem: the whole-site check decides what is read in it
			}
		}
	}
	return true
}

// checkAll runs the whole-site check and keeps its results file by file.
func (p *Preview) checkAll(now time.Time) error {
	s, err := sitecheck.Check(p.dir, now)
	if err != nil {
		return err
	}
	p.cfg, p.files, p.base = s.Cfg, nil, nil
	if s.Cfg == nil {
		p.base = s.Problems
		return nil
	}
	p.files = map[string]*checkedFile{}
	// The site-wide problems are found again after every change; the others belong to a file.
	dups := map[string]int{}
	for _, d := range content.Duplicates(s.Content.Articles) {
		dups[problemKey(d)]++
	}
	for _, pr := range s.Problems {
		if k := problemKey(pr); dups[k] > 0 {
			dups[k]--
			continue
		}
		if isContentMarkdown(pr.File) {
			p.file(pr.File).problems = append(p.file(pr.File).problems, pr)
			continue
		}
		p.base = append(p.base, pr)
	}
	for _, a := range s.Content.Articles {
		p.file(a.Path).article = a
	}
	for _, pg := range s.Content.Pages {
		p.file(pg.Path).page = pg
	}
	return nil
}

func (p *Preview) file(rel string) *checkedFile {
	f := p.files[rel]
	if f == nil {
		f = &checkedFile{}
		p.files[rel] = f
	}
	return f
}

func problemKey(pr diag.Problem) string {
	return fmt.Sprintf("%s\x00%d\x00%d\x00%s\x00%s\x00%d", pr.File, pr.Line, pr.Column, pr.Rule, pr.Message, pr.Severity)
}

func isContentMarkdown(rel string) bool {
	return strings.HasPrefix(rel, content.Dir+"/") && path.Ext(rel) == ".md"
}

// recheck checks the changed Markdown files as the whole-site check does (content.Checker's
// Classify, then ParseArticle and Article, or ParsePage and Page) and forgets removed ones.
func (p *Preview) recheck(rels []string, now time.Time) error {
	root, err := os.OpenRoot(p.dir)
	if err != nil {
		return fmt.Errorf("cannot open the site folder: %w", err)
	}
	defer root.Close()
	fsys := root.FS()
	c := &content.Checker{Cfg: p.cfg, FS: fsys, Now: now}
	for _, rel := range rels {
		data, err := fs.ReadFile(fsys, rel)
		if errors.Is(err, fs.ErrNotExist) {
			delete(p.files, rel)
			continue
		}
		f := &checkedFile{}
		p.files[rel] = f
		if err != nil {
			f.problems.Add(diag.Problem{File: rel, Rule: "read", Message: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		kind, probs := c.Classify(rel, func(dir string) bool {
			info, err := fs.Stat(fsys, dir)
			return err == nil && info.IsDir()
		})
		f.problems = probs
		category := content.CategoryOf(p.cfg, rel)
		switch kind {
		case content.ArticleFile:
			a, probs := content.ParseArticle(rel, category, data)
			f.problems = append(f.problems, probs...)
			if a != nil {
				f.problems = append(f.problems, c.Article(a)...)
				a.Node, a.Body = nil, nil
				f.article = a
			}
		case content.PageFile:
			pg, probs := content.ParsePage(rel, data)
			f.problems = append(f.problems, probs...)
			if pg != nil {
				f.problems = append(f.problems, c.Page(pg, category != "")...)
				f.page = pg
			}
		}
	}
	return nil
}

// problems are the problems of the whole site, as the whole-site check would list them;
// site is p.site().
func (p *Preview) problems(site *content.Site) diag.List {
	out := slices.Clone(p.base)
	if p.files != nil {
		for _, f := range p.files {
			out = append(out, f.problems...)
		}
		out = append(out, content.Duplicates(site.Articles)...)
	}
	out.Sort()
	return out
}

// site is the checked content in the order of the whole-site check (the order of a walk of
// content/), which decides which of two duplicates is reported.
func (p *Preview) site() *content.Site {
	names := make([]string, 0, len(p.files))
	for rel := range p.files {
		names = append(names, rel)
	}
	slices.SortFunc(names, walkOrder)
	s := &content.Site{}
	for _, rel := range names {
		if f := p.files[rel]; f.article != nil {
			s.Articles = append(s.Articles, f.article)
		} else if f.page != nil {
			s.Pages = append(s.Pages, f.page)
		}
	}
	return s
}

// walkOrder orders slash paths as fs.WalkDir visits them: folder by folder, names sorted.
func walkOrder(a, b string) int {
	for {
		ha, ra, moreA := strings.Cut(a, "/")
		hb, rb, moreB := strings.Cut(b, "/")
		if c := strings.Compare(ha, hb); c != 0 || !moreA || !moreB {
			if c == 0 {
				// One is a prefix folder of the other; the file in the folder comes after.
				switch {
				case moreA && !moreB:
					return 1
				case !moreA && moreB:
					return -1
				}
			}
			return c
		}
		a, b = ra, rb
	}
}

// futureArrived tells whether an article Hugo held back as in the future when it made its
// sites is due now. Hugo decides that by its own clock when it reads a file, so everything
// is built again.
func (p *Preview) futureArrived(s *content.Site) bool {
	now := time.Now()
	for _, a := range s.Articles {
		if !a.Draft && a.Date.After(p.built) && !a.Date.After(now) {
			return true
		}
	}
	return false
}

// buildAll builds the whole site with new Hugo sites, into a new folder.
func (p *Preview) buildAll(ctx context.Context, o Options) error {
	p.dropHugo()
	p.builds++
	out := filepath.Join(p.o.Out, fmt.Sprintf("site-%d", p.builds))
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if p.gen != "" {
		os.RemoveAll(p.gen)
	}
	gen, err := os.MkdirTemp("", "bbtgen-pages-")
	if err != nil {
		return err
	}
	p.gen = gen
	if err := writeGenerated(gen, o); err != nil {
		return err
	}
	o.generated = gen
	if p.o.BeforeRender != nil {
		p.o.BeforeRender(p.builds)
	}
	h, logger, basePath, err := openHugo(p.dir, out, o, true)
	if err != nil {
		return err
	}
	built := time.Now()
	if err := p.hugoBuild(ctx, h, logger, hugolib.BuildCfg{}); err != nil {
		if ctx.Err() == nil { // else the build goes on in the background
			h.Close()
		}
		return err
	}
	if p.o.AfterRender != nil {
		p.o.AfterRender(p.builds)
	}
	err = func() error {
		if _, err := writeSearchIndex(ctx, h, p.dir, out, o); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		pages := pageModel(h, p.dir, gen, basePath)
		if problems := sitecheck.CheckPublished(o.Cfg, o.Content, pages, o.Now); len(problems) > 0 {
			return &UnsafeError{Problems: problems}
		}
		if problems := copyStatic(p.dir, out); len(problems) > 0 {
			return &UnsafeError{Problems: problems}
		}
		if err := writeExtras(out, o); err != nil {
			return err
		}
		if err := writeCMS(p.dir, out, o); err != nil {
			return err
		}
		p.model = sitePaths(pages)
		return nil
	}()
	if err != nil {
		h.Close()
		return err
	}
	if old := p.out; old != "" {
		p.removing.Go(func() { _ = os.RemoveAll(old) })
	}
	p.h, p.logger, p.basePath, p.out, p.built, p.stale = h, logger, basePath, out, built, false
	p.cascade = TermSlugs(o.Content)
	p.known = map[string]bool{}
	for rel := range p.files {
		p.known[rel] = true
	}
	clear(p.pending)
	return nil
}

// buildChanges gives Hugo the files that changed since it last read the site.
func (p *Preview) buildChanges(ctx context.Context, o Options) error {
	var events []fsnotify.Event
	for rel := range p.pending {
		name := filepath.Join(p.dir, filepath.FromSlash(rel))
		_, exists := p.files[rel]
		switch {
		case !exists:
			events = append(events, fsnotify.Event{Name: name, Op: fsnotify.Remove})
		case !p.known[rel]:
			events = append(events, fsnotify.Event{Name: name, Op: fsnotify.Create})
		default:
			events = append(events, fsnotify.Event{Name: name, Op: fsnotify.Write})
		}
	}
	gen, err := p.syncGenerated(o)
	if err != nil {
		p.dropHugo()
		return err
	}
	events = append(events, gen...)
	o.generated = p.gen
	if len(events) > 50 {
		// Hugo's server builds everything again for so many changes; so does the preview.
		return p.buildAll(ctx, o)
	}
	p.builds++
	if p.o.BeforeRender != nil {
		p.o.BeforeRender(p.builds)
	}
	if err := p.hugoBuild(ctx, p.h, p.logger, hugolib.BuildCfg{NoBuildLock: true, RecentlyTouched: p.visited}, events...); err != nil {
		p.dropHugo()
		return err
	}
	for rel := range p.pending {
		_, exists := p.files[rel]
		p.known[rel] = exists
	}
	clear(p.pending)
	if p.o.AfterRender != nil {
		p.o.AfterRender(p.builds)
	}
	pages := pageModel(p.h, p.dir, p.gen, p.basePath)
	model := sitePaths(pages)
	for u := range p.model {
		if !model[u] {
			// A page Hugo no longer has (its article was removed or moved): Hugo leaves its
			// file, and the preview must not show it.
			name := filepath.Join(p.out, filepath.FromSlash(u))
			if strings.HasSuffix(u, "/") {
				name = filepath.Join(name, "index.html")
			}
			_ = os.Remove(name)
		}
	}
	p.model = model
	if problems := sitecheck.CheckPublished(o.Cfg, o.Content, pages, o.Now); len(problems) > 0 {
		return &UnsafeError{Problems: problems}
	}
	// The provenance lists the published articles. The search index is made by full builds
	// only: it reads every page's text.
	return writeExtras(p.out, o)
}

// hugoBuild runs one build of Hugo's sites and turns what it logged as errors into one.
func (p *Preview) hugoBuild(ctx context.Context, h *hugolib.HugoSites, logger loggers.Logger, cfg hugolib.BuildCfg, events ...fsnotify.Event) error {
	logger.Reset()
	start := time.Now()
	defer func() { p.hugoTime += time.Since(start) }()
	done := make(chan error, 1)
	go func() { done <- h.Build(cfg, events...) }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		// The build goes on in the background; these sites are not used again.
		if h == p.h {
			p.h = nil
		}
		return ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("hugo build failed: %w", err)
	}
	if n := logger.LoggCount(logg.LevelError); n > 0 {
		return fmt.Errorf("hugo build reported %d error(s): %s", n, strings.TrimSpace(logger.Errors()))
	}
	return nil
}

func (p *Preview) dropHugo() {
	if p.h != nil {
		p.h.Close()
		p.h = nil
	}
}

// syncGenerated writes the generated pages again and returns the events of those that
// changed.
func (p *Preview) syncGenerated(o Options) ([]fsnotify.Event, error) {
	fresh, err := os.MkdirTemp("", "bbtgen-pages-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(fresh)
	if err := writeGenerated(fresh, o); err != nil {
		return nil, err
	}
	var events []fsnotify.Event
	seen := map[string]bool{}
	err = filepath.WalkDir(fresh, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fresh, name)
		seen[rel] = true
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		dst := filepath.Join(p.gen, rel)
		old, err := os.ReadFile(dst)
		op := fsnotify.Write
		if errors.Is(err, fs.ErrNotExist) {
			op = fsnotify.Create
		} else if err == nil && string(old) == string(data) {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		events = append(events, fsnotify.Event{Name: dst, Op: op})
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(p.gen, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if rel, _ := filepath.Rel(p.gen, name); !seen[rel] {
			events = append(events, fsnotify.Event{Name: name, Op: fsnotify.Remove})
			return os.Remove(name)
		}
		return nil
	})
	return events, err
}

// sitePaths are the addresses of a page model: pages and their redirects.
func sitePaths(pages []sitecheck.PublishedPage) map[string]bool {
	out := map[string]bool{}
	for _, pg := range pages {
		for _, u := range pg.URLs {
			out[u] = true
		}
		for _, u := range pg.Aliases {
			out[u] = true
		}
	}
	return out
}

// Read runs f with the folder the preview serves and why the site is not shown (nil when it
// is), once no update is running; none starts before f returns. A page that an update left
// out of date, because nobody had looked at it lately, is rendered first: sitePath is the
// path asked for (/tin-hoat-dong/2026/hoi-nghi/).
func (p *Preview) Read(ctx context.Context, sitePath string, f func(dir string, failed error)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	failed := p.failed
	if failed == nil && p.h != nil {
		if u, ok := pageURL(sitePath, p.h.Conf.Pagination().Path); ok {
			if !p.visited.Contains(u) {
				visit := types.NewEvictingQueue[string](1).Add(u)
				if err := p.hugoBuild(ctx, p.h, p.logger, hugolib.BuildCfg{NoBuildLock: true, RecentlyTouched: visit, PartialReRender: true}); err != nil {
					p.dropHugo()
					p.failed = err
					failed = err
				}
			}
			p.visited.Add(u)
		}
	}
	f(p.out, failed)
}

// pageURL is the address Hugo knows a page by for a path asked for: /a/b/ for /a/b/,
// /a/b/index.html, (the page's feed) /a/b/index.xml and (its further pages, pager is the
// pagination path) /a/b/trang/2/; /404.html for itself. Files that are not pages (styles,
// pictures) give false.
func pageURL(sitePath, pager string) (string, bool) {
	u := path.Clean("/" + sitePath)
	if strings.HasSuffix(sitePath, "/") && u != "/" {
		u += "/"
	}
	switch {
	case strings.HasSuffix(u, "/"):
	case path.Base(u) == "index.html" || path.Base(u) == "index.xml":
		u = strings.TrimSuffix(u, path.Base(u))
	case path.Ext(u) == ".html":
	case path.Ext(u) == "":
		u += "/"
	default:
		return "", false
	}
	// Hugo renders the further pages of a list with its first.
	if pager != "" && strings.HasSuffix(u, "/") {
		dir, n := path.Split(strings.TrimSuffix(u, "/"))
		if _, err := strconv.Atoi(n); err == nil && strings.HasSuffix(dir, "/"+pager+"/") {
			u = strings.TrimSuffix(dir, pager+"/")
		}
	}
	return (&url.URL{Path: u}).EscapedPath(), true
}
