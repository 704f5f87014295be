package content

// Citizens' personal data in questions answered (kinds qa and reply). A full name is personal
// data, and religion, health and discipline are sensitive personal data (Luật Bảo vệ dữ liệu
// cá nhân 91/2025/QH15; Nghị định 356/2025/NĐ-CP, art. 3 and 4): publishing them needs a legal
// basis or the person's consent. Git keeps whatever was committed for ever, in every clone and
// in the pull request's history, so what identifies a citizen is refused by the check every
// author runs before a pull request (bbtgen check) rather than removed afterwards.
//
// The asker is written as initials and a place ("Ông N.V.A., phường Quy Nhơn"), never a full
// name; the asker, title, summary, question and answer are scanned for phone numbers, e-mail
// addresses, identity card numbers (CMND 9 digits, CCCD 12 digits), house addresses and people
// named by a full name, each an error at its line and column; the department's own published
// contacts and people (config.yaml) are allowed. A question, title or summary on a sensitive
// topic is a warning the verifier answers with consent: true. These are patterns: docs/law.md
// says what they do not catch.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// Rules of the personal-data checks.
const (
	RulePrivacyPhone     = "privacy-phone"
	RulePrivacyEmail     = "privacy-email"
	RulePrivacyID        = "privacy-id"
	RulePrivacyAddress   = "privacy-address"
	RulePrivacyName      = "privacy-name"
	RulePrivacyAsker     = "privacy-asker"
	RulePrivacySensitive = "privacy-sensitive"
)

// PersonalData is one piece of personal data found in a text.
type PersonalData struct {
	Offset int    // byte offset in the text
	Text   string // what was found, as written
	Rule   string // RulePrivacyPhone, RulePrivacyEmail, RulePrivacyID or RulePrivacyAddress
}

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	// houseNumber is a house number: 12, 12A, 12/3, 45/7B.
	houseNumber = `\d{1,4}[A-Za-z]?(?:/\d{1,4}[A-Za-z]?)*`
	streetName  = `\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*){0,3}`
	// "số 12 đường Lê Lợi", "số nhà 5, hẻm 3", "12 đường Trần Phú", "kiệt 45 Nguyễn Huệ".
	streetWordRE = regexp.MustCompile(`(?:(?i:số nhà|nhà số|số)\s+)?` + houseNumber + `\s*,?\s*(?i:đường|phố|hẻm|kiệt|ngõ|ngách)\s+(?:` + houseNumber + `\s+)?` + streetName)
	alleyRE      = regexp.MustCompile(`(?i:hẻm|kiệt|ngõ|ngách|số nhà|nhà số)\s+` + houseNumber + `(?:\s+` + streetName + `)?`)
	// "123 Trần Phú" after a word that introduces a place, at the start, after a comma, or
	// before ", phường …".
	bareStreetRE = regexp.MustCompile(`(?:^|(?i:ở|tại|nhà|số|địa chỉ|trú|ngụ|,))\s*(` + houseNumber + `\s+` + streetName + `)`)
	beforeWardRE = regexp.MustCompile(`(` + houseNumber + `\s+` + streetName + `)\s*,\s*(?i:phường|xã|quận|huyện|thị trấn|thành phố|tp\.?|p\.)`)
)

// digitRuns finds, left to right, the numbers of text written with single spaces (also
// no-break), dots or hyphens between groups of digits, with a +84 or (+84) prefix: the
// candidates for phone and identity numbers. It gives what the expression
// (?:\(\+84\) ?|\+84[ .\-]?)?\d(?:[ \x{00A0}.\-]?\d)* finds (privacy_test.go holds it to that),
// several times faster: it runs over the text of every article with a digit.
func digitRuns(text string) [][]int {
	var runs [][]int
	digit := func(i int) bool { return i < len(text) && '0' <= text[i] && text[i] <= '9' }
	for i := 0; i < len(text); i++ {
		start, j := i, -1
		switch c := text[i]; {
		case '0' <= c && c <= '9':
			j = i
		case c == '(' && strings.HasPrefix(text[i:], "(+84)"):
			switch {
			case text[i+5:] != "" && text[i+5] == ' ' && digit(i+6):
				j = i + 6
			case digit(i + 5):
				j = i + 5
			}
		case c == '+' && strings.HasPrefix(text[i:], "+84"):
			switch {
			case i+3 < len(text) && strings.IndexByte(" .-", text[i+3]) >= 0 && digit(i+4):
				j = i + 4
			case digit(i + 3):
				j = i + 3
			}
		}
		if j < 0 {
			continue
		}
		for j++; ; {
			switch {
			case digit(j):
				j++
				continue
			case j < len(text) && strings.IndexByte(" .-", text[j]) >= 0 && digit(j+1):
				j += 2
				continue
			case strings.HasPrefix(text[j:], "\u00a0") && digit(j+2):
				j += 3
				continue
			}
			break
		}
		runs = append(runs, []int{start, j})
		i = j - 1
	}
	return runs
}

