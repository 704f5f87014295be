// Command fakegithub serves the in-memory GitHub of the tests on loopback, with one pull
// request (#12) that the sample policy finds mergeable: an article of Cải cách hành chính,
// approved by its deputy and verified by the secretariat on its head commit. bench/gate.sh
// times one gate decision against it. It prints the API root on the first line of stdout and
// serves until its standard input closes.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge/githubtest"
)

func main() {
	cfgPath := flag.String("config", "config.yaml", "the config.yaml to serve at the base commit")
	flag.Parse()
	cfg, err := os.ReadFile(*cfgPath)
	if err != nil {
		log.Fatal(err)
	}
	s := githubtest.New("sonoivu", "website")
	defer s.Close()
	const base, head = "ba5e000000000000000000000000000000000001", "4ead000000000000000000000000000000000001"
	const path = "content/cai-cach-hanh-chinh/2026/mot-cua.md"
	s.SetFile(base, "config.yaml", cfg)
	s.SetFile(head, path, []byte("---\ntitle: \"Một cửa điện tử\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [pthanh]\nunit: phong-cchc\nsummary: \"Tóm tắt.\"\n---\nNội dung.\n"))
	t0 := time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)
	s.AddPR(&githubtest.PR{Number: 12, Title: "Tin một cửa", User: "pthanh-snv", BaseSHA: base, HeadSHA: head,
		Files: []githubtest.File{{Filename: path, Status: "added"}},
		Reviews: []githubtest.Review{
			{User: "ntvu-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(time.Hour)},
			{User: "lhtrung-snv", State: "APPROVED", CommitID: head, SubmittedAt: t0.Add(2 * time.Hour)},
		}})
	fmt.Println(s.APIURL())
	_, _ = io.Copy(io.Discard, os.Stdin)
}
