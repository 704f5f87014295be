package policy

import (
	"strings"
	"testing"
)

// The gate's side of issue 10: a pull request with the approvals a hostile contributor can
// gather must not be mergeable when it publishes outside what those approvers own.
func TestGateAttacks(t *testing.T) {
	p := samplePolicy(t)
	const body = "---\ntitle: \"Tin\"\ndate: 2026-11-20T09:00:00+07:00\nauthors: [pthanh]\nunit: phong-cchc\nsummary: \"Tóm tắt.\"\n%s---\nNội dung.\n"
	with := func(path, text string, files ...File) *Snapshot {
		s := snap(append([]File{file(path)}, files...), approve(vu, sha, 1), approve(trung, sha, 2), approve(dinh, sha, 3))
		s.Articles[path] = []byte(text)
		return s
	}
	tests := []struct {
		name string
		snap *Snapshot
		want string // a reason's message starts with or contains this
	}{
		{"a deputy's article closed by '--- '", with(cchc, strings.Replace(body, "%s", "--- \n", 1)),
			`the line "--- " closes the front matter but is not exactly "---"`},
		{"an alias key moves the url", with(cchc, strings.Replace(body, "%s", "x: &u url\n*u : /gioi-thieu/\n", 1)),
			`the anchor &u is not allowed in front matter`},
		{"a binary slug", with(cchc, strings.Replace(body, "%s", "slug: !!binary Lg==\n", 1)),
			`the explicit tag !!binary is not allowed in front matter`},
		{"the home page made a leaf bundle", with("content/index.md", "---\ntitle: x\n---\n"),
			`index.md makes its folder a Hugo page bundle`},
		{"a page over a category page", with("content/cai-cach-hanh-chinh.md", "---\ntitle: x\n---\n"),
			`cai-cach-hanh-chinh.md would be published over the page of the folder content/cai-cach-hanh-chinh/`},
		{"the home text by language suffix", with("content/_index.vi.md", "---\ntitle: x\n---\n"),
			`file name "_index.vi.md" has a suffix Hugo reads as a language`},
		{"a static page over the Head's page", with("static/gioi-thieu/index.html", ""),
			`static files of type ".html" are not published`},
		{"a category's own page with a non-exact fence", with("content/cai-cach-hanh-chinh/_index.md", "---\ntitle: x\n---\t\n{{< x >}}\n"),
			`the line "---\t" closes the front matter but is not exactly "---"`},
		{"HTML content in a category", with("content/cai-cach-hanh-chinh/2026/x.html", "<script>"),
			`"x.html" is not a Markdown file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Evaluate(p, tt.snap)
			if d.Mergeable {
				t.Fatalf("mergeable with %+v", tt.snap.Reviews)
			}
			for _, r := range d.Reasons {
				if strings.Contains(r.Message, tt.want) {
					return
				}
			}
			t.Fatalf("no reason containing %q: %+v", tt.want, d.Reasons)
		})
	}
}

// Files outside the categories need the Head: the deputies' and the technical member's
// approvals are not enough.
func TestGovernanceOwnsWhatIsPublished(t *testing.T) {
	p := samplePolicy(t)
	for _, f := range []string{".gitattributes", "content/tin-hoat-dong/.gitattributes", ".gitmodules", "content/index.md", "content/_index.vi.md", "content/cai-cach-hanh-chinh.md", "static/gioi-thieu/index.html", "static/robots.txt"} {
		s := snap([]File{file(f)}, approve(vu, sha, 1), approve(trung, sha, 2), approve(dinh, sha, 3))
		s.Articles[f] = []byte("---\ntitle: x\n---\n")
		d := Evaluate(p, s)
		found := false
		for _, r := range d.Reasons {
			found = found || r.Rule == RuleApproval && r.Area == "governance" && len(r.Unblock) == 1 && r.Unblock[0] == head
		}
		if d.Mergeable || !found {
			t.Errorf("%s: want governance approval by %s only, got %+v", f, head, d.Reasons)
		}
	}
}

func TestBaseBranch(t *testing.T) {
	p := samplePolicy(t)
	s := snap([]File{file(cchc)}, approve(vu, sha, 1), approve(trung, sha, 2))
	s.BaseRef = "nhanh-thu"
	d := Evaluate(p, s)
	if d.Mergeable || len(d.Reasons) != 1 || d.Reasons[0].Rule != RuleBaseBranch ||
		d.Reasons[0].Message != `the pull request would merge into "nhanh-thu", not into the publishing branch "main"; change its base branch` {
		t.Fatalf("reasons: %+v", d.Reasons)
	}
}

// The two-person rule: whoever wrote or pushed part of the head cannot be the one who
// approves or verifies it, unless someone else of the board approved their commit since.
func TestTwoPersonRule(t *testing.T) {
	p := samplePolicy(t)
	commits := func(cs ...Commit) []Commit { return cs }
	tests := []struct {
		name      string
		commits   []Commit
		reviews   []Review
		mergeable bool
		want      string
	}{
		{"the approver pushed the last commit", commits(Commit{oldSHA, author, author}, Commit{sha, vu, vu}),
			[]Review{approve(vu, sha, 1), approve(trung, sha, 2)}, false,
			"@ntvu-snv approved, but also wrote or pushed commits of this pull request that nobody else has approved"},
		{"the approver committed someone's text", commits(Commit{sha, author, vu}),
			[]Review{approve(vu, sha, 1), approve(trung, sha, 2)}, false, "two-person rule"},
		{"the verifier edited (biên tập) and verified", commits(Commit{oldSHA, author, author}, Commit{sha, trung, trung}),
			[]Review{approve(vu, sha, 1), approve(trung, sha, 2)}, false, "needs verification"},
		{"another verifier verifies the edit", commits(Commit{oldSHA, author, author}, Commit{sha, trung, trung}),
			[]Review{approve(vu, sha, 1), approve(trung, sha, 2), approve(dinh, sha, 3)}, true, ""},
		{"the approver's commit was approved by another since", commits(Commit{oldSHA, vu, vu}, Commit{sha, author, author}),
			[]Review{approve(head, oldSHA, 1), approve(vu, sha, 2), approve(trung, sha, 3)}, true, ""},
		{"the author's own approval never covers", commits(Commit{oldSHA, vu, vu}, Commit{sha, author, author}),
			[]Review{approve(author, sha, 1), approve(vu, sha, 2), approve(trung, sha, 3)}, false, "two-person rule"},
		{"commits of people without an account", commits(Commit{sha, "", ""}),
			[]Review{approve(vu, sha, 1), approve(trung, sha, 2)}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := snap([]File{file(cchc)}, tt.reviews...)
			s.Commits = tt.commits
			d := Evaluate(p, s)
			if d.Mergeable != tt.mergeable {
				t.Fatalf("mergeable = %v: %+v", d.Mergeable, d.Reasons)
			}
			if tt.want == "" {
				return
			}
			for _, r := range d.Reasons {
				if strings.Contains(r.Message, tt.want) {
					return
				}
			}
			t.Fatalf("no reason containing %q: %+v", tt.want, d.Reasons)
		})
	}
}

func TestPublish(t *testing.T) {
	now := t0
	due := "publish_at: 2026-11-24T10:00:00+07:00\n" // 03:00 UTC, before t0 (09:00 UTC)
	later := "publish_at: 2026-11-25T08:00:00+07:00\n"
	for _, tt := range []struct {
		name    string
		mode    string
		labels  []string
		extra   string
		reviews []Review
		want    string
	}{
		{"approved: merged", "auto", nil, "", []Review{approve(vu, sha, 1), approve(trung, sha, 2)}, ""},
		{"not approved", "auto", nil, "", nil, WhyNotMergeable},
		{"manual", "manual", nil, "", []Review{approve(vu, sha, 1), approve(trung, sha, 2)}, WhyManual},
		{"held", "auto", []string{"Giu-Lai"}, "", []Review{approve(vu, sha, 1), approve(trung, sha, 2)}, WhyHeld},
		{"scheduled", "auto", nil, later, []Review{approve(vu, sha, 1), approve(trung, sha, 2)}, WhyScheduled},
		{"due", "auto", nil, due, []Review{approve(vu, sha, 1), approve(trung, sha, 2)}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := samplePolicy(t)
			p.cfg.Review.Publish = tt.mode
			s := snap([]File{file(cchc)}, tt.reviews...)
			s.Articles[cchc] = art(tt.extra)
			d := Evaluate(p, s)
			pub := Publish(p, d, s, tt.labels, now)
			if pub.Why != tt.want || pub.Merge != (tt.want == "") {
				t.Fatalf("publish = %+v, want %q (reasons %+v)", pub, tt.want, d.Reasons)
			}
		})
	}
}
