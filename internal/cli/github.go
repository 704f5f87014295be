package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
)

// githubFlags are the flags every GitHub command shares.
type githubFlags struct {
	Repo string
}

func (g *githubFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&g.Repo, "repo", "", "OWNER/NAME of the repository (default: $GITHUB_REPOSITORY)")
}

// defaultBot is the login of the token's user in GitHub Actions; BBTGEN_BOT_LOGIN overrides
// it when bbtgen runs with another token.
const defaultBot = "github-actions[bot]"

func (e Env) bot() string {
	if b := e.Getenv("BBTGEN_BOT_LOGIN"); b != "" {
		return b
	}
	return defaultBot
}

// client makes a GitHub client from the flags and the environment GitHub Actions sets.
func (g *githubFlags) client(env Env) (*forge.Client, error) {
	repo := g.Repo
	if repo == "" {
		repo = env.Getenv("GITHUB_REPOSITORY")
	}
	opts := forge.Options{
		Token:  env.Getenv("GITHUB_TOKEN"),
		APIURL: env.Getenv("GITHUB_API_URL"),
		Repo:   repo,
		Log:    env.Stderr,
	}
	// BBTGEN_RETRY_WAIT sets the first backoff between retries (default 1s; it doubles up to
	// 60 × that): shorter on a local GitHub Enterprise, or in tests.
	if s := env.Getenv("BBTGEN_RETRY_WAIT"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return nil, UsageError("BBTGEN_RETRY_WAIT=%q is not a duration such as 500ms", s)
		}
		opts.WaitMin, opts.WaitMax = d, 60*d
	}
	c, err := forge.New(opts)
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	return c, nil
}
