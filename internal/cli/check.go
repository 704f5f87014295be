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
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// CheckOptions are the options of bbtgen check.
type CheckOptions struct {
	Site   string
	Format string
	FixNFC bool
	Config bool
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
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text, json, or github (workflow commands: annotations on the pull request's lines)")
	cmd.Flags().BoolVar(&opts.FixNFC, "fix-nfc", false, "rewrite config.yaml and articles in Unicode NFC first")
	cmd.Flags().BoolVar(&opts.Config, "config", false, "also the warnings only the secretariat can act on (the holiday calendar, required sections empty or stale)")
	return cmd
}

func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	last := len(allowed) - 1
	return UsageError("unknown --format %q (use %s)", format, diag.T("%s or %s", strings.Join(allowed[:last], ", "), allowed[last]))
}

func checkRun(env Env, opts *CheckOptions) error {
	if err := checkFormat(opts.Format, "text", "json", "github"); err != nil {
		return err
	}
	if opts.FixNFC {
		n, err := fixNFC(opts.Site)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		fmt.Fprintln(env.Stderr, env.Printer().Sprintf("rewrote %d file(s) in NFC", n))
	}
	s, err := sitecheck.Check(opts.Site, env.Time())
	if err != nil {
		return err
	}
	if opts.Config {
		s.Problems = append(s.Problems, s.Secretariat...)
		s.Problems.Sort()
	}
	pr := env.Printer()
	switch opts.Format {
	case "json":
		if err := writeJSON(env.Stdout, pr.Localized(problemsOrEmpty(s.Problems))); err != nil {
			return err
		}
	case "github":
		for _, p := range s.Problems {
			fmt.Fprintln(env.Stdout, annotation(pr, p))
		}
		fmt.Fprintln(env.Stderr, summary(pr, s))
	default:
		PrintProblems(env.Stdout, pr, s.Problems)
		fmt.Fprintln(env.Stderr, summary(pr, s))
	}
	if s.Problems.Errors() > 0 {
		return errFailed
	}
	return nil
}

// annotation writes a problem as a GitHub workflow command, which GitHub shows on the pull
// request's changed line: "::error file=F,line=L,col=C,title=RULE::message — hint". The data
// is escaped as GitHub's runner expects (%, line breaks; and : , in properties), so a file
// name or a message can never end the command and start another.
func annotation(pr *i18n.Printer, p diag.Problem) string {
	prop := func(s string) string {
		return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
	}
	data := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace
	level := "error"
	if p.Severity == diag.Warning {
		level = "warning"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "::%s file=%s", level, prop(p.File))
	if p.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ",col=%d", p.Column)
		}
	}
	if p.Rule != "" {
		fmt.Fprintf(&b, ",title=%s", prop("bbtgen "+p.Rule))
	}
	msg := pr.Message(p)
	if h := pr.Hint(p); h != "" {
		msg += " — " + h
	}
	b.WriteString("::" + data(msg))
	return b.String()
}

func problemsOrEmpty(l diag.List) diag.List {
	if l == nil {
		return diag.List{}
	}
	return l
}

// PrintProblems writes problems one a line, as compilers do, in the reader's language.
func PrintProblems(w io.Writer, pr *i18n.Printer, problems diag.List) {
	for _, p := range problems {
		fmt.Fprintln(w, pr.Problem(p))
	}
}

func summary(p *i18n.Printer, s *sitecheck.Site) string {
	errs := s.Problems.Errors()
	warns := len(s.Problems) - errs
	files := 1
	if s.Content != nil {
		files += len(s.Content.Articles) + len(s.Content.Pages)
	}
	w := ""
	if warns > 0 {
		w = p.Sprintf(", %d warning(s)", warns)
	}
	if errs == 0 {
		return p.Sprintf("check: %d file(s) OK%s", files, w)
	}
	return p.Sprintf("check: %d error(s)%s in %d file(s)", errs, w, files)
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
