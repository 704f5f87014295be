package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestNoSiteBuilder proves that bbtgen-review does not link Hugo's site builder: the gate job
// compiles it from nothing on every review, so it must stay small. Hugo's page parser and
// front-matter decoder are allowed (the one reading of front matter needs them); hugolib, the
// template engine, the resource pipeline and bbtgen's own build are not.
func TestNoSiteBuilder(t *testing.T) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("the go command is needed to list the dependencies")
			}
			t.Skip("no go command to list the dependencies with")
		}
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	forbidden := []string{
		"github.com/gohugoio/hugo/hugolib",
		"github.com/gohugoio/hugo/tpl",
		"github.com/gohugoio/hugo/resources/page",
		"github.com/gohugoio/hugo/deps",
		"github.com/gohugoio/hugo/commands",
		"github.com/gohugoio/hugo/markup",
		"github.com/sonoivu-binhdinh/bbtgen/internal/site",
		"github.com/sonoivu-binhdinh/bbtgen/internal/cli/sitecmd",
	}
	deps := strings.Fields(string(out))
	hugo := 0
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/gohugoio/hugo/") {
			hugo++
		}
		for _, f := range forbidden {
			if d == f || strings.HasPrefix(d, f+"/") && f != "github.com/gohugoio/hugo/hugolib" {
				t.Errorf("bbtgen-review depends on %s", d)
			}
		}
	}
	t.Logf("%d packages, %d of them Hugo's", len(deps), hugo)
}