// notStreets are capitalised words a number is often followed by that are not street names:
// "Điều 5 Luật…", "tại 3 Phòng…".
var notStreets = []string{"Điều", "Khoản", "Điểm", "Chương", "Mục", "Phụ", "Phần", "Luật", "Nghị", "Thông", "Quyết", "Chỉ", "Sở", "Bộ",
	"Ủy", "UBND", "HĐND", "Hội", "Phòng", "Ban", "Tổ", "Chi", "Phó", "Giám", "Trưởng", "Chủ", "Đảng", "Văn", "Thanh", "Trung",
	"Cục", "Vụ", "Tòa", "Viện", "Trường", "Bệnh", "Công", "Kế", "Báo", "Hướng", "Năm", "Tháng", "Ngày", "Quý", "Đợt", "Lần"}

// FindPersonalData finds the phone numbers, e-mail addresses, identity card numbers and house
// addresses of text, in order, except those allowed (the department's own contacts).
func FindPersonalData(text string, allowed *AllowedContacts) []PersonalData {
	var out []PersonalData
	taken := make([]bool, len(text)+1)
	claim := func(from, to int, rule string) {
		for i := from; i < to; i++ {
			if taken[i] {
				return
			}
		}
		for i := from; i < to; i++ {
			taken[i] = true
		}
		out = append(out, PersonalData{Offset: from, Text: text[from:to], Rule: rule})
	}
	// Each expression runs only on a text that holds what every one of its matches must
	// hold (an @, a digit, a street word…): most texts hold none, and the scans are most of
	// the cost of checking ten thousand articles.
	hasAt, hasDigit := strings.IndexByte(text, '@') >= 0, strings.ContainsAny(text, "0123456789")
	lower := ""
	if hasDigit {
		lower = strings.ToLower(text)
	}
	var emails [][]int
	if hasAt {
		emails = emailRE.FindAllStringIndex(text, -1)
	}
	for _, m := range emails {
		if !allowed.email(text[m[0]:m[1]]) {
			claim(m[0], m[1], RulePrivacyEmail)
		} else {
			for i := m[0]; i < m[1]; i++ {
				taken[i] = true
			}
		}
	}
	var runs [][]int
	if hasDigit {
		runs = digitRuns(text)
	}
	for _, m := range runs {
		from, to := m[0], m[1]
		if taken[from] || !numberStart(text, from) || !numberEnd(text, to) || money(text[to:]) {
			continue
		}
		run := text[from:to]
		digits := onlyDigits(run)
		intl := strings.HasPrefix(run, "+84") || strings.HasPrefix(run, "(+84)")
		if intl {
			digits = "0" + strings.TrimPrefix(digits, "84")
		}
		grouped := strings.ContainsAny(strings.TrimPrefix(strings.TrimPrefix(run, "(+84)"), "+84"), " .-")
		rule := ""
		switch {
		case digits[0] == '0' && (len(digits) == 10 || len(digits) == 11):
			rule = RulePrivacyPhone
		case len(digits) == 12 && (digits[0] == '0' || !grouped):
			rule = RulePrivacyID
		case len(digits) == 9 && !grouped && !intl:
			rule = RulePrivacyID
		}
		switch {
		case rule == "":
		case rule == RulePrivacyPhone && allowed.phone(digits):
		default:
			claim(from, to, rule)
		}
	}
	address := func(from, to int) {
		if taken[from] {
			return
		}
		s := text[from:to]
		first := strings.Fields(strings.TrimLeft(s, "0123456789/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
		if len(first) > 0 && isNotStreet(first[0]) {
			return
		}
		if allowed.address(s) {
			return
		}
		claim(from, to, RulePrivacyAddress)
	}
	if !hasDigit {
		sortFindings(out)
		return out
	}
	if containsAny(lower, streetWords) {
		for _, m := range streetWordRE.FindAllStringIndex(text, -1) {
			if wordStart(text, m[0]) {
				address(m[0], m[1])
			}
		}
	}
	if containsAny(lower, alleyWords) {
		for _, m := range alleyRE.FindAllStringIndex(text, -1) {
			if wordStart(text, m[0]) {
				address(m[0], m[1])
			}
		}
	}
	if !numberThenName(text) {
		sortFindings(out)
		return out
	}
	for _, re := range []*regexp.Regexp{bareStreetRE, beforeWardRE} {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			if numberStart(text, m[2]) {
				address(m[2], m[3])
			}
		}
	}
	sortFindings(out)
	return out
}

// The words one of which every match of streetWordRE, and of alleyRE, holds (in lower case:
// the expressions ignore case).
var (
	streetWords = []string{"đường", "phố", "hẻm", "kiệt", "ngõ", "ngách"}
	alleyWords  = []string{"hẻm", "kiệt", "ngõ", "ngách", "số nhà", "nhà số"}
)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// numberThenName tells whether text holds what every match of bareStreetRE and beforeWardRE
// holds: a house number (digits, letters and slashes from a digit on), spaces, and a capital
// letter.
func numberThenName(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			continue
		}
		j := i
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z' || text[j] == '/') {
			j++
		}
		k := j
		for k < len(text) && reSpace(text[k]) {
			k++
		}
		if k > j && k < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsUpper(r) {
				return true
			}
		}
		i = j
	}
	return false
}

