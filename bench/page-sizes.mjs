// Page sizes of a built site: `node bench/page-sizes.mjs <output> [max KB] [max gzip KB]`.
// Reads every file, groups the HTML pages by kind (their path with numbers
// and slugs replaced), and prints per kind the number of pages, their
// bytes, and the largest page raw and gzipped; then the whole output, the
// share of listing pages (every HTML page but a directive's own page, the
// search page, 404 and free-standing pages are listings here), and every
// page over the limits (default 256 KB and 64 KB gzipped). Exits 1 when a
// page is over them.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [output, maxKb = "256", maxGzipKb = "64"] = process.argv.slice(2);
if (!output) {
  console.error("usage: node bench/page-sizes.mjs <output folder> [max KB] [max gzip KB]");
  process.exit(2);
}
const root = path.resolve(output);
const maxBytes = Number(maxKb) * 1024;
const maxGzip = Number(maxGzipKb) * 1024;

/** Every file below `dir`, as paths relative to the root. */
function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield path.relative(root, full);
  }
}

const isYear = (s) => /^\d{4}$/.test(s);

/** A page's kind: its site path, numbers as <n> and slugs as <term>. */
function kindOf(relative) {
  const segments = relative.split(path.sep).slice(0, -1);
  if (segments.length === 0) return "/";
  if (isYear(segments[0]) && segments.length >= 2) {
    return "/<year>/<directive>/" + segments.slice(2).map((s) => (/^\d+$/.test(s) ? "<n>/" : s === "page" ? "page/" : "<group>/")).join("");
  }
  return "/" + [segments[0], ...segments.slice(1).map((s) => (/^\d+$/.test(s) ? "<n>" : s === "page" ? "page" : "<term>"))].join("/") + "/";
}

const notListings = new Set(["/<year>/<directive>/", "/search/", "/404.html"]);
const kinds = new Map();
let total = 0;
let files = 0;
let listingBytes = 0;
let htmlBytes = 0;
const over = [];
for (const relative of walk(root)) {
  const bytes = fs.readFileSync(path.join(root, relative));
  total += bytes.length;
  files += 1;
  if (!relative.endsWith(".html")) continue;
  htmlBytes += bytes.length;
  const kind = relative === "404.html" ? "/404.html" : kindOf(relative);
  const gzipped = zlib.gzipSync(bytes).length;
  const k = kinds.get(kind) ?? { pages: 0, bytes: 0, max: 0, maxAt: "", maxGzip: 0 };
  k.pages += 1;
  k.bytes += bytes.length;
  if (bytes.length > k.max) {
    k.max = bytes.length;
    k.maxAt = "/" + relative.replace(/index\.html$/, "");
  }
  k.maxGzip = Math.max(k.maxGzip, gzipped);
  kinds.set(kind, k);
  if (!notListings.has(kind)) listingBytes += bytes.length;
  if (bytes.length > maxBytes || gzipped > maxGzip) over.push(`${relative}: ${bytes.length} bytes, ${gzipped} gzipped`);
}

const kb = (n) => (n / 1024).toFixed(1);
const mb = (n) => (n / 1e6).toFixed(1);
console.log("| kind | pages | MB | largest KB | largest gzip KB | largest |");
console.log("|---|---|---|---|---|---|");
for (const [kind, k] of [...kinds].sort((a, b) => b[1].bytes - a[1].bytes)) {
  console.log(`| ${kind} | ${k.pages} | ${mb(k.bytes)} | ${kb(k.max)} | ${kb(k.maxGzip)} | ${k.maxAt} |`);
}
const largest = [...kinds.values()].reduce((a, k) => (k.max > a.max ? k : a), { max: 0, maxAt: "" });
console.log(
  `\noutput ${mb(total)} MB in ${files} files; HTML ${mb(htmlBytes)} MB; listing pages ${mb(listingBytes)} MB ` +
    `(${((100 * listingBytes) / total).toFixed(1)} % of the output); largest page ${kb(largest.max)} KB (${largest.maxAt})`,
);
if (over.length) {
  console.log(`\n${over.length} pages over ${maxKb} KB or ${maxGzipKb} KB gzipped:`);
  for (const line of over.slice(0, 40)) console.log("  " + line);
  process.exit(1);
}
console.log(`every page within ${maxKb} KB and ${maxGzipKb} KB gzipped`);
