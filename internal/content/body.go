package content

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// markdown parses bodies the way Hugo's default goldmark setup does for the constructs we
// look at (raw HTML, images, links, tables).
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

var (
	shortcodeRE = regexp.MustCompile(`\{\{[<%]\s*/?\s*([A-Za-z0-9_./-]+)`)
	scriptRE    = regexp.MustCompile(`(?i)<\s*/?\s*(script|iframe|object|embed|style|form)\b|\bon[a-z]+\s*=|javascript:`)
)

// AllowedShortcodes may appear in bodies: they only link inside the site.
var AllowedShortcodes = []string{"ref", "relref"}

// foreignShortcodes finds the calls of shortcodes other than AllowedShortcodes in a body
// (Hugo would run them when rendering): the offset of each call and the shortcode's name.
func foreignShortcodes(body []byte) (offsets []int, names []string) {
	for _, m := range shortcodeRE.FindAllSubmatchIndex(body, -1) {
		if name := string(body[m[2]:m[3]]); !slices.Contains(AllowedShortcodes, name) {
			offsets, names = append(offsets, m[0]), append(names, name)
		}
	}
	return offsets, names
}

// body checks the Markdown text: no raw HTML (Hugo drops it, and a <script> must never be
// published), no shortcodes that embed foreign content, images that are local and described.
func (c *Checker) body(d *Doc, category string) diag.List {
	var problems diag.List
	b := d.Body
	addAt := func(offset int, sev Severity, rule string, hint diag.Text, format string, args ...any) {
		line := d.BodyLine + bytes.Count(b[:offset], []byte("\n"))
		col := offset - (bytes.LastIndexByte(b[:offset], '\n') + 1) + 1
		p := diag.Problemf(d.Path, line, col, rule, "", format, args...).WithHint(hint.Format, hint.Args...)
		p.Severity = diag.Severity(sev)
		problems.Add(p)
	}
	offsets, names := foreignShortcodes(b)
	for i, name := range names {
		addAt(offsets[i], SevError, "shortcode", diag.T("write plain Markdown; links to other pages of the site may use {{< ref >}}"), "shortcode %q is not allowed in articles", name)
	}
	if !bytes.ContainsAny(b, "<[") && !bytes.Contains(b, []byte("javascript:")) {
		return problems // nothing the parser could object to; most bodies end here
	}
	root := markdown.Parser().Parse(text.NewReader(b))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			var raw []byte
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				raw = append(raw, seg.Value(b)...)
			}
			if n.Lines().Len() > 0 {
				rawHTML(addAt, n.Lines().At(0).Start, raw)
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				var raw []byte
				for i := 0; i < n.Segments.Len(); i++ {
					seg := n.Segments.At(i)
					raw = append(raw, seg.Value(b)...)
				}
				rawHTML(addAt, n.Segments.At(0).Start, raw)
			}
		case *ast.Image:
			off := nodeOffset(n)
			dest := string(n.Destination)
			alt := plainText(n, b)
			switch {
			case category == "" && !strings.HasPrefix(dest, "/media/"),
				category != "" && !strings.HasPrefix(dest, "/media/"+category+"/"):
				where := "/media/" + category + "/"
				if category == "" {
					where = "/media/"
				}
				addAt(off, SevError, "media", diag.T("copy the picture into the site and link it as %s…; the site loads nothing from other servers", where), "image %q is not a file of this site", dest)
			case c.FS != nil:
				if _, err := statMedia(c.FS, dest); err != nil {
					addAt(off, SevError, "media-missing", diag.T("add the file at static%s or fix the path", dest), "image %s does not exist", dest)
				}
			}
			if strings.TrimSpace(alt) == "" {
				addAt(off, SevError, "alt", diag.T("write a description between the brackets: ![Hội nghị tổng kết](…)"), "image has no alternative text")
			}
		case *ast.Link:
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(string(n.Destination))), "javascript:") {
				addAt(nodeOffset(n), SevError, "script", diag.T("link to a page or a file instead"), "javascript: links are not allowed")
			}
		}
		return ast.WalkContinue, nil
	})
	return problems
}

// Severity aliases keep the call sites above short.
type Severity = diag.Severity

const (
	SevError   = diag.Error
	SevWarning = diag.Warning
)

func rawHTML(addAt func(int, Severity, string, diag.Text, string, ...any), offset int, raw []byte) {
	if loc := scriptRE.FindIndex(raw); loc != nil {
		addAt(offset, SevError, "script", diag.T("remove it: scripts, frames, forms and event handlers are never published"), "raw HTML with script or embedded content: %s", strings.TrimSpace(firstLine(raw)))
		return
	}
	addAt(offset, SevWarning, "raw-html", diag.T("raw HTML is left out of the page; write it in Markdown"), "raw HTML %s will not be published", strings.TrimSpace(firstLine(raw)))
}

func firstLine(b []byte) string {
	s := string(b)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// nodeOffset finds a byte offset for an inline node: its first text segment, or its parent's.
func nodeOffset(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if t, ok := p.(*ast.Text); ok {
			return t.Segment.Start
		}
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				return t.Segment.Start
			}
		}
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
