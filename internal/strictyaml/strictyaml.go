// Package strictyaml decodes YAML into Go structs strictly and completely: every unknown or
// duplicated key, every value of the wrong type is reported with its line and column, and
// decoding goes on after a problem so that one run shows them all. It also remembers where
// each value stood, so later validation can point at the exact line ("approver "x" is not a
// board member" at categories[2].approvers[0].member).
//
// yaml.v3's own KnownFields mode stops at the first unknown key and reports lines without
// columns, which is not enough for the people who edit config.yaml and front matter by hand.
package strictyaml

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// Pos is a 1-based line and column in the YAML text.
type Pos struct{ Line, Column int }

// Positions maps a value's path ("categories[0].approvers[1].member") to where it stands.
type Positions map[string]Pos

// At returns the position of path, or of its nearest recorded parent.
func (p Positions) At(path string) Pos {
	for {
		if pos, ok := p[path]; ok {
			return pos
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return p[""]
		}
		path = path[:i]
	}
}

// Path joins keys (strings) and indexes (ints) into the path syntax Positions uses.
func Path(parts ...any) string {
	var b strings.Builder
	for _, part := range parts {
		switch v := part.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", v)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// Error is one decoding problem.
type Error struct {
	Pos
	Path    string
	Rule    string // "unknown-key", "duplicate-key", "type"
	Message string
	Hint    string
	// Text and HintText are Message and Hint as sentences of the message catalog.
	Text, HintText diag.Text
}

func (e Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message)
}

// Scalar is implemented by types that parse themselves from one YAML scalar, such as dates.
// tag is the YAML tag the scalar resolved to ("!!str", "!!int", "!!timestamp"…).
type Scalar interface {
	UnmarshalScalar(value, tag string) error
}

// Decode decodes node (a document or a mapping) into v, which must be a pointer.
func Decode(node *yaml.Node, v any) (Positions, []Error) {
	d := &decoder{pos: Positions{}}
	if node.Kind == yaml.DocumentNode {
		if len(node.Content) == 0 {
			return d.pos, nil
		}
		node = node.Content[0]
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("strictyaml: Decode needs a non-nil pointer")
	}
	d.decode(node, rv.Elem(), "")
	return d.pos, d.errs
}

type decoder struct {
	pos  Positions
	errs []Error
}

var scalarType = reflect.TypeFor[Scalar]()

func (d *decoder) fail(n *yaml.Node, path, rule, hint, format string, args ...any) {
	d.failHint(n, path, rule, diag.T(hint), format, args...)
}

// failHint is fail with a hint that has arguments.
func (d *decoder) failHint(n *yaml.Node, path, rule string, hint diag.Text, format string, args ...any) {
	msg := diag.T(format, args...)
	d.errs = append(d.errs, Error{
		Pos: Pos{n.Line, n.Column}, Path: path, Rule: rule, Hint: hint.String(), HintText: hint,
		Message: msg.String(), Text: msg,
	})
}

// sentence is the sentence of the message catalog an error carries (a Sentence method, as the
// errors of content.Timestamp and calendar.Date have), or the error itself.
func sentence(err error) any {
	var s interface{ Sentence() diag.Text }
	if errors.As(err, &s) {
		return s.Sentence()
	}
	return err
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.pos[path] = Pos{n.Line, n.Column}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value leaves the zero value in place
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path)
		return
	}
	if v.Type() == reflect.TypeFor[yaml.Node]() {
		v.Set(reflect.ValueOf(*n))
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(scalarType) {
		if n.Kind != yaml.ScalarNode {
			d.fail(n, path, "type", "", "%s must be a single value, not a %s", describePath(path), kindName(n))
			return
		}
		if err := v.Addr().Interface().(Scalar).UnmarshalScalar(n.Value, n.ShortTag()); err != nil {
			d.fail(n, path, "type", "", "%s: %v", describePath(path), sentence(err))
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "type", "write it as a list: one \"- item\" per line", "%s must be a list, not a %s", describePath(path), kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), Path(path, i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.fail(n, path, "type", "", "%s must be a mapping of keys to values, not a %s", describePath(path), kindName(n))
			return
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if seen[k.Value] {
				d.fail(k, Path(path, k.Value), "duplicate-key", "remove one of them", "duplicate key %q", k.Value)
				continue
			}
			seen[k.Value] = true
			ev := reflect.New(v.Type().Elem()).Elem()
			d.decode(val, ev, Path(path, k.Value))
			v.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), ev)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, path, "type", "", "%s must be text, not a %s", describePath(path), kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || err != nil {
			d.fail(n, path, "type", "write true or false", "%s must be true or false, not %q", describePath(path), n.Value)
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64, reflect.Int32:
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || err != nil {
			d.fail(n, path, "type", "", "%s must be a whole number, not %q", describePath(path), n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") || err != nil {
			d.fail(n, path, "type", "", "%s must be a number, not %q", describePath(path), n.Value)
			return
		}
		v.SetFloat(f)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.fail(n, path, "type", "", "%s: %v", describePath(path), err)
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		panic(fmt.Sprintf("strictyaml: unsupported type %s", v.Type()))
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "type", "", "%s must be a mapping of keys to values, not a %s", describePath(path), kindName(n))
		return
	}
	fields := fieldsOf(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		fieldPath := Path(path, key)
		idx, ok := fields[key]
		if !ok {
			known := make([]string, 0, len(fields))
			for name := range fields {
				known = append(known, name)
			}
			slices.Sort(known)
			hint := diag.T("known keys: %s", strings.Join(known, ", "))
			if near := nearest(key, known); near != "" {
				hint = diag.T("did you mean %q? (%s)", near, hint)
			}
			where := diag.T("at the top level")
			if path != "" {
				where = diag.T("in %s", path)
			}
			d.failHint(k, fieldPath, "unknown-key", hint, "unknown key %q %s", key, where)
			continue
		}
		if seen[key] {
			d.fail(k, fieldPath, "duplicate-key", "keep one of them", "key %q appears twice", key)
			continue
		}
		seen[key] = true
		d.decode(val, v.FieldByIndex(idx), fieldPath)
	}
}

// fieldsOf maps YAML names to struct fields, following inline (embedded) structs.
func fieldsOf(t reflect.Type) map[string][]int {
	out := map[string][]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, idx := range fieldsOf(f.Type) {
				out[k] = append([]int{i}, idx...)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = []int{i}
	}
	return out
}

func kindName(n *yaml.Node) diag.Text {
	switch n.Kind {
	case yaml.MappingNode:
		return diag.T("mapping")
	case yaml.SequenceNode:
		return diag.T("list")
	default:
		return diag.T("single value")
	}
}

// describePath names the value at path in a message: the path, or "the document" (a
// sentence of the catalog) for the whole.
func describePath(path string) any {
	if path == "" {
		return diag.T("the document")
	}
	return path
}

// nearest returns the known name closest to key when it is a likely typo.
func nearest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if dist := Distance(strings.ToLower(key), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

// Distance is the Levenshtein edit distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
