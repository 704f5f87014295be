package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// layoutKeyRE finds the keys of site.Params.bbt a template reads directly: site.Params.bbt.X,
// or $bbt.X where a template has named site.Params.bbt $bbt (board.html).
var layoutKeyRE = regexp.MustCompile(`(?:site\.Params\.bbt|\$bbt)\.([A-Za-z0-9_]+)`)

// TestParams checks the contract between config.yaml and the layouts: every key of
// site.Params.bbt a template names exists for the sample configuration, the nested keys the
// templates read are there, and every key is lowercase (Hugo lowercases parameter keys, so a
// key with a capital would never be found).
func TestParams(t *testing.T) {
	cfg := loadSampleConfig(t)
	bbt, ok := params(cfg)["bbt"].(map[string]any)
	if !ok {
		t.Fatalf("params has no map bbt: %#v", params(cfg))
	}

	// The top-level keys the layouts name.
	used := map[string][]string{}
	root := filepath.Join(repoRoot(t), "layouts")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for _, m := range layoutKeyRE.FindAllStringSubmatch(string(data), -1) {
			used[m[1]] = append(used[m[1]], rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 10 {
		t.Fatalf("found only %d keys of site.Params.bbt in layouts/: is the pattern out of date?", len(used))
	}
	for key, files := range used {
		if _, ok := bbt[key]; !ok {
			t.Errorf("layouts %s read site.Params.bbt.%s, which params does not give", strings.Join(files, ", "), key)
		}
	}

	// The nested keys, read inside range and with.
	first := func(key string) map[string]any {
		t.Helper()
		list, _ := bbt[key].([]any)
		if len(list) == 0 {
			t.Fatalf("bbt.%s is empty: %#v", key, bbt[key])
		}
		return list[0].(map[string]any)
	}
	nested := []struct {
		where string
		m     map[string]any
		keys  []string
	}{
		{"contact", bbt["contact"].(map[string]any), []string{"address", "phone", "fax", "email", "hours"}},
		{"decision", bbt["decision"].(map[string]any), []string{"number", "issuer", "title", "date"}},
		{"categories[0]", first("categories"), []string{"folder", "name", "kind", "description", "verification", "approvers"}},
		{"categories[0].approvers[0]", first("categories")["approvers"].([]any)[0].(map[string]any), []string{"name", "position", "days"}},
		{"members[0]", first("members"), []string{"name", "position", "roles", "duties", "approves"}},
		{"members[0].approves[0]", first("members")["approves"].([]any)[0].(map[string]any), []string{"name", "days"}},
		{"units[0]", first("units"), []string{"name", "head", "phone", "duties"}},
		{"authors.lhtrung", bbt["authors"].(map[string]any)["lhtrung"].(map[string]any), []string{"name"}},
	}
	for _, n := range nested {
		for _, k := range n.keys {
			if _, ok := n.m[k]; !ok {
				t.Errorf("bbt.%s has no key %q: %v", n.where, k, sortedKeys(n.m))
			}
		}
	}

	// A few values, as the templates see them.
	if got, want := bbt["shorttitle"], cfg.Site.ShortTitle; got != want {
		t.Errorf("shorttitle = %v, want %q", got, want)
	}
	if got, want := bbt["homeitems"], float64(cfg.Site.HomeItems); got != want {
		t.Errorf("homeitems = %#v, want %#v", got, want)
	}
	if got, want := bbt["decision"].(map[string]any)["date"], vntext.OfficialDate(cfg.Board.Decree.Date.In(cfg.Location())); got != want {
		t.Errorf("decision.date = %v, want %q", got, want)
	}
	if got := bbt["unitnames"].(map[string]any)["phong-cchc"]; got != "Phòng Cải cách hành chính" {
		t.Errorf("unitnames[phong-cchc] = %v", got)
	}
	kinds := map[string]any{}
	for _, c := range bbt["categories"].([]any) {
		c := c.(map[string]any)
		kinds[c["folder"].(string)] = c["kind"]
	}
	if kinds["van-ban"] != "legal" || kinds["hoi-dap"] != "qa" || kinds["hinh-anh"] != "gallery" {
		t.Errorf("category kinds = %v", kinds)
	}

	// Every key is lowercase: those of the sample's values, and every json name of Params.
	walkKeys(bbt, "bbt", func(path, key string) {
		if key != strings.ToLower(key) {
			t.Errorf("%s: key %q is not lowercase", path, key)
		}
	})
	walkJSONNames(reflect.TypeFor[Params](), "Params", map[reflect.Type]bool{}, func(path, name string) {
		if name == "" || name != strings.ToLower(name) {
			t.Errorf("%s: json name %q is not lowercase (Hugo lowercases parameter keys)", path, name)
		}
	})
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// walkKeys calls f for every map key in v, with the path to the map.
func walkKeys(v any, path string, f func(path, key string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			f(path, k)
			walkKeys(x, path+"."+k, f)
		}
	case []any:
		for _, x := range v {
			walkKeys(x, path+"[]", f)
		}
	}
}

// walkJSONNames calls f with the json name of every field of t and of the structs it holds.
func walkJSONNames(t reflect.Type, path string, seen map[reflect.Type]bool, f func(path, name string)) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for sf := range t.Fields() {
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		f(path+"."+sf.Name, name)
		walkJSONNames(sf.Type, path+"."+sf.Name, seen, f)
	}
}
