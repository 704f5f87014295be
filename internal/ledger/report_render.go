package ledger

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
	"github.com/sonoivu-binhdinh/bbtgen/internal/policy"
	"github.com/sonoivu-binhdinh/bbtgen/internal/sitecheck"
)

var stageVI = map[policy.Stage]string{policy.StageVerify: "Xác thực", policy.StageApprove: "Duyệt", policy.StagePublish: "Xuất bản"}

func categoryName(cfg *config.Config, folder string) string {
	if c, ok := cfg.Category(folder); ok {
		return c.Name
	}
	return folder
}

// WriteReportMarkdown writes the report as Markdown.
func WriteReportMarkdown(w io.Writer, cfg *config.Config, r *Report) error {
	fmt.Fprintf(w, "## Báo cáo đóng góp tin, bài từ %s đến %s\n\n", dmy(r.From), dmy(r.To))
	fmt.Fprintf(w, "%d tin, bài xuất bản; %d lần sửa; %d bài gỡ xuống.\n\n", r.Publications, r.Revisions, r.Unpublished)
	fmt.Fprintln(w, "### Theo đơn vị\n\n| Đơn vị | Xuất bản | Sửa | Theo chuyên mục |\n|---|--:|--:|---|")
	for _, u := range r.Units {
		fmt.Fprintf(w, "| %s | %d | %d | %s |\n", mdCell(u.Name), u.Publications, u.Revisions, mdCell(byCategory(cfg, u.ByCategory)))
	}
	fmt.Fprintln(w, "\n### Theo tác giả\n\n| Tác giả | Xuất bản | Sửa | Theo chuyên mục | Theo thể loại |\n|---|--:|--:|---|---|")
	for _, a := range r.Authors {
		fmt.Fprintf(w, "| %s | %d | %d | %s | %s |\n", mdCell(a.Name), a.Publications, a.Revisions, mdCell(byCategory(cfg, a.ByCategory)), mdCell(byKind(a.ByKind)))
	}
	if !r.Reviewed {
		if _, err := fmt.Fprintln(w, "\n_Thời gian duyệt không có: chạy với GITHUB_TOKEN để đọc các pull request đã hợp nhất._"); err != nil {
			return err
		}
		return writeComplianceMarkdown(w, r)
	}
	fmt.Fprintf(w, "\n### Thời hạn duyệt (%d pull request đã hợp nhất)\n\n| Người | Việc | Số lần | Đúng hạn | Trung vị (giờ) |\n|---|---|--:|--:|--:|\n", r.PullRequests)
	for _, x := range r.Reviewers {
		fmt.Fprintf(w, "| %s | %s | %d | %d (%.0f%%) | %.1f |\n", mdCell(x.Name), stageVI[x.Stage], x.Count, x.Met, 100*x.Share, x.MedianHours)
	}
	return writeComplianceMarkdown(w, r)
}

// writeComplianceMarkdown writes the table of what the law requires of the site: "yêu cầu –
// căn cứ – trạng thái", with what the site has.
func writeComplianceMarkdown(w io.Writer, r *Report) error {
	if len(r.Compliance) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\n### Yêu cầu của pháp luật đối với Trang (ngày %s)\n\n| Yêu cầu | Căn cứ | Trạng thái |\n|---|---|---|\n", dmy(r.ComplianceDate))
	for _, x := range r.Compliance {
		if _, err := fmt.Fprintf(w, "| %s | %s | %s |\n", mdCell(x.Name), mdCell(x.Basis), mdCell(complianceStatus(x))); err != nil {
			return err
		}
	}
	return nil
}

// complianceStatus writes a requirement's status in Vietnamese, with what the site has.
func complianceStatus(x sitecheck.RequirementStatus) string {
	s := sitecheck.StatusNames[x.Status]
	if x.Status != sitecheck.StatusMet && x.Level == config.LevelError {
		s += " (bắt buộc)"
	}
	if x.Detail != "" {
		s += ": " + x.Detail
	}
	return s
}

func byCategory(cfg *config.Config, m map[string]int) string {
	var parts []string
	for _, c := range cfg.Categories {
		if n := m[c.Folder]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s: %d", c.Name, n))
		}
	}
	return strings.Join(parts, "; ")
}

func byKind(m map[string]int) string {
	var parts []string
	for _, k := range config.RoyaltyKinds {
		if n := m[string(k)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s: %d", KindNames[k], n))
		}
	}
	return strings.Join(parts, "; ")
}

// palette has colours that stay apart for colour-blind readers (Okabe–Ito) and others.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999", "#7F3C8D"}

