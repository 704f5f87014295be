package site

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// Filters are the ways the legal documents can be browsed without JavaScript: one page per
// document type, per issuing body, per year of issue and per status (in force or not), under
// the legal category.
var Filters = []struct {
	Field, Folder, Title string
}{
	{"doc_type", "loai", "Theo loại văn bản"},
	{"issuer", "co-quan", "Theo cơ quan ban hành"},
	{"year", "nam", "Theo năm ban hành"},
	{"status", "tinh-trang", "Theo tình trạng hiệu lực"},
}

// writeGenerated writes the filter pages of every legal category into dir, a content folder
// mounted beside the site's own. Slugs are bbtgen's (đ → d), not Hugo's.
func writeGenerated(dir string, o Options) error {
	if o.Content == nil {
		return nil
	}
	for _, cat := range o.Cfg.Categories {
		if cat.Kind != config.KindLegal {
			continue
		}
		values := map[string]map[string]int{}
		for _, a := range o.Content.Articles {
			if a.Category != cat.Folder || a.Draft || a.Date.After(o.Now) {
				continue
			}
			for field, v := range map[string]string{"doc_type": a.DocType, "issuer": a.Issuer, "year": strconv.Itoa(a.Issued.Year), "status": a.Status} {
				if v == "" || v == "0" {
					continue
				}
				if values[field] == nil {
					values[field] = map[string]int{}
				}
				values[field][v]++
			}
		}
		for i, f := range Filters {
			base := filepath.Join(dir, cat.Folder, f.Folder)
			if err := page(filepath.Join(base, "_index.md"), f.Title, map[string]string{"layout": "legal-filters", "filter_field": f.Field, "filter_order": strconv.Itoa(i + 1)}); err != nil {
				return err
			}
			var keys []string
			for v := range values[f.Field] {
				keys = append(keys, v)
			}
			slices.Sort(keys)
			for _, v := range keys {
				title := v
				switch f.Field {
				case "year":
					title = "Năm " + v
				case "status":
					title = content.LegalStatusName(v)
				}
				if err := page(filepath.Join(base, vntext.Slug(v), "_index.md"), title, map[string]string{
					"layout": "legal-filter", "filter_field": f.Field, "filter_value": v, "filter_count": strconv.Itoa(values[f.Field][v]),
				}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func page(path, title string, params map[string]string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n", strconv.Quote(title))
	var keys []string
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %s\n", k, strconv.Quote(params[k]))
	}
	b.WriteString("sitemap: {disable: true}\n---\n")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
