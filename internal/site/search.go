package site

// The search index (chỉ mục tìm kiếm) of the citizens' site, written after Hugo has rendered
// and read by assets/js/search.js. It is made for a site of tens of thousands of articles
// served as static files: a query downloads a few small files, not the whole index.
//
// What is indexed: every article Hugo published that bbtgen checked and that is neither a
// draft nor dated in the future — its title; its summary, legal number, issuer, document type,
// signer, question and tags; and its text as readers see it (Hugo's rendered content without
// its HTML: link text and not addresses, no Markdown syntax). The text comes from Hugo's page
// model rather than from the Markdown files read again: Hugo has just rendered every article
// and still holds the result, so the index costs no second Markdown reading and cannot
// disagree with what is published.
//
// Words: Vietnamese writes a word as several syllables ("hành chính"), so the syllable is the
// unit. A term is a folded syllable (vntext.Fold: no diacritics, đ → d, lower case, so "Đoàn"
// is "doan"; "lý" and "lí" alike, see spellingVariant), or two syllables that follow each
// other ("hanh chinh"): the pairs let a phrase rank above pages holding its syllables far
// apart. Syllables pair only across spaces and the signs inside document numbers (/ and -),
// never across other punctuation, so "533/QĐ-SNV" is the terms 533, qd, snv, "533 qd" and
// "qd snv" whichever way it is typed. search.js keeps the articles holding every syllable of
// the query, puts those holding its pairs first, then weighs title over summary and metadata
// over text, then the newest.
//
// Files, all under /tim-kiem/chi-muc/ (the address space of the search page):
//
//	meta.json     {"v": version, "n": articles, "b": shards}
//	s/<k>.json    shard k: {"term": postings, …} for every term whose FNV-1a hash modulo b is k
//	d/<i>.json    article i (newest first): address, title, category, dates, number, summary
//	              and the first maxDocText bytes of its text, for the snippet
//
// A posting list is the articles holding a term, in increasing order, each written as
// (gap << 3 | fields) in a base-64 varint: five bits a character, the sixth saying that more
// follow; fields are title (4), summary and metadata (2), text (1). A common term costs one
// character an article, which gzip shrinks further. The category of an article is the term
// "#<folder>", so a search within a category is one more posting list.
//
// Shards are found by hashing rather than by the first letters of a term: Vietnamese syllables
// crowd into a few beginnings (ch, th, ng, tr), and shards by prefix would be as uneven.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/cast"

	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// SearchDir is where the index is published, under the search page's own address.
const SearchDir = content.SearchIndexDir

const (
	fieldTitle = 4
	fieldMeta  = 2
	fieldText  = 1

	// shardTarget is the size in bytes (before gzip) a shard should have on average; the
	// number of shards is the power of two that comes closest from above.
	shardTarget = 6 << 10
	maxShards   = 1 << 14
	// maxDocText bounds the text kept for snippets in an article's file; the whole text is
	// indexed.
	maxDocText = 8 << 10
)

// joiners are the characters across which two syllables make a term together: spaces and
// the signs inside document numbers. assets/js/search.js has the same list (search_test.go
// checks it).
const joiners = " \t\u00a0/-\u2010\u2011\u2013_+&*"

// asciiJoiner tells the ASCII joiners at a glance.
var asciiJoiner = func() (t [utf8.RuneSelf]bool) {
	for _, r := range joiners {
		if r < utf8.RuneSelf {
			t[r] = true
		}
	}
	return t
}()

// searchDoc is one article as the index sees it.
type searchDoc struct {
	URL          string
	Title        string
	Category     string // the folder
	CategoryName string
	Date         time.Time
	Summary      string
	Meta         []string // number, issuer, document type, signer, question, tags
	Number       string
	// Content is the article's text as Hugo rendered it (HTML); it is made plain text while
	// indexing, one article at a time, so that the text of ten thousand is never held at once.
	Content string
}

// writeSearchIndex indexes the published articles of a finished Hugo build into out and
// returns how many files it wrote. A build of unchecked content (no o.Content) has no index.
func writeSearchIndex(ctx context.Context, h *hugolib.HugoSites, dir, out string, o Options) (int, error) {
	if indexDir(o) == "" {
		return 0, nil
	}
	docs, err := searchDocs(ctx, h, dir, o)
	if err != nil {
		return 0, err
	}
	return writeIndex(docs, out)
}

