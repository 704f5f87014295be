package content

// One reading of front matter.
//
// bbtgen decides what a page is from its front matter; Hugo publishes what *it* reads from the
// same bytes. If the two readings differ, a checked page can publish unchecked: Hugo's lexer
// ends front matter at any line that starts with "---" ("--- # x" included), and Hugo decodes
// YAML with goccy/go-yaml, which resolves anchors used as keys, merge keys and explicit tags
// (!!binary, !!timestamp) differently from yaml.v3. So bbtgen:
//
//  1. finds the front matter by the rule of Hugo's lexer (parser/pageparser) and insists that
//     the fences are exact "---" lines, so that both agree where the body starts;
//  2. refuses the YAML constructs on which libraries disagree (anchors, aliases, merge keys,
//     explicit tags), with a message a person can act on;
//  3. decodes the front matter with the YAML library of Hugo's decoder (goccy/go-yaml, as
//     parser/metadecoders does) as well, and refuses the file when its values differ from
//     bbtgen's in any key — the catch-all for every difference not foreseen in 2.
//
// The review gate is built without Hugo, so 1 and 3 follow Hugo's code rather than call it;
// FuzzHugoReading runs Hugo's own pageparser and metadecoders on the same bytes and fails on
// any difference, and the published-output invariant of the build checks Hugo's page model.

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"time"

	goyaml "github.com/goccy/go-yaml"
	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// hugoSplit finds the front matter the way Hugo's lexer (parser/pageparser, v0.165.0) does:
// after the opening "---" and an optional line end, the front matter runs to the first line
// that *starts* with "---" — a line begins after "\n" or after a lone "\r" — and the body
// starts after that line's "---" and an optional "\r\n", "\r" or "\n". It returns the YAML
// text, the offset of the body, and the offset of the closing line; the caller refuses a
// closing line that is not exactly "---". bbtgen does not link Hugo's lexer (the review gate
// is built without Hugo); FuzzHugoReading checks this function against it.
func hugoSplit(data []byte) (front []byte, bodyStart, closeAt int, err error) {
	if !bytes.HasPrefix(data, []byte("---")) {
		return nil, 0, 0, fmt.Errorf("no front matter")
	}
	start := 3 + crlf(data[3:])
	atLineStart := start > 3
	for i := start; i < len(data); i++ {
		if atLineStart && bytes.HasPrefix(data[i:], []byte("---")) {
			return data[start:i], i + 3 + crlf(data[i+3:]), i, nil
		}
		atLineStart = data[i] == '\n' || data[i] == '\r'
	}
	return nil, 0, 0, fmt.Errorf("the front matter is never closed")
}

// crlf is how many bytes an optional "\r" and then an optional "\n" take at the start of b.
func crlf(b []byte) int {
	n := 0
	if n < len(b) && b[n] == '\r' {
		n++
	}
	if n < len(b) && b[n] == '\n' {
		n++
	}
	return n
}

// exactFence reports whether the line at off is exactly "---" (then a line end or the end).
func exactFence(data []byte, off int) bool {
	rest := data[off:]
	if !bytes.HasPrefix(rest, []byte("---")) {
		return false
	}
	rest = rest[3:]
	return len(rest) == 0 || rest[0] == '\n' || bytes.HasPrefix(rest, []byte("\r\n"))
}

