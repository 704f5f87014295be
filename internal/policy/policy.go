// Package policy is the review policy of the Editorial Board, as a pure function: given the
// policy (from config.yaml of the base branch) and a snapshot of a pull request, it decides
// whether the pull request may be merged, area by area, with the reasons in plain words and
// the people who can unblock each. It knows nothing of GitHub or Git: the forge package turns
// a pull request into a Snapshot, and tests build Snapshots by hand.
//
// Glossary: area = a category (chuyên mục), governance (quản trị) or technical (kỹ thuật);
// approver = người duyệt; verifier = a member of the secretariat (Tổ Thư ký) whose approving
// review is the verification (xác thực) a category may require.
package policy

import (
	pathpkg "path"
	"slices"
	"strings"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
)

// AreaKind is the kind of an area: a category, governance or technical.
type AreaKind string

const (
	KindCategory   AreaKind = "category"
	KindGovernance AreaKind = "governance"
	KindTechnical  AreaKind = "technical"
)

// Approver is someone who may approve an area, with their deadline.
type Approver struct {
	Login        string `json:"login"`
	Member       string `json:"member"`
	Name         string `json:"name"`
	DeadlineDays int    `json:"deadline_days"`
}

// Area is a part of the repository with its approvers.
type Area struct {
	Name  string   `json:"name"`
	Title string   `json:"title"`
	Kind  AreaKind `json:"kind"`
	// Paths are repository paths; those ending in "/" are folders.
	Paths []string `json:"paths"`
	// Covers are folders the area owns wherever no category claims the file: governance
	// covers content/ and static/, so that every file that changes what is published (the
	// home page, a page over a category's page, a static file over a rendered one) needs the
	// Head, never only the technical approver.
	Covers []string `json:"covers,omitempty"`
	// Fallback marks the area that owns every file no other area claims.
	Fallback  bool       `json:"fallback,omitempty"`
	Approvers []Approver `json:"approvers"`
	// Verifiers are the logins whose approving review verifies the area; empty when the area
	// needs no verification.
	Verifiers []string `json:"verifiers"`
}

// Policy is the resolved review policy.
type Policy struct {
	Areas []Area `json:"areas"`
	cfg   *config.Config
}

// GitMetaFiles change how Git checks files out (line ends, encodings, filters, submodules)
// and so what is checked and published: wherever they stand, they belong to governance.
var GitMetaFiles = []string{".gitattributes", ".gitmodules", ".lfsconfig"}

// PublishedFolders are the folders whose files Hugo or the build publish as they are or as
// pages. Whatever in them no category owns belongs to governance.
var PublishedFolders = []string{content.Dir + "/", "static/"}

// MediaPath is the folder of a category's media files.
func MediaPath(folder string) string { return content.MediaDir + "/" + folder + "/" }

// New resolves the policy of a configuration: one area per category, then governance and
// technical. Approvers are listed by GitHub login.
func New(cfg *config.Config) *Policy {
	p := &Policy{cfg: cfg}
	var verifiers []string
	for _, m := range cfg.Board.Members {
		if m.IsSecretariat() {
			verifiers = append(verifiers, m.GitHub)
		}
	}
	approvers := func(list []config.Approver) []Approver {
		out := make([]Approver, 0, len(list))
		for _, a := range list {
			m, _ := cfg.Member(a.Member)
			out = append(out, Approver{Login: m.GitHub, Member: m.ID, Name: m.Name, DeadlineDays: a.DeadlineDays})
		}
		return out
	}
	p.Areas = append(p.Areas, Area{
		Name: string(KindTechnical), Title: cfg.Areas.Technical.Name, Kind: KindTechnical,
		Paths: slices.Clone(cfg.Areas.Technical.Paths), Fallback: true,
		Approvers: approvers(cfg.Areas.Technical.Approvers), Verifiers: []string{},
	})
	for _, c := range cfg.Categories {
		a := Area{
			Name: c.Folder, Title: c.Name, Kind: KindCategory,
			Paths:     []string{content.Dir + "/" + c.Folder + "/", MediaPath(c.Folder)},
			Approvers: approvers(c.Approvers), Verifiers: []string{},
		}
		if c.Verification {
			a.Verifiers = slices.Clone(verifiers)
		}
		p.Areas = append(p.Areas, a)
	}
	p.Areas = append(p.Areas, Area{
		Name: string(KindGovernance), Title: cfg.Areas.Governance.Name, Kind: KindGovernance,
		Paths: slices.Clone(cfg.Areas.Governance.Paths), Covers: slices.Clone(PublishedFolders),
		Approvers: approvers(cfg.Areas.Governance.Approvers), Verifiers: []string{},
	})
	return p
}

// Config returns the configuration the policy was made from.
func (p *Policy) Config() *config.Config { return p.cfg }

// Area returns the area with the given name.
func (p *Policy) Area(name string) *Area {
	for i := range p.Areas {
		if p.Areas[i].Name == name {
			return &p.Areas[i]
		}
	}
	return nil
}

// AreaOf returns the area a repository path belongs to: governance's own paths first (the
// policy protects itself), then the category whose folder holds it, then governance again for
// the rest of what is published (content/ and static/ outside the categories), then
// technical, which owns the rest, so that no file is ever unowned. CODEOWNERS is rendered in
// the reverse order, because there the last matching line wins.
func (p *Policy) AreaOf(path string) *Area {
	path = strings.TrimPrefix(path, "/")
	if slices.Contains(GitMetaFiles, pathpkg.Base(path)) {
		return p.Area(string(KindGovernance))
	}
	var fallback *Area
	for _, step := range precedence {
		for i := range p.Areas {
			a := &p.Areas[i]
			if a.Kind != step.kind {
				continue
			}
			if a.Fallback {
				fallback = a
			}
			pats := a.Paths
			if step.covers {
				pats = a.Covers
			}
			for _, pat := range pats {
				if matches(pat, path) {
					return a
				}
			}
		}
	}
	return fallback
}

// precedence is the order in which AreaOf tries the areas' paths (covers: the Covers list).
var precedence = []struct {
	kind   AreaKind
	covers bool
}{{KindGovernance, false}, {KindCategory, false}, {KindGovernance, true}, {KindTechnical, false}}

// matches tells whether path is pat (a file) or lies under pat (a folder ending in "/").
func matches(pat, path string) bool {
	if strings.HasSuffix(pat, "/") {
		return strings.HasPrefix(path, pat)
	}
	return path == pat
}

// Logins returns the approvers' logins.
func (a *Area) Logins() []string {
	out := make([]string, len(a.Approvers))
	for i, ap := range a.Approvers {
		out[i] = ap.Login
	}
	return out
}

// HasApprover reports whether login may approve the area (case-insensitive, as on GitHub).
func (a *Area) HasApprover(login string) bool {
	return containsFold(a.Logins(), login)
}

// HasVerifier reports whether login may verify the area.
func (a *Area) HasVerifier(login string) bool {
	return containsFold(a.Verifiers, login)
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}