// isNotStreet tells whether the first capitalised word after a number makes it something
// other than a street address.
func isNotStreet(word string) bool {
	for _, w := range notStreets {
		if word == w {
			return true
		}
	}
	return false
}

func sortFindings(list []PersonalData) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].Offset < list[j-1].Offset; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

// numberStart tells whether a number may start at i: at the start, or after a space or an
// opening punctuation, never inside a word, an address (URL), a date or another number.
func numberStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r) || strings.ContainsRune(`(:;,"'“‘–—[`, r)
}

// numberEnd tells whether a number may end at i: not followed by a letter or a digit, nor by a
// slash or a dot and a digit (a date, a document number, a decimal).
func numberEnd(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '@' {
		return false
	}
	if (r == '.' || r == ',') && i+size < len(text) {
		next, _ := utf8.DecodeRuneInString(text[i+size:])
		return !unicode.IsDigit(next)
	}
	return true
}

// money tells whether the text after a number makes it an amount: "150000000 đồng".
func money(after string) bool {
	w := strings.Fields(after)
	if len(w) == 0 {
		return false
	}
	switch strings.ToLower(strings.TrimRight(w[0], ".,;:)")) {
	case "đồng", "đ", "vnđ", "vnd":
		return true
	}
	return false
}

func wordStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// AllowedContacts are the phone numbers, e-mail addresses and addresses a question answered
// may give: the department's own and the offices' config.yaml lists.
type AllowedContacts struct {
	phones    map[string]bool
	emails    map[string]bool
	people    map[string]bool // folded full names config.yaml publishes
	addresses []string        // folded
	// Example is the department's phone number, to suggest instead of a citizen's.
	Example string
	// ExampleEmail is the department's e-mail address, likewise.
	ExampleEmail string
}

