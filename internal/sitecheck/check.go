// Package sitecheck is the whole-site check of bbtgen: config.yaml, every file under content/
// and static/, and the rules that involve both (bbtgen check runs it, and bbtgen build before
// anything is rendered). It also holds the published-output invariant, which the build applies
// to Hugo's page model after rendering. It does not link Hugo's site builder, so the review
// commands (bbtgen-review) can run the same check.
package sitecheck

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// Site is a site read from disk and checked: the configuration, the content and every
// problem found. Build uses it too, so a build never runs on a site check would refuse.
type Site struct {
	Dir      string
	Cfg      *config.Config
	Content  *content.Site
	Problems diag.List
	// Secretariat are the warnings only the secretariat can act on — the holiday calendar
	// running out, a required section empty or stale (the compliance list), a maintenance
	// notice to remove — kept out of every author's check (bbtgen check --config shows them).
	Secretariat diag.List
}

// calendarHorizon is how far ahead the holiday calendar must be known.
const calendarHorizon = 60 * 24 * time.Hour

// Check reads and checks the site in dir. The error is for what stops the check itself
// (the folder cannot be opened); problems with the site are in Problems.
func Check(dir string, now time.Time) (*Site, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder: %w", err)
	}
	defer root.Close()
	s := &Site{Dir: dir}
	cfg, problems := config.Load(filepath.Join(dir, config.FileName))
	for i := range problems {
		problems[i].File = config.FileName
	}
	s.Problems = problems
	if cfg == nil || problems.Errors() > 0 {
		// Articles cannot be checked against a configuration that is not there; say so
		// rather than pile up consequences of the same mistake.
		return s, nil
	}
	cfg.File = config.FileName
	s.Cfg = cfg
	checker := &content.Checker{Cfg: cfg, FS: root.FS(), Now: now}
	site, more := checker.Scan(root.FS())
	s.Content = site
	s.Problems = append(s.Problems, more...)
	s.Problems = append(s.Problems, siteWide(cfg, site, now)...)
	s.Secretariat = ConfigWarnings(cfg, now)
	for _, p := range legalProblems(cfg, site, root.FS(), now) {
		if p.Severity == diag.Warning && p.File == config.FileName {
			s.Secretariat = append(s.Secretariat, p)
		} else {
			s.Problems = append(s.Problems, p)
		}
	}
	s.Secretariat.Sort()
	s.Problems.Sort()
	return s, nil
}

// siteWide checks what involves both the configuration and the content.
func siteWide(cfg *config.Config, site *content.Site, now time.Time) diag.List {
	var problems diag.List
	if cfg.Board.Notice != "" {
		found := false
		for _, a := range site.Articles {
			found = found || a.Path == content.Dir+"/"+cfg.Board.Notice
		}
		if !found {
			pos := cfg.Pos.At("board.notice")
			problems.Add(diag.Problemf(config.FileName, pos.Line, pos.Column, "config-notice", "write the path under content/, e.g. van-ban/2026/thong-bao.md",
				"board.notice names %s, which is not an article of the site", content.Dir+"/"+cfg.Board.Notice))
		}
	}
	return problems
}

// ConfigWarnings are the warnings about config.yaml that only the secretariat can act on —
// the holiday calendar running out — and that no author should see under their article.
// bbtgen check shows them with --config; the daily queue run shows them to the secretariat.
func ConfigWarnings(cfg *config.Config, now time.Time) diag.List {
	var problems diag.List
	cal := cfg.WorkCalendar()
	today := calendar.DateOf(now.In(cfg.Location()))
	horizon := calendar.DateOf(now.In(cfg.Location()).Add(calendarHorizon))
	if until := cal.CoveredUntil(); until.IsZero() || until.Before(horizon) {
		pos := cfg.Pos.At("calendar.holidays")
		p := diag.Problemf(config.FileName, pos.Line, pos.Column, "calendar-horizon", "", "the holiday calendar is empty")
		if !until.IsZero() {
			p = diag.Problemf(config.FileName, pos.Line, pos.Column, "calendar-horizon", "",
				"the holiday calendar ends on %s, within %d days of %s", until, int(calendarHorizon.Hours()/24), today)
		}
		p.Severity = diag.Warning
		problems.Add(p.WithHint("add the public holidays of %d to calendar.holidays once the Government announces them; until then deadlines count only weekends", horizon.Year))
	}
	return problems
}
