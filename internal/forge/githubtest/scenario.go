package githubtest

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Scenario is a fake GitHub's data as a test writes it, in YAML: the files at each commit, the
// pull requests with their files, reviews, commits and timeline, and the requests that fail.
// The command-line scripts carry one as a section of their txtar archive, so a scenario reads
// next to the commands that use it:
//
//	files:
//	  - {ref: ba5e…, path: config.yaml, from: config.yaml}   # a file of the script's folder
//	  - {ref: 4ead…, path: content/x.md, text: "---\ntitle: …"}
//	  - {ref: 4ead…, path: content/y.md, symlink: ../z.md}
//	prs:
//	  - number: 12
//	    title: Tin một cửa
//	    user: pthanh-snv
//	    base: ba5e…
//	    head: 4ead…
//	    files: [{filename: content/x.md, status: added}]
//	    reviews: [{user: ntvu-snv, state: APPROVED, commit: 4ead…, at: 2026-11-24T03:00:00Z}]
//	failures:
//	  - {method: GET, path: /repos/sonoivu/website/pulls/14/reviews, times: 1000, status: 500}
type Scenario struct {
	Files []struct {
		Ref     string `yaml:"ref"`
		Path    string `yaml:"path"`
		Text    string `yaml:"text"`
		From    string `yaml:"from"`
		Symlink string `yaml:"symlink"`
	} `yaml:"files"`
	PRs      []*PR `yaml:"prs"`
	Failures []struct {
		Method string `yaml:"method"`
		Path   string `yaml:"path"`
		Times  int    `yaml:"times"`
		Status int    `yaml:"status"`
	} `yaml:"failures"`
}

// Load adds a scenario to the server. readFile reads the files named by "from".
func (s *Server) Load(data []byte, readFile func(name string) ([]byte, error)) error {
	var sc Scenario
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&sc); err != nil {
		return fmt.Errorf("scenario: %w", err)
	}
	for _, f := range sc.Files {
		switch {
		case f.Symlink != "":
			s.SetSymlink(f.Ref, f.Path, f.Symlink)
		case f.From != "":
			data, err := readFile(f.From)
			if err != nil {
				return fmt.Errorf("scenario: file %s: %w", f.Path, err)
			}
			s.SetFile(f.Ref, f.Path, data)
		default:
			s.SetFile(f.Ref, f.Path, []byte(f.Text))
		}
	}
	for _, pr := range sc.PRs {
		s.AddPR(pr)
	}
	for _, f := range sc.Failures {
		s.Fail(f.Method, f.Path, f.Times, f.Status, nil, "")
	}
	return nil
}