// Allowed collects the published contacts of cfg: site.contact, site.information_contact,
// site.public_contacts, the units' phones and the leaders' published phones and e-mails.
func Allowed(cfg *config.Config) *AllowedContacts {
	a := &AllowedContacts{phones: map[string]bool{}, emails: map[string]bool{}, people: map[string]bool{}}
	if cfg == nil {
		return a
	}
	names := []string{cfg.Site.Responsible.Name, cfg.Site.InformationContact.Name}
	for _, m := range cfg.Board.Members {
		names = append(names, m.Name)
	}
	for _, au := range cfg.Authors {
		names = append(names, au.Name)
	}
	for _, u := range cfg.Units {
		names = append(names, u.Head)
	}
	for _, l := range cfg.Leaders {
		names = append(names, l.Name)
	}
	for _, n := range names {
		if n != "" {
			a.people[foldSpace(n)] = true
		}
	}
	s := cfg.Site
	a.Example, a.ExampleEmail = s.Contact.Phone, s.Contact.Email
	texts := []string{s.Contact.Phone, s.Contact.Fax, s.Contact.Email, s.Contact.Address,
		s.InformationContact.Phone, s.InformationContact.Email, s.InformationContact.Address}
	texts = append(texts, s.PublicContacts...)
	for _, u := range cfg.Units {
		texts = append(texts, u.Phone)
	}
	for _, l := range cfg.Leaders {
		texts = append(texts, l.Phone, l.Email)
	}
	for _, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		for _, m := range emailRE.FindAllString(t, -1) {
			a.emails[strings.ToLower(m)] = true
		}
		for _, r := range digitRuns(t) {
			m := t[r[0]:r[1]]
			d := onlyDigits(m)
			if strings.HasPrefix(m, "+84") || strings.HasPrefix(m, "(+84)") {
				d = "0" + strings.TrimPrefix(d, "84")
			}
			if len(d) >= 8 {
				a.phones[d] = true
			}
		}
		a.addresses = append(a.addresses, foldSpace(t))
	}
	return a
}

func (a *AllowedContacts) person(name string) bool  { return a != nil && a.people[foldSpace(name)] }
func (a *AllowedContacts) phone(digits string) bool { return a != nil && a.phones[digits] }
func (a *AllowedContacts) email(e string) bool      { return a != nil && a.emails[strings.ToLower(e)] }
func (a *AllowedContacts) address(s string) bool {
	if a == nil {
		return false
	}
	f := foldSpace(s)
	for _, x := range a.addresses {
		if strings.Contains(x, f) {
			return true
		}
	}
	return false
}

// foldSpace lowercases s and writes every run of spaces as one.
func foldSpace(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// Sensitive topics: personal data of these kinds is sensitive (Nghị định 356/2025/NĐ-CP,
// art. 4), so a question about them is published only with the asker's consent or when
// nothing identifies them. The words are matched whole, in lower case.
var sensitiveTopics = []struct {
	name  string
	words []string
}{
	{"religion", []string{"tôn giáo", "tín ngưỡng", "tín đồ", "chức sắc", "chức việc", "nhà tu hành", "theo đạo"}},
	{"health", []string{"bệnh", "sức khỏe", "sức khoẻ", "ốm đau", "khuyết tật", "thương tật", "điều trị", "nằm viện", "hiv", "tâm thần", "thai sản"}},
	{"discipline", []string{"kỷ luật", "khiển trách", "cảnh cáo", "cách chức", "giáng chức", "buộc thôi việc", "tiền án", "tiền sự"}},
}

// topicWords are the sensitive topics as messages write them.
var topicWords = map[string]diag.Text{"religion": diag.T("religion"), "health": diag.T("health"), "discipline": diag.T("discipline")}

// SensitiveTopic finds the first word of a sensitive topic in text: the topic ("religion",
// "health", "discipline"), the word and its byte offset, or "" when there is none.
func SensitiveTopic(text string) (topic, word string, offset int) {
	lower := strings.ToLower(text) // Vietnamese lowercases without changing byte lengths
	if len(lower) != len(text) {
		lower = text
	}
	best := -1
	for _, t := range sensitiveTopics {
		for _, w := range t.words {
			for from := 0; from < len(lower); {
				i := strings.Index(lower[from:], w)
				if i < 0 {
					break
				}
				i += from
				if wholeWord(lower, i, i+len(w)) && (best < 0 || i < best) {
					best, topic, word = i, t.name, text[i:i+len(w)]
					break
				}
				from = i + len(w)
			}
		}
	}
	return topic, word, best
}

func wholeWord(s string, from, to int) bool {
	if from > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:from]); unicode.IsLetter(r) {
			return false
		}
	}
	if to < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[to:]); unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// privacy checks what a question answered (kinds qa and reply) publishes about its asker.
