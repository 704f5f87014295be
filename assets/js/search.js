/* bbtgen search: Vietnamese full-text search without a server. The index is written at build
   time into /tim-kiem/chi-muc/ (internal/site/search.go says how); a query fetches only the
   shards of its terms and the files of the results it shows, and keeps them for the next
   query. Text is folded so that "cai cach" finds "cải cách", "d" finds "đ" and "hoa" finds
   both "hòa" and "hoà"; two syllables that follow each other are a term of their own, so that
   pages holding the phrase come before pages holding its syllables apart. Without JavaScript
   the forms still lead to the search page and its lists by category. */
(function () {
  'use strict';
  var box = document.querySelector('[data-search]');
  if (!box || !window.fetch || !window.TextEncoder || !String.prototype.normalize) return;
  var MARK, WORD, LETTER, VARIANT;
  try {
    MARK = new RegExp('\\p{Mn}', 'gu');
    WORD = new RegExp('[\\p{L}\\p{N}]+', 'gu');
    LETTER = new RegExp('[\\p{L}\\p{N}]', 'u');
    // Final y after h, k, l, m, s, t, qu is also written i (lý, lí): as spellingVariant in search.go.
    VARIANT = new RegExp('(^|[^\\p{L}\\p{N}])(qu|[hklmst])y(?![\\p{L}\\p{N}])', 'gu');
  } catch (e) { return; }
  // The same characters as joiners in search.go: across them two syllables make a pair.
  var JOIN = ' \t\u00a0/-\u2010\u2011\u2013_+&*';
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var WEIGHT = [0, 1, 3, 4, 10, 11, 13, 14]; // by fields: title 4, summary and metadata 2, text 1
  var PAGE = 10;
  var form = box.querySelector('form'), input = form.querySelector('input[type=search]');
  var status = box.querySelector('[data-status]'), list = box.querySelector('[data-results]');
  var more = box.querySelector('[data-more]');
  var only = box.getAttribute('data-category') || '';
  var metaURL = box.getAttribute('data-index'), base = metaURL.replace(/[^/]*$/, '');
  var meta = null, shards = {}, docs = {}, seq = 0, timer = 0, current = null, folded = {};
  var STALE = new Error('stale'); // a file of another build than meta.json's
  var value = new Int8Array(128);
  for (var i = 0; i < 64; i++) value[DIGITS.charCodeAt(i)] = i;

  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(MARK, '').replace(/đ/g, 'd');
  }
  // spell makes folded text spell syllables as the index does; it keeps the length.
  function spell(f) { return f.replace(VARIANT, '$1$2i'); }
  function foldChar(c) {
    var x = c.charCodeAt(0);
    if (x < 128) return c.toLowerCase();
    return folded[c] !== undefined ? folded[c] : (folded[c] = fold(c));
  }
  // foldMap folds s keeping, for each folded character, the place of its original one.
  function foldMap(s) {
    var f = '', at = [];
    for (var i = 0; i < s.length;) {
      var c = String.fromCodePoint(s.codePointAt(i)), x = foldChar(c);
      for (var k = 0; k < x.length; k++) { f += x[k]; at.push(i); }
      i += c.length;
    }
    at.push(s.length);
    return { f: spell(f), at: at };
  }

  // parse: the query's syllables and the pairs of syllables only joiners separate.
  function parse(q) {
    var f = spell(fold(q)), t = [], pairs = [], m, end = 0, prev = '';
    WORD.lastIndex = 0;
    while ((m = WORD.exec(f)) && t.length < 12) {
      var gap = f.slice(end, m.index), joined = prev !== '';
      for (var k = 0; k < gap.length && joined; k++) joined = JOIN.indexOf(gap[k]) >= 0;
      if (joined && pairs.indexOf(prev + ' ' + m[0]) < 0) pairs.push(prev + ' ' + m[0]);
      if (t.indexOf(m[0]) < 0) t.push(m[0]);
      prev = m[0];
      end = m.index + m[0].length;
    }
    return { t: t, p: pairs };
  }

  function get(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }
  // cached keeps a fetch for later queries, and forgets it if it failed.
  function cached(store, key, url) {
    if (!store[key]) store[key] = get(url).catch(function (e) { delete store[key]; throw e; });
    return store[key];
  }
  // fresh checks that a file is of the same build as meta.json.
  function fresh(m, o) {
    if (o[''] !== m.v) throw STALE;
    return o;
  }
  // forget drops everything fetched, after the site was deployed anew.
  function forget() { meta = null; shards = {}; docs = {}; }
  function loadMeta() {
    if (!meta) meta = fetch(metaURL, { cache: 'no-cache' }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).catch(function (e) { meta = null; throw e; });
    return meta;
  }
  function shard(m, term) {
    var b = new TextEncoder().encode(term), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619);
    var k = (h >>> 0) & (m.b - 1);
    return cached(shards, k, base + 's/' + k + '.json?v=' + m.v).then(function (s) { return fresh(m, s)[term]; });
  }
  // decode reads a posting list: doc * 8 + fields for each article holding the term.
  function decode(s) {
    var out = [], doc = -1, v = 0, mul = 1;
    for (var i = 0; i < s.length; i++) {
      var c = value[s.charCodeAt(i) & 127];
      v += (c & 31) * mul;
      if (c & 32) { mul *= 32; continue; }
      doc += Math.floor(v / 8);
      out.push(doc * 8 + v % 8);
      v = 0; mul = 1;
    }
    return out;
  }

  // rank: articles holding every syllable (and in the category, if any); each pair present
  // outweighs any number of syllables apart; then title over summary over text; then newest.
  function rank(n, q, lists) {
    var need = q.t.length + (only ? 1 : 0), hit = new Uint8Array(n), score = new Float64Array(n), k, i, x;
    var all = q.t.map(function (t) { return lists[t]; });
    if (only) all.push(lists['#' + only]);
    for (k = 0; k < all.length; k++) {
      if (!all[k]) return [];
      for (i = 0; i < all[k].length; i++) {
        x = all[k][i];
        if (hit[x >> 3] === k) { hit[x >> 3]++; score[x >> 3] += WEIGHT[x & 7]; }
      }
    }
    q.p.forEach(function (p) {
      var l = lists[p] || [];
      for (i = 0; i < l.length; i++) {
        x = l[i];
        if (hit[x >> 3] === need) score[x >> 3] += 1000 + 10 * WEIGHT[x & 7];
      }
    });
    var out = [];
    for (i = 0; i < n; i++) if (hit[i] === need) out.push(i);
    return out.sort(function (a, b) { return score[b] - score[a] || a - b; });
  }

  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  // matches finds, in folded text, every place where a query syllable is a whole syllable.
  function matches(f, t) {
    var out = [];
    t.forEach(function (tok) {
      for (var at = f.indexOf(tok); at >= 0; at = f.indexOf(tok, at + 1)) {
        if ((at === 0 || !LETTER.test(f[at - 1])) && !LETTER.test(f[at + tok.length] || ' ')) out.push([at, at + tok.length]);
      }
    });
    return out;
  }
  // mark wraps the query's syllables in s, on the original letters.
  function mark(s, t) {
    var m = foldMap(s), on = new Uint8Array(s.length + 1);
    matches(m.f, t).forEach(function (r) { for (var j = m.at[r[0]]; j < m.at[r[1]]; j++) on[j] = 1; });
    // One mark over a phrase: the space between two marked syllables is marked too.
    for (var k = 1; k < s.length - 1; k++) if (s[k] === ' ' && on[k - 1] && on[k + 1]) on[k] = 1;
    var html = '', open = false;
    for (var c = 0; c < s.length; c++) {
      if (on[c] && !open) { html += '<mark>'; open = true; }
      if (!on[c] && open) { html += '</mark>'; open = false; }
      html += esc(s[c]);
    }
    return html + (open ? '</mark>' : '');
  }
  // found tells how well folded text answers the query: the phrase, or how many syllables.
  function found(f, q) {
    if (q.t.length > 1 && f.indexOf(q.t.join(' ')) >= 0) return 99;
    return q.t.filter(function (tok) { return matches(f, [tok]).length; }).length;
  }
  // snippet: the summary or, when it answers the query better, the text around the phrase
  // or around the first syllable found.
  function snippet(d, q) {
    var s = d.x || '', m = foldMap(s);
    if (d.s && found(foldMap(d.s).f, q) >= found(m.f, q)) return d.s;
    if (s.length <= 240) return s;
    var at = m.f.indexOf(q.t.join(' '));
    if (at < 0) {
      var first = matches(m.f, q.t).sort(function (a, b) { return a[0] - b[0]; })[0];
      at = first ? first[0] : 0;
    }
    var from = Math.max(0, m.at[at] - 80), to = Math.min(s.length, from + 240);
    if (from > 0) from = s.indexOf(' ', from) + 1;
    if (to < s.length) to = s.lastIndexOf(' ', to);
    return (from > 0 ? '… ' : '') + s.slice(from, to) + (to < s.length ? ' …' : '');
  }

  function item(d, q) {
    var snip = snippet(d, q);
    return '<li><h2 class="result-title"><a href="' + esc(d.u) + '">' + mark(d.t, q.t) + '</a></h2>' +
      '<p class="meta">' + esc(d.c) + (d.n ? ' · ' + mark(d.n, q.t) : '') +
      ' · <time datetime="' + d.d + '">' + esc(d.o) + '</time></p>' +
      (snip ? '<p class="snippet">' + mark(snip, q.t) + '</p>' : '') + '</li>';
  }

  // show fetches and shows the next page of results (the first replaces the previous list).
  function show(r, m) {
    var ids = r.ids.slice(r.shown, r.shown + PAGE);
    return Promise.all(ids.map(function (id) { return cached(docs, id, base + 'd/' + id + '.json?v=' + m.v); })).then(function (ds) {
      ds.forEach(function (d) { fresh(m, d); });
      if (r !== current) return;
      r.arrived = performance.now();
      if (!r.shown) list.innerHTML = '';
      var first = list.children.length;
      list.insertAdjacentHTML('beforeend', ds.map(function (d) { return item(d, r.q); }).join(''));
      r.shown += ids.length;
      if (more) more.hidden = r.shown >= r.ids.length;
      return first;
    });
  }

  function run(q, again) {
    var my = ++seq, p = parse(q), t0 = performance.now();
    if (!p.t.length) {
      current = null; list.innerHTML = ''; status.textContent = '';
      if (more) more.hidden = true;
      return;
    }
    loadMeta().then(function (m) {
      var terms = p.t.concat(p.p, only ? ['#' + only] : []);
      return Promise.all(terms.map(function (t) { return shard(m, t); })).then(function (got) {
        if (my !== seq) return;
        var t1 = performance.now(), lists = {};
        terms.forEach(function (t, i) { lists[t] = got[i] === undefined ? null : decode(got[i]); });
        var r = current = { q: p, ids: rank(m.n, p, lists), shown: 0 }, t2 = performance.now();
        return show(r, m).then(function () {
          if (r !== current) return;
          var n = r.ids.length;
          status.textContent = n === 0 ? 'Không tìm thấy kết quả cho “' + q + '”.' :
            'Tìm thấy ' + n + ' kết quả cho “' + q + '”' + (n > r.shown ? ', hiển thị ' + r.shown + ' kết quả đầu.' : '.');
          // For the tests and bench/search.sh: the time to results, and how much of it was
          // spent here rather than waiting for files.
          var t3 = performance.now();
          window.__bbtgenSearch = { total: t3 - t0, work: t2 - t1 + t3 - r.arrived, at: t3, results: n };
        });
      });
    }).catch(function (e) {
      if (my !== seq) return;
      if (e === STALE && !again) { forget(); run(q, true); return; }
      status.textContent = 'Không tải được chỉ mục tìm kiếm. Vui lòng thử lại, hoặc xem theo chuyên mục.';
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    var q = input.value.trim();
    if (history.replaceState && !only) history.replaceState(null, '', '?q=' + encodeURIComponent(q));
    run(q);
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value.trim()); }, 250);
  });
  input.addEventListener('focus', function () { loadMeta().catch(function () {}); }, { once: true });
  if (more) more.addEventListener('click', function () {
    var r = current;
    if (!r) return;
    loadMeta().then(function (m) { return show(r, m); }).then(function (first) {
      var a = first !== undefined && list.children[first] && list.children[first].querySelector('a');
      if (a) a.focus();
      if (r === current) status.textContent = 'Tìm thấy ' + r.ids.length + ' kết quả, hiển thị ' + r.shown + ' kết quả đầu.';
    }, function (e) {
      if (e === STALE) forget();
      run(input.value.trim());
    });
  });
  var q = new URLSearchParams(location.search).get('q');
  if (q && !only) { input.value = q; run(q); }
})();
