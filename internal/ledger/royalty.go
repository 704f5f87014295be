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
	// Share is this author's share: 1/Authors.
	Authors    int           `json:"authors"`
	Author     string        `json:"author"`
	AuthorName string        `json:"author_name"`
	Unit       string        `json:"unit"`
	UnitName   string        `json:"unit_name"`
	UnitValue  int64         `json:"unit_value"`
	Amount     int64         `json:"amount"`
	PaymentDue calendar.Date `json:"payment_due"`
	Basis      string        `json:"basis"`
	Override   bool          `json:"override,omitempty"`
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
}

// Royalty makes the ledger of the publications of one month: one line per author per
// publication, with the rate table in force on the publication date, the co-authors sharing
// equally, each amount rounded once to the đồng, and the totals the sums of the lines.
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