func (c *Checker) privacy(r *report, a *Article) {
	fm := &a.FrontMatter
	allowed := c.allowedContacts()
	found := c.scanField(r, "asker", diag.T("asker"), fm.Asker, allowed)
	if strings.TrimSpace(fm.Asker) != "" && !found {
		c.askerName(r, fm.Asker)
	}
	type field struct {
		key  string
		what diag.Text
		text string
	}
	for _, f := range []field{
		{"title", diag.T("the title"), fm.Title}, {"summary", diag.T("the summary"), fm.Summary},
		{"question", diag.T("the question"), fm.Question}, {bodyKey, diag.T("the answer"), string(a.Body)},
	} {
		c.scanField(r, f.key, f.what, f.text, allowed)
		c.scanNames(r, f.key, f.what, f.text, allowed)
	}
	if fm.Consent {
		return
	}
	seen := map[string]bool{}
	// The question, title and summary tell the asker's situation; the answer explains the law
	// in general terms ("điều kiện về sức khỏe") and is not read for topics.
	for _, f := range []field{
		{"question", diag.T("the question"), fm.Question}, {"title", diag.T("the title"), fm.Title},
		{"summary", diag.T("the summary"), fm.Summary},
	} {
		for text, base := f.text, 0; ; {
			topic, word, off := SensitiveTopic(text)
			if topic == "" {
				break
			}
			if !seen[topic] {
				seen[topic] = true
				line, col := c.textPosition(r, f.key, f.text, base+off)
				r.at(line, col, RulePrivacySensitive, diag.T("religion, health and discipline are sensitive personal data (Luật Bảo vệ dữ liệu cá nhân 2025; Nghị định 356/2025/NĐ-CP, Điều 4): the verifier confirms that the asker agreed to publication, or that nothing here identifies them, and then writes consent: true"),
					true, "%s touches %s (%q): publishing it needs the asker's consent", f.what, topicWords[topic], word)
			}
			base += off + len(word)
			text = f.text[base:]
		}
	}
}

// scanField reports the personal data of one field; it tells whether it found any.
func (c *Checker) scanField(r *report, key string, what diag.Text, text string, allowed *AllowedContacts) bool {
	found := FindPersonalData(text, allowed)
	for _, f := range found {
		line, col := c.textPosition(r, key, text, f.Offset)
		var msg, hint diag.Text
		switch f.Rule {
		case RulePrivacyPhone:
			msg = diag.T("%s gives a phone number (%s)", what, mask(f.Text))
			hint = diag.T("remove it: a citizen's phone number is personal data, and Git keeps what is committed for ever")
			if allowed.Example != "" {
				hint = diag.T("remove it: a citizen's phone number is personal data, and Git keeps what is committed for ever; if readers need a number, write the department's, %s", allowed.Example)
			}
		case RulePrivacyEmail:
			msg = diag.T("%s gives an e-mail address (%s)", what, maskEmail(f.Text))
			hint = diag.T("remove it: a citizen's e-mail address is personal data, and Git keeps what is committed for ever")
			if allowed.ExampleEmail != "" {
				hint = diag.T("remove it: a citizen's e-mail address is personal data, and Git keeps what is committed for ever; if readers need an address, write the department's, %s", allowed.ExampleEmail)
			}
		case RulePrivacyID:
			msg = diag.T("%s gives an identity card number (%s)", what, mask(f.Text))
			hint = diag.T("remove it: CMND and CCCD numbers are never published")
		case RulePrivacyAddress:
			msg = diag.T("%s gives a house address (%s)", what, f.Text)
			hint = diag.T(`write only the ward or commune, e.g. "phường Quy Nhơn"`)
		}
		r.at(line, col, f.Rule, hint, false, msg.Format, msg.Args...)
	}
	return len(found) > 0
}

