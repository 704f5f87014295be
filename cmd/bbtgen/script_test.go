package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"bbtgen":        func() { os.Exit(cli.Run(context.Background(), os.Args[1:], cli.SystemEnv(), tool())) },
		"bbtgen-review": func() { os.Exit(cli.Run(context.Background(), os.Args[1:], cli.SystemEnv(), cli.ReviewTool())) },
	})
}

// repoRoot is the folder of the sample site (and of the module).
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestScripts runs the command-line scenarios in testdata/script. Each runs in a fresh folder
// that holds the repository's real layouts and assets and, unless the script brings its own,
// the sample config.yaml without its board.notice (the scripts' sites do not carry it).
func TestScripts(t *testing.T) {
	root := repoRoot(t)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Values["github"] = &fakeGitHub{}
			env.Setenv("BBTGEN_NOW", "2026-11-25T10:00:00+07:00")
			env.Setenv("CI", "true")
			// The scripts read English, the developers' language; Vietnamese, the default, is
			// what the golden files of check, the card, the queue and reminders hold, and what
			// a script gets with "env BBTGEN_LANG=vi".
			env.Setenv("BBTGEN_LANG", "en")
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			for _, dir := range []string{"layouts", "assets"} {
				if _, err := os.Stat(filepath.Join(env.WorkDir, dir)); err == nil {
					continue
				}
				if err := os.CopyFS(filepath.Join(env.WorkDir, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
					return err
				}
			}
			cfgPath := filepath.Join(env.WorkDir, "config.yaml")
			if _, err := os.Stat(cfgPath); err == nil {
				return nil
			}
			data, err := os.ReadFile(filepath.Join(root, "config.yaml"))
			if err != nil {
				return err
			}
			data = regexp.MustCompile(`(?m)^  notice: .*\n`).ReplaceAll(data, nil)
			return os.WriteFile(cfgPath, data, 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"github": githubCmd,
			// exitcode N prog args…: run prog and require exit status N (the CLI contract).
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exitcode N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("%v", err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
		},
	})
}
