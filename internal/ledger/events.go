package ledger

import (
	"bytes"
	"errors"
	"regexp"
	"runtime"
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
	Revision      EventType = "revision"      // a later change of a published article
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
	// Photos is the number of photos of a gallery.
	Photos  int                      `json:"photos,omitempty"`
	Royalty *content.RoyaltyOverride `json:"royalty,omitempty"`
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

type articleState struct {
	published bool
}

// Events reads the first-parent history of tip, oldest first, and returns what happened to
// the articles of cfg's categories. An article is published at the first commit where it
// exists without draft: true; later changes are revisions; its removal is an unpublication.
// A move (rename) carries the article over: it is not published again. Authors, unit and
// kind are read from the front matter as it was at each event.
//
// The commits are diffed on all cores (each worker with its own view of the repository);
// the publication state is then followed in order.
func Events(repo *gitrepo.Repository, tip *object.Commit, cfg *config.Config, opts WalkOptions) ([]Event, error) {
	chain, err := gitrepo.FirstParents(tip, nil)
	if err != nil {
		return nil, err
	}
	diffs, err := diffAll(repo, chain, cfg, opts.Progress)
	if err != nil {
		return nil, err
	}
	loc := cfg.Location()
	state := map[string]articleState{}
	var events []Event
	for i, c := range chain {
		for _, ch := range diffs[i] {
			cat := content.CategoryOf(cfg, ch.Path)
			if ch.Status == filechange.Renamed && cat == "" {
				cat = content.CategoryOf(cfg, ch.OldPath)
			}
			at := c.Committer.When.In(loc)
			ev := Event{Path: ch.Path, Commit: c.Hash.String(), At: at, Date: calendar.DateOf(at), Category: cat}
			if k, ok := cfg.Category(cat); ok {
				ev.Kind = k.Kind
			}
			wanted := opts.inside(ev.Date)
			before, existed := state[ch.Path]
			if ch.Status == filechange.Renamed {
				before, existed = state[ch.OldPath]
				delete(state, ch.OldPath)
			}
			if ch.Status == filechange.Removed {
				delete(state, ch.Path)
				if existed && before.published && wanted {
					ev.Type = Unpublication
					events = append(events, ev)
				}
				continue
			}
			if existed && before.published {
				state[ch.Path] = before
				if ch.Status == filechange.Renamed && ch.Blob == ch.oldBlob {
					continue // moved without a change of text
				}
				ev.Type = Revision
			} else {
				state[ch.Path] = articleState{published: !ch.draft}
				if ch.draft {
					continue
				}
				ev.Type = Publication
			}
			if !wanted {
				continue
			}
			if a := readArticle(repo, ch.Blob, ch.Path, cat); a != nil {
				ev.Title, ev.Authors, ev.Unit, ev.Royalty, ev.Photos = a.Title, a.Authors, a.Unit, a.Royalty, len(a.Images)
			}
			events = append(events, ev)
		}
	}
	return events, nil
}

// articleChange is a change to an article, with what the state machine needs of its text.
type articleChange struct {
	gitrepo.FileChange
	draft   bool
	oldBlob plumbing.Hash // for renames, the blob before the move
}

// diffAll diffs every commit of the chain against the one before it, in parallel: each worker
// takes a contiguous run of commits and reads through its own reopened repository.
func diffAll(repo *gitrepo.Repository, chain []*object.Commit, cfg *config.Config, progress func(done, total int)) ([][]articleChange, error) {
	out := make([][]articleChange, len(chain))
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
				changes, err := d.CommitDiff(parent, chain[i], []string{content.Dir}, true)
				if err != nil {
					errs[w] = err
					return
				}
				d.Rotate()
				for _, ch := range changes {
					cat := content.CategoryOf(cfg, ch.Path)
					if ch.Status == filechange.Renamed && cat == "" {
						cat = content.CategoryOf(cfg, ch.OldPath)
					}
					if !content.IsArticle(cfg, ch.Path) && !(ch.Status == filechange.Renamed && content.IsArticle(cfg, ch.OldPath)) {
						continue
					}
					ac := articleChange{FileChange: ch}
					if ch.Status != filechange.Removed {
						data, err := gitrepo.ReadBlob(r, ch.Blob)
						if err != nil {
							errs[w] = err
							return
						}
						ac.draft = isDraft(data)
					}
					if ch.Status == filechange.Renamed {
						if ac.oldBlob, err = d.BlobIn(parent, ch.OldPath); err != nil {
							errs[w] = err
							return
						}
					}
					out[i] = append(out[i], ac)
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

// isDraft reads the draft flag of an article without parsing all of its front matter. An
// article without front matter is treated as a draft: Hugo would not have built it.
func isDraft(data []byte) bool {
	rest, ok := bytes.CutPrefix(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("---\n"))
	if !ok {
		return true
	}
	end := bytes.Index(rest, []byte("\n---"))
	if end < 0 {
		return true
	}
	return draftRE.Match(rest[:end+1])
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
