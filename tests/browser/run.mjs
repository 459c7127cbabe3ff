// End-to-end checks in a real Chromium (Debian's /usr/bin/chromium, never a
// downloaded one), against a built site served over HTTP on loopback.
// `node tests/browser/run.mjs <output dir> <artifacts dir>`; prints one
// line per check and a closing "N passed, M failed"; exits 1 on failure.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [output, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, { recursive: true });

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".bin": "application/octet-stream", ".xml": "application/xml",
  ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
};

/** A static server for the output, confined to it. */
function serve(root) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(path.resolve(root))) {
      response.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, "index.html");
    }
    if (!fs.existsSync(file)) {
      response.writeHead(404, { "content-type": TYPES[".html"] });
      response.end(fs.readFileSync(path.join(root, "404.html")));
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    response.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const checks = [];
function check(name, run) {
  checks.push({ name, run });
}

check("typing 'phong chong dich' finds 07-KL/TW", async ({ page, base }) => {
  await page.goto(base + "/search/");
  await page.fill("#q", "phong chong dich");
  await page.press("#q", "Enter");
  await page.waitForSelector("#ket-qua .result");
  const names = await page.$$eval("#ket-qua .result-head a", (links) => links.map((a) => a.textContent));
  if (!names.includes("Kết luận 07-KL/TW")) throw new Error("results: " + names.join(" | "));
  await page.screenshot({ path: path.join(artifacts, "search-phong-chong-dich.png"), fullPage: true });
});

check("typing '4162' finds 4162/VPCP-TKBT first", async ({ page, base }) => {
  await page.goto(base + "/search/?q=4162");
  await page.waitForSelector("#ket-qua .result");
  const first = await page.textContent("#ket-qua .result-head a");
  if (first !== "Công văn 4162/VPCP-TKBT") throw new Error("first result: " + first);
});

check("clicking a result opens the paragraph where the words are", async ({ page, base }) => {
  await page.goto(base + "/search/?q=ho+chieu+vac+xin");
  await page.waitForSelector("#ket-qua .result");
  const snippet = await page.innerHTML("#ket-qua .snippet");
  if (!snippet.includes("<mark>Hộ</mark>")) throw new Error("snippet: " + snippet);
  await Promise.all([page.waitForURL(/07-kl-tw\/#diem-3-2$/), page.click("#ket-qua .result-head a")]);
  const targeted = await page.$eval("#diem-3-2", (p) => p.matches(":target") && p.textContent.startsWith("3.2."));
  if (!targeted) throw new Error("point 3.2 is not the target");
  await page.screenshot({ path: path.join(artifacts, "result-opens-point-3-2.png") });
});

check("the header's search box leads to results", async ({ page, base }) => {
  await page.goto(base + "/2021/4162-vpcp-tkbt/");
  await page.fill(".search-box input", "571-CV/TU");
  await Promise.all([page.waitForURL(/search\/\?q=/), page.press(".search-box input", "Enter")]);
  await page.waitForSelector("#ket-qua .result");
  const first = await page.textContent("#ket-qua .result-head a");
  if (first !== "Công văn 571-CV/TU") throw new Error("first result: " + first);
});

check("a filter narrows the results", async ({ page, base }) => {
  await page.goto(base + "/search/?q=phong+chong+dich");
  await page.waitForSelector("#ket-qua .result");
  await page.selectOption("select[name=level]", "province");
  await page.waitForFunction(() => document.querySelectorAll("#ket-qua .result").length === 1);
  const first = await page.textContent("#ket-qua .result-head a");
  if (first !== "Công văn 571-CV/TU") throw new Error("filtered: " + first);
});

check("the timeline filters in place with JavaScript", async ({ page, base }) => {
  await page.goto(base + "/timeline/");
  await page.click('.filters a[data-facet="levels"][data-term="province"]');
  const visible = await page.$$eval("[data-directive]", (entries) => entries.filter((e) => !e.hidden).map((e) => e.dataset.directive));
  if (visible.join() !== "2021/571-cv-tu") throw new Error("visible: " + visible.join());
  if (!page.url().endsWith("/timeline/")) throw new Error("navigated to " + page.url());
});

check("with JavaScript off the header has a plain link and the timeline's filters are pages", async ({ browser, base }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + "/timeline/");
  if (!(await page.$("a.search-link"))) throw new Error("no search link");
  await Promise.all([page.waitForURL(/timeline\/levels\/province\/$/), page.click('.filters a[data-term="province"]')]);
  const count = await page.$$eval("[data-directive]", (entries) => entries.length);
  if (count !== 1) throw new Error(count + " entries");
  await context.close();
});

const server = await serve(path.resolve(output));
const base = "http://127.0.0.1:" + server.address().port;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let passed = 0;
let failed = 0;
for (const { name, run } of checks) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await run({ page, base, browser });
    if (errors.length) throw new Error("script errors: " + errors.join("; "));
    passed += 1;
    console.log("ok - " + name);
  } catch (error) {
    failed += 1;
    console.log("FAILED - " + name + ": " + error.message);
    await page.screenshot({ path: path.join(artifacts, "failed-" + passed + failed + ".png"), fullPage: true }).catch(() => {});
  }
  await page.close();
}
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
