package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// CheckOptions are the options of bbtgen check.
type CheckOptions struct {
	Site   string
	Format string
	FixNFC bool
}

func newCheckCmd(env Env) *cobra.Command {
	opts := &CheckOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate config.yaml and every article",
		Long: `Validate config.yaml and every article, printing every problem as file:line:column.
Exit 0 when the site is clean (warnings allowed), 1 when there are problems, 2 on usage errors.`,
		Args: NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return checkRun(env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.FixNFC, "fix-nfc", false, "rewrite config.yaml and articles in Unicode NFC first")
	return cmd
}

func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return UsageError("unknown --format %q (use %s)", format, strings.Join(allowed, " or "))
}

func checkRun(env Env, opts *CheckOptions) error {
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	if opts.FixNFC {
		n, err := fixNFC(opts.Site)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		fmt.Fprintf(env.Stderr, "rewrote %d file(s) in NFC\n", n)
	}
	s, err := sitecheck.Check(opts.Site, env.Time())
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		if err := writeJSON(env.Stdout, problemsOrEmpty(s.Problems)); err != nil {
			return err
		}
	} else {
		PrintProblems(env.Stdout, s.Problems)
		fmt.Fprintln(env.Stderr, summary(s))
	}
	if s.Problems.Errors() > 0 {
		return errFailed
	}
	return nil
}

func problemsOrEmpty(l diag.List) diag.List {
	if l == nil {
		return diag.List{}
	}
	return l
}

// PrintProblems writes problems one a line, as compilers do.
func PrintProblems(w io.Writer, problems diag.List) {
	for _, p := range problems {
		fmt.Fprintln(w, p.String())
	}
}

func summary(s *sitecheck.Site) string {
	errs := s.Problems.Errors()
	warns := len(s.Problems) - errs
	files := 1
	if s.Content != nil {
		files += len(s.Content.Articles) + len(s.Content.Pages)
	}
	if errs == 0 {
		return fmt.Sprintf("check: %d file(s) OK, %d warning(s)", files, warns)
	}
	return fmt.Sprintf("check: %d error(s), %d warning(s) in %d file(s)", errs, warns, files)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// fixNFC rewrites config.yaml and the Markdown files under content/ in NFC. Files that are not
// valid UTF-8 are left alone: normalising them could lose text.
func fixNFC(dir string) (int, error) {
	n := 0
	fix := func(p string) error {
		data, err := os.ReadFile(p)
		if err != nil || vntext.InvalidUTF8(data) >= 0 || vntext.NotNFC(string(data)) < 0 {
			return nil
		}
		info, err := os.Lstat(p)
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		n++
		return os.WriteFile(p, []byte(vntext.NFC(string(data))), info.Mode().Perm())
	}
	if err := fix(filepath.Join(dir, config.FileName)); err != nil {
		return n, err
	}
	err := filepath.WalkDir(filepath.Join(dir, content.Dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return nil
		}
		return fix(p)
	})
	return n, err
}
