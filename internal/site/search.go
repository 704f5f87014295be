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
const SearchDir = "tim-kiem/chi-muc"

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
	Text         string
}

// writeSearchIndex indexes the published articles of a finished Hugo build into out.
func writeSearchIndex(ctx context.Context, h *hugolib.HugoSites, dir, out string, o Options) error {
	if o.Content == nil {
		return nil
	}
	docs, err := searchDocs(ctx, h, dir, o)
	if err != nil {
		return err
	}
	return writeIndex(docs, out)
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
	type job struct {
		a    *content.Article
		text func() (string, error)
		url  string
	}
	var jobs []job
	for _, p := range h.Pages() {
		if p.Kind() != "page" || p.File() == nil {
			continue
		}
		a := published[relSource(p.File().Filename(), dir, o.generated)]
		if a == nil {
			continue
		}
		jobs = append(jobs, job{a: a, url: p.RelPermalink(), text: func() (string, error) {
			// Content is what Hugo rendered and still holds; Plain would also count words.
			c, err := p.Content(ctx)
			if err != nil {
				return "", fmt.Errorf("%s: %w", a.Path, err)
			}
			return plainText(cast.ToString(c)), nil
		}})
	}
	docs := make([]searchDoc, len(jobs))
	errs := make([]error, len(jobs))
	parallel(len(jobs), func(i int) {
		a := jobs[i].a
		text, err := jobs[i].text()
		errs[i] = err
		d := searchDoc{URL: jobs[i].url, Title: a.Title, Category: a.Category, CategoryName: names[a.Category],
			Date: a.Date.Time, Summary: a.Summary, Number: a.Number, Text: text}
		for _, m := range []string{a.Number, a.Issuer, a.DocType, a.Signer, a.Question} {
			if m != "" {
				d.Meta = append(d.Meta, m)
			}
		}
		d.Meta = append(d.Meta, a.Tags...)
		docs[i] = d
	})
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

// searchIndex is the index in memory: for each term, its posting list.
type searchIndex struct {
	terms map[string]postings
}

// postings are the articles holding a term, in increasing order, each as doc<<3 | fields.
type postings []uint32

// termTable collects the terms of a run of articles. Syllables are numbered as they come, so
// that a pair is looked up by two numbers rather than by a string made for the purpose.
type termTable struct {
	syllables map[string]int32
	names     []string
	pairs     map[uint64]int32
	pairOf    [][2]int32 // for a term that is a pair, its syllables; {-1} for a syllable
	lists     []postings
	last      []int32 // the article of each term's last posting
}

func newTermTable() *termTable {
	return &termTable{syllables: map[string]int32{}, pairs: map[uint64]int32{}}
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

func (t *termTable) syllable(syl []byte) int32 {
	id, ok := t.syllables[string(syl)] // looking up with string(b) does not allocate
	if !ok {
		id = int32(len(t.lists))
		name := string(syl)
		t.syllables[name] = id
		t.names = append(t.names, name)
		t.pairOf = append(t.pairOf, [2]int32{-1})
		t.lists = append(t.lists, nil)
		t.last = append(t.last, -1)
	}
	return id
}

func (t *termTable) pair(a, b int32) int32 {
	key := uint64(a)<<32 | uint64(b)
	id, ok := t.pairs[key]
	if !ok {
		id = int32(len(t.lists))
		t.pairs[key] = id
		t.names = append(t.names, "")
		t.pairOf = append(t.pairOf, [2]int32{a, b})
		t.lists = append(t.lists, nil)
		t.last = append(t.last, -1)
	}
	return id
}

func (t *termTable) name(id int32) string {
	if p := t.pairOf[id]; p[0] >= 0 {
		return t.names[p[0]] + " " + t.names[p[1]]
	}
	return t.names[id]
}

// buildSearchIndex indexes docs (their order gives their numbers). Each core indexes a
// contiguous run of articles, so that joining the runs keeps posting lists in order.
func buildSearchIndex(docs []searchDoc) *searchIndex {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)/64))
	tables := make([]*termTable, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(docs)/workers, (w+1)*len(docs)/workers
		wg.Go(func() {
			t := newTermTable()
			var buf []byte
			for i := lo; i < hi; i++ {
				d := &docs[i]
				doc := int32(i)
				field := func(text string, f uint8) {
					prev := int32(-1)
					eachSyllable(text, &buf, func(syl []byte, joined bool) {
						id := t.syllable(syl)
						t.add(id, doc, f)
						if joined && prev >= 0 {
							t.add(t.pair(prev, id), doc, f)
						}
						prev = id
					})
				}
				field(d.Title, fieldTitle)
				field(d.Summary, fieldMeta)
				for _, m := range d.Meta {
					field(m, fieldMeta)
				}
				field(d.Text, fieldText)
				id := t.syllable([]byte("#" + d.Category))
				t.add(id, doc, 0)
			}
			tables[w] = t
		})
	}
	wg.Wait()
	idx := &searchIndex{terms: make(map[string]postings, len(tables[0].lists))}
	for _, t := range tables {
		for id, list := range t.lists {
			name := t.name(int32(id))
			idx.terms[name] = append(idx.terms[name], list...)
		}
	}
	return idx
}

