// Command gensite writes a synthetic site of N Vietnamese articles spread over the categories
// of the repository's config.yaml, with the repository's layouts, for the benchmarks in
// bench/. With -hugo it also writes hugo.json and hugo-generated/, the Hugo settings and the
// generated pages of bbtgen build (site.WriteProgramConfig), so that the hugo program builds
// the same site, page for page, from the same folder. -hugo-only rewrites them for an existing
// site, after its layouts or its config.yaml changed.
//
//	go run ./bench/gensite -n 10000 -out /tmp/site10k -hugo
//	go run ./bench/gensite -out /tmp/site10k -hugo-only
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/site"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "", "output folder (must not exist)")
	repo := flag.String("repo", ".", "the bbtgen repository (for config.yaml, layouts, assets and text)")
	hugo := flag.Bool("hugo", false, "also write hugo.json and hugo-generated/ for the hugo program")
	hugoOnly := flag.Bool("hugo-only", false, "only rewrite hugo.json and hugo-generated/ of the existing site -out")
	flag.Parse()
	if *out == "" {
		log.Fatal("-out is required")
	}
	var err error
	if *hugoOnly {
		err = writeHugo(*out)
	} else {
		err = generate(*repo, *out, *n, *hugo)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// writeHugo checks the site in dir as bbtgen build does and writes the hugo program's settings
// and generated pages for it: the pages hugo renders are then the pages bbtgen build renders.
func writeHugo(dir string) error {
	now := time.Now()
	s, err := sitecheck.Check(dir, now)
	if err != nil {
		return err
	}
	if s.Problems.Errors() > 0 {
		return fmt.Errorf("%s does not pass bbtgen check: %w", dir, s.Problems.Err())
	}
	return site.WriteProgramConfig(dir, s.Cfg, s.Content, now)
}

var words = strings.Fields("cải cách hành chính công chức viên chức tuyển dụng đào tạo bồi dưỡng thi đua khen thưởng tôn giáo văn thư lưu trữ chính quyền cơ sở thanh niên biên chế vị trí việc làm một cửa điện tử số hóa hồ sơ kiểm tra giám sát hội nghị sơ kết tổng kết triển khai kế hoạch nhiệm vụ năm 2026 tỉnh Bình Định Sở Nội vụ đánh giá mức độ hài lòng người dân tổ chức quy chế dân chủ địa giới đơn vị")

func generate(repo, out string, n int, hugo bool) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists", out)
	}
	cfgText, err := os.ReadFile(filepath.Join(repo, config.FileName))
	if err != nil {
		return err
	}
	// The synthetic site has no board notice.
	cfgText = regexp.MustCompile(`(?m)^  notice: .*\n`).ReplaceAll(cfgText, nil)
	cfg, problems := config.Parse(cfgText, config.FileName)
	if problems.Errors() > 0 {
		return problems.Err()
	}
	for _, dir := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(out, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(out, config.FileName), cfgText, 0o644); err != nil {
		return err
	}
	paragraphs, err := corpus(repo)
	if err != nil {
		return err
	}
	write := func(rel string, data []byte) error {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	if err := write("content/_index.md", []byte("---\ntitle: \"Trang chủ\"\n---\n")); err != nil {
		return err
	}
	if err := write("content/tim-kiem.md", []byte("---\ntitle: \"Tìm kiếm\"\nlayout: search\n---\n")); err != nil {
		return err
	}
	// One shared photo for every gallery, one PDF per year for every legal document.
	var jpg bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for y := range 800 {
		for x := range 1200 {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 4), 140, 255})
		}
	}
	if err := jpeg.Encode(&jpg, img, &jpeg.Options{Quality: 70}); err != nil {
		return err
	}
	if err := write("static/media/hinh-anh/anh-chung.jpg", jpg.Bytes()); err != nil {
		return err
	}
	// One PDF for every document of a kind that needs one (legal, consultation, disclosure).
	for _, cat := range cfg.Categories {
		switch cat.Kind {
		case config.KindLegal, config.KindConsultation, config.KindDisclosure:
			if err := write("static/media/"+cat.Folder+"/van-ban.pdf", []byte("%PDF-1.4\n%%EOF\n")); err != nil {
				return err
			}
		}
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	loc := time.FixedZone("+07:00", 7*3600)
	start := time.Date(2025, 1, 1, 8, 0, 0, 0, loc)
	seen := map[string]bool{}
	for i := range n {
		cat := cfg.Categories[i%len(cfg.Categories)]
		var tw []string
		for range 6 + rng.IntN(8) {
			tw = append(tw, words[rng.IntN(len(words))])
		}
		title := strings.ToUpper(tw[0][:1]) + strings.Join(tw, " ")[1:]
		slug := vntext.Slug(title)
		for seen[cat.Folder+slug] {
			slug += "-" + fmt.Sprint(rng.IntN(1000))
		}
		seen[cat.Folder+slug] = true
		date := start.Add(time.Duration(rng.IntN(690*24)) * time.Hour)
		a := cfg.Authors[rng.IntN(len(cfg.Authors))]
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\nauthors: [%s]\nunit: %s\nslug: %s\nsummary: %q\ntags: [%q]\n",
			title, date.Format(time.RFC3339), a.ID, a.Unit, slug, paragraphs[rng.IntN(len(paragraphs))][:min(200, len(paragraphs[0]))], words[rng.IntN(len(words))])
		switch cat.Kind {
		case config.KindLegal:
			fmt.Fprintf(&b, "number: \"%d/QĐ-SNV\"\ndoc_type: \"Quyết định\"\nissuer: \"Sở Nội vụ tỉnh Bình Định\"\nissued: %s\neffective: %s\nattachment: /media/van-ban/van-ban.pdf\n",
				i+1, date.Format(time.DateOnly), date.Format(time.DateOnly))
		case config.KindQA, config.KindReply:
			fmt.Fprintf(&b, "question: %q\nasker: \"Ông N.V.A.\"\nanswer_unit: %s\nanswered: %s\n", title+"?", a.Unit, date.Format(time.DateOnly))
		case config.KindGallery:
			b.WriteString("credit: \"Ảnh: Văn phòng Sở\"\nimages:\n  - {src: /media/hinh-anh/anh-chung.jpg, caption: \"Quang cảnh\"}\n")
		case config.KindProcedure:
			code := fmt.Sprintf("1.%06d", i)
			fmt.Fprintf(&b, "code: %q\nlevel: mot-phan\nportal: \"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=%s\"\nfee: \"Không thu phí\"\nduration: \"15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ\"\n", code, code)
		case config.KindConsultation:
			fmt.Fprintf(&b, "attachment: /media/%s/van-ban.pdf\nopens: %s\ncloses: %s\nhow_to_comment: \"Góp ý gửi Sở Nội vụ qua thư điện tử.\"\n",
				cat.Folder, date.Format(time.DateOnly), date.AddDate(0, 0, 14).Format(time.DateOnly))
		case config.KindDisclosure:
			fmt.Fprintf(&b, "year: %d\ndisclosure_type: du-toan\nattachment: /media/%s/van-ban.pdf\n", date.Year(), cat.Folder)
		}
		b.WriteString("---\n")
		for range 3 + rng.IntN(4) {
			b.WriteString(paragraphs[rng.IntN(len(paragraphs))] + "\n\n")
		}
		rel := fmt.Sprintf("content/%s/%d/%s.md", cat.Folder, date.Year(), slug)
		if err := write(rel, []byte(b.String())); err != nil {
			return err
		}
	}
	if hugo {
		return writeHugo(out)
	}
	return nil
}

// corpus collects the paragraphs of the sample articles as text for the synthetic ones.
func corpus(repo string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(filepath.Join(repo, content.Dir), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, _ := content.Split(p, data)
		if doc == nil {
			return nil
		}
		for _, para := range strings.Split(string(doc.Body), "\n\n") {
			if para = strings.TrimSpace(para); len(para) > 200 && !strings.HasPrefix(para, "#") && !strings.Contains(para, "](") {
				out = append(out, para)
			}
		}
		return nil
	})
	if len(out) == 0 && err == nil {
		err = fmt.Errorf("no paragraphs found under %s", filepath.Join(repo, content.Dir))
	}
	return out, err
}
