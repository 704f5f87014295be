// Package browsertest starts the headless Chromium of bbtgen's browser tests. A test that
// needs a tool the machine lacks skips, saying why, and fails instead when CI is set: .ci/run
// installs everything (apt-get install chromium; npm install axe-core).
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// NeedTool returns what find finds, or skips (fails in CI) naming the missing tool.
func NeedTool(t testing.TB, what string, find func() string) string {
	t.Helper()
	if p := find(); p != "" {
		return p
	}
	msg := what + " is not installed; .ci/run installs it (apt-get install chromium; npm install axe-core)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// ChromiumPath finds Chromium ($CHROMIUM, then chromium, chromium-browser, google-chrome).
func ChromiumPath(t testing.TB) string {
	return NeedTool(t, "Chromium", func() string {
		for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
			if name == "" {
				continue
			}
			if p, err := exec.LookPath(name); err == nil {
				return p
			}
		}
		return ""
	})
}

// Browser starts a headless Chromium as the machine allows it: no sandbox as root, and no
// background networking (the machine's network is closed). It stops with the test, or after
// three minutes.
func Browser(t testing.TB) context.Context {
	t.Helper()
	return BrowserFor(t, 3*time.Minute)
}

// BrowserFor is Browser for a test that needs longer than three minutes.
func BrowserFor(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	path := ChromiumPath(t)
	// Chromium may still write its profile for a moment after it is told to quit: remove the
	// folder ourselves, retrying, rather than with t.TempDir's strict cleanup.
	profile, err := os.MkdirTemp("", "bbtgen-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true), chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel3)
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}
