package sitecmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cli"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/site"
)

// ServeOptions are the options of bbtgen serve.
type ServeOptions struct {
	Site string
	Port int
	// Poll, when set, looks at the site folder for changes this often instead of being told
	// by the operating system (network drives, some containers). When the system cannot tell,
	// the folder is looked at every second.
	Poll time.Duration
	// ready, when set, receives the address once the server listens (tests use it).
	ready func(url string)
	// afterRender, when set, runs after Hugo has rendered build n (tests make builds slow).
	afterRender func(n int)
}

func newServeCmd(env cli.Env) *cobra.Command {
	opts := &ServeOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site on localhost, rebuilding on every change",
		Long: `Build the site into a temporary folder and serve it on http://localhost:PORT/. Every
change to config.yaml, content/, layouts/, assets/ or static/ runs the checks and rebuilds;
open pages reload by themselves, and when the checks fail the browser shows the problems.

A changed article is checked alone and Hugo renders again only what it changed, so an edit
shows in a second or two even on a large site; a change to config.yaml, the layouts, assets/
or static/ builds everything again. The search index of the preview is made by those full
builds only.`,
		Args: cli.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return serveRun(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().IntVar(&opts.Port, "port", 1313, "the port to listen on (localhost only)")
	cmd.Flags().DurationVar(&opts.Poll, "poll", 0, "look for changes this often (e.g. 1s) instead of being told by the system, for network drives")
	return cmd
}

// localHost tells whether a request's Host header names this machine: localhost,
// 127.0.0.1 or [::1], with any port.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.EqualFold(host, "localhost") || host == "127.0.0.1" || host == "::1"
}

// preview is the served site.
type preview struct {
	site *site.Preview
	pr   *i18n.Printer // the reader's language, for the pages that say what went wrong

	mu      sync.Mutex
	version int
	changed chan struct{} // closed and replaced on every rebuild
}

func serveRun(ctx context.Context, env cli.Env, opts *ServeOptions) error {
	if opts.Port < 0 || opts.Port > 65535 {
		return cli.UsageError("--port %d is not a port number", opts.Port)
	}
	if opts.Poll < 0 {
		return cli.UsageError("--poll %s is not a duration", opts.Poll)
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", opts.Port))
	if err != nil {
		return &cli.ExitError{Code: 2, Err: cli.Errorf("cannot listen on port %d: %v (use --port)", opts.Port, err)}
	}
	pr := env.Printer()
	url := fmt.Sprintf("http://localhost:%d/", ln.Addr().(*net.TCPAddr).Port)
	tmp, err := os.MkdirTemp("", "bbtgen-serve-")
	if err != nil {
		ln.Close()
		return &cli.ExitError{Code: 2, Err: err}
	}
	defer os.RemoveAll(tmp)
	sp, err := site.NewPreview(site.PreviewOptions{Dir: opts.Site, Out: tmp, BaseURL: url, Now: env.Time,
		Version: cli.Version, Log: env.Stderr, AfterRender: opts.afterRender})
	if err != nil {
		ln.Close()
		return &cli.ExitError{Code: 2, Err: err}
	}
	defer sp.Close()

	// The watcher starts before the first build: an edit saved while it runs is reported
	// after it and built then, never lost.
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	w, err := watch(watchCtx, opts.Site, opts.Poll, env.Stderr, pr)
	if err != nil {
		ln.Close()
		return &cli.ExitError{Code: 2, Err: err}
	}

	p := &preview{site: sp, pr: pr, changed: make(chan struct{})}
	p.rebuild(ctx, env, nil)

	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintln(env.Stderr, pr.Sprintf("serving %s — press Ctrl+C to stop", url))
	if opts.ready != nil {
		opts.ready(url)
	}
	for {
		select {
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = srv.Shutdown(shutdown)
			return nil
		case c := <-w:
			var changed []string // nil: everything
			if !c.all {
				changed = c.paths
			}
			p.rebuild(ctx, env, changed)
		}
	}
}

// rebuild updates the preview with the files that changed (nil: everything) and tells the
// open pages.
func (p *preview) rebuild(ctx context.Context, env cli.Env, changed []string) {
	res, err := p.site.Update(ctx, changed)
	if ctx.Err() != nil {
		return
	}
	if changed != nil && res.Changed == 0 {
		return // nothing the site is made of (an editor's temporary file, public/)
	}
	var check *site.CheckError
	var unsafe *site.UnsafeError
	switch {
	case errors.As(err, &check):
		cli.PrintProblems(env.Stderr, p.pr, check.Problems)
	case errors.As(err, &unsafe):
		fmt.Fprintln(env.Stderr, unsafeText(p.pr, unsafe)) // names every problem
	case err != nil:
		fmt.Fprintln(env.Stderr, p.pr.Sprintf("build failed: %v", err))
	default:
		what := p.pr.Literal("rebuilt everything")
		if !res.Full {
			what = p.pr.Sprintf("rebuilt %d changed file(s)", res.Changed)
		}
		fmt.Fprintln(env.Stderr, p.pr.Sprintf("%s in %s s (Hugo %s s) at %s", what, seconds(res.Duration, 2), seconds(res.Hugo, 2), time.Now().Format("15:04:05")))
	}
	p.mu.Lock()
	p.version++
	close(p.changed)
	p.changed = make(chan struct{})
	p.mu.Unlock()
}

// unsafeText is a site.UnsafeError in the reader's language: the refusal, then every problem.
func unsafeText(pr *i18n.Printer, e *site.UnsafeError) string {
	var b strings.Builder
	b.WriteString(pr.Sprintf("the build was refused: what Hugo would publish differs from what bbtgen checked (%d problem(s)); the previous site is unchanged", len(e.Problems)))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(pr.Problem(p))
	}
	return b.String()
}

