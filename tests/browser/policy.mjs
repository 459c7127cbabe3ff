// The Content-Security-Policy check checks something: on a page of its own
// (so its expected violation fails no other check), a script written into
// the page is refused by the browser, and the refusal reaches the server's
// report address, where run.mjs counts every other report as a failure.
import assert from "node:assert/strict";

/** Marks the reports this check causes on purpose. */
export const SELF_TEST = "csp-self-test";

export default [
  {
    name: "policy: an inline script is refused and reported",
    async run({ browser, base, server }) {
      if (!process.env.VANBAN_CSP) throw new Error("VANBAN_CSP is not set: no policy to check");
      const page = await browser.newPage();
      try {
        await page.goto(`${base}/?${SELF_TEST}`);
        const refused = await page.evaluate(
          () =>
            new Promise((resolve) => {
              document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), { once: true });
              const script = document.createElement("script");
              script.textContent = "window.ran = true;";
              document.body.append(script);
              setTimeout(() => resolve(null), 2000);
            }),
        );
        assert.match(String(refused), /^script-src/, "the browser did not refuse the inline script");
        assert.equal(await page.evaluate(() => window.ran), undefined, "the inline script ran");
        const deadline = Date.now() + 10000;
        while (!server.violations.some((v) => v.includes(SELF_TEST))) {
          if (Date.now() > deadline) throw new Error("the browser sent no report of the refusal");
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await page.close();
      }
    },
  },
];
