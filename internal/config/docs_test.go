package config

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/strictyaml"
)

// TestDocsCoverEveryKey checks that docs/config.md documents every key config.yaml may hold.
// The keys come from the Go types, as strictyaml reads them: yaml names, nested structs, the
// items of lists and the values of maps (a map's own keys are data and stand as *). A key is
// documented when the YAML examples of docs/config.md hold it at the same place
// (board.members.github: a list adds no step), or when a table names it in backquotes
// (`board.members.github`).
func TestDocsCoverEveryKey(t *testing.T) {
	var schema []string
	schemaKeys(reflect.TypeFor[Config](), nil, map[reflect.Type]bool{}, &schema)
	if len(schema) < 50 {
		t.Fatalf("found only %d keys in the config types: is the walk out of date?", len(schema))
	}

	data, err := os.ReadFile("../../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := documentedKeys(t, string(data))
	for _, key := range schema {
		if !documentedAt(documented, key) {
			t.Errorf("docs/config.md does not document %s: add it to the YAML example of its section with a comment that says what it does", key)
		}
	}
}

// schemaKeys appends the dotted path of every key under t.
func schemaKeys(t reflect.Type, path []string, inPath map[reflect.Type]bool, out *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[strictyaml.Scalar]()) || t == reflect.TypeFor[yaml.Node]() {
		return // one scalar, however it is written
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		schemaKeys(t.Elem(), path, inPath, out)
	case reflect.Map:
		schemaKeys(t.Elem(), append(path, "*"), inPath, out)
	case reflect.Struct:
		if inPath[t] {
			return // a type that holds itself would never end
		}
		inPath[t] = true
		defer delete(inPath, t)
		for f := range t.Fields() {
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if strings.Contains(opts, "inline") {
				schemaKeys(f.Type, path, inPath, out)
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name) // what strictyaml reads for an untagged field
			}
			p := append(path[:len(path):len(path)], name)
			*out = append(*out, strings.Join(p, "."))
			schemaKeys(f.Type, p, inPath, out)
		}
	}
}

var (
	yamlBlockRE = regexp.MustCompile("(?ms)^```ya?ml\n(.*?)^```")
	tableKeyRE  = regexp.MustCompile("`([a-z_]+(?:\\.[a-z_*]+)+)`")
)

// documentedKeys returns the dotted paths of the keys in the YAML blocks and tables of doc.
func documentedKeys(t *testing.T, doc string) map[string]bool {
	keys := map[string]bool{}
	for _, m := range yamlBlockRE.FindAllStringSubmatch(doc, -1) {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(m[1]), &n); err != nil {
			t.Errorf("docs/config.md: a YAML example does not parse (%v):\n%s", err, m[1])
			continue
		}
		yamlKeys(&n, "", keys)
	}
	for line := range strings.Lines(doc) {
		if strings.HasPrefix(strings.TrimSpace(line), "|") {
			for _, m := range tableKeyRE.FindAllStringSubmatch(line, -1) {
				keys[m[1]] = true
			}
		}
	}
	return keys
}

func yamlKeys(n *yaml.Node, path string, keys map[string]bool) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			yamlKeys(c, path, keys)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := n.Content[i].Value
			if path != "" {
				p = path + "." + p
			}
			keys[p] = true
			yamlKeys(n.Content[i+1], p, keys)
		}
	}
}

// documentedAt reports whether key, whose * stand for any map key, is among the documented.
func documentedAt(documented map[string]bool, key string) bool {
	if documented[key] {
		return true
	}
	if !strings.Contains(key, "*") {
		return false
	}
	want := strings.Split(key, ".")
next:
	for d := range documented {
		got := strings.Split(d, ".")
		if len(got) != len(want) {
			continue
		}
		for i := range want {
			if want[i] != "*" && want[i] != got[i] {
				continue next
			}
		}
		return true
	}
	return false
}
