package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/filechange"
)

// FileStatus is how a pull request changed a file: the one status type of GitHub's file
// lists and of Git's tree diffs (an alias, so neither converts).
type FileStatus = filechange.Status

// The statuses, by their GitHub names.
const (
	Added    = filechange.Added
	Modified = filechange.Modified
	Removed  = filechange.Removed
	Renamed  = filechange.Renamed
	Copied   = filechange.Copied
	Changed  = filechange.Changed
)

// File is a changed file; PreviousPath is set for renames.
type File struct {
	Path         string     `json:"path"`
	PreviousPath string     `json:"previous_path,omitempty"`
	Status       FileStatus `json:"status"`
}

// ReviewState is a review's state (GitHub's names).
type ReviewState string

const (
	Approved         ReviewState = "APPROVED"
	ChangesRequested ReviewState = "CHANGES_REQUESTED"
	Commented        ReviewState = "COMMENTED"
	Dismissed        ReviewState = "DISMISSED"
	Pending          ReviewState = "PENDING"
)

// Review is one submitted review.
type Review struct {
	Author      string      `json:"author"`
	State       ReviewState `json:"state"`
	CommitID    string      `json:"commit_id"`
	SubmittedAt time.Time   `json:"submitted_at"`
}

// Commit is a commit of a pull request with the GitHub users of its author and committer.
type Commit struct {
	SHA       string `json:"sha"`
	Author    string `json:"author"`
	Committer string `json:"committer"`
}

// Snapshot is what the policy needs to know of a pull request. The forge fills it from the
// GitHub API; Articles holds the head version of every changed article, so that nothing of
// the pull request is ever checked out or run.
type Snapshot struct {
	Number  int
	Title   string
	Author  string
	Draft   bool
	BaseSHA string
	HeadSHA string
	// BaseRef is the branch the pull request would merge into.
	BaseRef string
	Files   []File
	Reviews []Review
	// Commits are the pull request's commits, oldest first (for the two-person rule).
	Commits []Commit
	// Articles maps the path of each changed Markdown file under content/ (not removed) to
	// its content at HeadSHA: articles and pages alike.
	Articles map[string][]byte
	// Symlinks are the changed files under content/ that are symbolic links at HeadSHA.
	Symlinks []string
	// Now is when the decision is made (for the checks' notion of "future").
	Now time.Time
}

// Decision is the outcome for a pull request.
type Decision struct {
	Number    int          `json:"pr"`
	HeadSHA   string       `json:"head_sha"`
	Mergeable bool         `json:"mergeable"`
	Areas     []AreaResult `json:"areas"`
	Reasons   []Reason     `json:"reasons"`
}

// AreaResult is the state of one area the pull request touches.
type AreaResult struct {
	Name                 string   `json:"name"`
	Title                string   `json:"title"`
	Kind                 AreaKind `json:"kind"`
	Files                []string `json:"files"`
	Approvers            []string `json:"approvers"`
	ApprovedBy           []string `json:"approved_by"`
	VerificationRequired bool     `json:"verification_required"`
	Verifiers            []string `json:"verifiers"`
	VerifiedBy           []string `json:"verified_by"`
	ChangesRequestedBy   []string `json:"changes_requested_by"`
	StaleApprovals       []string `json:"stale_approvals"`
	// SelfReviewed approved the head but wrote or committed part of it that nobody else of
	// the board has approved: their approval does not count (the two-person rule).
	SelfReviewed []string `json:"self_reviewed"`
	Satisfied    bool     `json:"satisfied"`
	// Missing says in English what the area lacks; MissingText holds the same sentences for
	// the message catalog (package i18n), which prints them in the reader's language.
	Missing     []string    `json:"missing"`
	MissingText []diag.Text `json:"-"`
}