// personRE finds a person named after a form of address: "bà Lê Thị G.", "ông Nguyễn Văn An".
var personRE = regexp.MustCompile(`(?i:` + strings.Join(personTitles, "|") + `)((?:\s+(?:(?:\p{Lu}\.)+\p{Lu}?|\p{Lu}\p{Ll}*))+)`)

// personTitles are the words personRE finds before a name.
var personTitles = []string{"ông", "bà", "anh", "chị", "cô", "chú", "bác", "em", "cháu", "cụ"}

// mayNamePerson tells whether text holds what every match of personRE holds: one of
// personTitles, in any case, then spaces and a capital letter. Most texts do not, and the
// expression is costly on ten thousand articles.
func mayNamePerson(text string) bool {
	for i := 0; i < len(text); i++ {
		if !reSpace(text[i]) {
			continue
		}
		j := i
		for j < len(text) && reSpace(text[j]) {
			j++
		}
		if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && unicode.IsUpper(r) {
			for _, t := range personTitles {
				if i >= len(t) && strings.EqualFold(text[i-len(t):i], t) {
					return true
				}
			}
		}
		i = j - 1
	}
	return false
}

// reSpace is \s of Go's regular expressions.
func reSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// scanNames reports a person named in a text by a full name (an error) or by a name partly
// written out ("bà Lê Thị G.", a warning), unless the name is one config.yaml publishes (the
// department's leaders, board, authors and unit heads).
func (c *Checker) scanNames(r *report, key string, what diag.Text, text string, allowed *AllowedContacts) {
	if !mayNamePerson(text) {
		return
	}
	for _, m := range personRE.FindAllStringSubmatchIndex(text, -1) {
		if !wordStart(text, m[0]) {
			continue
		}
		title := text[m[0]:m[2]]
		var names, parts []string
		for _, tok := range strings.Fields(text[m[2]:m[3]]) {
			parts = append(parts, tok)
			if !initialsRE.MatchString(tok) {
				names = append(names, tok)
			}
		}
		if len(names) == 0 || allowed.person(strings.Join(names, " ")) {
			continue
		}
		line, col := c.textPosition(r, key, text, m[0])
		written := strings.TrimSpace(text[m[0]:m[3]])
		suggest := title + " " + initialsOf(parts)
		switch {
		case len(names) >= 3 && len(names) == len(parts):
			r.at(line, col, RulePrivacyName, diag.T("write initials: %q", suggest), false,
				"%s names a person (%s): a citizen's name is personal data and is not published", what, written)
		case len(names) < len(parts):
			r.at(line, col, RulePrivacyName, diag.T("write initials only: %q", suggest), true,
				"%s writes out part of a name (%s)", what, written)
		}
	}
}

// honorifics may stand before the initials of an asker; generic words are the capitalised
// words of an asker that are not a name ("Một công dân ở …").
var (
	honorifics   = []string{"ông", "bà", "anh", "chị", "cô", "chú", "bác", "em", "cháu", "cụ", "bạn"}
	genericWords = []string{"một", "người", "dân", "công", "bạn", "đọc", "nhóm", "hộ", "gia", "đình", "cử", "tri", "cán", "bộ", "chức", "viên", "giáo", "tập", "thể", "đồng", "chí", "tôi"}
	// placeWords end the name: what follows is where the asker lives.
	placeWords = []string{"ở", "tại", "phường", "xã", "thị", "huyện", "quận", "tỉnh", "thành", "thôn", "ấp", "tổ", "khu", "làng", "bản", "đặc", "tp.", "tp"}
	initialsRE = regexp.MustCompile(`^(?:\p{Lu}\.?)+$`)
	askerRE    = regexp.MustCompile(`^[\p{L}\p{M}0-9 .,\-–()/]+$`)
)

