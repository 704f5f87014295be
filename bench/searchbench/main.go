// Command searchbench measures site search in Chromium for bench/search.sh: bbtgen's own
// search (/tim-kiem/) and Pagefind's (its JavaScript API on a bare page) on the same built
// site, served over HTTP/2 with gzip by a server that counts what it sends. Pagefind fetches
// through a web worker, which the page's own resource timing does not see, so bytes and
// requests are counted on the server.
//
//	searchbench size DIR                      files, bytes and gzip bytes under DIR
//	searchbench run -site OUT -content DIR    the table of queries, each first in a new tab
//	                                          with an empty cache, then one after another in
//	                                          one page ([-rtt D] [-kbps N]: a slower network)
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// queries are the measured queries. "{number}" is the number of a legal document of the site
// (the first above 500/QĐ-SNV) and "{number-d}" the same typed with D for Đ; for those the
// document must come first.
var queries = []string{
	"cai cach hanh chinh",
	"cải cách hành chính",
	"hành chính",
	"doan kiem tra",
	"{number}",
	"{number-d}",
	"phông lưu trữ",
}

func main() {
	log.SetFlags(0)
	if len(os.Args) < 2 {
		log.Fatal("usage: searchbench size DIR | searchbench run -site OUT -content DIR")
	}
	switch os.Args[1] {
	case "size":
		files, raw, gz, err := size(os.Args[2])
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d %d %d\n", files, raw, gz)
	case "run":
		fl := flag.NewFlagSet("run", flag.ExitOnError)
		site := fl.String("site", "", "the built site (bbtgen's output, with Pagefind's bundle in pagefind/)")
		content := fl.String("content", "", "the site's content folder, to find the expected documents")
		rtt := fl.Duration("rtt", 0, "added round-trip time per request (0: localhost as it is)")
		kbps := fl.Int("kbps", 0, "bandwidth in kilobits per second per response (0: unlimited)")
		chromium := fl.String("chromium", "/usr/bin/chromium", "Chromium")
		fl.Parse(os.Args[2:])
		if err := run(*site, *content, *chromium, *rtt, *kbps); err != nil {
			log.Fatal(err)
		}
	default:
		log.Fatalf("unknown subcommand %q", os.Args[1])
	}
}

// size counts files and bytes under dir, and what gzip makes of each file.
func size(dir string) (files, raw, gz int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		raw += int64(len(data))
		gz += int64(len(gzipped(data)))
		return nil
	})
	return
}

func gzipped(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// compressible are the types a static host gzips. Pagefind's own files are compressed by
// Pagefind already and are sent as they are.
var compressible = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
}

type counter struct {
	mu       sync.Mutex
	requests int
	bytes    int64
	search   int64 // bytes of the search script and index
}

func (c *counter) take() (int, int64, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, b, s := c.requests, c.bytes, c.search
	c.requests, c.bytes, c.search = 0, 0, 0
	return r, b, s
}

// serve serves dir over HTTP/2 with gzip, optionally as a slower network would, and counts.
func serve(dir string, rtt time.Duration, kbps int, c *counter) *httptest.Server {
	var cache sync.Map // path → gzipped bytes
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(rtt)
		p := filepath.Join(dir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path)))
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			p = filepath.Join(p, "index.html")
		}
		data, err := os.ReadFile(p)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		ext := filepath.Ext(p)
		if ct, ok := compressible[ext]; ok {
			w.Header().Set("Content-Type", ct)
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				z, ok := cache.Load(p)
				if !ok {
					z, _ = cache.LoadOrStore(p, gzipped(data))
				}
				data = z.([]byte)
				w.Header().Set("Content-Encoding", "gzip")
			}
		} else if ext == ".wasm" {
			w.Header().Set("Content-Type", "application/wasm")
		} else {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		w.Header().Set("Cache-Control", "max-age=600")
		c.mu.Lock()
		c.requests++
		c.bytes += int64(len(data))
		if strings.HasPrefix(r.URL.Path, "/tim-kiem/chi-muc/") || strings.HasPrefix(r.URL.Path, "/js/search") || strings.HasPrefix(r.URL.Path, "/pagefind/") {
			c.search += int64(len(data))
		}
		c.mu.Unlock()
		if kbps <= 0 {
			w.Write(data)
			return
		}
		chunk := kbps * 1000 / 8 / 20 // 50 ms of bandwidth
		for len(data) > 0 {
			n := min(chunk, len(data))
			w.Write(data[:n])
			w.(http.Flusher).Flush()
			data = data[n:]
			time.Sleep(50 * time.Millisecond)
		}
	})
	srv := httptest.NewUnstartedServer(h)
	srv.EnableHTTP2 = true
	srv.StartTLS()
	return srv
}

