package calendar

import (
	"testing"
	"time"
)

var ict = time.FixedZone("ICT", 7*3600)

func d(y int, m time.Month, day int) Date { return Date{y, m, day} }

// cal2026 is the official 2026 calendar of the sample config.yaml.
func cal2026() *Calendar {
	off := map[Date]string{
		d(2026, 1, 1): "Tết Dương lịch", d(2026, 4, 27): "Giỗ Tổ", d(2026, 4, 30): "30/4", d(2026, 5, 1): "1/5",
		d(2026, 8, 31): "Quốc khánh (hoán đổi)", d(2026, 9, 1): "Quốc khánh", d(2026, 9, 2): "Quốc khánh",
	}
	for day := 16; day <= 20; day++ {
		off[d(2026, 2, day)] = "Tết Nguyên đán"
	}
	return New(Options{Location: ict, Holidays: off, WorkingDays: map[Date]string{d(2026, 8, 22): "làm bù"}, OfficeStart: 7*60 + 30, OfficeEnd: 17 * 60})
}

func at(y int, m time.Month, day, h, min int) time.Time {
	return time.Date(y, m, day, h, min, 0, 0, ict)
}

func TestIsWorkingDay(t *testing.T) {
	c := cal2026()
	for _, tt := range []struct {
		day  Date
		want bool
	}{
		{d(2026, 11, 25), true},  // Wednesday
		{d(2026, 11, 28), false}, // Saturday
		{d(2026, 11, 29), false}, // Sunday
		{d(2026, 2, 16), false},  // Tết
		{d(2026, 2, 21), false},  // Saturday after Tết
		{d(2026, 2, 23), true},   // first day back
		{d(2026, 8, 22), true},   // make-up Saturday
		{d(2026, 8, 31), false},  // swapped Monday
		{d(2026, 4, 27), false},  // Giỗ Tổ, moved to Monday
	} {
		if got := c.IsWorkingDay(tt.day); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %v", tt.day, got)
		}
	}
}

func TestDeadline(t *testing.T) {
	c := cal2026()
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"morning, 1 day", at(2026, 11, 24, 9, 0), 1, at(2026, 11, 25, 17, 0)},
		{"before office hours count that day", at(2026, 11, 24, 6, 0), 1, at(2026, 11, 25, 17, 0)},
		{"same day", at(2026, 11, 24, 9, 0), 0, at(2026, 11, 24, 17, 0)},
		{"after office hours counts from the next day", at(2026, 11, 24, 17, 30), 0, at(2026, 11, 25, 17, 0)},
		{"Friday evening, 1 day", at(2026, 11, 27, 18, 0), 1, at(2026, 12, 1, 17, 0)},
		{"Friday morning, 2 days", at(2026, 11, 27, 10, 0), 2, at(2026, 12, 1, 17, 0)},
		{"Saturday, 1 day", at(2026, 11, 28, 10, 0), 1, at(2026, 12, 1, 17, 0)},
		{"the day before Tết, 1 day", at(2026, 2, 13, 10, 0), 1, at(2026, 2, 23, 17, 0)},
		{"the evening before Tết, same day", at(2026, 2, 13, 20, 0), 0, at(2026, 2, 23, 17, 0)},
		{"holiday bridge 30/4–1/5, 1 day", at(2026, 4, 29, 10, 0), 1, at(2026, 5, 4, 17, 0)},
		{"Giỗ Tổ Monday after a weekend", at(2026, 4, 24, 16, 0), 1, at(2026, 4, 28, 17, 0)},
		{"make-up Saturday counts", at(2026, 8, 21, 10, 0), 1, at(2026, 8, 22, 17, 0)},
		{"National Day swap", at(2026, 8, 28, 10, 0), 1, at(2026, 9, 3, 17, 0)},
		{"UTC input is read in Vietnam", time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC), 0, at(2026, 11, 25, 17, 0)},
	}
	for _, tt := range tests {
		if got := c.Deadline(tt.from, tt.n); !got.Equal(tt.want) {
			t.Errorf("%s: Deadline(%s, %d) = %s, want %s", tt.name, tt.from, tt.n, got, tt.want)
		}
	}
}

func TestSameWorkingDay(t *testing.T) {
	c := cal2026()
	if !c.SameWorkingDay(at(2026, 11, 24, 9, 0), at(2026, 11, 24, 16, 59)) {
		t.Error("approved and published the same afternoon")
	}
	if c.SameWorkingDay(at(2026, 11, 24, 9, 0), at(2026, 11, 25, 8, 0)) {
		t.Error("published the next morning")
	}
	if !c.SameWorkingDay(at(2026, 11, 27, 18, 0), at(2026, 11, 30, 10, 0)) {
		t.Error("approved on Friday evening, published Monday morning: the same working day")
	}
}

func TestCoveredUntil(t *testing.T) {
	if got := cal2026().CoveredUntil(); got != d(2026, 12, 31) {
		t.Errorf("CoveredUntil = %s", got)
	}
	if got := New(Options{}).CoveredUntil(); !got.IsZero() {
		t.Errorf("empty calendar covered until %s", got)
	}
}

func TestDate(t *testing.T) {
	if _, err := ParseDate("2026-02-30"); err == nil {
		t.Error("2026-02-30 accepted")
	}
	x, err := ParseDate("2026-12-31")
	if err != nil || x.AddDays(1) != d(2027, 1, 1) || x.String() != "2026-12-31" || x.Weekday() != time.Thursday {
		t.Errorf("date arithmetic: %v %v", x, err)
	}
}