// indexDir is the folder of the output the build's search index owns, or "" when the build
// writes none.
func indexDir(o Options) string {
	if o.Content == nil {
		return ""
	}
	return SearchDir
}

// searchDocs joins Hugo's pages with bbtgen's checked articles: an article is indexed only
// when bbtgen checked it, it is published by this build (not a draft, not in the future) and
// Hugo rendered it. The result is newest first.
func searchDocs(ctx context.Context, h *hugolib.HugoSites, dir string, o Options) ([]searchDoc, error) {
	published := map[string]*content.Article{}
	for _, a := range o.Content.Articles {
		if !a.Draft && !a.Date.After(o.Now) {
			published[a.Path] = a
		}
	}
	names := map[string]string{}
	for _, c := range o.Cfg.Categories {
		names[c.Folder] = c.Name
	}
	var docs []searchDoc
	var errs []error
	for _, p := range h.Pages() {
		if p.Kind() != "page" || p.File() == nil {
			continue
		}
		a := published[relSource(p.File().Filename(), dir, o.generated)]
		if a == nil {
			continue
		}
		// Content is what Hugo rendered and still holds (Plain would also count the words).
		c, err := p.Content(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", a.Path, err))
			continue
		}
		d := searchDoc{URL: p.RelPermalink(), Title: a.Title, Category: a.Category, CategoryName: names[a.Category],
			Date: a.Date.Time, Summary: a.Summary, Number: a.Number, Content: cast.ToString(c)}
		for _, m := range []string{a.Number, a.Issuer, a.DocType, a.Signer, a.Question} {
			if m != "" {
				d.Meta = append(d.Meta, m)
			}
		}
		d.Meta = append(d.Meta, a.Tags...)
		docs = append(docs, d)
	}
	if err := errors.Join(append(errs, ctx.Err())...); err != nil {
		return nil, err
	}
	slices.SortFunc(docs, func(x, y searchDoc) int {
		if c := y.Date.Compare(x.Date); c != 0 {
			return c
		}
		return strings.Compare(x.URL, y.URL)
	})
	return docs, nil
}

// parallel calls f(0) … f(n-1) on all cores.
func parallel(n int, f func(int)) {
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), n)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				f(i)
			}
		})
	}
	wg.Wait()
}

// searchIndex is the index in memory: the term tables of the runs of articles, and for each
// term, its place in each table (a term's posting list is the lists of the runs, in order).
type searchIndex struct {
	tables []*termTable
	terms  map[string][]termRef
}

type termRef struct {
	table int
	id    int32
}

// postings returns the posting list of a term (a copy, for tests).
func (idx *searchIndex) postings(term string) postings {
	var p postings
	for _, r := range idx.terms[term] {
		p = append(p, idx.tables[r.table].lists[r.id]...)
	}
	return p
}

// postings are the articles holding a term, in increasing order, each as doc<<3 | fields.
type postings []uint32

// termTable collects the terms of a run of articles. Syllables are numbered as they come, so
// that a pair is looked up by two numbers rather than by a string made for the purpose. Both
// are found through tables of their own (open addressing, linear probing): looking terms up
// is most of the work of indexing, and these are several times faster than Go's maps here.
type termTable struct {
	sylSlots  []int32 // a syllable's id + 1, at its hash; 0 is free
	pairSlots []int32 // a pair's id + 1, at its hash
	syllables int     // how many of each, to grow the slots in time
	pairs     int
	names     []string   // of each term: the syllable, or "" for a pair
	hashes    []uint32   // of each term: the hash it was placed by
	pairOf    [][2]int32 // of each term: the syllables of a pair; {-1} for a syllable
	lists     []postings // of each term: its posting list
	last      []int32    // of each term: the article of its last posting
}

func newTermTable() *termTable {
	return &termTable{sylSlots: make([]int32, 1<<12), pairSlots: make([]int32, 1<<14)}
}

