package admin

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func aw(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

func TestScratchNews(t *testing.T) {
	os.WriteFile("/tmp/cmsx/pic.jpg", []byte("\xff\xd8\xff\xe0 fake jpeg"), 0o644)
	var labels string
	defer func() { t.Log(labels) }()
	scratchSteps = func(ctx context.Context, res *string) error {
		return chromedp.Run(ctx,
			chromedp.Click(`button`, chromedp.ByQuery),
			chromedp.Sleep(1500*time.Millisecond),
			chromedp.Evaluate(`location.hash="#/collections/tin-hoat-dong/new"`, nil),
			chromedp.WaitVisible(`input[id^="title-field-"]`, chromedp.ByQuery),
			chromedp.SendKeys(`input[id^="title-field-"]`, "Đoàn công tác Sở Nội vụ làm việc tại Quy Nhơn", chromedp.ByQuery),
			chromedp.Click(`input[id^="authors-field-"]`, chromedp.ByQuery),
			chromedp.SendKeys(`input[id^="authors-field-"]`, "Lê Hoàng"+kb.Enter, chromedp.ByQuery),
			chromedp.Click(`input[id^="unit-field-"]`, chromedp.ByQuery),
			chromedp.SendKeys(`input[id^="unit-field-"]`, "Văn phòng"+kb.Enter, chromedp.ByQuery),
			chromedp.SendKeys(`textarea[id^="summary-field-"]`, "Sáng 25/11, đoàn công tác của Sở Nội vụ do Phó Giám đốc Trịnh Xuân Long làm trưởng đoàn đã làm việc với Ủy ban nhân dân phường Quy Nhơn về công tác cải cách hành chính, chuyển đổi số và đánh giá sự hài lòng.", chromedp.ByQuery),
			chromedp.Evaluate(`[...document.querySelectorAll("button")].find(b => b.textContent.trim() === "Thêm từ khóa").click()`, nil),
			chromedp.Sleep(300*time.Millisecond),
			chromedp.Evaluate(`(() => { const l = document.querySelector('label[for^="tags-field-"]'); let c = l.parentElement.parentElement; return [...c.querySelectorAll("input,textarea,button")].map(e => e.outerHTML.slice(0,160)).join("\n") + "\n" + c.className; })()`, &labels),
			chromedp.Click(`[data-slate-editor]`, chromedp.ByQuery),
			chromedp.SendKeys(`[data-slate-editor]`, "Đoàn đã nghe báo cáo.", chromedp.ByQuery),
			chromedp.Evaluate(`[...document.querySelectorAll("button")].find(b => b.textContent.trim() === "Chọn một hình").click()`, nil),
			chromedp.Sleep(1500*time.Millisecond),
			chromedp.SetUploadFiles(`input[type=file]`, []string{"/tmp/cmsx/pic.jpg"}, chromedp.ByQuery),
			chromedp.Sleep(1500*time.Millisecond),
			chromedp.Evaluate(`[...document.querySelectorAll("button")].find(b => b.textContent.trim() === "Lấy những cái đã chọn").click()`, nil),
			chromedp.Sleep(800*time.Millisecond),
			chromedp.SendKeys(`input[id^="image_alt-field-"]`, "Quang cảnh buổi làm việc", chromedp.ByQuery),
			chromedp.Evaluate(`[...document.querySelectorAll("button")].find(b => b.textContent.trim() === "Lưu").click()`, nil),
			chromedp.Sleep(3000*time.Millisecond),
			chromedp.Evaluate(`location.hash + "\n" + JSON.stringify(Object.assign({}, window.repoFilesUnpublished), (k, v) => k === "content" && typeof v === "object" ? "[asset]" : v, 1).slice(0, 5000) + "\n" + document.body.innerText.slice(0,300)`, res),
		)
	}
	TestScratch(t)
}