// Reason is one thing that keeps a pull request from being merged. Message is in English, the
// language of the code and its tests; Text is the same sentence as the message catalog
// (package i18n) knows it, so that the gate, the card and the queue print it in their reader's
// language.
type Reason struct {
	Rule    string    `json:"rule"`
	Area    string    `json:"area,omitempty"`
	File    string    `json:"file,omitempty"`
	Line    int       `json:"line,omitempty"`
	Message string    `json:"message"`
	Unblock []string  `json:"unblock"`
	Text    diag.Text `json:"-"`
}

// newReason makes a reason whose English message is its catalog sentence.
// NewReason makes a reason whose message is a sentence of the message catalog: Message is its
// English, Text what a command prints in the reader's language.
func NewReason(rule string, unblock []string, text diag.Text) Reason {
	return newReason(rule, "", unblock, text)
}

func newReason(rule, area string, unblock []string, text diag.Text) Reason {
	return Reason{Rule: rule, Area: area, Message: text.String(), Unblock: unblock, Text: text}
}

// Evaluate applies every rule of the policy to the snapshot.
func Evaluate(p *Policy, s *Snapshot) *Decision {
	d := &Decision{Number: s.Number, HeadSHA: s.HeadSHA, Areas: []AreaResult{}, Reasons: []Reason{}}
	if s.Draft {
		d.Reasons = append(d.Reasons, newReason(RuleDraft, "", []string{s.Author},
			diag.T("the pull request is a draft; mark it ready for review")))
	}
	if want := p.cfg.Review.PublishingBranch; s.BaseRef != want {
		d.Reasons = append(d.Reasons, newReason(RuleBaseBranch, "", []string{s.Author},
			diag.T("the pull request would merge into %q, not into the publishing branch %q; change its base branch", s.BaseRef, want)))
	}
	_, areas := judge(p, s)
	for _, a := range areas {
		d.Areas = append(d.Areas, a.AreaResult)
		d.Reasons = append(d.Reasons, areaReasons(a.AreaResult, s)...)
	}
	d.Reasons = append(d.Reasons, ContentReasons(p, s)...)
	d.Mergeable = len(d.Reasons) == 0
	return d
}

// judgedArea is an area a pull request touches, with its result.
type judgedArea struct {
	Touched
	AreaResult
}

// judge applies the review rules to every area a pull request touches: the one place where
// the effective reviews, the two-person rule and the areas meet (Evaluate, the queue, the
// approval time and the review times all start here). It returns the effective reviews too.
func judge(p *Policy, s *Snapshot) (map[string]Review, []judgedArea) {
	states := EffectiveReviews(s.Reviews)
	self := contributionsOf(s)
	var out []judgedArea
	for _, t := range TouchedAreas(p, s.Files) {
		out = append(out, judgedArea{t, judgeArea(t, states, self, s)})
	}
	return states, out
}

// Touched is an area with the changed files that touch it.
type Touched struct {
	Area  *Area
	Files []string
}

// TouchedAreas maps changed files to areas. A rename or move touches the area of the old path
// and of the new one (both must approve); a deletion touches the area it removes from.
// Areas come back in policy order.
func TouchedAreas(p *Policy, files []File) []Touched {
	byArea := map[string][]string{}
	touch := func(filePath, label string) {
		a := p.AreaOf(filePath)
		if !slices.Contains(byArea[a.Name], label) {
			byArea[a.Name] = append(byArea[a.Name], label)
		}
	}
	for _, f := range files {
		switch {
		case f.Status == Renamed && f.PreviousPath != "" && f.PreviousPath != f.Path:
			label := f.PreviousPath + " → " + f.Path
			touch(f.PreviousPath, label)
			touch(f.Path, label)
		default:
			touch(f.Path, f.Path)
		}
	}
	var out []Touched
	for i := range p.Areas {
		if files, ok := byArea[p.Areas[i].Name]; ok {
			out = append(out, Touched{Area: &p.Areas[i], Files: files})
		}
	}
	return out
}