// add records that doc holds term id in field: a new posting, or one more field of the last.
func (t *termTable) add(id, doc int32, field uint8) {
	if t.last[id] == doc {
		l := t.lists[id]
		l[len(l)-1] |= uint32(field)
		return
	}
	t.last[id] = doc
	t.lists[id] = append(t.lists[id], uint32(doc)<<3|uint32(field))
}

func (t *termTable) newTerm(name string, pair [2]int32, hash uint32) int32 {
	id := int32(len(t.lists))
	t.names = append(t.names, name)
	t.hashes = append(t.hashes, hash)
	t.pairOf = append(t.pairOf, pair)
	t.lists = append(t.lists, nil)
	t.last = append(t.last, -1)
	return id
}

func (t *termTable) syllable(syl []byte) int32 {
	h := uint32(2166136261) // FNV-1a
	for _, c := range syl {
		h = (h ^ uint32(c)) * 16777619
	}
	mask := uint32(len(t.sylSlots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.sylSlots[i]
		if s == 0 {
			id := t.newTerm(string(syl), [2]int32{-1}, h)
			t.sylSlots[i] = id + 1
			if t.syllables++; t.syllables*2 > len(t.sylSlots) {
				t.sylSlots = t.grow(t.sylSlots)
			}
			return id
		}
		if t.hashes[s-1] == h && t.names[s-1] == string(syl) { // string(b) here does not allocate
			return s - 1
		}
	}
}

func (t *termTable) pair(a, b int32) int32 {
	key := uint64(a)<<32 | uint64(b)
	h := uint32((key * 0x9E3779B97F4A7C15) >> 32) // Fibonacci hashing
	mask := uint32(len(t.pairSlots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.pairSlots[i]
		if s == 0 {
			id := t.newTerm("", [2]int32{a, b}, h)
			t.pairSlots[i] = id + 1
			if t.pairs++; t.pairs*2 > len(t.pairSlots) {
				t.pairSlots = t.grow(t.pairSlots)
			}
			return id
		}
		if p := t.pairOf[s-1]; p[0] == a && p[1] == b {
			return s - 1
		}
	}
}

// grow places the terms of slots in twice as many.
func (t *termTable) grow(slots []int32) []int32 {
	bigger := make([]int32, 2*len(slots))
	mask := uint32(len(bigger) - 1)
	for _, s := range slots {
		if s == 0 {
			continue
		}
		i := t.hashes[s-1] & mask
		for bigger[i] != 0 {
			i = (i + 1) & mask
		}
		bigger[i] = s
	}
	return bigger
}

func (t *termTable) name(id int32) string {
	if p := t.pairOf[id]; p[0] >= 0 {
		return t.names[p[0]] + " " + t.names[p[1]]
	}
	return t.names[id]
}

// buildSearchIndex indexes docs (their order gives their numbers) and, when dir is not "",
// writes each article's file there (d/<number>.json) with version v. Each core takes a
// contiguous run of articles, so that joining the runs keeps posting lists in order; an
// article is made plain text, indexed and written in one go.
func buildSearchIndex(docs []searchDoc, dir, v string) (*searchIndex, error) {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)/64))
	tables := make([]*termTable, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(docs)/workers, (w+1)*len(docs)/workers
		wg.Go(func() {
			t := newTermTable()
			var syl, text, cut, file []byte
			for i := lo; i < hi; i++ {
				d := &docs[i]
				doc := int32(i)
				field := func(s []byte, f uint8) {
					prev := int32(-1)
					eachSyllable(s, &syl, func(syl []byte, joined bool) {
						id := t.syllable(syl)
						t.add(id, doc, f)
						if joined && prev >= 0 {
							t.add(t.pair(prev, id), doc, f)
						}
						prev = id
					})
				}
				short := func(s string, f uint8) {
					text = append(text[:0], s...) // the buffer saves a copy of each field
					field(text, f)
				}
				short(d.Title, fieldTitle)
				short(d.Summary, fieldMeta)
				for _, m := range d.Meta {
					short(m, fieldMeta)
				}
				text = appendPlain(text[:0], d.Content)
				field(text, fieldText)
				t.add(t.syllable(append(append(syl[:0], '#'), d.Category...)), doc, 0)
				if dir != "" && errs[w] == nil {
					cut = appendCut(cut[:0], text, maxDocText)
					file = docFile(file[:0], d, cut, v)
					errs[w] = os.WriteFile(filepath.Join(dir, "d", strconv.Itoa(i)+".json"), file, 0o644)
				}
			}
			tables[w] = t
		})
	}
	wg.Wait()
	idx := &searchIndex{tables: tables, terms: make(map[string][]termRef, len(tables[0].lists))}
	for i, t := range tables {
		for id := range t.lists {
			name := t.name(int32(id))
			idx.terms[name] = append(idx.terms[name], termRef{i, int32(id)})
		}
	}
	return idx, errors.Join(errs...)
}