// askerName checks the asker: initials and a place, never a full name.
func (c *Checker) askerName(r *report, asker string) {
	if n := utf8.RuneCountInString(asker); n > 120 {
		r.add("asker", RulePrivacyAsker, `write initials and a place only, e.g. "Ông N.V.A., phường Quy Nhơn"`, "asker is %d characters long (at most 120)", n)
		return
	}
	if !askerRE.MatchString(asker) {
		r.add("asker", RulePrivacyAsker, `write initials and a place only, e.g. "Ông N.V.A., phường Quy Nhơn"`, "asker %q has characters a name and a place do not need", asker)
		return
	}
	who, place, _ := strings.Cut(asker, ",")
	var title string
	var names, initials []string
	for i, tok := range strings.Fields(who) {
		low := strings.ToLower(tok)
		if i == 0 && contains(honorifics, low) {
			title = tok
			continue
		}
		if contains(placeWords, low) && !startsUpper(tok) {
			place = strings.TrimSpace(strings.Join(strings.Fields(who)[i:], " ") + "," + place)
			break
		}
		switch {
		case initialsRE.MatchString(tok):
			initials = append(initials, tok)
		case startsUpper(tok) && !contains(genericWords, low):
			names = append(names, tok)
			initials = append(initials, tok)
		}
	}
	if len(names) == 0 {
		return
	}
	suggest := initialsOf(initials)
	if title != "" {
		suggest = title + " " + suggest
	}
	if p := strings.Trim(strings.TrimSpace(place), ", "); p != "" {
		suggest += ", " + p
	}
	if len(names) >= 3 {
		r.addHint("asker", RulePrivacyName, diag.T("write initials and a place: %q", suggest),
			"asker %q is a full name: a citizen's name is personal data and is not published", asker)
		return
	}
	r.warnHint("asker", RulePrivacyName, diag.T("write initials only: %q", suggest),
		"asker %q writes out part of a name (%s)", asker, strings.Join(names, " "))
}

// initialsOf writes the initials of the parts of a name: "Trần Thị B." → "T.T.B.".
func initialsOf(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		if initialsRE.MatchString(p) {
			for _, r := range p {
				if r != '.' {
					b.WriteRune(r)
					b.WriteByte('.')
				}
			}
			continue
		}
		r, _ := utf8.DecodeRuneInString(p)
		b.WriteString(strings.ToUpper(string(r)))
		b.WriteByte('.')
	}
	return b.String()
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mask hides the middle of a number: "0905 123 456" → "0905 … 56".
func mask(s string) string {
	if len(s) <= 6 {
		return s
	}
	return s[:4] + " … " + s[len(s)-2:]
}

// maskEmail hides the name of an address: "nva1980@gmail.com" → "n…@gmail.com".
func maskEmail(s string) string {
	name, domain, _ := strings.Cut(s, "@")
	if name == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(name)
	return string(r) + "…@" + domain
}

// textPosition is the file line and column of byte offset off in the text of key: the body,
// or a front-matter value (single-line, quoted or plain; a literal block; others at the key).
func (c *Checker) textPosition(r *report, key, text string, off int) (int, int) {
	before := text[:off]
	nl := strings.Count(before, "\n")
	// Columns count characters, as editors and GitHub's annotations do.
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	runes := utf8.RuneCountInString(before)
	if key == bodyKey {
		return r.doc.BodyLine + nl, col
	}
	pos := r.doc.At(key)
	n := valueNode(r.doc, key)
	if n == nil {
		return pos.Line, pos.Column
	}
	switch {
	case n.Style&yaml.LiteralStyle != 0:
		return pos.Line + 1 + nl, 0
	case strings.Contains(text, "\n") || n.Style&yaml.FoldedStyle != 0:
		return pos.Line, 0
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		return pos.Line, pos.Column + 1 + runes
	}
	return pos.Line, pos.Column + runes
}

// valueNode is the YAML node of a top-level front-matter key, or nil.
func valueNode(d *Doc, key string) *yaml.Node {
	if d.Node == nil || len(d.Node.Content) == 0 {
		return nil
	}
	m := d.Node.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// at reports a problem at a line and column of the file.
func (r *report) at(line, col int, rule string, hint diag.Text, warning bool, format string, args ...any) {
	sev := diag.Error
	if warning {
		sev = SevWarning
	}
	if r.put(sev, "", rule, hint, format, args...) {
		p := &r.problems[len(r.problems)-1]
		p.Line, p.Column = line, col
	}
}
