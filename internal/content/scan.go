package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// Site is what Scan found under content/.
type Site struct {
	Articles []*Article
	Pages    []*Page
}

// URL returns the path the article is published at, as Hugo computes it with bbtgen's
// settings: url if set, else its folder plus slug (or file name).
func (a *Article) URL() string {
	if a.FrontMatter.URL != "" {
		if p, ok := sitePath(a.FrontMatter.URL); ok {
			return p
		}
	}
	rel := strings.TrimPrefix(a.Path, Dir+"/")
	dir, file := path.Split(rel)
	name := strings.TrimSuffix(file, path.Ext(file))
	if a.Slug != "" {
		name = a.Slug
	}
	return "/" + dir + name + "/"
}

// CategoryOf returns the category folder of a path under content/, or "" when the path is not
// in a category of cfg.
func CategoryOf(cfg *config.Config, p string) string {
	rest, ok := strings.CutPrefix(p, Dir+"/")
	if !ok {
		return ""
	}
	folder, _, found := strings.Cut(rest, "/")
	if !found {
		return ""
	}
	if _, ok := cfg.Category(folder); ok {
		return folder
	}
	return ""
}

// Scan reads and checks every file under content/ and static/ of fsys (the site root).
// It never follows a symbolic link: links are reported, and a link that leaves the site is an
// error, so a pull request cannot make the build read files from elsewhere.
func (c *Checker) Scan(fsys fs.FS) (*Site, diag.List) {
	return c.Read(fsys).Finish()
}

// Read is the first step of Scan: it walks the folders (refusing links that leave the site)
// and reads and parses every file, which is enough to know the site's articles. Finish does
// the rest. bbtgen build starts rendering between the two and publishes nothing before
// Finish has passed.
func (c *Checker) Read(fsys fs.FS) *Staged {
	var problems diag.List
	var pageFiles []string
	pageFolders := c.pageFolders()
	addFile := func(file, rule string, hint diag.Text, format string, args ...any) {
		problems.Add(diag.Problemf(file, 0, 0, rule, "", format, args...).WithHint(hint.Format, hint.Args...))
	}
	if _, err := fs.Stat(fsys, Dir); err != nil {
		addFile(Dir, "read", diag.T("run bbtgen from the site's folder or pass --site DIR"), "the site has no content folder")
		return &Staged{checker: c, site: &Site{}, problems: problems, renderable: true}
	}
	// Articles are read and parsed on the other cores while the walk goes on.
	reader := c.startReading(fsys)
	// Classify asks whether content/<name> is a folder for every Markdown file: the listing
	// of content/ answers, except for links, which fs.Stat follows as before.
	top := map[string]fs.DirEntry{}
	if entries, err := fs.ReadDir(fsys, Dir); err == nil {
		for _, e := range entries {
			top[e.Name()] = e
		}
	}
	isDir := func(dir string) bool {
		if name, ok := strings.CutPrefix(dir, Dir+"/"); ok && !strings.Contains(name, "/") {
			e, listed := top[name]
			if !listed {
				return false
			}
			if e.Type()&fs.ModeSymlink == 0 {
				return e.IsDir()
			}
		}
		info, err := fs.Stat(fsys, dir)
		return err == nil && info.IsDir()
	}
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			addFile(p, "read", diag.Text{}, "cannot read: %v", err)
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			problems = append(problems, c.symlink(fsys, p)...)
			return nil
		}
		rel := strings.TrimPrefix(p, Dir+"/")
		if p == Dir {
			return nil
		}
		parts := strings.Split(rel, "/")
		top := parts[0]
		_, isCategory := c.Cfg.Category(top)
		if d.IsDir() {
			if len(parts) == 1 && !isCategory && !pageFolders[top] {
				addFile(p, "category", diag.T("categories: %s", strings.Join(c.Cfg.CategoryFolders(), ", ")), "%q is not a category folder", top)
				return fs.SkipDir
			}
			if !vntext.IsSlug(d.Name()) {
				addFile(p, "file-name", diag.T("rename it to %q", vntext.Slug(d.Name())), "folder name %q is not a slug", d.Name())
			}
			return nil
		}
		kind, probs := c.Classify(p, isDir)
		problems = append(problems, probs...)
		switch kind {
		case ArticleFile:
			reader.add(p)
		case PageFile:
			pageFiles = append(pageFiles, p)
		}
		return nil
	})
	if err != nil {
		addFile(Dir, "read", diag.Text{}, "cannot read the content folder: %v", err)
	}
	problems = append(problems, c.scanStatic(fsys)...)
	_ = fs.WalkDir(fsys, AssetsMediaDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_, probs := c.Classify(p, nil)
			problems = append(problems, probs...)
		}
		return nil
	})

	site := &Site{}
	read := reader.wait()
	renderable := true
	for _, r := range read {
		problems = append(problems, r.problems...)
		if r.article != nil {
			site.Articles = append(site.Articles, r.article)
			_, foreign := foreignShortcodes(r.article.Body)
			renderable = renderable && len(foreign) == 0
		}
	}
	for _, p := range pageFiles {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			addFile(p, "read", diag.Text{}, "cannot read: %v", err)
			continue
		}
		page, probs := ParsePage(p, data)
		problems = append(problems, probs...)
		if page != nil {
			problems = append(problems, c.Page(page, CategoryOf(c.Cfg, p) != "")...)
			site.Pages = append(site.Pages, page)
		}
	}
	return &Staged{checker: c, site: site, problems: problems, read: read, renderable: renderable}
}

