// search.js against an index made here, in memory, of a large archive:
// keys whose postings were cut to their heaviest, as the generator cuts
// a very common word's (src/render/search/mod.rs, encode_shard), and
// filter keys. `node search_cut.cjs` exits non-zero when the engine does
// not behave as the checks below say. Run by tests/it/search.rs.
"use strict";
const assert = require("assert/strict");
const path = require("path");
const engineSource = path.join(__dirname, "..", "..", "themes", "default", "static", "search.js");
const { createEngine, decodeShard, shardOf, filterKey, statusText } = require(engineSource);

const DIRECTIVES = 30000;
const SHARDS = 64;
const HEAD = 12000;

function varint(out, value) {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
}

/** A shard as encode_shard writes it; `cut` keys keep their HEAD heaviest postings. */
function encodeShard(keys) {
  const out = [];
  const names = [...keys.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  varint(out, names.length);
  for (const key of names) {
    let postings = [...keys.get(key)].sort((a, b) => (b[1] - a[1]) || (a[0] - b[0]));
    const total = postings.length;
    if (!key.startsWith(":") && total > HEAD) {
      postings = postings.slice(0, HEAD);
    }
    const bytes = Buffer.from(key);
    varint(out, bytes.length);
    out.push(...bytes);
    varint(out, total);
    const groups = [];
    for (const [doc, weight] of postings) {
      if (!groups.length || groups[groups.length - 1].weight !== weight) {
        groups.push({ weight, docs: [] });
      }
      groups[groups.length - 1].docs.push(doc);
    }
    varint(out, groups.length);
    for (const group of groups) {
      out.push(group.weight);
      varint(out, group.docs.length);
      let previous = 0;
      for (const doc of group.docs) {
        varint(out, doc - previous);
        previous = doc;
      }
    }
  }
  return new Uint8Array(out).buffer;
}

/** A loader (see search.js createEngine) over an index of `keys`: key → [[doc, weight], …]. */
function memoryLoader(keys, directives, fetched) {
  const byShard = new Map();
  for (const [key, postings] of Object.entries(keys)) {
    const n = shardOf(key, SHARDS);
    if (!byShard.has(n)) {
      byShard.set(n, new Map());
    }
    byShard.get(n).set(key, postings);
  }
  const manifest = { version: 2, directives, shards: SHARDS, chunk: 64, head: HEAD };
  return (file, kind) => {
    fetched.push(file);
    if (file === "search/manifest.json") {
      return Promise.resolve(manifest);
    }
    const shard = /^search\/s\/(\d+)\.bin$/.exec(file);
    if (shard && kind === "bin") {
      return Promise.resolve(encodeShard(byShard.get(Number(shard[1])) || new Map()));
    }
    return Promise.reject(new Error("not in this index: " + file));
  };
}

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const docsOf = (found) => found.ranked.map((hit) => hit.doc);
const sorted = (docs) => [...docs].sort((a, b) => a - b);

// "phong" is in every directive and "chong" in two thirds, with weights
// that vary; "vaccine" in 50 directives, "bàn" (folded "ban") in 30, and
// "ban" in all: the first two are cut, the others whole.
const weightOf = (doc, salt) => 1 + ((doc * 7919 + salt * 104729) % 97);
const vaccine = range(50, (i) => i * 600 + 4 + (i % 2));
const banExact = range(30, (i) => i * 1000 + 17);
const keys = {
  phong: range(DIRECTIVES, (d) => [d, weightOf(d, 1)]),
  chong: range(DIRECTIVES, (d) => d).filter((d) => d % 3 !== 0).map((d) => [d, weightOf(d, 2)]),
  vaccine: vaccine.map((d, i) => [d, 1 + (i % 4)]),
  ban: range(DIRECTIVES, (d) => [d, weightOf(d, 3)]),
  "bàn": banExact.map((d) => [d, 1]),
  // A number typed in parts, each part in every directive: "12 2021".
  12: range(DIRECTIVES, (d) => [d, weightOf(d, 4)]),
  2021: range(DIRECTIVES, (d) => [d, weightOf(d, 5)]),
  [filterKey("kind", "cong-van")]: range(DIRECTIVES, (d) => d).filter((d) => d % 2 === 0).map((d) => [d, 1]),
  // Five directives with "vaccine", none heavy enough for the heads of
  // "phong" or "chong" (below).
  [filterKey("issuer", "so-y-te")]: [],
};
const headOf = (key) => new Set([...keys[key]].sort((a, b) => (b[1] - a[1]) || (a[0] - b[0])).slice(0, HEAD).map((p) => p[0]));
const phongHead = headOf("phong");
const chongHead = headOf("chong");
const outside = vaccine.filter((d) => !phongHead.has(d) && !chongHead.has(d));
const light = sorted(outside.filter((d) => d % 2 === 0).slice(0, 3).concat(outside.filter((d) => d % 2 === 1).slice(0, 2)));
keys[filterKey("issuer", "so-y-te")] = light.map((d) => [d, 1]);

(async () => {
  const fetched = [];
  const engine = createEngine(memoryLoader(keys, DIRECTIVES, fetched));
  const checks = [];
  const check = (name, f) => checks.push([name, f]);

  check("shards are written as the generator writes them", async () => {
    // The bytes of src/render/search/mod.rs's test
    // keys_from_every_worker_merge_in_order.
    const shard = encodeShard(new Map([["phong", [[7, 1], [2, 3], [4, 1]]], ["dich", [[1, 1]]]]));
    assert.deepEqual([...new Uint8Array(shard)], [
      2, 4, 100, 105, 99, 104, 1, 1, 1, 1, 1, 5, 112, 104, 111, 110, 103, 3, 2, 3, 1, 2, 1, 2, 4, 3,
    ]);
    const table = decodeShard(shard);
    assert.deepEqual([...table.get("phong").weights].sort((a, b) => a[0] - b[0]), [[2, 3], [4, 1], [7, 1]]);
    assert.equal(table.get("phong").total, 3);
  });

  check("a cut word is not required when another word is whole", async () => {
    const found = await engine.search("phong vaccine", {});
    assert.deepEqual(sorted(docsOf(found)), vaccine, "exactly the directives with the whole word");
    assert.equal(found.atLeast, false);
    assert.ok(vaccine.some((d) => !phongHead.has(d)), "the fixture has vaccine directives outside phong's head");
    // The cut word adds score where it is known: among directives of the
    // same weight of "vaccine", those in phong's head come first.
    const sameWeight = found.ranked.filter((hit) => keys.vaccine.find((p) => p[0] === hit.doc)[1] === 1);
    const inHead = sameWeight.map((hit) => phongHead.has(hit.doc));
    assert.deepEqual(inHead, [...inHead].sort((a, b) => b - a), "head members first");
    assert.equal(statusText(found, "phong vaccine"), "Tìm thấy 50 văn bản cho “phong vaccine”.");
  });

  check("when every word is cut, the rarest word's head is shown and the count is a lower bound", async () => {
    const found = await engine.search("phong chong", {});
    assert.deepEqual(sorted(docsOf(found)), sorted(chongHead), "the head of chong, the rarer");
    assert.equal(found.ranked.length, HEAD);
    assert.equal(found.atLeast, true);
    assert.equal(statusText(found, "phong chong"), "Tìm thấy hơn 12.000 văn bản cho “phong chong”.");
    // Ranked over both heads: the first are in both.
    assert.ok(found.ranked.slice(0, 100).every((hit) => phongHead.has(hit.doc)));
    const one = await engine.search("phong", {});
    assert.equal(one.ranked.length, HEAD);
    assert.equal(one.atLeast, true);
  });

  check("exact diacritics still rank first when the folded word is cut", async () => {
    const found = await engine.search("bàn", {});
    const first = docsOf(found).slice(0, banExact.length);
    assert.deepEqual(sorted(first), banExact, "every directive with “bàn”, first, even outside the head of ban");
    assert.ok(banExact.some((d) => !headOf("ban").has(d)));
    assert.ok(found.ranked.slice(0, banExact.length).every((hit) => hit.exact));
    assert.ok(!found.ranked[banExact.length].exact);
    assert.equal(found.atLeast, true);
  });

  check("when every word is cut, the number typed is still found, first", async () => {
    const [twelve, year] = [headOf("12"), headOf("2021")];
    const lightest = range(DIRECTIVES, (d) => d).find((d) => !twelve.has(d) && !year.has(d));
    keys["122021"] = [[lightest, 10]];
    const numbered = createEngine(memoryLoader(keys, DIRECTIVES, []));
    const found = await numbered.search("12/2021", {});
    assert.equal(found.ranked[0].doc, lightest);
    assert.equal(found.atLeast, true);
    delete keys["122021"];
  });

  check("filters are keys of the index, and decide with the whole words", async () => {
    fetched.length = 0;
    const found = await engine.search("vaccine", { kind: "cong-van" });
    assert.deepEqual(sorted(docsOf(found)), vaccine.filter((d) => d % 2 === 0));
    assert.ok(fetched.includes("search/s/" + shardOf(":kind:cong-van", SHARDS) + ".bin"), "the filter's shard");
    const none = await engine.search("vaccine", { kind: "khong-co" });
    assert.deepEqual(docsOf(none), []);
    assert.equal(statusText(none, "vaccine"), "Không tìm thấy văn bản nào cho “vaccine”. Hãy thử ít từ hơn hoặc bỏ bộ lọc.");
    const both = await engine.search("phong vaccine", { kind: "cong-van", issuer: "so-y-te" });
    const expected = light.filter((d) => d % 2 === 0);
    assert.ok(expected.length > 0 && expected.length < light.length, "the fixture: both filters narrow");
    assert.deepEqual(sorted(docsOf(both)), expected);
  });

  check("filters narrow a query of cut words; a filter no head meets still finds its directives", async () => {
    const found = await engine.search("phong chong", { kind: "cong-van" });
    assert.deepEqual(sorted(docsOf(found)), sorted(chongHead).filter((d) => d % 2 === 0));
    assert.equal(found.atLeast, true);
    const narrow = await engine.search("phong chong", { issuer: "so-y-te" });
    assert.equal(light.length, 5);
    assert.deepEqual(sorted(docsOf(narrow)), light, "never none because the words were cut");
    assert.equal(narrow.atLeast, false);
  });

  check("with every list whole, a result has every word", async () => {
    const small = { a: [[1, 2], [2, 1], [3, 1]], b: [[2, 1], [3, 4], [4, 1]], [filterKey("year", "2021")]: [[3, 1], [4, 1]] };
    const smallEngine = createEngine(memoryLoader(small, 5, []));
    assert.deepEqual(docsOf(await smallEngine.search("a b", {})), [3, 2]);
    assert.deepEqual(docsOf(await smallEngine.search("a b", { year: "2021" })), [3]);
    const found = await smallEngine.search("a", {});
    assert.equal(found.atLeast, false);
    assert.equal(statusText(found, "a"), "Tìm thấy 3 văn bản cho “a”.");
  });

  for (const [name, f] of checks) {
    try {
      await f();
    } catch (error) {
      console.error("search_cut: " + name + "\n" + (error.stack || error));
      process.exitCode = 1;
      continue;
    }
    console.log("ok: " + name);
  }
})();
