// Package calendar knows which days are working days (ngày làm việc) in Vietnam and when a
// review deadline of N working days ends. Saturdays and Sundays are off, the public holidays
// are off, and the make-up Saturdays the Government announces (làm bù) are working days.
// Tết and the Hùng Kings day follow the lunar calendar and the days off are announced each
// year, so none of this is computed: the days come from config.yaml.
package calendar

import (
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh must resolve even on machines without a zone database
)

// Calendar answers working-day questions in one time zone.
type Calendar struct {
	loc      *time.Location
	holidays map[Date]string
	working  map[Date]string
	// office hours, in minutes after midnight
	start, end int
	last       Date
}

// Options configure a Calendar.
type Options struct {
	Location *time.Location
	// Holidays are days off, by date, with their names.
	Holidays map[Date]string
	// WorkingDays are weekend days that are working days (make-up days).
	WorkingDays map[Date]string
	// OfficeStart and OfficeEnd are minutes after midnight (07:30 → 450, 17:00 → 1020).
	OfficeStart, OfficeEnd int
}

// New makes a calendar.
func New(o Options) *Calendar {
	c := &Calendar{loc: o.Location, holidays: o.Holidays, working: o.WorkingDays, start: o.OfficeStart, end: o.OfficeEnd}
	if c.loc == nil {
		c.loc = time.FixedZone("ICT", 7*3600)
	}
	if c.end == 0 {
		c.start, c.end = 7*60+30, 17*60
	}
	for d := range o.Holidays {
		if d.After(c.last) {
			c.last = d
		}
	}
	for d := range o.WorkingDays {
		if d.After(c.last) {
			c.last = d
		}
	}
	return c
}

// Location is the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// IsWorkingDay reports whether d is a working day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if _, ok := c.working[d]; ok {
		return true
	}
	if _, ok := c.holidays[d]; ok {
		return false
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Holiday returns the name of the holiday on d, if any.
func (c *Calendar) Holiday(d Date) (string, bool) {
	name, ok := c.holidays[d]
	return name, ok
}

// NextWorkingDay returns the first working day strictly after d.
func (c *Calendar) NextWorkingDay(d Date) Date {
	for d = d.AddDays(1); !c.IsWorkingDay(d); d = d.AddDays(1) {
	}
	return d
}

// StartDay returns the working day from which work received at t counts: the day of t if it
// is a working day and t is before the end of office hours, else the next working day.
func (c *Calendar) StartDay(t time.Time) Date {
	t = t.In(c.loc)
	d := DateOf(t)
	if c.IsWorkingDay(d) && t.Hour()*60+t.Minute() < c.end {
		return d
	}
	return c.NextWorkingDay(d)
}

// EndOfDay returns the end of office hours on d.
func (c *Calendar) EndOfDay(d Date) time.Time {
	return d.In(c.loc).Add(time.Duration(c.end) * time.Minute)
}

// Deadline returns when a task of n working days received at t is due: the end of office
// hours of the n-th working day after the day it counts from. n = 0 means the same
// working day.
func (c *Calendar) Deadline(t time.Time, n int) time.Time {
	d := c.StartDay(t)
	for range n {
		d = c.NextWorkingDay(d)
	}
	return c.EndOfDay(d)
}

// SameWorkingDay reports whether b falls on or before the end of the working day from which
// a counts: "published the same day it was approved".
func (c *Calendar) SameWorkingDay(a, b time.Time) bool {
	return !b.After(c.Deadline(a, 0))
}

// CoveredUntil returns the last date the calendar has data for: the end of the latest year
// that has any holiday or make-up day. After it, only weekends are known to be off.
func (c *Calendar) CoveredUntil() Date {
	if c.last.IsZero() {
		return Date{}
	}
	return Date{c.last.Year, time.December, 31}
}
