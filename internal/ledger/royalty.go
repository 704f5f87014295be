package ledger

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
)

// Line is one author's share of one publication.
type Line struct {
	Date         calendar.Date      `json:"date"`
	Title        string             `json:"title"`
	Path         string             `json:"path"`
	Commit       string             `json:"commit"`
	Category     string             `json:"category"`
	CategoryName string             `json:"category_name"`
	Kind         config.RoyaltyKind `json:"kind"`
	Coefficient  config.Decimal     `json:"coefficient"`
	// Count is how many times the coefficient applies: the photos of a gallery, else 1.
	Count int `json:"count"`
	// Authors is the number of co-authors: each has 1/Authors, unless they agreed shares.
	Authors int `json:"authors"`
	// SharePercent is this author's agreed share in percent (front matter royalty.shares),
	// nil when the co-authors share equally.
	SharePercent *config.Decimal `json:"share_percent,omitempty"`
	Author       string          `json:"author"`
	AuthorName   string          `json:"author_name"`
	Unit         string          `json:"unit"`
	UnitName     string          `json:"unit_name"`
	UnitValue    int64           `json:"unit_value"`
	Amount       int64           `json:"amount"`
	PaymentDue   calendar.Date   `json:"payment_due"`
	Basis        string          `json:"basis"`
	Override     bool            `json:"override,omitempty"`
	// ID is the article's id (front matter id:), when it has one.
	ID string `json:"id,omitempty"`
}

// Total is a sum of amounts.
type Total struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Lines  int    `json:"lines"`
	Amount int64  `json:"amount"`
}

// RoyaltyLedger is the ledger of one month.
type RoyaltyLedger struct {
	Month   string  `json:"month"` // YYYY-MM
	Lines   []Line  `json:"lines"`
	Authors []Total `json:"authors"`
	Units   []Total `json:"units"`
	Total   int64   `json:"total"`
	// Warnings are what the history was read on assumptions about (see Events); they are
	// printed with the ledger.
	Warnings []Warning `json:"warnings,omitempty"`
}

// DefaultRoyaltyKind is the genre an article of a category kind is paid as.
var DefaultRoyaltyKind = map[config.CategoryKind]config.RoyaltyKind{
	config.KindNews:     config.RoyaltyNews,
	config.KindResearch: config.RoyaltyResearch,
	config.KindLegal:    config.RoyaltyLegal,
	config.KindQA:       config.RoyaltyQA,
	config.KindReply:    config.RoyaltyQA,
	config.KindGallery:  config.RoyaltyPhoto,
	// Posting a procedure, a draft for comments or a disclosure is posting a document.
	config.KindProcedure:    config.RoyaltyLegal,
	config.KindConsultation: config.RoyaltyLegal,
	config.KindDisclosure:   config.RoyaltyLegal,
}

