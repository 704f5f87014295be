package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/site"
)

// BuildOptions are the options of bbtgen build.
type BuildOptions struct {
	Site    string
	Out     string
	BaseURL string
}

func newBuildCmd(env Env) *cobra.Command {
	opts := &BuildOptions{}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Check the site, then build it with Hugo into public/",
		Long: `Run every check of bbtgen check and, only if there is no error, build the site with Hugo
(used as a library: no hugo program is needed) into public/ (or --out). The output folder is
replaced only when the build succeeds.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return buildRun(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().StringVar(&opts.Out, "out", "", "the output folder (default: public/ in the site folder)")
	cmd.Flags().StringVar(&opts.BaseURL, "base-url", "", "override site.base_url, e.g. for a preview")
	return cmd
}

func buildRun(ctx context.Context, env Env, opts *BuildOptions) error {
	now := env.now()
	s, err := checkSite(opts.Site, now)
	if err != nil {
		return err
	}
	printProblems(env.Stderr, s.Problems)
	if s.Problems.Errors() > 0 {
		return &ExitError{Code: 1, Err: fmt.Errorf("the site has %d problem(s); nothing was built", s.Problems.Errors())}
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(opts.Site, "public")
	}
	res, err := site.Build(ctx, site.Options{
		Dir: opts.Site, Out: out, BaseURL: opts.BaseURL,
		Cfg: s.Cfg, Content: s.Content,
		Source:  sourceOf(opts.Site),
		Now:     now,
		Version: Version,
		Log:     env.Stderr,
	})
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	fmt.Fprintf(env.Stderr, "built %d pages (%d files) in %.1fs → %s\n", res.Pages, res.Files, res.Duration.Seconds(), out)
	return nil
}

// sourceOf finds the Git commit the site folder is checked out at, if it is in a repository.
func sourceOf(dir string) site.Source {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return site.Source{}
	}
	head, err := repo.Head()
	if err != nil {
		return site.Source{}
	}
	return site.Source{Commit: head.Hash().String()}
}
