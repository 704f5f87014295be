package sitecmd

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cli"
)

// TestServe runs a preview, changes an article, and sees the page change; then breaks the
// article and sees the problem in the browser instead of a stale or partial site.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, ".cache"))
	root := repoRoot(t)
	for _, sub := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = []byte(strings.Replace(string(cfg), "  notice: van-ban/2026/thong-bao-phan-cong-nhiem-vu-ban-bien-tap.md\n", "", 1))
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
	write("config.yaml", string(cfg))
	article := "---\ntitle: \"Tin thứ nhất\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [lhtrung]\nunit: van-phong\nsummary: \"Tóm tắt.\"\n---\nNội dung.\n"
	write("content/tin-hoat-dong/2026/tin-thu-nhat.md", article)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	env := cli.Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string {
		if k == "BBTGEN_NOW" {
			return "2026-11-25T10:00:00+07:00"
		}
		return ""
	}, Now: time.Now}
	go func() {
		done <- serveRun(ctx, env, &ServeOptions{Site: dir, Port: 0, Interval: 50 * time.Millisecond, ready: func(u string) { ready <- u }})
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	page := base + "tin-hoat-dong/2026/tin-thu-nhat/"
	get := func(url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := get(page)
	if code != 200 || !strings.Contains(body, "Tin thứ nhất") || !strings.Contains(body, reloadPath) {
		t.Fatalf("first page: %d\n%s", code, body)
	}
	if code, _ := get(base + "khong-co/"); code != 404 {
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
	waitFor(t, func() bool { _, b := get(page); return strings.Contains(b, "Tin đã sửa") })
	for {
		line, err := events.ReadString('\n')
		if err != nil {
			t.Fatalf("reload stream: %v", err)
		}
		if strings.HasPrefix(line, "data: ") && line != "data: 1\n" {
			break
		}
	}

	write("content/tin-hoat-dong/2026/tin-thu-nhat.md", strings.Replace(article, "lhtrung", "nvana", 1))
	waitFor(t, func() bool {
		code, b := get(page)
		return code == 500 && strings.Contains(b, "unknown author &#34;nvana&#34;")
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
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
	p := &preview{dir: t.TempDir(), changed: make(chan struct{})}
	for host, want := range map[string]int{
		"localhost:1313": http.StatusNotFound, "127.0.0.1:1313": http.StatusNotFound, "[::1]:1313": http.StatusNotFound, "LOCALHOST": http.StatusNotFound,
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