// EffectiveReviews returns each reviewer's state: their latest review that is not a plain
// comment (or pending). A later "changes requested" cancels an earlier approval; a dismissed
// review counts for nothing. Logins are compared case-insensitively; the map is keyed by the
// lowercased login.
func EffectiveReviews(reviews []Review) map[string]Review {
	sorted := slices.Clone(reviews)
	slices.SortStableFunc(sorted, func(a, b Review) int { return a.SubmittedAt.Compare(b.SubmittedAt) })
	out := map[string]Review{}
	for _, r := range sorted {
		switch r.State {
		case Approved, ChangesRequested, Dismissed:
			out[strings.ToLower(r.Author)] = r
		}
	}
	return out
}

// contributions records who wrote or committed the commits of a pull request: for each
// lowercased login, the position of their last commit, and the position of every commit.
type contributions struct {
	last  map[string]int
	index map[string]int
}

func contributionsOf(s *Snapshot) contributions {
	c := contributions{last: map[string]int{}, index: map[string]int{}}
	for i, cm := range s.Commits {
		c.index[cm.SHA] = i
		for _, l := range []string{cm.Author, cm.Committer} {
			if l != "" {
				c.last[strings.ToLower(l)] = i
			}
		}
	}
	return c
}

// selfReviewed applies the two-person rule to login's approval in a role held by peers (an
// area's approvers, or its verifiers): it does not count when login wrote or committed a
// commit of the pull request that no peer of theirs in that role (not the pull request's
// author) has approved since — on that commit or a later one. Without it an approver could
// push their own text into someone else's pull request and approve it themselves. GitHub's
// "require approval of the most recent push" covers only the last push, and only where branch
// protection is set; the gate does not rely on it.
func (c contributions) selfReviewed(login string, peers []string, s *Snapshot) bool {
	k, wrote := c.last[strings.ToLower(login)]
	if !wrote {
		return false
	}
	for _, r := range s.Reviews {
		i, known := c.index[r.CommitID]
		if r.State == Approved && known && i >= k && !strings.EqualFold(r.Author, login) &&
			!strings.EqualFold(r.Author, s.Author) && containsFold(peers, r.Author) {
			return false
		}
	}
	return true
}

// approvalsOnHead lists, among logins, those whose effective review approves the head commit,
// leaving out the author (nobody approves their own pull request) and, in selfish, those whose
// own unreviewed commits the approval would cover (the two-person rule).
func approvalsOnHead(logins []string, states map[string]Review, self contributions, s *Snapshot) (approved, stale, changes, selfish []string) {
	for _, l := range logins {
		r, ok := states[strings.ToLower(l)]
		if !ok || strings.EqualFold(l, s.Author) {
			continue
		}
		switch {
		case r.State == Approved && r.CommitID == s.HeadSHA && self.selfReviewed(l, logins, s):
			selfish = append(selfish, l)
		case r.State == Approved && r.CommitID == s.HeadSHA:
			approved = append(approved, l)
		case r.State == Approved:
			stale = append(stale, l)
		case r.State == ChangesRequested:
			changes = append(changes, l)
		}
	}
	return approved, stale, changes, selfish
}

