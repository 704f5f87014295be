package i18n

// viCLI translates into Vietnamese what the commands print: --help, flags, usage errors, summaries, the scaffold of bbtgen new.
var viCLI = map[string]string{
	"warning": "cảnh báo",

	// cobra's help: headings, the help command, the usage and version lines (root.go)
	"Usage:":                                "Cách dùng:",
	"Aliases:":                              "Tên gọi khác:",
	"Examples:":                             "Ví dụ:",
	"Available Commands:":                   "Các lệnh:",
	"Additional Commands:":                  "Các lệnh khác:",
	"Global Flags:":                         "Tùy chọn chung:",
	"Flags:":                                "Tùy chọn:",
	"Additional help topics:":               "Chủ đề trợ giúp khác:",
	"[command]":                             "[lệnh]",
	"[flags]":                               "[tùy chọn]",
	"default":                               "mặc định",
	"for more information about a command.": "để xem hướng dẫn chi tiết của một lệnh.",
	"Use \"%s\" for more information about a command.": "Gõ \"%s\" để xem hướng dẫn chi tiết của một lệnh.",
	"help for %s":            "xem hướng dẫn của %s",
	"version for %s":         "xem phiên bản của %s",
	"%s version %s":          "%s phiên bản %s",
	"Help about any command": "Xem hướng dẫn của bất kỳ lệnh nào",
	`Help provides help for any command in the application.
Simply type %s help [path to command] for full details.`: `Lệnh help cho xem hướng dẫn của bất kỳ lệnh nào trong chương trình.
Gõ %s help [lệnh] để xem hướng dẫn đầy đủ của lệnh đó.`,
	"run '%s --help' for usage":                                               "gõ '%s --help' để xem cách dùng",
	"%s takes %d argument(s): %s":                                             "%s cần đúng %d tham số: %s",
	"%s takes no arguments (got %q)":                                          "%s không nhận tham số nào (đã gõ thêm %q)",
	"BBTGEN_NOW=%q is not an RFC 3339 time such as 2026-11-25T10:00:00+07:00": "BBTGEN_NOW=%q không phải thời điểm theo RFC 3339, chẳng hạn 2026-11-25T10:00:00+07:00",

	// the programs (cmd/bbtgen, root.go)
	"Git-based editorial review and publishing for a department website": "Biên tập, duyệt và đăng tin, bài qua Git cho trang thông tin điện tử của Sở",
	`bbtgen checks, builds and publishes the website of the Editorial Board (Ban Biên tập):
articles are Markdown files in Git, and a pull request is merged only when the approver of
its category has approved it.`: `bbtgen kiểm tra, dựng và đăng trang thông tin điện tử do Ban Biên tập quản lý: mỗi tin,
bài là một tệp Markdown lưu trong Git, và một yêu cầu hợp nhất (pull request) chỉ được hợp
nhất khi người duyệt của chuyên mục đã duyệt.`,
	"The review commands of bbtgen, without the site builder": "Các lệnh duyệt bài của bbtgen, không kèm bộ dựng trang",
	`bbtgen-review runs the checks and the review policy of the Editorial Board (Ban Biên tập):
bbtgen check, policy, codeowners, review gate|queue|remind, audit and setup github, exactly
as bbtgen does. It does not build the site; use bbtgen for that.`: `bbtgen-review chạy các bước kiểm tra và quy trình duyệt bài của Ban Biên tập: bbtgen check,
policy, codeowners, review gate|queue|remind, audit và setup github, đúng như bbtgen.
Chương trình này không dựng trang; muốn dựng trang, hãy dùng bbtgen.`,

	// bbtgen check (check.go)
	"Validate config.yaml and every article": "Kiểm tra config.yaml và mọi tin, bài",
	`Validate config.yaml and every article, printing every problem as file:line:column.
Exit 0 when the site is clean (warnings allowed), 1 when there are problems, 2 on usage errors.`: `Kiểm tra config.yaml và mọi tin, bài, ghi từng lỗi theo dạng tệp:dòng:cột.
Mã thoát 0 khi trang không có lỗi (có thể có cảnh báo), 1 khi có lỗi, 2 khi dùng lệnh sai cách.`,
	"the site folder (holding config.yaml)": "thư mục của trang (chứa config.yaml)",
	"output format: text, json, or github (workflow commands: annotations on the pull request's lines)":          "định dạng kết quả: text, json hoặc github (ghi chú hiện ngay trên các dòng của yêu cầu hợp nhất)",
	"rewrite config.yaml and articles in Unicode NFC first":                                                      "trước hết, ghi lại config.yaml và các bài theo chuẩn Unicode NFC",
	"also the warnings only the secretariat can act on (the holiday calendar, required sections empty or stale)": "hiện cả các cảnh báo chỉ Tổ Thư ký xử lý được (lịch nghỉ lễ, các mục bắt buộc còn trống hoặc đã cũ)",
	"unknown --format %q (use %s)":       "không có định dạng --format %q (hãy dùng %s)",
	"%s or %s":                           "%s hoặc %s",
	"rewrote %d file(s) in NFC":          "đã ghi lại %d tệp theo chuẩn Unicode NFC",
	", %d warning(s)":                    ", %d cảnh báo",
	"check: %d file(s) OK%s":             "check: %d tệp, không có lỗi%s",
	"check: %d error(s)%s in %d file(s)": "check: %d lỗi%s trong %d tệp",

	// bbtgen new and the scaffold it writes (new.go)
	"Scaffold a draft article with a Vietnamese slug": "Tạo bản nháp một bài mới, với địa chỉ (slug) tiếng Việt không dấu",
	`Create content/CATEGORY/YYYY/slug.md with the front matter the category's kind needs,
today's date, the author (--author, or the author whose GitHub login, name or e-mail
matches your git user) and a new random id, by which the royalty ledger knows the article
when it is moved or restored. The article starts as a draft that passes bbtgen check.`: `Tạo tệp content/CATEGORY/YYYY/slug.md với phần thông tin đầu bài (front matter) mà loại
chuyên mục cần, ngày hôm nay, tác giả (--author, hoặc tác giả có tài khoản GitHub, họ tên
hay e-mail khớp với người dùng git của bạn) và một mã id ngẫu nhiên mới, nhờ đó sổ nhuận bút
nhận ra bài khi bài được chuyển chỗ hay khôi phục. Bài mới là bản nháp, qua được bbtgen check.`,
	"author id from config.yaml (default: from your git user)":                                                     "mã tác giả trong config.yaml (mặc định: theo người dùng git của bạn)",
	"unit id (default: the author's unit)":                                                                         "mã đơn vị (mặc định: đơn vị của tác giả)",
	"fix config.yaml first (bbtgen check shows every problem)":                                                     "hãy sửa config.yaml trước (bbtgen check liệt kê mọi lỗi)",
	"unknown category %q (categories: %s)":                                                                         "không có chuyên mục %q (có: %s)",
	"the title %q has no letters or digits to make a slug from":                                                    "tiêu đề %q không có chữ hay số nào để tạo địa chỉ (slug)",
	"the title %q would make the file name %s.md, a device name Windows cannot check out; add a word to the title": "tiêu đề %q sẽ cho tên tệp %s.md, trùng tên thiết bị nên Windows không lấy về được; hãy thêm một từ vào tiêu đề",
	"unknown unit %q (units: %s)":                                                                                  "không có đơn vị %q trong danh sách (có: %s)",
	"unknown author %q (authors: %s)":                                                                              "không có tác giả %q trong danh sách (có: %s)",
	"cannot tell who you are from git (user %q <%s>): pass --author ID (authors: %s)":                              "không xác định được bạn là tác giả nào từ git (người dùng %q <%s>): hãy ghi thêm --author và mã tác giả (có: %s)",
	"%s already exists; bbtgen new never overwrites: edit it, or choose another title":                             "%s đã có; bbtgen new không bao giờ ghi đè: hãy sửa tệp đó, hoặc chọn tiêu đề khác",
	"created a draft %s article; fill in the fields, remove \"draft: true\" and open a pull request":               "đã tạo bản nháp một bài thuộc chuyên mục %s; hãy điền các trường thông tin, xóa dòng \"draft: true\" rồi mở yêu cầu hợp nhất (pull request)",
	"the article's identity: keep it when you move or edit it, never copy it":                                      "mã định danh của bài: giữ nguyên khi chuyển chỗ hay sửa bài, không bao giờ chép sang bài khác",
	"sapo: one or two sentences shown in lists":                                                                    "sapo: một, hai câu tóm tắt, hiện trong danh sách bài",
	"abstract (trích yếu)":                                                                                         "trích yếu",
	"reference number (số ký hiệu), e.g. 533/QĐ-SNV":                                                               "số ký hiệu, ví dụ 533/QĐ-SNV",
	"kind of document: Quyết định, Thông báo, Kế hoạch, Công văn…":                                                 "loại văn bản: Quyết định, Thông báo, Kế hoạch, Công văn…",
	"issuing body (cơ quan ban hành)":                                                                              "cơ quan ban hành",
	"date of issue (ngày ban hành), YYYY-MM-DD":                                                                    "ngày ban hành, YYYY-MM-DD",
	"date it takes effect (ngày hiệu lực), YYYY-MM-DD":                                                             "ngày có hiệu lực, YYYY-MM-DD",
	"a name or initials only":                                                                                      "chỉ ghi họ tên hoặc tên viết tắt",
	"date of the answer, YYYY-MM-DD":                                                                               "ngày trả lời, YYYY-MM-DD",
	// the scaffold of an administrative procedure, a draft put out for comments, a disclosure
	"who the procedure is for (đối tượng thực hiện), shown in lists":                                     "đối tượng thực hiện thủ tục, hiện trong danh sách bài",
	"procedure code (mã thủ tục) in the national database: a digit, a dot and six digits, e.g. 1.001612": "mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính: một chữ số, dấu chấm và sáu chữ số, ví dụ 1.001612",
	"how far it can be done online (mức độ); write one of these codes:":                                  "mức độ thực hiện trực tuyến; ghi một trong các mã sau:",
	"field (lĩnh vực), e.g. Thi đua – Khen thưởng; may be left empty":                                    "lĩnh vực, ví dụ Thi đua – Khen thưởng; không bắt buộc, có thể để trống",
	"the address of the procedure's page on the national public-service portal, https://%s/…":            "địa chỉ trang của thủ tục trên Cổng Dịch vụ công quốc gia, https://%s/…",
	`fees and charges (phí, lệ phí), e.g. "Không thu phí"`:                                               `phí, lệ phí, ví dụ "Không thu phí"`,
	`time limit (thời hạn giải quyết), e.g. "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"`:          `thời hạn giải quyết, ví dụ "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"`,
	"the forms (mẫu đơn, tờ khai), if any, e.g. %s":                                                      "mẫu đơn, tờ khai (nếu có), ví dụ %s",
	"what the draft is about, shown in lists":                                                            "nội dung chính của dự thảo, hiện trong danh sách bài",
	"the draft, e.g. %s":                                                                  "tệp dự thảo, ví dụ %s",
	"the first day comments are received, YYYY-MM-DD":                                     "ngày bắt đầu nhận ý kiến góp ý, dạng năm-tháng-ngày YYYY-MM-DD",
	"the last day comments are received, YYYY-MM-DD":                                      "ngày cuối cùng nhận ý kiến góp ý, dạng năm-tháng-ngày YYYY-MM-DD",
	"where and how to send comments: the unit that receives them, e-mail, postal address": "nơi nhận và cách gửi ý kiến góp ý: đơn vị tiếp nhận, thư điện tử, địa chỉ gửi văn bản",
	"what is disclosed, shown in lists":                                                   "nội dung được công khai, hiện trong danh sách bài",
	"the budget or plan year the figures are for, e.g. %d":                                "năm ngân sách hoặc năm kế hoạch của số liệu, ví dụ %d",
	"the kind of disclosure; write one of these codes:":                                   "loại nội dung công khai; ghi một trong các mã sau:",
	"the signed document, e.g. %s":                                                        "văn bản đã ký, ví dụ %s",

	// bbtgen deploy (deploy.go)
	"Publish the built site as one commit on a branch of a Git remote": "Đăng trang đã dựng thành một commit trên một nhánh của kho Git từ xa",
	`Publish the output of bbtgen build as one new commit on a branch (gh-pages by default) of a
Git remote: the history is kept, so any earlier version can be put back with --rollback. A
folder that a successful build did not mark as complete is refused. When the branch already
holds exactly this site, no commit is made. Remotes: https:// (authenticated with
GITHUB_TOKEN), http://, file:// or a local path; by default the origin of the current
repository.

The branch is a record the publishing server relies on, so deploy keeps it true. It never
puts a build over a deployment of a newer source commit (newer by ancestry in the current
repository): it says so and publishes nothing (exit 0); when two deployments race and which
is newer cannot be told, the loser refuses (exit 2). It deploys only to a new branch or one
that bbtgen deployments made (--force replaces another branch, keeping its history), never
to the publishing branch or the checked-out branch of the site's own repository, keeps the
branch's CNAME when the build has none, and refuses a build holding a .git file or folder.
--rollback takes only an earlier deployment of the branch.

Previews (bản xem trước): --path pr-12/ publishes the build as that folder of the branch and
keeps everything else on it (the previews of other pull requests); --remove-path pr-12/
removes the folder as one commit (nothing to do when it is absent). A folder is a plain
relative path of lowercase slugs. A branch holds either a whole site or previews, never both:
a preview is refused on a branch that holds a whole site, and a whole site on a branch of
previews (--force overrides; the site's own source branches stay refused). A new branch of
previews gets a .nojekyll and a robots.txt that disallows everything at its root. Build a
preview with bbtgen build --noindex.`: `Đăng kết quả của bbtgen build thành một commit mới trên một nhánh (mặc định gh-pages) của
một kho Git từ xa: lịch sử được giữ lại, nên có thể đưa bất kỳ phiên bản nào trước đó trở lại
bằng --rollback. Thư mục chưa được một lần dựng thành công đánh dấu là hoàn chỉnh sẽ bị từ
chối. Khi nhánh đã có đúng trang này thì không tạo commit nào. Kho từ xa có thể là https://
(xác thực bằng GITHUB_TOKEN), http://, file:// hoặc một đường dẫn trên máy; mặc định là origin
của kho hiện tại.

Nhánh này là bản ghi mà máy chủ đăng trang dựa vào, nên deploy luôn giữ cho nó đúng. Lệnh
không bao giờ đặt một bản dựng đè lên lần triển khai của một commit nguồn mới hơn (mới hơn
theo quan hệ tổ tiên trong kho hiện tại): lệnh báo điều đó và không đăng gì (mã thoát 0); khi
hai lần triển khai chạy cùng lúc mà không xác định được lần nào mới hơn, lần chậm hơn sẽ từ
chối (mã thoát 2). Lệnh chỉ triển khai lên một nhánh mới hoặc nhánh do các lần triển khai của
bbtgen tạo ra (--force thay thế một nhánh khác, vẫn giữ lịch sử của nhánh đó), không bao giờ
lên nhánh đăng bài hay nhánh đang được lấy ra (checked-out) của chính kho chứa trang; lệnh
giữ tệp CNAME của nhánh khi bản dựng không có, và từ chối bản dựng có tệp hoặc thư mục .git.
--rollback chỉ nhận một lần triển khai trước đó của chính nhánh.

Bản xem trước: --path pr-12/ đăng bản dựng vào thư mục đó của nhánh và giữ nguyên mọi thứ
khác trên nhánh (bản xem trước của các yêu cầu hợp nhất khác); --remove-path pr-12/ xóa thư
mục đó bằng một commit (không làm gì nếu thư mục không có). Thư mục là một đường dẫn tương
đối đơn giản gồm các địa chỉ (slug) viết thường. Một nhánh chỉ chứa hoặc cả trang, hoặc các
bản xem trước, không bao giờ cả hai: bản xem trước bị từ chối trên nhánh chứa cả trang, và cả
trang bị từ chối trên nhánh chứa các bản xem trước (--force cho phép làm khác đi; các nhánh mã
nguồn của chính trang vẫn bị từ chối). Nhánh bản xem trước mới được thêm tệp .nojekyll và tệp
robots.txt chặn mọi thứ ở thư mục gốc. Dựng bản xem trước bằng bbtgen build --noindex.`,
	"the built site": "thư mục trang đã dựng",
	"the Git remote (default: the origin of the current repository)":                                                 "kho Git từ xa (mặc định: origin của kho hiện tại)",
	"the branch that holds the published site":                                                                       "nhánh chứa trang đã đăng",
	"a line to add to the commit message":                                                                            "một dòng thêm vào nội dung commit",
	"republish the site of this earlier deployment of the branch":                                                    "đăng lại trang của lần triển khai trước đó này trên nhánh",
	"deploy to a branch that is not a bbtgen deployment branch (its files are replaced), or over a newer deployment": "triển khai lên một nhánh không phải nhánh triển khai của bbtgen (các tệp trên đó bị thay thế), hoặc đè lên một lần triển khai mới hơn",
	"publish the build as this folder of the branch (a preview, e.g. pr-12/), keeping the rest of the branch":        "đăng bản dựng vào thư mục này của nhánh (một bản xem trước, ví dụ pr-12/), giữ nguyên phần còn lại của nhánh",
	"remove this preview folder from the branch (e.g. pr-12/)":                                                       "xóa thư mục bản xem trước này khỏi nhánh (ví dụ pr-12/)",
	"--remote URL is required (this folder has no Git remote named origin)":                                          "cần ghi --remote URL (thư mục này không có kho Git từ xa tên origin)",
	"folder %s of %s": "thư mục %s của nhánh %s",
	"nothing to remove: %s holds no preview %s":                            "không có gì để xóa: nhánh %s không có bản xem trước %s",
	"removed preview %s from %s as commit %s":                              "đã xóa bản xem trước %s khỏi nhánh %s bằng commit %s",
	"a newer deployment is online (source %s, ours %s); nothing published": "một lần triển khai mới hơn đang trực tuyến (nguồn %s, lần này %s); không đăng gì",
	"unchanged: %s already holds this site at %s; no commit made":          "không thay đổi: %s đã có đúng trang này ở commit %s; không tạo commit mới",
	"rolled back %s to the site of %s as new commit %s":                    "đã đưa nhánh %s về trang của %s bằng commit mới %s",
	"a folder outside Git":                                                 "một thư mục ngoài Git",
	"source commit %s":                                                     "commit nguồn %s",
	"published %d files (%s) as commit %s on %s":                           "đã đăng %d tệp (%s) thành commit %s trên %s",

	// bbtgen report (report.go)
	"Contributions per author and unit, review latency and deadlines met": "Số tin, bài theo tác giả và đơn vị, thời gian duyệt và tỷ lệ đúng hạn",
	`Count, per author and per unit, the articles published and revised between two dates (from
the Git history of the publishing branch), by category and genre. With GITHUB_TOKEN it also
reads the pull requests merged in the period and reports, per board member, how long
verification and approval took and the share of deadlines met (working days, config.yaml).
It ends with what the law requires of the site (config.yaml's compliance list) and whether the
working tree meets it today. --format html makes one page with inline SVG charts, no scripts.`: `Đếm, theo từng tác giả và từng đơn vị, số tin, bài được đăng và được sửa giữa hai ngày (theo
lịch sử Git của nhánh đăng bài), chia theo chuyên mục và thể loại. Khi có GITHUB_TOKEN, lệnh
còn đọc các yêu cầu hợp nhất (pull request) đã hợp nhất trong kỳ và báo cáo, theo từng thành
viên Ban Biên tập, thời gian xác thực và duyệt cùng tỷ lệ đúng hạn (tính theo ngày làm việc,
config.yaml). Cuối báo cáo là các yêu cầu của pháp luật đối với trang (danh sách compliance
trong config.yaml) và trang hiện nay đã đáp ứng hay chưa. --format html tạo một trang duy
nhất có biểu đồ SVG, không có mã script.`,
	"the site folder, in its Git repository":                    "thư mục của trang, nằm trong kho Git của trang",
	"first day, YYYY-MM-DD":                                     "ngày đầu, YYYY-MM-DD",
	"last day, YYYY-MM-DD":                                      "ngày cuối, YYYY-MM-DD",
	"output format: md, json or html":                           "định dạng kết quả: md, json hoặc html",
	"the publishing branch (default: review.publishing_branch)": "nhánh đăng bài (mặc định: review.publishing_branch)",
	"--from: %v":                  "--from: %v",
	"--to: %v":                    "--to: %v",
	"--to %s is before --from %s": "ngày --to %s ở trước ngày --from %s",
	"read %d merged pull request(s) with %d GitHub request(s)":                               "đã đọc %d yêu cầu hợp nhất đã hợp nhất, qua %d lượt truy vấn GitHub",
	"GITHUB_TOKEN is not set: the report leaves out review times":                            "chưa đặt GITHUB_TOKEN: báo cáo bỏ qua phần thời gian duyệt",
	"the site does not pass bbtgen check: the report leaves out what the law requires of it": "trang chưa qua được bbtgen check: báo cáo bỏ qua phần các yêu cầu của pháp luật đối với trang",

	// bbtgen royalty (royalty.go)
	"The royalty (nhuận bút) ledger of what was published in a month, from Git history": "Bảng kê nhuận bút các tin, bài đã đăng trong một tháng, lập từ lịch sử Git",
	`Read the first-parent history of the publishing branch and list, for every article first
published in the month, one line per author: date, title, category, genre, coefficient, share
and amount, with the rate table in force on the publication date; then the totals per author
and per unit. Each commit is read with its own config.yaml, so a later config.yaml never
changes a past month. An article is paid once: moved, restored or moved with an edit, it is
known again by its id (front matter id:) or its text. CSV opens in spreadsheets with
Vietnamese intact, and no cell is read as a formula. The same history always gives the same
bytes.`: `Đọc lịch sử (first-parent) của nhánh đăng bài và liệt kê, với mỗi tin, bài đăng lần đầu
trong tháng, một dòng cho mỗi tác giả: ngày, tiêu đề, chuyên mục, thể loại, hệ số, phần chia
và số tiền, theo bảng mức nhuận bút có hiệu lực vào ngày đăng; sau đó là tổng cộng theo từng
tác giả và từng đơn vị. Mỗi commit được đọc cùng config.yaml của chính commit đó, nên một
config.yaml về sau không bao giờ làm thay đổi một tháng đã qua. Mỗi bài chỉ được trả nhuận bút
một lần: dù được chuyển chỗ, khôi phục hay vừa chuyển vừa sửa, bài vẫn được nhận ra nhờ mã id
(id: trong front matter) hoặc nội dung. Tệp CSV mở được bằng phần mềm bảng tính, giữ nguyên
tiếng Việt, và không ô nào bị hiểu là công thức. Cùng một lịch sử luôn cho ra đúng cùng một
kết quả, đến từng byte.`,
	"the month, YYYY-MM":                                     "tháng, YYYY-MM",
	"output format: csv, md or json":                         "định dạng kết quả: csv, md hoặc json",
	"only the lines of this unit (id from config.yaml)":      "chỉ các dòng của đơn vị này (mã trong config.yaml)",
	"--month %q is not a month: write YYYY-MM, e.g. 2026-11": "--month %q không phải là một tháng: hãy ghi YYYY-MM, ví dụ 2026-11",
	"unknown unit %q (units: %v)":                            "không có đơn vị %q trong danh sách (có: %v)",
	"reading the history of %s: %d/%d commits":               "đang đọc lịch sử của nhánh %s: %d/%d commit",

	// bbtgen audit (audit.go)
	"List every change that reached the publishing branch without a valid approval": "Liệt kê mọi thay đổi đã vào nhánh đăng bài mà không được duyệt hợp lệ",
	`Walk the first-parent history of the publishing branch and, for every commit, find the pull
request that brought it and judge it again with the review policy before it: config.yaml of
the branch just before the pull request's first commit, the reviews submitted before the
merge, approvals of the merged head only, no self-approval, pages inside their category. It
also checks that what reached the branch is what was approved (every file a merge, squash or
rebase changed equals the approved head's). Direct pushes, merges without approval, stale
approvals, extra files in a merge and an invalid config.yaml are listed; exit 1 when there is
any.

The range goes by position on the first-parent history, never by commit date: after
audit.since of config.yaml, or after --from SHA, or from the first commit of --since DATE
(commits backdated after a newer one are audited and reported).

It also reports, per pull request, approval → merge → deployment (GitHub deployments to
--environment) and flags those not published on the working day they were approved.`: `Đi qua lịch sử (first-parent) của nhánh đăng bài và, với mỗi commit, tìm yêu cầu hợp nhất
(pull request) đã đưa commit đó vào rồi xét lại theo quy trình duyệt bài có hiệu lực trước đó:
config.yaml của nhánh ngay trước commit đầu tiên của yêu cầu, các lượt xem xét gửi trước khi
hợp nhất, chỉ tính lượt duyệt cho đúng phiên bản được hợp nhất, không tự duyệt bài của mình,
các trang nằm trong chuyên mục của chúng. Lệnh cũng kiểm tra rằng những gì vào nhánh đúng là
những gì đã được duyệt (mọi tệp mà một lần merge, squash hay rebase thay đổi đều giống với
phiên bản đã duyệt). Các lần đẩy (push) thẳng lên nhánh, các lần hợp nhất không được duyệt,
lượt duyệt đã cũ, tệp thừa trong một lần hợp nhất và config.yaml không hợp lệ đều được liệt
kê; mã thoát 1 khi có bất kỳ trường hợp nào.

Phạm vi rà soát tính theo vị trí trong lịch sử first-parent, không bao giờ theo ngày của
commit: sau audit.since trong config.yaml, hoặc sau --from SHA, hoặc từ commit đầu tiên của
--since NGÀY (các commit ghi lùi ngày sau một commit mới hơn vẫn được rà soát và báo cáo).

Lệnh còn báo cáo, theo từng yêu cầu hợp nhất, các mốc duyệt → hợp nhất → triển khai (các lần
triển khai GitHub lên --environment) và đánh dấu những yêu cầu không được đăng ngay trong
ngày làm việc được duyệt.`,
	"the site folder, in the repository to audit":                                 "thư mục của trang, trong kho cần rà soát",
	"start at the first commit of this date (YYYY-MM-DD), by position":            "bắt đầu từ commit đầu tiên của ngày này (YYYY-MM-DD), theo vị trí trong lịch sử",
	"start after this commit of the branch (default: audit.since of config.yaml)": "bắt đầu sau commit này của nhánh (mặc định: audit.since trong config.yaml)",
	"the deployment environment to time publication by (\"\" to skip)":            "môi trường triển khai dùng để tính thời điểm đăng (\"\" để bỏ qua)",
	"output format: text or json":                                                 "định dạng kết quả: text hoặc json",
	"--since: %v":                                                                 "--since: %v",
	"the repository has no branch %s (fetch it first)":                            "kho không có nhánh %s (hãy tải nhánh về trước bằng git fetch)",
	"audited %d commit(s) of %s: %d violation(s); %d GitHub request(s)":           "đã rà soát %d commit của nhánh %s: %d vi phạm; %d lượt truy vấn GitHub",
	"the first commit": "commit đầu tiên",
	"commit %s":        "commit %s",
	"Every change on %s after %s went through an approved pull request, as approved.": "Mọi thay đổi trên nhánh %s sau %s đều qua một yêu cầu hợp nhất đã được duyệt, đúng như bản đã duyệt.",
	"%d change(s) reached %s without a valid approval:":                               "%d thay đổi đã vào nhánh %s mà không được duyệt hợp lệ:",
	"no pull request":  "không qua yêu cầu hợp nhất",
	"pull request #%d": "yêu cầu hợp nhất #%d",
	"Publication times (approved → merged → online):": "Thời gian đăng (duyệt → hợp nhất → trực tuyến):",
	"not approved":  "chưa duyệt",
	"no deployment": "chưa triển khai",
	"%d of %d pull request(s) were not online on the working day of their approval.": "%d trong %d yêu cầu hợp nhất chưa trực tuyến trong ngày làm việc được duyệt.",
	"Median time from the last approval to online: %s.":                              "Thời gian trung vị từ lần duyệt cuối đến khi trực tuyến: %s.",

	// bbtgen cms (cms.go)
	"Write the configuration of the CMS at /quan-tri/ from config.yaml (--check: fail if it is stale)": "Ghi cấu hình của trang quản trị (CMS) tại /quan-tri/ từ config.yaml (--check: báo lỗi nếu đã cũ)",
	`Write %s, the configuration of the Git CMS (Decap CMS) that the site
serves at /quan-tri/: one collection per category with the fields its kind needs, authors and
units as choices, Vietnamese labels and hints, media under static/media/<category>/<year>/,
and the editorial workflow, so that every save is a pull request.

The GitHub repository and the sign-in proxy are not in config.yaml: give them once with
--repo (default: GITHUB_REPOSITORY, else the origin remote) and --auth-url; later runs keep
those of the committed file. --check exits 1 with a diff when the file is stale.`: `Ghi %s, cấu hình của trang quản trị Git CMS (Decap CMS) mà trang phục vụ tại
/quan-tri/: mỗi chuyên mục một bộ sưu tập với các trường mà loại chuyên mục cần, tác giả và
đơn vị để chọn trong danh sách, nhãn và hướng dẫn bằng tiếng Việt, ảnh và tệp đính kèm trong
static/media/<chuyên-mục>/<năm>/, và quy trình biên tập, để mỗi lần lưu là một yêu cầu hợp
nhất (pull request).

Kho GitHub và máy chủ trung gian đăng nhập không nằm trong config.yaml: hãy ghi một lần bằng
--repo (mặc định: GITHUB_REPOSITORY, nếu không có thì lấy từ remote origin) và --auth-url; các
lần chạy sau giữ nguyên giá trị trong tệp đã commit. --check thoát với mã 1 và in phần khác
biệt khi tệp đã cũ.`,
	"do not write; exit 1 with a diff when the committed file is stale":                  "không ghi; thoát với mã 1 và in phần khác biệt khi tệp đã commit đã cũ",
	"the GitHub repository OWNER/NAME the CMS writes to":                                 "kho GitHub OWNER/NAME mà CMS ghi vào",
	"the https:// address of the OAuth proxy that signs people in with GitHub":           "địa chỉ https:// của máy chủ trung gian OAuth cho người dùng đăng nhập bằng GitHub",
	"the proxy's sign-in path (default auth)":                                            "đường dẫn đăng nhập của máy chủ trung gian (mặc định auth)",
	"the GitHub API root, for GitHub Enterprise (https://HOST/api/v3)":                   "địa chỉ gốc của API GitHub, cho GitHub Enterprise (https://HOST/api/v3)",
	"note: category %s (kind %s) has no form in the CMS yet; its authors use bbtgen new": "lưu ý: chuyên mục %s (loại %s) chưa có biểu mẫu trong CMS; tác giả của chuyên mục này dùng bbtgen new",
	"%s is up to date": "%s đã khớp với config.yaml, không cần thay đổi",
	"%s is stale: run bbtgen cms and commit the result":                                "%s đã cũ: hãy chạy bbtgen cms rồi commit kết quả",
	"wrote %s (repository %s); commit it: a change to it is approved like config.yaml": "đã ghi %s (kho %s); hãy commit tệp này: thay đổi tệp này được duyệt như thay đổi config.yaml",

	// bbtgen setup github and the flag of the GitHub commands (setup.go, github.go)
	"Configure the hosting of the review process":                          "Cấu hình nơi lưu trữ (GitHub) cho quy trình duyệt bài",
	"Apply the branch protection the review policy needs, through the API": "Áp dụng chế độ bảo vệ nhánh mà quy trình duyệt bài cần, qua API của GitHub",
	`Tighten the protection of the publishing branch (review.publishing_branch of config.yaml) to
what the policy needs, reading what is set first and never loosening it (other required
checks, push restrictions, more approvals, linear history are kept): pull requests
required; a review by the code owners (.github/CODEOWNERS, made by bbtgen codeowners)
required; stale approvals dismissed when commits are pushed; the last push approved by someone
else; the checks "bbtgen check" and "bbtgen review gate" required and up to date; all of it
enforced for administrators; no force pushes or deletion. Then report GitHub's own complaints
about CODEOWNERS (for example an approver without write access, whom GitHub silently ignores).

The token needs administration rights on the repository: the GITHUB_TOKEN of a workflow is
not enough; use a personal or app token of an administrator.`: `Siết chặt chế độ bảo vệ nhánh đăng bài (review.publishing_branch trong config.yaml) theo
đúng yêu cầu của quy trình duyệt bài, đọc trước những gì đã đặt và không bao giờ nới lỏng
(giữ nguyên các bước kiểm tra bắt buộc khác, giới hạn đẩy commit, số lượt duyệt cao hơn, lịch
sử tuyến tính): bắt buộc qua yêu cầu hợp nhất (pull request); bắt buộc người phụ trách (code
owner, theo .github/CODEOWNERS do bbtgen codeowners tạo) xem xét; hủy lượt duyệt cũ khi có
commit mới; lần đẩy commit cuối cùng phải được người khác duyệt; bắt buộc qua các bước kiểm
tra "bbtgen check" và "bbtgen review gate" trên phiên bản mới nhất; áp dụng cả với quản trị
viên; không cho đẩy đè (force push) hay xóa nhánh. Sau đó báo các lỗi mà chính GitHub thấy
trong CODEOWNERS (ví dụ một người duyệt không có quyền ghi, mà GitHub lặng lẽ bỏ qua).

Mã truy cập (token) cần quyền quản trị kho: GITHUB_TOKEN của một quy trình tự động (workflow)
là không đủ; hãy dùng token cá nhân hoặc token ứng dụng của một quản trị viên.`,
	"print the protection request instead of sending it":                                                                                             "in yêu cầu bảo vệ ra thay vì gửi đi",
	"would protect branch %s with at least (with GITHUB_TOKEN set, the current protection is read and only tightened):":                              "sẽ bảo vệ nhánh %s ít nhất như sau (khi có GITHUB_TOKEN, chế độ bảo vệ hiện có được đọc trước và chỉ được siết chặt thêm):",
	"would tighten the protection of %s of %s:":                                                                                                      "sẽ siết chặt chế độ bảo vệ nhánh %s của kho %s:",
	"protected %s of %s: pull requests, code-owner review, stale approvals dismissed, checks %q required; nothing stricter that was set is loosened": "đã bảo vệ nhánh %s của kho %s: bắt buộc qua yêu cầu hợp nhất, người phụ trách (code owner) xem xét, hủy lượt duyệt cũ, bắt buộc qua các bước kiểm tra %q; không nới lỏng quy định chặt hơn nào đã đặt",
	"(it already was protected so)": "(nhánh đã được bảo vệ như vậy từ trước)",
	"GitHub reports %d problem(s) in CODEOWNERS: those approvers are ignored by GitHub until fixed": "GitHub báo %d lỗi trong CODEOWNERS: GitHub bỏ qua những người duyệt đó cho đến khi sửa xong",
	"OWNER/NAME of the repository (default: $GITHUB_REPOSITORY)":                                    "kho GitHub dạng OWNER/NAME (mặc định: $GITHUB_REPOSITORY)",
	"BBTGEN_RETRY_WAIT=%q is not a duration such as 500ms":                                          "BBTGEN_RETRY_WAIT=%q không phải một khoảng thời gian như 500ms",

	// bbtgen policy and codeowners (policy.go)
	"Print the resolved review policy: areas, paths, approvers, verifiers": "In quy trình duyệt bài đã xác định: các phạm vi, đường dẫn, người duyệt, người xác thực",
	`Print the review policy resolved from config.yaml: every area (each category, governance,
technical), the paths it owns, who approves it within how many working days, and who
verifies it. --format json is a contract for other tools.`: `In quy trình duyệt bài xác định từ config.yaml: mọi phạm vi (từng chuyên mục, quản trị,
kỹ thuật), các đường dẫn thuộc phạm vi đó, ai duyệt và trong bao nhiêu ngày làm việc, ai xác
thực. Kết quả --format json là định dạng cố định cho các công cụ khác dùng.`,
	"config.yaml has problems; bbtgen check lists them all":  "config.yaml có lỗi; bbtgen check liệt kê đầy đủ",
	", and every file no other area claims":                  ", và mọi tệp không thuộc phạm vi nào khác",
	"paths:     %s":                                          "đường dẫn:      %s",
	"approvers: %s (any one suffices)":                       "người duyệt:    %s (chỉ cần một người)",
	"verifiers: @%s (one approving review required as well)": "người xác thực: @%s (cũng cần một người xác thực đồng ý)",
	"verifiers: none":                                        "người xác thực: không có",
	"1 working day":                                          "1 ngày làm việc",
	"%d working days":                                        "%d ngày làm việc",
	"Write .github/CODEOWNERS from config.yaml (--check: fail if it is stale)": "Ghi .github/CODEOWNERS từ config.yaml (--check: báo lỗi nếu tệp đã cũ)",
	"%s is stale: run bbtgen codeowners and commit the result":                 "%s đã cũ: hãy chạy bbtgen codeowners rồi commit kết quả",
	"wrote %s": "đã ghi %s",

	// bbtgen build (sitecmd/build.go)
	"Check the site, then build it with Hugo into public/": "Kiểm tra trang, rồi dựng trang bằng Hugo vào thư mục public/",
	`Run every check of bbtgen check and, only if there is no error, build the site with Hugo
(used as a library: no hugo program is needed) into public/ (or --out). The output folder is
replaced only when the build succeeds.

--noindex builds a site search engines must not index, for a preview: robots.txt disallows
everything and every page carries <meta name="robots" content="noindex, nofollow">.`: `Chạy mọi bước kiểm tra của bbtgen check và, chỉ khi không có lỗi, dựng trang bằng Hugo
(dùng như một thư viện: không cần cài chương trình hugo) vào thư mục public/ (hoặc --out).
Thư mục kết quả chỉ được thay khi dựng thành công.

--noindex dựng một trang mà máy tìm kiếm không được lập chỉ mục, dùng cho bản xem trước:
robots.txt chặn mọi thứ và mọi trang đều có <meta name="robots" content="noindex, nofollow">.`,
	"the output folder (default: public/ in the site folder)":                                                                         "thư mục kết quả (mặc định: public/ trong thư mục của trang)",
	"override site.base_url, e.g. for a preview":                                                                                      "thay site.base_url, ví dụ cho một bản xem trước",
	"tell search engines not to index the site (robots.txt and a robots meta tag in every page), for a preview":                       "yêu cầu máy tìm kiếm không lập chỉ mục trang (bằng robots.txt và thẻ meta robots trên mọi trang), dùng cho bản xem trước",
	"the site has %d problem(s); nothing was built":                                                                                   "trang có %d lỗi; chưa dựng gì",
	"the build was refused: what Hugo would publish differs from what bbtgen checked (%d problem(s)); the previous site is unchanged": "bản dựng bị từ chối: những gì Hugo sẽ đăng khác với những gì bbtgen đã kiểm tra (%d lỗi); trang trước đó vẫn giữ nguyên",
	"built %d pages (%d files) in %ss → %s":                                                                                           "đã dựng %d trang (%d tệp) trong %s giây → %s",

	// bbtgen serve (sitecmd/serve.go)
	"Preview the site on localhost, rebuilding on every change": "Xem trước trang trên máy này (localhost), tự dựng lại sau mỗi thay đổi",
	`Build the site into a temporary folder and serve it on http://localhost:PORT/. Every
change to config.yaml, content/, layouts/, assets/ or static/ runs the checks and rebuilds;
open pages reload by themselves, and when the checks fail the browser shows the problems.

A changed article is checked alone and Hugo renders again only what it changed, so an edit
shows in a second or two even on a large site; a change to config.yaml, the layouts, assets/
or static/ builds everything again. The search index of the preview is made by those full
builds only.`: `Dựng trang vào một thư mục tạm và phục vụ tại http://localhost:CỔNG/. Mỗi thay đổi trong
config.yaml, content/, layouts/, assets/ hoặc static/ đều được kiểm tra và dựng lại; các
trang đang mở tự tải lại, và khi kiểm tra có lỗi thì trình duyệt hiện các lỗi đó.

Một bài thay đổi được kiểm tra riêng và Hugo chỉ dựng lại những gì bài đó làm thay đổi, nên
một chỉnh sửa hiện ra sau một, hai giây kể cả với trang lớn; thay đổi config.yaml, các mẫu
giao diện (layouts), assets/ hoặc static/ sẽ dựng lại toàn bộ. Chỉ mục tìm kiếm của bản xem
trước chỉ được tạo trong những lần dựng lại toàn bộ đó.`,
	"the port to listen on (localhost only)":                                                        "cổng để phục vụ (chỉ trên localhost)",
	"look for changes this often (e.g. 1s) instead of being told by the system, for network drives": "tự kiểm tra thay đổi theo chu kỳ này (ví dụ 1s) thay vì chờ hệ thống báo, dùng cho ổ đĩa mạng",
	"--port %d is not a port number":                                                                "--port %d không phải số cổng hợp lệ",
	"--poll %s is not a duration":                                                                   "--poll %s không phải một khoảng thời gian hợp lệ",
	"cannot listen on port %d: %v (use --port)":                                                     "không mở được cổng %d: %v (hãy dùng --port để chọn cổng khác)",
	"serving %s — press Ctrl+C to stop":                                                             "đang phục vụ %s — nhấn Ctrl+C để dừng",
	"build failed: %v":                                                                              "dựng trang không thành công: %v",
	"rebuilt everything":                                                                            "đã dựng lại toàn bộ",
	"rebuilt %d changed file(s)":                                                                    "đã dựng lại %d tệp thay đổi",
	"%s in %s s (Hugo %s s) at %s":                                                                  "%s trong %s giây (Hugo %s giây) lúc %s",
	"the system cannot report changes (%v); looking at the files every second instead":              "hệ thống không báo được thay đổi (%v); thay vào đó sẽ kiểm tra các tệp mỗi giây",
	"watching for changes: %v":                                                                      "lỗi khi theo dõi thay đổi: %v",
	"bbtgen check found problems; the site was not rebuilt:":                                        "bbtgen check tìm thấy lỗi; trang chưa được dựng lại:",
	"The build failed:":                                                                             "Dựng trang không thành công:",
	"bbtgen: error":                                                                                 "bbtgen: lỗi",
	"The site was not rebuilt":                                                                      "Trang chưa được dựng lại",
	"bbtgen serve answers only to localhost and 127.0.0.1":                                          "bbtgen serve chỉ trả lời các yêu cầu gửi tới localhost và 127.0.0.1",
	"the site is not built yet":                                                                     "trang chưa được dựng xong",
	"not found":                                                                                     "không tìm thấy",

	// internal/forge: what bbtgen setup github changes in the branch protection.
	"the branch was not protected: every rule below is new": "nhánh chưa được bảo vệ: mọi quy tắc dưới đây đều mới",
	"status checks must now be up to date with the branch":  "từ nay các bước kiểm tra phải chạy trên bản mới nhất của nhánh",
	"status checks are now required":                        "từ nay bắt buộc phải qua các bước kiểm tra",
	"required check added: %s":                              "thêm bước kiểm tra bắt buộc: %s",
	"code owners' review":                                   "lượt duyệt của người phụ trách (code owners)",
	"dismissal of stale approvals":                          "hủy các lượt duyệt đã cũ khi có thay đổi mới",
	"approval of the last push by someone else":             "lần đẩy lên cuối cùng phải được người khác duyệt",
	"now required: %s":                                      "từ nay bắt buộc: %s",
	"kept: %d user(s), team(s) or app(s) may bypass pull requests (review that list: the gate cannot stop them)": "giữ nguyên: %d người dùng, nhóm hoặc ứng dụng được bỏ qua yêu cầu hợp nhất (hãy xem lại danh sách này: bước duyệt không chặn được họ)",
	"pull requests with code owners' review are now required":                                                    "từ nay bắt buộc qua yêu cầu hợp nhất có lượt duyệt của người phụ trách (code owners)",
	"now enforced for administrators too":                                                                        "từ nay áp dụng cả với quản trị viên",
	"force pushes are no longer allowed":                                                                         "từ nay không cho phép đẩy đè (force push)",
	"deleting the branch is no longer allowed":                                                                   "từ nay không cho phép xóa nhánh",

	// internal/publish: the progress of bbtgen deploy.
	"%s holds no preview %s; nothing to remove":                             "nhánh %s không có bản xem trước %s; không có gì để gỡ",
	"preview %s now online is of the same source %s; nothing published":     "bản xem trước %s đang trực tuyến đã được dựng từ cùng nguồn %s; không đăng gì thêm",
	"hashing %d files of %s…":                                               "đang tính mã băm của %d tệp trong %s…",
	"the deployment now online is of the same source %s; nothing published": "bản đang trực tuyến đã được dựng từ cùng nguồn %s; không đăng gì thêm",
	"the branch moved while deploying (%s); deciding again on the new tip":  "nhánh đã thay đổi trong lúc đăng (%s); đang xét lại trên commit mới nhất của nhánh",
	"adding %s at the root of the new previews branch %s":                   "thêm %s vào thư mục gốc của nhánh xem trước mới %s",
	"the build":                                 "bản dựng",
	"the version rolled back to":                "phiên bản được khôi phục",
	"keeping the CNAME of %s (%s): %s has none": "giữ tệp CNAME của nhánh %s (%s): %s không có tệp này",
}
