package cli

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cms"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/content"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
	"github.com/sonoivu-binhdinh/bbtgen/internal/forge"
	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
	"github.com/sonoivu-binhdinh/bbtgen/internal/vntext"
)

// The review card is the comment the gate keeps on a pull request. It is read on a phone by a
// Deputy Director between two meetings, so it is written for that: in the reader's language
// (Vietnamese unless BBTGEN_LANG=en, through the message catalog), one fact a line, no wide table; the article as readers will see it; who must act now (by name and
// role) and by when; what changed since a stale approval. Logins appear only as the
// @-mentions that notify; the technical details are folded at the end.

// cardLimit keeps the card under GitHub's comment limit (65,536 characters) with room to spare.
const cardLimit = 60000

// bodyLimit is how much of an article's text the card shows before it links to the file.
const bodyLimit = 6000

// card is what the review card is made of.
type card struct {
	p     *i18n.Printer // the reader's language
	d     *policy.Decision
	pr    forge.PullRequest
	snap  *policy.Snapshot
	cfg   *config.Config
	items []policy.QueueItem // the queue's view of this pull request: who must act, by when
	// before holds, for each changed article, its text at the commit of the last approval
	// that went stale ("" when there is none).
	before map[string][]byte
	// fileURL links to a file of the pull request's head.
	fileURL func(path string) string
	// publication says what happened to an approved pull request (merged, held, due…).
	publication string
	// preview is the address of the pull request's preview build ("" when there is none).
	preview string
}

func (c *card) markdown() string {
	var b strings.Builder
	p := c.p
	b.WriteString(gateMarker + "\n")
	if c.d.Mergeable {
		fmt.Fprintf(&b, "### ✔ %s\n\n", p.Literal("Ready to be published"))
	} else {
		fmt.Fprintf(&b, "### ✘ %s\n\n", p.Literal("Not ready to be published yet"))
	}
	if c.publication != "" {
		fmt.Fprintf(&b, "**%s** %s\n\n", p.Literal("Publication:"), markdownText(c.publication))
	}
	if c.preview != "" {
		fmt.Fprintf(&b, "**%s** %s\n\n", p.Literal("Preview:"), p.Sprintf("%s (a trial build, not the official site; available after a few minutes)", c.preview))
	}
	articles := c.articles()
	for i, a := range articles {
		if i == 3 {
			fmt.Fprintf(&b, "%s\n\n", p.Sprintf("… and %d more article(s) in this pull request.", len(articles)-i))
			break
		}
		c.article(&b, a)
	}
	c.todo(&b)
	c.problems(&b)
	for _, a := range articles {
		c.changes(&b, a)
	}
	c.technical(&b)
	out := b.String()
	if len(out) > cardLimit {
		out = out[:cardLimit] + "\n\n" + p.Literal("… (the card was shortened)") + "\n"
	}
	return out
}

// articles are the changed articles of the pull request, parsed, in file order.
func (c *card) articles() []*content.Article {
	var out []*content.Article
	for _, f := range c.snap.Files {
		data, ok := c.snap.Articles[f.Path]
		if !ok || !content.IsArticle(c.cfg, f.Path) {
			continue
		}
		if a, _ := content.ParseArticle(f.Path, content.CategoryOf(c.cfg, f.Path), data); a != nil {
			out = append(out, a)
		}
	}
	return out
}

