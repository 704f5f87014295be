package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/text/unicode/norm"

	"github.com/sonoivu-binhdinh/bbtgen/internal/browsertest"
	"github.com/sonoivu-binhdinh/bbtgen/internal/cms"
	"github.com/sonoivu-binhdinh/bbtgen/internal/cms/admin"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// TestCMSPage checks what the build writes for the CMS, without a browser: /quan-tri/ with
// its configuration, a noindex page that loads only this site's own scripts (the vendored
// bundle, with its integrity hash and licences), and no trace of it anywhere else — no link
// from a public page, nothing in the sitemap or the search index.
func TestCMSPage(t *testing.T) {
	out := buildSample(t)
	root := repoRoot(t)
	adminPage := readPage(t, out, cms.Dir+"/index.html")
	for _, want := range []string{
		`<meta name="robots" content="noindex, nofollow">`, `<html lang="vi">`, `Content-Security-Policy`,
		`src="bbtgen-cms.js"`, `src="` + admin.BundleDir + `/decap-cms.js" integrity="sha384-`,
	} {
		if !strings.Contains(adminPage, want) {
			t.Errorf("/%s/index.html lacks %s", cms.Dir, want)
		}
	}
	if regexp.MustCompile(`(?i)<script[^>]*src="?(https?:)?//`).MatchString(adminPage) {
		t.Errorf("/%s/ loads a script from another server", cms.Dir)
	}
	committed, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(cms.ConfigFile)))
	if err != nil {
		t.Fatal(err)
	}
	if got := readPage(t, out, cms.Dir+"/config.yml"); got != string(committed) {
		t.Errorf("/%s/config.yml differs from %s", cms.Dir, cms.ConfigFile)
	}
	pins, err := admin.Pins()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pins {
		if _, err := os.Stat(filepath.Join(out, cms.Dir, admin.BundleDir, p.Name)); err != nil {
			t.Errorf("the vendored %s is not published: %v", p.Name, err)
		}
	}
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if d.IsDir() {
			if rel == cms.Dir {
				return filepath.SkipDir
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte("/"+cms.Dir)) {
			t.Errorf("%s mentions /%s: the CMS is never linked nor listed", filepath.ToSlash(rel), cms.Dir)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestWriteCMS: the build writes /quan-tri/ only for a site with a CMS configuration, and never
// over a file this build has written (a page Hugo rendered there, a static file).
func TestWriteCMS(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	if err := writeCMS(dir, out, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, cms.Dir)); !os.IsNotExist(err) {
		t.Fatalf("a site without %s got a CMS page (%v)", cms.ConfigFile, err)
	}
	write(t, dir, cms.ConfigFile, "backend:\n  name: github\n  repo: a/b\n  api_root: https://git.example.gov.vn/api/v3\n")
	// A previous build's files (untouched in this build) are replaced.
	write(t, out, cms.Dir+"/index.html", "old")
	os.Chtimes(filepath.Join(out, cms.Dir, "index.html"), untouched, untouched)
	if err := writeCMS(dir, out, Options{}); err != nil {
		t.Fatal(err)
	}
	page := readPage(t, out, cms.Dir+"/index.html")
	if !strings.Contains(page, "https://git.example.gov.vn") || strings.Contains(page, "https://api.github.com") {
		t.Errorf("the page does not let the CMS talk to the configured GitHub only:\n%s", page)
	}
	// A page this build rendered at /quan-tri/ is never replaced.
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, untouched, untouched)
		}
		return err
	})
	write(t, out, cms.Dir+"/index.html", "<p>a page</p>")
	if err := writeCMS(dir, out, Options{}); err == nil || !strings.Contains(err.Error(), "/"+cms.Dir+"/index.html") {
		t.Errorf("over a page of this build: %v", err)
	}
}