func judgeArea(t Touched, states map[string]Review, self contributions, s *Snapshot) AreaResult {
	a := t.Area
	r := AreaResult{
		Name: a.Name, Title: a.Title, Kind: a.Kind, Files: t.Files,
		Approvers: a.Logins(), VerificationRequired: len(a.Verifiers) > 0, Verifiers: a.Verifiers,
		ApprovedBy: []string{}, VerifiedBy: []string{}, ChangesRequestedBy: []string{}, StaleApprovals: []string{}, Missing: []string{},
		SelfReviewed: []string{},
	}
	approved, stale, changes, selfish := approvalsOnHead(a.Logins(), states, self, s)
	r.SelfReviewed = append(r.SelfReviewed, selfish...)
	r.ApprovedBy = append(r.ApprovedBy, approved...)
	r.StaleApprovals = append(r.StaleApprovals, stale...)
	r.ChangesRequestedBy = append(r.ChangesRequestedBy, changes...)
	if r.VerificationRequired {
		verified, vstale, vchanges, vselfish := approvalsOnHead(a.Verifiers, states, self, s)
		r.VerifiedBy = append(r.VerifiedBy, verified...)
		for _, l := range vselfish {
			if !containsFold(r.SelfReviewed, l) {
				r.SelfReviewed = append(r.SelfReviewed, l)
			}
		}
		for _, l := range vstale {
			if !containsFold(r.StaleApprovals, l) {
				r.StaleApprovals = append(r.StaleApprovals, l)
			}
		}
		for _, l := range vchanges {
			if !containsFold(r.ChangesRequestedBy, l) {
				r.ChangesRequestedBy = append(r.ChangesRequestedBy, l)
			}
		}
	}
	for _, g := range gaps(r, s) {
		r.Missing = append(r.Missing, g.text.String())
		r.MissingText = append(r.MissingText, g.text)
	}
	r.Satisfied = len(r.Missing) == 0
	return r
}

// gap is one thing an area lacks. Each is said once: the card lists the text under the area
// (Missing), and the reason repeats it after the area's name, with notes that explain it.
type gap struct {
	rule    string
	text    diag.Text
	notes   []diag.Text
	unblock []string
}

func gaps(r AreaResult, s *Snapshot) []gap {
	var out []gap
	head := diag.ShortSHA(s.HeadSHA)
	if len(r.ApprovedBy) == 0 {
		can := canAct(r.Approvers, r, s)
		text := diag.T("an approving review of the head commit %s by one of %s", head, mentions(can))
		if len(can) == 0 {
			text = diag.T("an approver who is neither the author of this pull request nor wrote part of it, whose own approval never counts: add one to config.yaml first")
		}
		var notes []diag.Text
		if len(r.StaleApprovals) > 0 {
			notes = append(notes, diag.T("%s approved an earlier commit; commits pushed since need a new approval", mentions(r.StaleApprovals)))
		}
		if containsFold(r.Approvers, s.Author) {
			notes = append(notes, diag.T("the author @%s cannot approve their own pull request", s.Author))
		}
		notes = append(notes, twoPersonNote(r.SelfReviewed)...)
		out = append(out, gap{RuleApproval, text, notes, can})
	}
	if r.VerificationRequired && len(r.VerifiedBy) == 0 {
		can := canAct(r.Verifiers, r, s)
		out = append(out, gap{RuleVerification, diag.T("verification: an approving review of the head commit %s by the secretariat (%s)", head, mentions(can)),
			twoPersonNote(r.SelfReviewed), can})
	}
	for _, l := range r.ChangesRequestedBy {
		out = append(out, gap{RuleChangesRequested, diag.T("@%s requested changes; they must approve, or their review be dismissed", l), nil, []string{l}})
	}
	return out
}

func areaReasons(r AreaResult, s *Snapshot) []Reason {
	var out []Reason
	for _, g := range gaps(r, s) {
		text := diag.T("%s (%s) needs %s", r.Title, r.Name, g.text)
		for _, n := range g.notes {
			text = diag.T("%s (%s)", text, n)
		}
		out = append(out, newReason(g.rule, r.Name, g.unblock, text))
	}
	return out
}

func twoPersonNote(self []string) []diag.Text {
	if len(self) == 0 {
		return nil
	}
	return []diag.Text{diag.T("%s approved, but also wrote or pushed commits of this pull request that nobody else has approved; under the two-person rule another approver must approve", mentions(self))}
}

// mentions writes GitHub logins as mentions, "@a, @b", or says nobody, in the reader's
// language (diag.Mentions writes "nobody" in English).
func mentions(logins []string) any {
	if len(logins) == 0 {
		return diag.T("nobody")
	}
	return diag.Mentions(logins)
}