// article writes an article as readers will see it: title, category, facts one a line, then
// the summary and the text folded.
func (c *card) article(b *strings.Builder, a *content.Article) {
	p := c.p
	loc := c.cfg.Location()
	cat, _ := c.cfg.Category(a.Category)
	fmt.Fprintf(b, "**%s**  \n%s\n\n", markdownText(a.Title), markdownText(cat.Name))
	if u := cms.FileEntryURL(c.cfg, a.Path); u != "" {
		fmt.Fprintf(b, "[%s](%s)\n\n", p.Literal("Open the article in the admin site to edit it"), u)
	}
	// line writes a fact: msg, its label, is a sentence of the message catalog.
	line := func(msg, value string) {
		if strings.TrimSpace(value) != "" {
			fmt.Fprintf(b, "- %s: %s\n", p.Literal(msg), markdownText(value))
		}
	}
	date := func(t time.Time) string { return officialDate(p, t) }
	line("Authors", c.names(a.Authors))
	if u, ok := c.cfg.Unit(a.Unit); ok {
		line("Unit", u.Name)
	}
	if !a.Date.IsZero() {
		line("Date of publication", date(a.Date.In(loc)))
	}
	if !a.PublishAt.IsZero() {
		line("To be published at", moment(p, a.PublishAt.In(loc)))
	}
	switch cat.Kind {
	case config.KindLegal:
		line("Number and symbol", a.Number)
		line("Type of document", a.DocType)
		line("Issued by", a.Issuer)
		if !a.Issued.IsZero() {
			line("Date of issue", date(a.Issued.In(loc)))
		}
		if !a.Effective.IsZero() {
			line("In effect from", date(a.Effective.In(loc)))
		}
		line("Attached file", a.Attachment)
	case config.KindQA, config.KindReply:
		line("Question", a.Question)
		line("Asked by", a.Asker)
		if u, ok := c.cfg.Unit(a.AnswerUnit); ok {
			line("Answering unit", u.Name)
		}
		if a.Consent {
			line("Consent to publication", p.Literal("confirmed (consent: true)"))
		}
	case config.KindProcedure:
		line("Procedure code", a.Code)
		line("Level of the procedure", content.NameOf(content.ProcedureLevels, a.Level))
		line("Time to settle", a.Duration)
		line("Fees and charges", a.Fee)
		line("Public service portal", a.Portal)
	case config.KindConsultation:
		if !a.Opens.IsZero() && !a.Closes.IsZero() {
			line("Open for comments", p.Sprintf("%s to the end of %s", date(a.Opens.In(loc)), date(a.Closes.In(loc))))
		}
		line("Draft for comments", a.Attachment)
	case config.KindDisclosure:
		if a.Year != 0 {
			line("Year", fmt.Sprint(a.Year))
		}
		line("Disclosed information", content.NameOf(content.DisclosureTypes, a.DisclosureType))
		line("Attached file", a.Attachment)
	}
	if a.Royalty != nil && len(a.Royalty.Shares) > 0 {
		var shares []string
		for _, id := range a.Authors {
			if pct, ok := a.Royalty.Shares[id]; ok {
				n := pct.String()
				if p.Vietnamese() {
					n = strings.ReplaceAll(n, ".", ",") // the decimal comma
				}
				shares = append(shares, fmt.Sprintf("%s %s%%", c.names([]string{id}), n))
			}
		}
		line("Shares of the royalty", strings.Join(shares, ", "))
	}
	if a.Draft {
		line("Status", p.Literal("draft (draft: true), cannot be published yet"))
	}
	if a.Summary != "" {
		fmt.Fprintf(b, "\n> %s\n", markdownText(a.Summary))
	}
	data := c.snap.Articles[a.Path]
	doc, _ := content.Split(a.Path, data)
	var images []string
	if a.Image != "" {
		images = append(images, fmt.Sprintf("%s — %s", a.Image, a.ImageAlt))
	}
	for _, img := range a.Images {
		credit := img.Credit
		if credit == "" {
			credit = a.Credit
		}
		images = append(images, fmt.Sprintf("%s — %s (%s)", img.Src, img.Caption, credit))
	}
	if doc != nil && len(strings.TrimSpace(string(doc.Body))) > 0 || len(images) > 0 {
		fmt.Fprintf(b, "\n<details><summary>%s</summary>\n\n", p.Literal("Read the article"))
		if doc != nil {
			b.WriteString(bodyMarkdown(p, string(doc.Body), c.fileURL(a.Path)))
		}
		if len(images) > 0 {
			fmt.Fprintf(b, "\n\n%s\n", p.Literal("Pictures:"))
			for _, img := range images {
				fmt.Fprintf(b, "- %s\n", markdownText(img))
			}
		}
		b.WriteString("\n</details>\n")
	}
	b.WriteString("\n")
}

