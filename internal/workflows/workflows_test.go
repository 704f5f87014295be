package workflows

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"
)

// workflowsDir is the repository's workflow directory, relative to this package.
const workflowsDir = "../../.github/workflows"

const (
	publishingBranch = "main"
	baseSHA          = "${{ github.event.pull_request.base.sha }}"
	headSHA          = "${{ github.event.pull_request.head.sha }}"
	reviewBinary     = "./cmd/bbtgen-review"
)

// workflow is the part of a workflow file these checks read.
type workflow struct {
	file  string    // base name, for messages
	path  string    // path relative to this package
	src   []byte    // the file as it is
	root  yaml.Node // the whole document, comments included
	on    yaml.Node
	perms permissions
	jobs  map[string]*job
}

type job struct {
	Name        string            `yaml:"name"`
	If          string            `yaml:"if"`
	Needs       stringList        `yaml:"needs"`
	Permissions permissions       `yaml:"permissions"`
	Uses        string            `yaml:"uses"` // a reusable workflow
	Env         map[string]string `yaml:"env"`
	Steps       []step            `yaml:"steps"`
	Concurrency struct {
		Group            string `yaml:"group"`
		CancelInProgress bool   `yaml:"cancel-in-progress"`
	} `yaml:"concurrency"`
	line int
}

func (j *job) UnmarshalYAML(n *yaml.Node) error {
	type plain job
	if err := n.Decode((*plain)(j)); err != nil {
		return err
	}
	j.line = n.Line
	return nil
}

type step struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Run              string            `yaml:"run"`
	WorkingDirectory string            `yaml:"working-directory"`
	With             map[string]string `yaml:"with"`
	Env              map[string]string `yaml:"env"`
	line             int
}

func (s *step) UnmarshalYAML(n *yaml.Node) error {
	type plain step
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.line = n.Line
	return nil
}

// label names a step in messages: its name, id, action or first line of script.
func (s step) label() string {
	switch {
	case s.Name != "":
		return fmt.Sprintf("step %q (line %d)", s.Name, s.line)
	case s.ID != "":
		return fmt.Sprintf("step id %q (line %d)", s.ID, s.line)
	case s.Uses != "":
		return fmt.Sprintf("step %s (line %d)", s.Uses, s.line)
	default:
		first, _, _ := strings.Cut(strings.TrimSpace(s.Run), "\n")
		return fmt.Sprintf("step `%s` (line %d)", first, s.line)
	}
}

// action is the action a step uses without its ref ("actions/checkout"), or "".
func (s step) action() string {
	name, _, _ := strings.Cut(s.Uses, "@")
	return name
}

// stringList is a YAML scalar or sequence of strings (`needs: a` or `needs: [a, b]`).
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = stringList{n.Value}
		return nil
	}
	var s []string
	if err := n.Decode(&s); err != nil {
		return err
	}
	*l = s
	return nil
}

// permissions is a `permissions:` value: absent, "read-all"/"write-all", or scope: level.
type permissions struct {
	set    bool
	all    string            // "read-all" or "write-all" when given as one string
	scopes map[string]string // scope → "read", "write" or "none"
}

func (p *permissions) UnmarshalYAML(n *yaml.Node) error {
	p.set = true
	if n.Kind == yaml.ScalarNode {
		p.all = n.Value
		return nil
	}
	return n.Decode(&p.scopes)
}

