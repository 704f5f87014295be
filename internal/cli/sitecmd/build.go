// Package sitecmd holds the commands of bbtgen that build the site with Hugo (build and serve).
// They live apart from package cli so that bbtgen-review, which has every other review
// command, links no site builder.
package sitecmd

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cli"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/site"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

// BuildOptions are the options of bbtgen build.
type BuildOptions struct {
	Site    string
	Out     string
	BaseURL string
	NoIndex bool
}

func newBuildCmd(env cli.Env) *cobra.Command {
	opts := &BuildOptions{}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Check the site, then build it with Hugo into public/",
		Long: `Run every check of bbtgen check and, only if there is no error, build the site with Hugo
(used as a library: no hugo program is needed) into public/ (or --out). The output folder is
replaced only when the build succeeds.

--noindex builds a site search engines must not index, for a preview: robots.txt disallows
everything and every page carries <meta name="robots" content="noindex, nofollow">.`,
		Args: cli.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return buildRun(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().StringVar(&opts.Out, "out", "", "the output folder (default: public/ in the site folder)")
	cmd.Flags().StringVar(&opts.BaseURL, "base-url", "", "override site.base_url, e.g. for a preview")
	cmd.Flags().BoolVar(&opts.NoIndex, "noindex", false, "tell search engines not to index the site (robots.txt and a robots meta tag in every page), for a preview")
	return cmd
}

// buildGCPercent is the garbage collector's setting for a build when GOGC does not choose
// one. A build keeps the whole site in memory twice (the check's reading and Hugo's pages)
// while it allocates much more, and Go's default (100) spends about a tenth of the build's
// CPU collecting. At 10,000 articles, 200 saves 1.5–4 s of CPU (0.5–2 s of a 14–19 s build)
// for 150–200 MB more memory (800 → 950–1,000 MB), over six runs alternated with 100.
const buildGCPercent = 200

func buildRun(ctx context.Context, env cli.Env, opts *BuildOptions) error {
	if env.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(buildGCPercent))
	}
	now := env.Time()
	out := opts.Out
	if out == "" {
		out = filepath.Join(opts.Site, "public")
	}
	s, res, err := site.CheckAndBuild(ctx, site.Options{
		Dir: opts.Site, Out: out, BaseURL: opts.BaseURL, NoIndex: opts.NoIndex,
		Now:     now,
		Version: cli.Version,
		Log:     env.Stderr,
	}, func(parsed *sitecheck.Site) site.Source { return sourceOf(opts.Site, parsed) })
	if s != nil {
		cli.PrintProblems(env.Stderr, env.Printer(), s.Problems)
	}
	if refused := (*site.CheckedError)(nil); errors.As(err, &refused) {
		return &cli.ExitError{Code: 1, Err: cli.Errorf("the site has %d problem(s); nothing was built", s.Problems.Errors())}
	}
	if unsafe := (*site.UnsafeError)(nil); errors.As(err, &unsafe) {
		cli.PrintProblems(env.Stderr, env.Printer(), unsafe.Problems)
		return &cli.ExitError{Code: 1, Err: cli.Errorf("the build was refused: what Hugo would publish differs from what bbtgen checked (%d problem(s)); the previous site is unchanged", len(unsafe.Problems))}
	}
	if err != nil {
		return &cli.ExitError{Code: 2, Err: err}
	}
	fmt.Fprintln(env.Stderr, env.Printer().Sprintf("built %d pages (%d files) in %ss → %s", res.Pages, res.Files, seconds(res.Duration, 1), out))
	return nil
}

// seconds writes d in seconds with the given number of decimals, as Go writes numbers.
func seconds(d time.Duration, decimals int) string {
	return strconv.FormatFloat(d.Seconds(), 'f', decimals, 64)
}

// sourceOf finds the Git commit the site folder is checked out at and, for each article, the
// commit that last changed it. Outside a repository (or in one without commits) it is empty.
func sourceOf(dir string, s *sitecheck.Site) site.Source {
	repo, err := gitrepo.Open(dir)
	if err != nil {
		return site.Source{}
	}
	head, err := gitrepo.Resolve(repo, "HEAD")
	if err != nil {
		return site.Source{}
	}
	src := site.Source{Commit: head.Hash.String(), Articles: map[string]string{}}
	// Paths in Git are relative to the repository root, which may hold the site in a folder.
	prefix := ""
	if wt, err := repo.Worktree(); err == nil {
		if abs, err := filepath.Abs(dir); err == nil {
			if rel, err := filepath.Rel(wt.Filesystem.Root(), abs); err == nil && rel != "." {
				prefix = filepath.ToSlash(rel) + "/"
			}
		}
	}
	var paths []string
	for _, a := range s.Content.Articles {
		paths = append(paths, prefix+a.Path)
	}
	last, err := gitrepo.LastChanged(repo, head, paths, []string{prefix + content.Dir})
	if err != nil {
		return src
	}
	for p, h := range last {
		src.Articles[strings.TrimPrefix(p, prefix)] = h.String()
	}
	return src
}

// Commands are the commands that build the site with Hugo: build and serve.
func Commands() []func(cli.Env) *cobra.Command {
	return []func(cli.Env) *cobra.Command{newBuildCmd, newServeCmd}
}
