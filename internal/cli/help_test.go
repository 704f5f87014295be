package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// help runs the arguments (a --help) in a language ("" is the default, Vietnamese) and returns
// what they print.
func help(t *testing.T, lang string, args ...string) string {
	t.Helper()
	out, stderr, code := runCLI(t, map[string]string{"BBTGEN_LANG": lang}, args...)
	if code != 0 {
		t.Fatalf("BBTGEN_LANG=%q %v: exit %d: %s", lang, args, code, stderr)
	}
	return out
}

// hasLines reports the lines of want that out lacks, each compared whole.
func hasLines(t *testing.T, what, out string, want ...string) {
	t.Helper()
	lines := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		lines[l] = true
	}
	for _, w := range want {
		if !lines[w] {
			t.Errorf("%s lacks the line %q:\n%s", what, w, out)
		}
	}
}

// TestHelpLanguages: --help is in Vietnamese unless BBTGEN_LANG=en, headings, descriptions and
// flags alike; English is cobra's own.
func TestHelpLanguages(t *testing.T) {
	vi := help(t, "", "--help")
	hasLines(t, "bbtgen --help", vi,
		"Cách dùng:",
		"  bbtgen [lệnh]",
		"Các lệnh:",
		"  check       Kiểm tra config.yaml và mọi tin, bài",
		"  help        Xem hướng dẫn của bất kỳ lệnh nào",
		"  new         Tạo bản nháp một bài mới, với địa chỉ (slug) tiếng Việt không dấu",
		"Tùy chọn:",
		"  -h, --help      xem hướng dẫn của bbtgen",
		"  -v, --version   xem phiên bản của bbtgen",
		`Gõ "bbtgen [lệnh] --help" để xem hướng dẫn chi tiết của một lệnh.`)
	en := help(t, "en", "--help")
	hasLines(t, "BBTGEN_LANG=en bbtgen --help", en,
		"Usage:",
		"  bbtgen [command]",
		"Available Commands:",
		"  check       Validate config.yaml and every article",
		"  help        Help about any command",
		"Flags:",
		"  -h, --help      help for bbtgen",
		"  -v, --version   version for bbtgen",
		`Use "bbtgen [command] --help" for more information about a command.`)

	vi = help(t, "", "check", "--help")
	hasLines(t, "bbtgen check --help", vi,
		"Kiểm tra config.yaml và mọi tin, bài, ghi từng lỗi theo dạng tệp:dòng:cột.",
		"Cách dùng:",
		"  bbtgen check [tùy chọn]",
		"Tùy chọn:",
		`      --format string   định dạng kết quả: text, json hoặc github (ghi chú hiện ngay trên các dòng của yêu cầu hợp nhất) (mặc định "text")`,
		"  -h, --help            xem hướng dẫn của check",
		`      --site string     thư mục của trang (chứa config.yaml) (mặc định ".")`)
	en = help(t, "en", "check", "--help")
	hasLines(t, "BBTGEN_LANG=en bbtgen check --help", en,
		"Validate config.yaml and every article, printing every problem as file:line:column.",
		"Usage:",
		"  bbtgen check [flags]",
		"Flags:",
		`      --format string   output format: text, json, or github (workflow commands: annotations on the pull request's lines) (default "text")`,
		"  -h, --help            help for check",
		`      --site string     the site folder (holding config.yaml) (default ".")`)

	if v, _, _ := runCLI(t, nil, "--version"); v != "bbtgen phiên bản "+Version+"\n" {
		t.Errorf("bbtgen --version: %q", v)
	}
	if v, _, _ := runCLI(t, map[string]string{"BBTGEN_LANG": "en"}, "--version"); v != "bbtgen version "+Version+"\n" {
		t.Errorf("BBTGEN_LANG=en bbtgen --version: %q", v)
	}
	// A mistyped flag: the flag package's sentence, then what to do, in Vietnamese.
	_, stderr, code := runCLI(t, nil, "check", "--fomat", "json")
	if code != 2 || !strings.Contains(stderr, "gõ 'bbtgen check --help' để xem cách dùng") {
		t.Errorf("a mistyped flag: exit %d, %q", code, stderr)
	}
}

// TestHelpTranslated: in Vietnamese, every command of bbtgen (but build and serve, which
// cmd/bbtgen checks) and bbtgen-review has its description (Short, and Long when there is one)
// and every flag its usage in Vietnamese, and no heading of cobra's is left in English.
func TestHelpTranslated(t *testing.T) {
	seen := checkHelpTranslated(t, Tool{Name: "bbtgen", Commands: Commands()})
	for _, c := range []string{"bbtgen help", "bbtgen check", "bbtgen new", "bbtgen setup github", "bbtgen review gate", "bbtgen royalty", "bbtgen cms"} {
		if !seen[c] {
			t.Errorf("%s was not looked at (looked at %v)", c, seen)
		}
	}
	if seen := checkHelpTranslated(t, ReviewTool()); !seen["bbtgen-review"] || !seen["bbtgen-review audit"] {
		t.Errorf("bbtgen-review: looked at %v", seen)
	}
}

// checkHelpTranslated compares the command trees of tool in English and in Vietnamese: every
// Short, Long and flag usage must differ, and the Vietnamese help of every command must hold
// none of cobra's English headings. It returns the commands it looked at.
func checkHelpTranslated(t *testing.T, tool Tool) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	env := func(lang string) Env {
		return Env{Getenv: func(k string) string {
			if k == "BBTGEN_LANG" {
				return lang
			}
			return ""
		}, Now: time.Now}
	}
	vi, en := NewRootCmd(env("vi"), tool), NewRootCmd(env("en"), tool)
	en.InitDefaultHelpCmd()
	var walk func(v *cobra.Command)
	walk = func(v *cobra.Command) {
		path := strings.Fields(v.CommandPath())[1:]
		e, _, err := en.Find(path)
		if err != nil || e.CommandPath() != v.CommandPath() {
			t.Fatalf("%s: no English command (%v)", v.CommandPath(), err)
		}
		e.InitDefaultHelpFlag()
		e.InitDefaultVersionFlag()
		seen[v.CommandPath()] = true
		if e.Short != "" && v.Short == e.Short {
			t.Errorf("%s: the Short %q is not translated", v.CommandPath(), v.Short)
		}
		if e.Long != "" && v.Long == e.Long {
			t.Errorf("%s: the Long %q is not translated", v.CommandPath(), firstLine(v.Long))
		}
		v.Flags().VisitAll(func(f *pflag.Flag) {
			if g := e.Flags().Lookup(f.Name); g != nil && g.Usage == f.Usage {
				t.Errorf("%s --%s: the usage %q is not translated", v.CommandPath(), f.Name, f.Usage)
			}
		})
		var b strings.Builder
		v.SetOut(&b)
		if err := v.Help(); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"Usage:", "Flags:", "Available Commands:", "Additional Commands:", "[command]", "[flags]", "(default ", "help for ", " for more information"} {
			if strings.Contains(b.String(), s) {
				t.Errorf("%s --help holds %q:\n%s", v.CommandPath(), s, b.String())
			}
		}
		for _, sub := range v.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				walk(sub)
			}
		}
	}
	walk(vi)
	return seen
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}
