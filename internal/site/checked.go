package site

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// CheckedError is a build stopped because the check found errors: nothing was published.
type CheckedError struct {
	Site *sitecheck.Site
}

func (e *CheckedError) Error() string {
	return fmt.Sprintf("the site has %d problem(s); nothing was built", e.Site.Problems.Errors())
}

// CheckAndBuild is bbtgen build: the check of the site in o.Dir at o.Now, and Build. Hugo
// renders while the check finishes judging what it read — the two share the machine's cores
// instead of taking turns — and nothing is published before the whole check has passed:
//   - a site whose reading already failed (a link out of the site, a file bbtgen cannot read
//     as Hugo does), or that would make Hugo run a shortcode bbtgen refuses, is not rendered
//     at all;
//   - the rendered site waits in the staging folder for the check's verdict (Options.Wait);
//   - when Hugo fails and the check found errors, the check's problems are the answer: they
//     say where and how to fix the site.
//
// The staging folder is made ready while the site is read. o's Cfg and Content are taken
// from the reading, and source, when set, gives the build's Source from it. The check's
// result is returned whenever it is known; the error is a *CheckedError when the check
// refused the site.
func CheckAndBuild(ctx context.Context, o Options, source func(parsed *sitecheck.Site) Source) (*sitecheck.Site, *Result, error) {
	start := time.Now()
	type prepared struct {
		w   *output
		err error
	}
	ready := make(chan prepared, 1)
	go func() {
		w, err := prepareOutput(o)
		ready <- prepared{w, err}
	}()
	st, err := sitecheck.Read(o.Dir, o.Now)
	out := <-ready
	// unused removes a staging folder made for this build that Hugo never wrote to, so that
	// a refused site leaves nothing behind (a folder holding an older build stays).
	unused := func() {}
	if out.err == nil {
		defer out.w.unlock()
		unused = func() { _ = os.Remove(out.w.staging) }
	}
	if err != nil {
		unused()
		return nil, nil, err
	}
	parsed := st.Parsed()
	if !st.Renderable() {
		s := st.Finish()
		unused()
		if s.Problems.Errors() == 0 {
			// Finish reports everything that makes a site unrenderable; this would be a bug.
			return s, nil, errors.New("bbtgen found the site unsafe to render, but its check reports no error")
		}
		return s, nil, &CheckedError{Site: s}
	}
	if out.err != nil {
		s := st.Finish()
		if s.Problems.Errors() > 0 {
			return s, nil, &CheckedError{Site: s}
		}
		return s, nil, out.err
	}
	finished := make(chan *sitecheck.Site, 1)
	go func() { finished <- st.Finish() }()
	var s *sitecheck.Site
	checked := func() *sitecheck.Site {
		if s == nil {
			s = <-finished
		}
		return s
	}
	defer checked() // the check ends before this does, whatever happens to the build
	o.Cfg, o.Content = parsed.Cfg, parsed.Content
	if source != nil {
		o.Source = source(parsed)
	}
	o.Wait = func() error {
		if checked().Problems.Errors() > 0 {
			return &CheckedError{Site: s}
		}
		// Finish leaves out only articles it finds an error in, so Hugo was given exactly the
		// articles the check passed; this would be a bug of bbtgen.
		if len(s.Content.Articles) != len(parsed.Content.Articles) {
			return fmt.Errorf("the check kept %d of the %d articles it read without reporting an error", len(s.Content.Articles), len(parsed.Content.Articles))
		}
		return nil
	}
	res, err := out.w.build(ctx, o)
	var refused *CheckedError
	if err != nil && !errors.As(err, &refused) && checked().Problems.Errors() > 0 {
		return s, nil, &CheckedError{Site: s}
	}
	if res != nil {
		res.Duration = time.Since(start)
	}
	return checked(), res, err
}
