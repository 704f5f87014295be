/* bbtgen search: Vietnamese search without a server. It reads /tim-kiem/chi-muc.json (made at
   build time) and folds text so that "cai cach" finds "cải cách", "d" finds "đ", and "hoa"
   finds both "hòa" and "hoà"; pages holding the whole phrase come first. Loaded only where a
   search box needs it; without JavaScript the forms still lead to useful pages. */
(function () {
  'use strict';
  var box = document.querySelector('[data-search]');
  if (!box || !window.fetch || !String.prototype.normalize) return;
  var form = box.querySelector('form');
  var input = form.querySelector('input[type=search]');
  var status = box.querySelector('[data-status]');
  var list = box.querySelector('[data-results]');
  var only = box.getAttribute('data-category') || '';
  var indexURL = box.getAttribute('data-index');
  var docs = null, loading = null, timer = 0;

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }
  // words: folded text with every run of other characters turned into one space.
  function words(s) { return ' ' + fold(s).replace(/[^a-z0-9]+/g, ' ').trim() + ' '; }
  function tokens(q) { return fold(q).split(/[^a-z0-9]+/).filter(Boolean); }

  function load() {
    if (!loading) {
      loading = fetch(indexURL).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (idx) {
        docs = idx.d.map(function (d) {
          return { url: d[0], title: d[1], cat: d[2], catName: idx.c[d[2]] || d[2], date: d[3], text: d[4], ft: words(d[1]), fx: words(d[4]) };
        });
      });
    }
    return loading;
  }

  function search(q) {
    var t = tokens(q);
    if (!t.length) return [];
    var phrase = ' ' + t.join(' ');
    var out = [];
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i];
      if (only && d.cat !== only) continue;
      var score = 0, ok = true;
      for (var k = 0; k < t.length; k++) {
        var w = ' ' + t[k];
        var inTitle = d.ft.indexOf(w) >= 0;
        if (!inTitle && d.fx.indexOf(w) < 0) { ok = false; break; }
        score += inTitle ? 3 : 1;
      }
      if (!ok) continue;
      if (t.length > 1) {
        if (d.ft.indexOf(phrase) >= 0) score += 20;
        else if (d.fx.indexOf(phrase) >= 0) score += 10;
      }
      out.push({ d: d, s: score });
    }
    out.sort(function (a, b) { return b.s - a.s || (a.d.date < b.d.date ? 1 : a.d.date > b.d.date ? -1 : 0); });
    return out;
  }

  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }

  // mark wraps, in the original text, every word that starts with a query token.
  function mark(s, t) {
    var f = '', map = [];
    for (var i = 0; i < s.length; i++) {
      var x = fold(s[i]);
      for (var k = 0; k < x.length; k++) { f += x[k]; map.push(i); }
    }
    var on = new Array(s.length + 1);
    t.forEach(function (tok) {
      for (var at = f.indexOf(tok); at >= 0; at = f.indexOf(tok, at + 1)) {
        if (at > 0 && /[a-z0-9]/.test(f[at - 1])) continue;
        for (var j = map[at]; j <= map[at + tok.length - 1]; j++) on[j] = true;
      }
    });
    var html = '', open = false;
    for (var c = 0; c < s.length; c++) {
      if (on[c] && !open) { html += '<mark>'; open = true; }
      if (!on[c] && open) { html += '</mark>'; open = false; }
      html += esc(s[c]);
    }
    return html + (open ? '</mark>' : '');
  }

  // snippet cuts long text around its first match.
  function snippet(s, t) {
    if (s.length <= 200) return s;
    var f = fold(s), at = -1;
    t.forEach(function (tok) { var i = f.indexOf(tok); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var from = Math.max(0, at - 60), to = Math.min(s.length, from + 200);
    from = from > 0 ? s.indexOf(' ', from) + 1 : 0;
    return (from > 0 ? '… ' : '') + s.slice(from, to) + (to < s.length ? ' …' : '');
  }

  function officialDate(iso) {
    var p = iso.split('-'), m = +p[1];
    return 'ngày ' + p[2] + ' tháng ' + (m < 3 ? p[1] : String(m)) + ' năm ' + p[0];
  }

  function show(q) {
    var started = performance.now();
    var t = tokens(q);
    var res = search(q);
    var shown = res.slice(0, 50);
    list.innerHTML = shown.map(function (r) {
      var d = r.d;
      return '<li><h2 class="result-title"><a href="' + esc(d.url) + '">' + mark(d.title, t) + '</a></h2>' +
        '<p class="meta">' + esc(d.catName) + ' · <time datetime="' + d.date + '">' + officialDate(d.date) + '</time></p>' +
        (d.text ? '<p class="snippet">' + mark(snippet(d.text, t), t) + '</p>' : '') + '</li>';
    }).join('');
    status.textContent = !t.length ? '' : res.length === 0 ? 'Không tìm thấy kết quả cho “' + q + '”.' :
      'Tìm thấy ' + res.length + ' kết quả cho “' + q + '”' + (res.length > shown.length ? ', hiển thị ' + shown.length + ' kết quả đầu.' : '.');
    window.__bbtgenSearchMs = performance.now() - started;
  }

  function run(q) {
    load().then(function () { show(q); }, function () {
      status.textContent = 'Không tải được chỉ mục tìm kiếm. Vui lòng thử lại, hoặc xem theo chuyên mục.';
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (history.replaceState && !only) history.replaceState(null, '', '?q=' + encodeURIComponent(q));
    run(q);
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value.trim()); }, 150);
  });
  input.addEventListener('focus', load, { once: true });
  var q = new URLSearchParams(location.search).get('q');
  if (q && !only) { input.value = q; run(q); }
})();
