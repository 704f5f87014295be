// Package i18n is bbtgen's one message catalog. Every sentence a department member reads —
// check messages and hints, the review card, reminders, the queue, the scaffold of a new
// article, --help — is written in English in the code, where it is the catalog's key, and
// translated here into Vietnamese, which is what bbtgen prints unless BBTGEN_LANG=en (or, when
// BBTGEN_LANG is unset, an English LC_ALL, LC_MESSAGES or LANG) asks for English, the
// developers' language. Rule codes and JSON field names never change with the language.
//
// The catalog is golang.org/x/text/message's: translations are registered with a
// catalog.Builder and formatted by a message.Printer, which also picks the language. The
// tables of translations are the vi*.go files, one per part of bbtgen; TestCatalog checks that
// each translation takes the arguments of its key and TestEverySentenceTranslated that every
// sentence of the code has one.
package i18n

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// The languages bbtgen speaks.
var (
	Vietnamese = language.Vietnamese
	English    = language.English
)

// FromEnv returns the language asked for by the environment: BBTGEN_LANG ("en" or "vi") when
// set, else the first of LC_ALL, LC_MESSAGES and LANG that is set, English when it names
// English ("en", "en_US.UTF-8"); Vietnamese otherwise, the default ("C.UTF-8" included, as on
// GitHub's runners).
func FromEnv(getenv func(string) string) language.Tag {
	if v := strings.TrimSpace(getenv("BBTGEN_LANG")); v != "" {
		return pick(v)
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return pick(v)
		}
	}
	return Vietnamese
}

func pick(v string) language.Tag {
	v = strings.ToLower(v)
	if v == "en" || strings.HasPrefix(v, "en_") || strings.HasPrefix(v, "en-") || strings.HasPrefix(v, "en.") {
		return English
	}
	return Vietnamese
}

// tables are the translations into Vietnamese, each from a vi*.go file, keyed by the English.
func tables() []map[string]string {
	return []map[string]string{viContent, viConfig, viReview, viCLI}
}

type built struct {
	cat *catalog.Builder
	vi  map[string]string
}

var theCatalog = sync.OnceValue(func() built {
	b := catalog.NewBuilder(catalog.Fallback(English))
	vi := map[string]string{}
	for _, t := range tables() {
		for k, v := range t {
			vi[k] = v
			if err := b.SetString(Vietnamese, k, v); err != nil {
				panic(fmt.Sprintf("i18n: %q: %v", k, err)) // TestCatalog keeps this from happening
			}
		}
	}
	return built{cat: b, vi: vi}
})

// Has tells whether the catalog translates key.
func Has(key string) bool {
	_, ok := theCatalog().vi[key]
	return ok
}

// Printer writes the catalog's sentences in one language.
type Printer struct {
	tag language.Tag
	p   *message.Printer
}

// New returns a printer of tag.
func New(tag language.Tag) *Printer {
	return &Printer{tag: tag, p: message.NewPrinter(tag, message.Catalog(theCatalog().cat))}
}

// Language is the printer's language.
func (p *Printer) Language() language.Tag { return p.tag }

// Vietnamese tells whether the printer writes Vietnamese.
func (p *Printer) Vietnamese() bool { return p.tag == Vietnamese }

// Sprintf formats the translation of format with args. Numbers are written as Go writes them
// (x/text would group digits the Vietnamese way, making the year 2027 "2.027" and line 1204
// "1.204"), and an argument that is a diag.Text is translated first.
func (p *Printer) Sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return p.Literal(format)
	}
	plain := make([]any, len(args))
	for i, a := range args {
		plain[i] = p.arg(a)
	}
	return p.p.Sprintf(format, plain...)
}

// Literal is the translation of s, a sentence with nothing to fill in (a "%" in it is text);
// s itself when the catalog has none.
func (p *Printer) Literal(s string) string {
	if p.tag != Vietnamese {
		return s
	}
	if t, ok := theCatalog().vi[s]; ok {
		return t
	}
	return s
}

// Text renders t in the printer's language.
func (p *Printer) Text(t diag.Text) string { return p.Sprintf(t.Format, t.Args...) }

func (p *Printer) arg(a any) any {
	switch v := a.(type) {
	case diag.Text:
		return p.Text(v)
	case []diag.Text:
		s := make([]string, len(v))
		for i, t := range v {
			s[i] = p.Text(t)
		}
		return strings.Join(s, ", ")
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return goFormat{v}
	}
	return a
}

// goFormat formats its value as package fmt does, whatever the language.
type goFormat struct{ v any }

func (g goFormat) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), g.v)
}

// Problem renders a problem the way compilers do, in the printer's language:
// "content/x.md:4:3: cảnh báo: message — hint".
func (p *Printer) Problem(pr diag.Problem) string {
	var b strings.Builder
	b.WriteString(diag.Safe(pr.File))
	if pr.Line > 0 {
		fmt.Fprintf(&b, ":%d", pr.Line)
		if pr.Column > 0 {
			fmt.Fprintf(&b, ":%d", pr.Column)
		}
	}
	b.WriteString(": ")
	if pr.Severity == diag.Warning {
		b.WriteString(p.Literal("warning") + ": ")
	}
	b.WriteString(diag.Safe(p.Message(pr)))
	if h := p.Hint(pr); h != "" {
		b.WriteString(" — ")
		b.WriteString(diag.Safe(h))
	}
	return b.String()
}

// Message is a problem's message in the printer's language.
func (p *Printer) Message(pr diag.Problem) string {
	if pr.Text.IsZero() {
		return p.Literal(pr.Message)
	}
	return p.Text(pr.Text)
}

// Hint is a problem's hint in the printer's language.
func (p *Printer) Hint(pr diag.Problem) string {
	if pr.HintText.IsZero() {
		return p.Literal(pr.Hint)
	}
	return p.Text(pr.HintText)
}

// Localized returns the problems with their messages and hints in the printer's language (for
// JSON output, whose rule codes stay as they are).
func (p *Printer) Localized(l diag.List) diag.List {
	out := make(diag.List, len(l))
	for i, pr := range l {
		pr.Message, pr.Hint = p.Message(pr), p.Hint(pr)
		out[i] = pr
	}
	return out
}