// Staged is a scan between Read and Finish.
type Staged struct {
	checker    *Checker
	site       *Site
	problems   diag.List
	read       []*readResult
	renderable bool
}

// Renderable is false when rendering the site as read would make Hugo run something bbtgen
// refuses — a shortcode other than AllowedShortcodes in an article — even though only Finish
// reports it: such a site is not rendered before it is judged.
func (s *Staged) Renderable() bool { return s.renderable }

// Site is the site as read: every article whose file could be read and parsed, before the
// checks that judge them. While Finish runs, only the articles' front matter may be used.
func (s *Staged) Site() *Site { return s.site }

// Problems are the problems found by Read. When one is an error, the site must not be
// rendered: a link may leave the site, or a file may not be what it seems.
func (s *Staged) Problems() diag.List { return s.problems }

// Finish runs the checks that judge what Read found, on all cores, and returns what Scan
// returns. The Site it returns is a new one; the one of Read is left as it was.
func (s *Staged) Finish() (*Site, diag.List) {
	problems := slices.Clone(s.problems)
	verdicts := make([]diag.List, len(s.read))
	keep := make([]bool, len(s.read))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				verdicts[i], keep[i] = s.checker.judge(s.read[i])
			}
		})
	}
	for i := range s.read {
		next <- i
	}
	close(next)
	wg.Wait()
	site := &Site{Pages: s.site.Pages}
	for i, r := range s.read {
		problems = append(problems, verdicts[i]...)
		if keep[i] {
			site.Articles = append(site.Articles, r.article)
		}
	}
	problems = append(problems, duplicates(site.Articles)...)
	problems.Sort()
	return site, problems
}

// readResult is an article file as Read left it: the parsed article (nil when the file could
// not be read or parsed), the problems of reading it, and those of decoding its front matter.
type readResult struct {
	article  *Article
	problems diag.List
	decoding diag.List
}

// reading reads and parses article files on all cores as they are found (add), keeping the
// order they were found in (wait). The problems of decoding are kept apart: they do not count
// when Finish finds that Hugo reads the file otherwise (as Split would not have decoded it).
type reading struct {
	jobs    chan readJob
	results []*readResult
	wg      sync.WaitGroup
}

type readJob struct {
	path   string
	result *readResult
}

func (c *Checker) startReading(fsys fs.FS) *reading {
	r := &reading{jobs: make(chan readJob, 256)}
	for range runtime.GOMAXPROCS(0) {
		r.wg.Go(func() {
			for j := range r.jobs {
				*j.result = c.readArticle(fsys, j.path)
			}
		})
	}
	return r
}

func (r *reading) add(path string) {
	res := &readResult{}
	r.results = append(r.results, res)
	r.jobs <- readJob{path, res}
}

func (r *reading) wait() []*readResult {
	close(r.jobs)
	r.wg.Wait()
	return r.results
}

