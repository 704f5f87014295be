package ledger

import (
	"path"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
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
	Type     EventType     `json:"type"`
	Path     string        `json:"path"`
	Commit   string        `json:"commit"`
	At       time.Time     `json:"at"`
	Date     calendar.Date `json:"date"`
	Category string        `json:"category"`
	Kind     config.Kind   `json:"kind"`
	Title    string        `json:"title"`
	Authors  []string      `json:"authors"`
	Unit     string        `json:"unit"`
	// Photos is the number of photos of a gallery.
	Photos  int                      `json:"photos,omitempty"`
	Royalty *content.RoyaltyOverride `json:"royalty,omitempty"`
}

// WalkOptions configure Events.
type WalkOptions struct {
	// Progress, when set, is called as commits are read.
	Progress func(done, total int)
}

type articleState struct {
	published bool
}

// Events reads the first-parent history of tip, oldest first, and returns what happened to
// the articles of cfg's categories. An article is published at the first commit where it
// exists without draft: true; later changes are revisions; its removal is an unpublication.
// A move (rename) carries the article over: it is not published again. Authors, unit and
// kind are read from the front matter as it was at each event.
func Events(repo *Repository, tip *object.Commit, cfg *config.Config, opts WalkOptions) ([]Event, error) {
	chain, err := FirstParents(tip, nil)
	if err != nil {
		return nil, err
	}
	loc := cfg.Location()
	state := map[string]articleState{}
	var events []Event
	var parent *object.Commit
	for i, c := range chain {
		changes, err := Diff(parent, c, []string{content.Dir}, true)
		if err != nil {
			return nil, err
		}
		parent = c
		if opts.Progress != nil && (i%100 == 0 || i == len(chain)-1) {
			opts.Progress(i+1, len(chain))
		}
		for _, ch := range changes {
			cat := content.CategoryOf(cfg, ch.Path)
			if ch.Action == Renamed && cat == "" {
				cat = content.CategoryOf(cfg, ch.OldPath)
			}
			if cat == "" || path.Ext(ch.Path) != ".md" || path.Base(ch.Path) == "_index.md" {
				continue
			}
			at := c.Committer.When.In(loc)
			ev := Event{Path: ch.Path, Commit: c.Hash.String(), At: at, Date: calendar.DateOf(at), Category: cat}
			if k, ok := cfg.Category(cat); ok {
				ev.Kind = k.Kind
			}
			before, existed := state[ch.Path]
			if ch.Action == Renamed {
				before, existed = state[ch.OldPath]
				delete(state, ch.OldPath)
			}
			if ch.Action == Removed {
				delete(state, ch.Path)
				if existed && before.published {
					ev.Type = Unpublication
					events = append(events, ev)
				}
				continue
			}
			a, draft := readArticle(repo, ch.Blob, ch.Path, cat)
			if a != nil {
				ev.Title, ev.Authors, ev.Unit, ev.Royalty, ev.Photos = a.Title, a.Authors, a.Unit, a.Royalty, len(a.Images)
			}
			now := articleState{published: existed && before.published || !draft}
			state[ch.Path] = now
			switch {
			case !now.published:
				continue // still a draft
			case !existed || !before.published:
				ev.Type = Publication
			case ch.Action == Renamed && ch.Blob == blobAt(parentOf(chain, i), ch.OldPath):
				continue // moved without a change of text
			default:
				ev.Type = Revision
			}
			events = append(events, ev)
		}
	}
	return events, nil
}

func parentOf(chain []*object.Commit, i int) *object.Commit {
	if i == 0 {
		return nil
	}
	return chain[i-1]
}

// blobAt is the blob of a file in a commit, or the zero hash.
func blobAt(c *object.Commit, p string) plumbing.Hash {
	if c == nil {
		return plumbing.ZeroHash
	}
	f, err := c.File(p)
	if err != nil {
		return plumbing.ZeroHash
	}
	return f.Hash
}

// readArticle parses an article blob. An article whose front matter cannot be read is taken
// as a draft: Hugo would not have built it either.
func readArticle(repo *Repository, blob plumbing.Hash, p, cat string) (*content.Article, bool) {
	data, err := ReadBlob(repo, blob)
	if err != nil {
		return nil, true
	}
	a, problems := content.ParseArticle(p, cat, data)
	if a == nil {
		return nil, true
	}
	for _, pr := range problems {
		if strings.HasPrefix(pr.Rule, "front-matter") || pr.Rule == "yaml-syntax" {
			return a, true
		}
	}
	return a, a.Draft
}
