// Runs themes/default/static/search.js's engine in Node against a built
// site: `node search_query.cjs <output dir> '<json: [[query, filters], …]>'`
// prints, as JSON, for each query the ids of the ranked directives and the
// anchor of the best passage of the first. Used by tests/search.rs.
"use strict";
const path = require("path");
const { siteLoader } = require("./site_loader.cjs");
const engineSource = path.join(__dirname, "..", "..", "themes", "default", "static", "search.js");
const { createEngine, shardOf, fold, parse, snippet, passagesFromDocument } = require(engineSource);

const [output, casesJson] = process.argv.slice(2);
const load = siteLoader(output, passagesFromDocument);
const engine = createEngine(load);

(async () => {
  const results = [];
  for (const [query, filters] of JSON.parse(casesJson)) {
    const found = await engine.search(query, filters || {});
    const ids = [];
    for (const hit of found.ranked.slice(0, 10)) {
      ids.push((await engine.meta(hit.doc)).id);
    }
    let passage = null;
    let marked = null;
    if (found.ranked.length) {
      const best = await engine.bestPassage(found.ranked[0].doc, found.query);
      passage = best ? best.anchor : null;
      marked = best ? snippet(best.text, found.query, 18) : null;
    }
    results.push({ query, ids, passage, marked });
  }
  process.stdout.write(JSON.stringify({ results, shard: shardOf("phong", 512), fold: fold("Đường Phòng Chống Dịch") }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