// problemPage describes why the site is not shown, in HTML, in the reader's language.
func problemPage(pr *i18n.Printer, failed error) string {
	var check *site.CheckError
	if errors.As(failed, &check) {
		var b strings.Builder
		fmt.Fprintf(&b, "<p>%s</p><ul>", html.EscapeString(pr.Literal("bbtgen check found problems; the site was not rebuilt:")))
		for _, p := range check.Problems {
			fmt.Fprintf(&b, "<li><code>%s</code></li>", html.EscapeString(pr.Problem(p)))
		}
		b.WriteString("</ul>")
		return b.String()
	}
	text := failed.Error()
	var unsafe *site.UnsafeError
	if errors.As(failed, &unsafe) {
		text = unsafeText(pr, unsafe)
	}
	return "<p>" + html.EscapeString(pr.Literal("The build failed:")) + "</p><pre>" + html.EscapeString(text) + "</pre>"
}

const reloadPath = "/_bbtgen/reload"

// reloadScript reloads the page when the server says the site was rebuilt. It exists only in
// the preview; built sites have no such script.
const reloadScript = `<script>(function(){var v=%d;var e=new EventSource("` + reloadPath + `");e.onmessage=function(m){if(+m.data!==v)location.reload()}})()</script>`

func (p *preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !localHost(r.Host) {
		// A page on another site can make the browser ask this server under a name of its own
		// that resolves to 127.0.0.1 (DNS rebinding) and read the preview; only local names
		// are answered.
		http.Error(w, p.pr.Literal("bbtgen serve answers only to localhost and 127.0.0.1"), http.StatusForbidden)
		return
	}
	p.mu.Lock()
	version, changed := p.version, p.changed
	p.mu.Unlock()
	if r.URL.Path == reloadPath {
		p.events(w, r, version, changed)
		return
	}
	if p.site == nil {
		http.Error(w, p.pr.Literal("the site is not built yet"), http.StatusServiceUnavailable)
		return
	}
	// Read waits for a build in progress and holds the next until the answer is written: a
	// page is never read while Hugo rewrites it.
	p.site.Read(r.Context(), r.URL.Path, func(dir string, failed error) {
		p.serveFile(w, r, dir, failed, version)
	})
}

func (p *preview) serveFile(w http.ResponseWriter, r *http.Request, dir string, failed error, version int) {
	if failed != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `<!doctype html><html lang="%s"><meta charset="utf-8"><title>%s</title><h1>%s</h1>%s`+reloadScript,
			p.pr.Language(), html.EscapeString(p.pr.Literal("bbtgen: error")), html.EscapeString(p.pr.Literal("The site was not rebuilt")), problemPage(p.pr, failed), version)
		return
	}
	if dir == "" {
		http.Error(w, p.pr.Literal("the site is not built yet"), http.StatusServiceUnavailable)
		return
	}
	name := filepath.Join(dir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path)))
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		name = filepath.Join(name, "index.html")
	}
	if !strings.HasSuffix(name, ".html") {
		w.Header().Set("Cache-Control", "no-store")
		http.FileServer(http.Dir(dir)).ServeHTTP(w, r)
		return
	}
	data, err := os.ReadFile(name)
	status := http.StatusOK
	if errors.Is(err, fs.ErrNotExist) {
		data, err = os.ReadFile(filepath.Join(dir, "404.html"))
		status = http.StatusNotFound
	}
	if err != nil {
		http.Error(w, p.pr.Literal("not found"), http.StatusNotFound)
		return
	}
	script := []byte(fmt.Sprintf(reloadScript, version))
	if i := bytes.LastIndex(data, []byte("</body>")); i >= 0 {
		data = append(data[:i:i], append(script, data[i:]...)...)
	} else {
		data = append(data, script...)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// events tells the page the current version, then again after the next rebuild.
func (p *preview) events(w http.ResponseWriter, r *http.Request, version int, changed chan struct{}) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "data: %d\n\n", version)
	flusher.Flush()
	select {
	case <-changed:
		p.mu.Lock()
		v := p.version
		p.mu.Unlock()
		fmt.Fprintf(w, "data: %d\n\n", v)
		flusher.Flush()
	case <-r.Context().Done():
	}
}

// sources are what a site is made of, relative to its folder: the files the watcher reports.
var sources = []string{"config.yaml", "content", "layouts", "assets", "static"}

