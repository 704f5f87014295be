package cms

import (
	"os"
	"testing"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
)

func TestScratchPrint(t *testing.T) {
	cfg, probs := config.Load("../../config.yaml")
	if cfg == nil {
		t.Fatal(probs)
	}
	b, err := Config(cfg, Settings{Repo: "sonoivu-binhdinh/bbtgen"})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/cmsx/config.yml", b, 0o644)
}