// TestCMSWritesCheckedArticles is the editorial desk end to end in a real Chromium: it opens
// /quan-tri/ of the built sample site on Decap's in-memory backend (test-repo, which the page
// allows on localhost only), in a browser whose clock is in Paris, and for each kind of
// category fills in the form as an author does — typing, choosing, uploading a picture or a
// document — with a title holding "Đ" and tones, and saves. It reads back what the CMS would
// have committed on the entry's branch and holds it to bbtgen's rules: the file name bbtgen new
// would make, a slug made as vntext.Slug makes it, an id, times in +07:00, media in the
// category's folder, and no problem from the article checks nor, put into a copy of the site,
// from the whole-site check. Saving opened a pull request's worth of changes (the editorial
// workflow's draft) and wrote nothing where the site is published from.
//
// It also measures the first load of /quan-tri/ (bytes over the wire, gzip) and the time to
// open the form for a new article.
func TestCMSWritesCheckedArticles(t *testing.T) {
	chromiumPath(t)
	out := buildSample(t)
	root := repoRoot(t)
	cfg, problems := config.Load(filepath.Join(root, config.FileName))
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("config.yaml: %v", problems.Err())
	}
	srv := newGzipServer(t, out)
	ctx := browsertest.BrowserFor(t, 6*time.Minute) // room for the CMS test's many steps
	var dialogs []string
	var dialogMu sync.Mutex
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*cdpage.EventJavascriptDialogOpening); ok {
			dialogMu.Lock()
			dialogs = append(dialogs, e.Message)
			dialogMu.Unlock()
			go chromedp.Run(ctx, cdpage.HandleJavaScriptDialog(true))
		}
	})
	if err := chromedp.Run(ctx, emulation.SetTimezoneOverride("Europe/Paris")); err != nil {
		t.Fatal(err)
	}

	measureCMSLoad(t, ctx, srv, cfg)

	signInTestRepo(t, ctx, srv.URL)
	// Leaving a new, untouched form asks whether to leave (Decap counts the proposed date as
	// a change); the measurements above do that. From here on, nothing may be asked.
	dialogMu.Lock()
	dialogs = nil
	dialogMu.Unlock()

	t.Run("slug", func(t *testing.T) {
		titles := []string{
			"Đoàn công tác Sở Nội vụ làm việc tại Quy Nhơn", "ĐẠI HỘI ĐOÀN", "Hỏi đáp: điều kiện được xét nâng lương?",
			"Quyết định số 533/QĐ-SNV ngày 11/9/2019", "Nghị định 18/2014/NĐ-CP — v1.2_final~", "Kỷ niệm 80 năm (1945–2025)",
			"Hoà hợp và hòa hợp", "Ủy ban nhân dân tỉnh Bình Định", norm.NFD.String("Thủ tục hành chính Đà Nẵng"), "  --  ", "ß Æ ø İ K",
			"Tin 😀 vui", strings.Repeat("Cải cách hành chính ", 8), "Tiếng Việt có dấu ngã, hỏi, nặng: ẫ ẩ ậ ỗ ổ ộ ữ ử ự",
		}
		var got []string
		list, _ := json.Marshal(titles)
		if err := chromedp.Run(ctx, chromedp.Evaluate(`JSON.parse(`+jsString(string(list))+`).map(bbtgenCMS.slug)`, &got)); err != nil {
			t.Fatal(err)
		}
		for i, title := range titles {
			if want := vntext.Slug(title); got[i] != want {
				t.Errorf("the CMS's slug of %q is %q, vntext.Slug's %q", title, got[i], want)
			}
		}
	})

	pdf := func(text string) []byte {
		return []byte("%PDF-1.4\n% " + text + "\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	}
	media := map[string][]byte{"Ảnh hội nghị Đoàn.jpg": testJPEG(t, 1), "anh-2.jpg": testJPEG(t, 2), "QĐ 35-2026.pdf": pdf("QD 35"),
		"Dự thảo Quy chế.pdf": pdf("du thao"), "Mẫu đơn đăng ký.docx": []byte("PK\x03\x04 mau don dang ky"),
		"Công khai quyết toán 2025.xlsx": []byte("PK\x03\x04 cong khai quyet toan")}
	mediaDir := t.TempDir()
	for name, data := range media {
		if err := os.WriteFile(filepath.Join(mediaDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := map[string][]byte{} // what the CMS would commit, by path
	for _, c := range cmsCases() {
		cat := firstOfKind(cfg, c.kind)
		if cat == "" {
			t.Errorf("config.yaml has no category of kind %s", c.kind)
			continue
		}
		t.Run(string(c.kind), func(t *testing.T) {
			e := fillAndSave(t, ctx, cat, c, mediaDir)
			checkEntry(t, cfg, cat, c, e, media, site)
		})
	}

	// The secretariat edits an article written by hand (bbtgen new): Decap rewrites the front
	// matter in its own YAML style, but the article means the same, but for the edit.
	for _, k := range []config.CategoryKind{config.KindLegal, config.KindQA, config.KindProcedure, config.KindConsultation, config.KindDisclosure} {
		cat := firstOfKind(cfg, k)
		t.Run("edit "+string(k), func(t *testing.T) {
			editExisting(t, ctx, cfg, root, cat)
		})
	}

	dialogMu.Lock()
	if len(dialogs) > 0 {
		t.Errorf("the CMS asked %q; an author should not have to answer anything to save", dialogs)
	}
	dialogMu.Unlock()

	// What the CMS wrote passes the whole-site check, put into a copy of the site.
	t.Run("bbtgen check", func(t *testing.T) {
		if len(site) == 0 {
			t.Skip("nothing was saved")
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, config.FileName), mustRead(t, filepath.Join(root, config.FileName)), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, sub := range []string{"content", "static"} {
			if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
				t.Fatal(err)
			}
		}
		for rel, data := range site {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := sitecheck.Check(dir, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Problems {
			if _, ours := site[p.File]; ours {
				t.Errorf("bbtgen check: %s", p)
			}
		}
	})
}

// cmsCase is one article typed into the CMS: its steps, then what the file must hold.
type cmsCase struct {
	kind  config.CategoryKind
	title string
	steps []cmsStep
	// uploads are the files chosen for media fields, in order.
	uploads []string
	check   func(t *testing.T, a *content.Article)
}

// cmsStep is what an author does to one field: "text" types into it, "select" types and
// chooses with Enter, "set" sets a date or time field (as its picker would), "markdown" types
// into the text editor, "upload" chooses a file in the media library, "add" adds a list item,
// "refused" puts a value the form must refuse into a field, tries to save, waits for the field's
// error and empties the field again.
type cmsStep struct{ do, field, value string }

func cmsCases() []cmsCase {
	common := func(title string) []cmsStep {
		return []cmsStep{
			{"text", "title", title},
			{"select", "authors", "Lê Hoàng"},
			{"select", "authors", "Trần Thị Mai"},
			{"select", "unit", "Văn phòng"},
		}
	}
	return []cmsCase{
		{
			kind:  config.KindNews,
			title: "Đoàn công tác Sở Nội vụ làm việc tại Quy Nhơn: đẩy mạnh cải cách hành chính",
			steps: append(common("Đoàn công tác Sở Nội vụ làm việc tại Quy Nhơn: đẩy mạnh cải cách hành chính"),
				// The date is left as the form proposes it: now, in the browser's zone.
				cmsStep{"text", "summary", "Sáng 25/11, đoàn công tác của Sở Nội vụ do Phó Giám đốc Trịnh Xuân Long làm trưởng đoàn đã làm việc với Ủy ban nhân dân phường Quy Nhơn về cải cách hành chính, chuyển đổi số và đánh giá sự hài lòng của người dân."},
				cmsStep{"add", "tags", ""}, cmsStep{"text", "tag", "cải cách hành chính"},
				cmsStep{"add", "tags", ""}, cmsStep{"text", "tag", "chuyển đổi số"},
				cmsStep{"upload", "image", "Ảnh hội nghị Đoàn.jpg"},
				cmsStep{"text", "image_alt", "Quang cảnh buổi làm việc tại phường Quy Nhơn"},
				cmsStep{"markdown", "", "Đoàn đã nghe Ủy ban nhân dân phường báo cáo." + kb.Enter + "Phường đã số hóa 100% hồ sơ thủ tục hành chính."},
			),
			uploads: []string{"Ảnh hội nghị Đoàn.jpg"},
			check: func(t *testing.T, a *content.Article) {
				if len(a.Authors) != 2 || a.Unit != "van-phong" || len(a.Tags) != 2 || a.Tags[1] != "chuyển đổi số" || a.ImageAlt == "" {
					t.Errorf("front matter: authors %v, unit %q, tags %q, image_alt %q", a.Authors, a.Unit, a.Tags, a.ImageAlt)
				}
				if d := time.Since(a.Date.Time); d < 0 || d > 15*time.Minute {
					t.Errorf("date %s is not the time the form was opened", a.Date.Format(time.RFC3339))
				}
				if !bytes.Contains(a.Body, []byte("100% hồ sơ")) {
					t.Errorf("body: %q", a.Body)
				}
			},
		},
		{
			kind:  config.KindResearch,
			title: "Đổi mới đánh giá, xếp loại công chức theo kết quả thực hiện nhiệm vụ",
			steps: append(common("Đổi mới đánh giá, xếp loại công chức theo kết quả thực hiện nhiệm vụ"),
				cmsStep{"set", "date", "2026-11-20T09:30"}, // 09:30 in Paris is 15:30 in Vietnam
				cmsStep{"text", "summary", "Bài viết trao đổi về đánh giá công chức bằng kết quả, sản phẩm cụ thể."},
				cmsStep{"markdown", "", "Đánh giá theo kết quả là yêu cầu của Luật Cán bộ, công chức năm 2025."},
			),
			check: func(t *testing.T, a *content.Article) {
				if want := time.Date(2026, 11, 20, 15, 30, 0, 0, content.Zone); !a.Date.Equal(want) {
					t.Errorf("date %s, want %s (09:30 in Paris)", a.Date.Format(time.RFC3339), want.Format(time.RFC3339))
				}
			},
		},
		{
			kind:  config.KindLegal,
			title: "Quyết định số 35/QĐ-SNV về việc ban hành Quy chế đánh giá nội bộ",
			steps: append(common("Quyết định số 35/QĐ-SNV về việc ban hành Quy chế đánh giá nội bộ"),
				cmsStep{"set", "date", "2026-11-21T08:00"},
				cmsStep{"text", "summary", "Ban hành Quy chế đánh giá nội bộ của Sở Nội vụ."},
				cmsStep{"text", "number", "35/QĐ-SNV"},
				cmsStep{"select", "doc_type", "Quyết định"},
				cmsStep{"text", "issuer", "Sở Nội vụ tỉnh Bình Định"},
				cmsStep{"text", "signer", "Trịnh Xuân Long"},
				cmsStep{"set", "issued", "2026-11-20"},
				cmsStep{"set", "effective", "2026-12-01"},
				cmsStep{"select", "status", "Chưa có hiệu lực"},
				cmsStep{"upload", "attachment", "QĐ 35-2026.pdf"},
			),
			uploads: []string{"QĐ 35-2026.pdf"},
			check: func(t *testing.T, a *content.Article) {
				if a.Number != "35/QĐ-SNV" || a.DocType != "Quyết định" || a.Issued.String() != "2026-11-20" || a.Effective.String() != "2026-12-01" || a.Status != "chua-co-hieu-luc" || a.Signer == "" {
					t.Errorf("front matter: %q %q %s %s %q %q", a.Number, a.DocType, a.Issued, a.Effective, a.Status, a.Signer)
				}
			},
		},
		{
			kind:  config.KindQA,
			title: "Điều kiện được xét nâng bậc lương trước thời hạn?",
			steps: append(common("Điều kiện được xét nâng bậc lương trước thời hạn?"),
				cmsStep{"set", "date", "2026-11-21T10:00"},
				cmsStep{"text", "question", "Tôi là công chức cấp xã, được tặng Bằng khen của Chủ tịch UBND tỉnh. Tôi có được xét nâng bậc lương trước thời hạn không?"},
				cmsStep{"text", "asker", "Ông Đ.V.H."},
				cmsStep{"select", "answer_unit", "Phòng Công chức"},
				cmsStep{"set", "answered", "2026-11-20"},
				cmsStep{"markdown", "", "Phòng Công chức, viên chức trả lời như sau: ông thuộc đối tượng được xem xét."},
			),
			check: func(t *testing.T, a *content.Article) {
				if a.Asker != "Ông Đ.V.H." || a.AnswerUnit != "phong-ccvc" || a.Answered.String() != "2026-11-20" {
					t.Errorf("front matter: %q %q %s", a.Asker, a.AnswerUnit, a.Answered)
				}
			},
		},
		{
			kind:  config.KindReply,
			title: "Trả lời bà Đ.T.H. về chế độ đối với người hoạt động không chuyên trách ở thôn",
			steps: append(common("Trả lời bà Đ.T.H. về chế độ đối với người hoạt động không chuyên trách ở thôn"),
				cmsStep{"set", "date", "2026-11-21T14:00"},
				cmsStep{"text", "question", "Bà hỏi về chế độ hỗ trợ khi thôi làm người hoạt động không chuyên trách ở thôn."},
				cmsStep{"text", "asker", "Bà Đ.T.H."},
				cmsStep{"select", "answer_unit", "Phòng Xây dựng"},
				cmsStep{"set", "answered", "2026-11-19"},
				cmsStep{"markdown", "", "Sở Nội vụ trả lời bà như sau."},
			),
			check: func(t *testing.T, a *content.Article) {
				if a.AnswerUnit != "phong-xdcq" {
					t.Errorf("answer_unit %q", a.AnswerUnit)
				}
			},
		},
		{
			kind:  config.KindGallery,
			title: "Hình ảnh Đại hội Chi đoàn Sở Nội vụ nhiệm kỳ 2026–2027",
			steps: append(common("Hình ảnh Đại hội Chi đoàn Sở Nội vụ nhiệm kỳ 2026–2027"),
				cmsStep{"set", "date", "2026-11-21T16:00"},
				cmsStep{"text", "credit", "Ảnh: Đặng Quốc Huy"},
				cmsStep{"add", "images", ""}, cmsStep{"upload", "src", "Ảnh hội nghị Đoàn.jpg"},
				cmsStep{"text", "caption", "Đoàn Chủ tịch điều hành Đại hội"},
				cmsStep{"add", "images", ""}, cmsStep{"upload", "src", "anh-2.jpg"},
				cmsStep{"text", "caption", "Ban Chấp hành nhiệm kỳ mới ra mắt"},
				cmsStep{"text", "credit", "Ảnh: Lê Hoàng Trung"},
			),
			uploads: []string{"Ảnh hội nghị Đoàn.jpg", "anh-2.jpg"},
			check: func(t *testing.T, a *content.Article) {
				if len(a.Images) != 2 || a.Credit != "Ảnh: Đặng Quốc Huy" || a.Images[0].Credit != "" || a.Images[1].Credit != "Ảnh: Lê Hoàng Trung" || a.Images[1].Caption == "" {
					t.Errorf("gallery: credit %q, images %+v", a.Credit, a.Images)
				}
			},
		},
		{
			kind:  config.KindProcedure,
			title: "Đăng ký hoạt động tín ngưỡng của cơ sở tín ngưỡng",
			steps: append(common("Đăng ký hoạt động tín ngưỡng của cơ sở tín ngưỡng"),
				cmsStep{"set", "date", "2026-11-22T09:00"},
				cmsStep{"text", "summary", "Người đại diện cơ sở tín ngưỡng đăng ký danh mục hoạt động tín ngưỡng diễn ra trong năm."},
				cmsStep{"add", "tags", ""}, cmsStep{"text", "tag", "tín ngưỡng, tôn giáo"},
				// The procedure's code, typed as the national database writes it (the form
				// keeps it a string: 1.001078 is not a number).
				cmsStep{"text", "code", "1.001078"},
				cmsStep{"select", "level", "một phần"},
				cmsStep{"text", "field", "Tín ngưỡng, tôn giáo"},
				// A page of another site is refused by the form before anything is saved.
				cmsStep{"refused", "portal", "https://dichvucong.binhdinh.gov.vn/thu-tuc/1.001078"},
				cmsStep{"text", "portal", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001078"},
				cmsStep{"text", "fee", "Không thu phí"},
				cmsStep{"text", "duration", "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"},
				cmsStep{"upload", "attachment", "Mẫu đơn đăng ký.docx"},
				cmsStep{"markdown", "", "Người đại diện cơ sở tín ngưỡng nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh."},
			),
			uploads: []string{"Mẫu đơn đăng ký.docx"},
			check: func(t *testing.T, a *content.Article) {
				if a.Code != "1.001078" || a.Level != "mot-phan" || a.Field != "Tín ngưỡng, tôn giáo" || a.Fee != "Không thu phí" || !strings.HasPrefix(a.Duration, "15 ngày") ||
					a.Portal != "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001078" || !strings.HasSuffix(a.Attachment, ".docx") {
					t.Errorf("procedure: code %q, level %q, field %q, portal %q, fee %q, duration %q, attachment %q", a.Code, a.Level, a.Field, a.Portal, a.Fee, a.Duration, a.Attachment)
				}
				if !bytes.Contains(a.Body, []byte("Trung tâm Phục vụ hành chính công")) {
					t.Errorf("body: %q", a.Body)
				}
			},
		},
		{
			kind:  config.KindConsultation,
			title: "Lấy ý kiến dự thảo Quy chế làm việc của Đoàn kiểm tra công vụ",
			steps: append(common("Lấy ý kiến dự thảo Quy chế làm việc của Đoàn kiểm tra công vụ"),
				cmsStep{"set", "date", "2026-11-22T10:00"},
				cmsStep{"text", "summary", "Sở Nội vụ lấy ý kiến cơ quan, đơn vị và người dân về dự thảo Quy chế làm việc của Đoàn kiểm tra công vụ."},
				cmsStep{"upload", "attachment", "Dự thảo Quy chế.pdf"},
				cmsStep{"set", "opens", "2026-11-23"},
				cmsStep{"set", "closes", "2026-12-07"},
				cmsStep{"text", "how_to_comment", "Gửi góp ý về Văn phòng Sở Nội vụ, số 02 Trần Phú, phường Quy Nhơn." + kb.Enter + "Thư điện tử: sonoivu@binhdinh.gov.vn."},
				// No text: the draft is the attachment.
			),
			uploads: []string{"Dự thảo Quy chế.pdf"},
			check: func(t *testing.T, a *content.Article) {
				if a.Opens.String() != "2026-11-23" || a.Closes.String() != "2026-12-07" || !strings.HasSuffix(a.Attachment, ".pdf") ||
					!strings.Contains(a.HowToComment, "Trần Phú, phường Quy Nhơn.\nThư điện tử: sonoivu@binhdinh.gov.vn.") {
					t.Errorf("consultation: opens %s, closes %s, attachment %q, how_to_comment %q", a.Opens, a.Closes, a.Attachment, a.HowToComment)
				}
			},
		},
		{
			kind:  config.KindDisclosure,
			title: "Công khai quyết toán ngân sách nhà nước năm 2025 của Sở Nội vụ",
			steps: append(common("Công khai quyết toán ngân sách nhà nước năm 2025 của Sở Nội vụ"),
				cmsStep{"set", "date", "2026-11-22T14:00"},
				cmsStep{"text", "summary", "Sở Nội vụ công khai số liệu quyết toán ngân sách nhà nước năm 2025 đã được thẩm định."},
				cmsStep{"text", "year", "2025"},
				cmsStep{"select", "disclosure_type", "Quyết toán"},
				cmsStep{"upload", "attachment", "Công khai quyết toán 2025.xlsx"},
			),
			uploads: []string{"Công khai quyết toán 2025.xlsx"},
			check: func(t *testing.T, a *content.Article) {
				if a.Year != 2025 || a.DisclosureType != "quyet-toan" || !strings.HasSuffix(a.Attachment, ".xlsx") {
					t.Errorf("disclosure: year %d, disclosure_type %q, attachment %q", a.Year, a.DisclosureType, a.Attachment)
				}
			},
		},
	}
}

// cmsHelpers find a field of the form by its name (Decap's ids are "<name>-field-<n>"; the
// last one is the newest, for lists), and set a field as its picker does.
const cmsHelpers = `window.T = {
	el(name) { const all = document.querySelectorAll('[id^="' + name + '-field-"]'); return all[all.length - 1] || null; },
	box(name) {
		const ls = document.querySelectorAll('label[for^="' + name + '-field-"]');
		const l = ls[ls.length - 1];
		if (!l) throw new Error('no field ' + name);
		return l.closest('[class*="ControlContainer"]') || l.parentElement.parentElement;
	},
	focus(name) {
		const e = T.el(name);
		if (!e) throw new Error('no field ' + name);
		e.scrollIntoView({block: 'center'});
		e.focus();
		return document.activeElement === e;
	},
	button(text, scope) {
		const b = [...(scope || document).querySelectorAll('button')].find(b => b.textContent.trim() === text);
		if (!b) throw new Error('no button "' + text + '"');
		b.scrollIntoView({block: 'center'});
		b.click();
		return true;
	},
	set(name, v) {
		const e = T.el(name);
		if (!e) throw new Error('no field ' + name);
		const proto = e.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
		Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, v);
		e.dispatchEvent(new Event('input', {bubbles: true}));
		e.dispatchEvent(new Event('change', {bubbles: true}));
		return e.value;
	},
	async entry(col, slug) {
		const e = Object.values(Object.assign({}, window.repoFilesUnpublished)).find(e => e.collection === col && (!slug || e.slug === slug));
		if (!e) return null;
		const diffs = [];
		for (const d of e.diffs) {
			const text = typeof d.content === 'string' ? d.content : '';
			let b64 = '';
			const file = d.content && (d.content.fileObj || d.content.file);
			if (file instanceof Blob) {
				const bytes = new Uint8Array(await file.arrayBuffer());
				let bin = '';
				for (const b of bytes) bin += String.fromCharCode(b);
				b64 = btoa(bin);
			} else if (d.content && typeof d.content.toBase64 === 'function') {
				b64 = await d.content.toBase64();
			}
			let published = window.repoFiles;
			for (const part of d.path.split('/')) published = published && published[part];
			diffs.push({path: d.path, text, b64, published: !!published});
		}
		return {status: e.status, diffs};
	},
};
true`

type cmsDiff struct {
	Path      string `json:"path"`
	Text      string `json:"text"`
	B64       string `json:"b64"`
	Published bool   `json:"published"`
}

type cmsEntry struct {
	Status string    `json:"status"`
	Diffs  []cmsDiff `json:"diffs"`
}

// fillAndSave opens the form for a new article of category cat, does the case's steps and
// saves, and returns what the in-memory backend holds for the entry.
func fillAndSave(t *testing.T, ctx context.Context, cat string, c cmsCase, mediaDir string) cmsEntry {
	t.Helper()
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	start := time.Now()
	run("opening the form",
		chromedp.Evaluate(`location.hash = '#/collections/`+cat+`/new'`, nil),
		chromedp.Poll(`!!document.querySelector('[id^="title-field-"]')`, nil, chromedp.WithPollingTimeout(30*time.Second)),
	)
	t.Logf("the form for a new %s opened in %d ms within the loaded CMS", cat, time.Since(start).Milliseconds())
	run("preparing the helpers", chromedp.Evaluate(cmsHelpers, nil))
	for _, s := range c.steps {
		what := fmt.Sprintf("%s %s %q", s.do, s.field, s.value)
		switch s.do {
		case "text":
			run(what, chromedp.Evaluate(`T.focus(`+jsString(s.field)+`)`, nil), chromedp.KeyEvent(s.value))
		case "select":
			run(what, chromedp.Evaluate(`T.focus(`+jsString(s.field)+`)`, nil), chromedp.KeyEvent(s.value),
				chromedp.Sleep(200*time.Millisecond), chromedp.KeyEvent(kb.Enter))
		case "set":
			var got string
			run(what, chromedp.Evaluate(`T.set(`+jsString(s.field)+`, `+jsString(s.value)+`)`, &got))
		case "markdown":
			run(what, chromedp.Click(`[data-slate-editor]`, chromedp.ByQuery), chromedp.KeyEvent(s.value))
		case "refused":
			f := jsString(s.field)
			err := chromedp.Run(ctx,
				chromedp.Evaluate(`T.set(`+f+`, `+jsString(s.value)+`)`, nil),
				chromedp.Evaluate(`T.button('Lưu')`, nil),
				chromedp.Poll(`T.box(`+f+`).textContent.includes('không khớp với mẫu')`, nil, chromedp.WithPollingTimeout(10*time.Second)),
				chromedp.Sleep(500*time.Millisecond),
			)
			if err != nil {
				var text string
				chromedp.Run(ctx, chromedp.Evaluate(`location.hash + "\n" + document.body.innerText`, &text))
				t.Fatalf("%s: %v\n%s", what, err, text)
			}
			var saved bool
			run(what, chromedp.Evaluate(`location.hash.includes('/entries/') || Object.values(Object.assign({}, window.repoFilesUnpublished)).some(e => e.collection === `+jsString(cat)+`)`, &saved))
			if saved {
				t.Fatalf("the CMS saved the article with %s %q", s.field, s.value)
			}
			run(what, chromedp.Evaluate(`T.set(`+f+`, '')`, nil))
		case "add":
			run(what, chromedp.Evaluate(`[...T.box(`+jsString(s.field)+`).querySelectorAll('button')].find(b => b.textContent.trim().startsWith('Thêm')).click()`, nil),
				chromedp.Sleep(300*time.Millisecond))
		case "upload":
			var before string
			run(what,
				chromedp.Evaluate(`T.box(`+jsString(s.field)+`).textContent`, &before),
				chromedp.Evaluate(`T.box(`+jsString(s.field)+`).querySelector('button').click()`, nil),
				chromedp.WaitReady(`input[type=file]`, chromedp.ByQuery),
				chromedp.SetUploadFiles(`input[type=file]`, []string{filepath.Join(mediaDir, s.value)}, chromedp.ByQuery),
				chromedp.Sleep(time.Second),
				chromedp.Evaluate(`T.button('Lấy những cái đã chọn')`, nil),
				chromedp.Poll(`T.box(`+jsString(s.field)+`).textContent !== `+jsString(before), nil, chromedp.WithPollingTimeout(10*time.Second)),
				// The media library gives the focus back to the field focused before it opened
				// once it has closed: wait for that before typing on.
				chromedp.Poll(`!document.querySelector('.ReactModal__Overlay')`, nil, chromedp.WithPollingTimeout(10*time.Second)),
				chromedp.Sleep(300*time.Millisecond),
			)
		default:
			t.Fatalf("unknown step %q", s.do)
		}
	}
	var e cmsEntry
	run("saving",
		chromedp.Evaluate(`T.button('Lưu')`, nil),
		chromedp.Poll(`location.hash.includes('/entries/')`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(`T.entry(`+jsString(cat)+`)`, &e, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	return e
}

var (
	idRE     = regexp.MustCompile(`(?m)^id: bbt-[0-9a-f]{16}$`)
	vnTimeRE = regexp.MustCompile(`(?m)^(date|publish_at): (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(.*)$`)
)

// checkEntry holds what the CMS saved to bbtgen's rules and adds its files to site.
func checkEntry(t *testing.T, cfg *config.Config, cat string, c cmsCase, e cmsEntry, media map[string][]byte, site map[string][]byte) {
	t.Helper()
	if e.Status != "draft" {
		t.Errorf("the entry's workflow status is %q, want draft (a pull request waiting for review)", e.Status)
	}
	var article *cmsDiff
	var uploads []cmsDiff
	for i, d := range e.Diffs {
		if d.Published {
			t.Errorf("saving wrote %s where the site is published from", d.Path)
		}
		if strings.HasSuffix(d.Path, ".md") {
			article = &e.Diffs[i]
		} else {
			uploads = append(uploads, d)
		}
	}
	if article == nil {
		t.Fatalf("the CMS saved no article: %+v", e)
	}
	t.Logf("%s:\n%s", article.Path, article.Text)
	a, problems := content.ParseArticle(article.Path, cat, []byte(article.Text))
	if a == nil {
		t.Fatalf("%s cannot be read: %v", article.Path, problems)
	}
	problems = append(problems, (&content.Checker{Cfg: cfg, Now: time.Now()}).Article(a)...)
	for _, p := range problems {
		t.Errorf("bbtgen check: %s", p)
	}
	slug := vntext.Slug(c.title)
	year := a.Date.Year()
	if a.Date.Month() == time.January && a.Date.Day() == 1 && a.Date.Hour() < 7 {
		year-- // Decap files by the year in UTC (see cms.yearOfDate)
	}
	if want := fmt.Sprintf("%s/%s/%d/%s.md", content.Dir, cat, year, slug); article.Path != want {
		t.Errorf("the CMS named the file %s, bbtgen new would name it %s", article.Path, want)
	}
	if a.Slug != slug || a.Title != c.title || a.Draft {
		t.Errorf("slug %q (want %q), title %q, draft %v", a.Slug, slug, a.Title, a.Draft)
	}
	if !idRE.MatchString(article.Text) {
		t.Errorf("no id bbt-<16 hex> in\n%s", article.Text)
	}
	for _, m := range vnTimeRE.FindAllStringSubmatch(article.Text, -1) {
		if m[3] != "+07:00" {
			t.Errorf("%s: %s%s is not in +07:00", m[1], m[2], m[3])
		}
	}
	if len(uploads) != len(c.uploads) {
		t.Errorf("uploads: %d files saved, %d chosen", len(uploads), len(c.uploads))
	}
	prefix := fmt.Sprintf("%s/%s/%d/", content.MediaDir, cat, year)
	for _, u := range uploads {
		data, err := base64.StdEncoding.DecodeString(u.B64)
		if err != nil {
			t.Errorf("%s: %v", u.Path, err)
		}
		if !strings.HasPrefix(u.Path, prefix) {
			t.Errorf("the CMS stored %s outside %s", u.Path, prefix)
		}
		if ref := "/media/" + strings.TrimPrefix(u.Path, content.MediaDir+"/"); !strings.Contains(article.Text, ref) {
			t.Errorf("the article does not refer to %s as %s", u.Path, ref)
		}
		if !slices.ContainsFunc(c.uploads, func(name string) bool { return bytes.Equal(media[name], data) }) {
			t.Errorf("%s does not hold the bytes of a chosen file (%d bytes: %.40q)", u.Path, len(data), u.B64)
		}
		site[u.Path] = data
	}
	if c.check != nil {
		c.check(t, a)
	}
	site[article.Path] = []byte(article.Text)

	// A rule the form cannot express is caught by the check: the asker is a name or initials.
	if c.kind == config.KindQA {
		bad := strings.Replace(article.Text, "asker: Ông Đ.V.H.", "asker: Ông Đỗ Văn H., 0905 123 456, Quy Nhơn", 1)
		b, probs := content.ParseArticle(article.Path, cat, []byte(bad))
		if b != nil {
			probs = append(probs, (&content.Checker{Cfg: cfg, Now: time.Now()}).Article(b)...)
		}
		line := a.At("asker").Line
		if bad == article.Text || !slices.ContainsFunc(probs, func(p diag.Problem) bool { return p.Line == line && p.Severity == diag.Error }) {
			t.Errorf("an asker with a phone number passes the check: %v", probs)
		}
	}
}

// editExisting puts an article of the site into the in-memory backend as if it were on the
// publishing branch, opens it in the CMS, adds a sentence to one field and saves.
func editExisting(t *testing.T, ctx context.Context, cfg *config.Config, root, cat string) {
	files, _ := filepath.Glob(filepath.Join(root, content.Dir, cat, "*", "*.md"))
	var rel string
	var orig *content.Article
	for _, f := range files {
		r, _ := filepath.Rel(root, f)
		r = filepath.ToSlash(r)
		a, probs := content.ParseArticle(r, cat, mustRead(t, f))
		if a != nil && probs.Errors() == 0 && (&content.Checker{Cfg: cfg, Now: time.Now()}).Article(a).Errors() == 0 && !a.Draft {
			rel, orig = r, a
			break
		}
	}
	if orig == nil {
		t.Fatalf("no article of %s in the sample site passes the checks: the edit test needs one", cat)
	}
	field, added := "summary", " Đã được Tổ Thư ký biên tập."
	if orig.Question != "" {
		field = "question"
	}
	slug := strings.TrimSuffix(strings.TrimPrefix(rel, content.Dir+"/"+cat+"/"), ".md")
	preload := `(() => {
		const parts = ` + jsString(rel) + `.split('/');
		let node = window.repoFiles;
		for (const p of parts.slice(0, -1)) node = node[p] = node[p] || {};
		node[parts[parts.length - 1]] = {content: ` + jsString(string(mustRead(t, filepath.Join(root, filepath.FromSlash(rel))))) + `, path: ` + jsString(rel) + `};
		return true;
	})()`
	var e cmsEntry
	err := chromedp.Run(ctx,
		// From the category's list, as a person goes: moving straight from one article's
		// editor to another's leaves Decap with an empty form.
		chromedp.Evaluate(`location.hash = '#/collections/`+cat+`'`, nil),
		chromedp.Sleep(time.Second),
		chromedp.Evaluate(preload, nil),
		chromedp.Evaluate(`location.hash = '#/collections/`+cat+`/entries/`+slug+`'`, nil),
		chromedp.Poll(`!!document.querySelector('[id^="title-field-"]') && document.querySelector('[id^="title-field-"]').value !== ''`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(cmsHelpers, nil),
		chromedp.Evaluate(`{ T.focus(`+jsString(field)+`); const e = T.el(`+jsString(field)+`); e.setSelectionRange(e.value.length, e.value.length); true }`, nil),
		chromedp.KeyEvent(added),
		chromedp.Evaluate(`T.button('Lưu')`, nil),
		chromedp.Poll(`Object.values(Object.assign({}, window.repoFilesUnpublished)).some(e => e.slug === `+jsString(slug)+`)`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(`T.entry(`+jsString(cat)+`, `+jsString(slug)+`)`, &e, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		var text string
		chromedp.Run(ctx, chromedp.Evaluate(`location.hash + "\n" + document.body.innerText.slice(0, 600)`, &text))
		t.Fatalf("editing %s: %v\n%s", rel, err, text)
	}
	if len(e.Diffs) != 1 || e.Diffs[0].Path != rel {
		t.Fatalf("the edit saved %+v, want %s alone", e.Diffs, rel)
	}
	t.Logf("%s as the CMS saves it:\n%s", rel, e.Diffs[0].Text)
	a, problems := content.ParseArticle(rel, cat, []byte(e.Diffs[0].Text))
	if a == nil {
		t.Fatalf("cannot read the edit: %v", problems)
	}
	problems = append(problems, (&content.Checker{Cfg: cfg, Now: time.Now()}).Article(a)...)
	for _, p := range problems {
		t.Errorf("bbtgen check: %s", p)
	}
	want := orig.FrontMatter
	switch field {
	case "question":
		want.Question += added
	default:
		want.Summary += added
	}
	if !reflect.DeepEqual(a.FrontMatter, want) {
		t.Errorf("the edit changed more than the %s:\n got %+v\nwant %+v", field, a.FrontMatter, want)
	}
	if strings.TrimSpace(string(a.Body)) != strings.TrimSpace(string(orig.Body)) {
		t.Errorf("the edit changed the text:\n%s\n---\n%s", a.Body, orig.Body)
	}
	if a.ID != orig.ID || a.Slug != orig.Slug {
		t.Errorf("the edit changed id %q → %q or slug %q → %q", orig.ID, a.ID, orig.Slug, a.Slug)
	}
}

// measureCMSLoad loads /quan-tri/ as a first-time visitor (empty cache, the production
// configuration with its GitHub backend) through a gzip server, and then the form for a new
// article (test-repo backend, the bundle not in the cache), on loopback and on a slow line.
func measureCMSLoad(t *testing.T, ctx context.Context, srv *gzipServer, cfg *config.Config) {
	var encoded float64
	var mu sync.Mutex
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventLoadingFinished); ok {
			mu.Lock()
			encoded += e.EncodedDataLength
			mu.Unlock()
		}
	})
	var loginAt float64
	srv.reset()
	err := chromedp.Run(ctx, network.Enable(), network.SetCacheDisabled(true),
		chromedp.Navigate(srv.URL+"/"+cms.Dir+"/"),
		chromedp.Poll(`(() => { const b = [...document.querySelectorAll('button')].find(b => b.textContent.includes('GitHub')); return b ? performance.now() : 0; })()`, &loginAt,
			chromedp.WithPollingTimeout(60*time.Second)),
	)
	if err != nil {
		t.Fatalf("first load of /%s/: %v", cms.Dir, err)
	}
	mu.Lock()
	wire := encoded
	mu.Unlock()
	body, files := srv.sent()
	t.Logf("first load of /%s/ (GitHub backend, empty cache): %d bytes of gzip bodies from the server, %.0f bytes over the wire with headers; files %s; sign-in button after %.0f ms",
		cms.Dir, body, wire, files, loginAt)
	if body > 2_000_000 {
		t.Errorf("the first load of /%s/ sends %d bytes (budget 2 MB gzip)", cms.Dir, body)
	}

	cat := firstOfKind(cfg, config.KindNews)
	form := func(label string) {
		var at float64
		srv.reset()
		err := chromedp.Run(ctx, network.SetCacheDisabled(true),
			chromedp.Navigate("about:blank"), // a new document, not a move within the CMS's page
			chromedp.Navigate(srv.URL+"/"+cms.Dir+"/?backend=test-repo#/collections/"+cat+"/new"),
			chromedp.Poll(`document.querySelector('[id^="title-field-"]') ? performance.now() : 0`, &at, chromedp.WithPollingTimeout(120*time.Second)),
		)
		if err != nil {
			t.Errorf("opening the form (%s): %v", label, err)
			return
		}
		body, files := srv.sent()
		t.Logf("the form for a new article opens %.0f ms after navigation (%s, empty cache; %d bytes: %s)", at, label, body, files)
	}
	// Sign in once (the test backend remembers the user), then open the form from nothing.
	signInTestRepo(t, ctx, srv.URL)
	form("loopback")
	// A slow line, shaped by the server (this Chromium ignores the old emulation command):
	// 1.6 Mbit/s shared by all requests, 150 ms before each answer ("Fast 3G"), then 10 Mbit/s.
	srv.shape(150*time.Millisecond, 1.6e6/8)
	form("1.6 Mbit/s, 150 ms")
	srv.shape(40*time.Millisecond, 10e6/8)
	form("10 Mbit/s, 40 ms")
	srv.shape(0, 0)
	if err := chromedp.Run(ctx, network.SetCacheDisabled(false)); err != nil {
		t.Fatal(err)
	}
}

// signInTestRepo opens the CMS on its in-memory backend and signs in, unless the browser
// already is.
func signInTestRepo(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/"+cms.Dir+"/?backend=test-repo"),
		chromedp.Poll(`location.hash.startsWith('#/collections/') || [...document.querySelectorAll('button')].some(b => b.textContent.trim() === 'Đăng nhập')`,
			nil, chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.Evaluate(`{ const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Đăng nhập'); if (b) b.click(); true }`, nil),
		chromedp.Poll(`location.hash.startsWith('#/collections/')`, nil, chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		t.Fatalf("signing in to the test backend: %v", err)
	}
}

// gzipServer serves a built site as GitHub Pages does, compressing text with gzip, and counts
// the bytes of the bodies it sends.
type gzipServer struct {
	*httptest.Server
	mu    sync.Mutex
	bytes int
	files []string
	// A line to share: a wait before each answer and a rate in bytes per second (0: none).
	latency  time.Duration
	rate     float64
	linkFree time.Time
}

// shape makes the server answer as over a line of the given latency and rate.
func (s *gzipServer) shape(latency time.Duration, rate float64) {
	s.mu.Lock()
	s.latency, s.rate = latency, rate
	s.mu.Unlock()
}

// write sends data as the line allows: chunks take their turn on the shared link.
func (s *gzipServer) write(w http.ResponseWriter, data []byte) {
	s.mu.Lock()
	latency, rate := s.latency, s.rate
	s.mu.Unlock()
	time.Sleep(latency)
	for len(data) > 0 {
		n := min(len(data), 16<<10)
		if rate > 0 {
			s.mu.Lock()
			start := time.Now()
			if s.linkFree.After(start) {
				start = s.linkFree
			}
			s.linkFree = start.Add(time.Duration(float64(n) / rate * float64(time.Second)))
			until := s.linkFree
			s.mu.Unlock()
			time.Sleep(time.Until(until))
		}
		if _, err := w.Write(data[:n]); err != nil {
			return
		}
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		data = data[n:]
	}
}

func newGzipServer(t *testing.T, dir string) *gzipServer {
	s := &gzipServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel := path.Clean("/" + r.URL.Path)
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			p = filepath.Join(p, "index.html")
		}
		data, err := os.ReadFile(p)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		ctype := mime.TypeByExtension(filepath.Ext(p))
		if ctype == "" {
			ctype = http.DetectContentType(data)
		}
		if strings.HasSuffix(p, ".yml") {
			ctype = "text/yaml; charset=utf-8"
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "max-age=600")
		compressible := strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") || strings.Contains(ctype, "json")
		if compressible && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
			zw.Write(data)
			zw.Close()
			data = b.Bytes()
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Vary", "Accept-Encoding")
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		s.mu.Lock()
		s.bytes += len(data)
		s.files = append(s.files, fmt.Sprintf("%s (%d)", rel, len(data)))
		s.mu.Unlock()
		s.write(w, data)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *gzipServer) reset() {
	s.mu.Lock()
	s.bytes, s.files = 0, nil
	s.mu.Unlock()
}

func (s *gzipServer) sent() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bytes, strings.Join(s.files, ", ")
}

func firstOfKind(cfg *config.Config, k config.CategoryKind) string {
	for _, c := range cfg.Categories {
		if c.Kind == k {
			return c.Folder
		}
	}
	return ""
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func testJPEG(t *testing.T, seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	for x := range 16 {
		for y := range 12 {
			img.Set(x, y, color.RGBA{uint8(x * 15), uint8(y * 20), uint8(seed * 60), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mustRead(t *testing.T, p string) []byte {
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