// ContentReasons checks every changed file under content/ and static/ with the same rules as
// bbtgen check: its name and place (Classify), and the head version of every article and page,
// in particular url, aliases and slug, which must keep a page inside its category, so that the
// approver of one category cannot publish in another. What needs the whole tree (media that
// exist, links, duplicate addresses) is checked by the check job, and the published-output
// invariant of the build catches whatever differs between bbtgen's and Hugo's reading.
func ContentReasons(p *Policy, s *Snapshot) []Reason {
	var out []Reason
	checker := &content.Checker{Cfg: p.cfg, Now: s.Now}
	report := func(file, area string, problems diag.List) {
		for _, pr := range problems {
			if pr.Severity != diag.Error { // warnings do not block
				continue
			}
			rule := RuleContent
			if pr.Rule == RuleEscape {
				rule = RuleEscape
			}
			out = append(out, Reason{Rule: rule, Area: area, File: file, Line: pr.Line, Message: pr.String(), Unblock: []string{s.Author},
				Text: problemText(pr)})
		}
	}
	for _, f := range s.Files {
		if f.Status == Removed {
			continue
		}
		area := p.AreaOf(f.Path).Name
		kind, problems := checker.Classify(f.Path, nil)
		report(f.Path, area, problems)
		if kind == content.OtherFile {
			continue
		}
		if slices.Contains(s.Symlinks, f.Path) {
			r := newReason(RuleContent, area, []string{s.Author}, diag.T("%s is a symbolic link; bbtgen never follows links — copy the file instead", f.Path))
			r.File = f.Path
			out = append(out, r)
			continue
		}
		data, ok := s.Articles[f.Path]
		if !ok {
			r := newReason(RuleContent, area, []string{}, diag.T("%s could not be read at %s, so it cannot be checked", f.Path, diag.ShortSHA(s.HeadSHA)))
			r.File = f.Path
			out = append(out, r)
			continue
		}
		if kind == content.ArticleFile {
			a, problems := content.ParseArticle(f.Path, content.CategoryOf(p.cfg, f.Path), data)
			if a != nil {
				problems = append(problems, checker.Article(a)...)
			}
			report(f.Path, area, problems)
			continue
		}
		pg, problems := content.ParsePage(f.Path, data)
		if pg != nil {
			problems = append(problems, checker.Page(pg, content.CategoryOf(p.cfg, f.Path) != "")...)
		}
		report(f.Path, area, problems)
	}
	return out
}

// problemText is a problem of the checks as a catalog sentence, written as Problem.String
// writes it: "file:line:col: message — hint".
func problemText(pr diag.Problem) diag.Text {
	at := diag.Safe(pr.File)
	if pr.Line > 0 {
		at += fmt.Sprintf(":%d", pr.Line)
		if pr.Column > 0 {
			at += fmt.Sprintf(":%d", pr.Column)
		}
	}
	msg := pr.Text
	if msg.IsZero() {
		msg = diag.T(pr.Message)
	}
	hint := pr.HintText
	if hint.IsZero() {
		hint = diag.T(pr.Hint)
	}
	if hint.IsZero() {
		return diag.T("%s: %s", at, msg)
	}
	return diag.T("%s: %s — %s", at, msg, hint)
}

// Rules of the gate's reasons: stable, language-free codes for --format json.
const (
	RuleDraft            = "draft"
	RuleBaseBranch       = "base-branch"
	RuleApproval         = "approval"
	RuleVerification     = "verification"
	RuleChangesRequested = "changes-requested"
	RuleContent          = "content"
	RuleEscape           = content.RuleEscape
)

// canAct are those of logins who can still give the review an area lacks: not the author,
// and not whoever the two-person rule keeps from approving their own commits.
func canAct(logins []string, r AreaResult, s *Snapshot) []string {
	out := []string{}
	for _, l := range without(logins, s.Author) {
		if !containsFold(r.SelfReviewed, l) {
			out = append(out, l)
		}
	}
	return out
}

func without(list []string, login string) []string {
	out := []string{}
	for _, l := range list {
		if !strings.EqualFold(l, login) {
			out = append(out, l)
		}
	}
	return out
}
