package cli

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// NewOptions are the options of bbtgen new.
type NewOptions struct {
	Site     string
	Category string
	Title    string
	Author   string
	Unit     string
}

func newNewCmd(env Env) *cobra.Command {
	opts := &NewOptions{}
	cmd := &cobra.Command{
		Use:   `new CATEGORY "Tiêu đề"`,
		Short: "Scaffold a draft article with a Vietnamese slug",
		Long: `Create content/CATEGORY/YYYY/slug.md with the front matter the category's kind needs,
today's date, the author (--author, or the author whose GitHub login, name or e-mail
matches your git user) and a new random id, by which the royalty ledger knows the article
when it is moved or restored. The article starts as a draft that passes bbtgen check.`,
		Example: `  bbtgen new tin-hoat-dong "Đoàn công tác Sở Nội vụ làm việc tại Quy Nhơn"`,
		Args:    exactArgs(2, `CATEGORY "Tiêu đề"`),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Category, opts.Title = args[0], args[1]
			return newRun(env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Site, "site", ".", "the site folder (holding config.yaml)")
	cmd.Flags().StringVar(&opts.Author, "author", "", "author id from config.yaml (default: from your git user)")
	cmd.Flags().StringVar(&opts.Unit, "unit", "", "unit id (default: the author's unit)")
	return cmd
}

func newRun(env Env, opts *NewOptions) error {
	cfg, problems := config.Load(filepath.Join(opts.Site, config.FileName))
	if cfg == nil || problems.Errors() > 0 {
		PrintProblems(env.Stderr, env.Printer(), problems)
		return &ExitError{Code: 2, Err: Errorf("fix config.yaml first (bbtgen check shows every problem)")}
	}
	cat, ok := cfg.Category(opts.Category)
	if !ok {
		return UsageError("unknown category %q (categories: %s)", opts.Category, strings.Join(cfg.CategoryFolders(), ", "))
	}
	title := strings.TrimSpace(vntext.NFC(opts.Title))
	slug := vntext.Slug(title)
	if slug == "" {
		return UsageError("the title %q has no letters or digits to make a slug from", opts.Title)
	}
	if vntext.IsReservedName(slug) {
		return UsageError("the title %q would make the file name %s.md, a device name Windows cannot check out; add a word to the title", opts.Title, slug)
	}
	author, err := pickAuthor(cfg, opts.Author, opts.Site, env)
	if err != nil {
		return err
	}
	unit := opts.Unit
	if unit == "" {
		unit = author.Unit
	}
	if _, ok := cfg.Unit(unit); !ok {
		return UsageError("unknown unit %q (units: %s)", unit, strings.Join(cfg.UnitIDs(), ", "))
	}
	now := env.Time().In(content.Zone).Truncate(time.Minute)
	rel := path.Join(content.Dir, cat.Folder, fmt.Sprint(now.Year()), slug+".md")
	file := filepath.Join(opts.Site, filepath.FromSlash(rel))
	pr := env.Printer()
	text := scaffold(pr, cat, newID(), title, slug, author.ID, unit, now)

	// The scaffold must pass the checks it will meet: check it before writing it.
	a, probs := content.ParseArticle(rel, cat.Folder, []byte(text))
	if a != nil {
		probs = append(probs, (&content.Checker{Cfg: cfg, Now: now}).Article(a)...)
	}
	if probs.Errors() > 0 {
		return &ExitError{Code: 2, Err: fmt.Errorf("internal error: the scaffold does not pass check:\n%v", probs.Err())}
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return &ExitError{Code: 1, Err: Errorf("%s already exists; bbtgen new never overwrites: edit it, or choose another title", rel)}
	}
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return &ExitError{Code: 2, Err: err}
	}
	if err := f.Close(); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	fmt.Fprintln(env.Stdout, rel)
	fmt.Fprintln(env.Stderr, pr.Sprintf(`created a draft %s article; fill in the fields, remove "draft: true" and open a pull request`, cat.Name))
	return nil
}

// pickAuthor finds the author: by --author, else by the git user (GitHub login in the e-mail
// address, or the full name), else by GITHUB_ACTOR.
func pickAuthor(cfg *config.Config, id, dir string, env Env) (config.Author, error) {
	if id != "" {
		a, ok := cfg.Author(id)
		if !ok {
			return a, UsageError("unknown author %q (authors: %s)", id, strings.Join(cfg.AuthorIDs(), ", "))
		}
		return a, nil
	}
	name, email := gitUser(dir)
	for _, a := range cfg.Authors {
		local, _, _ := strings.Cut(email, "@")
		switch {
		case a.GitHub != "" && strings.EqualFold(local, a.GitHub),
			a.GitHub != "" && strings.EqualFold(env.Getenv("GITHUB_ACTOR"), a.GitHub),
			name != "" && strings.EqualFold(vntext.NFC(name), a.Name):
			return a, nil
		}
	}
	return config.Author{}, UsageError("cannot tell who you are from git (user %q <%s>): pass --author ID (authors: %s)", name, email, strings.Join(cfg.AuthorIDs(), ", "))
}

func gitUser(dir string) (name, email string) {
	get := func(key string) string {
		cmd := exec.Command("git", "config", "--get", key)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(out))
	}
	return get("user.name"), get("user.email")
}

// yamlString quotes s for YAML: a JSON string is a valid YAML double-quoted scalar.
func yamlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}