// yamlFeatures refuses the YAML constructs that Hugo's YAML library reads differently from
// bbtgen's: anchors and aliases (an alias used as a key is the anchor's name to one and the
// anchored value to the other), merge keys, and explicit tags.
func yamlFeatures(path string, frontLine int, n *yaml.Node) diag.List {
	var problems diag.List
	refuseNode := func(n *yaml.Node, what diag.Text, hint string) {
		problems.Add(diag.Problemf(path, n.Line+frontLine-1, n.Column, RuleYAMLFeature, hint, "%s is not allowed in front matter", what))
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		switch {
		case n.Kind == yaml.AliasNode:
			refuseNode(n, diag.T("the alias *%s", n.Value), "write the value itself; Hugo and bbtgen read aliases differently")
			return
		case n.Anchor != "":
			refuseNode(n, diag.T("the anchor &%s", n.Anchor), "remove it and write each value in full")
		case n.Style&yaml.TaggedStyle != 0:
			refuseNode(n, diag.T("the explicit tag %s", n.Tag), "remove the tag and write the value as plain text")
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
					refuseNode(k, diag.T("the merge key <<"), "write every key in full")
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return problems
}

// compareWithHugo decodes the front matter with Hugo's decoder and reports every top-level key
// whose value Hugo reads differently from bbtgen (or that only one of them sees).
func compareWithHugo(path string, frontLine int, front []byte, node *yaml.Node) diag.List {
	differs := func(line int, format string, args ...any) diag.List {
		return diag.List{diag.Problemf(path, line, 1, RuleHugoReading,
			"write the front matter in plain YAML: key: value, lists with \"- \", text in quotes when it holds \": \" or \"#\"", format, args...)}
	}
	hugo, err := hugoDecode(front)
	if err != nil {
		return differs(frontLine-1, "Hugo cannot read this front matter: %s", oneLine(err.Error()))
	}
	var ours map[string]any
	if node.Kind != 0 {
		if err := node.Decode(&ours); err != nil {
			return differs(frontLine-1, "the front matter is not a mapping of keys to values: %s", oneLine(err.Error()))
		}
	}
	lineOf := func(key string) int {
		root := node
		if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
			root = root.Content[0]
		}
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == key {
				return root.Content[i].Line + frontLine - 1
			}
		}
		return frontLine - 1
	}
	keys := make([]string, 0, len(hugo)+len(ours))
	for k := range hugo {
		keys = append(keys, k)
	}
	for k := range ours {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var problems diag.List
	for _, k := range slices.Compact(keys) {
		hv, inHugo := hugo[k]
		ov, inOurs := ours[k]
		switch {
		case !inOurs:
			problems = append(problems, differs(frontLine-1, "Hugo reads a key %q that bbtgen does not see", k)...)
		case !inHugo:
			problems = append(problems, differs(lineOf(k), "Hugo does not see the key %q that bbtgen reads", k)...)
		case !sameValue(ov, hv):
			problems = append(problems, differs(lineOf(k), "Hugo reads %s as %s, bbtgen as %s", k, describe(hv), describe(ov))...)
		}
	}
	return problems
}

// hugoDecode decodes YAML front matter as Hugo's parser/metadecoders does: with
// goccy/go-yaml, the library and version Hugo v0.165.0 itself requires, into a map (an empty
// document is an empty map).
func hugoDecode(front []byte) (map[string]any, error) {
	m := map[string]any{}
	if len(front) == 0 {
		return m, nil
	}
	if err := goyaml.Unmarshal(front, &m); err != nil {
		return nil, err
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

// hugoErrorPosition is where Hugo's YAML library finds a syntax error in front ("[2:7] …"),
// or 0, 0.
func hugoErrorPosition(front []byte) (line, col int) {
	var m map[string]any
	err := goyaml.Unmarshal(front, &m)
	if err == nil {
		return 0, 0
	}
	if _, e := fmt.Sscanf(err.Error(), "[%d:%d]", &line, &col); e != nil {
		return 0, 0
	}
	return line, col
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func describe(v any) string {
	s := fmt.Sprintf("%v", v)
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return fmt.Sprintf("%T %q", v, s)
}

// sameValue compares a value decoded by yaml.v3 (ours) with one decoded by Hugo. Numbers
// compare by value whatever their Go type, timestamps by instant (one library may leave a
// timestamp as text where the other makes it a time), maps and lists element by element.
func sameValue(ours, hugo any) bool {
	switch o := ours.(type) {
	case map[string]any:
		h, ok := asMap(hugo)
		if !ok || len(h) != len(o) {
			return false
		}
		for k, v := range o {
			hv, ok := h[k]
			if !ok || !sameValue(v, hv) {
				return false
			}
		}
		return true
	case []any:
		h, ok := hugo.([]any)
		if !ok || len(h) != len(o) {
			return false
		}
		for i := range o {
			if !sameValue(o[i], h[i]) {
				return false
			}
		}
		return true
	case nil:
		return hugo == nil
	case string:
		switch h := hugo.(type) {
		case string:
			return h == o
		case time.Time:
			t, ok := yamlTimestamp(o)
			return ok && t.Equal(h)
		}
		return false
	case bool:
		h, ok := hugo.(bool)
		return ok && h == o
	case time.Time:
		switch h := hugo.(type) {
		case time.Time:
			return h.Equal(o)
		case string:
			t, ok := yamlTimestamp(h)
			return ok && t.Equal(o)
		}
		return false
	}
	if a, ok := number(ours); ok {
		b, ok := number(hugo)
		return ok && a.Cmp(b) == 0
	}
	return reflect.DeepEqual(ours, hugo)
}

func asMap(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, v := range m {
			out[fmt.Sprint(k)] = v
		}
		return out, true
	}
	return nil, false
}

// number returns v as an exact number when it is one.
func number(v any) (*big.Float, bool) {
	f := new(big.Float).SetPrec(200)
	switch n := v.(type) {
	case int:
		return f.SetInt64(int64(n)), true
	case int64:
		return f.SetInt64(n), true
	case uint64:
		return f.SetUint64(n), true
	case uint:
		return f.SetUint64(uint64(n)), true
	case float64:
		if math.IsNaN(n) {
			return nil, false
		}
		if math.IsInf(n, 0) {
			return f.SetInf(n < 0), true
		}
		return f.SetFloat64(n), true
	case float32:
		return number(float64(n))
	}
	return nil, false
}

// yamlTimestamp parses the timestamp forms of YAML 1.1, which both libraries resolve.
func yamlTimestamp(s string) (time.Time, bool) {
	for _, layout := range []string{
		"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999",
		"2006-1-2 15:4:5.999999999Z07:00", "2006-1-2T15:4:5.999999999", "2006-1-2",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Rules of the checks that keep what Hugo publishes equal to what bbtgen checked; the JSON
// output carries them.
const (
	RuleFence        = "front-matter-fence"
	RuleYAMLFeature  = "front-matter-yaml"
	RuleHugoReading  = "front-matter-hugo"
	RuleFileName     = "file-name"
	RuleSymlink      = "symlink"
	RuleStaticActive = "static-active"
	RuleShadow       = "media-shadow"
	// RuleEscape is a page that would leave its category's addresses (url, aliases, outputs,
	// layout): the review gate reports it under the same code.
	RuleEscape = "escape"
)

// AssetsMediaDir is where the build mounts static/media/ as Hugo assets, so that the layouts
// can make responsive sizes of pictures; nothing of the site's own may live there.
const AssetsMediaDir = "assets/media"

// SearchIndexDir is the folder of the site the build writes the search index into (under the
// search page's address); it is the build's alone, and no static file may be there.
const SearchIndexDir = "tim-kiem/chi-muc"

// hugoWrites are the files the build writes at the top of the site from config.yaml and the
// layouts, which a static file of the same name would replace.
var hugoWrites = []string{"robots.txt", "sitemap.xml", "index.xml", "404.html", ".nojekyll"}

// activeExts are the file types that static/ must not publish: a page, a script or a document
// a browser runs scripts in, which could replace a rendered page or run on the site's origin.
var activeExts = []string{".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".cjs", ".svg", ".svgz",
	".xml", ".xsl", ".xslt", ".wasm", ".php", ".swf"}