// pagefindPage calls Pagefind's JavaScript API as a site would, and shows ten results.
const pagefindPage = `<!doctype html><meta charset=utf-8><title>Pagefind</title><ol id=r></ol>
<script type=module>
window.__run = async (q) => {
  window.__done = null;
  const t0 = performance.now();
  const pf = window.__pf || (window.__pf = await import('/pagefind/pagefind.js'));
  const s = await pf.search(q);
  const data = await Promise.all(s.results.slice(0, 10).map(r => r.data()));
  document.getElementById('r').innerHTML = data.map(d => '<li>' + d.meta.title + '<p>' + d.excerpt + '</p></li>').join('');
  const t1 = performance.now();
  window.__done = {total: t1 - t0, at: t1, results: s.results.length, titles: data.map(d => d.meta.title)};
};
const q = new URLSearchParams(location.search).get('q');
if (q) window.__run(q);
</script>`

type outcome struct {
	Total   float64  `json:"total"`
	Work    float64  `json:"work"`
	At      float64  `json:"at"`
	Results int      `json:"results"`
	Titles  []string `json:"titles"`
}

type engine struct {
	name, page string
	// first opens the page with the query; again runs a query in the open page.
	first, again string
}

var engines = []engine{
	{name: "bbtgen", page: "/tim-kiem/?q=",
		first: `window.__bbtgenSearch ? Object.assign({titles: [...document.querySelectorAll('.result-title a')].map(a => a.textContent)}, window.__bbtgenSearch) : null`,
		again: `(q) => { window.__bbtgenSearch = null; const i = document.querySelector('#q'); i.value = q; i.form.requestSubmit(); }`},
	{name: "pagefind", page: "/pagefind-bench.html?q=",
		first: `window.__done`,
		again: `(q) => { window.__run(q); }`},
}

