package policy

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// Stage is a step of the work on a pull request, as the queue and the reports name it.
type Stage string

// Stages of the work on a pull request.
const (
	StageVerify  Stage = "verify"  // the secretariat verifies (xác thực)
	StageApprove Stage = "approve" // an approver of the area approves (duyệt)
	StagePublish Stage = "publish" // the secretariat member merges (xuất bản), the same working day
)

// QueueInput is an open pull request as the queue needs it.
type QueueInput struct {
	Snapshot *Snapshot
	// Ready is when the pull request was opened or last marked ready for review.
	Ready time.Time
	// Requested are the logins whose review is requested now.
	Requested []string
}

// Waiting is one person the work waits on, with their own deadline.
type Waiting struct {
	Login    string    `json:"login"`
	Deadline time.Time `json:"deadline"`
	Overdue  bool      `json:"overdue"`
}

// Away is an absent member whose work went to the others.
type Away struct {
	Login  string `json:"login"`
	Until  string `json:"until"`
	Reason string `json:"reason,omitempty"`
}

// QueueItem is one piece of waiting work: a stage of an area of a pull request.
type QueueItem struct {
	PR        int       `json:"pr"`
	Title     string    `json:"title"`
	Author    string    `json:"author"`
	Area      string    `json:"area"`
	AreaTitle string    `json:"area_title"`
	Stage     Stage     `json:"stage"`
	WaitingOn []string  `json:"waiting_on"`
	Since     time.Time `json:"since"`
	// Deadline is the earliest deadline of the people waited on (the first responsible).
	Deadline time.Time `json:"deadline"`
	Overdue  bool      `json:"overdue"`
	// People lists each person waited on with their own deadline.
	People []Waiting `json:"people"`
	// Away lists approvers or verifiers on leave whose share went to the others at once.
	Away []Away `json:"away,omitempty"`
	// Escalate lists whom to request as reviewers now: the head, when a deputy's deadline has
	// passed or the deputies are away, unless already requested.
	Escalate []string `json:"escalate,omitempty"`
	// ScheduledAt is, at the publish stage, the publish_at of its articles when it is still to
	// come (hẹn đăng): it is then merged at that time, not before.
	ScheduledAt *time.Time `json:"scheduled_at,omitempty"`
}

// BuildQueue lists the waiting work of every open, non-draft pull request, the most overdue
// first. The clock of an approver starts when the secretariat verified the current head (for
// areas with verification) or else when the pull request was opened or last marked ready; the
// secretariat's clock starts then too; publishing is due the same working day the last
// required approval arrived.
func BuildQueue(p *Policy, cal *calendar.Calendar, now time.Time, inputs []QueueInput) []QueueItem {
	cfg := p.Config()
	var items []QueueItem
	today := calendar.DateOf(now.In(cal.Location()))
	for _, in := range inputs {
		s := in.Snapshot
		if s.Draft {
			continue
		}
		states, areas := judge(p, s)
		complete := time.Time{}
		allDone := true
		blocked := false
		for _, ja := range areas {
			t, r := ja.Touched, ja.AreaResult
			if len(r.ChangesRequestedBy) > 0 {
				blocked = true // the author has work to do; nobody of the board is waited on
				allDone = false
				continue
			}
			item := QueueItem{PR: s.Number, Title: s.Title, Author: s.Author, Area: t.Area.Name, AreaTitle: t.Area.Title}
			switch {
			case r.VerificationRequired && len(r.VerifiedBy) == 0:
				item.Stage, item.Since = StageVerify, in.Ready
				item.People, item.Away = waitFor(cfg, cal, today, without(r.Verifiers, s.Author), func(string) int { return cfg.Review.VerifyDeadlineDays }, item.Since)
			case len(r.ApprovedBy) == 0:
				item.Stage, item.Since = StageApprove, in.Ready
				if r.VerificationRequired {
					item.Since = earliest(states, r.VerifiedBy)
				}
				days := map[string]int{}
				for _, a := range t.Area.Approvers {
					days[strings.ToLower(a.Login)] = a.DeadlineDays
				}
				item.People, item.Away = waitFor(cfg, cal, today, without(r.Approvers, s.Author), func(l string) int { return days[strings.ToLower(l)] }, item.Since)
				item.Escalate = escalate(cfg, t.Area, item, s, in.Requested, now)
			default:
				complete = later(complete, satisfiedAt(r, states))
				continue
			}
			allDone = false
			finish(&item, now, cal.Location())
			items = append(items, item)
		}
		if allDone && !blocked && !complete.IsZero() {
			var publishers []string
			for _, m := range cfg.Board.Members {
				if m.Has(config.RoleSecretariatMember) {
					publishers = append(publishers, m.GitHub)
				}
			}
			item := QueueItem{PR: s.Number, Title: s.Title, Author: s.Author, Area: "", AreaTitle: "", Stage: StagePublish, Since: complete}
			item.People, item.Away = waitFor(cfg, cal, today, publishers, func(string) int { return cfg.Review.PublishDeadlineDays }, complete)
			finish(&item, now, cal.Location())
			items = append(items, item)
		}
	}
	slices.SortStableFunc(items, func(a, b QueueItem) int {
		return cmp.Or(a.Deadline.Compare(b.Deadline), cmp.Compare(a.PR, b.PR), cmp.Compare(a.Area, b.Area))
	})
	return items
}

