package ledger

import (
	"bytes"
	"errors"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/filechange"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
)

// EventType is what happened to an article.
type EventType string

const (
	Publication   EventType = "publication"   // first time on the branch without draft: true
	Revision      EventType = "revision"      // a later change, move or restoration of a published article
	Unpublication EventType = "unpublication" // a published article removed
)

// Event is one thing that happened to an article on the publishing branch.
type Event struct {
	Type     EventType           `json:"type"`
	Path     string              `json:"path"`
	Commit   string              `json:"commit"`
	At       time.Time           `json:"at"`
	Date     calendar.Date       `json:"date"`
	Category string              `json:"category"`
	Kind     config.CategoryKind `json:"kind"`
	Title    string              `json:"title"`
	Authors  []string            `json:"authors"`
	Unit     string              `json:"unit"`
	// ID is the article's id (front matter id:), when it has one.
	ID string `json:"id,omitempty"`
	// Photos is the number of photos of a gallery.
	Photos  int                      `json:"photos,omitempty"`
	Royalty *content.RoyaltyOverride `json:"royalty,omitempty"`

	// cfg is the configuration in force at the commit: the ledger names and pays with it.
	cfg *config.Config
}

// WalkOptions configure Events.
type WalkOptions struct {
	// From and To bound the events returned (zero: no bound). The whole history is still
	// walked, to know which articles were published before From, but articles are read in
	// full only for the events returned.
	From, To calendar.Date
	// Progress, when set, is called as commits are read.
	Progress func(done, total int)
}

func (o WalkOptions) inside(d calendar.Date) bool {
	return (o.From.IsZero() || !d.Before(o.From)) && (o.To.IsZero() || !d.After(o.To))
}

// Events reads the first-parent history of tip, oldest first, and returns what happened to
// the articles, with the warnings met on the way. An article is published the first time it is
// on the branch without draft: true; its later changes are revisions; its removal is an
// unpublication. An article that comes back (moved, restored, moved with an edit) is known
// again by its id or its text (see the package doc) and is never published twice. Authors,
// unit and kind are read from the front matter as it was at each event.
//
// Each commit is read with its own config.yaml (see the package doc); cfg, the working tree's
// configuration, stands in for commits before the first valid one. Warnings are reported for
// the commits between opts.From and opts.To.
//
// The commits are diffed on all cores (each worker with its own view of the repository);
// the articles are then followed in order.
func Events(repo *gitrepo.Repository, tip *object.Commit, cfg *config.Config, opts WalkOptions) ([]Event, []Warning, error) {
	chain, err := gitrepo.FirstParents(tip, nil)
	if err != nil {
		return nil, nil, err
	}
	diffs, err := diffAll(repo, chain, opts.Progress)
	if err != nil {
		return nil, nil, err
	}
	configs := newConfigs(repo, cfg)
	w := newWalker(repo)
	var events []Event
	for i, c := range chain {
		at, problem := configs.at(c, diffs[i].config)
		when := c.Committer.When.In(at.Location())
		ctx := commitContext{commit: c.Hash.String(), date: calendar.DateOf(when)}
		ctx.wanted = opts.inside(ctx.date)
		if problem != "" && ctx.wanted && len(diffs[i].changes) > 0 {
			configs.note(c, diffs[i].config, problem, ctx.date)
		}
		for _, d := range w.commit(at, diffs[i].changes, ctx) {
			a := d.article
			ev := Event{Type: d.typ, Path: d.change.Path, Commit: ctx.commit, At: when, Date: ctx.date,
				Category: a.category, Kind: a.kind, ID: a.id, cfg: at}
			if d.typ != Unpublication {
				if r := readArticle(repo, d.change.Blob, d.change.Path, a.category); r != nil {
					ev.Title, ev.Authors, ev.Unit, ev.Royalty, ev.Photos = r.Title, r.Authors, r.Unit, r.Royalty, len(r.Images)
				}
			}
			events = append(events, ev)
		}
	}
	return events, append(configs.warnings(), w.warnings...), nil
}