// newID makes an article id: "bbt-" and 16 random hexadecimal digits. With 64 random bits,
// two articles of a site never draw the same one (the check of front matter accepts exactly
// this form; the Git CMS writes the same).
func newID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails: crypto/rand.Read panics rather than return an error
	return "bbt-" + hex.EncodeToString(b[:])
}

// scaffold writes the front matter of a new draft of the category's kind, its comments in the
// reader's language.
func scaffold(p *i18n.Printer, cat config.Category, id, title, slug, author, unit string, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\ndate: %s\ndraft: true\nauthors: [%s]\nunit: %s\nslug: %s\nid: %s   # %s\n",
		yamlString(title), now.Format(time.RFC3339), author, unit, slug, id,
		p.Literal("the article's identity: keep it when you move or edit it, never copy it"))
	// The fields of the kinds below have their comments lined up after the longest key;
	// values lists the codes a field takes, one a line under it, with the words the site shows.
	const column = len(`disclosure_type: ""`) + 1
	field := func(keyValue, comment string) {
		fmt.Fprintf(&b, "%-*s # %s\n", column, keyValue, comment)
	}
	values := func(list []content.Named) {
		width := 0
		for _, n := range list {
			width = max(width, len(n.Value))
		}
		for _, n := range list {
			fmt.Fprintf(&b, "%*s #   %-*s  %s\n", column, "", width, n.Value, n.Name)
		}
	}
	media := fmt.Sprintf("/media/%s/%d/%s.pdf", cat.Folder, now.Year(), slug)
	switch cat.Kind {
	case config.KindNews, config.KindResearch:
		fmt.Fprintf(&b, "summary: \"\"   # %s\ntags: []\n", p.Literal("sapo: one or two sentences shown in lists"))
	case config.KindLegal:
		fmt.Fprintf(&b, "summary: \"\"    # %s\n", p.Literal("abstract (trích yếu)"))
		fmt.Fprintf(&b, "number: \"\"     # %s\n", p.Literal("reference number (số ký hiệu), e.g. 533/QĐ-SNV"))
		fmt.Fprintf(&b, "doc_type: \"\"   # %s\n", p.Literal("kind of document: Quyết định, Thông báo, Kế hoạch, Công văn…"))
		fmt.Fprintf(&b, "issuer: \"\"     # %s\n", p.Literal("issuing body (cơ quan ban hành)"))
		b.WriteString("signer: \"\"\n")
		fmt.Fprintf(&b, "issued:        # %s\n", p.Literal("date of issue (ngày ban hành), YYYY-MM-DD"))
		fmt.Fprintf(&b, "effective:     # %s\n", p.Literal("date it takes effect (ngày hiệu lực), YYYY-MM-DD"))
		fmt.Fprintf(&b, "attachment: \"\" # /media/%s/%d/%s.pdf\n", cat.Folder, now.Year(), slug)
	case config.KindQA, config.KindReply:
		fmt.Fprintf(&b, "question: \"\"\nasker: \"\"     # %s\nanswer_unit: %s\nanswered:      # %s\n",
			p.Literal("a name or initials only"), unit, p.Literal("date of the answer, YYYY-MM-DD"))
	case config.KindGallery:
		fmt.Fprintf(&b, "summary: \"\"\ncredit: \"\"\nimages: []    # - {src: /media/%s/%d/anh-1.jpg, caption: \"…\"}\n", cat.Folder, now.Year())
	case config.KindProcedure:
		field("summary: \"\"", p.Literal("who the procedure is for (đối tượng thực hiện), shown in lists"))
		field("code: \"\"", p.Literal("procedure code (mã thủ tục) in the national database: a digit, a dot and six digits, e.g. 1.001612"))
		field("level: \"\"", p.Literal("how far it can be done online (mức độ); write one of these codes:"))
		values(content.ProcedureLevels)
		field("field: \"\"", p.Literal("field (lĩnh vực), e.g. Thi đua – Khen thưởng; may be left empty"))
		field("portal: \"\"", p.Sprintf("the address of the procedure's page on the national public-service portal, https://%s/…", content.PortalHost))
		field("fee: \"\"", p.Literal(`fees and charges (phí, lệ phí), e.g. "Không thu phí"`))
		field("duration: \"\"", p.Literal(`time limit (thời hạn giải quyết), e.g. "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"`))
		field("attachment: \"\"", p.Sprintf("the forms (mẫu đơn, tờ khai), if any, e.g. %s", media))
	case config.KindConsultation:
		field("summary: \"\"", p.Literal("what the draft is about, shown in lists"))
		field("attachment: \"\"", p.Sprintf("the draft, e.g. %s", media))
		field("opens:", p.Literal("the first day comments are received, YYYY-MM-DD"))
		field("closes:", p.Literal("the last day comments are received, YYYY-MM-DD"))
		field("how_to_comment: \"\"", p.Literal("where and how to send comments: the unit that receives them, e-mail, postal address"))
	case config.KindDisclosure:
		field("summary: \"\"", p.Literal("what is disclosed, shown in lists"))
		field("year:", p.Sprintf("the budget or plan year the figures are for, e.g. %d", now.Year()))
		field("disclosure_type: \"\"", p.Literal("the kind of disclosure; write one of these codes:"))
		values(content.DisclosureTypes)
		field("attachment: \"\"", p.Sprintf("the signed document, e.g. %s", media))
	}
	b.WriteString("---\n")
	return b.String()
}