// waitFor lists the people waited on with their deadlines, leaving out those away today (their
// work goes to the others at once) unless everybody is away.
func waitFor(cfg *config.Config, cal *calendar.Calendar, today calendar.Date, logins []string, days func(string) int, since time.Time) ([]Waiting, []Away) {
	var people []Waiting
	var away []Away
	for _, l := range logins {
		if m, ok := cfg.MemberByLogin(l); ok {
			if a, ok := cfg.Away(m.ID, today); ok {
				away = append(away, Away{Login: l, Until: a.To.String(), Reason: a.Reason})
				continue
			}
		}
		people = append(people, Waiting{Login: l, Deadline: cal.Deadline(since, days(l))})
	}
	if len(people) == 0 { // everybody is away: the work still waits on them
		for _, l := range logins {
			people = append(people, Waiting{Login: l, Deadline: cal.Deadline(since, days(l))})
		}
	}
	return people, away
}

func finish(item *QueueItem, now time.Time, loc *time.Location) {
	item.Since = item.Since.In(loc)
	for i := range item.People {
		item.People[i].Overdue = now.After(item.People[i].Deadline)
		item.WaitingOn = append(item.WaitingOn, item.People[i].Login)
		if item.Deadline.IsZero() || item.People[i].Deadline.Before(item.Deadline) {
			item.Deadline = item.People[i].Deadline
		}
	}
	item.Overdue = !item.Deadline.IsZero() && now.After(item.Deadline)
}

// escalate names the heads to request as reviewers: when a deputy's deadline has passed, or
// when the deputies of the area are away, the head (who approves every category) is asked.
func escalate(cfg *config.Config, area *Area, item QueueItem, s *Snapshot, requested []string, now time.Time) []string {
	trigger := false
	for _, w := range item.People {
		if m, ok := cfg.MemberByLogin(w.Login); ok && !m.Has(config.RoleHead) && now.After(w.Deadline) {
			trigger = true
		}
	}
	for _, a := range item.Away {
		if m, ok := cfg.MemberByLogin(a.Login); ok && !m.Has(config.RoleHead) {
			trigger = true
		}
	}
	if !trigger {
		return nil
	}
	var out []string
	for _, w := range item.People {
		m, ok := cfg.MemberByLogin(w.Login)
		if ok && m.Has(config.RoleHead) && area.HasApprover(w.Login) && !containsFold(requested, w.Login) && !strings.EqualFold(w.Login, s.Author) {
			out = append(out, w.Login)
		}
	}
	return out
}

