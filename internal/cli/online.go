package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

// OnlineOptions are the options of bbtgen review online.
type OnlineOptions struct {
	githubFlags
	Site    string
	Commit  string
	SiteURL string
}

// onlineMarker identifies the "it is online" comment on a pull request.
const onlineMarker = "<!-- bbtgen:online -->"

func newOnlineCmd(env Env) *cobra.Command {
	opts := &OnlineOptions{}
	cmd := &cobra.Command{
		Use:   "online --commit SHA",
		Short: "Tell the authors of the pull requests a deployment published that their pages are online",
		Long: `After a deployment of the publishing branch at --commit, find the pull requests merged into it
that the deployment published and keep one comment on each with the address of every article
it brought and the time it went online. Run it from the publish workflow, after the deploy
step, in a checkout of that commit (the articles' addresses are read from it).`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return onlineRun(cmd.Context(), env, opts) },
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder, checked out at --commit")
	cmd.Flags().StringVar(&opts.Commit, "commit", "", "the commit of the publishing branch that was deployed")
	cmd.Flags().StringVar(&opts.SiteURL, "site-url", "", "the address the site is served at (default: site.base_url of config.yaml)")
	return cmd
}

func onlineRun(ctx context.Context, env Env, opts *OnlineOptions) error {
	if opts.Commit == "" {
		return UsageError("--commit SHA is required (the deployed commit)")
	}
	cfg, err := loadConfig(env, opts.Site)
	if err != nil {
		return err
	}
	base := opts.SiteURL
	if base == "" {
		base = cfg.Site.BaseURL
	}
	base = strings.TrimSuffix(base, "/")
	c, err := opts.client(env)
	if err != nil {
		return err
	}
	prs, err := c.PullRequestsOfCommit(ctx, opts.Commit)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	now := env.Time().In(cfg.Location())
	p := env.Printer()
	for _, pr := range prs {
		if pr.MergedAt.IsZero() || pr.BaseRef != cfg.Review.PublishingBranch {
			continue
		}
		files, err := c.Files(ctx, pr.Number)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		var lines []string
		for _, f := range files {
			if f.Status == policy.Removed || !content.IsArticle(cfg, f.Path) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(opts.Site, filepath.FromSlash(f.Path)))
			if err != nil {
				continue // moved or removed by a later pull request of the same deployment
			}
			a, _ := content.ParseArticle(f.Path, content.CategoryOf(cfg, f.Path), data)
			if a == nil || a.Draft || a.Date.After(now) {
				continue
			}
			lines = append(lines, fmt.Sprintf("- [%s](%s%s)", markdownText(a.Title), base, a.URL()))
		}
		if len(lines) == 0 {
			continue
		}
		// The first deployment that published it is when it went online: later ones (another
		// merge, a rebuild) leave the comment as it is, and it is never posted twice.
		if existing, err := c.FindComment(ctx, pr.Number, env.bot(), onlineMarker); err != nil {
			return &ExitError{Code: 2, Err: err}
		} else if existing != nil {
			fmt.Fprintln(env.Stdout, p.Sprintf("#%d: the authors were already told", pr.Number))
			continue
		}
		body := fmt.Sprintf("%s\n### %s\n\n%s\n\n%s\n\n%s\n", onlineMarker, p.Literal("Published on the website"),
			p.Sprintf("At %s:", moment(p, now)), strings.Join(lines, "\n"), p.Sprintf("@%s — thank you for sending the article.", pr.Author))
		if err := c.CreateComment(ctx, pr.Number, env.bot(), onlineMarker, body); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		fmt.Fprintln(env.Stdout, p.Sprintf("#%d: %d page(s) online; the authors are told", pr.Number, len(lines)))
	}
	return nil
}