func (p permissions) String() string {
	switch {
	case !p.set:
		return "(not set)"
	case p.all != "":
		return p.all
	case len(p.scopes) == 0:
		return "{}"
	}
	keys := make([]string, 0, len(p.scopes))
	for k := range p.scopes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + p.scopes[k]
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// granted is the permissions without the scopes set to "none".
func (p permissions) granted() map[string]string {
	g := map[string]string{}
	for k, v := range p.scopes {
		if v != "none" {
			g[k] = v
		}
	}
	return g
}

// effective is what a job's token gets: its own permissions, else the workflow's.
func (w *workflow) effective(j *job) permissions {
	if j.Permissions.set {
		return j.Permissions
	}
	return w.perms
}

func loadWorkflows(t *testing.T) []*workflow {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"*.yml", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join(workflowsDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		t.Fatalf("no workflow file in %s", workflowsDir)
	}
	var ws []*workflow
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w := &workflow{file: filepath.Base(p), path: p, src: src}
		if err := yaml.Unmarshal(src, &w.root); err != nil {
			t.Fatalf("%s: %v", w.file, err)
		}
		var doc struct {
			On          yaml.Node       `yaml:"on"`
			Permissions permissions     `yaml:"permissions"`
			Jobs        map[string]*job `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(src, &doc); err != nil {
			t.Fatalf("%s: %v", w.file, err)
		}
		w.on, w.perms, w.jobs = doc.On, doc.Permissions, doc.Jobs
		ws = append(ws, w)
	}
	return ws
}

func loadWorkflow(t *testing.T, file string) *workflow {
	t.Helper()
	for _, w := range loadWorkflows(t) {
		if w.file == file {
			return w
		}
	}
	t.Fatalf("%s: no such workflow in %s", file, workflowsDir)
	return nil
}

func (w *workflow) job(t *testing.T, id string) *job {
	t.Helper()
	j, ok := w.jobs[id]
	if !ok {
		t.Fatalf("%s: no job %q", w.file, id)
	}
	return j
}

func (w *workflow) jobIDs() []string {
	ids := make([]string, 0, len(w.jobs))
	for id := range w.jobs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// triggers maps each event of `on:` to its filter node (nil when it has none).
func (w *workflow) triggers(t *testing.T) map[string]*yaml.Node {
	t.Helper()
	ev := map[string]*yaml.Node{}
	switch w.on.Kind {
	case yaml.ScalarNode:
		ev[w.on.Value] = nil
	case yaml.SequenceNode:
		for _, n := range w.on.Content {
			ev[n.Value] = nil
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(w.on.Content); i += 2 {
			v := w.on.Content[i+1]
			if v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "") {
				v = nil
			}
			ev[w.on.Content[i].Value] = v
		}
	default:
		t.Fatalf("%s: no `on:` triggers", w.file)
	}
	return ev
}

// filter is a key of an event's filter mapping (`branches`, `types`…), nil when absent.
func filter(event *yaml.Node, key string) *yaml.Node {
	if event == nil || event.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(event.Content); i += 2 {
		if event.Content[i].Value == key {
			return event.Content[i+1]
		}
	}
	return nil
}

func scalars(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

// expr strips the optional ${{ }} around an `if:` and normalises its spaces.
func expr(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "${{") && strings.HasSuffix(s, "}}") {
		s = strings.TrimSpace(s[3 : len(s)-2])
	}
	return strings.Join(strings.Fields(s), " ")
}

// sameExpr compares two `${{ … }}` values ignoring spaces inside the braces.
func sameExpr(a, b string) bool { return expr(a) == expr(b) }

// isFalse reports whether a `with:` value is YAML false.
func isFalse(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "false") }

// ---------------------------------------------------------------------------------------------

// TestActionlint lints every workflow with actionlint (without its shellcheck and pyflakes
// integrations: they are external programs). actionlint checks the inputs and outputs of
// popular actions only when they are referenced by tag, so each file is linted twice: as
// written, and with every `owner/repo@<sha> # vX.Y.Z` turned back into `owner/repo@vX`.
func TestActionlint(t *testing.T) {
	for _, w := range loadWorkflows(t) {
		t.Run(w.file, func(t *testing.T) {
			var out bytes.Buffer
			l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{
				Color:      actionlint.ColorOptionKindNever,
				Oneline:    true,
				Shellcheck: "",
				Pyflakes:   "",
				LogWriter:  io.Discard,
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, variant := range []struct {
				name string
				src  []byte
			}{
				{"as written", w.src},
				{"with pinned actions read as their major tag", unpin(w.src)},
			} {
				errs, err := l.Lint(w.path, variant.src, nil)
				if err != nil {
					t.Fatalf("%s (%s): actionlint: %v", w.file, variant.name, err)
				}
				for _, e := range errs {
					t.Errorf("%s:%d:%d: %s [%s] (%s)", w.file, e.Line, e.Column, e.Message, e.Kind, variant.name)
				}
			}
		})
	}
}

var pinnedUses = regexp.MustCompile(`(?m)^(\s*(?:-\s+)?uses:\s*)([^@\s]+)@[0-9a-f]{40}(\s+#\s*(v\d+)[.\w-]*)`)

// unpin rewrites `owner/repo@<sha> # v4.2.2` to `owner/repo@v4 # v4.2.2` on the same line, so
// line and column numbers stay those of the file.
func unpin(src []byte) []byte {
	return pinnedUses.ReplaceAll(src, []byte("${1}${2}@${4}${3}"))
}

var (
	actionRef = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@\s]+)?@[0-9a-f]{40}$`)
	tagNote   = regexp.MustCompile(`^#\s*v\d+(\.\d+)*([-+.]\S*)?$`)
	dockerRef = regexp.MustCompile(`^docker://[^@\s]+@sha256:[0-9a-f]{64}$`)
)

type usesRef struct {
	value, comment string
	line           int
}

// usesRefs finds every `uses:` value in a document, with the comment on its line.
func usesRefs(n *yaml.Node) []usesRef {
	var refs []usesRef
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "uses" && v.Kind == yaml.ScalarNode {
					refs = append(refs, usesRef{value: v.Value, comment: strings.TrimSpace(v.LineComment), line: v.Line})
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return refs
}

// TestPinnedActions: every action and reusable workflow is pinned by a full commit SHA with
// its release tag in a comment (`uses: actions/checkout@<40 hex> # v4.2.2`), local actions
// (`./…`) excepted, Docker images by digest; and one action is pinned to one commit everywhere.
func TestPinnedActions(t *testing.T) {
	type pin struct{ sha, tag, where string }
	seen := map[string]pin{} // action → first pin seen
	for _, w := range loadWorkflows(t) {
		refs := usesRefs(&w.root)
		for _, r := range refs {
			where := fmt.Sprintf("%s:%d", w.file, r.line)
			switch {
			case strings.HasPrefix(r.value, "./"):
				continue
			case strings.HasPrefix(r.value, "docker://"):
				if !dockerRef.MatchString(r.value) {
					t.Errorf("%s: uses %q: pin the image by digest (docker://image@sha256:…)", where, r.value)
				}
				continue
			}
			if !actionRef.MatchString(r.value) {
				t.Errorf("%s: uses %q: pin it by full commit SHA: owner/repo@<40 hex> # vX.Y.Z", where, r.value)
				continue
			}
			if !tagNote.MatchString(r.comment) {
				t.Errorf("%s: uses %q has comment %q: want the release tag, as in `# v4.2.2`", where, r.value, r.comment)
				continue
			}
			name, sha, _ := strings.Cut(r.value, "@")
			p := pin{sha: sha, tag: strings.TrimSpace(strings.TrimPrefix(r.comment, "#")), where: where}
			if first, ok := seen[name]; !ok {
				seen[name] = p
			} else if first.sha != p.sha || first.tag != p.tag {
				t.Errorf("%s: %s@%s # %s, but %s pins %s@%s # %s: pin one release everywhere",
					where, name, p.sha, p.tag, first.where, name, first.sha, first.tag)
			}
		}
	}
}

var goCommand = regexp.MustCompile(`(?:^|[\s;&|(])go\s+([a-z]+)((?:[ \t]+[^\s;&|)]+)*)`)

type goCall struct {
	sub  string   // build, run, install…
	args []string // the rest of the command line, quotes removed
}

// goCalls lists the `go …` commands of a script.
func goCalls(script string) []goCall {
	var calls []goCall
	for _, m := range goCommand.FindAllStringSubmatch(script, -1) {
		args := strings.Fields(strings.NewReplacer(`"`, "", `'`, "").Replace(m[2]))
		calls = append(calls, goCall{sub: m[1], args: args})
	}
	return calls
}

// packages are the package arguments of `go build`: its arguments that are no flag nor the
// value of a flag that takes one.
func (c goCall) packages() []string {
	takesValue := map[string]bool{"-o": true, "-C": true, "-p": true, "-tags": true, "-ldflags": true,
		"-gcflags": true, "-asmflags": true, "-mod": true, "-modfile": true, "-overlay": true,
		"-pgo": true, "-toolexec": true, "-buildmode": true, "-compiler": true, "-installsuffix": true,
		"-pkgdir": true, "-gccgoflags": true, "-coverpkg": true, "-covermode": true, "-reldir": true}
	var pkgs []string
	for i := 0; i < len(c.args); i++ {
		a := c.args[i]
		if strings.HasPrefix(a, "-") {
			if takesValue[a] {
				i++
			}
			continue
		}
		pkgs = append(pkgs, a)
	}
	return pkgs
}

// TestGateJobHasNoCache: the review gate restores no cache of any kind (GitHub looks a pull
// request's caches up in its own scope first, where pull-request code could have planted an
// entry), checks out only the base commit without keeping the token, and builds and runs only
// bbtgen-review from it.
func TestGateJobHasNoCache(t *testing.T) {
	// The gate, and the jobs that merge with a write token: the same rules, and each must run
	// its own command of bbtgen-review.
	for _, tt := range []struct{ file, job, ref, command string }{
		{"pull-request.yml", "gate", baseSHA, "bbtgen-review\" review gate"},
		{"pull-request.yml", "publish", baseSHA, "bbtgen-review\" review publish"},
		// On a schedule there is no pull request: the publishing branch's commit.
		{"scheduled-publish.yml", "publish", "${{ github.sha }}", "bbtgen-review\" review publish"},
	} {
		t.Run(tt.file+"/"+tt.job, func(t *testing.T) { noCache(t, tt.file, tt.job, tt.ref, tt.command) })
	}
}

func noCache(t *testing.T, file, job, ref, command string) {
	w := loadWorkflow(t, file)
	j := w.job(t, job)
	where := w.file + ": job " + job
	if j.Uses != "" {
		t.Fatalf("%s calls the reusable workflow %q: the gate must be steps checked here", where, j.Uses)
	}
	allowed := []string{"actions/checkout", "actions/setup-go"}
	var checkouts, setupGos, builds int
	for _, s := range j.Steps {
		switch a := s.action(); {
		case a == "":
		case a == "actions/checkout":
			checkouts++
			if !sameExpr(s.With["ref"], ref) {
				t.Errorf("%s: %s checks out ref %q: want %s (the base commit, never the pull request)", where, s.label(), s.With["ref"], ref)
			}
			if !isFalse(s.With["persist-credentials"]) {
				t.Errorf("%s: %s: want persist-credentials: false", where, s.label())
			}
			if r := s.With["repository"]; r != "" && !sameExpr(r, "${{ github.repository }}") {
				t.Errorf("%s: %s checks out repository %q: only this repository's base commit", where, s.label(), r)
			}
		case a == "actions/setup-go":
			setupGos++
			if !isFalse(s.With["cache"]) {
				t.Errorf("%s: %s: want `cache: false` (setup-go caches modules and builds by default)", where, s.label())
			}
		case strings.HasPrefix(a, "actions/cache"):
			t.Errorf("%s: %s uses %s: the gate must restore no cache", where, s.label(), s.Uses)
		default:
			t.Errorf("%s: %s uses %s: the gate may use only %v", where, s.label(), s.Uses, allowed)
		}
		for _, c := range goCalls(s.Run) {
			switch c.sub {
			case "build":
				pkgs := c.packages()
				if !slices.Equal(pkgs, []string{reviewBinary}) {
					t.Errorf("%s: %s runs `go build %s`: the gate builds only %s", where, s.label(), strings.Join(c.args, " "), reviewBinary)
				} else {
					builds++
				}
			case "version", "env":
			default:
				t.Errorf("%s: %s runs `go %s %s`: the gate may only `go build %s`", where, s.label(), c.sub, strings.Join(c.args, " "), reviewBinary)
			}
		}
	}
	if checkouts == 0 {
		t.Errorf("%s: no actions/checkout step of the base commit", where)
	}
	if setupGos == 0 {
		t.Errorf("%s: no actions/setup-go step (with cache: false)", where)
	}
	if builds == 0 {
		t.Errorf("%s: no step runs `go build … %s`", where, reviewBinary)
	}
	if !strings.Contains(strings.Join(runs(j), "\n"), command) {
		t.Errorf("%s: no step runs the built \"…/%s", where, command)
	}
}

func runs(j *job) []string {
	var r []string
	for _, s := range j.Steps {
		if s.Run != "" {
			r = append(r, s.Run)
		}
	}
	return r
}

// TestCheckJobRunsOnReviews: the required checks run on pull_request_review events as well as
// pull_request ones (a required job skipped by `if:` counts as passed on GitHub), and the
// workflow runs for pull requests into the publishing branch.
func TestCheckJobRunsOnReviews(t *testing.T) {
	w := loadWorkflow(t, "pull-request.yml")
	on := w.triggers(t)
	for _, ev := range []string{"pull_request", "pull_request_review"} {
		if _, ok := on[ev]; !ok {
			t.Errorf("%s: not triggered by %s", w.file, ev)
		}
	}
	if br := scalars(filter(on["pull_request"], "branches")); !slices.Equal(br, []string{publishingBranch}) {
		t.Errorf("%s: on.pull_request.branches = %v, want [%s]", w.file, br, publishingBranch)
	}
	for _, tc := range []struct{ job, status string }{
		{"check", "bbtgen check"},
		{"gate", "bbtgen review gate"},
	} {
		t.Run(tc.job, func(t *testing.T) {
			j := w.job(t, tc.job)
			where := fmt.Sprintf("%s: job %s (line %d)", w.file, tc.job, j.line)
			if j.Name != tc.status {
				t.Errorf("%s: name %q, want %q (the required status check's name)", where, j.Name, tc.status)
			}
			if j.If != "" {
				t.Errorf("%s has `if: %s`: a required job must run on every event (skipped counts as passed)", where, j.If)
			}
			for _, s := range j.Steps {
				if s.If != "" {
					t.Errorf("%s: %s has `if: %s`: every step of a required job runs", where, s.label(), s.If)
				}
			}
			for _, n := range j.Needs {
				if dep, ok := w.jobs[n]; ok && dep.If != "" {
					t.Errorf("%s needs job %s, which has `if: %s`: it would be skipped with it", where, n, dep.If)
				}
			}
		})
	}
}

// TestCheckJobChecksHeadWithBaseTool: the check job builds bbtgen-review from the base commit,
// with no cache, and runs it on the pull request's head checked out as data.
func TestCheckJobChecksHeadWithBaseTool(t *testing.T) {
	w := loadWorkflow(t, "pull-request.yml")
	j := w.job(t, "check")
	where := w.file + ": job check"
	var base, head bool
	for _, s := range j.Steps {
		switch a := s.action(); {
		case a == "":
		case a == "actions/checkout":
			if !isFalse(s.With["persist-credentials"]) {
				t.Errorf("%s: %s: want persist-credentials: false", where, s.label())
			}
			switch path := strings.Trim(s.With["path"], "./"); path {
			case "base":
				base = true
				if !sameExpr(s.With["ref"], baseSHA) {
					t.Errorf("%s: %s checks out %q into base/: want %s", where, s.label(), s.With["ref"], baseSHA)
				}
			case "head":
				head = true
				if !sameExpr(s.With["ref"], headSHA) {
					t.Errorf("%s: %s checks out %q into head/: want %s", where, s.label(), s.With["ref"], headSHA)
				}
			default:
				t.Errorf("%s: %s checks out into %q: want base/ (the tool) or head/ (the content)", where, s.label(), s.With["path"])
			}
		case a == "actions/setup-go":
			if !isFalse(s.With["cache"]) {
				t.Errorf("%s: %s: want `cache: false`", where, s.label())
			}
		case strings.HasPrefix(a, "actions/cache"):
			t.Errorf("%s: %s uses %s: this job restores no cache", where, s.label(), s.Uses)
		default:
			t.Errorf("%s: %s uses %s: only actions/checkout and actions/setup-go expected", where, s.label(), s.Uses)
		}
		for _, c := range goCalls(s.Run) {
			if c.sub != "build" || !slices.Equal(c.packages(), []string{reviewBinary}) || strings.Trim(s.WorkingDirectory, "./") != "base" {
				t.Errorf("%s: %s runs `go %s %s` in %q: only `go build %s` in base/", where, s.label(), c.sub, strings.Join(c.args, " "), s.WorkingDirectory, reviewBinary)
			}
		}
	}
	if !base || !head {
		t.Errorf("%s: want a checkout of the base commit into base/ and of the pull request into head/ (base %v, head %v)", where, base, head)
	}
	script := strings.Join(runs(j), "\n")
	for _, want := range []string{
		`bbtgen-review" check --format github --site "$GITHUB_WORKSPACE/head"`, // annotations on the changed lines
		`bbtgen-review" codeowners --check --site "$GITHUB_WORKSPACE/head"`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("%s: no step runs …%s", where, want)
		}
	}
}

// TestPublishOnlyFromMain: the publish workflow runs on pushes to the publishing branch, and a
// manual run on any other branch does nothing.
func TestPublishOnlyFromMain(t *testing.T) {
	w := loadWorkflow(t, "publish.yml")
	on := w.triggers(t)
	for ev := range on {
		if ev != "push" && ev != "workflow_dispatch" {
			t.Errorf("%s: triggered by %s: want only push to %s and workflow_dispatch", w.file, ev, publishingBranch)
		}
	}
	push, ok := on["push"]
	if !ok {
		t.Errorf("%s: not triggered by push", w.file)
	}
	if br := scalars(filter(push, "branches")); !slices.Equal(br, []string{publishingBranch}) {
		t.Errorf("%s: on.push.branches = %v, want [%s]", w.file, br, publishingBranch)
	}
	for _, k := range []string{"branches-ignore", "tags", "tags-ignore"} {
		if filter(push, k) != nil {
			t.Errorf("%s: on.push.%s: push to %s only", w.file, k, publishingBranch)
		}
	}
	guard := expr(fmt.Sprintf("github.ref == 'refs/heads/%s'", publishingBranch))
	for _, id := range w.jobIDs() {
		j := w.jobs[id]
		cond := expr(j.If)
		guarded := !strings.Contains(cond, "||") && slices.ContainsFunc(strings.Split(cond, "&&"), func(c string) bool {
			return strings.TrimSpace(c) == guard
		})
		if !guarded {
			t.Errorf("%s: job %s (line %d) has if %q: want `if: %s` (alone or joined by &&) so a dispatch on another branch does nothing",
				w.file, id, j.line, j.If, guard)
		}
	}
}

// TestLeastPermissions: every workflow sets its default token permissions to nothing or
// contents: read; no job gets read-all or write-all; a job writes only where this table says
// it must; the jobs that run pull-request code get contents: read and nothing else.
func TestLeastPermissions(t *testing.T) {
	// mayWrite lists, per workflow and job, the scopes it may write.
	mayWrite := map[string]map[string][]string{
		"publish.yml":      {"deploy": {"pages", "id-token"}, "announce": {"pull-requests"}},
		"pull-request.yml": {"gate": {"pull-requests"}, "publish": {"contents", "pull-requests", "actions"}},
		// Merges what is approved and due (publish_at), then starts the publish workflow.
		"scheduled-publish.yml": {"publish": {"contents", "pull-requests", "actions"}},
		"review-queue.yml":      {"remind": {"pull-requests"}},
	}
	// readOnly lists the jobs that run or read pull-request code: contents: read only.
	readOnly := map[string][]string{
		"pull-request.yml": {"check", "preview"},
	}
	for _, w := range loadWorkflows(t) {
		t.Run(w.file, func(t *testing.T) {
			top := w.perms
			switch g := top.granted(); {
			case !top.set:
				t.Errorf("%s: no top-level permissions: the default token may write; set `permissions: {}` or `contents: read`", w.file)
			case top.all != "" || len(g) > 1 || (len(g) == 1 && g["contents"] != "read"):
				t.Errorf("%s: top-level permissions %s: want {} or {contents: read}; grant more per job", w.file, top)
			}
			for _, id := range w.jobIDs() {
				j := w.jobs[id]
				p := w.effective(j)
				where := fmt.Sprintf("%s: job %s (line %d)", w.file, id, j.line)
				if p.all != "" {
					t.Errorf("%s: permissions %s: list the scopes it needs", where, p.all)
					continue
				}
				for scope, level := range p.granted() {
					if level != "read" && !slices.Contains(mayWrite[w.file][id], scope) {
						t.Errorf("%s: %s: %s is not needed (may write: %v)", where, scope, level, mayWrite[w.file][id])
					}
				}
				if slices.Contains(readOnly[w.file], id) {
					if g := p.granted(); len(g) != 1 || g["contents"] != "read" {
						t.Errorf("%s runs pull-request code: permissions %s, want {contents: read}", where, p)
					}
					for _, s := range j.Steps {
						for k, v := range s.Env {
							if strings.Contains(v, "secrets.") || strings.Contains(v, "github.token") {
								t.Errorf("%s: %s passes %s=%s to pull-request code", where, s.label(), k, v)
							}
						}
					}
				}
			}
			for id := range mayWrite[w.file] {
				if _, ok := w.jobs[id]; !ok {
					t.Errorf("%s: the permission table names job %s, which does not exist", w.file, id)
				}
			}
		})
	}
}

// ---------------------------------------------------------------------------------------------
// Previews: the pull request's build, made by the read-only preview job, put online on the
// preview host by jobs that hold a secret for it and therefore never run pull-request code.

const (
	bbtgenBinary = "./cmd/bbtgen"
	previewToken = "${{ secrets.PREVIEW_TOKEN }}"
	previewGroup = "preview-pr-${{ github.event.pull_request.number }}"
)

// previewDeployJobs are the jobs that push to the preview host: each builds bbtgen from the
// base commit and runs its deploy with the flag given.
var previewDeployJobs = []struct{ file, job, flag string }{
	{"pull-request.yml", "preview-deploy", `--path "pr-$PR/"`},
	{"preview-cleanup.yml", "remove", `--remove-path "pr-$PR/"`},
}

// TestPreviewDeployRunsNoPullRequestCode: the jobs that deploy or remove a preview check out
// only the base commit (without keeping the token), restore no cache, build only bbtgen from
// it, take the pull request's build only as the --dir of deploy, get a token that reads only,
// receive no secret but the preview host's token, and run only for pull requests of this
// repository once the preview host is set.
func TestPreviewDeployRunsNoPullRequestCode(t *testing.T) {
	for _, tt := range previewDeployJobs {
		t.Run(tt.file+"/"+tt.job, func(t *testing.T) {
			w := loadWorkflow(t, tt.file)
			j := w.job(t, tt.job)
			where := fmt.Sprintf("%s: job %s (line %d)", w.file, tt.job, j.line)
			if j.Uses != "" {
				t.Fatalf("%s calls the reusable workflow %q: it must be steps checked here", where, j.Uses)
			}
			if p := w.effective(j); len(p.granted()) != 1 || p.granted()["contents"] != "read" {
				t.Errorf("%s: permissions %s, want {contents: read}: it pushes with the preview host's own token", where, p)
			}
			cond := expr(j.If)
			for _, want := range []string{"github.event.pull_request.head.repo.full_name == github.repository", "vars.PREVIEW_REMOTE != ''"} {
				if !strings.Contains(cond, want) || strings.Contains(cond, "||") {
					t.Errorf("%s: if %q: want %q joined by && (pull requests of this repository, a preview host set)", where, j.If, want)
				}
			}
			if j.Concurrency.Group != previewGroup || !j.Concurrency.CancelInProgress {
				t.Errorf("%s: concurrency %+v: want group %s with cancel-in-progress, shared by every preview job", where, j.Concurrency, previewGroup)
			}
			for k, v := range j.Env {
				if strings.Contains(v, "secrets.") {
					t.Errorf("%s: job env %s=%s: give the secret to the deploy step alone", where, k, v)
				}
			}
			var checkouts, setupGos, builds, deploys int
			var artifact string
			for _, s := range j.Steps {
				switch a := s.action(); {
				case a == "":
				case a == "actions/checkout":
					checkouts++
					if !sameExpr(s.With["ref"], baseSHA) {
						t.Errorf("%s: %s checks out ref %q: want %s (the base commit, never the pull request)", where, s.label(), s.With["ref"], baseSHA)
					}
					if !isFalse(s.With["persist-credentials"]) {
						t.Errorf("%s: %s: want persist-credentials: false", where, s.label())
					}
					if r := s.With["repository"]; r != "" && !sameExpr(r, "${{ github.repository }}") {
						t.Errorf("%s: %s checks out repository %q: only this repository's base commit", where, s.label(), r)
					}
				case a == "actions/setup-go":
					setupGos++
					if !isFalse(s.With["cache"]) {
						t.Errorf("%s: %s: want `cache: false` (setup-go caches modules and builds by default)", where, s.label())
					}
				case a == "actions/download-artifact":
					artifact = s.With["path"]
					if !strings.HasPrefix(expr(strings.ReplaceAll(artifact, "${{ runner.temp }}", "$RUNNER_TEMP")), "$RUNNER_TEMP/") {
						t.Errorf("%s: %s downloads into %q: want a folder under ${{ runner.temp }}, away from the tool's checkout", where, s.label(), artifact)
					}
					for _, k := range []string{"github-token", "repository", "run-id"} {
						if s.With[k] != "" {
							t.Errorf("%s: %s sets %s: only this run's artifact", where, s.label(), k)
						}
					}
				case strings.HasPrefix(a, "actions/cache"):
					t.Errorf("%s: %s uses %s: a job holding a secret restores no cache", where, s.label(), s.Uses)
				default:
					t.Errorf("%s: %s uses %s: only actions/checkout, actions/setup-go and actions/download-artifact", where, s.label(), s.Uses)
				}
				if strings.Contains(s.Run, "${{") {
					t.Errorf("%s: %s has an expression in its script: pass it through env:", where, s.label())
				}
				for k, v := range s.Env {
					if strings.Contains(v, "secrets.") && (k != "GITHUB_TOKEN" || !sameExpr(v, previewToken) || !strings.Contains(s.Run, `bbtgen" deploy`)) {
						t.Errorf("%s: %s passes %s=%s: only %s, as GITHUB_TOKEN of the deploy", where, s.label(), k, v, previewToken)
					}
				}
				for _, c := range goCalls(s.Run) {
					if c.sub != "build" || !slices.Equal(c.packages(), []string{bbtgenBinary}) || strings.Trim(s.WorkingDirectory, "./") != "base" {
						t.Errorf("%s: %s runs `go %s %s` in %q: only `go build %s` in base/", where, s.label(), c.sub, strings.Join(c.args, " "), s.WorkingDirectory, bbtgenBinary)
					} else {
						builds++
					}
				}
				if strings.Contains(s.Run, `bbtgen" deploy`) {
					deploys++
					if !strings.Contains(s.Run, tt.flag) {
						t.Errorf("%s: %s runs deploy without %s", where, s.label(), tt.flag)
					}
				}
			}
			if checkouts == 0 || setupGos == 0 || builds == 0 || deploys == 0 {
				t.Errorf("%s: want a checkout of the base commit, setup-go, `go build %s` in base/ and the built deploy (got %d, %d, %d, %d)", where, bbtgenBinary, checkouts, setupGos, builds, deploys)
			}
			// The pull request's build is data: it appears in scripts only as the folder deploy
			// publishes, never as something to run, source or build.
			if artifact != "" {
				dir := strings.ReplaceAll(expr(strings.ReplaceAll(artifact, "${{ runner.temp }}", "$RUNNER_TEMP")), " ", "")
				for _, script := range runs(j) {
					for i := strings.Index(script, dir); i >= 0; i = next(script, dir, i) {
						if before := strings.TrimRight(script[:i], `"`); !strings.HasSuffix(before, "--dir ") {
							t.Errorf("%s: a script uses the pull request's build %s other than as deploy's --dir: %q", where, dir, strings.TrimSpace(script))
						}
					}
				}
			}
		})
	}
}

// next finds the occurrence of sub in s after the one at i, or -1.
func next(s, sub string, i int) int {
	j := strings.Index(s[i+1:], sub)
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// TestPreviewWorkflows: the preview job builds a site not to be indexed at its preview address
// and uploads it under the name preview-deploy downloads; preview-deploy follows it; the
// cleanup runs when a pull request into the publishing branch closes, and on nothing else.
func TestPreviewWorkflows(t *testing.T) {
	w := loadWorkflow(t, "pull-request.yml")
	preview, deploy := w.job(t, "preview"), w.job(t, "preview-deploy")
	script := strings.Join(runs(preview), "\n")
	for _, want := range []string{"build --noindex", `--base-url "$base_url"`, `/pr-$PR/`} {
		if !strings.Contains(script, want) {
			t.Errorf("%s: job preview does not run …%s", w.file, want)
		}
	}
	if preview.Concurrency.Group != previewGroup || !preview.Concurrency.CancelInProgress {
		t.Errorf("%s: job preview: concurrency %+v: want group %s with cancel-in-progress (a closing pull request cancels it)", w.file, preview.Concurrency, previewGroup)
	}
	if !slices.Contains(deploy.Needs, "preview") {
		t.Errorf("%s: job preview-deploy needs %v: want preview", w.file, deploy.Needs)
	}
	artifactName := func(j *job, action string) string {
		for _, s := range j.Steps {
			if s.action() == action {
				return s.With["name"]
			}
		}
		return ""
	}
	up, down := artifactName(preview, "actions/upload-artifact"), artifactName(deploy, "actions/download-artifact")
	if up == "" || !sameExpr(up, down) {
		t.Errorf("%s: preview uploads %q, preview-deploy downloads %q: want the same artifact", w.file, up, down)
	}

	c := loadWorkflow(t, "preview-cleanup.yml")
	on := c.triggers(t)
	if len(on) != 1 || on["pull_request"] == nil {
		t.Fatalf("%s: triggered by %v: want pull_request (closed) alone", c.file, slices.Sorted(maps.Keys(on)))
	}
	if ty := scalars(filter(on["pull_request"], "types")); !slices.Equal(ty, []string{"closed"}) {
		t.Errorf("%s: on.pull_request.types = %v, want [closed]", c.file, ty)
	}
	if br := scalars(filter(on["pull_request"], "branches")); !slices.Equal(br, []string{publishingBranch}) {
		t.Errorf("%s: on.pull_request.branches = %v, want [%s]", c.file, br, publishingBranch)
	}
}
