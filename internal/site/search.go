package site

// The search index (chỉ mục tìm kiếm) of the citizens' site, written after Hugo has rendered
// and read by assets/js/search.js. It is made for a site of tens of thousands of articles
// served as static files: a query downloads a few small files, not the whole index.
//
// What is indexed: every article Hugo published that bbtgen checked and that is neither a
// draft nor dated in the future — its title; its summary, legal number, issuer, document type,
// question and tags; and its text as readers see it (Hugo's rendered content stripped of HTML,
// so link text and not addresses, no Markdown syntax). The text comes from Hugo's page model
// rather than from the Markdown files read again: Hugo has just rendered every article and
// keeps the result, so the index costs no second Markdown reading and cannot disagree with
// what is published.
//
// Words: Vietnamese writes a word as several syllables ("hành chính"), so a syllable is the
// unit: a term is a folded syllable (vntext.Fold: no diacritics, đ → d, lower case; "Đoàn" →
// "doan"), or two syllables that follow each other ("hanh chinh"), which is what lets a phrase
// rank above pages holding its syllables far apart. Syllables are joined only across spaces
// and the signs of document numbers (/ and -), never across other punctuation, so
// "533/QĐ-SNV" is the terms 533, qd, snv, "533 qd" and "qd snv" whichever way it is typed.
//
// Files, all under /tim-kiem/chi-muc/ (the address space of the search page):
//
//	meta.json     {"v": version, "n": articles, "b": shards}
//	s/<k>.json    shard k: {"term": postings, …} for every term whose FNV-1a hash modulo b is k
//	d/<i>.json    article i (newest first): address, title, category, dates, summary, text
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
	Meta         []string // number, issuer, document type, question, tags
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
	return buildSearchIndex(docs).write(out)
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
		text func() string
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
		jobs = append(jobs, job{a: a, url: p.RelPermalink(), text: func() string {
			// Content is what Hugo rendered and still holds; Plain would also count words.
			c, err := p.Content(ctx)
			if err != nil {
				return ""
			}
			return plainText(cast.ToString(c))
		}})
	}
	docs := make([]searchDoc, len(jobs))
	parallel(len(jobs), func(i int) {
		a := jobs[i].a
		d := searchDoc{URL: jobs[i].url, Title: a.Title, Category: a.Category, CategoryName: names[a.Category],
			Date: a.Date.Time, Summary: a.Summary, Number: a.Number, Text: jobs[i].text()}
		for _, m := range []string{a.Number, a.Issuer, a.DocType, a.Question} {
			if m != "" {
				d.Meta = append(d.Meta, m)
			}
		}
		d.Meta = append(d.Meta, a.Tags...)
		docs[i] = d
	})
	if err := ctx.Err(); err != nil {
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
	docs  []searchDoc
	terms map[string]postings
}

// postings are the articles holding a term, in increasing order, each as doc<<3 | fields.
type postings []uint32

func (p postings) add(doc int32, field uint8) postings {
	v := uint32(doc)<<3 | uint32(field)
	if n := len(p); n > 0 && p[n-1]>>3 == uint32(doc) {
		p[n-1] |= v
		return p
	}
	return append(p, v)
}

