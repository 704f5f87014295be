package site

import (
	"path/filepath"
	"strings"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// hugoSettings is Hugo's whole configuration for one build: HugoConfig and the folders.
func hugoSettings(dir, out string, o Options) map[string]any {
	baseURL := o.Cfg.Site.BaseURL
	if o.BaseURL != "" {
		baseURL = o.BaseURL
	}
	m := HugoConfig(o.Cfg, baseURL)
	m["workingDir"] = dir
	m["publishDir"] = out
	m["resourceDir"] = filepath.Join(cacheDir(dir), "resources")
	m["cacheDir"] = filepath.Join(cacheDir(dir), "hugo")
	if o.generated != "" {
		mounts := m["module"].(map[string]any)["mounts"].([]map[string]any)
		m["module"] = map[string]any{"mounts": append(mounts, map[string]any{"source": o.generated, "target": "content"})}
	}
	return m
}

// HugoConfig is the Hugo configuration bbtgen derives from config.yaml (without folders).
// bench/ writes it as hugo.json to build the same site with the hugo program for comparison.
func HugoConfig(cfg *config.Config, baseURL string) map[string]any {
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return map[string]any{
		"baseURL":                    baseURL,
		"title":                      cfg.Site.Title,
		"locale":                     cfg.Site.Language,
		"titleCaseStyle":             "none",
		"pluralizeListTitles":        false,
		"defaultContentLanguage":     cfg.Site.Language,
		"timeZone":                   cfg.Calendar.Timezone,
		"noBuildLock":                true,
		"disableHugoGeneratorInject": true,
		"enableRobotsTXT":            true,
		"buildDrafts":                false,
		"buildFuture":                false,
		"buildExpired":               false,
		"enableGitInfo":              false,
		// Vietnamese titles would otherwise become URL paths with diacritics; every article
		// carries its own slug and file names are slugs, so nothing needs Hugo's urlize.
		"removePathAccents": true,
		"taxonomies":        map[string]any{"tag": "tags"},
		"permalinks": map[string]any{
			"taxonomy": map[string]any{"tags": "/tu-khoa/"},
			"term":     map[string]any{"tags": "/tu-khoa/:slug/"},
		},
		"pagination": map[string]any{"pagerSize": cfg.Site.PageSize, "path": "trang"},
		"services":   map[string]any{"rss": map[string]any{"limit": 30}},
		"markup": map[string]any{
			"goldmark": map[string]any{
				// Raw HTML in Markdown is never published; bbtgen check reports it.
				"renderer":   map[string]any{"unsafe": false},
				"extensions": map[string]any{"typographer": map[string]any{"disable": true}},
			},
			"highlight": map[string]any{"noClasses": false, "codeFences": false},
		},
		// The search index: one JSON file the search page's script reads, at /tim-kiem/chi-muc.json.
		"outputFormats": map[string]any{
			"searchindex": map[string]any{
				"mediaType": "application/json", "baseName": "chi-muc", "path": "tim-kiem",
				"isPlainText": true, "notAlternative": true,
			},
		},
		"outputs": map[string]any{
			"home":     []string{"html", "rss", "searchindex"},
			"section":  []string{"html", "rss"},
			"page":     []string{"html"},
			"taxonomy": []string{"html"},
			"term":     []string{"html"},
		},
		"minify": map[string]any{"minifyOutput": true},
		"module": map[string]any{"mounts": []map[string]any{
			{"source": "content", "target": "content"},
			{"source": "layouts", "target": "layouts"},
			{"source": "assets", "target": "assets"},
			{"source": "static", "target": "static"},
			// Media are copied as they are, and also mounted as assets so that the layouts
			// can make responsive sizes of images with Hugo's image processing.
			{"source": "static/media", "target": "assets/media"},
		}},
		"security": map[string]any{
			"exec": map[string]any{"allow": []string{"^$"}},
			"http": map[string]any{"urls": []string{"^$"}},
		},
		"params": params(cfg),
	}
}

// params hands the editorial data of config.yaml to the layouts (site.Params.bbt). Hugo
// lowercases parameter keys, so every key here is lowercase.
func params(cfg *config.Config) map[string]any {
	members := []map[string]any{}
	for _, m := range cfg.Board.Members {
		roles := []string{}
		for _, r := range config.Roles {
			if m.Has(r) {
				roles = append(roles, config.RoleNames[r])
			}
		}
		var approves []map[string]any
		for _, c := range cfg.Categories {
			for _, a := range c.Approvers {
				if a.Member == m.ID {
					approves = append(approves, map[string]any{"name": c.Name, "folder": c.Folder, "days": a.DeadlineDays})
				}
			}
		}
		unit := ""
		if u, ok := cfg.Unit(m.Unit); ok {
			unit = u.Name
		}
		members = append(members, map[string]any{
			"id": m.ID, "name": m.Name, "position": m.Position, "unit": unit,
			"roles": roles, "duties": m.Duties, "approves": approves,
			"secretariat": m.IsSecretariat(),
		})
	}
	cats := []map[string]any{}
	for _, c := range cfg.Categories {
		var approvers []map[string]any
		for _, a := range c.Approvers {
			m, _ := cfg.Member(a.Member)
			approvers = append(approvers, map[string]any{"name": m.Name, "position": m.Position, "days": a.DeadlineDays})
		}
		cats = append(cats, map[string]any{
			"folder": c.Folder, "name": c.Name, "kind": string(c.Kind), "description": c.Description,
			"verification": c.Verification, "approvers": approvers,
		})
	}
	units := []map[string]any{}
	for _, u := range cfg.Units {
		units = append(units, map[string]any{"id": u.ID, "name": u.Name, "kind": u.Kind, "head": u.Head, "phone": u.Phone, "duties": u.Duties})
	}
	unitNames := map[string]any{}
	for _, u := range cfg.Units {
		unitNames[u.ID] = u.Name
	}
	authors := map[string]any{}
	for _, a := range cfg.Authors {
		authors[a.ID] = map[string]any{"name": a.Name, "unit": a.Unit}
	}
	d := cfg.Board.Decree
	return map[string]any{
		"bbt": map[string]any{
			"shorttitle":  cfg.Site.ShortTitle,
			"authority":   cfg.Site.Authority,
			"publisher":   cfg.Site.Publisher,
			"description": cfg.Site.Description,
			"licence":     cfg.Site.Licence,
			"homeitems":   cfg.Site.HomeItems,
			"contact": map[string]any{
				"address": cfg.Site.Contact.Address, "phone": cfg.Site.Contact.Phone, "fax": cfg.Site.Contact.Fax,
				"email": cfg.Site.Contact.Email, "hours": cfg.Site.Contact.Hours,
			},
			"decision": map[string]any{
				"number": d.Number, "issuer": d.Issuer, "title": d.Title,
				"date": vntext.OfficialDate(d.Date.In(cfg.Location())),
			},
			"notice":     cfg.Board.Notice,
			"members":    members,
			"categories": cats,
			"units":      units,
			"unitnames":  unitNames,
			"authors":    authors,
		},
	}
}
