package ledger

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sonoivu-binhdinh/bbtgen/internal/calendar"
	"github.com/sonoivu-binhdinh/bbtgen/internal/config"
)

// KindNames are the Vietnamese names of the royalty genres.
var KindNames = map[config.RoyaltyKind]string{
	config.RoyaltyNews:     "Tin",
	config.RoyaltyArticle:  "Bài viết",
	config.RoyaltyResearch: "Nghiên cứu, trao đổi",
	config.RoyaltyQA:       "Trả lời bạn đọc",
	config.RoyaltyPhoto:    "Ảnh",
	config.RoyaltyLegal:    "Đăng văn bản",
}

func dmy(d calendar.Date) string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }

// csvText neutralises a cell a spreadsheet would read as a formula: one that starts with =, +,
// -, @, a tab or a carriage return (OWASP, "CSV injection") gets a leading single quote, which
// spreadsheets show as text. A title "=HYPERLINK(…)" would otherwise become a live link in the
// payroll's spreadsheet. Only the CSV needs it; Markdown and JSON keep the text as it is.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes the ledger as CSV that spreadsheets open with Vietnamese intact: UTF-8 with
// a byte-order mark, CRLF line ends, amounts as plain integers of đồng, no cell a spreadsheet
// would take for a formula (csvText). Lines first, then the totals per author and per unit,
// then the grand total, then the warnings, one a line.
func WriteCSV(w io.Writer, l *RoyaltyLedger) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rows := [][]string{{"Ngày đăng", "Tiêu đề", "Chuyên mục", "Thể loại", "Hệ số", "Số lượng", "Tỷ lệ", "Tác giả", "Đơn vị", "Giá trị 1 hệ số (đồng)", "Thành tiền (đồng)", "Hạn thanh toán", "Căn cứ", "Tệp", "Commit"}}
	for _, x := range l.Lines {
		coef := x.Coefficient.String()
		if x.Override {
			coef += " (điều chỉnh)"
		}
		rows = append(rows, []string{dmy(x.Date), x.Title, x.CategoryName, KindNames[x.Kind], coef, strconv.Itoa(x.Count),
			shareText(x), x.AuthorName, x.UnitName, strconv.FormatInt(x.UnitValue, 10), strconv.FormatInt(x.Amount, 10),
			dmy(x.PaymentDue), x.Basis, x.Path, x.Commit})
	}
	rows = append(rows, nil, []string{"Tổng theo tác giả", "", "", "", "", "", "", "Tác giả", "", "", "Thành tiền (đồng)"})
	for _, t := range l.Authors {
		rows = append(rows, []string{"", "", "", "", "", strconv.Itoa(t.Lines), "", t.Name, "", "", strconv.FormatInt(t.Amount, 10)})
	}
	rows = append(rows, nil, []string{"Tổng theo đơn vị", "", "", "", "", "", "", "", "Đơn vị", "", "Thành tiền (đồng)"})
	for _, t := range l.Units {
		rows = append(rows, []string{"", "", "", "", "", strconv.Itoa(t.Lines), "", "", t.Name, "", strconv.FormatInt(t.Amount, 10)})
	}
	rows = append(rows, nil, []string{"Tổng cộng tháng " + l.Month, "", "", "", "", strconv.Itoa(len(l.Lines)), "", "", "", "", strconv.FormatInt(l.Total, 10)})
	if len(l.Warnings) > 0 {
		rows = append(rows, nil)
	}
	for _, x := range l.Warnings {
		rows = append(rows, []string{"Cảnh báo", x.Message})
	}
	for _, r := range rows {
		if r == nil {
			r = []string{}
		}
		for i := range r {
			r[i] = csvText(r[i])
		}
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// shareText writes an author's share: "1/2" when the co-authors share equally, "60%" (with a
// decimal comma, "33,5%") when they agreed shares.
func shareText(x Line) string {
	if x.SharePercent == nil {
		return fmt.Sprintf("1/%d", x.Authors)
	}
	return strings.ReplaceAll(x.SharePercent.String(), ".", ",") + "%"
}

// Money writes đồng the Vietnamese way: 1.234.000 đ.
func Money(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String() + " đ"
	}
	return b.String() + " đ"
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// WriteMarkdown writes the ledger as Markdown tables, to paste into a proposal for payment.
func WriteMarkdown(w io.Writer, l *RoyaltyLedger) error {
	fmt.Fprintf(w, "## Bảng kê nhuận bút tháng %s\n\n", l.Month[5:]+"/"+l.Month[:4])
	if len(l.Lines) == 0 {
		fmt.Fprintln(w, "Không có tin, bài được xuất bản trong tháng.")
		return writeWarnings(w, l.Warnings)
	}
	fmt.Fprintln(w, "| Ngày đăng | Tiêu đề | Chuyên mục | Thể loại | Hệ số | SL | Tỷ lệ | Tác giả | Đơn vị | Thành tiền | Hạn thanh toán |")
	fmt.Fprintln(w, "|---|---|---|---|--:|--:|--:|---|---|--:|---|")
	for _, x := range l.Lines {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s |\n", dmy(x.Date), mdCell(x.Title), mdCell(x.CategoryName),
			KindNames[x.Kind], x.Coefficient, x.Count, shareText(x), mdCell(x.AuthorName), mdCell(x.UnitName), Money(x.Amount), dmy(x.PaymentDue))
	}
	fmt.Fprintln(w, "\n### Tổng theo tác giả\n\n| Tác giả | Số tin, bài | Thành tiền |\n|---|--:|--:|")
	for _, t := range l.Authors {
		fmt.Fprintf(w, "| %s | %d | %s |\n", mdCell(t.Name), t.Lines, Money(t.Amount))
	}
	fmt.Fprintln(w, "\n### Tổng theo đơn vị\n\n| Đơn vị | Số tin, bài | Thành tiền |\n|---|--:|--:|")
	for _, t := range l.Units {
		fmt.Fprintf(w, "| %s | %d | %s |\n", mdCell(t.Name), t.Lines, Money(t.Amount))
	}
	if _, err := fmt.Fprintf(w, "\n**Tổng cộng: %s** (%d dòng).\n", Money(l.Total), len(l.Lines)); err != nil {
		return err
	}
	return writeWarnings(w, l.Warnings)
}

func writeWarnings(w io.Writer, warnings []Warning) error {
	if len(warnings) == 0 {
		return nil
	}
	fmt.Fprint(w, "\n### Cảnh báo\n\n")
	for _, x := range warnings {
		if _, err := fmt.Fprintf(w, "- %s\n", x.Message); err != nil {
			return err
		}
	}
	return nil
}
