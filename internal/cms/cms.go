// Package cms is the editorial desk in the browser (bàn biên tập trên trình duyệt): the
// configuration of the Git-based CMS served at /quan-tri/, generated from config.yaml, and the
// address of an entry in it. Authors write and submit there, the secretariat edits there, and
// neither needs Git or Go: every save is a commit on a branch of its own and a pull request,
// reviewed and gated like any other.
//
// The CMS is Decap CMS (decap-cms on npm), run with publish_mode: editorial_workflow. Its
// configuration is never written by hand: Config makes it from config.yaml — one collection
// per category (chuyên mục) with the fields its kind needs, authors and units as choices,
// Vietnamese labels and hints, media under static/media/<category>/<year>/ — and
// `bbtgen cms` writes it to ConfigFile (`--check` fails when it is stale), as
// `bbtgen codeowners` does for CODEOWNERS.
//
// This package holds no JavaScript: the vendored Decap bundle and the admin page are in
// internal/cms/admin, which only the site build imports, so that bbtgen-review (compiled from
// nothing by every gate job) never carries them.
//
// Glossary: collection = a category in the CMS; entry = an article; editorial workflow = quy
// trình biên tập (Bản nháp → Đang xét duyệt → Sẵn sàng); backend = where the CMS reads and
// writes (GitHub, or test-repo in memory for tests).
package cms

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
)

// Dir is the address of the CMS under the site's base URL, without slashes.
const Dir = "quan-tri"

// ConfigFile is where `bbtgen cms` writes the configuration, relative to the site root. It is a
// static file (published as /quan-tri/config.yml) and, being outside static/media, belongs to the
// governance area: only the Head approves a change to it, as for config.yaml it comes from.
const ConfigFile = "static/" + Dir + "/config.yml"

// Settings are what the CMS needs that config.yaml does not hold: where the repository is and
// how people sign in. `bbtgen cms` takes them from its flags the first time and keeps those of
// the committed file afterwards.
type Settings struct {
	// Repo is the GitHub repository, OWNER/NAME.
	Repo string
	// AuthURL is the base address of the OAuth proxy that signs people in with GitHub
	// (Decap's base_url); empty leaves Decap's default, Netlify's.
	AuthURL string
	// AuthEndpoint is the proxy's sign-in path (Decap's auth_endpoint), "auth" when empty.
	AuthEndpoint string
	// APIRoot is the GitHub API root for GitHub Enterprise; empty for github.com.
	APIRoot string
}

var repoRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$`)

// Validate says what is wrong with the settings, in one sentence.
func (s Settings) Validate() error {
	if s.Repo == "" {
		return errors.New("the GitHub repository is not known: pass --repo OWNER/NAME (or run where GITHUB_REPOSITORY is set or origin points to GitHub)")
	}
	if !repoRE.MatchString(s.Repo) || strings.HasSuffix(s.Repo, ".git") {
		return fmt.Errorf("%q is not a GitHub repository OWNER/NAME", s.Repo)
	}
	for _, u := range []struct{ flag, v string }{{"--auth-url", s.AuthURL}, {"--api-root", s.APIRoot}} {
		if u.v == "" {
			continue
		}
		p, err := url.Parse(u.v)
		if err != nil || p.Scheme != "https" || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
			return fmt.Errorf("%s %q is not an https:// address", u.flag, u.v)
		}
	}
	if s.AuthEndpoint != "" && (strings.Contains(s.AuthEndpoint, "://") || strings.ContainsAny(s.AuthEndpoint, "?# ")) {
		return fmt.Errorf("--auth-endpoint %q is not a path", s.AuthEndpoint)
	}
	return nil
}

// ReadSettings reads the settings back from a configuration Config wrote, so that a later run
// keeps them. Anything it cannot read is left empty.
func ReadSettings(data []byte) Settings {
	var doc struct {
		Backend struct {
			Repo         string `yaml:"repo"`
			BaseURL      string `yaml:"base_url"`
			AuthEndpoint string `yaml:"auth_endpoint"`
			APIRoot      string `yaml:"api_root"`
		} `yaml:"backend"`
	}
	if yaml.Unmarshal(data, &doc) != nil {
		return Settings{}
	}
	b := doc.Backend
	return Settings{Repo: b.Repo, AuthURL: b.BaseURL, AuthEndpoint: b.AuthEndpoint, APIRoot: b.APIRoot}
}

// RepoFromRemote turns a Git remote URL of GitHub into OWNER/NAME, or "" for another host.
func RepoFromRemote(remote string) string {
	remote = strings.TrimSpace(remote)
	var p string
	switch {
	case strings.HasPrefix(remote, "git@github.com:"):
		p = strings.TrimPrefix(remote, "git@github.com:")
	default:
		u, err := url.Parse(remote)
		if err != nil || !strings.EqualFold(u.Hostname(), "github.com") {
			return ""
		}
		p = strings.TrimPrefix(u.Path, "/")
	}
	p = strings.TrimSuffix(strings.TrimSuffix(p, "/"), ".git")
	if !repoRE.MatchString(p) {
		return ""
	}
	return p
}

// EntryURL is the address of an article in the CMS, for the review card: siteBaseURL is the
// site's base URL (site.base_url), category the category folder, and slug the article's name
// as the CMS knows it — its path below the category folder without ".md", "2026/hoi-nghi" for
// content/tin-hoat-dong/2026/hoi-nghi.md. An article under review opens from its pull request's
// branch, as the editorial workflow keeps it. A bare slug ("hoi-nghi") is taken as it is.
func EntryURL(siteBaseURL, category, slug string) string {
	slug = strings.Trim(strings.TrimSuffix(slug, ".md"), "/")
	return AdminURL(siteBaseURL) + "#/collections/" + url.PathEscape(category) + "/entries/" + escapeSegments(slug)
}

// FileEntryURL is EntryURL for a file path of the repository (content/<category>/…/<slug>.md),
// or "" when the file is not an article of one of cfg's categories.
func FileEntryURL(cfg *config.Config, file string) string {
	cat := content.CategoryOf(cfg, file)
	if cat == "" || !strings.HasSuffix(file, ".md") || path.Base(file) == "_index.md" {
		return ""
	}
	rest := strings.TrimPrefix(file, content.Dir+"/"+cat+"/")
	return EntryURL(cfg.Site.BaseURL, cat, rest)
}

// WorkflowURL is the address of the CMS's workflow board (Quy trình biên tập).
func WorkflowURL(siteBaseURL string) string { return AdminURL(siteBaseURL) + "#/workflow" }

// AdminURL is the address of the CMS under the site's base URL.
func AdminURL(siteBaseURL string) string {
	return strings.TrimRight(siteBaseURL, "/") + "/" + Dir + "/"
}

func escapeSegments(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
