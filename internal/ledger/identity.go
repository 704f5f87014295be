package ledger

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/go-git/go-git/v5/plumbing"
	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/filechange"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// sameText is the similarity from which two texts are one article (see similarity).
const sameText = 0.6

// article is one article followed through the history, whatever its path.
type article struct {
	id       string        // its id; "" while it has none
	path     string        // where it is, or was last
	blob     plumbing.Hash // its text there
	category string
	kind     config.CategoryKind
	live     bool // on the branch now
	// published is true once the article has been published: it is never published again.
	published bool
}

// walker follows the articles commit after commit.
type walker struct {
	repo *gitrepo.Repository
	live map[string]*article   // by path, the articles on the branch
	byID map[string]*article   // by id, every article that had one
	gone map[string][]*article // by last path, the articles removed, oldest first
	// words caches the word pairs of the texts compared.
	words    map[plumbing.Hash]map[string]bool
	warnings []Warning
}

func newWalker(repo *gitrepo.Repository) *walker {
	return &walker{repo: repo, live: map[string]*article{}, byID: map[string]*article{}, gone: map[string][]*article{},
		words: map[plumbing.Hash]map[string]bool{}}
}

// commitContext is the commit being read.
type commitContext struct {
	commit string
	date   calendar.Date
	wanted bool // its events and warnings are asked for
}

// decision is what a change did to an article: an event, or nothing (typ "").
type decision struct {
	typ     EventType
	change  fileChange
	article *article
}

// commit applies the changes of one commit, read with cfg, and returns the events they make,
// in the order of the changes.
func (w *walker) commit(cfg *config.Config, changes []fileChange, ctx commitContext) []decision {
	// The removed articles and the files that appear (added, or a file that just became an
	// article because its folder became a category).
	var removed, appeared []int
	for i, ch := range changes {
		switch {
		case ch.Status == filechange.Removed && w.live[ch.Path] != nil:
			removed = append(removed, i)
		case ch.Status != filechange.Removed && w.live[ch.Path] == nil && content.IsArticle(cfg, ch.Path):
			appeared = append(appeared, i)
		}
	}
	moves := w.pairMoves(changes, removed, appeared)
	movedAway := map[string]bool{}
	for _, a := range moves {
		movedAway[a.path] = true
	}
	var out []decision
	add := func(typ EventType, ch fileChange, a *article) {
		if typ != "" && ctx.wanted {
			out = append(out, decision{typ: typ, change: ch, article: a})
		}
	}
	for i, ch := range changes {
		a := w.live[ch.Path]
		switch {
		case ch.Status == filechange.Removed:
			if a == nil || movedAway[ch.Path] {
				continue
			}
			w.leave(a)
			if a.published {
				add(Unpublication, ch, a)
			}
		case moves[i] != nil:
			a = moves[i]
			same := a.blob == ch.Blob
			w.arrive(a, cfg, ch)
			if same {
				continue // moved without a change of text: nothing to record
			}
			add(w.changed(a, ch), ch, a)
		case a == nil:
			if !content.IsArticle(cfg, ch.Path) {
				continue
			}
			a = w.returning(ch, ctx)
			w.arrive(a, cfg, ch)
			add(w.changed(a, ch), ch, a)
		default: // a change in place
			if !content.IsArticle(cfg, ch.Path) {
				a.blob = ch.Blob // its folder is no longer a category: followed, not reported
				continue
			}
			w.arrive(a, cfg, ch)
			add(w.changed(a, ch), ch, a)
		}
	}
	return out
}

// changed is the event of a new text of a: a revision once published, else a publication when
// it is no longer a draft.
func (w *walker) changed(a *article, ch fileChange) EventType {
	switch {
	case a.published:
		return Revision
	case ch.draft:
		return ""
	}
	a.published = true
	return Publication
}

// leave takes a off the branch.
func (w *walker) leave(a *article) {
	delete(w.live, a.path)
	a.live = false
	w.gone[a.path] = append(w.gone[a.path], a)
}

// arrive puts a at the change's path, with its text, id and category there.
func (w *walker) arrive(a *article, cfg *config.Config, ch fileChange) {
	if a.live && w.live[a.path] == a {
		delete(w.live, a.path)
	}
	if !a.live && a.path != "" {
		w.gone[a.path] = slices.DeleteFunc(w.gone[a.path], func(b *article) bool { return b == a })
	}
	a.path, a.blob, a.live = ch.Path, ch.Blob, true
	w.live[ch.Path] = a
	if ch.id != "" && w.byID[ch.id] == nil {
		w.byID[ch.id] = a
	}
	if ch.id != "" && w.byID[ch.id] == a {
		a.id = ch.id
	}
	a.category = content.CategoryOf(cfg, ch.Path)
	if c, ok := cfg.Category(a.category); ok {
		a.kind = c.Kind
	}
}