// readArticle reads and parses one article file.
func (c *Checker) readArticle(fsys fs.FS, p string) readResult {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return readResult{problems: diag.List{diag.Problemf(p, 0, 0, "read", "", "cannot read: %v", err)}}
	}
	doc, probs := parseFile(p, data)
	if doc == nil {
		return readResult{problems: probs}
	}
	a := &Article{Doc: *doc, Category: CategoryOf(c.Cfg, p)}
	return readResult{article: a, problems: probs, decoding: a.decode(&a.FrontMatter)}
}

// judge is the rest of ParseArticle and the article's own checks, for an article of Read. keep
// is false when the article is not part of the site (Hugo reads its file otherwise).
func (c *Checker) judge(r *readResult) (problems diag.List, keep bool) {
	if r.article == nil {
		return nil, false
	}
	a := r.article
	nfc, differs := a.verify()
	if len(differs) > 0 {
		return append(nfc, differs...), false
	}
	problems = append(nfc, r.decoding...)
	problems = append(problems, c.Article(a)...)
	// Keep the front matter, not the text: a site of 10,000 articles would otherwise carry
	// every body and YAML tree through the build.
	a.Node, a.Body = nil, nil
	return problems, true
}

// duplicates finds two pages (or aliases) that would be published at the same address.
func duplicates(articles []*Article) diag.List {
	var problems diag.List
	type owner struct {
		file string
		line int
	}
	seen := map[string]owner{}
	claim := func(a *Article, url, key string) {
		pos := a.At(key)
		if prev, ok := seen[url]; ok && prev.file != a.Path {
			problems.Add(diag.Problemf(a.Path, pos.Line, pos.Column, "duplicate-url", "give one of them another slug (or file name)",
				"%s is also the address of %s:%d", url, prev.file, prev.line))
			return
		}
		seen[url] = owner{a.Path, pos.Line}
	}
	for _, a := range articles {
		key := "slug"
		if a.FrontMatter.URL != "" {
			key = "url"
		}
		claim(a, a.URL(), key)
	}
	ids := map[string]owner{}
	for _, a := range articles {
		if a.ID == "" {
			continue
		}
		pos := a.At("id")
		if prev, ok := ids[a.ID]; ok {
			problems.Add(diag.Problemf(a.Path, pos.Line, pos.Column, "duplicate-id",
				"an id is the article's own: remove this line (bbtgen new writes a new one) instead of copying another article's",
				"id %s is also the id of %s:%d", a.ID, prev.file, prev.line))
			continue
		}
		ids[a.ID] = owner{a.Path, pos.Line}
	}
	for _, a := range articles {
		for i, al := range a.Aliases {
			if p, ok := sitePath(al); ok {
				claim(a, p, fmt.Sprintf("aliases[%d]", i))
			}
		}
	}
	return problems
}

// scanStatic checks static/: links that leave the site, and media files of unknown
// categories or of types that could carry scripts.
func (c *Checker) scanStatic(fsys fs.FS) diag.List {
	var problems diag.List
	if _, err := fs.Stat(fsys, staticDir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	err := fs.WalkDir(fsys, staticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			problems.Add(diag.Problemf(p, 0, 0, "read", "", "cannot read: %v", err))
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			problems = append(problems, c.symlink(fsys, p)...)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil // hidden files (.gitkeep) are not published
		}
		if !d.IsDir() {
			_, probs := c.Classify(p, nil)
			problems = append(problems, probs...)
			return nil
		}
		if rest, ok := strings.CutPrefix(p, MediaDir+"/"); ok {
			if _, known := c.Cfg.Category(rest); !strings.Contains(rest, "/") && !known {
				problems.Add(diag.Problemf(p, 0, 0, "category", "", "%q is not a category folder", rest).
					WithHint("media folders are named after categories: %s", strings.Join(c.Cfg.CategoryFolders(), ", ")))
				return fs.SkipDir
			}
		}
		return nil
	})
	if err != nil {
		problems.Add(diag.Problemf(staticDir, 0, 0, "read", "", "cannot read: %v", err))
	}
	return problems
}

// symlink reports a symbolic link: bbtgen never follows one, under content/ or static/. A link
// that stays inside the site would still publish a file under another area's address (the
// source of another category's draft, say), so none is allowed.
func (c *Checker) symlink(fsys fs.FS, p string) diag.List {
	target, inside := resolveLink(fsys, p)
	if !inside {
		return diag.List{diag.Problemf(p, 0, 0, RuleSymlink, "copy the file into the site instead; links that leave the repository are never followed",
			"symbolic link to %s points outside the site", target)}
	}
	return diag.List{diag.Problemf(p, 0, 0, RuleSymlink, "copy the file instead; bbtgen does not follow links under content/ or static/", "symbolic link to %s", target)}
}

