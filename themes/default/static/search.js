// vanban search: runs in the reader's browser against files built with the
// site (search/manifest.json, search/s/<n>.bin, search/d/<n>.json,
// and the result pages themselves). No server and no other host: it works offline and
// under any subpath. The folding and word rules mirror
// src/render/search/tokens.rs.
(function (global) {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;
  var D_BAR = /[\u0111\u0110\u00d0\u00f0\u0189\u0256]/g;

  /** Lower case, no tones, no vowel marks, đ → d. */
  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").replace(D_BAR, "d").toLowerCase().normalize("NFC");
  }

  /** Runs of letters and digits, lower-cased, in NFC. */
  function words(text) {
    return text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /** FNV-1a over UTF-8 bytes, as the index was sharded. */
  function shardOf(key, shards) {
    var bytes = new TextEncoder().encode(key);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % Math.max(shards, 1);
  }

  /** Reads a shard: key → Map(directive → weight). */
  function decodeShard(buffer) {
    var bytes = new Uint8Array(buffer);
    var at = 0;
    var decoder = new TextDecoder();
    function varint() {
      var value = 0;
      var shift = 0;
      var byte;
      do {
        byte = bytes[at++];
        value += (byte & 0x7f) * Math.pow(2, shift);
        shift += 7;
      } while (byte & 0x80);
      return value;
    }
    var table = new Map();
    var keys = varint();
    for (var k = 0; k < keys; k++) {
      var length = varint();
      var key = decoder.decode(bytes.subarray(at, at + length));
      at += length;
      var count = varint();
      var postings = new Map();
      var doc = 0;
      for (var p = 0; p < count; p++) {
        doc += varint();
        postings.set(doc, bytes[at++]);
      }
      table.set(key, postings);
    }
    return table;
  }

  /**
   * A parsed query: the folded words every result must contain, the exact
   * forms that rank a result first, quoted phrases, and a compact number.
   */
  function parse(query) {
    var phrases = [];
    var quoted = /"([^"]+)"/g;
    var match;
    while ((match = quoted.exec(query)) !== null) {
      var phrase = words(match[1]).map(fold);
      if (phrase.length > 1) {
        phrases.push(phrase);
      }
    }
    var all = words(query);
    var folded = [];
    var exact = [];
    all.forEach(function (word) {
      var f = fold(word);
      if (folded.indexOf(f) < 0) {
        folded.push(f);
      }
      if (f !== word && exact.indexOf(word) < 0) {
        exact.push(word);
      }
    });
    var compact = /\d/.test(query) && folded.length > 1 ? folded.join("") : null;
    return { folded: folded, exact: exact, phrases: phrases, compact: compact };
  }

  /** The filters, in the manifest's order (src/render/search/mod.rs FILTERS). */
  var FILTERS = ["kind", "issuer", "level", "year"];

  /** `{kind: "cong-van"}` (slugs) → `{kind: 3}` (term indexes; -1 unknown). */
  function filterIndexes(m, slugs) {
    var filters = {};
    FILTERS.forEach(function (name, i) {
      if (slugs[name]) {
        filters[name] = m.facets[i].map(function (t) { return t[0]; }).indexOf(slugs[name]);
      }
    });
    return filters;
  }

  /**
   * `load(path, kind)` returns a promise of JSON ("json") or bytes ("bin")
   * for a path under the site, or for "page", the passages (see
   * `passagesFromDocument`) of the page at a site-absolute href.
   */
  /**
   * A directive page cut into passages at its anchors (every paragraph,
   * point and heading has an id), as `[[anchor, text], …]`: text before
   * the first anchor gets anchor "". `doc` is a parsed HTML document.
   */
  function passagesFromDocument(doc) {
    var container = doc.querySelector(".document-body") || doc.querySelector("main") || doc.body;
    var rows = [];
    if (!container) {
      return rows;
    }
    var range = doc.createRange();
    range.setStart(container, 0);
    var anchor = "";
    function cut() {
      var text = range.toString().replace(/\s+/g, " ").trim();
      if (text) {
        rows.push([anchor, text]);
      }
    }
    Array.prototype.forEach.call(container.querySelectorAll("[id]"), function (element) {
      range.setEndBefore(element);
      cut();
      range.setStartBefore(element);
      anchor = element.id;
    });
    range.setEnd(container, container.childNodes.length);
    cut();
    return rows;
  }

  function createEngine(load) {
    var manifest = null;
    var shards = new Map();
    var chunks = new Map();
    var passages = new Map();

    function getManifest() {
      if (!manifest) {
        manifest = load("search/manifest.json", "json");
      }
      return manifest;
    }
    function getShard(n) {
      if (!shards.has(n)) {
        shards.set(n, load("search/s/" + n + ".bin", "bin").then(decodeShard));
      }
      return shards.get(n);
    }
    function postings(key, m) {
      return getShard(shardOf(key, m.shards)).then(function (table) {
        return table.get(key) || new Map();
      });
    }
    function meta(doc, m) {
      var n = Math.floor(doc / m.chunk);
      if (!chunks.has(n)) {
        chunks.set(n, load("search/d/" + n + ".json", "json"));
      }
      return chunks.get(n).then(function (rows) {
        var row = rows[doc - n * m.chunk];
        return {
          id: row[0], href: row[1], kind: row[2], number: row[3], date: row[4],
          title: row[5], issuer: row[6], level: row[7]
        };
      });
    }
    function textOf(doc) {
      if (!passages.has(doc)) {
        passages.set(doc, getManifest().then(function (m) {
          return meta(doc, m);
        }).then(function (row) {
          var header = [row.kind, row.number, row.title, row.issuer, row.date].filter(Boolean).join(" ");
          return load(row.href, "page").then(function (rows) {
            return [["", header]].concat(rows);
          });
        }));
      }
      return passages.get(doc);
    }

    /** Ranked directive numbers for `query`, with `slugs` ({kind, issuer, level, year}) filtering. */
    function search(query, slugs) {
      var q = parse(query);
      if (!q.folded.length) {
        return Promise.resolve({ query: q, ranked: [] });
      }
      return getManifest().then(function (m) {
        var filters = filterIndexes(m, slugs || {});
        var keys = q.folded.concat(q.exact);
        if (q.compact) {
          keys.push(q.compact);
        }
        return Promise.all(keys.map(function (k) { return postings(k, m); })).then(function (lists) {
          var required = lists.slice(0, q.folded.length);
          var exact = lists.slice(q.folded.length, q.folded.length + q.exact.length);
          var compact = q.compact ? lists[lists.length - 1] : new Map();
          var idf = function (list) { return Math.log(1 + m.directives / (1 + list.size)); };
          var smallest = required.slice().sort(function (a, b) { return a.size - b.size; })[0];
          var ranked = [];
          smallest.forEach(function (w, doc) {
            if (!required.every(function (list) { return list.has(doc); })) {
              return;
            }
            if (!passesFilters(m, doc, filters)) {
              return;
            }
            var score = 0;
            required.forEach(function (list) { score += idf(list) * Math.log(1 + list.get(doc)); });
            var exactHits = 0;
            exact.forEach(function (list) {
              if (list.has(doc)) {
                exactHits += 1;
                score += 1.5 * idf(list) * Math.log(1 + list.get(doc));
              }
            });
            if (compact.has(doc)) {
              score += 10 * idf(compact) * Math.log(1 + compact.get(doc));
            }
            ranked.push({ doc: doc, score: score, exact: exactHits === exact.length && exact.length > 0 });
          });
          ranked.sort(function (a, b) {
            return (b.exact - a.exact) || (b.score - a.score) || (a.doc - b.doc);
          });
          return { query: q, ranked: ranked };
        });
      });
    }

    function passesFilters(m, doc, filters) {
      var f = m.directive_facets;
      var at = doc * FILTERS.length;
      return FILTERS.every(function (name, i) {
        var wanted = filters[name];
        return wanted === undefined || wanted === null || f[at + i] === wanted;
      });
    }

    /** The passage that best answers the query, with its words marked. */
    function bestPassage(doc, q) {
      return textOf(doc).then(function (rows) {
        var best = null;
        rows.forEach(function (row, index) {
          var ws = words(row[1]);
          var fs = ws.map(fold);
          var hits = q.folded.filter(function (w) { return fs.indexOf(w) >= 0; }).length;
          var phrase = q.phrases.every(function (p) { return containsRun(fs, p); });
          var adjacent = containsRun(fs, q.folded) ? 2 : 0;
          var score = hits * 10 + adjacent * 5 + (phrase ? 100 : 0) - (index === 0 && rows.length > 1 ? 1 : 0);
          if (!best || score > best.score) {
            best = { anchor: row[0], text: row[1], score: score, phrase: phrase };
          }
        });
        return best;
      });
    }

    return {
      manifest: getManifest,
      search: search,
      meta: function (doc) { return getManifest().then(function (m) { return meta(doc, m); }); },
      bestPassage: bestPassage
    };
  }

  function containsRun(haystack, needle) {
    if (!needle.length) {
      return true;
    }
    outer: for (var i = 0; i + needle.length <= haystack.length; i++) {
      for (var j = 0; j < needle.length; j++) {
        if (haystack[i + j] !== needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * `text` as HTML with the query's words in <mark>, cut to about `around`
   * words each side of the place that answers best: where the query's
   * words stand together, else where most of them are near each other.
   * It is cut only where the text has a space, so a word such as
   * "Covid-19" is shown whole, and each hyphenated word is kept on one
   * line (see `noBreak`).
   */
  function snippet(text, q, around) {
    var parts = text.split(/([^\p{L}\p{N}]+)/u);
    var wanted = new Set(q.folded);
    var folded = parts.map(function (part, i) { return i % 2 === 0 ? fold(part) : null; });
    var wordAt = [];
    folded.forEach(function (f, i) { if (f) { wordAt.push(i); } });
    var centre = -1;
    var bestSpread = -1;
    for (var w = 0; w < wordAt.length; w++) {
      if (!wanted.has(folded[wordAt[w]])) {
        continue;
      }
      var together = q.folded.every(function (word, k) {
        return w + k < wordAt.length && folded[wordAt[w + k]] === word;
      });
      if (together) {
        centre = wordAt[w];
        break;
      }
      var near = new Set();
      for (var v = w; v < Math.min(wordAt.length, w + 12); v++) {
        if (wanted.has(folded[wordAt[v]])) {
          near.add(folded[wordAt[v]]);
        }
      }
      if (near.size > bestSpread) {
        bestSpread = near.size;
        centre = wordAt[w];
      }
    }
    // Parts at even places are words (the text splits into an odd number
    // of parts), at odd places what stands between them. The snippet
    // starts and ends only where a separator holds a space.
    var spaced = function (i) { return i < 0 || i >= parts.length || /\s/.test(parts[i]); };
    var from = Math.max(0, centre - around * 2);
    while (!spaced(from - 1)) {
      from -= 2;
    }
    var last = Math.min(parts.length - 1, Math.max(centre, 0) + around * 2 - 2);
    while (!spaced(last + 1)) {
      last += 2;
    }
    // [is a word, text]: what follows the last space before the first word
    // (an opening bracket, say), the words and what stands between them,
    // and what follows the last word up to the next space (a comma).
    var pieces = [];
    if (from > 0) {
      pieces.push([false, parts[from - 1].replace(/^[^]*\s/, "")]);
    }
    for (var i = from; i <= last; i++) {
      pieces.push([i % 2 === 0, parts[i]]);
    }
    if (last < parts.length - 1) {
      pieces.push([false, parts[last + 1].replace(/\s[^]*$/, "")]);
    }
    var html = "";
    var word = "";
    var plain = "";
    var flush = function () {
      html += keptWhole(plain) ? NO_BREAK + word + "</span>" : word;
      word = "";
      plain = "";
    };
    pieces.forEach(function (piece) {
      if (piece[0]) {
        var escaped = escapeHtml(piece[1]);
        word += wanted.has(fold(piece[1])) ? "<mark>" + escaped + "</mark>" : escaped;
        plain += piece[1];
        return;
      }
      // A separator: a space in it ends the word.
      piece[1].split(/(\s+)/).forEach(function (bit, j) {
        if (j % 2 === 1) {
          flush();
          html += bit;
        } else {
          word += escapeHtml(bit);
          plain += bit;
        }
      });
    });
    flush();
    return (from > 0 ? "… " : "") + html + (last < parts.length - 1 ? " …" : "");
  }

  /** How the generator keeps a word on one line (src/render/no_break.rs). */
  var NO_BREAK = '<span class="nowrap">';
  var HYPHENATED = /[\p{L}\p{N}][-\u2010][\p{L}\p{N}]/u;
  var LONGEST_KEPT = 24;

  /** Whether `word` (no spaces) joins letters or digits with a hyphen and is short enough to keep on one line. */
  function keptWhole(word) {
    return Array.from(word).length <= LONGEST_KEPT && HYPHENATED.test(word);
  }

  /** `text` escaped, each hyphenated word kept on one line. */
  function noBreak(text) {
    return String(text).split(/(\s+)/).map(function (piece, i) {
      var escaped = escapeHtml(piece);
      return i % 2 === 0 && keptWhole(piece) ? NO_BREAK + escaped + "</span>" : escaped;
    }).join("");
  }

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  var api = { fold: fold, words: words, shardOf: shardOf, parse: parse, decodeShard: decodeShard, createEngine: createEngine, snippet: snippet, noBreak: noBreak, passagesFromDocument: passagesFromDocument };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  // In the browser.
  var base = document.documentElement.getAttribute("data-base") || "";

  function fetchLoader(path, kind) {
    var url = kind === "page" ? path : base + "/" + path;
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error(path + ": " + response.status);
      }
      if (kind === "page") {
        return response.text().then(function (html) {
          return passagesFromDocument(new DOMParser().parseFromString(html, "text/html"));
        });
      }
      return kind === "bin" ? response.arrayBuffer() : response.json();
    });
  }

  var page = document.getElementById("tim-kiem");
  if (!page) {
    return;
  }
  var engine = createEngine(fetchLoader);
  var results = document.getElementById("ket-qua");
  var moreBox = document.getElementById("them-ket-qua");
  var status = document.getElementById("trang-thai");
  var field = page.querySelector("input[name=q]");
  var selects = {};
  ["kind", "issuer", "level", "year"].forEach(function (name) {
    selects[name] = page.querySelector("select[name=" + name + "]");
  });
  var PAGE = 10;
  var shown = 0;
  var current = null;

  function chosenFilters() {
    var slugs = {};
    Object.keys(selects).forEach(function (name) {
      if (selects[name] && selects[name].value) {
        slugs[name] = selects[name].value;
      }
    });
    return slugs;
  }

  function run(push) {
    var query = field.value;
    var params = new URLSearchParams();
    if (query) {
      params.set("q", query);
    }
    Object.keys(selects).forEach(function (name) {
      if (selects[name] && selects[name].value) {
        params.set(name, selects[name].value);
      }
    });
    if (push) {
      history.replaceState(null, "", "?" + params.toString());
    }
    results.innerHTML = "";
    moreBox.innerHTML = "";
    shown = 0;
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    status.textContent = "Đang tìm…";
    engine.search(query, chosenFilters()).then(function (found) {
      current = found;
      status.textContent = found.ranked.length
        ? "Tìm thấy " + found.ranked.length + " văn bản cho “" + query + "”."
        : "Không tìm thấy văn bản nào cho “" + query + "”. Hãy thử ít từ hơn hoặc bỏ bộ lọc.";
      more();
    }).catch(function (error) {
      status.textContent = "Không tải được chỉ mục tìm kiếm (" + error.message + ").";
    });
  }

  function more() {
    var batch = current.ranked.slice(shown, shown + PAGE);
    shown += batch.length;
    moreBox.innerHTML = "";
    Promise.all(batch.map(function (hit) {
      return Promise.all([engine.meta(hit.doc), engine.bestPassage(hit.doc, current.query)]);
    })).then(function (rows) {
      rows.forEach(function (row) {
        var meta = row[0];
        var passage = row[1];
        var item = document.createElement("li");
        item.className = "result";
        var href = meta.href + (passage && passage.anchor ? "#" + passage.anchor : "");
        var name = meta.kind + (meta.number ? " " + meta.number : "");
        item.innerHTML =
          '<p class="result-head"><a href="' + href.replace(/"/g, "&quot;") + '">' + noBreak(name) + "</a>" +
          ' <span class="result-date">' + escapeHtml(meta.date) + "</span> · " +
          '<span class="result-issuer">' + escapeHtml(meta.issuer) + "</span></p>" +
          '<p class="result-title">' + noBreak(meta.title) + "</p>" +
          (passage ? '<p class="snippet">' + snippet(passage.text, current.query, 18) + "</p>" : "");
        results.appendChild(item);
      });
      if (shown < current.ranked.length) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "more";
        button.textContent = "Xem thêm kết quả";
        button.addEventListener("click", more);
        moreBox.appendChild(button);
      }
    });
  }

  var params = new URLSearchParams(location.search);
  field.value = params.get("q") || "";
  Object.keys(selects).forEach(function (name) {
    if (selects[name] && params.get(name)) {
      selects[name].value = params.get(name);
    }
  });
  page.addEventListener("submit", function (event) {
    event.preventDefault();
    run(true);
  });
  Object.keys(selects).forEach(function (name) {
    if (selects[name]) {
      selects[name].addEventListener("change", function () { run(true); });
    }
  });
  run(false);
})(this);