// returning finds the article a file that appears is: one removed earlier, by its id or at the
// same path with a similar text (restored), or else a new one. A file that carries the id of
// an article still on the branch is another file: a copy when the texts are similar (not
// published again), a new article otherwise; both are reported.
func (w *walker) returning(ch fileChange, ctx commitContext) *article {
	if b := w.byID[ch.id]; ch.id != "" && b != nil {
		if !b.live {
			return b
		}
		copied := w.similarity(b.blob, ch.Blob) >= sameText
		what := "được tính là một bài mới"
		if copied {
			what = "có nội dung giống bài đó nên không được tính là bài mới"
		}
		if ctx.wanted {
			w.warnings = append(w.warnings, Warning{Rule: "id-duplicate", Path: ch.Path, Commit: ctx.commit, Date: ctx.date,
				Message: fmt.Sprintf("%s (commit %s, %s) mang id %s của %s, bài vẫn đang đăng; %s. Mỗi bài phải có id riêng: hãy đổi id của bài chép.",
					ch.Path, diag.ShortSHA(ctx.commit), dmy(ctx.date), ch.id, b.path, what)})
		}
		return &article{published: copied && b.published}
	}
	gone := w.gone[ch.Path]
	for i := len(gone) - 1; i >= 0; i-- { // the latest first
		b := gone[i]
		if b.id != "" && ch.id != "" && b.id != ch.id {
			continue // two ids: two articles
		}
		if w.similarity(b.blob, ch.Blob) >= sameText {
			return b
		}
	}
	return &article{}
}

// pairMoves pairs the removed articles with the files that appear in the same commit: same id,
// then same content, then similar text (best pairs first). It returns, for each paired change
// that appears, the article it is.
func (w *walker) pairMoves(changes []fileChange, removed, appeared []int) map[int]*article {
	moves := map[int]*article{}
	if len(removed) == 0 || len(appeared) == 0 {
		return moves
	}
	taken := map[int]bool{}
	pair := func(same func(a *article, r, ch fileChange) bool) {
		for _, ai := range appeared {
			if moves[ai] != nil {
				continue
			}
			for _, ri := range removed {
				a := w.live[changes[ri].Path]
				if !taken[ri] && same(a, changes[ri], changes[ai]) {
					moves[ai], taken[ri] = a, true
					break
				}
			}
		}
	}
	compatible := func(a *article, ch fileChange) bool { return a.id == "" || ch.id == "" || a.id == ch.id }
	pair(func(a *article, _, ch fileChange) bool { return ch.id != "" && a.id == ch.id })
	pair(func(a *article, r, ch fileChange) bool { return r.Blob == ch.Blob && compatible(a, ch) })

	type candidate struct {
		ai, ri int
		score  float64
	}
	var candidates []candidate
	for _, ai := range appeared {
		if moves[ai] != nil {
			continue
		}
		for _, ri := range removed {
			if a := w.live[changes[ri].Path]; !taken[ri] && compatible(a, changes[ai]) {
				if s := w.similarity(a.blob, changes[ai].Blob); s >= sameText {
					candidates = append(candidates, candidate{ai, ri, s})
				}
			}
		}
	}
	slices.SortStableFunc(candidates, func(x, y candidate) int { return cmp.Compare(y.score, x.score) })
	for _, c := range candidates {
		if moves[c.ai] == nil && !taken[c.ri] {
			moves[c.ai], taken[c.ri] = w.live[changes[c.ri].Path], true
		}
	}
	return moves
}

// similarity is the Jaccard index of the word pairs of two articles' texts: the number of
// pairs they share divided by the number of pairs in either. Only what readers read counts
// (title, summary, question, captions, body), not the front matter's keys and ids, which every
// article shares.
func (w *walker) similarity(a, b plumbing.Hash) float64 {
	if a == b {
		return 1
	}
	x, y := w.wordPairs(a), w.wordPairs(b)
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	common := 0
	for p := range x {
		if y[p] {
			common++
		}
	}
	return float64(common) / float64(len(x)+len(y)-common)
}

func (w *walker) wordPairs(h plumbing.Hash) map[string]bool {
	if p, ok := w.words[h]; ok {
		return p
	}
	data, err := gitrepo.ReadBlob(w.repo, h)
	if err != nil {
		data = nil // an unreadable text is like no other
	}
	p := wordPairs(articleText(data))
	w.words[h] = p
	return p
}

// articleText returns the parts of an article a reader reads: title, summary, question,
// captions and body.
func articleText(data []byte) []string {
	var fm struct {
		Title, Summary, Question string
		Images                   []struct{ Caption string }
	}
	var out []string
	front, ok := frontMatter(data)
	if !ok {
		return []string{string(data)}
	}
	if yaml.Unmarshal(front, &fm) == nil {
		out = append(out, fm.Title, fm.Summary, fm.Question)
		for _, im := range fm.Images {
			out = append(out, im.Caption)
		}
	}
	// The body starts after the closing "---" line.
	normal := strings.ReplaceAll(string(data), "\r\n", "\n")
	if _, body, found := strings.Cut(normal[4:], "\n---"); found {
		if _, body, found = strings.Cut(body, "\n"); found {
			out = append(out, body)
		}
	}
	return out
}

// wordPairs returns the pairs of consecutive words of each part, in lower case and NFC (a part
// of one word counts as that word).
func wordPairs(parts []string) map[string]bool {
	out := map[string]bool{}
	for _, part := range parts {
		words := strings.FieldsFunc(strings.ToLower(vntext.NFC(part)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) == 1 {
			out[words[0]] = true
		}
		for i := 0; i+1 < len(words); i++ {
			out[words[i]+" "+words[i+1]] = true
		}
	}
	return out
}
