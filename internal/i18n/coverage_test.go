package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// readerPackages are the packages whose sentences department members read: the checks, the
// review, and every command's output and help.
var readerPackages = []string{
	"internal/content", "internal/strictyaml", "internal/calendar", "internal/config", "internal/sitecheck", "internal/policy",
	"internal/cli", "internal/cli/sitecmd", "cmd/bbtgen", "cmd/bbtgen-review", "internal/audit", "internal/forge", "internal/publish",
}

// A sentence is a string literal (or a sum of literals) the code hands to the catalog:
//   - at a parameter named format, hint or msg of a function of the same package (a closure
//     assigned to a name included), or of diag.T, diag.Problemf, Problem.WithHint, Errorf,
//     UsageError and a Printer's Sprintf and Literal;
//   - as Short or Long of a cobra.Command, or the usage of a flag;
//   - as Message or Hint of a diag.Problem, or Message of a policy.Reason.
type sentence struct {
	text, pos string
}

func sentences(t *testing.T, dir string) []sentence {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// The parameters that take a sentence, by function name.
	takes := map[string][]int{
		"T": {0}, "Problemf": {4, 5}, "WithHint": {0}, "Errorf": {0}, "UsageError": {0},
		"Sprintf": {0}, "Literal": {0},
	}
	params := func(ft *ast.FuncType) []int {
		var at []int
		i := 0
		for _, f := range ft.Params.List {
			n := max(len(f.Names), 1)
			for k := range n {
				if k < len(f.Names) {
					switch f.Names[k].Name {
					case "format", "hint", "msg":
						if id, ok := f.Type.(*ast.Ident); ok && id.Name == "string" {
							at = append(at, i)
						}
					}
				}
				i++
			}
		}
		return at
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if at := params(n.Type); len(at) > 0 {
					takes[n.Name.Name] = at
				}
			case *ast.AssignStmt:
				for i, r := range n.Rhs {
					if fl, ok := r.(*ast.FuncLit); ok && i < len(n.Lhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok {
							if at := params(fl.Type); len(at) > 0 {
								takes[id.Name] = at
							}
						}
					}
				}
			}
			return true
		})
	}
	var out []sentence
	add := func(e ast.Expr) {
		if s, ok := literal(e); ok && s != "" {
			out = append(out, sentence{s, fset.Position(e.Pos()).String()})
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
					if x, ok := fn.X.(*ast.Ident); ok && x.Name == "fmt" {
						return true // fmt.Sprintf and fmt.Errorf are not the catalog
					}
					if isFlags(fn.X) && len(n.Args) > 0 {
						add(n.Args[len(n.Args)-1])
						return true
					}
				}
				for _, i := range takes[name] {
					if i < len(n.Args) {
						add(n.Args[i])
					}
				}
			case *ast.CompositeLit:
				typ := ""
				switch ty := n.Type.(type) {
				case *ast.SelectorExpr:
					typ = ty.Sel.Name
				case *ast.Ident:
					typ = ty.Name
				}
				fields := map[string][]string{"Command": {"Short", "Long"}, "Problem": {"Message", "Hint"}, "Reason": {"Message"}}[typ]
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && slices.Contains(fields, k.Name) {
							add(kv.Value)
						}
					}
				}
			}
			return true
		})
	}
	return out
}

// isFlags tells a flag set: cmd.Flags(), cmd.PersistentFlags(), or a variable named flags.
func isFlags(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.CallExpr:
		if s, ok := x.Fun.(*ast.SelectorExpr); ok {
			return s.Sel.Name == "Flags" || s.Sel.Name == "PersistentFlags"
		}
	case *ast.Ident:
		return x.Name == "flags" || x.Name == "fs"
	}
	return false
}

// literal evaluates a string literal or a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(x.X)
		b, ok2 := literal(x.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return literal(x.X)
	}
	return "", false
}

// TestEverySentenceTranslated: every sentence of the packages people read has its Vietnamese.
func TestEverySentenceTranslated(t *testing.T) {
	missing := 0
	for _, pkg := range readerPackages {
		for _, s := range sentences(t, filepath.Join("..", "..", pkg)) {
			if !Has(s.text) && !untranslatable(s.text) {
				missing++
				t.Errorf("%s: no Vietnamese for %q", s.pos, s.text)
			}
		}
	}
	if missing > 0 {
		t.Logf("%d sentences to translate: add them to the vi_*.go table of their package", missing)
	}
}

// untranslatable tells a literal that is the same in every language: a format made only of
// verbs and punctuation ("%s: %v"), a code, a path.
func untranslatable(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			goto letters
		}
	}
	return true
letters:
	stripped := strings.NewReplacer("%s", "", "%v", "", "%d", "", "%q", "", "%w", "").Replace(s)
	for _, r := range stripped {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return false
		}
	}
	return true
}