// names turns author ids into names ("Lê Hoàng Trung, Trần Thị Mai").
func (c *card) names(ids []string) string {
	var out []string
	for _, id := range ids {
		if au, ok := c.cfg.Author(id); ok {
			out = append(out, au.Name)
		} else {
			out = append(out, id)
		}
	}
	return strings.Join(out, ", ")
}

// person is a board member as a card names them: "Nguyễn Thanh Vũ (Quyền Trưởng phòng Cải
// cách hành chính) @ntvu-snv" — the name and position to read, the login to notify.
func (c *card) person(login string) string {
	for _, m := range c.cfg.Board.Members {
		if strings.EqualFold(m.GitHub, login) {
			return fmt.Sprintf("%s (%s) @%s", m.Name, m.Position, login)
		}
	}
	return "@" + login
}

// todo says who must act now and by when, and who has already approved or verified.
func (c *card) todo(b *strings.Builder) {
	p := c.p
	loc := c.cfg.Location()
	if len(c.items) > 0 {
		fmt.Fprintf(b, "**%s**\n", p.Literal("To do now:"))
		for _, it := range c.items {
			for _, w := range it.People {
				who, due := c.person(w.Login), moment(p, w.Deadline.In(loc))
				var task string
				switch {
				case it.Stage == policy.StageVerify:
					task = p.Sprintf("Verify %s: %s, due %s", it.AreaTitle, who, due)
				case it.Stage == policy.StageApprove:
					task = p.Sprintf("Approve %s: %s, due %s", it.AreaTitle, who, due)
				default:
					task = p.Sprintf("Publish (merge): %s, due %s", who, due)
				}
				if w.Overdue {
					task += " — **" + p.Literal("overdue now") + "**"
				}
				fmt.Fprintf(b, "- %s\n", task)
			}
		}
		b.WriteString("\n")
	}
	var done []string
	for _, a := range c.d.Areas {
		for _, l := range a.VerifiedBy {
			done = append(done, "- "+p.Sprintf("Verified (%s): %s", a.Title, c.person(l)))
		}
		for _, l := range a.ApprovedBy {
			done = append(done, "- "+p.Sprintf("Approved (%s): %s", a.Title, c.person(l)))
		}
	}
	if len(done) > 0 {
		b.WriteString(strings.Join(slices.Compact(done), "\n") + "\n\n")
	}
}

