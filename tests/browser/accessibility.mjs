// WCAG 2.1 AA with axe-core on every page (with the rules WCAG 2.2 adds
// and axe's best practices, such as landmarks), the keyboard through
// header, search and timeline, and text alternatives for every SVG.
import { NOT_FOUND, PHONE } from "./site.mjs";

/** axe, as the test server serves it (see TEST_SCRIPTS). */
const AXE = "/__test/axe.min.js";
const RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** axe's violations on the page as it is now, one line each. */
async function violations(page) {
  await page.addScriptTag({ url: AXE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    RULES,
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}; at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** What the focused element is, and whether it shows that it has focus. */
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    const box = e.getBoundingClientRect();
    return {
      tag: e.tagName.toLowerCase(), text: (e.textContent || "").trim().slice(0, 60), href: e.getAttribute("href"),
      name: e.getAttribute("name"), className: String(e.className.baseVal ?? e.className),
      ring, visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
    };
  });
}

/** Presses Tab until `wanted(focus)` holds, checking every stop on the way shows its focus. */
async function tabTo(page, wanted, what, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    const focus = await focused(page);
    if (!focus.ring || !focus.visible) throw new Error("focus not shown on " + JSON.stringify(focus));
    if (wanted(focus)) return focus;
  }
  throw new Error(`${what}: not reached in ${limit} presses of Tab`);
}

export default [
  {
    name: "axe finds no violation of WCAG 2.1 AA (nor 2.2 AA, nor its best practices) on any page",
    async run({ page, base, allPages }) {
      const found = [];
      for (const url of [...allPages, NOT_FOUND]) {
        await page.goto(base + url);
        for (const v of await violations(page)) found.push(`${url}: ${v}`);
      }
      if (found.length) throw new Error("\n  " + found.join("\n  "));
    },
  },
  {
    name: "axe finds none either in dark mode or on a phone, with search results shown",
    async run({ browser, base, pageTypes }) {
      const found = [];
      for (const [label, options] of [
        ["dark", { colorScheme: "dark" }],
        ["phone", PHONE],
        ["dark phone", { ...PHONE, colorScheme: "dark" }],
      ]) {
        const context = await browser.newContext(options);
        const page = await context.newPage();
        for (const type of pageTypes) {
          await page.goto(base + type.url);
          if (type.ready) await page.waitForSelector(type.ready);
          for (const v of await violations(page)) found.push(`${label} ${type.url}: ${v}`);
        }
        await context.close();
      }
      if (found.length) throw new Error("\n  " + found.join("\n  "));
    },
  },
  {
    name: "the keyboard alone skips to the content, searches from the header and opens a result",
    async run({ page, base }) {
      await page.goto(base + "/2021/07-kl-tw/");
      const skip = await tabTo(page, () => true, "the first stop");
      if (skip.text !== "Chuyển đến nội dung chính") throw new Error("first stop: " + JSON.stringify(skip));
      await page.keyboard.press("Enter");
      const inside = await tabTo(page, () => true, "the stop after the skip link");
      const inMain = await page.evaluate(() => !!document.activeElement.closest("main"));
      if (!inMain) throw new Error("after skipping, focus went to " + JSON.stringify(inside));

      // After the skip link, every control of the header, each showing its
      // focus, then the page.
      await page.goto(base + "/2021/07-kl-tw/");
      const controls = await page.$$eval(".site-header a, .site-header input, .site-header button", (all) => all.length);
      const inHeader = [];
      for (let stop = 0; stop < controls + 2; stop += 1) {
        await tabTo(page, () => true, "the next stop");
        inHeader.push(await page.evaluate(() => !!document.activeElement.closest(".site-header")));
      }
      const expected = [false, ...Array(controls).fill(true), false];
      if (controls < 8 || inHeader.join() !== expected.join()) throw new Error(`${controls} controls; stops in the header: ${inHeader}`);

      await page.goto(base + "/2021/07-kl-tw/");
      await tabTo(page, (f) => f.tag === "input" && f.name === "q", "the header's search box");
      await page.keyboard.type("phong chong dich");
      await Promise.all([page.waitForURL(/search\/\?q=phong\+chong\+dich/), page.keyboard.press("Enter")]);
      await page.waitForSelector("#ket-qua .result");
      // Past the query field and the filters, the first result.
      const first = await page.$eval("#ket-qua .result-head a", (a) => a.getAttribute("href"));
      await tabTo(page, (f) => f.href === first, "the first result", 60);
      await Promise.all([page.waitForURL((url) => url.href.endsWith(first)), page.keyboard.press("Enter")]);
    },
  },
  {
    name: "the keyboard alone filters the timeline and reaches a directive from its overview",
    async run({ page, base }) {
      await page.goto(base + "/timeline/");
      const mark = await tabTo(page, (f) => f.tag === "a" && !!f.href && f.href.startsWith("#vb-"), "a mark of the overview");
      await page.keyboard.press("Enter");
      const target = await page.evaluate(() => location.hash);
      if (target !== mark.href) throw new Error(`Enter on ${mark.href} went to ${target}`);
      // The filters stand between the overview and the entries.
      await page.goto(base + "/timeline/");
      await tabTo(page, (f) => f.tag === "a" && f.text.startsWith("Tỉnh, thành phố"), "the filter 'Tỉnh, thành phố'", 80);
      await page.keyboard.press("Enter");
      const visible = await page.$$eval("[data-directive]", (entries) => entries.filter((e) => !e.hidden).length);
      if (visible !== 1) throw new Error(visible + " entries after filtering by keyboard");
      const current = await page.$eval('.filters a[aria-current]', (a) => a.textContent.trim());
      if (!current.startsWith("Tỉnh, thành phố")) throw new Error("current filter: " + current);
    },
  },
  {
    name: "every SVG and every link in one has a text alternative",
    async run({ page, base, allPages }) {
      let svgs = 0;
      const missing = [];
      for (const url of allPages) {
        await page.goto(base + url);
        const found = await page.evaluate(() => {
          const text = (e) => (e ? e.textContent.trim() : "");
          const named = (e) => {
            if (e.getAttribute("aria-hidden") === "true") return true;
            if ((e.getAttribute("aria-label") || "").trim()) return true;
            const ids = (e.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
            if (ids.length && ids.every((id) => text(document.getElementById(id)))) return true;
            return !!text(e.querySelector(":scope > title"));
          };
          const all = [...document.querySelectorAll("svg")];
          const bad = all.filter((svg) => !named(svg)).map((svg) => svg.outerHTML.slice(0, 80));
          for (const a of document.querySelectorAll("svg a")) {
            if (!named(a)) bad.push(a.outerHTML.slice(0, 80));
          }
          return { count: all.length, bad };
        });
        svgs += found.count;
        missing.push(...found.bad.map((b) => `${url}: ${b}`));
      }
      if (svgs === 0) throw new Error("no SVG found: the timeline's overview should be one");
      if (missing.length) throw new Error("\n  " + missing.join("\n  "));
    },
  },
];