// Royalty makes the ledger of the publications of one month: one line per author per
// publication, with the rate table in force on the publication date, the co-authors sharing
// equally or as they agreed (royalty.shares), each amount rounded once to the đồng, and the
// totals the sums of the lines.
//
// Each publication is named and paid with the configuration of its commit (see Events): its
// rate table, payment days and names, so that a later config.yaml does not change a past month
// (a rate table added afterwards with an earlier date included). cfg, the working tree's, stands
// in only for what that configuration lacks: events made by hand, a date before its first rate
// table, an author or unit it does not list.
func Royalty(cfg *config.Config, events []Event, year int, month time.Month, unit string) (*RoyaltyLedger, error) {
	l := &RoyaltyLedger{Month: fmt.Sprintf("%04d-%02d", year, int(month)), Lines: []Line{}, Authors: []Total{}, Units: []Total{}}
	for _, ev := range events {
		if ev.Type != Publication || ev.Date.Year != year || ev.Date.Month != month {
			continue
		}
		at := cfg
		if ev.cfg != nil {
			at = ev.cfg
		}
		rules := at // the rate table and payment days
		table, ok := rules.RoyaltyTableOn(ev.Date)
		if !ok && at != cfg {
			rules = cfg
			table, ok = rules.RoyaltyTableOn(ev.Date)
		}
		if !ok {
			return nil, fmt.Errorf("%s was published on %s, before the first royalty table of config.yaml", ev.Path, ev.Date)
		}
		kind := DefaultRoyaltyKind[ev.Kind]
		override := false
		if ev.Royalty != nil && ev.Royalty.Kind != "" {
			kind, override = ev.Royalty.Kind, true
		}
		coef := table.Coefficients[kind]
		if ev.Royalty != nil && ev.Royalty.Coefficient > 0 {
			coef, override = ev.Royalty.Coefficient, true
		}
		count := 1
		if kind == config.RoyaltyPhoto && ev.Photos > 0 {
			count = ev.Photos
		}
		authors := ev.Authors
		if len(authors) == 0 {
			continue
		}
		shares, problem := agreedShares(ev)
		if problem != "" {
			l.Warnings = append(l.Warnings, Warning{Rule: "royalty-shares", Path: ev.Path, Commit: ev.Commit, Date: ev.Date,
				Message: fmt.Sprintf("%s: %s; the co-authors are paid equal shares", ev.Path, problem)})
		}
		catName := ev.Category
		if c, ok := at.Category(ev.Category); ok {
			catName = c.Name
		} else if c, ok := cfg.Category(ev.Category); ok {
			catName = c.Name
		}
		unitName := ev.Unit
		if u, ok := at.Unit(ev.Unit); ok {
			unitName = u.Name
		} else if u, ok := cfg.Unit(ev.Unit); ok {
			unitName = u.Name
		}
		for _, id := range authors {
			line := Line{
				Date: ev.Date, Title: ev.Title, Path: ev.Path, Commit: ev.Commit, Category: ev.Category, CategoryName: catName,
				Kind: kind, Coefficient: coef, Count: count, Authors: len(authors), Author: id, AuthorName: id,
				Unit: ev.Unit, UnitName: unitName, UnitValue: table.UnitValue,
				Amount:     share(int64(coef), int64(count), table.UnitValue, int64(len(authors))),
				PaymentDue: ev.Date.AddDays(rules.Royalty.PaymentDays), Basis: table.Basis, Override: override, ID: ev.ID,
			}
			if shares != nil {
				pct := shares[id]
				line.SharePercent = &pct
				line.Amount = agreedShare(int64(coef), int64(count), table.UnitValue, int64(pct))
			}
			if a, ok := at.Author(id); ok {
				line.AuthorName = a.Name
			} else if a, ok := cfg.Author(id); ok {
				line.AuthorName = a.Name
			}
			l.Lines = append(l.Lines, line)
		}
	}
	if unit != "" {
		l.Lines = slices.DeleteFunc(l.Lines, func(x Line) bool { return x.Unit != unit })
	}
	slices.SortStableFunc(l.Lines, func(a, b Line) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Path, b.Path))
	})
	l.Authors = totals(l.Lines, func(x Line) (string, string) { return x.Author, x.AuthorName })
	l.Units = totals(l.Lines, func(x Line) (string, string) { return x.Unit, x.UnitName })
	for _, x := range l.Lines {
		l.Total += x.Amount
	}
	return l, nil
}

// share is coefficient (in thousandths) × count × unitValue ÷ authors, rounded half up to the
// đồng, computed in integers so that the same input always gives the same đồng.
func share(coefMilli, count, unitValue, authors int64) int64 {
	num := coefMilli * count * unitValue
	den := 1000 * authors
	return (2*num + den) / (2 * den)
}

// agreedShare is coefficient (in thousandths) × count × unitValue × percent (in thousandths)
// ÷ 100, rounded half up to the đồng, in integers.
func agreedShare(coefMilli, count, unitValue, pctMilli int64) int64 {
	num := coefMilli * count * unitValue * pctMilli
	den := int64(1000 * 100 * 1000)
	return (2*num + den) / (2 * den)
}

// agreedShares returns the co-authors' agreed shares of a publication (front matter
// royalty.shares, Decree 18/2014/NĐ-CP, art. 4(6)), or nil when they share equally. Shares
// bbtgen check would refuse — not adding up to 100, naming someone who is not an author,
// leaving an author out — are not applied: the line is paid equally and problem says why.
func agreedShares(ev Event) (map[string]config.Decimal, string) {
	if ev.Royalty == nil || len(ev.Royalty.Shares) == 0 {
		return nil, ""
	}
	var sum config.Decimal
	for id, pct := range ev.Royalty.Shares {
		if !slices.Contains(ev.Authors, id) {
			return nil, fmt.Sprintf("royalty share for %q, who is not among the authors", id)
		}
		sum += pct
	}
	for _, id := range ev.Authors {
		if _, ok := ev.Royalty.Shares[id]; !ok {
			return nil, fmt.Sprintf("author %q has no royalty share", id)
		}
	}
	if sum != 100*1000 {
		return nil, fmt.Sprintf("royalty shares add up to %s, not 100", sum)
	}
	return ev.Royalty.Shares, ""
}

func totals(lines []Line, key func(Line) (string, string)) []Total {
	byID := map[string]*Total{}
	var order []string
	for _, x := range lines {
		id, name := key(x)
		t, ok := byID[id]
		if !ok {
			t = &Total{ID: id, Name: name}
			byID[id] = t
			order = append(order, id)
		}
		t.Lines++
		t.Amount += x.Amount
	}
	slices.Sort(order)
	out := make([]Total, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out
}
