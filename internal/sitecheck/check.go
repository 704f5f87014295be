// Package sitecheck is the whole-site check of bbtgen: config.yaml, every file under content/
// and static/, and the rules that involve both. bbtgen check runs it; bbtgen build runs it in
// two steps, Read and Finish, and publishes nothing before it has passed. It also holds the
// published-output invariant, which the build applies to Hugo's page model after rendering.
// It does not link Hugo's site builder, so the review commands (bbtgen-review) can run the
// same check.
package sitecheck

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	st, err := Read(dir, now)
	if err != nil {
		return nil, err
	}
	return st.Finish(), nil
}

// Staged is a check in two steps (see content.Checker.Read): Read has read config.yaml and
// parsed every file; Finish runs the checks that judge them. bbtgen build renders the site
// between the two and publishes nothing before Finish has found no error.
type Staged struct {
	root   *os.Root
	now    time.Time
	config diag.List // the problems of config.yaml
	parsed *Site
	scan   *content.Staged
}

// Read reads the site in dir: its configuration and every file under content/ and static/.
func Read(dir string, now time.Time) (*Staged, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder: %w", err)
	}
	cfg, problems := config.Load(filepath.Join(dir, config.FileName))
	for i := range problems {
		problems[i].File = config.FileName
	}
	st := &Staged{root: root, now: now, config: problems, parsed: &Site{Dir: dir, Problems: problems}}
	if cfg == nil || problems.Errors() > 0 {
		// Articles cannot be checked against a configuration that is not there; say so
		// rather than pile up consequences of the same mistake.
		return st, nil
	}
	cfg.File = config.FileName
	checker := &content.Checker{Cfg: cfg, FS: root.FS(), Now: now}
	st.scan = checker.Read(root.FS())
	st.parsed = &Site{Dir: dir, Cfg: cfg, Content: st.scan.Site(), Problems: append(slices.Clone(problems), st.scan.Problems()...)}
	return st, nil
}

// Renderable reports whether the site as read may be rendered before Finish: its reading
// found no error, and Hugo would run nothing bbtgen refuses (content.Staged.Renderable).
func (st *Staged) Renderable() bool {
	return st.parsed.Problems.Errors() == 0 && st.scan != nil && st.scan.Renderable()
}

// Parsed is the site as Read found it: its configuration, its content before the checks that
// judge it, and the problems found so far. When one is an error the site must not be rendered;
// Finish still tells the whole story. While Finish runs, only the articles' front matter may
// be used.
func (st *Staged) Parsed() *Site { return st.parsed }

// Finish runs the rest of the check and returns what Check returns. It is called once.
func (st *Staged) Finish() *Site {
	defer st.root.Close()
	if st.scan == nil {
		return st.parsed
	}
	cfg, now := st.parsed.Cfg, st.now
	site, more := st.scan.Finish()
	s := &Site{Dir: st.parsed.Dir, Cfg: cfg, Content: site, Problems: append(slices.Clone(st.config), more...)}
	s.Problems = append(s.Problems, siteWide(cfg, site, now)...)
	s.Secretariat = ConfigWarnings(cfg, now)
	for _, p := range legalProblems(cfg, site, st.root.FS(), now) {
		if p.Severity == diag.Warning && p.File == config.FileName {
			s.Secretariat = append(s.Secretariat, p)
		} else {
			s.Problems = append(s.Problems, p)
		}
	}
	s.Secretariat.Sort()
	s.Problems.Sort()
	return s
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
