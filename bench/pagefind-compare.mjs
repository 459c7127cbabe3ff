// Pagefind against vanban's own index, on one built site, in Debian's
// Chromium: what a first query downloads, what it finds for Vietnamese
// typed with and without diacritics. Index the site with Pagefind first:
//
//   npm install --prefix /tmp/pf pagefind@1.6.0
//   /tmp/pf/node_modules/.bin/pagefind --site <site> --glob "20*/**/*.html" --output-subdir _pagefind
//   node bench/pagefind-compare.mjs <site> ["query" …]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";

const [site, ...asked] = process.argv.slice(2);
const queries = asked.length ? asked : ["phong chong dich", "ho chieu vac xin", "dang cong san", "Đảng", "4162", "07-KL/TW"];
const types = { ".js": "text/javascript", ".json": "application/json", ".html": "text/html", ".css": "text/css" };
const server = http.createServer((req, res) => {
  let file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!fs.existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  res.end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = "http://127.0.0.1:" + server.address().port;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });

async function measure(engine, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  page.on("response", async (response) => {
    const url = new URL(response.url());
    const file = path.join(site, decodeURIComponent(url.pathname));
    if (fs.existsSync(file) && fs.statSync(file).isFile()) {
      const bytes = fs.readFileSync(file);
      files.push({ raw: bytes.length, gzip: zlib.gzipSync(bytes).length });
    }
  });
  await page.goto(base + "/404.html");
  files.length = 0;
  let found;
  if (engine === "pagefind") {
    found = await page.evaluate(async (q) => {
      const pagefind = await import("/_pagefind/pagefind.js");
      const search = await pagefind.search(q);
      const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return { count: search.results.length, first: data[0] ? data[0].url : null };
    }, query);
  } else {
    await page.goto(base + "/search/?q=" + encodeURIComponent(query));
    await page.waitForFunction(() => document.getElementById("trang-thai").textContent && !document.getElementById("trang-thai").textContent.startsWith("Đang"));
    await page.waitForTimeout(300);
    found = await page.evaluate(() => ({
      count: document.querySelectorAll("#ket-qua .result").length,
      first: (document.querySelector("#ket-qua .result-head a") || {}).href || null,
    }));
  }
  await context.close();
  const kb = (k) => (files.reduce((a, f) => a + f[k], 0) / 1024).toFixed(1);
  return { engine, query, found: found.count, first: found.first && new URL(found.first, base).pathname, requests: files.length, raw_kb: kb("raw"), gzip_kb: kb("gzip") };
}

const rows = [];
for (const query of queries) {
  rows.push(await measure("vanban", query));
  rows.push(await measure("pagefind", query));
}
console.table(rows);
await browser.close();
server.close();
