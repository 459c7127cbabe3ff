// Lighthouse on a built site: `node bench/lighthouse.mjs <output> [artifacts]`.
// It builds nothing: it serves the given output folder on loopback (with
// the browser suite's server), runs Lighthouse 12 (mobile defaults) in
// Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) on one page
// of each kind a reader lands on, prints a table of the four category
// scores, writes each report as JSON to the artifacts folder (default
// target/lighthouse/) and exits 1 when any score is below 100, naming the
// audits that cost points.
import fs from "node:fs";
import path from "node:path";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { serve } from "../tests/browser/site.mjs";

/** The pages measured: the front page, a directive, the timeline, search. */
export const PAGES = [
  { name: "front page", url: "/" },
  { name: "directive", url: "/2021/07-kl-tw/" },
  { name: "timeline", url: "/timeline/" },
  { name: "search", url: "/search/?q=phong+chong+dich" },
];

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

const [output, artifactsArgument] = process.argv.slice(2);
if (!output) {
  console.error("usage: node bench/lighthouse.mjs <output folder> [artifacts folder]");
  process.exit(2);
}
const root = path.resolve(output);
const artifacts = path.resolve(artifactsArgument || "target/lighthouse");
fs.mkdirSync(artifacts, { recursive: true });

const server = await serve(root);
const base = "http://127.0.0.1:" + server.address().port;
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});

const rows = [];
const losses = [];
try {
  for (const page of PAGES) {
    const result = await lighthouse(base + page.url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    const report = result.lhr;
    const file = page.url.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "front-page";
    fs.writeFileSync(path.join(artifacts, file + ".json"), result.report);
    const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
    rows.push([page.name, page.url, ...scores]);
    for (const category of CATEGORIES) {
      for (const ref of report.categories[category]?.auditRefs ?? []) {
        const audit = report.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          losses.push(`${page.url} ${category}: ${ref.id} (${audit.title}) ${audit.displayValue ?? ""}`.trim());
        }
      }
    }
  }
} finally {
  await chrome.kill();
  server.close();
}

const header = ["page", "path", ...CATEGORIES];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => "| " + cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ") + " |";
console.log(line(header));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const row of rows) console.log(line(row));
console.log(`reports: ${artifacts}`);
for (const loss of losses) console.log("not full marks: " + loss);
process.exit(rows.every((r) => r.slice(2).every((s) => s === 100)) ? 0 : 1);
