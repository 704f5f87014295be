package calendar

import (
	"fmt"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/diag"
)

// Date is a day on the civil calendar, without a time or a zone: a public holiday, the day a
// regulation takes effect, the day a member's absence begins.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "2026-11-25" and rejects days that do not exist ("2026-02-30").
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if d, ok := dayMonthYear(s); ok {
			return Date{}, sentenceError{diag.T("%q is written day/month/year: write %s (year-month-day)", s, d)}
		}
		return Date{}, sentenceError{diag.T("%q is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25", s)}
	}
	return DateOf(t), nil
}

// dayMonthYear reads a date written as Vietnamese people write it by hand, 25/11/2026 or
// 25-11-2026 or 25.11.2026, so that the message can say what to write instead.
func dayMonthYear(s string) (Date, bool) {
	for _, layout := range []string{"2/1/2006", "2-1-2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), true
		}
	}
	return Date{}, false
}

// DayMonthYear is dayMonthYear for other packages: the year-month-day form of a date written
// day/month/year, and whether s was one.
func DayMonthYear(s string) (string, bool) {
	d, ok := dayMonthYear(s)
	return d.String(), ok
}

// DateOf returns the date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// In returns midnight at the start of the date in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days later (or earlier when n < 0).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// IsZero reports whether d was never set.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	*d = v
	return err
}

// UnmarshalScalar lets strict YAML decoding read dates.
func (d *Date) UnmarshalScalar(value, _ string) error {
	v, err := ParseDate(value)
	*d = v
	return err
}

// sentenceError is an error whose text is a sentence of the message catalog (package i18n),
// so that strictyaml can report it in its reader's language; Error is the English.
type sentenceError struct{ text diag.Text }

func (e sentenceError) Error() string { return e.text.String() }

// Sentence is the error's sentence, for the message catalog.
func (e sentenceError) Sentence() diag.Text { return e.text }
