package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
)

// Publication is whether bbtgen may merge a pull request now, and if not, why.
type Publication struct {
	Merge bool `json:"merge"`
	// Why says why not ("" when Merge): not mergeable, publication by hand, held, scheduled.
	Why string `json:"why,omitempty"`
	// Due is the publish_at of its articles, when one is set (the latest of them).
	Due time.Time `json:"due,omitempty"`
}

// Reasons a mergeable pull request is not merged by bbtgen.
const (
	WhyNotMergeable = "not-mergeable"
	WhyManual       = "manual"
	WhyHeld         = "held"
	WhyScheduled    = "scheduled"
)

// Publish decides whether an evaluated pull request is merged now: only when it is mergeable,
// review.publish is auto, it does not carry the hold label, and the time set by publish_at
// (hẹn giờ đăng) in its articles, if any, has come — so nothing of a scheduled article is on
// the publishing branch before its time.
func Publish(p *Policy, d *Decision, s *Snapshot, labels []string, now time.Time) Publication {
	due := ScheduledAt(p, s)
	pub := Publication{Due: due}
	switch {
	case !d.Mergeable:
		pub.Why = WhyNotMergeable
	case p.cfg.Review.Publish != config.PublishAuto:
		pub.Why = WhyManual
	case slices.ContainsFunc(labels, func(l string) bool { return strings.EqualFold(l, p.cfg.Review.HoldLabel) }):
		pub.Why = WhyHeld
	case due.After(now):
		pub.Why = WhyScheduled
	default:
		pub.Merge = true
	}
	return pub
}

// ScheduledAt is the latest publish_at of the pull request's changed articles (zero when none
// sets one).
func ScheduledAt(p *Policy, s *Snapshot) time.Time {
	var due time.Time
	for path, data := range s.Articles {
		if !content.IsArticle(p.cfg, path) {
			continue
		}
		a, _ := content.ParseArticle(path, content.CategoryOf(p.cfg, path), data)
		if a != nil && a.PublishAt.After(due) {
			due = a.PublishAt.Time
		}
	}
	return due
}

// MergeMessage is the merge commit's title and message: the approvals and the verification
// the merge relied on, by name and login, so that git log and bbtgen audit tell the story
// without asking GitHub. The trailers at the end are for programs.
func MergeMessage(p *Policy, d *Decision, s *Snapshot) (title, message string) {
	title = fmt.Sprintf("Xuất bản #%d: %s", s.Number, s.Title)
	var b strings.Builder
	name := func(login string) string {
		for _, m := range p.cfg.Board.Members {
			if strings.EqualFold(m.GitHub, login) {
				return fmt.Sprintf("%s (@%s)", m.Name, login)
			}
		}
		return "@" + login
	}
	var approved, verified []string
	for _, a := range d.Areas {
		for _, l := range a.ApprovedBy {
			fmt.Fprintf(&b, "Duyệt %s: %s\n", a.Title, name(l))
			approved = append(approved, l)
		}
		for _, l := range a.VerifiedBy {
			fmt.Fprintf(&b, "Xác thực %s: %s\n", a.Title, name(l))
			verified = append(verified, l)
		}
	}
	fmt.Fprintf(&b, "Tác giả: @%s\n\n", s.Author)
	fmt.Fprintf(&b, "bbtgen-approved-head: %s\n", d.HeadSHA)
	fmt.Fprintf(&b, "bbtgen-approved-by: %s\n", strings.Join(slices.Compact(slices.Sorted(slices.Values(approved))), ", "))
	if len(verified) > 0 {
		fmt.Fprintf(&b, "bbtgen-verified-by: %s\n", strings.Join(slices.Compact(slices.Sorted(slices.Values(verified))), ", "))
	}
	return title, b.String()
}
