// What a reader does: read, follow cross-references both ways, use the
// timeline and its filters, search without diacritics; on a phone, in dark
// mode, in print, and with JavaScript off.
import { PHONE } from "./site.mjs";

/** The relative luminance of a CSS `rgb()` colour (WCAG 2.1). */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function colours(page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });
}

export default [
  {
    name: "from the front page a reader follows a cross-reference and comes back by 'Được thực hiện bởi'",
    async run({ page, base, shot }) {
      await page.goto(base + "/");
      await shot(page, "front-page");
      await Promise.all([page.waitForURL(/\/2021\/4162-vpcp-tkbt\/$/), page.click('.directive-list a[href$="/2021/4162-vpcp-tkbt/"]')]);
      // The number 07-KL/TW written in the text is a link.
      const citation = page.locator("#doan-1 a", { hasText: "07-KL/TW" });
      await Promise.all([page.waitForURL(/\/2021\/07-kl-tw\/$/), citation.click()]);
      const title = await page.textContent("h1");
      if (!title.includes("07-KL/TW") && !(await page.title()).includes("07-KL/TW")) throw new Error("arrived at " + title);
      await shot(page, "directive-07-kl-tw");
      const back = page.locator(".panel h4", { hasText: "Được thực hiện bởi" }).locator("xpath=following-sibling::ul[1]//a");
      if ((await back.textContent()) !== "Công văn 4162/VPCP-TKBT") throw new Error("implemented by: " + (await back.textContent()));
      await Promise.all([page.waitForURL(/\/2021\/4162-vpcp-tkbt\/$/), back.click()]);
    },
  },
  {
    name: "typing 'phong chong dich' finds 07-KL/TW",
    async run({ page, base, shot }) {
      await page.goto(base + "/search/");
      await page.fill("#q", "phong chong dich");
      await page.press("#q", "Enter");
      await page.waitForSelector("#ket-qua .result");
      const names = await page.$$eval("#ket-qua .result-head a", (links) => links.map((a) => a.textContent));
      if (!names.includes("Kết luận 07-KL/TW")) throw new Error("results: " + names.join(" | "));
      await shot(page, "search-phong-chong-dich");
    },
  },
  {
    name: "typing '4162' finds 4162/VPCP-TKBT first",
    async run({ page, base }) {
      await page.goto(base + "/search/?q=4162");
      await page.waitForSelector("#ket-qua .result");
      const first = await page.textContent("#ket-qua .result-head a");
      if (first !== "Công văn 4162/VPCP-TKBT") throw new Error("first result: " + first);
    },
  },
  {
    name: "clicking a result opens the paragraph where the words are",
    async run({ page, base, shot }) {
      await page.goto(base + "/search/?q=ho+chieu+vac+xin");
      await page.waitForSelector("#ket-qua .result");
      const snippet = await page.innerHTML("#ket-qua .snippet");
      if (!snippet.includes("<mark>Hộ</mark>")) throw new Error("snippet: " + snippet);
      await Promise.all([page.waitForURL(/07-kl-tw\/#diem-3-2$/), page.click("#ket-qua .result-head a")]);
      const targeted = await page.$eval("#diem-3-2", (p) => p.matches(":target") && p.textContent.startsWith("3.2."));
      if (!targeted) throw new Error("point 3.2 is not the target");
      await shot(page, "result-opens-point-3-2");
    },
  },
  {
    name: "the header's search box leads to results",
    async run({ page, base }) {
      await page.goto(base + "/2021/4162-vpcp-tkbt/");
      await page.fill(".search-box input", "571-CV/TU");
      await Promise.all([page.waitForURL(/search\/\?q=/), page.press(".search-box input", "Enter")]);
      await page.waitForSelector("#ket-qua .result");
      const first = await page.textContent("#ket-qua .result-head a");
      if (first !== "Công văn 571-CV/TU") throw new Error("first result: " + first);
    },
  },
  {
    name: "a filter narrows the results",
    async run({ page, base }) {
      await page.goto(base + "/search/?q=phong+chong+dich");
      await page.waitForSelector("#ket-qua .result");
      await page.selectOption("select[name=level]", "province");
      await page.waitForFunction(() => document.querySelectorAll("#ket-qua .result").length === 1);
      const first = await page.textContent("#ket-qua .result-head a");
      if (first !== "Công văn 571-CV/TU") throw new Error("filtered: " + first);
    },
  },
  {
    name: "the timeline filters in place with JavaScript",
    async run({ page, base, shot }) {
      await page.goto(base + "/timeline/");
      await shot(page, "timeline");
      await page.click('.filters a[data-facet="levels"][data-term="province"]');
      const visible = await page.$$eval("[data-directive]", (entries) => entries.filter((e) => !e.hidden).map((e) => e.dataset.directive));
      if (visible.join() !== "2021/571-cv-tu") throw new Error("visible: " + visible.join());
      if (!page.url().endsWith("/timeline/")) throw new Error("navigated to " + page.url());
      const count = await page.textContent(".timeline-page > .count");
      if (!count.startsWith("1 văn bản")) throw new Error("count: " + count);
    },
  },
  {
    name: "with JavaScript off the header has a plain link and the timeline's filters are pages",
    async run({ browser, base }) {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(base + "/timeline/");
      if (!(await page.$("a.search-link"))) throw new Error("no search link");
      await Promise.all([page.waitForURL(/timeline\/levels\/province\/$/), page.click('.filters a[data-term="province"]')]);
      const count = await page.$$eval("[data-directive]", (entries) => entries.length);
      if (count !== 1) throw new Error(count + " entries");
      // The overview leads to each month's page, and a tie there to the
      // page of the entry it names.
      await page.goto(base + "/timeline/");
      await Promise.all([page.waitForURL(/timeline\/2021\/06\/$/), page.click('.counts a[href$="/timeline/2021/06/"]')]);
      const june = await page.$$eval("[data-directive]", (entries) => entries.map((e) => e.dataset.directive));
      if (june.join() !== "2021/07-kl-tw,2021/4162-vpcp-tkbt") throw new Error("June: " + june.join());
      await page.goto(base + "/timeline/2021/05/");
      await Promise.all([page.waitForURL(/timeline\/2021\/07\/#vb-2021-571-cv-tu$/), page.click('[data-for] a[href*="571-cv-tu"]')]);
      await context.close();
    },
  },
  {
    name: "on a phone no page scrolls sideways and the directive reads in one column",
    async run({ browser, base, shot, pageTypes }) {
      const context = await browser.newContext({ ...PHONE, deviceScaleFactor: 2 });
      const page = await context.newPage();
      for (const type of pageTypes) {
        await page.goto(base + type.url);
        if (type.ready) await page.waitForSelector(type.ready);
        const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
        if (scroll > width) throw new Error(`${type.url} is ${scroll} px wide on a ${width} px screen`);
      }
      await page.goto(base + "/2021/07-kl-tw/");
      // The panel of facts follows the text instead of standing beside it.
      const [text, panel] = await Promise.all([".document", ".panel"].map((s) => page.$eval(s, (e) => e.getBoundingClientRect().toJSON())));
      if (panel.top < text.bottom) throw new Error("the panel stands beside the text");
      await shot(page, "phone-07-kl-tw");
      await page.goto(base + "/timeline/");
      await shot(page, "phone-timeline");
      await context.close();
    },
  },
  {
    name: "on a phone no number or name with a hyphen (Covid-19, 07-KL/TW) breaks across lines",
    async run({ browser, base, pageTypes }) {
      const context = await browser.newContext({ ...PHONE, deviceScaleFactor: 2 });
      const page = await context.newPage();
      let seen = 0;
      for (const { url, ready } of pageTypes) {
        await page.goto(base + url);
        if (ready) await page.waitForSelector(ready);
        const found = await page.evaluate((needles) => {
          const skipped = (e) => e.closest("title, script, style, svg, option");
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const broken = [];
          let count = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (skipped(node.parentElement)) continue;
            for (const needle of needles) {
              for (let at = node.data.indexOf(needle); at >= 0; at = node.data.indexOf(needle, at + 1)) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + needle.length);
                const rects = [...range.getClientRects()].filter((r) => r.width > 0);
                if (!rects.length) continue;
                count += 1;
                const lines = new Set(rects.map((r) => Math.round(r.top)));
                const space = getComputedStyle(node.parentElement).whiteSpace;
                // One line now, and kept so at any width: the word's own
                // element does not wrap.
                if (lines.size > 1 || !/nowrap|pre/.test(space)) {
                  broken.push(`${needle} in <${node.parentElement.localName} class="${node.parentElement.className}"> (${lines.size} lines, white-space ${space})`);
                }
              }
            }
          }
          return { count, broken };
        }, ["Covid-19", "07-KL/TW", "4162/VPCP-TKBT"]);
        seen += found.count;
        if (found.broken.length) throw new Error(url + ": " + found.broken.join("; "));
      }
      if (seen < 20) throw new Error("only " + seen + " numbers and names found");
      await context.close();
    },
  },
  {
    name: "the timeline's overview fills its box on a wide screen and scrolls inside it on a phone",
    async run({ browser, base }) {
      const widths = async (page) => page.$eval("svg.overview", (svg) => {
        const box = svg.parentElement;
        const padding = parseFloat(getComputedStyle(box).paddingLeft) + parseFloat(getComputedStyle(box).paddingRight);
        return { svg: svg.getBoundingClientRect().width, box: box.clientWidth - padding, scroll: box.scrollWidth };
      });
      const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await wide.newPage();
      await page.goto(base + "/timeline/");
      const desktop = await widths(page);
      if (desktop.svg < 0.9 * desktop.box) throw new Error(`at 1280 px the overview is ${desktop.svg} px wide in a ${desktop.box} px box`);
      // The marks spread out with it: the last month's mark is near the right.
      const last = await page.$$eval("svg.overview rect.mark", (marks) => Math.max(...marks.map((m) => m.getBoundingClientRect().right)));
      const right = await page.$eval("svg.overview", (svg) => svg.getBoundingClientRect().right);
      if (right - last > 0.1 * desktop.svg) throw new Error(`the last mark ends ${right - last} px before the overview does`);
      await wide.close();
      const phone = await browser.newContext(PHONE);
      const small = await phone.newPage();
      await small.goto(base + "/timeline/");
      const narrow = await widths(small);
      if (!(narrow.svg > narrow.box && narrow.scroll > narrow.box)) throw new Error("on a phone: " + JSON.stringify(narrow));
      await phone.close();
    },
  },
  {
    name: "in dark mode pages are dark with light text, and readable",
    async run({ browser, base, shot }) {
      const light = await browser.newContext();
      const lightPage = await light.newPage();
      await lightPage.goto(base + "/2021/07-kl-tw/");
      const day = await colours(lightPage);
      await light.close();
      const dark = await browser.newContext({ colorScheme: "dark" });
      const page = await dark.newPage();
      await page.goto(base + "/2021/07-kl-tw/");
      const night = await colours(page);
      if (!(luminance(night.background) < 0.05 && luminance(night.text) > 0.6)) throw new Error("dark: " + JSON.stringify(night));
      if (!(luminance(day.background) > 0.9 && luminance(day.text) < 0.05)) throw new Error("light: " + JSON.stringify(day));
      await shot(page, "dark-07-kl-tw");
      await dark.close();
    },
  },
  {
    name: "in print the page is the document: no header, menus or footer, black on white",
    async run({ page, base, shot, artifacts }) {
      await page.goto(base + "/2021/07-kl-tw/");
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const seen = await page.evaluate(() => {
        const shown = (s) => {
          const e = document.querySelector(s);
          return !!e && getComputedStyle(e).display !== "none";
        };
        return {
          header: shown(".site-header"), footer: shown(".site-footer"), breadcrumb: shown(".breadcrumb"),
          document: shown(".document"), signature: shown(".signature"), panel: shown(".panel"),
          colour: getComputedStyle(document.querySelector(".document-body")).color,
          paper: getComputedStyle(document.body).backgroundColor,
        };
      });
      if (seen.header || seen.footer || seen.breadcrumb) throw new Error("printed chrome: " + JSON.stringify(seen));
      if (!seen.document || !seen.signature || !seen.panel) throw new Error("missing in print: " + JSON.stringify(seen));
      if (seen.colour !== "rgb(0, 0, 0)" || luminance(seen.paper) < 0.9) throw new Error("print colours: " + JSON.stringify(seen));
      await shot(page, "print-07-kl-tw", { fullPage: true });
      const pdf = await page.pdf({ path: `${artifacts}/07-kl-tw.pdf`, preferCSSPageSize: true });
      if (pdf.length < 10000) throw new Error("PDF of " + pdf.length + " bytes");
    },
  },
];
