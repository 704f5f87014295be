package ledger

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// Contribution counts the work of an author or a unit.
type Contribution struct {
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	Unit         string         `json:"unit,omitempty"`
	Publications int            `json:"publications"`
	Revisions    int            `json:"revisions"`
	ByCategory   map[string]int `json:"by_category"`
	ByKind       map[string]int `json:"by_kind"`
	ByMonth      map[string]int `json:"by_month"`
}

// Reviewer is the review record of a board member (or of publication, Login "").
type Reviewer struct {
	Login         string       `json:"login"`
	Name          string       `json:"name"`
	Stage         policy.Stage `json:"stage"`
	Count         int          `json:"count"`
	Met           int          `json:"deadlines_met"`
	Share         float64      `json:"share_met"`
	MedianHours   float64      `json:"median_hours"`
	WorstOverdueH float64      `json:"worst_overdue_hours"`
}

// Report is the contribution report of a period.
type Report struct {
	From      calendar.Date  `json:"from"`
	To        calendar.Date  `json:"to"`
	Months    []string       `json:"months"`
	Authors   []Contribution `json:"authors"`
	Units     []Contribution `json:"units"`
	Reviewers []Reviewer     `json:"reviewers,omitempty"`
	// Reviewed is false when no GitHub data was available.
	Reviewed     bool `json:"reviewed"`
	PullRequests int  `json:"pull_requests"`
	Publications int  `json:"publications"`
	Revisions    int  `json:"revisions"`
	Unpublished  int  `json:"unpublications"`
	// Compliance is what the law requires of the site and whether the site meets it, as of
	// ComplianceDate (config.yaml's compliance list, sitecheck.Compliance); empty when
	// config.yaml lists no requirement.
	Compliance     []sitecheck.RequirementStatus `json:"compliance,omitempty"`
	ComplianceDate calendar.Date                 `json:"compliance_date,omitzero"`
}

// BuildReport counts publications and revisions per author and unit in [from, to], and, when
// times is not nil, the review latency and deadlines met per reviewer.
func BuildReport(cfg *config.Config, events []Event, from, to calendar.Date, times []policy.ReviewTime, pullRequests int, reviewed bool) *Report {
	r := &Report{From: from, To: to, Authors: []Contribution{}, Units: []Contribution{}, Reviewed: reviewed, PullRequests: pullRequests}
	for y, m := from.Year, from.Month; y < to.Year || y == to.Year && m <= to.Month; {
		r.Months = append(r.Months, fmt.Sprintf("%04d-%02d", y, int(m)))
		if m++; m > time.December {
			m, y = time.January, y+1
		}
	}
	authors := map[string]*Contribution{}
	units := map[string]*Contribution{}
	get := func(m map[string]*Contribution, id, name, unit string) *Contribution {
		c, ok := m[id]
		if !ok {
			c = &Contribution{ID: id, Name: name, Unit: unit, ByCategory: map[string]int{}, ByKind: map[string]int{}, ByMonth: map[string]int{}}
			m[id] = c
		}
		return c
	}
	for _, ev := range events {
		if ev.Date.Before(from) || ev.Date.After(to) {
			continue
		}
		month := fmt.Sprintf("%04d-%02d", ev.Date.Year, int(ev.Date.Month))
		kind := string(DefaultRoyaltyKind[ev.Kind])
		if ev.Royalty != nil && ev.Royalty.Kind != "" {
			kind = string(ev.Royalty.Kind)
		}
		unitName := ev.Unit
		if u, ok := cfg.Unit(ev.Unit); ok {
			unitName = u.Name
		}
		targets := []*Contribution{get(units, ev.Unit, unitName, "")}
		for _, id := range ev.Authors {
			name, unit := id, ""
			if a, ok := cfg.Author(id); ok {
				name, unit = a.Name, a.Unit
			}
			targets = append(targets, get(authors, id, name, unit))
		}
		switch ev.Type {
		case Publication:
			r.Publications++
			for _, c := range targets {
				c.Publications++
				c.ByCategory[ev.Category]++
				c.ByKind[kind]++
				c.ByMonth[month]++
			}
		case Revision:
			r.Revisions++
			for _, c := range targets {
				c.Revisions++
			}
		case Unpublication:
			r.Unpublished++
		}
	}
	r.Authors = sorted(authors)
	r.Units = sorted(units)
	if reviewed {
		r.Reviewers = reviewers(cfg, times)
	}
	return r
}

func sorted(m map[string]*Contribution) []Contribution {
	out := make([]Contribution, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Contribution) int {
		return cmp.Or(cmp.Compare(b.Publications, a.Publications), cmp.Compare(a.ID, b.ID))
	})
	return out
}

func reviewers(cfg *config.Config, times []policy.ReviewTime) []Reviewer {
	type key struct {
		login string
		stage policy.Stage
	}
	hours := map[key][]float64{}
	stats := map[key]*Reviewer{}
	for _, t := range times {
		k := key{t.Login, t.Stage}
		s, ok := stats[k]
		if !ok {
			name := "Tổ Thư ký (xuất bản)"
			if m, ok := cfg.MemberByLogin(t.Login); ok {
				name = m.Name
			}
			s = &Reviewer{Login: t.Login, Name: name, Stage: t.Stage}
			stats[k] = s
		}
		s.Count++
		if t.Met {
			s.Met++
		} else if over := t.Done.Sub(t.Deadline).Hours(); over > s.WorstOverdueH {
			s.WorstOverdueH = over
		}
		hours[k] = append(hours[k], t.Done.Sub(t.Since).Hours())
	}
	var out []Reviewer
	for k, s := range stats {
		h := hours[k]
		sort.Float64s(h)
		s.MedianHours = h[len(h)/2]
		if len(h)%2 == 0 {
			s.MedianHours = (h[len(h)/2-1] + h[len(h)/2]) / 2
		}
		s.Share = float64(s.Met) / float64(s.Count)
		out = append(out, *s)
	}
	stageOrder := map[policy.Stage]int{policy.StageVerify: 0, policy.StageApprove: 1, policy.StagePublish: 2}
	slices.SortFunc(out, func(a, b Reviewer) int {
		return cmp.Or(cmp.Compare(stageOrder[a.Stage], stageOrder[b.Stage]), cmp.Compare(a.Login, b.Login))
	})
	return out
}
