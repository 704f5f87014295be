package policy

import (
	"slices"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
)

var ict = time.FixedZone("ICT", 7*3600)

func vn(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ict) }

func TestQueue(t *testing.T) {
	p := samplePolicy(t)
	cal := p.Config().WorkCalendar()
	ready := vn(2026, 11, 23, 9, 0) // Monday morning
	mk := func(n int, files []File, reviews ...Review) QueueInput {
		s := snap(files, reviews...)
		s.Number = n
		s.Title = "Bài"
		return QueueInput{Snapshot: s, Ready: ready}
	}
	rv := func(login string, at time.Time) Review {
		return Review{Author: login, State: Approved, CommitID: sha, SubmittedAt: at}
	}
	inputs := []QueueInput{
		mk(1, []File{file(cchc)}),                                                                      // waits for verification
		mk(2, []File{file(cchc)}, rv(trung, vn(2026, 11, 23, 10, 0))),                                  // verified Monday: approval due Tuesday (deputy) / Wednesday (head)
		mk(3, []File{file(cchc)}, rv(trung, vn(2026, 11, 23, 10, 0)), rv(vu, vn(2026, 11, 24, 15, 0))), // approved Tuesday: publish due Tuesday 17:00
		mk(4, []File{file(cchc)}, rv(vu, vn(2026, 11, 23, 10, 0)), review(head, ChangesRequested, 2)),  // back to the author
		mk(5, []File{file("layouts/page.html")}),                                                       // technical: no verification
	}
	inputs = append(inputs, mk(6, []File{file(cchc)}))
	inputs[5].Snapshot.Draft = true

	now := vn(2026, 11, 25, 9, 0) // Wednesday morning
	q := BuildQueue(p, cal, now, inputs)
	type row struct {
		pr       int
		stage    Stage
		waiting  []string
		deadline time.Time
		overdue  bool
		escalate []string
	}
	want := []row{
		{1, StageVerify, []string{dinh, trung}, vn(2026, 11, 24, 17, 0), true, nil},
		{3, StagePublish, []string{trung}, vn(2026, 11, 24, 17, 0), true, nil},
		{5, StageApprove, []string{trung, head}, vn(2026, 11, 24, 17, 0), true, []string{head}}, // the technical member is late too
		{2, StageApprove, []string{vu, head}, vn(2026, 11, 24, 17, 0), true, []string{head}},
	}
	if len(q) != len(want) {
		t.Fatalf("queue has %d items, want %d: %+v", len(q), len(want), q)
	}
	slices.SortStableFunc(q, func(a, b QueueItem) int { return a.Deadline.Compare(b.Deadline) })
	got := map[int]QueueItem{}
	for _, it := range q {
		got[it.PR] = it
	}
	for _, w := range want {
		it, ok := got[w.pr]
		if !ok {
			t.Errorf("#%d missing", w.pr)
			continue
		}
		if it.Stage != w.stage || !slices.Equal(it.WaitingOn, w.waiting) || !it.Deadline.Equal(w.deadline) || it.Overdue != w.overdue || !slices.Equal(it.Escalate, w.escalate) {
			t.Errorf("#%d = %s %v %s overdue=%v escalate=%v; want %s %v %s %v %v", w.pr, it.Stage, it.WaitingOn, it.Deadline, it.Overdue, it.Escalate, w.stage, w.waiting, w.deadline, w.overdue, w.escalate)
		}
	}
	// The head's own deadline on #2 is Wednesday evening (2 working days).
	if d := got[2].People[1]; d.Login != head || !d.Deadline.Equal(vn(2026, 11, 25, 17, 0)) || d.Overdue {
		t.Errorf("head's deadline on #2: %+v", d)
	}
	// Once requested, the head is not requested again.
	inputs[1].Requested = []string{head}
	for _, it := range BuildQueue(p, cal, now, inputs) {
		if it.PR == 2 && len(it.Escalate) != 0 {
			t.Errorf("head requested twice: %v", it.Escalate)
		}
	}
	// Before the deputy's deadline, nobody is overdue on #2 and nothing escalates.
	for _, it := range BuildQueue(p, cal, vn(2026, 11, 24, 16, 0), inputs[1:2]) {
		if it.Overdue || len(it.Escalate) > 0 {
			t.Errorf("early: %+v", it)
		}
	}
}

func TestQueueAbsence(t *testing.T) {
	p := samplePolicy(t)
	cfg := p.Config()
	cfg.Board.Absences = append(cfg.Board.Absences, config.Absence{Member: "ntvu", From: calendar.Date{Year: 2026, Month: 11, Day: 23}, To: calendar.Date{Year: 2026, Month: 11, Day: 27}, Reason: "Công tác"})
	s := snap([]File{file(cchc)}, approve(trung, sha, 0))
	s.Reviews[0].SubmittedAt = vn(2026, 11, 24, 9, 0)
	q := BuildQueue(p, cfg.WorkCalendar(), vn(2026, 11, 24, 10, 0), []QueueInput{{Snapshot: s, Ready: vn(2026, 11, 24, 8, 0)}})
	if len(q) != 1 {
		t.Fatalf("queue: %+v", q)
	}
	it := q[0]
	if !slices.Equal(it.WaitingOn, []string{head}) || len(it.Away) != 1 || it.Away[0].Login != vu || it.Away[0].Until != "2026-11-27" {
		t.Fatalf("absent deputy: %+v", it)
	}
	if !slices.Equal(it.Escalate, []string{head}) || it.Overdue {
		t.Fatalf("the head must be asked at once: %+v", it)
	}
}
