package admin

import (
	"crypto/sha512"
	"encoding/base64"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// TestVendored: the vendored files are those pinned in SHA256SUMS (.ci/run checks the same
// sums against the npm package), the bundle and its licences are published, and the page loads
// the bundle with its integrity hash.
func TestVendored(t *testing.T) {
	pins, err := Pins()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]Vendored{}
	for _, p := range pins {
		names[p.Name] = p
	}
	if names["decap-cms.js"].PackagePath != "package/dist/decap-cms.js" || names["decap-cms.js.LICENSE.txt"].PackagePath == "" {
		t.Errorf("the bundle and its notices must come from the npm package: %+v", pins)
	}
	if _, ok := names["LICENSE"]; !ok {
		t.Error("the project's licence is not vendored")
	}
	files, err := Files(Page{Title: "Sở <Nội vụ>", Connect: []string{"https://git.example.gov.vn"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"index.html", "bbtgen-cms.js", BundleDir + "/decap-cms.js", BundleDir + "/LICENSE", BundleDir + "/decap-cms.js.LICENSE.txt"} {
		if _, ok := files[want]; !ok {
			t.Errorf("/quan-tri/%s is not written", want)
		}
	}
	bundle := files[BundleDir+"/decap-cms.js"]
	if !strings.Contains(string(bundle), `"decap-cms `+DecapVersion+`"`) {
		t.Errorf("the vendored bundle does not say it is version %s", DecapVersion)
	}
	page := html.UnescapeString(string(files["index.html"]))
	sum := sha512.Sum384(bundle)
	for _, want := range []string{
		`integrity="sha384-` + base64.StdEncoding.EncodeToString(sum[:]) + `"`,
		`<title>Quản trị nội dung — Sở <Nội vụ></title>`,
		`connect-src 'self' blob: data: https://git.example.gov.vn;`,
		`script-src 'self' 'unsafe-eval';`,
		`<meta name="robots" content="noindex, nofollow">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %s:\n%s", want, page)
		}
	}
	if strings.Contains(string(files["index.html"]), "<Nội vụ>") {
		t.Error("the title is not escaped")
	}
	// bbtgen-cms.js runs before the bundle, so that Decap waits for it.
	if strings.Index(page, "bbtgen-cms.js") > strings.Index(page, "decap-cms.js") {
		t.Error("bbtgen-cms.js must be loaded before decap-cms.js")
	}
}

// TestScriptFollowsVntext: the numbers bbtgen-cms.js copies from Go are Go's.
func TestScriptFollowsVntext(t *testing.T) {
	script, err := files.ReadFile("bbtgen-cms.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`var MAX_SLUG = (\d+);`).FindSubmatch(script)
	if m == nil {
		t.Fatal("bbtgen-cms.js has no MAX_SLUG")
	}
	if n, _ := strconv.Atoi(string(m[1])); n != vntext.MaxSlugLen {
		t.Errorf("bbtgen-cms.js cuts slugs at %d, vntext.Slug at %d", n, vntext.MaxSlugLen)
	}
	for _, name := range []string{"con", "nul", "com1", "lpt9", "aux", "prn"} {
		if !vntext.IsReservedName(name) {
			t.Errorf("vntext does not reserve %s, which bbtgen-cms.js refuses", name)
		}
	}
	if !strings.Contains(string(script), `/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/`) {
		t.Error("bbtgen-cms.js does not refuse the device names vntext.IsReservedName refuses")
	}
}