// eachSyllable calls emit with each folded syllable of text — a run of letters and digits
// after folding — and whether only joiners separate it from the one before. buf is reused.
func eachSyllable(text []byte, buf *[]byte, emit func(syl []byte, joined bool)) {
	b := (*buf)[:0]
	joined := false
	flush := func() {
		if len(b) > 0 {
			spellingVariant(b)
			emit(b, joined)
			b = b[:0]
			joined = true
		}
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		i += size
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
				b = append(b, byte(r))
			case 'A' <= r && r <= 'Z':
				b = append(b, byte(r)+'a'-'A')
			default:
				flush()
				if !asciiJoiner[r] {
					joined = false
				}
			}
			continue
		}
		folded := vntext.FoldRune(r)
		if folded == "" { // a combining mark: part of the letter before it
			continue
		}
		for _, f := range folded {
			if unicode.IsLetter(f) || unicode.IsNumber(f) {
				b = utf8.AppendRune(b, f)
				continue
			}
			flush()
			if !strings.ContainsRune(joiners, f) {
				joined = false
			}
		}
	}
	flush()
	*buf = b
}

// spellingVariant writes a folded syllable the one way of the two Vietnamese spells it: final
// "y" after h, k, l, m, s, t or qu is also written "i" (lý do, lí do; kỹ thuật, kĩ thuật; quý,
// quí), so the index and search.js make it "i". Syllables with "uy", "ay", "ây" are not
// variants and are left as they are.
func spellingVariant(b []byte) {
	switch {
	case len(b) == 2 && b[1] == 'y' && strings.IndexByte("hklmst", b[0]) >= 0:
		b[1] = 'i'
	case len(b) == 3 && b[2] == 'y' && b[0] == 'q' && b[1] == 'u':
		b[2] = 'i'
	}
}

// writeIndex indexes docs and writes the index into out/SearchDir, refusing to replace
// anything Hugo rendered there in this build: the folder belongs to the index. The files an
// earlier index left there (the staging folder holds the build before the previous one) are
// written over, which costs less than making them anew, and those not written again are
// removed at the end. It returns how many files it wrote.
//
// Every file carries the version of meta.json, a hash of what the index is made of: after a
// deploy, a page opened before it finds that the files it fetches are of another version.
func writeIndex(docs []searchDoc, out string) (int, error) {
	dir := filepath.Join(out, filepath.FromSlash(SearchDir))
	var earlier []string // files of an earlier index, overwritten (cheaper than made anew) or removed
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !info.ModTime().Equal(untouched) {
			rel, _ := filepath.Rel(out, p)
			return fmt.Errorf("the page /%s was rendered where the search index goes (/%s/); remove the content that makes it", filepath.ToSlash(rel), SearchDir)
		}
		earlier = append(earlier, p)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	for _, sub := range []string{"s", "d"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return 0, err
		}
	}
	v := searchVersion(docs)
	idx, err := buildSearchIndex(docs, dir, v)
	if err != nil {
		return 0, err
	}
	shards := idx.shards(v)
	errs := make([]error, len(shards))
	parallel(len(shards), func(k int) {
		errs[k] = os.WriteFile(filepath.Join(dir, "s", strconv.Itoa(k)+".json"), shards[k], 0o644)
	})
	if err := errors.Join(errs...); err != nil {
		return 0, err
	}
	meta, err := json.Marshal(map[string]any{"v": v, "n": len(docs), "b": len(shards)})
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, "meta.json"), meta, 0o644); err != nil {
		return 0, err
	}
	for _, p := range earlier {
		if rel, _ := filepath.Rel(dir, p); !indexFile(filepath.ToSlash(rel), len(docs), len(shards)) {
			if err := os.Remove(p); err != nil {
				return 0, err
			}
		}
	}
	return 1 + len(shards) + len(docs), nil
}

