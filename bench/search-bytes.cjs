// Bytes a reader downloads for a first query (fresh browser cache), as the
// search page fetches them: the manifest, one shard per word, then the
// metadata and pages of the first ten results (snippets are cut from the pages). Raw and gzip-compressed
// (what a web server sends with compression on). `results` is what the
// status line counts ("hơn" when every word of the query was cut to its
// heaviest postings, see search.js).
//
//   node bench/search-bytes.cjs <built site> ["query" …]
//
// A query may also be given as the search page's URL query, with filters:
// '?q=phong+chong+dich&kind=cong-van&year=2021'.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { createEngine, passagesFromDocument } = require(path.join(__dirname, "..", "themes", "default", "static", "search.js"));
const { siteLoader } = require(path.join(__dirname, "..", "tests", "js", "site_loader.cjs"));

const [output, ...queries] = process.argv.slice(2);
const asked = queries.length ? queries : ["phong chong dich", "ho chieu vac xin", "07-KL/TW", "4162", "tiêm vắc-xin cho trẻ em", "giãn cách xã hội Hà Nội"];

(async () => {
  const rows = [];
  for (const query of asked) {
    const fetched = [];
    const load = siteLoader(output, passagesFromDocument, (file, bytes) =>
      fetched.push({ file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 6 }).length }));
    const engine = createEngine(load);
    const params = new URLSearchParams(query.startsWith("?") ? query : "");
    const filters = Object.fromEntries([...params].filter(([name]) => name !== "q"));
    const found = await engine.search(params.get("q") || query, filters);
    for (const hit of found.ranked.slice(0, 10)) {
      await engine.meta(hit.doc);
      await engine.bestPassage(hit.doc, found.query);
    }
    const sum = (k) => fetched.reduce((a, f) => a + f[k], 0);
    rows.push({ query, results: (found.atLeast ? "> " : "") + found.ranked.length, files: fetched.length, raw_kb: +(sum("raw") / 1024).toFixed(1), gzip_kb: +(sum("gzip") / 1024).toFixed(1) });
  }
  // The scripts and page the search loads once (besides the site's CSS).
  const page = ["search/index.html", "search.js"].map((f) => fs.readFileSync(path.join(output, f)));
  console.table(rows);
  console.log("search page + search.js: " + (page.reduce((a, b) => a + zlib.gzipSync(b).length, 0) / 1024).toFixed(1) + " KB gzip");
})();
