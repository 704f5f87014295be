package sitecmd

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cli"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/testfixture"
)

// serveSite copies the repository's sample site (configuration, content, media, layouts and
// assets) and adds one article; it returns the folder and a function that writes a file into
// it.
func serveSite(t *testing.T) (string, func(rel, text string)) {
	t.Helper()
	dir := testfixture.SampleSite(t, repoRoot(t))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, ".cache"))
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/tin-hoat-dong/2026/tin-thu-nhat.md", article)
	return dir, write
}

const article = "---\ntitle: \"Tin thứ nhất\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Tóm tắt.\"\n---\nNội dung.\n"

// startServe runs bbtgen serve on dir until the test ends and returns its address.
func startServe(t *testing.T, opts ServeOptions) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	env := cli.Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string {
		switch k {
		case "BBTGEN_NOW":
			return "2026-11-25T10:00:00+07:00"
		case "BBTGEN_LANG":
			return "en" // the problem page below is read in English
		}
		return ""
	}, Now: time.Now}
	if testing.Verbose() {
		env.Stderr = os.Stderr
	}
	opts.Port = 0
	opts.ready = func(u string) { ready <- u }
	go func() { done <- serveRun(ctx, env, &opts) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case u := <-ready:
		return u
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServe runs a preview, changes an article, and sees the page change; adds an article and
// removes it; then breaks the article and sees the problem in the browser instead of a stale
// or partial site. It does so with the system's notifications and with polling.
func TestServe(t *testing.T) {
	for _, poll := range []time.Duration{0, 50 * time.Millisecond} {
		t.Run(fmt.Sprintf("poll=%s", poll), func(t *testing.T) { testServe(t, poll) })
	}
}

func testServe(t *testing.T, poll time.Duration) {
	dir, write := serveSite(t)
	base := startServe(t, ServeOptions{Site: dir, Poll: poll})
	page := base + "tin-hoat-dong/2026/tin-thu-nhat/"
	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "Tin thứ nhất") || !strings.Contains(body, reloadPath) {
		t.Fatalf("first page: %d\n%s", code, body)
	}
	if code, _ := get(t, base+"khong-co/"); code != 404 {
		t.Fatalf("missing page: %d", code)
	}

	// The reload stream announces the next build.
	resp, err := http.Get(base + strings.TrimPrefix(reloadPath, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	if line, _ := events.ReadString('\n'); line != "data: 1\n" {
		t.Fatalf("first event %q", line)
	}

	write("content/tin-hoat-dong/2026/tin-thu-nhat.md", strings.Replace(article, "Tin thứ nhất", "Tin đã sửa", 1))
	waitFor(t, func() bool { _, b := get(t, page); return strings.Contains(b, "Tin đã sửa") })
	for {
		line, err := events.ReadString('\n')
		if err != nil {
			t.Fatalf("reload stream: %v", err)
		}
		if strings.HasPrefix(line, "data: ") && line != "data: 1\n" {
			break
		}
	}
	// The list of the category, which nobody has looked at since, shows the new title too.
	if _, b := get(t, base+"tin-hoat-dong/"); !strings.Contains(b, "Tin đã sửa") || strings.Contains(b, "Tin thứ nhất") {
		t.Errorf("the category's list is out of date:\n%s", b)
	}

	// A new article appears; a removed one is gone.
	second := base + "tin-hoat-dong/2026/tin-thu-hai/"
	write("content/tin-hoat-dong/2026/tin-thu-hai.md", strings.Replace(article, "Tin thứ nhất", "Tin thứ hai", 1))
	waitFor(t, func() bool { code, b := get(t, second); return code == 200 && strings.Contains(b, "Tin thứ hai") })
	if err := os.Remove(filepath.Join(dir, "content/tin-hoat-dong/2026/tin-thu-hai.md")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { code, _ := get(t, second); return code == 404 })

	write("content/tin-hoat-dong/2026/tin-thu-nhat.md", strings.Replace(article, "lhtrung", "nvana", 1))
	waitFor(t, func() bool {
		code, b := get(t, page)
		return code == 500 && strings.Contains(b, "unknown author &#34;nvana&#34;")
	})
	// Every page shows the problem, not the site as it was.
	if code, _ := get(t, base); code != 500 {
		t.Errorf("home page during a failed check: %d", code)
	}
	write("content/tin-hoat-dong/2026/tin-thu-nhat.md", article)
	waitFor(t, func() bool { code, b := get(t, page); return code == 200 && strings.Contains(b, "Tin thứ nhất") })
}

// TestServeEditDuringFirstBuild saves an article while the first build runs, after Hugo has
// read it: the edit must show once that build is over, with the system's notifications and
// with polling. The first build is held until the edit is written, so the test does not
// depend on timing.
func TestServeEditDuringFirstBuild(t *testing.T) {
	for _, poll := range []time.Duration{0, 50 * time.Millisecond} {
		t.Run(fmt.Sprintf("poll=%s", poll), func(t *testing.T) {
			dir, write := serveSite(t)
			var builds atomic.Int32
			base := startServe(t, ServeOptions{Site: dir, Poll: poll, afterRender: func(n int) {
				builds.Store(int32(n))
				if n == 1 {
					write("content/tin-hoat-dong/2026/tin-thu-nhat.md", strings.Replace(article, "Nội dung.", "Sửa trong lúc dựng.", 1))
				}
			}})
			page := base + "tin-hoat-dong/2026/tin-thu-nhat/"
			waitFor(t, func() bool { _, b := get(t, page); return strings.Contains(b, "Sửa trong lúc dựng.") })
			if n := builds.Load(); n < 2 {
				t.Errorf("the edit shows after %d build(s); it was saved after the first had read the files", n)
			}
		})
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// repoRoot is the folder of the sample site (and of the module).
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// The preview answers only to local names: a DNS-rebinding page that reaches 127.0.0.1 under
// a name of its own is refused.
func TestServeHostHeader(t *testing.T) {
	p := &preview{pr: i18n.New(i18n.English), changed: make(chan struct{})} // no site yet: local names are told so
	for host, want := range map[string]int{
		"localhost:1313": http.StatusServiceUnavailable, "127.0.0.1:1313": http.StatusServiceUnavailable, "[::1]:1313": http.StatusServiceUnavailable, "LOCALHOST": http.StatusServiceUnavailable,
		"evil.example:1313": http.StatusForbidden, "127.0.0.1.nip.io:1313": http.StatusForbidden, "": http.StatusForbidden,
	} {
		r := httptest.NewRequest("GET", "http://x/khong-co/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		p.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %q: status %d, want %d", host, w.Code, want)
		}
	}
}