// indexFile tells whether rel (in the index's folder) is one of the files of an index of docs
// articles in shards shards.
func indexFile(rel string, docs, shards int) bool {
	if rel == "meta.json" {
		return true
	}
	sub, name, _ := strings.Cut(rel, "/")
	num, ok := strings.CutSuffix(name, ".json")
	i, err := strconv.Atoi(num)
	if !ok || err != nil || strconv.Itoa(i) != num {
		return false
	}
	return sub == "d" && i < docs || sub == "s" && i < shards
}

// searchVersion names an index by what it is made of: the format and every field of every
// article, in order.
func searchVersion(docs []searchDoc) string {
	sum := sha256.New()
	var buf []byte
	field := func(s string) {
		buf = append(append(buf[:0], s...), 0) // hashed through one buffer, not a copy each
		sum.Write(buf)
	}
	field(searchFormat)
	for i := range docs {
		d := &docs[i]
		for _, f := range []string{d.URL, d.Title, d.Category, d.CategoryName, d.Date.Format(time.RFC3339), d.Summary, d.Number, d.Content} {
			field(f)
		}
		for _, m := range d.Meta {
			field(m)
		}
		field("")
	}
	return hex.EncodeToString(sum.Sum(nil)[:6])
}

// searchFormat names the format of the index files; it is part of the version, so that a
// change of format is a new version even for the same articles.
const searchFormat = "bbtgen-search-1"

// Every file of the index starts with the version, under the key "", which no term and no
// field has: search.js compares it with meta.json's and starts again when a file comes from
// another build (a reader who searches again after the site was deployed anew).
func appendVersion(b []byte, v string) []byte {
	return append(append(append(b, `{"":"`...), v...), '"')
}

// shards renders the posting lists as shard files: a power of two of them, each about
// shardTarget bytes, shard k holding the terms termShard puts there, in order.
func (idx *searchIndex) shards(v string) [][]byte {
	size := 0
	terms := make([]string, 0, len(idx.terms))
	for t, refs := range idx.terms {
		terms = append(terms, t)
		size += len(t) + 6
		prev := int64(-1)
		for _, r := range refs {
			for _, x := range idx.tables[r.table].lists[r.id] {
				d := int64(x >> 3)
				size += varintLen(uint64(d-prev)<<3 | uint64(x&7))
				prev = d
			}
		}
	}
	slices.Sort(terms)
	n := 1
	for n < maxShards && n*shardTarget < size {
		n *= 2
	}
	shards := make([][]byte, n)
	for k := range shards {
		shards[k] = appendVersion(make([]byte, 0, 2*size/n), v)
	}
	for _, t := range terms {
		k := termShard(t, n)
		b := append(appendJSON(append(shards[k], ','), t), ':', '"')
		prev := int64(-1)
		for _, r := range idx.terms[t] {
			b, prev = appendPostings(b, idx.tables[r.table].lists[r.id], prev)
		}
		shards[k] = append(b, '"')
	}
	for k := range shards {
		shards[k] = append(shards[k], '}')
	}
	return shards
}

// docFile appends to b what search.js shows of an article: address, title, category, date (as
// a date and as official documents write it), number, summary and text, the beginning of the
// article's text for the snippet.
func docFile(b []byte, d *searchDoc, text []byte, v string) []byte {
	b = appendVersion(b, v)
	field := func(key, value string, always bool) {
		if value == "" && !always {
			return
		}
		b = append(append(append(b, ',', '"'), key...), '"', ':')
		b = appendJSON(b, value)
	}
	field("u", d.URL, true)
	field("t", d.Title, true)
	field("c", d.CategoryName, true)
	field("d", d.Date.Format(time.DateOnly), true)
	field("o", vntext.OfficialDate(d.Date), true)
	field("n", d.Number, false)
	field("s", d.Summary, false)
	if len(text) > 0 {
		b = appendJSON(append(b, `,"x":`...), text)
	}
	return append(b, '}')
}

