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

  /**
   * Reads a shard (src/render/search/mod.rs, encode_shard): key →
   * `{weights: Map(directive → weight), total}`, `total` being how many
   * directives hold the key. A very common word keeps only its heaviest
   * postings: then `weights.size < total` (see `isCut`).
   */
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
      var total = varint();
      var groups = varint();
      var weights = new Map();
      for (var g = 0; g < groups; g++) {
        var weight = bytes[at++];
        var count = varint();
        var doc = 0;
        for (var p = 0; p < count; p++) {
          doc += varint();
          weights.set(doc, weight);
        }
      }
      table.set(key, { weights: weights, total: total });
    }
    return table;
  }

  /** Whether a key's postings were cut to its heaviest (a very common word). */
  function isCut(entry) {
    return entry.weights.size < entry.total;
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

  /** The filters, as the search page's fields name them (src/render/search/mod.rs FILTERS). */
  var FILTERS = ["kind", "issuer", "level", "year"];

  /** The index key of a filter's term (src/render/search/tokens.rs filter_key): no word can be one. */
  function filterKey(name, slug) {
    return ":" + name + ":" + slug;
  }

  /** What a key no shard holds reads as. */
  var EMPTY = { weights: new Map(), total: 0 };

  /**
   * Which directives a query may show: `{docs, atLeast}`. The words whose
   * postings are whole (`whole`) and the filters decide; when every word
   * was cut, the rarest word's kept postings, those of its exact forms and
   * the directives of the number typed (`compact`) do, and there are more
   * than shown (`atLeast`), unless the filters leave none of them: then
   * the filters decide alone, the words being in so many directives.
   */
  function candidates(q, words, exact, compact, whole, filters) {
    var deciding = whole.concat(filters);
    var inAll = function (docs) {
      return docs.filter(function (doc) {
        return deciding.every(function (list) { return list.weights.has(doc); });
      });
    };
    var smallest = function (lists) {
      return lists.slice().sort(function (a, b) { return a.weights.size - b.weights.size; })[0];
    };
    if (whole.length) {
      return { docs: inAll(Array.from(smallest(deciding).weights.keys())), atLeast: false };
    }
    var rarest = 0;
    words.forEach(function (list, i) {
      if (list.total < words[rarest].total) {
        rarest = i;
      }
    });
    var known = new Set(words[rarest].weights.keys());
    q.exact.forEach(function (form, i) {
      if (fold(form) === q.folded[rarest]) {
        exact[i].weights.forEach(function (weight, doc) { known.add(doc); });
      }
    });
    compact.weights.forEach(function (weight, doc) { known.add(doc); });
    var docs = inAll(Array.from(known));
    if (!docs.length && filters.length) {
      return { docs: inAll(Array.from(smallest(filters).weights.keys())), atLeast: false };
    }
    return { docs: docs, atLeast: docs.length > 0 };
  }

  /** `12000` → "12.000": Vietnamese groups thousands with a full stop. */
  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  /** The status line for `found` (see `search`), `query` as typed. */
  function statusText(found, query) {
    if (!found.ranked.length) {
      return "Không tìm thấy văn bản nào cho “" + query + "”. Hãy thử ít từ hơn hoặc bỏ bộ lọc.";
    }
    return "Tìm thấy " + (found.atLeast ? "hơn " : "") + thousands(found.ranked.length) + " văn bản cho “" + query + "”.";
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
        return table.get(key) || EMPTY;
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

    /**
     * Ranked directive numbers for `query`, with `slugs` ({kind, issuer,
     * level, year}) filtering: `{query, ranked, atLeast}`. Every word must
     * be in a result, but a very common word whose postings were cut (see
     * `isCut`) cannot say which directives lack it: it only adds to the
     * score of those it knows, and the other words and the filters decide
     * (see `candidates`).
     */
    function search(query, slugs) {
      var q = parse(query);
      if (!q.folded.length) {
        return Promise.resolve({ query: q, ranked: [], atLeast: false });
      }
      slugs = slugs || {};
      return getManifest().then(function (m) {
        if (m.version !== 2) {
          throw new Error("search/manifest.json: version " + m.version);
        }
        var filterKeys = FILTERS.filter(function (name) { return slugs[name]; }).map(function (name) {
          return filterKey(name, slugs[name]);
        });
        var keys = q.folded.concat(q.exact);
        if (q.compact) {
          keys.push(q.compact);
        }
        return Promise.all(keys.concat(filterKeys).map(function (k) { return postings(k, m); })).then(function (lists) {
          var words = lists.slice(0, q.folded.length);
          var exact = lists.slice(q.folded.length, q.folded.length + q.exact.length);
          var compact = q.compact ? lists[keys.length - 1] : EMPTY;
          var filters = lists.slice(keys.length);
          var whole = words.filter(function (list) { return !isCut(list); });
          var found = candidates(q, words, exact, compact, whole, filters);
          var idf = function (list) { return Math.log(1 + m.directives / (1 + list.total)); };
          var weightIn = function (list, doc) { return list.weights.get(doc) || 0; };
          var ranked = found.docs.map(function (doc) {
            var score = 0;
            words.forEach(function (list) { score += idf(list) * Math.log(1 + weightIn(list, doc)); });
            var exactHits = 0;
            exact.forEach(function (list) {
              if (list.weights.has(doc)) {
                exactHits += 1;
                score += 1.5 * idf(list) * Math.log(1 + list.weights.get(doc));
              }
            });
            score += 10 * idf(compact) * Math.log(1 + weightIn(compact, doc));
            return { doc: doc, score: score, exact: exactHits === exact.length && exact.length > 0 };
          });
          ranked.sort(function (a, b) {
            return (b.exact - a.exact) || (b.score - a.score) || (a.doc - b.doc);
          });
          return { query: q, ranked: ranked, atLeast: found.atLeast };
        });
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
      html += keptWhole(plain) ? NO_BREAK + word + NO_BREAK_END : word;
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
  var NO_BREAK = "<no-br>";
  var NO_BREAK_END = "</no-br>";
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
      return i % 2 === 0 && keptWhole(piece) ? NO_BREAK + escaped + NO_BREAK_END : escaped;
    }).join("");
  }

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  var api = { fold: fold, words: words, shardOf: shardOf, parse: parse, decodeShard: decodeShard, filterKey: filterKey, createEngine: createEngine, statusText: statusText, snippet: snippet, noBreak: noBreak, passagesFromDocument: passagesFromDocument };
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
  FILTERS.forEach(function (name) {
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
      status.textContent = statusText(found, query);
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