type bar struct {
	X, Y, W, H float64
	Fill, Tip  string
}

type label struct {
	X, Y   float64
	Text   string
	Anchor string
}

type chart struct {
	ID            string
	Width, Height float64
	Title, Desc   string
	Bars          []bar
	Labels        []label
	Legend        []struct{ Color, Name string }
}

// monthChart stacks the publications of each unit per month.
func monthChart(r *Report) chart {
	const left, bottom, top, barW, gap = 40.0, 30.0, 24.0, 36.0, 18.0
	ch := chart{ID: "months", Height: 240, Title: "Tin, bài xuất bản theo tháng và đơn vị", Desc: "Biểu đồ cột chồng: mỗi cột là một tháng, mỗi màu là một đơn vị; số liệu ở bảng bên dưới."}
	ch.Width = left + float64(len(r.Months))*(barW+gap) + gap
	maxTotal := 1
	for _, m := range r.Months {
		t := 0
		for _, u := range r.Units {
			t += u.ByMonth[m]
		}
		maxTotal = max(maxTotal, t)
	}
	scale := (ch.Height - bottom - top) / float64(maxTotal)
	for i, u := range r.Units {
		ch.Legend = append(ch.Legend, struct{ Color, Name string }{palette[i%len(palette)], u.Name})
	}
	for mi, m := range r.Months {
		x := left + gap + float64(mi)*(barW+gap)
		y := ch.Height - bottom
		total := 0
		for ui, u := range r.Units {
			n := u.ByMonth[m]
			if n == 0 {
				continue
			}
			h := float64(n) * scale
			y -= h
			total += n
			ch.Bars = append(ch.Bars, bar{X: x, Y: y, W: barW, H: h, Fill: palette[ui%len(palette)], Tip: fmt.Sprintf("%s, %s: %d", u.Name, m, n)})
		}
		ch.Labels = append(ch.Labels, label{X: x + barW/2, Y: ch.Height - bottom + 16, Text: m[5:] + "/" + m[2:4], Anchor: "middle"})
		ch.Labels = append(ch.Labels, label{X: x + barW/2, Y: y - 8, Text: fmt.Sprint(total), Anchor: "middle"})
	}
	return ch
}

