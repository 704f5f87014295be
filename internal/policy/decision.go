package policy

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// FileStatus is how a pull request changed a file (GitHub's names).
type FileStatus string

const (
	Added    FileStatus = "added"
	Modified FileStatus = "modified"
	Removed  FileStatus = "removed"
	Renamed  FileStatus = "renamed"
	Copied   FileStatus = "copied"
	Changed  FileStatus = "changed"
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
	Files   []File
	Reviews []Review
	// Articles maps the path of each changed Markdown file under a category (not removed) to
	// its content at HeadSHA.
	Articles map[string][]byte
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
	Kind                 Kind     `json:"kind"`
	Files                []string `json:"files"`
	Approvers            []string `json:"approvers"`
	ApprovedBy           []string `json:"approved_by"`
	VerificationRequired bool     `json:"verification_required"`
	Verifiers            []string `json:"verifiers"`
	VerifiedBy           []string `json:"verified_by"`
	ChangesRequestedBy   []string `json:"changes_requested_by"`
	StaleApprovals       []string `json:"stale_approvals"`
	Satisfied            bool     `json:"satisfied"`
	Missing              []string `json:"missing"`
}

// Reason is one thing that keeps a pull request from being merged.
type Reason struct {
	Rule    string   `json:"rule"`
	Area    string   `json:"area,omitempty"`
	File    string   `json:"file,omitempty"`
	Line    int      `json:"line,omitempty"`
	Message string   `json:"message"`
	Unblock []string `json:"unblock"`
}

