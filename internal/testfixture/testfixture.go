// Package testfixture holds what bbtgen's own tests share: a small frozen configuration with
// the sample board, units, authors and categories. Unit tests use it instead of the
// department's live config.yaml, so that a governance change (a new approver, a renamed
// category) never breaks the tool's tests; one test (policy.TestRepositoryPolicy) checks that
// the live config.yaml loads and that CODEOWNERS follows it.
package testfixture

import (
	_ "embed"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
)

// ConfigYAML is the text of the fixture configuration.
//
//go:embed config.yaml
var ConfigYAML []byte

// Config parses the fixture configuration, failing the test if it does not load cleanly.
func Config(t testing.TB) *config.Config {
	t.Helper()
	cfg, problems := config.Parse(ConfigYAML, config.FileName)
	if cfg == nil || problems.Errors() > 0 {
		t.Fatalf("the fixture configuration: %v", problems.Err())
	}
	return cfg
}
