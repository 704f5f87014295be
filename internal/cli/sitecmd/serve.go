package sitecmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cli"
	"github.com/sonoivu-binhdinh/bbtgen/internal/site"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// ServeOptions are the options of bbtgen serve.
type ServeOptions struct {
	Site string
	Port int
	// Interval is how often the site folder is looked at for changes.
	Interval time.Duration
	// ready, when set, receives the address once the server listens (tests use it).
	ready func(url string)
}

func newServeCmd(env cli.Env) *cobra.Command {
	opts := &ServeOptions{Interval: time.Second}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site on localhost, rebuilding on every change",
		Long: `Build the site into a temporary folder and serve it on http://localhost:PORT/. Every
change to config.yaml, content/, layouts/, assets/ or static/ runs the checks and rebuilds;
open pages reload by themselves, and when the checks fail the browser shows the problems.`,
		Args: cli.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return serveRun(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().IntVar(&opts.Port, "port", 1313, "the port to listen on (localhost only)")
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

// preview is the state of the served site.
type preview struct {
	mu      sync.Mutex
	dir     string // the built site
	problem string // HTML of the last failure, "" when the last build succeeded
	version int
	changed chan struct{} // closed and replaced on every rebuild
}

func serveRun(ctx context.Context, env cli.Env, opts *ServeOptions) error {
	if opts.Port < 0 || opts.Port > 65535 {
		return cli.UsageError("--port %d is not a port number", opts.Port)
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", opts.Port))
	if err != nil {
		return &cli.ExitError{Code: 2, Err: fmt.Errorf("cannot listen on port %d: %w (use --port)", opts.Port, err)}
	}
	url := fmt.Sprintf("http://localhost:%d/", ln.Addr().(*net.TCPAddr).Port)
	tmp, err := os.MkdirTemp("", "bbtgen-serve-")
	if err != nil {
		ln.Close()
		return &cli.ExitError{Code: 2, Err: err}
	}
	defer os.RemoveAll(tmp)

	p := &preview{dir: filepath.Join(tmp, "site"), changed: make(chan struct{})}
	rebuild := func() {
		problem := p.build(ctx, env, opts.Site, url)
		p.mu.Lock()
		p.problem = problem
		p.version++
		close(p.changed)
		p.changed = make(chan struct{})
		p.mu.Unlock()
		if problem == "" {
			fmt.Fprintf(env.Stderr, "rebuilt at %s\n", time.Now().Format("15:04:05"))
		}
	}
	// The change stamp is taken before the first build: an edit saved while it runs is seen
	// at the next tick and rebuilt, never lost.
	last := stamp(opts.Site)
	rebuild()

	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintf(env.Stderr, "serving %s — press Ctrl+C to stop\n", url)
	if opts.ready != nil {
		opts.ready(url)
	}
	interval := opts.Interval
	if interval <= 0 {
		interval = time.Second
	}
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = srv.Shutdown(shutdown)
			return nil
		case <-ticker.C:
			if s := stamp(opts.Site); s != last {
				last = s
				rebuild()
			}
		}
	}
}

// build checks and builds; it returns an HTML description of what failed, or "".
func (p *preview) build(ctx context.Context, env cli.Env, dir, url string) string {
	s, err := sitecheck.Check(dir, env.Time())
	if err != nil {
		return "<p>" + html.EscapeString(err.Error()) + "</p>"
	}
	if s.Problems.Errors() > 0 {
		cli.PrintProblems(env.Stderr, s.Problems)
		var b strings.Builder
		b.WriteString("<p>bbtgen check found problems; the site was not rebuilt:</p><ul>")
		for _, pr := range s.Problems {
			fmt.Fprintf(&b, "<li><code>%s</code></li>", html.EscapeString(pr.String()))
		}
		b.WriteString("</ul>")
		return b.String()
	}
	_, err = site.Build(ctx, site.Options{Dir: dir, Out: p.dir, BaseURL: url, Cfg: s.Cfg, Content: s.Content,
		Now: env.Time(), Version: cli.Version, Log: env.Stderr})
	if err != nil {
		fmt.Fprintf(env.Stderr, "build failed: %v\n", err)
		return "<p>The build failed:</p><pre>" + html.EscapeString(err.Error()) + "</pre>"
	}
	return ""
}

// stamp summarises the site's source files (names, sizes, times) to notice changes.
func stamp(dir string) string {
	var b strings.Builder
	for _, sub := range []string{"config.yaml", "content", "layouts", "assets", "static"} {
		_ = filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(&b, "%s|%d|%d\n", path, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return b.String()
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
		http.Error(w, "bbtgen serve answers only to localhost and 127.0.0.1", http.StatusForbidden)
		return
	}
	p.mu.Lock()
	dir, problem, version, changed := p.dir, p.problem, p.version, p.changed
	p.mu.Unlock()
	if r.URL.Path == reloadPath {
		p.events(w, r, version, changed)
		return
	}
	if problem != "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `<!doctype html><html lang="vi"><meta charset="utf-8"><title>bbtgen: lỗi</title><h1>Trang chưa được dựng lại</h1>%s`+reloadScript, problem, version)
		return
	}
	name := filepath.Join(dir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path)))
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		name = filepath.Join(name, "index.html")
	}
	if !strings.HasSuffix(name, ".html") {
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
		http.Error(w, "not found", http.StatusNotFound)
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
