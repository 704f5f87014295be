// Package admin is the page of the CMS at /quan-tri/: index.html, bbtgen's own script
// (bbtgen-cms.js) and Decap CMS's bundle, vendored from the npm package decap-cms at a pinned
// version with its licences, so that the CMS is served from the site's own origin, never from a
// CDN, and a fresh clone builds with Go alone.
//
// Only the site build (internal/site) imports this package: bbtgen-review, which every gate
// job compiles from nothing, must not carry five megabytes of JavaScript. The configuration
// the page loads (config.yml) is made by package cms and published as a static file.
//
// The vendored files are checked three ways: TestVendored compares them with the sums in
// vendor/decap-cms/SHA256SUMS, .ci/run packs the pinned npm package and compares it with the
// same sums, and the page loads the bundle with its subresource-integrity hash.
package admin

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

// The pinned npm package the bundle comes from.
const (
	DecapPackage = "decap-cms"
	DecapVersion = "3.16.3"
)

// BundleDir is the folder of the vendored files under /quan-tri/: named after the version, so
// that a browser never mixes a cached bundle of one version with another.
const BundleDir = DecapPackage + "-" + DecapVersion

//go:embed index.html bbtgen-cms.js vendor/decap-cms
var files embed.FS

const vendorDir = "vendor/decap-cms"

// Page is what the admin page says of its site.
type Page struct {
	// Title is the site's short title.
	Title string
	// Connect lists the origins the CMS may talk to besides the site (GitHub's API, GitHub's
	// status page); the page's Content-Security-Policy allows nothing else.
	Connect []string
}

// Vendored is one vendored file and where it comes from in the npm package.
type Vendored struct {
	// Name is the file's name in vendor/decap-cms and under /quan-tri/BundleDir/.
	Name string
	// PackagePath is its path inside the npm package's tarball ("package/dist/decap-cms.js"),
	// or "" for a file that is not in the package (the project's LICENSE).
	PackagePath string
	// SHA256 is its pinned sum, hexadecimal.
	SHA256 string
}

// Pins reads vendor/decap-cms/SHA256SUMS: one line per file, "<sha256>  <name>" and, for a file
// of the npm package, "  <path in the package>" after it.
func Pins() ([]Vendored, error) {
	data, err := files.ReadFile(vendorDir + "/SHA256SUMS")
	if err != nil {
		return nil, err
	}
	var out []Vendored
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if pkg, ok := strings.CutPrefix(line, "# package: "); ok && pkg != DecapPackage+"@"+DecapVersion {
			return nil, fmt.Errorf("SHA256SUMS:%d: pins %s, the code %s@%s", n, pkg, DecapPackage, DecapVersion)
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || len(f) > 3 || len(f[0]) != 64 {
			return nil, fmt.Errorf("SHA256SUMS:%d: want \"<sha256>  <file>  [<path in the npm package>]\"", n)
		}
		v := Vendored{SHA256: f[0], Name: f[1]}
		if len(f) == 3 {
			v.PackagePath = f[2]
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// Files returns the files of /quan-tri/, by their path under it, except config.yml, which is
// a static file of the site. It refuses vendored files that differ from their pinned sums.
func Files(p Page) (map[string][]byte, error) {
	pins, err := Pins()
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, v := range pins {
		data, err := files.ReadFile(path.Join(vendorDir, v.Name))
		if err != nil {
			return nil, err
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != v.SHA256 {
			return nil, fmt.Errorf("the vendored %s differs from its pinned sum (vendor/decap-cms/SHA256SUMS); vendor %s@%s again", v.Name, DecapPackage, DecapVersion)
		}
		out[BundleDir+"/"+v.Name] = data
	}
	bundle, ok := out[BundleDir+"/decap-cms.js"]
	if !ok {
		return nil, fmt.Errorf("vendor/decap-cms/SHA256SUMS does not list decap-cms.js")
	}
	script, err := fs.ReadFile(files, "bbtgen-cms.js")
	if err != nil {
		return nil, err
	}
	out["bbtgen-cms.js"] = script
	page, err := render(p, bundle)
	if err != nil {
		return nil, err
	}
	out["index.html"] = page
	return out, nil
}

var pageTemplate = template.Must(template.ParseFS(files, "index.html"))

func render(p Page, bundle []byte) ([]byte, error) {
	sum := sha512.Sum384(bundle)
	connect := append([]string{"'self'", "blob:", "data:"}, p.Connect...)
	// Decap injects its styles at run time (emotion) and compiles its configuration schema
	// with new Function (ajv): hence 'unsafe-inline' for styles and 'unsafe-eval' for scripts
	// (without it, Decap 3.16.3 does not start: tried in the browser test).
	// Scripts come from this site only; nothing may be framed, posted or embedded elsewhere.
	csp := strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'unsafe-eval'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob: https://avatars.githubusercontent.com " + strings.Join(p.Connect, " "),
		"font-src 'self' data:",
		"connect-src " + strings.Join(connect, " "),
		"frame-src 'self' blob:",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'none'",
	}, "; ")
	var b bytes.Buffer
	err := pageTemplate.Execute(&b, struct {
		Title, CSP, Bundle, Integrity string
	}{p.Title, csp, BundleDir + "/decap-cms.js", "sha384-" + base64.StdEncoding.EncodeToString(sum[:])})
	return b.Bytes(), err
}
