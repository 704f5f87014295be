package ledger

import (
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/gitrepo"
)

// Warning is something the ledger read on an assumption rather than from the history itself.
// Message is a Vietnamese sentence, like the rest of the ledger; Rule is its stable code.
type Warning struct {
	// Rule is config-missing or config-invalid (a commit read with another commit's
	// config.yaml), or id-duplicate (a file that carries the id of another article on the
	// branch).
	Rule    string        `json:"rule"`
	Path    string        `json:"path"`
	Commit  string        `json:"commit"`
	Date    calendar.Date `json:"date"`
	Message string        `json:"message"`
}

// parsedConfig is a config.yaml blob parsed: cfg is nil when it is invalid, and problem then
// says why.
type parsedConfig struct {
	cfg     *config.Config
	problem string
}

// configs gives each commit of the chain the configuration in force at it.
type configs struct {
	repo    *gitrepo.Repository
	tree    *config.Config // the working tree's, for commits before any valid config.yaml
	parsed  map[plumbing.Hash]parsedConfig
	current *config.Config
	source  string // the commit current comes from; "" for the working tree's
	// groups gathers the commits read with another commit's configuration, one warning per
	// config.yaml blob and configuration used instead.
	groups map[fallbackKey]*fallback
	order  []fallbackKey
}

type fallbackKey struct {
	blob   plumbing.Hash // zero: no config.yaml
	source string
}

type fallback struct {
	problem             string
	first, last         *object.Commit
	firstDate, lastDate calendar.Date
	commits             int
}

func newConfigs(repo *gitrepo.Repository, tree *config.Config) *configs {
	return &configs{repo: repo, tree: tree, current: tree, parsed: map[plumbing.Hash]parsedConfig{}, groups: map[fallbackKey]*fallback{}}
}

// at returns the configuration of commit c, whose config.yaml is blob (zero: none). When that
// one cannot be used, it returns the last valid one and says why in problem.
func (s *configs) at(c *object.Commit, blob plumbing.Hash) (cfg *config.Config, problem string) {
	if blob.IsZero() {
		return s.current, "không có config.yaml"
	}
	p, ok := s.parsed[blob]
	if !ok {
		p = s.parse(blob)
		s.parsed[blob] = p
	}
	if p.cfg == nil {
		return s.current, p.problem
	}
	s.current, s.source = p.cfg, c.Hash.String()
	return p.cfg, ""
}

// note records that commit c (of date) was read with another commit's configuration, for a
// warning.
func (s *configs) note(c *object.Commit, blob plumbing.Hash, problem string, date calendar.Date) {
	k := fallbackKey{blob: blob, source: s.source}
	g, ok := s.groups[k]
	if !ok {
		g = &fallback{problem: problem, first: c, firstDate: date}
		s.groups[k] = g
		s.order = append(s.order, k)
	}
	g.last, g.lastDate = c, date
	g.commits++
}

func (s *configs) parse(blob plumbing.Hash) parsedConfig {
	data, err := gitrepo.ReadBlob(s.repo, blob)
	if err != nil {
		return parsedConfig{problem: fmt.Sprintf("không đọc được config.yaml: %v", err)}
	}
	cfg, problems := config.Parse(data, config.FileName)
	if cfg != nil && problems.Errors() == 0 {
		return parsedConfig{cfg: cfg}
	}
	for _, p := range problems {
		if p.Severity == diag.Error {
			p.Hint = ""
			return parsedConfig{problem: "config.yaml không hợp lệ (" + p.String() + ")"}
		}
	}
	return parsedConfig{problem: "config.yaml không hợp lệ"}
}

// warnings says, for each configuration that could not be used, which commits were read with
// which other one.
func (s *configs) warnings() []Warning {
	var out []Warning
	for _, k := range s.order {
		g := s.groups[k]
		rule := "config-invalid"
		if k.blob.IsZero() {
			rule = "config-missing"
		}
		used := "config.yaml của commit " + diag.ShortSHA(k.source)
		if k.source == "" {
			used = "config.yaml hiện tại của trang"
		}
		where := fmt.Sprintf("commit %s (%s)", diag.ShortSHA(g.first.Hash.String()), dmy(g.firstDate))
		if g.commits > 1 {
			where = fmt.Sprintf("%d commit, từ %s (%s) đến %s (%s)", g.commits,
				diag.ShortSHA(g.first.Hash.String()), dmy(g.firstDate), diag.ShortSHA(g.last.Hash.String()), dmy(g.lastDate))
		}
		out = append(out, Warning{Rule: rule, Path: config.FileName, Commit: g.first.Hash.String(), Date: g.firstDate,
			Message: fmt.Sprintf("%s: %s; các tin, bài đã được đọc theo %s.", where, g.problem, used)})
	}
	return out
}
