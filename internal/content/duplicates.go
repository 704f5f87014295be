package content

import "github.com/sonoivu-binhdinh/bbtgen/internal/diag"

// Duplicates is the site-wide part of Scan: two articles published at the same address (a
// slug, a url or an alias) or carrying the same id. articles are in Scan's order (the order of
// the files under content/), which decides which of two is reported. bbtgen serve keeps the
// parsed articles between changes and runs this alone after checking the files that changed.
func Duplicates(articles []*Article) diag.List {
	return duplicates(articles)
}