// eachSyllable calls emit with each folded syllable of text — a run of letters and digits
// after folding — and whether only joiners separate it from the one before. buf is reused.
func eachSyllable(text string, buf *[]byte, emit func(syl []byte, joined bool)) {
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
	for _, r := range text {
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
				b = append(b, byte(r))
			case 'A' <= r && r <= 'Z':
				b = append(b, byte(r)+'a'-'A')
			default:
				flush()
				if !strings.ContainsRune(joiners, r) {
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
// anything Hugo rendered there in this build: the folder belongs to the index. The articles'
// files need no index, so they are written while it is made: writing ten thousand small files
// keeps the kernel busy rather than the cores that index.
//
// Every file carries the version of meta.json, a hash of what the index is made of: after a
// deploy, a page opened before it finds that the files it fetches are of another version.
func writeIndex(docs []searchDoc, out string) error {
	dir := filepath.Join(out, filepath.FromSlash(SearchDir))
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
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, sub := range []string{"s", "d"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	// The articles' files are made first, since the version is made of them; they are written
	// while the index is made.
	version := make(chan string, 1)
	docsWritten := make(chan error, 1)
	go func() {
		files := make([][]byte, len(docs))
		parallel(len(docs), func(i int) { files[i] = docFile(&docs[i]) })
		// Everything the index is made of: the articles' files, and what only the shards hold.
		sum := sha256.New()
		sum.Write([]byte(searchFormat))
		for i, f := range files {
			sum.Write(f)
			for _, m := range docs[i].Meta {
				sum.Write([]byte{0})
				sum.Write([]byte(m))
			}
			sum.Write([]byte{0})
			sum.Write([]byte(docs[i].Text))
		}
		v := hex.EncodeToString(sum.Sum(nil)[:6])
		version <- v
		for i, f := range files {
			if err := os.WriteFile(filepath.Join(dir, "d", strconv.Itoa(i)+".json"), versioned(f, v), 0o644); err != nil {
				docsWritten <- err
				return
			}
		}
		docsWritten <- nil
	}()
	shards := buildSearchIndex(docs).shards()
	v := <-version
	var errs []error
	for k, data := range shards {
		errs = append(errs, os.WriteFile(filepath.Join(dir, "s", strconv.Itoa(k)+".json"), versioned(data, v), 0o644))
	}
	if err := errors.Join(append(errs, <-docsWritten)...); err != nil {
		return err
	}
	meta, err := json.Marshal(map[string]any{"v": v, "n": len(docs), "b": len(shards)})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "meta.json"), meta, 0o644)
}

// searchFormat names the format of the index files; it is part of the version, so that a
// change of format is a new version even for the same articles.
const searchFormat = "bbtgen-search-1"

// versioned puts the version first in a JSON object, under the key "", which no term and no
// field has: search.js compares it with meta.json's and starts again if a file comes from
// another build (a reader who searches again after the site was deployed anew).
func versioned(object []byte, v string) []byte {
	b := make([]byte, 0, len(object)+len(v)+8)
	b = append(append(append(b, `{"":"`...), v...), '"')
	if len(object) > 2 {
		b = append(b, ',')
	}
	return append(b, object[1:]...)
}

// shards renders the posting lists as shard files: a power of two of them, each about
// shardTarget bytes, shard k holding the terms termShard puts there, in order.
func (idx *searchIndex) shards() [][]byte {
	size := 0
	terms := make([]string, 0, len(idx.terms))
	encoded := make(map[string]string, len(idx.terms))
	for t, p := range idx.terms {
		terms = append(terms, t)
		e := encodePostings(p)
		encoded[t] = e
		size += len(t) + len(e) + 6
	}
	slices.Sort(terms)
	n := 1
	for n < maxShards && n*shardTarget < size {
		n *= 2
	}
	shards := make([][]byte, n)
	for _, t := range terms {
		k := termShard(t, n)
		if shards[k] == nil {
			shards[k] = append(shards[k], '{')
		} else {
			shards[k] = append(shards[k], ',')
		}
		shards[k] = append(appendJSONString(shards[k], t), ':')
		shards[k] = appendJSONString(shards[k], encoded[t])
	}
	for k := range shards {
		if shards[k] == nil {
			shards[k] = append(shards[k], '{')
		}
		shards[k] = append(shards[k], '}')
	}
	return shards
}

// docFile is what search.js shows of an article: address, title, category, date (as a date
// and as official documents write it), number, summary and text for the snippet.
func docFile(d *searchDoc) []byte {
	b := make([]byte, 0, 256+len(d.Title)+len(d.Summary)+min(len(d.Text), maxDocText))
	field := func(key, value string, always bool) {
		if value == "" && !always {
			return
		}
		if len(b) == 0 {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = append(append(append(b, '"'), key...), '"', ':')
		b = appendJSONString(b, value)
	}
	field("u", d.URL, true)
	field("t", d.Title, true)
	field("c", d.CategoryName, true)
	field("d", d.Date.Format(time.DateOnly), true)
	field("o", vntext.OfficialDate(d.Date), true)
	field("n", d.Number, false)
	field("s", d.Summary, false)
	field("x", cutText(d.Text, maxDocText), false)
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

// encodePostings writes a posting list as described in the package's search notes.
func encodePostings(p postings) string {
	b := make([]byte, 0, len(p)+4)
	prev := int64(-1)
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

// appendJSONString appends s as a JSON string. The text is valid UTF-8 (bbtgen check
// refuses anything else), so only quotes, backslashes and control characters need escaping.
func appendJSONString(b []byte, s string) []byte {
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
			b = append(b, fmt.Sprintf("\\u%04x", c)...)
		}
		start = i + 1
	}
	return append(append(b, s[start:]...), '"')
}

// plainText is the text of rendered HTML: tags dropped (each counts as a space; Goldmark puts
// a line break between blocks, which ends a phrase), character references decoded. Articles
// hold no raw HTML (bbtgen check refuses it), so there is no script or style to skip.
func plainText(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	for {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		b.WriteByte(' ')
		h = h[i+j+1:]
	}
	s := b.String()
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// cutText keeps at most n bytes of s, made of whole words, with runs of spaces and line
// breaks made one space; " …" marks a cut.
func cutText(s string, n int) string {
	b := make([]byte, 0, min(len(s), n+1))
	i := 0
	for i < len(s) && len(b) <= n {
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
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, s[i:j]...)
		i = j
	}
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if len(b) <= n && i == len(s) {
		return string(b)
	}
	// A space is never inside a UTF-8 sequence; b[:n+1] ends with one if a word ends at n.
	if j := bytes.LastIndexByte(b[:min(len(b), n+1)], ' '); j > 0 {
		b = b[:j]
	} else {
		b = bytes.ToValidUTF8(b[:min(len(b), n)], nil)
	}
	return string(b) + " …"
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