// termTable collects the terms of a run of articles. Syllables are numbered as they come, so
// that a pair is looked up by two numbers rather than by a string made for the purpose.
type termTable struct {
	syllables map[string]int32
	names     []string
	pairs     map[uint64]int32
	pairOf    [][2]int32 // for a term that is a pair, its syllables; {-1} for a syllable
	lists     []postings
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
			t := &termTable{syllables: map[string]int32{}, pairs: map[uint64]int32{}}
			var buf []byte
			for i := lo; i < hi; i++ {
				d := &docs[i]
				doc := int32(i)
				field := func(text string, f uint8) {
					prev := int32(-1)
					eachSyllable(text, &buf, func(syl []byte, joined bool) {
						id := t.syllable(syl)
						t.lists[id] = t.lists[id].add(doc, f)
						if joined && prev >= 0 {
							pid := t.pair(prev, id)
							t.lists[pid] = t.lists[pid].add(doc, f)
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
				t.lists[id] = t.lists[id].add(doc, 0)
			}
			tables[w] = t
		})
	}
	wg.Wait()
	idx := &searchIndex{docs: docs, terms: make(map[string]postings, len(tables[0].lists))}
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

// write writes the index into out/SearchDir, refusing to replace anything Hugo rendered there
// in this build: the folder belongs to the index.
func (idx *searchIndex) write(out string) error {
	dir := filepath.Join(out, filepath.FromSlash(SearchDir))
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if info, err := d.Info(); err != nil || !info.ModTime().Equal(untouched) {
			rel, _ := filepath.Rel(out, p)
			return fmt.Errorf("the page /%s was rendered where the search index goes (/%s/); remove the content that makes it", filepath.ToSlash(rel), SearchDir)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	files := idx.files()
	for _, sub := range []string{"s", "d"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	errs := make([]error, len(files))
	parallel(len(files), func(i int) {
		errs[i] = os.WriteFile(filepath.Join(dir, filepath.FromSlash(files[i].name)), files[i].data, 0o644)
	})
	return errors.Join(errs...)
}

type searchFile struct {
	name string // relative to SearchDir
	data []byte
}

// files renders the index as files; meta.json, last, carries a version made of all the others
// so that a browser never mixes shards of two builds.
func (idx *searchIndex) files() []searchFile {
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
	shards := 1
	for shards < maxShards && shards*shardTarget < size {
		shards *= 2
	}
	buckets := make([][]string, shards)
	for _, t := range terms {
		k := termShard(t, shards)
		buckets[k] = append(buckets[k], t)
	}
	files := make([]searchFile, 0, shards+len(idx.docs)+1)
	for k, ts := range buckets {
		var b strings.Builder
		b.WriteByte('{')
		for i, t := range ts {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, t)
			b.WriteByte(':')
			writeJSONString(&b, encoded[t])
		}
		b.WriteByte('}')
		files = append(files, searchFile{name: "s/" + strconv.Itoa(k) + ".json", data: []byte(b.String())})
	}
	docFiles := make([]searchFile, len(idx.docs))
	parallel(len(idx.docs), func(i int) {
		d := idx.docs[i]
		data, _ := json.Marshal(struct {
			URL      string `json:"u"`
			Title    string `json:"t"`
			Category string `json:"c"`
			Date     string `json:"d"`
			Official string `json:"o"`
			Number   string `json:"n,omitempty"`
			Summary  string `json:"s,omitempty"`
			Text     string `json:"x,omitempty"`
		}{d.URL, d.Title, d.CategoryName, d.Date.Format(time.DateOnly), vntext.OfficialDate(d.Date),
			d.Number, d.Summary, cutText(d.Text, maxDocText)})
		docFiles[i] = searchFile{name: "d/" + strconv.Itoa(i) + ".json", data: data}
	})
	files = append(files, docFiles...)
	sum := sha256.New()
	for _, f := range files {
		sum.Write([]byte(f.name))
		sum.Write(f.data)
	}
	meta, _ := json.Marshal(map[string]any{"v": hex.EncodeToString(sum.Sum(nil)[:6]), "n": len(idx.docs), "b": shards})
	return append(files, searchFile{name: "meta.json", data: meta})
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

// writeJSONString writes s as a JSON string; terms and postings rarely need escaping.
func writeJSONString(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			data, _ := json.Marshal(s)
			b.Write(data)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
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
	var b strings.Builder
	b.Grow(min(len(s), n+1))
	space := true // no space at the start
	i := 0
	for ; i < len(s) && b.Len() <= n; i++ {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		b.WriteByte(c)
		space = false
	}
	t := b.String()
	if trimmed := strings.TrimRight(t, " "); len(trimmed) <= n && strings.TrimSpace(s[i:]) == "" {
		return trimmed
	}
	// A space is never inside a UTF-8 sequence; t[:n+1] ends with one if a word ends at n.
	if j := strings.LastIndexByte(t[:min(len(t), n+1)], ' '); j > 0 {
		t = t[:j]
	} else {
		t = strings.ToValidUTF8(t[:min(len(t), n)], "")
	}
	return t + " …"
}
