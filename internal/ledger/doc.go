// Package ledger turns the first-parent history of the publishing branch into the royalty
// (nhuận bút) ledger of a month and the contribution report of a period. The payroll relies on
// the ledger, so it must pay each article once, and a month's ledger must come out the same
// however the site changes afterwards.
//
// Paying once rests on knowing an article again when it comes back, so an article is followed
// as one thing through moves, edits, removals and restorations:
//
//   - by its id (front matter id:, written by bbtgen new and the Git CMS) whenever it has one;
//   - without an id, a file added in the same commit as another is removed is that article
//     moved when the two have the same content, or when their texts are at least 60 % similar;
//   - a file added where an article was removed earlier (same path) with a similar text is that
//     article restored (a git revert, or the file added back later).
//
// An article is published the first time it is on the branch without draft: true; after that
// every appearance is a revision, never a publication, however often it leaves and comes back.
//
// Texts are compared by the Jaccard index of their word pairs (see similarity): the share of
// two-word sequences of the title, summary, question, captions and body the two texts have in
// common. A corrected date or an added sentence leaves an article above 60 %; two different
// news items of the same unit share a few set phrases and stay far below.
//
// Each commit is read with the configuration in force at that commit: its own config.yaml,
// parsed once per blob. A commit whose config.yaml is missing or invalid is read with the last
// valid one before it (or, when there is none, with the working tree's), and the ledger says
// so in a warning. So a category dropped from config.yaml, or renamed, never takes lines out of
// a past month or pays them again in the next.
//
// Glossary: royalty = nhuận bút; publication = xuất bản (đăng lần đầu); revision = sửa đổi;
// unpublication = gỡ bài; category = chuyên mục; unit = đơn vị; author = tác giả;
// rate table = bảng hệ số; coefficient = hệ số; payment due = hạn thanh toán.
package ledger
