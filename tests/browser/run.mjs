// End-to-end checks in a real Chromium (Debian's /usr/bin/chromium, never a
// downloaded one), against a built site served over HTTP on loopback under
// the README's Content-Security-Policy (VANBAN_CSP): anything the policy
// blocks fails the check that met it, and any report the browser sends
// fails the run.
// `node tests/browser/run.mjs <output dir> <artifacts dir>`; prints one
// line per check and a closing "N passed, M failed"; exits 1 on failure.
// Screenshots go to the artifacts folder as `<name>.png`, listed in its
// `screenshots.txt`; the README shows some of them.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve, pages, PAGE_TYPES } from "./site.mjs";
import reader from "./reader.mjs";
import accessibility from "./accessibility.mjs";
import policy, { SELF_TEST } from "./policy.mjs";

const [output, artifacts] = process.argv.slice(2).map((p) => path.resolve(p));
fs.mkdirSync(artifacts, { recursive: true });
const only = process.env.BROWSER_CHECK || "";

const taken = [];
async function shot(page, name, { fullPage = false } = {}) {
  await page.screenshot({ path: path.join(artifacts, name + ".png"), fullPage });
  taken.push(name + ".png");
}

const server = await serve(output);
const base = "http://127.0.0.1:" + server.address().port;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const shared = { browser, base, server, shot, artifacts, pageTypes: PAGE_TYPES, allPages: pages(output) };
let passed = 0;
let failed = 0;
for (const { name, run } of [...policy, ...reader, ...accessibility].filter((c) => c.name.includes(only))) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) errors.push(message.text());
  });
  try {
    await run({ ...shared, page });
    if (errors.length) throw new Error("script or policy errors: " + errors.join("; "));
    passed += 1;
    console.log("ok - " + name);
  } catch (error) {
    failed += 1;
    console.log("FAILED - " + name + ": " + error.message);
    await page.screenshot({ path: path.join(artifacts, `failed-${passed + failed}.png`), fullPage: true }).catch(() => {});
  }
  await page.close();
}
await browser.close();
server.close();
// Reports are sent after the fact; every page has been closed by now.
const violations = server.violations.filter((v) => !v.includes(SELF_TEST));
if (violations.length) {
  failed += 1;
  console.log("FAILED - Content-Security-Policy reports: " + violations.join("\n"));
}
fs.writeFileSync(path.join(artifacts, "screenshots.txt"), taken.sort().join("\n") + "\n");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
