package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var scratchSteps func(ctx context.Context, res *string) error

func TestScratch(t *testing.T) {
	dir := "/tmp/cmsx/site"
	files, err := Files(Page{Title: "Sở Nội vụ Bình Định", Connect: []string{"https://api.github.com"}})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range files {
		p := filepath.Join(dir, "quan-tri", k)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, v, 0o644)
	}
	cfg, _ := os.ReadFile("/tmp/cmsx/config.yml")
	os.WriteFile(filepath.Join(dir, "quan-tri/config.yml"), cfg, 0o644)
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests = append(requests, r.URL.Path)
		http.FileServer(http.Dir(dir)).ServeHTTP(w, r)
	}))
	defer srv.Close()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath("/usr/bin/chromium"), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	var logs []string
	ctx, cancel2 := chromedp.NewContext(actx, chromedp.WithLogf(func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }))
	defer cancel2()
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	defer cancel3()
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			logs = append(logs, "DIALOG "+e.Message)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
		case *network.EventLoadingFailed:
			logs = append(logs, "FAILED "+e.ErrorText)
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			logs = append(logs, "CONSOLE "+string(e.Type)+": "+strings.Join(parts, " "))
		case *runtime.EventExceptionThrown:
			logs = append(logs, "EXCEPTION "+e.ExceptionDetails.Text+" "+fmt.Sprint(e.ExceptionDetails.Exception.Description))
		}
	})
	var shot []byte
	var html string
	script := os.Getenv("SCRATCH_JS")
	var res string
	err = chromedp.Run(ctx, network.Enable(), runtime.Enable(),
		chromedp.Navigate(srv.URL+"/quan-tri/?backend=test-repo"),
		chromedp.ActionFunc(func(ctx context.Context) error {
			if scratchSteps == nil {
				return nil
			}
			return scratchSteps(ctx, &res)
		}),
		chromedp.Sleep(4*time.Second),
		chromedp.Evaluate(`document.body.innerText.slice(0,2000)`, &html),
		chromedp.ActionFunc(func(ctx context.Context) error {
			if script == "" {
				return nil
			}
			return chromedp.Evaluate(script, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }).Do(ctx)
		}),
		chromedp.Sleep(2*time.Second),
		chromedp.FullScreenshot(&shot, 100),
	)
	os.WriteFile("/tmp/cmsx/shot.png", shot, 0o644)
	t.Logf("err=%v\ntext=%s\nres=%s\nrequests=%s\nlogs=%s", err, html, res, strings.Join(requests, " "), strings.Join(logs, "\n"))
}
