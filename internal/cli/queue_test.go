package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sonoivu-binhdinh/bbtgen/internal/i18n"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
)

// queueItems is a queue on Wednesday 25/11/2026 at 10:00 (cardNow): an approval overdue for
// one approver and not yet for the other, a publication overdue and scheduled for tomorrow, a
// verification due tomorrow, an approval whose deputy is away.
func queueItems() []policy.QueueItem {
	loc := cardNow.Location()
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, loc) }
	scheduled := at(26, 8, 0)
	return []policy.QueueItem{
		{PR: 21, Title: "Một cửa điện tử", Author: "pthanh-snv", Area: "cai-cach-hanh-chinh", AreaTitle: "Cải cách hành chính",
			Stage: policy.StageApprove, WaitingOn: []string{"ntvu-snv", "txlong-snv"}, Since: at(23, 10, 0), Deadline: at(24, 17, 0), Overdue: true,
			People:   []policy.Waiting{{Login: "ntvu-snv", Deadline: at(24, 17, 0), Overdue: true}, {Login: "txlong-snv", Deadline: at(25, 17, 0)}},
			Escalate: []string{"txlong-snv"}},
		{PR: 23, Title: "Khảo sát hài lòng", Author: "pthanh-snv", Stage: policy.StagePublish, WaitingOn: []string{"lhtrung-snv"},
			Since: at(24, 14, 30), Deadline: at(24, 17, 0), Overdue: true,
			People: []policy.Waiting{{Login: "lhtrung-snv", Deadline: at(24, 17, 0), Overdue: true}}, ScheduledAt: &scheduled},
		{PR: 25, Title: "Hỏi đáp nghỉ phép", Author: "nvbinh-snv", Area: "hoi-dap", AreaTitle: "Hỏi đáp", Stage: policy.StageVerify,
			WaitingOn: []string{"ttdinh-snv", "lhtrung-snv"}, Since: at(25, 9, 0), Deadline: at(26, 17, 0),
			People: []policy.Waiting{{Login: "ttdinh-snv", Deadline: at(26, 17, 0)}, {Login: "lhtrung-snv", Deadline: at(26, 17, 0)}}},
		{PR: 26, Title: "Tin | hội nghị", Author: "pthanh-snv", Area: "tin-hoat-dong", AreaTitle: "Tin hoạt động", Stage: policy.StageApprove,
			WaitingOn: []string{"txlong-snv"}, Since: at(24, 8, 0), Deadline: at(26, 17, 0),
			People: []policy.Waiting{{Login: "txlong-snv", Deadline: at(26, 17, 0)}},
			Away:   []policy.Away{{Login: "ntvu-snv", Until: "2026-11-27", Reason: "Công tác"}}},
	}
}

var reviewLanguages = []struct{ name, tag string }{{"vi", "vi"}, {"en", "en"}}

// TestQueueGolden prints the queue as text (everybody's, and one person's), as Markdown, and
// empty, in Vietnamese and in English, against testdata/queue/<language>.txt (go test -run
// TestQueueGolden ./internal/cli -args -update rewrites them).
func TestQueueGolden(t *testing.T) {
	loc := cardNow.Location()
	for _, lang := range reviewLanguages {
		t.Run(lang.name, func(t *testing.T) {
			p := i18n.New(i18n.FromEnv(func(string) string { return lang.tag }))
			var b strings.Builder
			b.WriteString("== review queue\n")
			queueText(&b, p, queueItems(), loc, cardNow, "")
			b.WriteString("\n== review queue --for txlong-snv\n")
			queueText(&b, p, queueItems(), loc, cardNow, "txlong-snv")
			b.WriteString("\n== review queue --format markdown\n")
			queueMarkdown(&b, p, queueItems(), loc, cardNow, "sonoivu/website")
			b.WriteString("\n== review queue, nothing waiting\n")
			queueText(&b, p, nil, loc, cardNow, "")
			b.WriteString("\n== review queue --format markdown, nothing waiting\n")
			queueMarkdown(&b, p, nil, loc, cardNow, "sonoivu/website")
			golden(t, filepath.Join("testdata", "queue", lang.name+".txt"), b.String())
		})
	}
}

// TestRemindGolden writes the reminders of overdue pull requests, and the reminder once
// nothing is overdue, in Vietnamese and in English, against testdata/remind/<language>.txt.
func TestRemindGolden(t *testing.T) {
	loc := cardNow.Location()
	items := queueItems()
	awayVerify := items[2]
	awayVerify.Overdue = true
	awayVerify.People = []policy.Waiting{{Login: "lhtrung-snv", Deadline: awayVerify.Deadline, Overdue: true}}
	awayVerify.Away = []policy.Away{{Login: "ttdinh-snv", Until: "2026-11-30"}}
	for _, lang := range reviewLanguages {
		t.Run(lang.name, func(t *testing.T) {
			p := i18n.New(i18n.FromEnv(func(string) string { return lang.tag }))
			var b strings.Builder
			for _, c := range []struct {
				name  string
				items []policy.QueueItem
			}{{"#21: an approval overdue", items[:1]}, {"#23: a publication overdue", items[1:2]}, {"#25: a verification overdue, one verifier away", []policy.QueueItem{awayVerify}}} {
				b.WriteString("== " + c.name + "\n")
				body := reminderBody(p, c.items, loc)
				if strings.Contains(body, "10:00") {
					t.Errorf("the reminder holds the time it was written: %s", body)
				}
				b.WriteString(body + "\n")
			}
			b.WriteString("== nothing overdue any more\n" + clearedBody(p))
			golden(t, filepath.Join("testdata", "remind", lang.name+".txt"), b.String())
		})
	}
}