// problems lists what keeps the pull request from being merged other than missing reviews.
func (c *card) problems(b *strings.Builder) {
	var other []policy.Reason
	for _, r := range c.d.Reasons {
		if r.Rule != policy.RuleApproval && r.Rule != policy.RuleVerification {
			other = append(other, r)
		}
	}
	if len(other) == 0 {
		return
	}
	fmt.Fprintf(b, "**%s**\n", c.p.Literal("To correct:"))
	for _, r := range other {
		fmt.Fprintf(b, "- %s", markdownText(reasonText(c.p, r)))
		if len(r.Unblock) > 0 {
			fmt.Fprintf(b, " — %s", diag.Mentions(r.Unblock))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// changes shows what changed in an article since a stale approval: the fields, and the text
// word by word.
func (c *card) changes(b *strings.Builder, a *content.Article) {
	old, ok := c.before[a.Path]
	if !ok {
		return
	}
	was, _ := content.ParseArticle(a.Path, a.Category, old)
	if was == nil {
		return
	}
	var fields []string
	for _, f := range []struct {
		label, old, now string
	}{
		{c.p.Literal("Title"), was.Title, a.Title}, {c.p.Literal("Summary"), was.Summary, a.Summary},
		{c.p.Literal("Number and symbol"), was.Number, a.Number},
		{c.p.Literal("Question"), was.Question, a.Question}, {c.p.Literal("Cover picture"), was.Image, a.Image},
		{c.p.Literal("Authors"), strings.Join(was.Authors, ", "), strings.Join(a.Authors, ", ")},
		{c.p.Literal("Date of publication"), was.Date.Format(time.RFC3339), a.Date.Format(time.RFC3339)},
		{c.p.Literal("Scheduled publication"), was.PublishAt.Format(time.RFC3339), a.PublishAt.Format(time.RFC3339)},
	} {
		if f.old != f.now {
			fields = append(fields, fmt.Sprintf("- %s: ~~%s~~ → **%s**", f.label, markdownText(f.old), markdownText(f.now)))
		}
	}
	oldDoc, _ := content.Split(a.Path, old)
	newDoc, _ := content.Split(a.Path, c.snap.Articles[a.Path])
	text := ""
	if oldDoc != nil && newDoc != nil && string(oldDoc.Body) != string(newDoc.Body) {
		text = wordDiff(string(oldDoc.Body), string(newDoc.Body))
	}
	if len(fields) == 0 && text == "" {
		return
	}
	fmt.Fprintf(b, "<details><summary>%s</summary>\n\n", c.p.Sprintf("Changed since the last approval: %s", markdownText(a.Title)))
	if len(fields) > 0 {
		b.WriteString(strings.Join(fields, "\n") + "\n\n")
	}
	if text != "" {
		b.WriteString(text + "\n")
	}
	b.WriteString("\n</details>\n\n")
}

// technical folds what a developer reads: the head commit, the areas and the rule codes.
func (c *card) technical(b *strings.Builder) {
	p := c.p
	fmt.Fprintf(b, "<details><summary>%s</summary>\n\n", p.Literal("Technical details"))
	fmt.Fprintf(b, "- Head commit: `%s`\n", diag.ShortSHA(c.d.HeadSHA))
	for _, a := range c.d.Areas {
		mark := "✘"
		if a.Satisfied {
			mark = "✔"
		}
		fmt.Fprintf(b, "- %s\n", p.Sprintf("%s %s (`%s`): %d file(s)", mark, a.Title, a.Name, len(a.Files)))
		for _, m := range missingTexts(p, a) {
			fmt.Fprintf(b, "  - %s\n", p.Sprintf("missing: %s", markdownText(m)))
		}
	}
	var rules []string
	for _, r := range c.d.Reasons {
		if !slices.Contains(rules, r.Rule) {
			rules = append(rules, r.Rule)
		}
	}
	if len(rules) > 0 {
		fmt.Fprintf(b, "- %s\n", p.Sprintf("Rule codes: %s", "`"+strings.Join(rules, "`, `")+"`"))
	}
	fmt.Fprintf(b, "\n<sub>%s</sub>\n</details>\n", p.Literal("bbtgen review gate: the policy is read from config.yaml of the base branch; an approval counts only on the latest commit."))
}

// reasonText is a reason of the policy in the reader's language.
func reasonText(p *i18n.Printer, r policy.Reason) string {
	if r.Text.IsZero() {
		return p.Literal(r.Message)
	}
	return p.Text(r.Text)
}

// missingTexts is what an area lacks, in the reader's language.
func missingTexts(p *i18n.Printer, a policy.AreaResult) []string {
	if len(a.MissingText) != len(a.Missing) {
		out := make([]string, len(a.Missing))
		for i, m := range a.Missing {
			out[i] = p.Literal(m)
		}
		return out
	}
	out := make([]string, len(a.MissingText))
	for i, t := range a.MissingText {
		out[i] = p.Text(t)
	}
	return out
}

// officialDate writes a date in the reader's language: "ngày 25 tháng 11 năm 2026", as
// Vietnamese official documents do, or "25 November 2026".
func officialDate(p *i18n.Printer, t time.Time) string {
	if p.Vietnamese() {
		return vntext.OfficialDate(t)
	}
	return t.Format("2 January 2006")
}

// moment writes a time in the reader's language, as a deadline is read: "17:00 thứ Tư, ngày
// 25 tháng 11 năm 2026" or "Wednesday 25 November 2026, 17:00".
func moment(p *i18n.Printer, t time.Time) string {
	if p.Vietnamese() {
		return vntext.Moment(t)
	}
	return t.Format("Monday 2 January 2006, 15:04")
}

// bodyMarkdown is an article's text for the card: Markdown as written (GitHub renders it),
// without what would notify people or load pictures from elsewhere, cut at bodyLimit with a
// link to the file.
func bodyMarkdown(p *i18n.Printer, body, link string) string {
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	body = strings.ReplaceAll(body, "@", "@\u2060")                                  // no mention notifies anybody from an article
	body = strings.ReplaceAll(body, "![", "["+p.Literal("picture in the text")+": ") // pictures are listed, not loaded
	if r := []rune(body); len(r) > bodyLimit {
		body = string(r[:bodyLimit]) + fmt.Sprintf("\n\n… [%s](%s)", p.Literal("read the whole article"), link)
	}
	return body
}

// wordDiff writes the change between two texts word by word: removed words struck through,
// added words in bold, unchanged stretches shortened.
func wordDiff(old, now string) string {
	dmp := diffmatchpatch.New()
	a, b, words := wordsToChars(old, now)
	var out strings.Builder
	for _, d := range dmp.DiffMain(a, b, false) {
		var text strings.Builder
		for _, r := range d.Text {
			text.WriteString(words[wordIndex(r)])
		}
		raw := strings.Join(strings.Fields(text.String()), " ") // one paragraph: line breaks become spaces
		if strings.HasSuffix(text.String(), " ") || strings.HasSuffix(text.String(), "\n") {
			raw += " "
		}
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			if strings.TrimSpace(raw) != "" {
				fmt.Fprintf(&out, "~~%s~~ ", markdownText(strings.TrimSpace(raw)))
			}
		case diffmatchpatch.DiffInsert:
			if strings.TrimSpace(raw) != "" {
				fmt.Fprintf(&out, "**%s** ", markdownText(strings.TrimSpace(raw)))
			}
		default:
			if r := []rune(raw); len(r) > 120 {
				raw = string(r[:50]) + " … " + string(r[len(r)-50:])
			}
			out.WriteString(markdownText(raw))
		}
	}
	return strings.TrimSpace(out.String())
}

// wordsToChars maps each word (with the spaces after it) of two texts to one rune, so that
// diffmatchpatch's character differ diffs words. The runes avoid control characters and the
// surrogate range; wordIndex maps them back.
func wordsToChars(a, b string) (string, string, []string) {
	var words []string
	index := map[string]int{}
	encode := func(s string) string {
		var out []rune
		for _, w := range splitWords(s) {
			i, ok := index[w]
			if !ok {
				i = len(words)
				index[w] = i
				words = append(words, w)
			}
			out = append(out, wordRune(i))
		}
		return string(out)
	}
	return encode(a), encode(b), words
}

func wordRune(i int) rune {
	r := rune(i + 0x100)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

func wordIndex(r rune) int {
	if r >= 0xD800+0x800 {
		r -= 0x800
	}
	return int(r - 0x100)
}

// splitWords cuts s after each run of white space, keeping the spaces with the word before.
func splitWords(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	pos := 0
	for i, r := range rs {
		pos += len(string(r))
		if unicode.IsSpace(r) && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			out = append(out, s[start:pos])
			start = pos
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// fileURL is the address of a file at a pull request's head on GitHub.
func fileURL(pr forge.PullRequest, repo string) func(string) string {
	return func(p string) string {
		return "https://github.com/" + repo + "/blob/" + pr.HeadSHA + "/" + path.Clean(p)
	}
}