// fileChange is a change to a Markdown file under content/, with what following the articles
// needs of its text. Whether the file is an article is decided later, with the configuration
// of its commit.
type fileChange struct {
	gitrepo.FileChange
	draft bool
	id    string // the front matter id, if any
}

// commitDiff is what a commit changed: its config.yaml blob and its Markdown files.
type commitDiff struct {
	config  plumbing.Hash // zero: the commit has no config.yaml
	changes []fileChange
}

// diffAll diffs every commit of the chain against the one before it, in parallel: each worker
// takes a contiguous run of commits and reads through its own reopened repository. Renames are
// not paired here: the walk pairs them, knowing the articles (see pairMoves).
func diffAll(repo *gitrepo.Repository, chain []*object.Commit, progress func(done, total int)) ([]commitDiff, error) {
	out := make([]commitDiff, len(chain))
	workers := min(runtime.GOMAXPROCS(0), 4, max(1, len(chain)/200))
	var done atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(chain)*w/workers, len(chain)*(w+1)/workers
		wg.Go(func() {
			r := repo
			if workers > 1 {
				r = gitrepo.Reopen(repo)
			}
			d := gitrepo.NewDiffer(r)
			for i := lo; i < hi; i++ {
				var parent *object.Commit
				if i > 0 {
					parent = chain[i-1]
				}
				var err error
				if out[i].config, err = d.BlobIn(chain[i], config.FileName); err != nil {
					errs[w] = err
					return
				}
				changes, err := d.CommitDiff(parent, chain[i], []string{content.Dir}, false)
				if err != nil {
					errs[w] = err
					return
				}
				d.Rotate()
				for _, ch := range changes {
					if path.Ext(ch.Path) != ".md" {
						continue
					}
					fc := fileChange{FileChange: ch}
					if ch.Status != filechange.Removed {
						data, err := gitrepo.ReadBlob(r, ch.Blob)
						if err != nil {
							errs[w] = err
							return
						}
						fc.draft, fc.id = isDraft(data), idOf(data)
					}
					out[i].changes = append(out[i].changes, fc)
				}
				done.Add(1)
			}
		})
	}
	if progress != nil {
		stop := make(chan struct{})
		go func() {
			t := time.NewTicker(200 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					progress(int(done.Load()), len(chain))
				}
			}
		}()
		wg.Wait()
		close(stop)
		progress(len(chain), len(chain))
	} else {
		wg.Wait()
	}
	return out, errors.Join(errs...)
}

// draftRE finds "draft: true" in front matter; strict checking (bbtgen check) guarantees
// that a draft flag on the publishing branch is written just so.
var draftRE = regexp.MustCompile(`(?m)^draft:[ \t]*true[ \t]*(#.*)?\r?$`)

// idRE finds the id in front matter, quoted or not; strict checking guarantees a plain scalar.
var idRE = regexp.MustCompile(`(?m)^id:[ \t]*(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s#"']+))[ \t]*(?:#.*)?\r?$`)

// frontMatter returns the front matter of an article (with its last line's end), or false
// when it has none.
func frontMatter(data []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("---\n"))
	if !ok {
		return nil, false
	}
	end := bytes.Index(rest, []byte("\n---"))
	if end < 0 {
		return nil, false
	}
	return rest[:end+1], true
}

// isDraft reads the draft flag of an article without parsing all of its front matter. An
// article without front matter is treated as a draft: Hugo would not have built it.
func isDraft(data []byte) bool {
	front, ok := frontMatter(data)
	return !ok || draftRE.Match(front)
}

// idOf reads the id of an article without parsing all of its front matter ("" when none).
func idOf(data []byte) string {
	front, ok := frontMatter(data)
	if !ok {
		return ""
	}
	m := idRE.FindSubmatch(front)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(string(m[1]) + string(m[2]) + string(m[3]))
}

// readArticle parses an article blob for its front matter, or returns nil.
func readArticle(repo *gitrepo.Repository, blob plumbing.Hash, p, cat string) *content.Article {
	data, err := gitrepo.ReadBlob(repo, blob)
	if err != nil {
		return nil
	}
	a, _ := content.ParseArticle(p, cat, data)
	return a
}