func run(site, content, chromium string, rtt time.Duration, kbps int) error {
	if err := os.WriteFile(filepath.Join(site, "pagefind-bench.html"), []byte(pagefindPage), 0o644); err != nil {
		return err
	}
	number, expected, err := legalDocument(content)
	if err != nil {
		return err
	}
	type query struct{ q, first string }
	var qs []query
	for _, q := range queries {
		switch q {
		case "{number}":
			qs = append(qs, query{number, expected})
		case "{number-d}":
			qs = append(qs, query{strings.ReplaceAll(number, "Đ", "D"), expected})
		default:
			qs = append(qs, query{q, ""})
		}
	}
	c := &counter{}
	srv := serve(site, rtt, kbps, c)
	defer srv.Close()
	profile, err := os.MkdirTemp("", "searchbench-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("ignore-certificate-errors", true), chromedp.UserDataDir(profile))
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Run(bctx); err != nil {
		return fmt.Errorf("starting Chromium: %w", err)
	}
	conditions := "localhost"
	if rtt > 0 || kbps > 0 {
		conditions = fmt.Sprintf("%v round trip, %d kbit/s", rtt, kbps)
	}
	fmt.Printf("\nFirst query in a new tab with an empty cache, %s, HTTP/2 with gzip, counted by the server:\n\n", conditions)
	fmt.Println("| engine | query | results | expected first | requests | KB total | KB search | ms open→results | ms query→results | ms of it not waiting for files |")
	fmt.Println("|---|---|---:|:-:|---:|---:|---:|---:|---:|---:|")
	for _, e := range engines {
		for _, q := range qs {
			ctx, cancel := chromedp.NewContext(bctx)
			ctx, cancel2 := context.WithTimeout(ctx, 2*time.Minute)
			var o outcome
			err := chromedp.Run(ctx, network.ClearBrowserCache(), chromedp.ActionFunc(func(context.Context) error { c.take(); return nil }),
				chromedp.Navigate(srv.URL+e.page+urlQuery(q.q)),
				chromedp.Poll(e.first, &o, chromedp.WithPollingTimeout(90*time.Second)))
			time.Sleep(200 * time.Millisecond) // anything fetched after the results
			reqs, total, search := c.take()
			cancel2()
			cancel()
			if err != nil {
				return fmt.Errorf("%s %q: %w", e.name, q.q, err)
			}
			fmt.Printf("| %s | %s | %d | %s | %d | %.1f | %.1f | %.0f | %.0f | %s |\n", e.name, q.q, o.Results, check(q.first, o.Titles),
				reqs, float64(total)/1024, float64(search)/1024, o.At, o.Total, work(e, o))
		}
	}
	fmt.Printf("\nThe same queries one after another in one page (%s): what each one adds:\n\n", conditions)
	fmt.Println("| engine | query | results | requests | KB | ms query→results |")
	fmt.Println("|---|---|---:|---:|---:|---:|")
	for _, e := range engines {
		ctx, cancel := chromedp.NewContext(bctx)
		var o outcome
		err := chromedp.Run(ctx, network.ClearBrowserCache(), chromedp.Navigate(srv.URL+e.page+urlQuery(qs[0].q)),
			chromedp.Poll(e.first, &o, chromedp.WithPollingTimeout(90*time.Second)))
		if err != nil {
			cancel()
			return err
		}
		time.Sleep(200 * time.Millisecond)
		c.take()
		for _, q := range qs[1:] {
			err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf("(%s)(%s)", e.again, jsString(q.q)), nil),
				chromedp.Poll(e.first, &o, chromedp.WithPollingTimeout(90*time.Second)))
			if err != nil {
				cancel()
				return fmt.Errorf("%s %q: %w", e.name, q.q, err)
			}
			time.Sleep(200 * time.Millisecond)
			reqs, total, _ := c.take()
			fmt.Printf("| %s | %s | %d | %d | %.1f | %.0f |\n", e.name, q.q, o.Results, reqs, float64(total)/1024, o.Total)
		}
		cancel()
	}
	return nil
}

func work(e engine, o outcome) string {
	if e.name != "bbtgen" {
		return "–"
	}
	return fmt.Sprintf("%.0f", o.Work)
}

// check tells whether the expected title came first, when one is expected.
func check(first string, titles []string) string {
	if first == "" {
		return ""
	}
	if len(titles) > 0 && titles[0] == first {
		return "yes"
	}
	return "no"
}

func urlQuery(q string) string {
	return strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(q, "%", "%25"), " ", "+"), "/", "%2F")
}

func jsString(s string) string { return strconv.Quote(s) }

var numberRE = regexp.MustCompile(`^number: "(\d+)/QĐ-SNV"$`)

// legalDocument finds the legal document numbered first above 500/QĐ-SNV: its number and title.
func legalDocument(content string) (number, title string, err error) {
	best := 0
	err = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		var t string
		n := 0
		sc := bufio.NewScanner(io.LimitReader(f, 4096))
		for sc.Scan() {
			line := sc.Text()
			if v, ok := strings.CutPrefix(line, "title: "); ok {
				// gensite writes titles with Go's %q; YAML reads \x91 as U+0091, as \u0091.
				t, _ = strconv.Unquote(strings.ReplaceAll(v, `\x`, `\u00`))
			}
			if m := numberRE.FindStringSubmatch(line); m != nil {
				n, _ = strconv.Atoi(m[1])
			}
		}
		if n > 500 && (best == 0 || n < best) {
			best, title = n, t
		}
		return nil
	})
	if best == 0 && err == nil {
		err = errors.New("no legal document numbered above 500/QĐ-SNV in " + content)
	}
	return fmt.Sprintf("%d/QĐ-SNV", best), title, err
}
