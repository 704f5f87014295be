package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
	"github.com/sonoivu-binhdinh/bbtgen/internal/publish"
)

// DeployOptions are the options of bbtgen deploy.
type DeployOptions struct {
	Dir      string
	Remote   string
	Branch   string
	Message  string
	Rollback string
	Force    bool
	// Path publishes the build as a preview folder of the branch; RemovePath removes one.
	Path       string
	RemovePath string
}

func newDeployCmd(env Env) *cobra.Command {
	opts := &DeployOptions{}
	cmd := &cobra.Command{
		Use:   "deploy",
		Short: "Publish the built site as one commit on a branch of a Git remote",
		Long: `Publish the output of bbtgen build as one new commit on a branch (gh-pages by default) of a
Git remote: the history is kept, so any earlier version can be put back with --rollback. A
folder that a successful build did not mark as complete is refused. When the branch already
holds exactly this site, no commit is made. Remotes: https:// (authenticated with
GITHUB_TOKEN), http://, file:// or a local path; by default the origin of the current
repository.

The branch is a record the publishing server relies on, so deploy keeps it true. It never
puts a build over a deployment of a newer source commit (newer by ancestry in the current
repository): it says so and publishes nothing (exit 0); when two deployments race and which
is newer cannot be told, the loser refuses (exit 2). It deploys only to a new branch or one
that bbtgen deployments made (--force replaces another branch, keeping its history), never
to the publishing branch or the checked-out branch of the site's own repository, keeps the
branch's CNAME when the build has none, and refuses a build holding a .git file or folder.
--rollback takes only an earlier deployment of the branch.

Previews (bản xem trước): --path pr-12/ publishes the build as that folder of the branch and
keeps everything else on it (the previews of other pull requests); --remove-path pr-12/
removes the folder as one commit (nothing to do when it is absent). A folder is a plain
relative path of lowercase slugs. A branch holds either a whole site or previews, never both:
a preview is refused on a branch that holds a whole site, and a whole site on a branch of
previews (--force overrides; the site's own source branches stay refused). A new branch of
previews gets a .nojekyll and a robots.txt that disallows everything at its root. Build a
preview with bbtgen build --noindex.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return deployRun(cmd.Context(), env, opts) },
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "public", "the built site")
	cmd.Flags().StringVar(&opts.Remote, "remote", "", "the Git remote (default: the origin of the current repository)")
	cmd.Flags().StringVar(&opts.Branch, "branch", "gh-pages", "the branch that holds the published site")
	cmd.Flags().StringVar(&opts.Message, "message", "", "a line to add to the commit message")
	cmd.Flags().StringVar(&opts.Rollback, "rollback", "", "republish the site of this earlier deployment of the branch")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "deploy to a branch that is not a bbtgen deployment branch (its files are replaced), or over a newer deployment")
	cmd.Flags().StringVar(&opts.Path, "path", "", "publish the build as this folder of the branch (a preview, e.g. pr-12/), keeping the rest of the branch")
	cmd.Flags().StringVar(&opts.RemovePath, "remove-path", "", "remove this preview folder from the branch (e.g. pr-12/)")
	cmd.MarkFlagsMutuallyExclusive("path", "remove-path", "rollback")
	return cmd
}

func deployRun(ctx context.Context, env Env, opts *DeployOptions) error {
	remote := opts.Remote
	if remote == "" {
		repo, err := gitrepo.Open(".")
		if err == nil {
			if r, err := repo.Remote("origin"); err == nil && len(r.Config().URLs) > 0 {
				remote = r.Config().URLs[0]
			}
		}
		if remote == "" {
			return UsageError("--remote URL is required (this folder has no Git remote named origin)")
		}
	}
	// The site's own repository tells which of two source commits is newer, and which
	// branches hold the sources; its configuration names the publishing branch.
	publishing := ""
	if cfg, _ := config.Load(config.FileName); cfg != nil {
		publishing = cfg.Review.PublishingBranch
	}
	res, err := publish.Deploy(ctx, publish.Options{
		Dir: opts.Dir, Remote: remote, Branch: opts.Branch, Message: opts.Message, Rollback: opts.Rollback,
		Force: opts.Force, SourceRepo: ".", PublishingBranch: publishing,
		Path: opts.Path, RemovePath: opts.RemovePath,
		Token: env.Getenv("GITHUB_TOKEN"), Now: env.Time(), Log: env.Stderr, Translate: env.Printer().Text,
	})
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	p := env.Printer()
	where := opts.Branch
	if opts.Path != "" {
		where = p.Sprintf("folder %s of %s", res.Path, opts.Branch)
	}
	var line string
	switch {
	case opts.RemovePath != "" && !res.Changed:
		line = p.Sprintf("nothing to remove: %s holds no preview %s", opts.Branch, res.Path)
	case opts.RemovePath != "":
		line = p.Sprintf("removed preview %s from %s as commit %s", res.Path, opts.Branch, diag.ShortSHA(res.Commit))
	case res.Superseded != "":
		line = p.Sprintf("a newer deployment is online (source %s, ours %s); nothing published", diag.ShortSHA(res.Superseded), diag.ShortSHA(res.Source))
	case !res.Changed:
		line = p.Sprintf("unchanged: %s already holds this site at %s; no commit made", where, diag.ShortSHA(res.Commit))
	case opts.Rollback != "":
		line = p.Sprintf("rolled back %s to the site of %s as new commit %s", opts.Branch, opts.Rollback, diag.ShortSHA(res.Commit))
	default:
		source := p.Literal("a folder outside Git")
		if res.Source != "" {
			source = p.Sprintf("source commit %s", diag.ShortSHA(res.Source))
		}
		line = p.Sprintf("published %d files (%s) as commit %s on %s", res.Files, source, diag.ShortSHA(res.Commit), where)
	}
	fmt.Fprintln(env.Stdout, line)
	return nil
}
