package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cli"
)

func langEnv(lang string, out *bytes.Buffer) cli.Env {
	return cli.Env{Stdout: out, Stderr: out, Now: time.Now, Getenv: func(k string) string {
		if k == "BBTGEN_LANG" {
			return lang
		}
		return ""
	}}
}

// TestHelpLanguages: bbtgen --help, with the site builder's commands, in Vietnamese by default
// and in English with BBTGEN_LANG=en.
func TestHelpLanguages(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"", []string{
			"bbtgen kiểm tra, dựng và đăng trang thông tin điện tử do Ban Biên tập quản lý: mỗi tin,",
			"Cách dùng:",
			"  build       Kiểm tra trang, rồi dựng trang bằng Hugo vào thư mục public/",
			"  serve       Xem trước trang trên máy này (localhost), tự dựng lại sau mỗi thay đổi",
			"Tùy chọn:",
		}},
		{"en", []string{
			"bbtgen checks, builds and publishes the website of the Editorial Board (Ban Biên tập):",
			"Usage:",
			"  build       Check the site, then build it with Hugo into public/",
			"  serve       Preview the site on localhost, rebuilding on every change",
			"Flags:",
		}},
	} {
		var out bytes.Buffer
		if code := cli.Run(context.Background(), []string{"--help"}, langEnv(c.lang, &out), tool()); code != 0 {
			t.Fatalf("BBTGEN_LANG=%q bbtgen --help: exit %d\n%s", c.lang, code, out.String())
		}
		lines := map[string]bool{}
		for _, l := range strings.Split(out.String(), "\n") {
			lines[l] = true
		}
		for _, w := range c.want {
			if !lines[w] {
				t.Errorf("BBTGEN_LANG=%q bbtgen --help lacks the line %q:\n%s", c.lang, w, out.String())
			}
		}
	}
}

// TestHelpTranslated: in Vietnamese, every command of bbtgen, the program itself and build and
// serve included, has its Short, Long and flag usages in Vietnamese.
func TestHelpTranslated(t *testing.T) {
	var discard bytes.Buffer
	vi, en := cli.NewRootCmd(langEnv("vi", &discard), tool()), cli.NewRootCmd(langEnv("en", &discard), tool())
	en.InitDefaultHelpCmd()
	n := 0
	var walk func(v *cobra.Command)
	walk = func(v *cobra.Command) {
		e, _, err := en.Find(strings.Fields(v.CommandPath())[1:])
		if err != nil || e.CommandPath() != v.CommandPath() {
			t.Fatalf("%s: no English command (%v)", v.CommandPath(), err)
		}
		e.InitDefaultHelpFlag()
		e.InitDefaultVersionFlag()
		n++
		if v.Short == e.Short {
			t.Errorf("%s: the Short %q is not translated", v.CommandPath(), v.Short)
		}
		if e.Long != "" && v.Long == e.Long {
			t.Errorf("%s: the Long is not translated", v.CommandPath())
		}
		v.Flags().VisitAll(func(f *pflag.Flag) {
			if g := e.Flags().Lookup(f.Name); g != nil && g.Usage == f.Usage {
				t.Errorf("%s --%s: the usage %q is not translated", v.CommandPath(), f.Name, f.Usage)
			}
		})
		for _, sub := range v.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				walk(sub)
			}
		}
	}
	walk(vi)
	if n < 15 {
		t.Errorf("looked at %d commands only", n)
	}
}