// changeSet is what the watcher reports: the files (and folders) that changed, or all when
// changes may have been missed.
type changeSet struct {
	all   bool
	paths []string
}

// Waiting for a pause in the events lets an editor finish saving (a truncation, then the
// writes; or a temporary file renamed over the old one) before the site is checked; a stream
// of changes that never pauses is reported after at most maxWait.
const (
	quiet   = 30 * time.Millisecond
	maxWait = 500 * time.Millisecond
)

// watch reports changes to the site's sources on the returned channel, from now on: the
// operating system's notifications (fsnotify), or a look at the files every poll. Changes are
// gathered while nobody reads the channel (a build runs) and reported together afterwards.
func watch(ctx context.Context, dir string, poll time.Duration, log io.Writer, pr *i18n.Printer) (<-chan changeSet, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	out := make(chan changeSet)
	if poll == 0 {
		fw, err := notify(dir)
		if err == nil {
			go notifyLoop(ctx, dir, fw, out, log, pr)
			return out, nil
		}
		fmt.Fprintln(log, pr.Sprintf("the system cannot report changes (%v); looking at the files every second instead", err))
		poll = time.Second
	}
	go pollLoop(ctx, dir, snapshot(dir), poll, out)
	return out, nil
}

// notify watches the site folder itself (config.yaml, a source folder made later) and every
// folder under the sources.
func notify(dir string) (*fsnotify.Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := fw.Add(dir); err != nil {
		fw.Close()
		return nil, err
	}
	for _, s := range sources[1:] {
		if err := addTree(fw, filepath.Join(dir, s)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return fw, nil
}

// addTree watches a folder and every folder in it (fsnotify does not look into subfolders).
func addTree(fw *fsnotify.Watcher, root string) error {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return fw.Add(p)
		}
		return nil
	})
	return err
}

func notifyLoop(ctx context.Context, dir string, fw *fsnotify.Watcher, out chan<- changeSet, log io.Writer, pr *i18n.Printer) {
	defer fw.Close()
	var (
		pending = map[string]bool{}
		all     bool
		first   time.Time
		timer   = time.NewTimer(time.Hour)
		ready   bool
	)
	timer.Stop()
	for {
		var send chan<- changeSet
		if ready {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-fw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || !isSource(dir, ev.Name) || temporary(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					if err := addTree(fw, ev.Name); err != nil {
						all = true
					}
				}
			}
			pending[ev.Name] = true
			if first.IsZero() {
				first = time.Now()
			}
			ready = false
			timer.Reset(min(quiet, max(0, maxWait-time.Since(first))))
		case err, ok := <-fw.Errors:
			if !ok {
				return
			}
			// An overflow means events were dropped: build everything.
			fmt.Fprintln(log, pr.Sprintf("watching for changes: %v", err))
			all = true
			if first.IsZero() {
				first = time.Now()
			}
			timer.Reset(quiet)
		case <-timer.C:
			ready = len(pending) > 0 || all
		case send <- changeSet{all: all, paths: keys(pending)}:
			pending, all, first, ready = map[string]bool{}, false, time.Time{}, false
		}
	}
}

func pollLoop(ctx context.Context, dir string, last map[string]string, every time.Duration, out chan<- changeSet) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	pending := map[string]bool{}
	for {
		var send chan<- changeSet
		if len(pending) > 0 {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			now := snapshot(dir)
			for p, s := range now {
				if last[p] != s {
					pending[p] = true
				}
			}
			for p := range last {
				if _, ok := now[p]; !ok {
					pending[p] = true
				}
			}
			last = now
		case send <- changeSet{paths: keys(pending)}:
			pending = map[string]bool{}
		}
	}
}

// snapshot records the sources' files (size, time, kind) to notice changes. Folders are left
// out: a folder's time changes with every file added to it, and a new article would then look
// like a change of the whole folder.
func snapshot(dir string) map[string]string {
	out := map[string]string{}
	for _, s := range sources {
		_ = filepath.WalkDir(filepath.Join(dir, s), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || temporary(p) {
				return nil
			}
			if info, err := d.Info(); err == nil {
				out[p] = fmt.Sprintf("%d|%d|%s", info.Size(), info.ModTime().UnixNano(), info.Mode())
			}
			return nil
		})
	}
	return out
}

// isSource tells whether a path is one of the site's sources or under one.
func isSource(dir, name string) bool {
	rel, err := filepath.Rel(dir, name)
	if err != nil {
		return false
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return slices.Contains(sources, top)
}

// temporary tells whether a file is an editor's temporary or backup file, as hugo server
// recognises them: changing one is not a change of the site.
func temporary(name string) bool {
	base := filepath.Base(name)
	ext := filepath.Ext(base)
	return strings.HasSuffix(base, "~") || ext == ".swp" || ext == ".swx" || ext == ".tmp" ||
		base == "4913" || base == ".DS_Store" || strings.HasPrefix(base, ".#") || strings.HasPrefix(base, "#") ||
		strings.HasPrefix(ext, ".goutputstream") || strings.HasPrefix(ext, ".sb-")
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