// termShard is the shard of a term: FNV-1a (32 bits) of its UTF-8 bytes modulo shards, a
// power of two. search.js computes the same.
func termShard(term string, shards int) int {
	h := uint32(2166136261)
	for i := 0; i < len(term); i++ {
		h ^= uint32(term[i])
		h *= 16777619
	}
	return int(h & uint32(shards-1))
}

const varintDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendPostings appends a posting list as described in the notes at the top of this file,
// continuing one whose last article was prev (-1 at the start); it returns the new last.
func appendPostings(b []byte, p postings, prev int64) ([]byte, int64) {
	for _, x := range p {
		d := int64(x >> 3)
		v := uint64(d-prev)<<3 | uint64(x&7)
		prev = d
		for v >= 32 {
			b = append(b, varintDigits[32|v&31])
			v >>= 5
		}
		b = append(b, varintDigits[v])
	}
	return b, prev
}

// varintLen is how many characters appendPostings writes for v.
func varintLen(v uint64) int {
	n := 1
	for ; v >= 32; v >>= 5 {
		n++
	}
	return n
}

// encodePostings is a posting list as a shard holds it.
func encodePostings(p postings) string {
	b, _ := appendPostings(nil, p, -1)
	return string(b)
}

// decodePostings reads what encodePostings wrote (for tests; search.js has its own).
func decodePostings(s string) (postings, error) {
	var p postings
	doc := int64(-1)
	var v uint64
	shift := 0
	for i := 0; i < len(s); i++ {
		c := strings.IndexByte(varintDigits, s[i])
		if c < 0 {
			return nil, fmt.Errorf("posting list: %q is not a digit", s[i])
		}
		v |= uint64(c&31) << shift
		shift += 5
		if c&32 != 0 {
			continue
		}
		doc += int64(v >> 3)
		p = append(p, uint32(doc)<<3|uint32(v&7))
		v, shift = 0, 0
	}
	if shift != 0 {
		return nil, errors.New("posting list: cut in the middle of a number")
	}
	return p, nil
}

// appendJSON appends s as a JSON string. The text is valid UTF-8 (bbtgen check refuses
// anything else), so only quotes, backslashes and control characters need escaping.
func appendJSON[T string | []byte](b []byte, s T) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		}
		start = i + 1
	}
	return append(append(b, s[start:]...), '"')
}

// appendPlain appends the text of rendered HTML: tags dropped (each counts as a space;
// Goldmark puts a line break between blocks, which ends a phrase), character references
// decoded. Articles hold no raw HTML (bbtgen check refuses it), so there is no script or style
// to skip.
func appendPlain(b []byte, h string) []byte {
	text := func(t string) {
		if strings.IndexByte(t, '&') >= 0 {
			t = html.UnescapeString(t)
		}
		b = append(b, t...)
	}
	for {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			text(h)
			return b
		}
		text(h[:i])
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			return b
		}
		b = append(b, ' ')
		h = h[i+j+1:]
	}
}

// appendCut appends at most n bytes of s, made of whole words, with runs of spaces and line
// breaks made one space; " …" marks a cut.
func appendCut(b, s []byte, n int) []byte {
	start := len(b)
	i := 0
	for i < len(s) && len(b)-start <= n {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		if i == j {
			break
		}
		if len(b) > start {
			b = append(b, ' ')
		}
		b = append(b, s[i:j]...)
		i = j
	}
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if len(b)-start <= n && i == len(s) {
		return b
	}
	// A space is never inside a UTF-8 sequence; the first n+1 bytes end with one if a word
	// ends at n.
	cut := b[start:min(len(b), start+n+1)]
	if j := bytes.LastIndexByte(cut, ' '); j > 0 {
		b = b[:start+j]
	} else {
		b = append(b[:start], bytes.ToValidUTF8(cut[:min(len(cut), n)], nil)...)
	}
	return append(b, " …"...)
}

func cutText(s string, n int) string { return string(appendCut(nil, []byte(s), n)) }

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