// satisfiedAt is when an area became satisfied: its first valid approval and, where required,
// its first valid verification.
func satisfiedAt(r AreaResult, states map[string]Review) time.Time {
	done := earliest(states, r.ApprovedBy)
	if r.VerificationRequired {
		done = later(done, earliest(states, r.VerifiedBy))
	}
	return done
}

// ApprovedAt tells when the last approval a pull request needed arrived; ok is false when
// it is not approved in every area it touches.
func ApprovedAt(p *Policy, s *Snapshot) (at time.Time, ok bool) {
	states, areas := judge(p, s)
	for _, ja := range areas {
		r := ja.AreaResult
		if !r.Satisfied {
			return time.Time{}, false
		}
		at = later(at, satisfiedAt(r, states))
	}
	return at, !at.IsZero()
}

func earliest(states map[string]Review, logins []string) time.Time {
	_, t := first(states, logins)
	return t
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Describe says in one line what an item waits for, for people, as a sentence of the message
// catalog (package i18n prints it in the reader's language).
func (q QueueItem) Describe() diag.Text {
	who := mentions(q.WaitingOn)
	switch q.Stage {
	case StageVerify:
		return diag.T("verification by %s", who)
	case StagePublish:
		return diag.T("publication (merge) by %s", who)
	}
	return diag.T("approval by %s", who)
}

// ReviewTime is how long one stage of a merged pull request took, against its deadline.
type ReviewTime struct {
	PR       int       `json:"pr"`
	Area     string    `json:"area"`
	Stage    Stage     `json:"stage"`
	Login    string    `json:"login"` // who acted ("" for publication)
	Since    time.Time `json:"since"`
	Done     time.Time `json:"done"`
	Deadline time.Time `json:"deadline"`
	Met      bool      `json:"met"`
}

// ReviewTimes measures a merged pull request: for each area, the verification and the approval
// that counted (the first on the merged head), and the publication (merge) once all were in;
// each against the deadline the queue would have shown.
func ReviewTimes(p *Policy, cal *calendar.Calendar, in QueueInput, mergedAt time.Time) []ReviewTime {
	cfg := p.Config()
	s := in.Snapshot
	states, areas := judge(p, s)
	var out []ReviewTime
	add := func(area string, stage Stage, login string, since, done time.Time, days int) {
		if since.IsZero() || done.IsZero() {
			return
		}
		rt := ReviewTime{PR: s.Number, Area: area, Stage: stage, Login: login, Since: since.In(cal.Location()), Done: done.In(cal.Location()), Deadline: cal.Deadline(since, days)}
		rt.Met = !rt.Done.After(rt.Deadline)
		out = append(out, rt)
	}
	complete := time.Time{}
	for _, ja := range areas {
		t, r := ja.Touched, ja.AreaResult
		if !r.Satisfied {
			continue
		}
		since := in.Ready
		if r.VerificationRequired {
			who, at := first(states, r.VerifiedBy)
			add(t.Area.Name, StageVerify, who, in.Ready, at, cfg.Review.VerifyDeadlineDays)
			since = at
		}
		who, at := first(states, r.ApprovedBy)
		days := 0
		for _, a := range t.Area.Approvers {
			if strings.EqualFold(a.Login, who) {
				days = a.DeadlineDays
			}
		}
		add(t.Area.Name, StageApprove, who, since, at, days)
		complete = later(complete, satisfiedAt(r, states))
	}
	add("", StagePublish, "", complete, mergedAt, cfg.Review.PublishDeadlineDays)
	return out
}

// first is who, among logins, acted first, and when.
func first(states map[string]Review, logins []string) (string, time.Time) {
	who, at := "", time.Time{}
	for _, l := range logins {
		if r, ok := states[strings.ToLower(l)]; ok && (at.IsZero() || r.SubmittedAt.Before(at)) {
			who, at = l, r.SubmittedAt
		}
	}
	return who, at
}
