// bbtgen-cms.js — what bbtgen adds to Decap CMS on /quan-tri/. It runs before decap-cms.js
// (so that Decap waits for CMS.init) and, once the page has loaded:
//
//  * names a new article exactly as `bbtgen new` does: the slug is made from the title by the
//    algorithm of Go's vntext.Slug (diacritics removed, đ → d, lowercase ASCII letters and digits
//    joined by single hyphens, at most 80 characters cut at a hyphen) and written to the `slug`
//    field, from which the collection's path makes content/<category>/<year>/<slug>.md; Decap's
//    own slugify keeps dots, underscores and capitals and does not cut;
//  * writes the article's `id` (bbt- and 16 random hexadecimal digits) on its first save;
//  * writes `date` and `publish_at` in Vietnam's time zone (+07:00) whatever the browser's zone;
//  * leaves out the optional fields left empty (Decap writes "" for them, which is not a date);
//  * completes Decap's Vietnamese translation where it lacks phrases;
//  * on this computer only (localhost), opens the CMS on its in-memory backend (test-repo)
//    with ?backend=test-repo, for tests and for trying it out; nothing is saved anywhere then.
//
// internal/site/cmsbrowser_test.go runs slug() against vntext.Slug on the same titles.
(function () {
  'use strict';

  window.CMS_MANUAL_INIT = true;

  var MAX_SLUG = 80; // vntext.MaxSlugLen

  // fold is vntext.Fold: NFD, drop combining marks (Mn), đ/Đ → d, lowercase.
  function fold(s) {
    var out = '';
    var chars = Array.from(String(s).normalize('NFD'));
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (/\p{Mn}/u.test(c)) continue;
      if (c === 'đ' || c === 'Đ') { out += 'd'; continue; }
      out += c.toLowerCase();
    }
    return out;
  }

  // slug is vntext.Slug.
  function slug(title) {
    var b = '';
    var pending = false;
    var chars = Array.from(fold(title));
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (pending && b.length > 0) b += '-';
        pending = false;
        b += c;
        continue;
      }
      pending = true;
    }
    if (b.length > MAX_SLUG) {
      b = b.slice(0, MAX_SLUG);
      var cut = b.lastIndexOf('-');
      if (cut > 0) b = b.slice(0, cut);
    }
    return b;
  }

  // reserved is vntext.IsReservedName for a slug: a device name Windows refuses.
  function reserved(s) {
    return /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(s);
  }

  function newID() {
    var b = new Uint8Array(8);
    window.crypto.getRandomValues(b);
    return 'bbt-' + Array.from(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  function pad(n) { return ('0' + n).slice(-2); }

  // vnTime writes a moment in Vietnam's time zone: 2026-11-26T09:00:00+07:00. A value already in
  // +07:00, or a date alone (which bbtgen reads as the start of that day in Vietnam), is kept
  // as it is; a value that is not a time is kept too, for bbtgen check to explain.
  function vnTime(v) {
    if (v === null || v === undefined || v === '') return v;
    if (typeof v === 'string') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/.test(v)) return v;
    }
    var d = v instanceof Date ? v : new Date(String(v));
    if (isNaN(d.getTime())) return v;
    var t = new Date(d.getTime() + 7 * 3600 * 1000);
    return t.getUTCFullYear() + '-' + pad(t.getUTCMonth() + 1) + '-' + pad(t.getUTCDate()) +
      'T' + pad(t.getUTCHours()) + ':' + pad(t.getUTCMinutes()) + ':' + pad(t.getUTCSeconds()) + '+07:00';
  }

  function empty(v) {
    return v === '' || v === null || v === undefined ||
      (v && typeof v.size === 'number' && v.size === 0 && typeof v.get === 'function');
  }

  // preSave runs before Decap names the file of a new entry and serialises it.
  function preSave(ev) {
    var entry = ev.entry;
    var data = entry.get('data');
    if (entry.get('newRecord')) {
      var s = slug(data.get('title') || '');
      if (!s) {
        throw new Error('Tiêu đề phải có ít nhất một chữ cái hoặc chữ số để làm địa chỉ của bài.');
      }
      if (reserved(s)) {
        throw new Error('Tiêu đề "' + data.get('title') + '" tạo ra tên tệp ' + s + '.md mà Windows không dùng được; thêm một từ vào tiêu đề.');
      }
      data = data.set('slug', s);
      if (!/^bbt-[0-9a-f]{16}$/.test(data.get('id') || '')) data = data.set('id', newID());
    }
    ['date', 'publish_at'].forEach(function (k) {
      if (data.has(k)) data = data.set(k, vnTime(data.get(k)));
    });
    data.keySeq().toArray().forEach(function (k) {
      if (k !== 'body' && empty(data.get(k))) data = data.delete(k);
    });
    if (data.has('images') && typeof data.get('images').map === 'function') {
      data = data.set('images', data.get('images').map(function (img) {
        return img && typeof img.get === 'function' && empty(img.get('credit')) ? img.delete('credit') : img;
      }));
    }
    return data;
  }

  // Phrases Decap 3.16's Vietnamese translation lacks (it falls back to English for them).
  var viExtra = {
    auth: { loginWithAzure: 'Đăng nhập bằng Azure', loginWithForgejo: 'Đăng nhập bằng Forgejo' },
    collection: {
      collectionTop: { groupBy: 'Nhóm theo' },
      groups: { other: 'Khác', negateLabel: 'Không %{label}' },
    },
    editor: {
      editorControlPane: { i18n: {
        writingInLocale: 'Đang viết bằng: %{locale}',
        copyFromLocale: 'Chép từ ngôn ngữ khác',
        copyFromLocaleConfirm: 'Chép nội dung từ %{locale}?\nNội dung hiện có sẽ bị thay thế.',
      } },
      editorInterface: { toggleI18n: 'Bản dịch', togglePreview: 'Xem trước', toggleScrollSync: 'Cuộn cùng lúc' },
      editorToolbar: {
        statusInfoTooltipDraft: 'Bài đang là bản nháp. Viết xong, chọn trạng thái "Đang xét duyệt" để gửi người duyệt.',
        statusInfoTooltipInReview: 'Bài đang chờ duyệt; bạn vẫn có thể sửa tiếp trong lúc chờ.',
      },
      editorWidgets: {
        markdown: {
          bold: 'Đậm', italic: 'Nghiêng', code: 'Mã', link: 'Liên kết', linkPrompt: 'Nhập địa chỉ liên kết',
          headings: 'Tiêu đề mục', quote: 'Trích dẫn', bulletedList: 'Danh sách gạch đầu dòng',
          numberedList: 'Danh sách đánh số', addComponent: 'Thêm thành phần',
        },
        image: { chooseUrl: 'Thêm từ địa chỉ', replaceUrl: 'Thay bằng địa chỉ', promptUrl: 'Nhập địa chỉ ảnh' },
        file: { chooseUrl: 'Thêm từ địa chỉ', replaceUrl: 'Thay bằng địa chỉ', promptUrl: 'Nhập địa chỉ tệp' },
        list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
      },
    },
    mediaLibrary: { mediaLibraryCard: {
      copy: 'Sao chép', copyUrl: 'Sao chép địa chỉ', copyPath: 'Sao chép đường dẫn', copyName: 'Sao chép tên', copied: 'Đã sao chép',
    } },
  };

  // Phrases of Decap's Vietnamese translation said in the words of the department: a
  // collection is a category (chuyên mục), an entry an article (bài).
  var viOverride = {
    collection: { sidebar: { collections: 'Chuyên mục', allCollections: 'Tất cả chuyên mục' } },
    editor: { editorToolbar: { status: 'Trạng thái: %{status}' } },
    app: { header: { content: 'Bài viết' } },
  };

  // merge adds extra's phrases to base: where base has none, or everywhere when replace is set.
  function merge(base, extra, replace) {
    var out = {};
    var k;
    for (k in base) if (Object.prototype.hasOwnProperty.call(base, k)) out[k] = base[k];
    for (k in extra) {
      if (!Object.prototype.hasOwnProperty.call(extra, k)) continue;
      if (typeof extra[k] === 'object' && typeof out[k] === 'object') out[k] = merge(out[k], extra[k], replace);
      else if (replace || !(k in out)) out[k] = extra[k];
    }
    return out;
  }

  // After the first save of a new article, Decap (3.16, editorial workflow) moves from the "new"
  // address to the article's own and asks "Bạn có chắc rằng bạn muốn rời khỏi trang này?" although
  // everything is saved. The question is answered yes in the seconds that follow a save; any
  // other time it is asked as usual.
  var savedAt = 0;
  var ask = window.confirm.bind(window);
  window.confirm = function (message) {
    if (Date.now() - savedAt < 3000) return true;
    return ask(message);
  };

  function localhost() {
    var h = window.location.hostname;
    return h === 'localhost' || h === '127.0.0.1' || h === '[::1]' || h === '::1';
  }

  function start() {
    var CMS = window.CMS;
    if (!CMS) {
      document.body.textContent = 'Không tải được Decap CMS (decap-cms.js). Tải lại trang; nếu vẫn lỗi, báo Tổ Thư ký.';
      return;
    }
    CMS.registerLocale('vi', merge(merge(CMS.getLocale('vi') || {}, viExtra, false), viOverride, true));
    CMS.registerEventListener({ name: 'preSave', handler: preSave });
    CMS.registerEventListener({ name: 'postSave', handler: function () { savedAt = Date.now(); } });
    var config = {};
    if (new URLSearchParams(window.location.search).get('backend') === 'test-repo' && localhost()) {
      config = { backend: { name: 'test-repo' } };
      document.title = '[Thử, không lưu] ' + document.title;
    }
    CMS.init({ config: config });
  }

  window.bbtgenCMS = { slug: slug, fold: fold, vnTime: vnTime, newID: newID, preSave: preSave };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