// staticDir is the folder of the files published as they are, relative to the site root.
const staticDir = "static"

// FileKind is what a file of the site is to bbtgen.
type FileKind int

const (
	// OtherFile is any file that is neither an article nor a page (media, site files).
	OtherFile FileKind = iota
	// ArticleFile is a Markdown file in a category folder, other than _index.md.
	ArticleFile
	// PageFile is any other Markdown file under content/: the home text, a category's
	// _index.md, the pages outside the categories.
	PageFile
)

// Classify decides, by its path alone, what a file under content/ or static/ is, and reports
// what its name or place would make Hugo publish otherwise: a file under content/ that is not
// Markdown, a name Hugo gives a meaning of its own, a static file that could replace a page or
// run a script, a media file outside its category's folder. isDir tells whether a folder
// exists in the site; nil (as in the review gate, which sees changed files only) counts the
// categories and the governance page folders. The whole-site check and the review gate both
// use it, so they agree on what an article is.
func (c *Checker) Classify(p string, isDir func(string) bool) (FileKind, diag.List) {
	var problems diag.List
	refuseName := func(rule string, hint diag.Text, format string, args ...any) {
		problems.Add(diag.Problemf(p, 0, 0, rule, "", format, args...).WithHint(hint.Format, hint.Args...))
	}
	if strings.HasPrefix(p, AssetsMediaDir+"/") {
		refuseName(RuleShadow, diag.T("put media under %s/<category>/", MediaDir),
			"%s/ is where %s/ is mounted for Hugo's image processing: this file would replace a category's picture", AssetsMediaDir, MediaDir)
		return OtherFile, problems
	}
	if rest, ok := strings.CutPrefix(p, "static/"); ok {
		if strings.HasPrefix(path.Base(p), ".") {
			return OtherFile, nil // hidden files (.gitkeep) are not published
		}
		if ext := strings.ToLower(path.Ext(p)); slices.Contains(activeExts, ext) {
			refuseName(RuleStaticActive, diag.T("pages come from content/ and layouts/, scripts and styles from assets/; static/ holds media and plain site files"),
				"static files of type %q are not published: they could replace a page or run a script", ext)
			return OtherFile, problems
		}
		if slices.Contains(hugoWrites, rest) {
			refuseName(RuleStaticActive, diag.T("it is made from config.yaml and the layouts; change those instead"),
				"static/%s would replace the /%s the build writes", rest, rest)
			return OtherFile, problems
		}
		if rest == SearchIndexDir || strings.HasPrefix(rest, SearchIndexDir+"/") {
			refuseName(RuleStaticActive, diag.T("the build makes the search index; remove the file"),
				"static/%s is in /%s/, where the build writes the search index", rest, SearchIndexDir)
			return OtherFile, problems
		}
		media, ok := strings.CutPrefix("static/"+rest, MediaDir+"/")
		if !ok {
			return OtherFile, nil // other site files (favicon, robots.txt) belong to governance
		}
		folder, _, nested := strings.Cut(media, "/")
		_, known := c.Cfg.Category(folder)
		switch ext := strings.ToLower(path.Ext(p)); {
		case !nested:
			refuseName("media", diag.T("move it into %s/<category>/", MediaDir), "media files belong in a category's folder")
		case !known:
			refuseName("category", diag.T("media folders are named after categories: %s", strings.Join(c.Cfg.CategoryFolders(), ", ")), "%q is not a category folder", folder)
		case !slices.Contains(imageExts, ext) && !slices.Contains(documentExts, ext):
			refuseName("media", diag.T("allowed: %s", strings.Join(append(slices.Clone(imageExts), documentExts...), " ")),
				"file type %q is not allowed in media (it could carry scripts)", ext)
		}
		return OtherFile, problems
	}
	rel, ok := strings.CutPrefix(p, Dir+"/")
	if !ok {
		return OtherFile, nil
	}
	parts := strings.Split(rel, "/")
	_, isCategory := c.Cfg.Category(parts[0])
	if len(parts) == 1 {
		isCategory = false
	}
	file := parts[len(parts)-1]
	for _, part := range parts {
		if vntext.IsReservedName(part) {
			refuseName(RuleFileName, diag.T("rename it: Windows cannot check out a file or folder of that name"), "%q is a device name on Windows", part)
			return OtherFile, problems
		}
	}
	if path.Ext(file) != ".md" {
		hint := diag.T("only Markdown (.md) files belong under content/")
		if isCategory {
			hint = diag.T("put media files under %s/%s/", MediaDir, parts[0])
		}
		refuseName("file-type", hint, "%q is not a Markdown file", file)
		return OtherFile, problems
	}
	name := strings.TrimSuffix(file, ".md")
	_, namesFolder := c.Cfg.Category(name)
	if isDir != nil && isDir(path.Join(Dir, name)) || c.pageFolders()[name] {
		namesFolder = true
	}
	if msg, hint := hugoFileName(name, len(parts) == 1, namesFolder); !msg.IsZero() {
		refuseName(RuleFileName, hint, msg.Format, msg.Args...)
		return OtherFile, problems
	}
	if file == "_index.md" {
		return PageFile, nil
	}
	kind := ArticleFile
	if !isCategory {
		kind = PageFile
	}
	if !vntext.IsSlug(name) {
		refuseName(RuleFileName, diag.T("rename it to %s.md (bbtgen new names files for you)", vntext.Slug(name)), "file name %q is not a slug", file)
	}
	return kind, problems
}

