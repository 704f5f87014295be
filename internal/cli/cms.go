package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cms"
)

// CMSOptions are the options of bbtgen cms.
type CMSOptions struct {
	Site  string
	Check bool
	// The settings config.yaml does not hold; empty keeps those of the committed file.
	Repo, AuthURL, AuthEndpoint, APIRoot string
}

func newCMSCmd(env Env) *cobra.Command {
	opts := &CMSOptions{}
	cmd := &cobra.Command{
		Use:   "cms",
		Short: "Write the configuration of the CMS at /quan-tri/ from config.yaml (--check: fail if it is stale)",
		Long: env.Printer().Sprintf(`Write %s, the configuration of the Git CMS (Decap CMS) that the site
serves at /quan-tri/: one collection per category with the fields its kind needs, authors and
units as choices, Vietnamese labels and hints, media under static/media/<category>/<year>/,
and the editorial workflow, so that every save is a pull request.

The GitHub repository and the sign-in proxy are not in config.yaml: give them once with
--repo (default: GITHUB_REPOSITORY, else the origin remote) and --auth-url; later runs keep
those of the committed file. --check exits 1 with a diff when the file is stale.`, cms.ConfigFile),
		Example: `  bbtgen cms --repo sonoivu-binhdinh/website --auth-url https://dang-nhap.sonoivu.binhdinh.gov.vn
  bbtgen cms --check`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmsRun(env, opts) },
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "do not write; exit 1 with a diff when the committed file is stale")
	cmd.Flags().StringVar(&opts.Repo, "repo", "", "the GitHub repository OWNER/NAME the CMS writes to")
	cmd.Flags().StringVar(&opts.AuthURL, "auth-url", "", "the https:// address of the OAuth proxy that signs people in with GitHub")
	cmd.Flags().StringVar(&opts.AuthEndpoint, "auth-endpoint", "", "the proxy's sign-in path (default auth)")
	cmd.Flags().StringVar(&opts.APIRoot, "api-root", "", "the GitHub API root, for GitHub Enterprise (https://HOST/api/v3)")
	return cmd
}

func cmsRun(env Env, opts *CMSOptions) error {
	cfg, err := loadConfig(env, opts.Site)
	if err != nil {
		return err
	}
	path := filepath.Join(opts.Site, filepath.FromSlash(cms.ConfigFile))
	have, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return &ExitError{Code: 2, Err: err}
	}
	s := cms.ReadSettings(have)
	for _, f := range []struct{ flag, into *string }{
		{&opts.Repo, &s.Repo}, {&opts.AuthURL, &s.AuthURL}, {&opts.AuthEndpoint, &s.AuthEndpoint}, {&opts.APIRoot, &s.APIRoot},
	} {
		if *f.flag != "" {
			*f.into = *f.flag
		}
	}
	if s.Repo == "" {
		s.Repo = env.Getenv("GITHUB_REPOSITORY")
	}
	if s.Repo == "" {
		s.Repo = cms.RepoFromRemote(gitOrigin(opts.Site))
	}
	pr := env.Printer()
	want, err := cms.Config(cfg, s)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	for _, c := range cms.Unsupported(cfg) {
		fmt.Fprintln(env.Stderr, pr.Sprintf("note: category %s (kind %s) has no form in the CMS yet; its authors use bbtgen new", c.Folder, c.Kind))
	}
	if opts.Check {
		if string(have) == string(want) {
			fmt.Fprintln(env.Stderr, pr.Sprintf("%s is up to date", cms.ConfigFile))
			return nil
		}
		diff, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
			A: difflib.SplitLines(string(have)), B: difflib.SplitLines(string(want)),
			FromFile: cms.ConfigFile + " (committed)", ToFile: cms.ConfigFile + " (from config.yaml)", Context: 2,
		})
		fmt.Fprint(env.Stdout, diff)
		fmt.Fprintln(env.Stderr, pr.Sprintf("%s is stale: run bbtgen cms and commit the result", cms.ConfigFile))
		return errFailed
	}
	if string(have) == string(want) {
		fmt.Fprintln(env.Stderr, pr.Sprintf("%s is up to date", cms.ConfigFile))
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	if err := os.WriteFile(path, want, 0o644); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	fmt.Fprintln(env.Stderr, pr.Sprintf("wrote %s (repository %s); commit it: a change to it is approved like config.yaml", cms.ConfigFile, s.Repo))
	return nil
}

// gitOrigin is the URL of the site repository's origin remote, or "".
func gitOrigin(dir string) string {
	cmd := exec.Command("git", "remote", "get-url", "origin")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