// Evaluate applies every rule of the policy to the snapshot.
func Evaluate(p *Policy, s *Snapshot) *Decision {
	d := &Decision{Number: s.Number, HeadSHA: s.HeadSHA, Areas: []AreaResult{}, Reasons: []Reason{}}
	if s.Draft {
		d.Reasons = append(d.Reasons, Reason{Rule: "draft", Message: "the pull request is a draft; mark it ready for review", Unblock: []string{s.Author}})
	}
	states := EffectiveReviews(s.Reviews)
	for _, t := range TouchedAreas(p, s.Files) {
		r := judgeArea(t, states, s)
		d.Areas = append(d.Areas, r)
		d.Reasons = append(d.Reasons, areaReasons(r, s)...)
	}
	d.Reasons = append(d.Reasons, ArticleReasons(p, s)...)
	d.Mergeable = len(d.Reasons) == 0
	return d
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

// approvalsOnHead lists, among logins, those whose effective review approves the head commit,
// leaving out the author: nobody approves their own pull request.
func approvalsOnHead(logins []string, states map[string]Review, s *Snapshot) (approved, stale, changes []string) {
	for _, l := range logins {
		r, ok := states[strings.ToLower(l)]
		if !ok || strings.EqualFold(l, s.Author) {
			continue
		}
		switch {
		case r.State == Approved && r.CommitID == s.HeadSHA:
			approved = append(approved, l)
		case r.State == Approved:
			stale = append(stale, l)
		case r.State == ChangesRequested:
			changes = append(changes, l)
		}
	}
	return approved, stale, changes
}

func judgeArea(t Touched, states map[string]Review, s *Snapshot) AreaResult {
	a := t.Area
	r := AreaResult{
		Name: a.Name, Title: a.Title, Kind: a.Kind, Files: t.Files,
		Approvers: a.Logins(), VerificationRequired: len(a.Verifiers) > 0, Verifiers: a.Verifiers,
		ApprovedBy: []string{}, VerifiedBy: []string{}, ChangesRequestedBy: []string{}, StaleApprovals: []string{}, Missing: []string{},
	}
	approved, stale, changes := approvalsOnHead(a.Logins(), states, s)
	r.ApprovedBy = append(r.ApprovedBy, approved...)
	r.StaleApprovals = append(r.StaleApprovals, stale...)
	r.ChangesRequestedBy = append(r.ChangesRequestedBy, changes...)
	if r.VerificationRequired {
		verified, vstale, vchanges := approvalsOnHead(a.Verifiers, states, s)
		r.VerifiedBy = append(r.VerifiedBy, verified...)
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
	short := shortSHA(s.HeadSHA)
	if len(r.ApprovedBy) == 0 {
		r.Missing = append(r.Missing, fmt.Sprintf("an approving review of %s by one of %s", short, mentions(without(r.Approvers, s.Author))))
	}
	if r.VerificationRequired && len(r.VerifiedBy) == 0 {
		r.Missing = append(r.Missing, fmt.Sprintf("verification: an approving review of %s by the secretariat (%s)", short, mentions(without(r.Verifiers, s.Author))))
	}
	for _, l := range r.ChangesRequestedBy {
		r.Missing = append(r.Missing, fmt.Sprintf("@%s requested changes; they must approve, or their review be dismissed", l))
	}
	r.Satisfied = len(r.Missing) == 0
	return r
}

func areaReasons(r AreaResult, s *Snapshot) []Reason {
	var out []Reason
	label := fmt.Sprintf("%s (%s)", r.Title, r.Name)
	if len(r.ApprovedBy) == 0 {
		can := without(r.Approvers, s.Author)
		msg := fmt.Sprintf("%s needs an approving review of the head commit %s by one of its approvers", label, shortSHA(s.HeadSHA))
		if len(can) == 0 {
			msg = fmt.Sprintf("%s can only be approved by the author of this pull request, whose own approval never counts; another approver must be added to config.yaml first", label)
		}
		msg += staleNote(r.StaleApprovals, s) + selfNote(r.Approvers, s)
		out = append(out, Reason{Rule: "approval", Area: r.Name, Message: msg, Unblock: can})
	}
	if r.VerificationRequired && len(r.VerifiedBy) == 0 {
		out = append(out, Reason{Rule: "verification", Area: r.Name,
			Message: fmt.Sprintf("%s needs verification: an approving review of %s by a member of the secretariat", label, shortSHA(s.HeadSHA)),
			Unblock: without(r.Verifiers, s.Author)})
	}
	for _, l := range r.ChangesRequestedBy {
		out = append(out, Reason{Rule: "changes-requested", Area: r.Name,
			Message: fmt.Sprintf("@%s requested changes in %s", l, label), Unblock: []string{l}})
	}
	return out
}

func staleNote(stale []string, s *Snapshot) string {
	if len(stale) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s approved an earlier commit; commits pushed since need a new approval)", mentions(stale))
}

func selfNote(approvers []string, s *Snapshot) string {
	if containsFold(approvers, s.Author) {
		return fmt.Sprintf(" (the author @%s cannot approve their own pull request)", s.Author)
	}
	return ""
}

// ArticleReasons checks the head version of every changed article with the same rules as
// bbtgen check: in particular url, aliases and slug must keep a page inside its category, so
// that the approver of one category cannot publish in another. Media files are checked by the
// check job of the workflow, which has the whole tree.
func ArticleReasons(p *Policy, s *Snapshot) []Reason {
	var out []Reason
	checker := &content.Checker{Cfg: p.cfg, Now: s.Now}
	for _, f := range s.Files {
		if f.Status == Removed || path.Ext(f.Path) != ".md" || path.Base(f.Path) == "_index.md" {
			continue
		}
		cat := content.CategoryOf(p.cfg, f.Path)
		if cat == "" {
			continue
		}
		area := p.AreaOf(f.Path).Name
		data, ok := s.Articles[f.Path]
		if !ok {
			out = append(out, Reason{Rule: "content", Area: area, File: f.Path,
				Message: fmt.Sprintf("%s could not be read at %s, so it cannot be checked", f.Path, shortSHA(s.HeadSHA)), Unblock: []string{}})
			continue
		}
		a, problems := content.ParseArticle(f.Path, cat, data)
		if a != nil {
			problems = append(problems, checker.Article(a)...)
		}
		for _, pr := range problems {
			if pr.Severity != diag.Error { // warnings do not block
				continue
			}
			rule := "content"
			if pr.Rule == "escape" {
				rule = "escape"
			}
			out = append(out, Reason{Rule: rule, Area: area, File: f.Path, Line: pr.Line, Message: pr.String(), Unblock: []string{s.Author}})
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

func mentions(logins []string) string {
	if len(logins) == 0 {
		return "nobody"
	}
	out := make([]string, len(logins))
	for i, l := range logins {
		out[i] = "@" + l
	}
	return strings.Join(out, ", ")
}

func shortSHA(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