// IsArticle tells whether a path is an article of one of cfg's categories: the one answer
// the checks, the review gate, the royalty ledger and the audit give to that question.
func IsArticle(cfg *config.Config, p string) bool {
	kind, _ := (&Checker{Cfg: cfg}).Classify(p, nil)
	return kind == ArticleFile
}

// pageFolders are the folders under content/ that hold pages outside the categories: those
// the governance area lists (content/gioi-thieu/).
func (c *Checker) pageFolders() map[string]bool {
	out := map[string]bool{}
	for _, p := range c.Cfg.Areas.Governance.Paths {
		if rest, ok := strings.CutPrefix(p, Dir+"/"); ok && strings.HasSuffix(rest, "/") && strings.Count(rest, "/") == 1 {
			out[strings.TrimSuffix(rest, "/")] = true
		}
	}
	return out
}

// hugoFileName refuses the names Hugo gives a meaning bbtgen does not use: index.md (a leaf
// bundle: its folder becomes one page and the other files its resources), a language or other
// suffix (x.vi.md is a translation of x.md, _index.vi.md replaces _index.md), and a page at
// the top of content/ named like a folder, which Hugo publishes over that folder's page.
func hugoFileName(name string, top, folderName bool) (msg, hint diag.Text) {
	switch {
	case name == "index":
		return diag.T("index.md makes its folder a Hugo page bundle, which hides the other files in it"),
			diag.T("rename it to a slug (bbtgen new names files for you); bbtgen does not use page bundles")
	case name != "_index" && strings.HasPrefix(name, "_index"), strings.Contains(name, "."):
		return diag.T("file name %q has a suffix Hugo reads as a language or a variant of another page", name+".md"),
			diag.T("rename it to %s.md", strings.TrimSuffix(vntext.Slug(strings.ReplaceAll(name, ".", "-")), "-md"))
	case top && folderName:
		return diag.T("%s.md would be published over the page of the folder content/%s/", name, name),
			diag.T("edit content/%s/_index.md instead", name)
	}
	return diag.Text{}, diag.Text{}
}

// resolveLink follows a chain of links without leaving fsys. It returns the first target and
// whether every step stayed inside the site.
func resolveLink(fsys fs.FS, p string) (string, bool) {
	first := ""
	for range 40 {
		target, err := fs.ReadLink(fsys, p)
		if err != nil {
			return first, first != "" // not a link any more (or unreadable): stop here
		}
		if first == "" {
			first = target
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) {
			return first, false
		}
		next := path.Join(path.Dir(p), target)
		if next == ".." || strings.HasPrefix(next, "../") {
			return first, false
		}
		info, err := fs.Lstat(fsys, next)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return first, true
		}
		p = next
	}
	return first, false
}