// complianceChart shows, per reviewer and stage, the share of deadlines met.
func complianceChart(r *Report) chart {
	const left, rowH, width = 260.0, 26.0, 560.0
	ch := chart{ID: "compliance", Width: width, Height: float64(len(r.Reviewers))*rowH + 10, Title: "Tỷ lệ đúng hạn theo người duyệt", Desc: "Biểu đồ thanh: độ dài là tỷ lệ việc làm xong trong thời hạn."}
	for i, x := range r.Reviewers {
		y := 5 + float64(i)*rowH
		w := math.Max(1, (width-left-60)*x.Share)
		fill := "#009E73"
		if x.Share < 0.8 {
			fill = "#D55E00"
		}
		ch.Bars = append(ch.Bars, bar{X: left, Y: y, W: w, H: rowH - 8, Fill: fill, Tip: fmt.Sprintf("%s – %s: %d/%d", x.Name, stageVI[x.Stage], x.Met, x.Count)})
		ch.Labels = append(ch.Labels, label{X: left - 6, Y: y + rowH/2 - 4, Text: x.Name + " – " + stageVI[x.Stage], Anchor: "end"})
		ch.Labels = append(ch.Labels, label{X: left + w + 6, Y: y + rowH/2 - 4, Text: fmt.Sprintf("%.0f%%", 100*x.Share), Anchor: "start"})
	}
	return ch
}

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct":    func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"f1":     func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"cat":    func(cfg *config.Config, m map[string]int) string { return byCategory(cfg, m) },
	"kind":   byKind,
	"stage":  func(s policy.Stage) string { return stageVI[s] },
	"dmy":    dmy,
	"get":    func(m map[string]int, k string) int { return m[k] },
	"status": complianceStatus,
}).Parse(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo đóng góp tin, bài {{dmy .R.From}}–{{dmy .R.To}}</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;max-width:70rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;color:#083a66}table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #c8ced6;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right}thead th{background:#f2f5f9}svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:#1a1a1a}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0}.legend span{display:inline-block;width:.9rem;height:.9rem;margin-right:.35rem;vertical-align:middle}
@media print{body{max-width:none}}
</style>
</head>
<body>
<h1>Báo cáo đóng góp tin, bài từ {{dmy .R.From}} đến {{dmy .R.To}}</h1>
<p>{{.R.Publications}} tin, bài xuất bản; {{.R.Revisions}} lần sửa; {{.R.Unpublished}} bài gỡ xuống.</p>
<h2>Xuất bản theo tháng và đơn vị</h2>
{{with .Months}}{{template "chart" .}}{{end}}
<table><caption>Số tin, bài xuất bản theo đơn vị và tháng</caption>
<thead><tr><th scope="col">Đơn vị</th>{{range .R.Months}}<th scope="col">{{.}}</th>{{end}}<th scope="col">Cộng</th><th scope="col">Sửa</th></tr></thead>
<tbody>{{$r := .R}}{{range .R.Units}}{{$u := .}}<tr><th scope="row">{{.Name}}</th>{{range $r.Months}}<td class="n">{{get $u.ByMonth .}}</td>{{end}}<td class="n">{{.Publications}}</td><td class="n">{{.Revisions}}</td></tr>{{end}}</tbody>
</table>
<h2>Theo tác giả</h2>
<table><caption>Đóng góp của từng tác giả</caption>
<thead><tr><th scope="col">Tác giả</th><th scope="col">Xuất bản</th><th scope="col">Sửa</th><th scope="col">Theo chuyên mục</th><th scope="col">Theo thể loại</th></tr></thead>
<tbody>{{$cfg := .Cfg}}{{range .R.Authors}}<tr><th scope="row">{{.Name}}</th><td class="n">{{.Publications}}</td><td class="n">{{.Revisions}}</td><td>{{cat $cfg .ByCategory}}</td><td>{{kind .ByKind}}</td></tr>{{end}}</tbody>
</table>
<h2>Thời hạn duyệt</h2>
{{if .R.Reviewed}}
<p>{{.R.PullRequests}} pull request đã hợp nhất trong kỳ.</p>
{{with .Compliance}}{{template "chart" .}}{{end}}
<table><caption>Thời gian xử lý và tỷ lệ đúng hạn</caption>
<thead><tr><th scope="col">Người</th><th scope="col">Việc</th><th scope="col">Số lần</th><th scope="col">Đúng hạn</th><th scope="col">Trung vị (giờ)</th></tr></thead>
<tbody>{{range .R.Reviewers}}<tr><th scope="row">{{.Name}}</th><td>{{stage .Stage}}</td><td class="n">{{.Count}}</td><td class="n">{{.Met}} ({{pct .Share}})</td><td class="n">{{f1 .MedianHours}}</td></tr>{{end}}</tbody>
</table>
{{else}}<p>Không có số liệu thời hạn duyệt: chạy lệnh với GITHUB_TOKEN để đọc các pull request đã hợp nhất.</p>{{end}}
{{with .R.Compliance}}<h2>Yêu cầu của pháp luật đối với Trang</h2>
<table><caption>Yêu cầu, căn cứ và trạng thái ngày {{dmy $.R.ComplianceDate}}</caption>
<thead><tr><th scope="col">Yêu cầu</th><th scope="col">Căn cứ</th><th scope="col">Trạng thái</th></tr></thead>
<tbody>{{range .}}<tr><th scope="row">{{.Name}}</th><td>{{.Basis}}</td><td>{{status .}}</td></tr>{{end}}</tbody>
</table>{{end}}
</body>
</html>
{{define "chart"}}<figure>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}" role="img" aria-labelledby="t-{{.ID}} d-{{.ID}}">
<title id="t-{{.ID}}">{{.Title}}</title><desc id="d-{{.ID}}">{{.Desc}}</desc>
{{range .Bars}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{.Fill}}"><title>{{.Tip}}</title></rect>
{{end}}{{range .Labels}}<text x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anchor}}" dominant-baseline="middle">{{.Text}}</text>
{{end}}</svg>
<figcaption>{{.Title}}</figcaption>
{{with .Legend}}<ul class="legend">{{range .}}<li><span style="background:{{.Color}}"></span>{{.Name}}</li>{{end}}</ul>{{end}}
</figure>{{end}}`))

// WriteReportHTML writes the report as one HTML page with inline SVG charts: no scripts, no
// external files, printable.
func WriteReportHTML(w io.Writer, cfg *config.Config, r *Report) error {
	data := struct {
		Cfg        *config.Config
		R          *Report
		Months     *chart
		Compliance *chart
	}{Cfg: cfg, R: r}
	m := monthChart(r)
	data.Months = &m
	if r.Reviewed && len(r.Reviewers) > 0 {
		c := complianceChart(r)
		data.Compliance = &c
	}
	return reportTmpl.Execute(w, data)
}
