// Package diag holds the problems bbtgen reports about a site: a file, a position, a rule,
// a sentence that says what is wrong and a hint that says what to do. Config loading,
// article validation and the review gate all speak in these, so `bbtgen check` can print
// them the same way and `--format json` can hand them to other tools.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity tells whether a problem blocks a build (Error) or only informs (Warning).
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as "error" or "warning" in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Problem is one finding. Line and Column are 1-based; 0 means "the whole file".
//
// Message and Hint are in English, the language of the code and its tests. Text and HintText
// are the same sentences as the message catalog (package i18n) knows them — an English format
// and its arguments — so that a command prints them in its reader's language; when they are
// empty, Message and Hint are looked up as they are.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
	Severity Severity `json:"severity"`
	Text     Text     `json:"-"`
	HintText Text     `json:"-"`
}

// Text is a sentence of the message catalog: its English format, which is the catalog's key,
// and the arguments. An argument that is itself a Text is translated too.
type Text struct {
	Format string
	Args   []any
}

// T makes a Text.
func T(format string, args ...any) Text { return Text{Format: format, Args: args} }

// String renders the text in English.
func (t Text) String() string {
	if len(t.Args) == 0 {
		return t.Format
	}
	return fmt.Sprintf(t.Format, t.Args...)
}

// IsZero tells an empty Text.
func (t Text) IsZero() bool { return t.Format == "" && len(t.Args) == 0 }

// Problemf makes a problem whose message and hint are catalog sentences: the hint is a
// literal of the catalog (or ""), the message a format and its arguments.
func Problemf(file string, line, column int, rule, hint, format string, args ...any) Problem {
	msg := T(format, args...)
	return Problem{File: file, Line: line, Column: column, Rule: rule, Message: msg.String(), Hint: hint,
		Text: msg, HintText: T(hint)}
}

// WithHint returns the problem with a hint made of a format and its arguments.
func (p Problem) WithHint(format string, args ...any) Problem {
	p.HintText = T(format, args...)
	p.Hint = p.HintText.String()
	return p
}

// String renders the problem the way compilers do, so editors can jump to it:
// "content/x.md:4:3: unknown author "nvana" (known: a, b); hint".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(Safe(p.File))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(Safe(p.Message))
	if p.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(Safe(p.Hint))
	}
	return b.String()
}

// Safe escapes the characters of s that could change how a log or a terminal reads it: line
// breaks and other control characters (a file name with a newline could otherwise start a
// line with "::error::", a GitHub workflow command) and invisible format characters such as
// right-to-left overrides. They are written as Go escapes (\n, \x1b, \u202e); everything
// else, Vietnamese included, is left as it is.
func Safe(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unsafeRune(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// List collects problems. The zero value is ready to use.
type List []Problem

// Add appends a problem.
func (l *List) Add(p Problem) { *l = append(*l, p) }

// Errors counts the problems that block a build.
func (l List) Errors() int {
	n := 0
	for _, p := range l {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Sort orders problems by file, then position, then rule, so output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
		)
	})
}

// Err returns the list as an error when it holds at least one Error, else nil.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return &ListError{List: l}
}

// ListError is a List used as an error value.
type ListError struct{ List List }

func (e *ListError) Error() string {
	var b strings.Builder
	n := 0
	for _, p := range e.List {
		if p.Severity != Error {
			continue
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
		n++
	}
	return b.String()
}

// ShortSHA is a commit as messages write it: its first seven hexadecimal digits.
func ShortSHA(sha string) string {
	if len(sha) > 7 && !strings.Contains(sha, " ") {
		return sha[:7]
	}
	return sha
}

// Mentions writes GitHub logins as mentions, "@a, @b", or "nobody" for none.
func Mentions(logins []string) string {
	if len(logins) == 0 {
		return "nobody"
	}
	return "@" + strings.Join(logins, ", @")
}
