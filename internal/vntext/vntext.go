// Package vntext holds the Vietnamese text rules bbtgen relies on: NFC normalisation,
// slugs without diacritics (đ → d), diacritic-insensitive folding for search, and dates
// written the way official documents write them (Decree 30/2020/NĐ-CP).
//
// Glossary: dấu = diacritic mark; "đ" is a letter of its own, not "d" with a mark, which is
// why Unicode decomposition leaves it alone and why we map it by hand.
package vntext

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s, removes every diacritic and maps đ/Đ to d, keeping everything else
// (spaces, digits, punctuation) as it is. "Cải cách hành chính" → "cai cach hanh chinh".
// Both precomposed ("hoà") and decomposed input fold the same way.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// FoldRune is Fold for one rune: "" for a combining mark, "d" for đ and Đ, the lowercase base
// letter for a letter with diacritics ("Ổ" → "o"), the lowercase rune otherwise. Folding a
// text rune by rune gives Fold's result, since the marks Fold reorders are all dropped. It is
// the fast path for search indexes, which fold every letter of every article: the Latin
// letters Vietnamese uses are looked up in a table instead of being decomposed each time.
func FoldRune(r rune) string {
	if r < utf8.RuneSelf {
		return asciiLower[r : r+1]
	}
	t := foldTable()
	switch {
	case r < latinEnd:
		return t[r]
	case r >= extendedStart && r < extendedEnd:
		return t[latinEnd+r-extendedStart]
	}
	return Fold(string(r))
}

const (
	latinEnd                   = 0x370          // Latin-1, Latin Extended-A and B, IPA, combining marks
	extendedStart, extendedEnd = 0x1E00, 0x1F00 // Latin Extended Additional: ạ ả ấ ầ ẩ ẫ ậ …
)

const asciiLower = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f" +
	" !\"#$%&'()*+,-./0123456789:;<=>?@abcdefghijklmnopqrstuvwxyz[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f"

// foldTable holds Fold of each rune of the two Latin ranges, made on first use.
var foldTable = sync.OnceValue(func() []string {
	t := make([]string, latinEnd+extendedEnd-extendedStart)
	for r := rune(0); r < latinEnd; r++ {
		t[r] = Fold(string(r))
	}
	for r := rune(extendedStart); r < extendedEnd; r++ {
		t[latinEnd+r-extendedStart] = Fold(string(r))
	}
	return t
})

// MaxSlugLen bounds slugs so that URLs stay readable; cuts fall on a word boundary.
const MaxSlugLen = 80

// Slug makes a URL path segment of a Vietnamese title: diacritics removed, đ → d,
// lowercase ASCII letters and digits joined by single hyphens.
// "Đoàn công tác Sở Nội vụ làm việc tại Quy Nhơn" → "doan-cong-tac-so-noi-vu-lam-viec-tai-quy-nhon".
func Slug(title string) string {
	var b strings.Builder
	pendingHyphen := false
	for _, r := range Fold(title) {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(r)
			continue
		}
		pendingHyphen = true
	}
	s := b.String()
	if len(s) > MaxSlugLen {
		s = s[:MaxSlugLen]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// IsSlug reports whether s is already a slug as Slug makes them.
func IsSlug(s string) bool {
	return s != "" && Slug(s) == s
}

// OfficialDate writes a date as Vietnamese official documents do: "ngày 05 tháng 02 năm 2026",
// "ngày 25 tháng 11 năm 2026". Days below 10 and the months January and February take a
// leading zero; the other months do not (Decree 30/2020/NĐ-CP, appendix I). The date is read
// in t's own location; convert first if needed.
func OfficialDate(t time.Time) string {
	y, m, d := t.Date()
	month := fmt.Sprint(int(m))
	if m < time.March {
		month = fmt.Sprintf("%02d", int(m))
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d, month, y)
}

// Weekdays are the Vietnamese names of the days of the week, indexed by time.Weekday.
var Weekdays = [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// Moment writes a time as people of the department read a deadline: "17:00 thứ Năm, ngày 26
// tháng 11 năm 2026" (the weekday in lower case within a sentence), in t's own location.
func Moment(t time.Time) string {
	return fmt.Sprintf("%s %s, %s", t.Format("15:04"), strings.ToLower(Weekdays[t.Weekday()][:1])+Weekdays[t.Weekday()][1:], OfficialDate(t))
}

// NotNFC returns the byte offset of the first place where s is not in Unicode NFC, or -1
// when all of s is NFC. Text typed on some keyboards (and pasted from some PDF readers)
// arrives decomposed: it looks the same but does not match in search or in slugs.
func NotNFC(s string) int {
	if plainlyNFC(s) || norm.NFC.IsNormalString(s) {
		return -1
	}
	// QuickSpan stops at the first segment that might need work; walk forward from there to
	// the first segment that really changes.
	i := norm.NFC.QuickSpanString(s)
	var it norm.Iter
	it.InitString(norm.NFC, s[i:])
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		if string(seg) != s[i+start:i+it.Pos()] {
			return i + start
		}
	}
	return i
}

// plainlyNFC reports whether s holds only characters that are NFC on their own and never
// combine with the character before them (plainRune). Such a text is NFC, and most Vietnamese
// text is such a text: this answers it without the normalisation tables. Any other character,
// a combining mark among them, leaves the answer to the tables.
func plainlyNFC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !plainRune(r) {
			return false
		}
		i += size
	}
	return true
}

// plainRune: the characters below U+0300 (ASCII, Latin-1, the Latin Extended letters of đ,
// ơ, ư), the precomposed Vietnamese letters U+1EA0–U+1EF9, and the dashes, quotation marks
// and ellipsis U+2010–U+2027 of typeset text. TestPlainlyNFC checks each against the tables.
func plainRune(r rune) bool {
	return r < 0x300 || 0x1EA0 <= r && r <= 0x1EF9 || 0x2010 <= r && r <= 0x2027
}

// NFC returns s in NFC.
func NFC(s string) string { return norm.NFC.String(s) }

// Position turns a byte offset in text into a 1-based line and a 1-based column counted in
// runes, as editors show them.
func Position(text string, offset int) (line, col int) {
	if offset > len(text) {
		offset = len(text)
	}
	before := text[:offset]
	line = strings.Count(before, "\n") + 1
	lineStart := strings.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCountInString(before[lineStart:]) + 1
	return line, col
}

// InvalidUTF8 returns the byte offset of the first invalid UTF-8 sequence in b, or -1.
func InvalidUTF8(b []byte) int {
	if utf8.Valid(b) { // several times faster than decoding rune by rune
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// reservedNames are the device names Windows refuses as a file or folder name, with any
// extension (con.md included): a repository holding one cannot be checked out on Windows.
var reservedNames = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true, "conin$": true, "conout$": true}

// IsReservedName tells whether name (a file or folder name, with or without extension) is a
// device name Windows refuses: CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9, in any case.
func IsReservedName(name string) bool {
	base := strings.ToLower(name)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	base = strings.TrimRight(base, " ")
	if reservedNames[base] {
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '0' && base[3] <= '9' {
		return true
	}
	return false
}
