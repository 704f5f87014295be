// Command genhistory writes a git fast-import stream: a publishing branch of -commits commits
// over two years that publish -articles articles (and revise some), with the repository's
// config.yaml, for bench/history.sh.
//
//	go run ./bench/genhistory -commits 5000 -articles 10000 | git fast-import
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
)

func main() {
	commits := flag.Int("commits", 5000, "number of commits")
	articles := flag.Int("articles", 10000, "number of articles published")
	repo := flag.String("repo", ".", "the bbtgen repository (for config.yaml)")
	flag.Parse()
	cfgText, err := os.ReadFile(*repo + "/" + config.FileName)
	if err != nil {
		log.Fatal(err)
	}
	cfg, problems := config.Parse(cfgText, config.FileName)
	if problems.Errors() > 0 {
		log.Fatal(problems.Err())
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	rng := rand.New(rand.NewPCG(5000, 10000))
	loc := time.FixedZone("+07:00", 7*3600)
	start := time.Date(2025, 1, 2, 8, 0, 0, 0, loc)
	span := time.Date(2026, 11, 20, 17, 0, 0, 0, loc).Sub(start)
	blob := func(data string) {
		fmt.Fprintf(w, "data %d\n%s\n", len(data), data)
	}
	published := 0
	var paths []string
	for c := 0; c < *commits; c++ {
		when := start.Add(time.Duration(float64(span) * float64(c) / float64(*commits)))
		fmt.Fprintf(w, "commit refs/heads/main\ncommitter GitHub <noreply@github.com> %d +0700\n", when.Unix())
		msg := fmt.Sprintf("Xuất bản %d", c+1)
		blob(msg)
		if c == 0 { // later commits continue the branch by themselves
			fmt.Fprintf(w, "M 100644 inline config.yaml\n")
			blob(string(cfgText))
		}
		// Spread the publications evenly over the commits; one commit in four also revises an
		// older article.
		target := (*articles) * (c + 1) / (*commits)
		for ; published < target; published++ {
			cat := cfg.Categories[published%len(cfg.Categories)]
			a := cfg.Authors[rng.IntN(len(cfg.Authors))]
			p := fmt.Sprintf("content/%s/%d/bai-%05d.md", cat.Folder, when.Year(), published)
			paths = append(paths, p)
			fmt.Fprintf(w, "M 100644 inline %s\n", p)
			blob(article(published, a.ID, a.Unit, when, cat.Kind, 0))
		}
		if c%4 == 3 && len(paths) > 10 {
			i := rng.IntN(len(paths))
			a := cfg.Authors[rng.IntN(len(cfg.Authors))]
			fmt.Fprintf(w, "M 100644 inline %s\n", paths[i])
			blob(article(i, a.ID, a.Unit, when, cfg.Categories[i%len(cfg.Categories)].Kind, c))
		}
		w.WriteString("\n")
	}
}

func article(i int, author, unit string, when time.Time, kind config.CategoryKind, rev int) string {
	extra := ""
	switch kind {
	case config.KindLegal:
		extra = fmt.Sprintf("number: \"%d/QĐ-SNV\"\ndoc_type: \"Quyết định\"\nissuer: \"Sở Nội vụ\"\nissued: %s\neffective: %s\nattachment: /media/van-ban/x.pdf\n", i+1, when.Format(time.DateOnly), when.Format(time.DateOnly))
	case config.KindQA, config.KindReply:
		extra = fmt.Sprintf("question: \"Hỏi %d?\"\nasker: \"Ông N.V.A.\"\nanswer_unit: %s\nanswered: %s\n", i, unit, when.Format(time.DateOnly))
	case config.KindGallery:
		extra = "credit: \"Ảnh: Văn phòng Sở\"\nimages:\n  - {src: /media/hinh-anh/a.jpg, caption: \"Ảnh 1\"}\n  - {src: /media/hinh-anh/b.jpg, caption: \"Ảnh 2\"}\n"
	}
	return fmt.Sprintf("---\ntitle: \"Tin số %d về cải cách hành chính\"\ndate: %s\nauthors: [%s]\nunit: %s\nsummary: \"Tóm tắt tin số %d.\"\n%s---\nNội dung tin số %d, lần sửa %d.\n",
		i, when.Format(time.RFC3339), author, unit, i, extra, i, rev)
}
