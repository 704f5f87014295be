package i18n

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// TestCatalog: every translation takes the arguments of its key, each once at least, and no
// key is in two tables.
func TestCatalog(t *testing.T) {
	seen := map[string]bool{}
	for _, table := range tables() {
		for key := range table {
			if seen[key] {
				t.Errorf("%q is in two tables", key)
			}
			seen[key] = true
		}
	}
	vi := New(Vietnamese)
	for key, tr := range theCatalog().vi {
		var args []any
		var want []string
		for i, v := range verbRE.FindAllString(key, -1) {
			switch v[len(v)-1] {
			case '%':
				continue
			case 'd':
				args = append(args, 9000+i)
				want = append(want, strconv.Itoa(9000+i))
			case 'q':
				args = append(args, fmt.Sprintf("arg%d", i))
				want = append(want, strconv.Quote(fmt.Sprintf("arg%d", i)))
			default:
				args = append(args, fmt.Sprintf("arg%d", i))
				want = append(want, fmt.Sprintf("arg%d", i))
			}
		}
		if len(args) == 0 {
			if strings.Contains(tr, "%!") {
				t.Errorf("%q → %q", key, tr)
			}
			continue
		}
		got := vi.Sprintf(key, args...)
		if strings.Contains(got, "%!") {
			t.Errorf("%q → %q: the verbs do not match the arguments: %s", key, tr, got)
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%q → %q: the argument %s is lost: %s", key, tr, w, got)
			}
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "vi"},
		{map[string]string{"LANG": "C.UTF-8"}, "vi"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{map[string]string{"LANG": "vi_VN.UTF-8"}, "vi"},
		{map[string]string{"LANG": "en_US.UTF-8", "BBTGEN_LANG": "vi"}, "vi"},
		{map[string]string{"BBTGEN_LANG": "en"}, "en"},
		{map[string]string{"BBTGEN_LANG": "EN"}, "en"},
		{map[string]string{"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"},
		{map[string]string{"LC_MESSAGES": "en_GB.UTF-8"}, "en"},
	} {
		if got := FromEnv(func(k string) string { return tt.env[k] }).String(); got != tt.want {
			t.Errorf("FromEnv(%v) = %s, want %s", tt.env, got, tt.want)
		}
	}
}

// TestNumbersAsWritten: x/text would write the year 2027 as "2.027" in Vietnamese.
func TestNumbersAsWritten(t *testing.T) {
	vi := New(Vietnamese)
	if got := vi.Sprintf("untranslated %d and %v, line %d", 2027, 1204, 12345); got != "untranslated 2027 and 1204, line 12345" {
		t.Errorf("got %q", got)
	}
	if got := vi.Text(diag.T("%s: %s", diag.T("warning"), "x")); got != "cảnh báo: x" {
		t.Errorf("a Text argument is translated: got %q", got)
	}
	if got := New(English).Text(diag.T("warning")); got != "warning" {
		t.Errorf("English: got %q", got)
	}
	if got := vi.Literal("100% untranslated"); got != "100% untranslated" {
		t.Errorf("a literal is not a format: got %q", got)
	}
	pr := diag.Problemf("content/a.md", 4, 2, "rule", "", "warning")
	pr.Severity = diag.Warning
	if got := vi.Problem(pr); got != "content/a.md:4:2: cảnh báo: cảnh báo" {
		t.Errorf("Problem = %q", got)
	}
}

// TestCatalogNFC: the Vietnamese is in NFC, as bbtgen asks of every article.
func TestCatalogNFC(t *testing.T) {
	for key, tr := range theCatalog().vi {
		if !norm.NFC.IsNormalString(tr) || !norm.NFC.IsNormalString(key) {
			t.Errorf("%q → %q is not in NFC", key, tr)
		}
	}
}
